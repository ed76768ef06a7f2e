"""How gongkai's modules import each other (issue 15, "no circles").

- No cycle among module-level imports: a module that needs another's code imports it at the top,
  so a cycle cannot hide in a function body.
- No import of `gongkai` inside a function, except the few listed in ALLOWED with their reason
  (the CLI layer, which sets Django up first, and migrations are exempt as a whole).
- No import of another module's private (`_name`) names.

The imports are read from the source (ast), so nothing is executed.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "gongkai"

# (importing file, imported module): why the import stays inside a function.
ALLOWED = {
    # Django app loading: ready() runs once every app's models are loaded.
    ("gongkai/audit/apps.py", "gongkai.audit.integrity"): "AppConfig.ready installs the append-only triggers",
    ("gongkai/security/apps.py", "gongkai.security.signals"): "AppConfig.ready connects the login-failure signal",
    ("gongkai/publishing/apps.py", "gongkai.publishing.queue"): "AppConfig.ready connects the writer to the queue",
    ("gongkai/publishing/apps.py", "gongkai.publishing.services"): "(services renders pages of every app)",
    # `gongkai.audit` is imported while INSTALLED_APPS load, before its models may be.
    ("gongkai/audit/__init__.py", "gongkai.audit.services"): "audit.record() is usable before apps are ready",
    # Heavy optional libraries, loaded only for the file kinds that need them.
    ("gongkai/core/report/read.py", "gongkai.core.report.read_pdf"): "PDFium and pdfplumber",
    ("gongkai/core/report/read.py", "gongkai.core.report.read_docx"): "python-docx",
    ("gongkai/core/report/read.py", "gongkai.core.report.read_legacy"): "LibreOffice for .doc/.wps",
    ("gongkai/core/report/read.py", "gongkai.core.report.read_pictures"): "tesseract OCR",
    ("gongkai/reports/formats.py", "gongkai.core.report.render_docx"): "python-docx",
    ("gongkai/reports/formats.py", "gongkai.core.report.render_pdf"): "WeasyPrint",
    # Mutual recursion in the reader: a table published as a picture is OCR'd (read_image) and
    # its text read by the line reader (read_lines), which finds the picture in the first place.
    ("gongkai/core/report/read_lines.py", "gongkai.core.report.read_image"): "OCR of pictured tables",
    ("gongkai/core/report/read_image.py", "gongkai.core.report.read_lines"): "OCR text read as lines",
    ("gongkai/core/report/read.py", "gongkai.core.report.read_ofd"): "ofdkit",
    # notifications imports letters.service (the sealed copy, the service date); the letters
    # package tells the applicant when a letter is issued, so one side waits for the call.
    ("gongkai/applications/letters/__init__.py", "gongkai.applications.notifications"): "letters ↔ notifications",
}
# Private names imported from another module: none.
ALLOWED_PRIVATE: set[tuple[str, str, str]] = set()


def _modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


MODULES = _modules()


def _resolve(name: str) -> str | None:
    """The module an imported dotted name loads (`a.b.c` → `a.b` when `c` is a name in `a.b`)."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


def _imports(tree: ast.Module):
    """(node, at module level) for every gongkai import, skipping `if TYPE_CHECKING:` blocks."""

    def walk(node, top):
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and getattr(child.test, "id", None) == "TYPE_CHECKING":
                continue
            if isinstance(child, ast.Import) and any(a.name.startswith("gongkai") for a in child.names):
                yield child, top
            elif isinstance(child, ast.ImportFrom) and child.level == 0 and (child.module or "").startswith("gongkai"):
                yield child, top
            else:
                inner = top and not isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda))
                yield from walk(child, inner)

    yield from walk(tree, True)


def _targets(node) -> set[str]:
    if isinstance(node, ast.Import):
        names = [a.name for a in node.names]
    else:
        names = [f"{node.module}.{a.name}" for a in node.names]  # a submodule, or a name in the module
    return {t for t in map(_resolve, names) if t}


def _relative(path: Path) -> str:
    return str(path.relative_to(ROOT))


def _graph() -> dict[str, set[str]]:
    edges: dict[str, set[str]] = {name: set() for name in MODULES}
    for name, path in MODULES.items():
        for node, top in _imports(ast.parse(path.read_text())):
            if not top:
                continue
            for target in _targets(node):
                while target:  # importing a.b.c runs a/__init__ and a/b/__init__ too
                    if target != name and not name.startswith(target + "."):
                        edges[name].add(target)
                    target = target.rpartition(".")[0] if target.count(".") > 1 else ""
    return edges


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (iterative Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found = []
    counter = 0
    for start in edges:
        if start in index:
            continue
        work = [(start, iter(sorted(edges[start])))]
        index[start] = low[start] = counter
        counter += 1
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(edges[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_no_import_cycles_between_modules():
    assert _cycles(_graph()) == []


def test_the_cycle_finder_finds_a_cycle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_function_level_imports_of_gongkai_outside_the_allow_list():
    found = set()
    for name, path in MODULES.items():
        if name.startswith("gongkai.cli"):
            continue  # the CLI sets Django up before it imports the apps
        for node, top in _imports(ast.parse(path.read_text())):
            if not top:
                found |= {(_relative(path), target) for target in _targets(node)}
    unexpected = sorted(found - set(ALLOWED))
    assert not unexpected, f"import these at module level (or move the code where it belongs): {unexpected}"
    stale = sorted(set(ALLOWED) - found)
    assert not stale, f"no longer needed in ALLOWED: {stale}"


def test_no_imports_of_another_modules_private_names():
    found = set()
    for _name, path in MODULES.items():
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("gongkai"):
                found |= {
                    (_relative(path), node.module, a.name)
                    for a in node.names
                    if a.name.startswith("_") and not a.name.startswith("__")
                }
    assert found <= ALLOWED_PRIVATE, sorted(found - ALLOWED_PRIVATE)


def _public_surfaces() -> dict[str, set[str]]:
    """Each app's declared public modules (`public = (...)` on its AppConfig, read from the source)."""
    surfaces = {}
    for apps_py in PACKAGE.glob("*/apps.py"):
        for node in ast.walk(ast.parse(apps_py.read_text())):
            if isinstance(node, ast.Assign) and [getattr(t, "id", None) for t in node.targets] == ["public"]:
                surfaces[apps_py.parent.name] = set(ast.literal_eval(node.value))
    return surfaces


def test_apps_import_each_other_only_through_their_public_surface():
    """Issue 15: an app uses another app only through the modules that app declares public (its
    actions, selectors, models and the few services named on its AppConfig) — never its views'
    helpers, forms or private modules. Adding a module to a `public` tuple is a deliberate act."""
    surfaces = _public_surfaces()
    assert {"agencies", "applications", "catalog", "reports"} <= set(surfaces)
    stray = set()
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE).parts
        if "migrations" in parts or parts[0] not in surfaces:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if not isinstance(node, ast.ImportFrom) or not (node.module or "").startswith("gongkai"):
                continue
            module = node.module.split(".")[1:3]
            # `from gongkai.x import y`: names of the package x are public, its submodules only if listed
            targets = [module] if len(module) == 2 else [module + [a.name] for a in node.names]
            for target in targets:
                app = target[0] if target else None
                if app not in surfaces or app == parts[0] or len(target) < 2:
                    continue
                is_module = (PACKAGE / app / f"{target[1]}.py").exists() or (PACKAGE / app / target[1]).is_dir()
                if is_module and target[1] not in surfaces[app]:
                    stray.add((_relative(path), ".".join(target)))
    assert not stray, f"import another app only through its public modules (its AppConfig.public): {sorted(stray)}"
