"""Unconfirmed figures of a pictured table settled by the table's own arithmetic (issue 13): only
when a row identity and a column identity, each with every other cell confirmed, give the same
value and a reading of the cell saw it — never a wrong number."""

import copy
import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench._report_corpus import random_report
from gongkai.core.report.format import APPLICATION_COLUMN_IDS
from gongkai.core.report.read_image import table_proves_itself
from gongkai.core.report.settle_sums import settle_by_sums

seeds = st.integers(min_value=0, max_value=2**32)
PROPERTY = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _unsure(report, refs, readings=None):
    """`report` with the cells `refs` made null; {ref: what the readings saw}."""
    seen = {}
    for ref in refs:
        table = getattr(report, ref[0])
        truth = table[ref[1]][ref[2]]
        seen[ref] = {str(truth)} if readings is None else readings
        table[ref[1]][ref[2]] = None
    return seen


def _cell(rng, report):
    row = rng.choice(list(report.applications))
    return ("applications", row, rng.choice(APPLICATION_COLUMN_IDS))


@PROPERTY
@given(seeds)
def test_one_unconfirmed_cell_of_table_three_is_settled_to_its_printed_value(seed):
    rng = random.Random(seed)
    report = random_report(rng)
    truth = copy.deepcopy(report.applications)
    ref = _cell(rng, report)
    seen = _unsure(report, [ref], {str(truth[ref[1]][ref[2]]), str(rng.randint(0, 99))})
    findings = settle_by_sums(report, "applications", seen)
    assert report.applications == truth
    assert [f.code for f in findings] == ["cell.settled_by_sums"] and findings[0].where == ".".join(ref)
    assert table_proves_itself(report, "applications")


@PROPERTY
@given(seeds, st.integers(min_value=2, max_value=12))
def test_settled_cells_are_never_wrong(seed, count):
    """Several unconfirmed cells, readings that saw the truth and other figures: whatever is
    settled is the printed value, and a cell is left null rather than guessed."""
    rng = random.Random(seed)
    report = random_report(rng)
    truth = copy.deepcopy(report.applications)
    refs = list(dict.fromkeys(_cell(rng, report) for _ in range(count)))
    seen = {
        ref: readings | {str(rng.randint(0, 300)) for _ in range(2)} for ref, readings in _unsure(report, refs).items()
    }
    settle_by_sums(report, "applications", seen)
    for row, cells in report.applications.items():
        for column, value in cells.items():
            assert value is None or value == truth[row][column]


def test_a_cell_no_reading_saw_stays_null():
    report = random_report(random.Random(3))
    value = report.applications["granted"]["natural_person"]
    seen = _unsure(report, [("applications", "granted", "natural_person")], {str(value + 1), str(value + 10)})
    assert settle_by_sums(report, "applications", seen) == []
    assert report.applications["granted"]["natural_person"] is None
    assert not table_proves_itself(report, "applications")


def test_a_cell_with_only_one_identity_stays_null():
    """Table 四: each cell is in its group's 总计 only — one identity is no proof."""
    report = random_report(random.Random(4))
    value = report.review_litigation["administrative_review"]["upheld"]
    seen = _unsure(report, [("review_litigation", "administrative_review", "upheld")], {str(value)})
    assert settle_by_sums(report, "review_litigation", seen) == []
    assert report.review_litigation["administrative_review"]["upheld"] is None


def test_two_unconfirmed_cells_of_a_row_are_settled_by_their_columns_and_checked_by_the_row():
    """Two unconfirmed cells in one row: the row identity gives neither, each column gives its
    own (one identity each, `cell.settled_by_sum`); the row identity, which holds both, is then
    the check — the caller refuses the table unless it holds."""
    report = random_report(random.Random(5))
    truth = copy.deepcopy(report.applications)
    refs = [("applications", "granted", "natural_person"), ("applications", "granted", "commercial_enterprise")]
    findings = settle_by_sums(report, "applications", _unsure(report, refs))
    assert [f.code for f in findings] == ["cell.settled_by_sum"] * 2
    assert report.applications == truth and table_proves_itself(report, "applications")


def test_a_misread_column_makes_the_row_refuse_what_it_settled():
    report = random_report(random.Random(5))
    report.applications["withheld.state_secret"]["natural_person"] += 3  # confirmed, but misread
    refs = [("applications", "granted", "natural_person"), ("applications", "granted", "commercial_enterprise")]
    seen = _unsure(report, refs)
    wrong = report.applications["total"]["natural_person"] - sum(
        v["natural_person"]
        for r, v in report.applications.items()
        if r not in ("total", "granted", "new_received", "carried_over", "carried_forward")
    )
    seen[refs[0]] = seen[refs[0]] | {str(wrong)}  # a reading saw what the column gives
    settle_by_sums(report, "applications", seen)
    assert not table_proves_itself(report, "applications")


@PROPERTY
@given(seeds, st.integers(min_value=1, max_value=10), st.integers(min_value=-20, max_value=20).filter(bool))
def test_a_misread_confirmed_cell_never_lets_the_table_prove_itself(seed, count, error):
    """One confirmed cell misread by `error`, several unconfirmed cells whose readings saw the
    printed figure, what any identity gives them and other figures: whatever is settled, the
    table never proves itself — it is refused, never taken with a wrong number."""
    from gongkai.core.report.read_blanks import identities

    rng = random.Random(seed)
    report = random_report(rng)
    misread = _cell(rng, report)
    report.applications[misread[1]][misread[2]] += error
    refs = [ref for ref in dict.fromkeys(_cell(rng, report) for _ in range(count)) if ref != misread]
    truth = {ref: report.applications[ref[1]][ref[2]] for ref in refs}
    seen = _unsure(report, refs)
    for ref in refs:  # the worst readings: every value an identity of the cell could give
        for left, right in identities(report):
            if ref in left + right:
                same, other = (left, right) if ref in left else (right, left)
                if all(report.applications[r[1]][r[2]] is not None for r in left + right if r != ref):
                    given = sum(report.applications[r[1]][r[2]] for r in other) - sum(
                        report.applications[r[1]][r[2]] for r in same if r != ref
                    )
                    seen[ref] |= {str(given), str(truth[ref] + error), str(truth[ref] - error)}
    settle_by_sums(report, "applications", seen)
    assert not table_proves_itself(report, "applications")


def test_identities_that_disagree_settle_nothing():
    """A misprinted (or misread) confirmed cell: the row gives one value, the column another, and
    a reading saw each of them — the cell stays null and the table is refused."""
    report = random_report(random.Random(6))
    ref = ("applications", "granted", "natural_person")
    value = report.applications["granted"]["natural_person"]
    report.applications["granted"]["total"] += 2  # the row now gives value + 2, the column value
    seen = _unsure(report, [ref], {str(value), str(value + 2)})
    assert settle_by_sums(report, "applications", seen) == []
    assert report.applications["granted"]["natural_person"] is None
    assert not table_proves_itself(report, "applications")
