"""Scoring a reading against the truth (the labelled set's measure).

`score(read, truth, findings)` compares two report JSONs cell by cell: figures that are in the
document count (those of a section the document does not hold — `missing.section` — do not);
each is read (equal), null, or wrong (a different number: the reader's one forbidden outcome).
"""

from __future__ import annotations

from dataclasses import dataclass

TABLES = ("proactive", "applications", "review_litigation")


@dataclass
class Score:
    read: int = 0
    null: int = 0
    wrong: int = 0
    refused: int = 0

    @property
    def total(self) -> int:
        return self.read + self.null + self.wrong

    @property
    def share(self) -> float:
        return self.read / self.total if self.total else 1.0

    def add(self, other: Score) -> None:
        self.read += other.read
        self.null += other.null
        self.wrong += other.wrong
        self.refused += other.refused


def score(read: dict | None, truth: dict, findings: list[dict]) -> tuple[Score, list[str]]:
    """(the score, where each wrong figure is)."""
    missing = {f["where"] for f in findings if f["code"] == "missing.section"}
    result = Score()
    wrong: list[str] = []
    for table in TABLES:
        if table in missing:
            continue
        for row, cells in truth[table].items():
            for column, value in cells.items():
                got = None if read is None else read[table].get(row, {}).get(column)
                if got is None:
                    result.null += 1
                elif got == value:
                    result.read += 1
                else:
                    result.wrong += 1
                    wrong.append(f"{table}.{row}.{column}: {got!r} != {value!r}")
    if read is None:
        result.refused = 1
    return result, wrong
