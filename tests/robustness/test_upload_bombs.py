"""A bomb for every upload kind is refused quickly, with a Chinese message, in bounded memory.

Each bomb runs in a fresh process (tests/robustness/probe.py) so that resource.getrusage
measures exactly that upload: the worker's own peak (VmHWM) and the peak of the bounded parser
child (resource.getrusage).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

LIMIT_MB = 512
CASES = {
    "report_docx": "疑为压缩炸弹",
    "report_zip": "疑为压缩炸弹",
    "report_zip_members": "内含文件超过200个",
    "report_pdf_flate": "疑为压缩炸弹或异常文件",  # PDFium inflates it: the bounded parser's memory cap refuses it
    "attachment_docx": "疑为压缩炸弹",
    "attachment_xlsx": "疑为压缩炸弹",
    "attachment_pdf_pages": "超过300页",
    "attachment_pdf_flate": "附件“bomb.pdf”",
    "catalog_xlsx": "疑为压缩炸弹",
    "catalog_dtd": "无法读取",
    "ledger_xlsx": "疑为压缩炸弹",
    "ledger_dtd": "无法读取",
    "statistics_xlsx": "疑为压缩炸弹",
    "statistics_rows": "超过1000行",
    "statistics_dtd": "无法读取",
}


@pytest.mark.parametrize("kind", sorted(CASES))
def test_bomb_is_refused_quickly_in_bounded_memory(kind):
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    done = subprocess.run(
        [sys.executable, "-m", "tests.robustness.probe", kind],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "GONGKAI_OCR": "off"},
    )
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert not result["message"].startswith("ACCEPTED"), result
    assert CASES[kind] in result["message"], result
    assert any("\u4e00" <= ch <= "\u9fff" for ch in result["message"])  # a Chinese reason
    assert result["seconds"] < 25, result
    assert result["maxrss_mb"] < LIMIT_MB and result["children_maxrss_mb"] < LIMIT_MB, result
