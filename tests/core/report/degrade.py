"""Degrading rendered reports the ways scrapers and converters do (test helper)."""

from __future__ import annotations

import random
import re

FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
NUMBER_CELL = re.compile(r"^\d+(\.\d+)?$")


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.split("|")]


def _is_data_row(cells: list[str]) -> bool:
    return sum(1 for c in cells if NUMBER_CELL.match(c)) >= 1 and NUMBER_CELL.match(cells[-1] or "x") is not None


def with_tabs(text: str) -> str:
    return "\n".join("\t".join(_cells(line)) if "|" in line else line for line in text.splitlines())


def labels_after_figures(text: str) -> str:
    """Tab-separated rows with each row's label cells printed after its figures (a PDF-to-text
    layout where the wrapped label column comes out last)."""
    out = []
    for line in with_tabs(text).splitlines():
        cells = line.split("\t")
        figures = [c for c in cells if NUMBER_CELL.match(c)]
        labels = [c for c in cells if not NUMBER_CELL.match(c)]
        out.append("\t".join(figures + labels) if figures and labels and len(cells) > 1 else line)
    return "\n".join(out)


def one_cell_per_line(text: str) -> str:
    out = []
    for line in text.splitlines():
        out += [c for c in _cells(line) if c] if "|" in line else [line]
        out.append("")
    return "\n".join(out)


def drop_labels(text: str, rng: random.Random, share: float = 0.5) -> str:
    """Remove the label cells of about `share` of the data rows (the seed's lost row labels)."""
    out = []
    for line in text.splitlines():
        cells = _cells(line) if "|" in line else []
        if cells and _is_data_row(cells) and rng.random() < share:
            line = " | ".join(c for c in cells if NUMBER_CELL.match(c) or not c)
        out.append(line)
    return "\n".join(out)


def run_together(text: str, rng: random.Random, share: float = 0.3) -> str:
    """Join the cells of some data rows with no separator at all ("…数量21710000218")."""
    out = []
    for line in text.splitlines():
        cells = _cells(line) if "|" in line else []
        if cells and _is_data_row(cells) and rng.random() < share:
            line = "".join(cells)
        out.append(line)
    return "\n".join(out)


def full_width(text: str) -> str:
    return text.translate(FULL_WIDTH).replace("|", "｜").replace("(", "（").replace(")", "）")


def inject_noise(text: str, rng: random.Random) -> str:
    """Page numbers ("-3-") and site navigation between lines."""
    noise = [
        "-{}-",
        "第{}页 共9页",
        "扫一扫在手机打开当前页面",
        "【打印本页】【关闭窗口】",
        "当前位置：首页 > 政府信息公开",
    ]
    out = []
    for line in text.splitlines():
        out.append(line)
        if rng.random() < 0.15:
            out.append(rng.choice(noise).format(rng.randint(1, 9)))
    return "\n".join(out)


def split_labels(text: str, rng: random.Random) -> str:
    """Break long row labels across two lines, as narrow table cells wrap."""
    out = []
    for line in text.splitlines():
        cells = _cells(line) if "|" in line else []
        if cells and len(cells[0]) > 10 and rng.random() < 0.5:
            head, tail = cells[0][:8], cells[0][8:]
            out += [head, " | ".join([tail] + cells[1:])]
        else:
            out.append(line)
    return "\n".join(out)
