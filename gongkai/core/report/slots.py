"""The rows of a table as the aligner sees them, and the row a label names.

`Slot` is one row of the national format (its id, columns, label, group); `match_slot(text,
slots)` says which row (or group) a label names, if exactly one; `expand_empty_rows` gives a row
printed with every cell empty (`tokens.EMPTY_ROW`) one blank per column of that row.
"""

from __future__ import annotations

from dataclasses import dataclass

from gongkai.core.report.tokens import ROW_PRINTED_EMPTY, Token, label_matches, normalize_label


@dataclass(frozen=True)
class Slot:
    """One row of a table: its id, column ids, label and the label of its group (if any)."""

    id: str
    column_ids: tuple[str, ...]
    label: str
    group: str | None = None
    totalled: bool = False  # the last column is the sum of the others
    decimal_columns: tuple[str, ...] = ()

    @property
    def width(self) -> int:
        return len(self.column_ids)


_MATCHES: dict[tuple[int, str], tuple[list, tuple[int | None, int | None]]] = {}


def match_slot(text: str, slots: list[Slot]) -> tuple[int | None, int | None]:
    """(leaf index, group first index) that a label names, if exactly one (memoised per slot
    list: the lists are the format's constants)."""
    key = (id(slots), text)
    found = _MATCHES.get(key)
    if found is None or found[0] is not slots:  # the list itself is kept: an id is never reused
        if len(_MATCHES) > 50000:
            _MATCHES.clear()
        found = _MATCHES[key] = (slots, _match_uncached(text, slots))
    return found[1]


def _match_uncached(text: str, slots: list[Slot]) -> tuple[int | None, int | None]:
    cell = normalize_label(text)
    leaves = [i for i, s in enumerate(slots) if label_matches(cell, normalize_label(s.label))]
    if len(leaves) == 1:
        return leaves[0], None
    groups = [i for i, s in enumerate(slots) if s.group and label_matches(cell, normalize_label(s.group))]
    return None, (groups[0] if groups else None)


def expand_empty_rows(tokens: list[Token], slots: list[Slot]) -> list[Token]:
    """The tokens with each row printed empty (`tokens.ROW_PRINTED_EMPTY`)
    given one blank per column of the row its label names — when the label just before the
    marker names one row, and the row's line is followed by another row's (or group's) label or
    ends the table. Otherwise the marker is dropped: a group heading on a line of its own, or the
    first line of a label whose figures stand on a later line, holds no cells of its own."""
    if ROW_PRINTED_EMPTY not in tokens:
        return tokens
    out: list[Token] = []
    for index, token in enumerate(tokens):
        if token != ROW_PRINTED_EMPTY:
            out.append(token)
            continue
        leaf = match_slot(out[-1].text, slots)[0] if out and out[-1].kind == "label" else None
        following = tokens[index + 1] if index + 1 < len(tokens) else None
        closes = following is None or (following.kind == "label" and match_slot(following.text, slots) != (None, None))
        if leaf is not None and closes:
            out += [Token("blank", "")] * slots[leaf].width
    return out
