"""axe-core (the vendored copy of tests/browser/axe.py) run in the page by Playwright, with the
count of rules passed; the site's CSP stays on (axe is loaded through page.evaluate).

`axe_violations(page)` runs the WCAG 2.0/2.1 A and AA rules and returns the serious and critical
violations; it prints every page's result so the test output shows what was checked.
"""

from __future__ import annotations

from tests.browser.axe import TAGS, inject

BLOCKING = {"serious", "critical"}


def axe_violations(page, label: str = "") -> list[dict]:
    inject(page)
    result = page.evaluate(
        """async (tags) => {
        const r = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
        return {passes: r.passes.length, violations: r.violations.map(v => ({
            id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.slice(0, 5).map(n => n.target.join(' '))}))};
    }""",
        TAGS,
    )
    blocking = [v for v in result["violations"] if v["impact"] in BLOCKING]
    minor = [v for v in result["violations"] if v["impact"] not in BLOCKING]
    print(
        f"axe {label or page.url}: {result['passes']} rules passed, "
        f"{len(blocking)} serious/critical, {len(minor)} minor/moderate"
        + "".join(f"\n    [{v['impact']}] {v['id']}: {v['help']} {v['nodes']}" for v in result["violations"])
    )
    return blocking
