"""Placing the figures of collapsed rows of table 三 by the whole table's arithmetic.

A row printed with its empty cells collapsed away ("（一）予以公开 40 27 67") shows its figures
in column order without saying which columns they stand in. Its last figure is its 总计 and,
when the others add up to it (none 0), its empty cells are proven 0 by the row identity
(总计 = 自然人 + the five 法人或其他组织 columns); which columns hold the others is what this
module decides, from the identities of 国办公开办函〔2021〕30号 over the whole table, per column:
（七）总计 = the sum of the outcome rows, and 一 + 二 = （七）总计 + 四.

Contract: `place_rows(full, collapsed)` takes the rows read in full (row id -> 7 figures) and
the collapsed rows (row id -> the figures printed); every other row's cells are unknown (they
may be anything ≥ 0). Each collapsed row's candidates (its figures in order in
distinct columns) are pruned until each is possible: every identity, column by column, can still
hold with the other rows' candidates (a relaxation: a candidate pruned is impossible in every
placement of the whole table). It returns, per collapsed row, the cells that all its remaining
candidates agree on (None elsewhere): those cells are the same in every placement under which
the table adds up. Nothing is returned when some row has no possible candidate (the printed
figures disagree among themselves): then nothing is placed.
"""

from __future__ import annotations

from itertools import combinations

from gongkai.core.report.format import APPLICATION_COLUMN_IDS, OUTCOME_ROW_IDS

WIDTH = len(APPLICATION_COLUMN_IDS)  # six applicant columns and 总计
MAX_CANDIDATES = 2_000  # candidate rows over the table (a row of 3 figures has 15)
MAX_NODES = 300  # choices tried when the candidates left still allow several placements
MAX_SOLUTIONS = 64

Side = tuple[str, ...]
IDENTITIES: list[tuple[Side, Side]] = [
    (("total",), tuple(OUTCOME_ROW_IDS)),
    (("new_received", "carried_over"), ("total", "carried_forward")),
]


def candidates(printed: list[int]) -> list[tuple[int, ...]]:
    """Every row the figures `printed` can stand for: the parts in order in distinct applicant
    columns, 0 elsewhere, the last figure the 总计; none unless they add up and none is 0."""
    parts, total = printed[:-1], printed[-1]
    if not printed or len(printed) > WIDTH or 0 in printed or sum(parts) != total:
        return []
    out = []
    for columns in combinations(range(WIDTH - 1), len(parts)):
        row = [0] * WIDTH
        for column, value in zip(columns, parts):
            row[column] = value
        row[-1] = total
        out.append(tuple(row))
    return out


def _sumset(domains: list[set[int]]) -> int:
    """The sums reachable by taking one value of each domain, as a bitset (bit n: sum n)."""
    bits = 1
    for domain in domains:
        reached = 0
        for value in domain:
            reached |= bits << value
        bits = reached
    return bits


def _meets(plus: int, minus: int, target: int, bound: str) -> bool:
    """Is there a in `plus`, b in `minus` (bitsets) with a - b == target (or >=, <= by `bound`)?"""
    if bound == "ge":
        return plus.bit_length() - 1 - (minus & -minus).bit_length() + 1 >= target
    if bound == "le":
        return (plus & -plus).bit_length() - 1 - (minus.bit_length() - 1) <= target
    shifted = plus >> target if target >= 0 else plus << -target
    return bool(shifted & minus)


def _supported(row_id: str, row: tuple, fixed: dict, options: dict) -> bool:
    """Can each identity, in each column, hold with this row as `row`, every other collapsed
    row as one of its candidates (each column on its own: a relaxation, so a row ruled out
    here is impossible in any placement) and every row not read as any count?"""
    for left, right in IDENTITIES:
        if row_id not in left and row_id not in right:
            continue
        for column in range(WIDTH):
            target = 0  # sum(left) - sum(right) over fixed rows and this row, negated
            plus: list[set[int]] = []
            minus: list[set[int]] = []
            open_left = open_right = False
            for side, sign in ((left, 1), (right, -1)):
                for other in side:
                    if other == row_id:
                        target -= sign * row[column]
                    elif other in fixed:
                        target -= sign * fixed[other][column]
                    elif other in options:
                        (plus if sign > 0 else minus).append({r[column] for r in options[other]})
                    elif sign > 0:
                        open_left = True
                    else:
                        open_right = True
            if open_left and open_right:
                continue
            bound = "le" if open_left else "ge" if open_right else "eq"
            if not _meets(_sumset(plus), _sumset(minus), target, bound):
                return False
    return True


