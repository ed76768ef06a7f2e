import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.core.fees import Method, quote, quote_per_application, quote_per_page


def test_per_application_tiers():
    assert quote_per_application(earlier_in_month=0).amount_yuan == 0
    assert quote_per_application(earlier_in_month=9).amount_yuan == 0  # the 10th
    assert quote_per_application(earlier_in_month=10).amount_yuan == 100  # the 11th
    assert quote_per_application(earlier_in_month=30).amount_yuan == 200  # the 31st
    assert quote_per_application(earlier_in_month=40).amount_yuan == 300  # the 41st
    q = quote_per_application(earlier_in_month=8, units=25)  # 9th..33rd
    # 9-10 free, 11-30 20×100, 31-33 3×200
    assert q.amount_yuan == 2000 + 600
    assert "第11—30件：100元/件 × 20件 = 2000元" in q.standard
    assert "109号" in q.basis and "第四条" in q.basis


def test_per_page_tiers():
    assert quote_per_page(pages=30).amount_yuan == 0
    assert quote_per_page(pages=31).amount_yuan == 10
    assert quote_per_page(pages=100).amount_yuan == 700
    assert quote_per_page(pages=200).amount_yuan == 700 + 2000
    assert quote_per_page(pages=250).amount_yuan == 700 + 2000 + 50 * 40
    assert quote("per_page", units=31).method is Method.PER_PAGE


def test_bad_counts():
    with pytest.raises(ValueError):
        quote_per_page(pages=0)
    with pytest.raises(ValueError):
        quote_per_application(earlier_in_month=-1)


@given(st.integers(1, 500))
def test_progressive_fees_are_monotonic(pages):
    assert quote_per_page(pages=pages + 1).amount_yuan >= quote_per_page(pages=pages).amount_yuan
    split = quote_per_application(earlier_in_month=0, units=pages)
    assert split.amount_yuan == sum(
        quote_per_application(earlier_in_month=n, units=1).amount_yuan for n in range(pages)
    )
