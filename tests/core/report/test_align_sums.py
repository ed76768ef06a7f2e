"""Collapsed rows of table 三 placed by the whole table's 勾稽关系 (`align_sums`): a placement is
taken only when every placement under which the table adds up agrees on it."""

from gongkai.core.report.align_sums import adds_up, candidates, place_rows
from gongkai.core.report.format import APPLICATION_COLUMN_IDS, OUTCOME_ROW_IDS


def _table(rows):
    table = {r: [0] * 7 for r in ("new_received", "carried_over", *OUTCOME_ROW_IDS, "carried_forward")}
    table.update(rows)
    total = [sum(table[r][c] for r in OUTCOME_ROW_IDS) for c in range(7)]
    table["total"] = total
    table["new_received"] = [t + f - o for t, f, o in zip(total, table["carried_forward"], table["carried_over"])]
    return table


def test_candidates_keep_the_order_and_need_the_row_to_add_up():
    assert candidates([5, 5]) == [tuple([5 if i == c else 0 for i in range(6)] + [5]) for c in range(6)]
    assert candidates([2, 3, 6]) == []  # does not add up
    assert candidates([0, 3, 3]) == []  # a printed 0: empty cells were not collapsed
    assert len(candidates([1, 2, 3, 6])) == 20


def test_a_row_is_placed_when_only_one_column_makes_the_table_add_up():
    table = _table({"granted": [4, 0, 0, 0, 0, 0, 4], "partially_granted": [0, 0, 7, 0, 0, 0, 7]})
    full = {r: v for r, v in table.items() if r != "partially_granted"}
    placed = place_rows(full, {"partially_granted": [7, 7]})
    assert placed == {"partially_granted": [0, 0, 7, 0, 0, 0, 7]}


def test_two_rows_that_can_swap_columns_stay_unplaced():
    table = _table({"granted": [5, 0, 0, 0, 0, 0, 5], "partially_granted": [0, 5, 0, 0, 0, 0, 5]})
    full = {r: v for r, v in table.items() if r not in ("granted", "partially_granted")}
    placed = place_rows(full, {"granted": [5, 5], "partially_granted": [5, 5]})
    for row in ("granted", "partially_granted"):  # 5 in 自然人 or 商业企业: both add up
        assert placed[row][0] is None and placed[row][1] is None
        assert placed[row][2:] == [0, 0, 0, 0, 5]


def test_figures_that_cannot_add_up_are_not_placed():
    table = _table({"granted": [4, 0, 0, 0, 0, 0, 4]})
    full = {r: v for r, v in table.items() if r != "granted"}
    full["total"] = [3, 0, 0, 0, 0, 0, 3]  # misprinted
    assert place_rows(full, {"granted": [4, 4]}) == {}


def test_adds_up_checks_rows_and_columns():
    table = {r: dict(zip(APPLICATION_COLUMN_IDS, v)) for r, v in _table({"granted": [1, 0, 0, 0, 0, 0, 1]}).items()}
    assert adds_up(table)
    table["granted"]["natural_person"] = 2
    assert not adds_up(table)
