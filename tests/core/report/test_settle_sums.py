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


def test_a_cell_whose_row_is_also_unconfirmed_stays_null():
    """Two unconfirmed cells in one row: the row identity gives neither, the column alone is one
    identity; a settled cell is never used to settle another."""
    report = random_report(random.Random(5))
    refs = [("applications", "granted", "natural_person"), ("applications", "granted", "commercial_enterprise")]
    seen = _unsure(report, refs)
    assert settle_by_sums(report, "applications", seen) == []
    assert all(report.applications["granted"][c] is None for c in ("natural_person", "commercial_enterprise"))


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