def _zero_rows_by_totals(fixed: dict, options: dict) -> None:
    """Rows not read (no figure printed) whose 总计 an identity of the 总计 column proves 0: every
    other row's 总计 is known (a collapsed row's is its last figure) and they add up without
    them. Counts are never negative, so all their cells are 0; they count as such below."""
    changed = True
    while changed:
        changed = False
        for left, right in IDENTITIES:
            unread = [r for r in left + right if r not in fixed and r not in options]
            if not unread or not (set(unread) <= set(left) or set(unread) <= set(right)):
                continue
            total = {r: (fixed[r][-1] if r in fixed else options[r][0][-1]) for r in left + right if r not in unread}
            if sum(total.get(r, 0) for r in left) == sum(total.get(r, 0) for r in right):
                for row_id in unread:
                    fixed[row_id] = (0,) * WIDTH
                changed = True


def _propagate(fixed: dict, options: dict) -> dict | None:
    """The candidates left once every unsupported one is dropped (repeatedly); None when a row
    has none left."""
    options = dict(options)
    changed = True
    while changed:
        changed = False
        for row_id in list(options):
            kept = [row for row in options[row_id] if _supported(row_id, row, fixed, options)]
            if not kept:
                return None
            if len(kept) < len(options[row_id]):
                options[row_id] = kept
                changed = True
    return options


def _search(fixed: dict, options: dict, solutions: list, nodes: list) -> bool:
    """Every placement of the whole table (each row one candidate, propagated after each
    choice) into `solutions`; False when there are more than MAX_SOLUTIONS or the search takes
    more than MAX_NODES steps (then the propagated candidates alone are used)."""
    nodes[0] += 1
    if nodes[0] > MAX_NODES or len(solutions) > MAX_SOLUTIONS:
        return False
    open_rows = [row_id for row_id, rows in options.items() if len(rows) > 1]
    if not open_rows:
        solutions.append({row_id: rows[0] for row_id, rows in options.items()})
        return True
    row_id = min(open_rows, key=lambda r: len(options[r]))
    for row in options[row_id]:
        narrowed = _propagate(fixed, {**options, row_id: [row]})
        if narrowed is not None and not _search(fixed, narrowed, solutions, nodes):
            return False
    return True


def place_rows(full: dict[str, list[int]], collapsed: dict[str, list[int]]) -> dict[str, list[int | None]]:
    fixed = {row_id: tuple(values) for row_id, values in full.items() if len(values) == WIDTH}
    options = {row_id: candidates(values) for row_id, values in collapsed.items()}
    options = {row_id: rows for row_id, rows in options.items() if rows}
    if not options or sum(len(rows) for rows in options.values()) > MAX_CANDIDATES:
        return {}
    _zero_rows_by_totals(fixed, options)
    options = _propagate(fixed, options)
    if options is None:
        return {}  # the printed figures disagree among themselves: place nothing
    solutions: list[dict] = []
    if _search(fixed, options, solutions, [0]):
        if not solutions:
            return {}  # no placement makes the table add up: place nothing
        options = {row_id: sorted({solution[row_id] for solution in solutions}) for row_id in options}
    return {
        row_id: [column[0] if len(set(column)) == 1 else None for column in zip(*rows)]
        for row_id, rows in options.items()
    }


def adds_up(table: dict[str, dict]) -> bool:
    """Does every identity of table 三 whose cells are all known hold (row 总计 = its parts; per
    column （七）总计 = the outcome rows, 一 + 二 = （七） + 四)?"""
    for row in table.values():
        values = [row.get(c) for c in APPLICATION_COLUMN_IDS]
        if None not in values and sum(values[:-1]) != values[-1]:
            return False
    for left, right in IDENTITIES:
        for column_id in APPLICATION_COLUMN_IDS:
            values = [table.get(r, {}).get(column_id) for r in left + right]
            if None not in values and sum(values[: len(left)]) != sum(values[len(left) :]):
                return False
    return True
