"""Reading a harvested document: the report reader, plus the formats it needs help with.

Contract: `read_document(content, name, fetch=None)` → `(ReadResult, findings)`; never raises.
Legacy Word (.doc) and WPS (.wps) files are read by the core (LibreOffice headless converts them);
OFD (the national fixed-layout format) by the core's OFD reader (`read_ofd`, with ofdkit), chosen
by the `.ofd` suffix of the link or by the OFD.xml inside the container.
"""

from __future__ import annotations

from pathlib import Path

from gongkai.core.report.examine import findings_of
from gongkai.core.report.model import error
from gongkai.core.report.read import read_report
from gongkai.core.report.read_lines import ReadResult


def _name(name: str) -> str:
    """The file name of a URL or path (query and fragment dropped): the core reads an `.ofd`
    that is not a sound ZIP as OFD, so that it says what is wrong with it."""
    return Path(name.split("?", 1)[0].split("#", 1)[0]).name


def read_document(content: bytes, name: str, fetch=None) -> tuple[ReadResult, list]:
    """(the reading, every finding: reading and checks) of one harvested document."""
    try:
        result = read_report(content, _name(name), fetch=fetch)
    except Exception as failure:
        result = ReadResult(None, [error("input.unreadable", "document", f"读取失败：{type(failure).__name__}")])
    return result, findings_of(result)
