"""The draft's computed sentences never contradict the data they come from (条例 第五十条):
whatever the tables and facts, the core's claim checks find nothing in them."""

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from gongkai.core.report.claims import Facts, check_claims
from gongkai.core.report.fill import set_application_counts
from gongkai.core.report.model import build_empty_report
from gongkai.reports.narrative import application_sentence, fee_sentence, suggestion_sentence

counts = st.integers(min_value=0, max_value=500)


@given(
    new=counts,
    carried=counts,
    decided=counts,
    late=st.one_of(st.none(), counts),
    npc=counts,
    cppcc=counts,
    unpublished=counts,
    notices=counts,
    collected=st.decimals(min_value=0, max_value=100000, places=2),
)
def test_computed_sentences_agree_with_their_data(
    new, carried, decided, late, npc, cppcc, unpublished, notices, collected
):
    decided = min(decided, new + carried)
    late = None if late is None else min(late, decided)
    unpublished = min(unpublished, npc + cppcc)
    report = build_empty_report("某某镇人民政府", 2024)
    set_application_counts(
        report,
        {
            ("new_received", "natural_person"): new,
            ("carried_over", "natural_person"): carried,
            ("granted", "natural_person"): decided,
            ("carried_forward", "natural_person"): new + carried - decided,
        },
    )
    fees = {"notices_sent": notices, "amount_notified_yuan": collected, "amount_collected_yuan": collected}
    report.sections["overview"] = application_sentence(2024, report, late)
    report.sections["other"] = fee_sentence(2024, fees) + suggestion_sentence(
        2024, {"npc": npc, "cppcc": cppcc}, unpublished
    )
    facts = Facts(
        late_replies=late,
        suggestions_npc=npc,
        suggestions_cppcc=cppcc,
        suggestions_unpublished=unpublished,
        fee_notices=notices,
        fee_collected_yuan=Decimal(collected),
    )
    assert check_claims(report, facts) == []
