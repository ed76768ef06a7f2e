from pathlib import Path

import gongkai.core.report as package


def test_report_core_never_imports_django():
    for path in Path(package.__file__).parent.glob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "import django" not in text and "from django" not in text, path.name
