"""axe-core (vendored: tests/browser/vendor/axe.min.js, npm axe-core 4.14.1, MPL-2.0) in Playwright."""

from __future__ import annotations

from pathlib import Path

AXE = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]  # WCAG 2.1 AA (GB/T 37668-2019 follows it)


def inject(page) -> None:
    """Load axe into the page through the DevTools protocol (page.evaluate), which the site's
    Content-Security-Policy (script-src 'self') does not block, unlike an injected <script>."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE.read_text(encoding="utf-8"))


def serious_violations(page) -> list[dict]:
    """Run axe on the page; print every violation (in the test output) and return the serious and
    critical ones."""
    inject(page)
    result = page.evaluate(
        """async (tags) => {
        const r = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
        return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                       nodes: v.nodes.slice(0, 5).map(n => n.target.join(' '))}));
    }""",
        TAGS,
    )
    print(f"axe {page.url}: {len(result)} violation(s)")
    for v in result:
        print(f"  [{v['impact']}] {v['id']}: {v['help']} {v['nodes']}")
    return [v for v in result if v["impact"] in ("serious", "critical")]
