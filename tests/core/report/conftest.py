import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
FIXTURES = ROOT / "tests" / "fixtures" / "reports"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))  # for bench._report_corpus
