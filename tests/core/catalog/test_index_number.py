import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.core.catalog.index_number import DEFAULT_PATTERN, format_index_number, parse_index_number, pattern_problem

CODE = "11999999000000003X"


def test_default_pattern():
    assert format_index_number(DEFAULT_PATTERN, credit_code=CODE, year=2024, month=3, serial=7) == f"{CODE}/2024-00007"


def test_pattern_problems():
    assert pattern_problem(DEFAULT_PATTERN) is None
    assert "流水号" in pattern_problem("{统一社会信用代码}/{YYYY}")
    assert "年份" in pattern_problem("{机构代码}-{NNNN}")
    assert "未知占位符" in pattern_problem("{部门}/{YYYY}-{NNNNN}")
    assert pattern_problem("{机构代码}-{YYYY}{MM}-{NNNNN}") is None


def test_serial_overflow():
    with pytest.raises(ValueError):
        format_index_number("{YYYY}-{NNN}", credit_code=CODE, year=2024, month=1, serial=1000)


@given(st.integers(2000, 2099), st.integers(1, 12), st.integers(1, 99999))
def test_parse_inverts_format(year, month, serial):
    for pattern in (DEFAULT_PATTERN, "{机构代码}-{YYYY}{MM}-{NNNNN}"):
        value = format_index_number(pattern, credit_code=CODE, year=year, month=month, serial=serial)
        assert parse_index_number(pattern, credit_code=CODE, value=value) == (year, serial)


def test_parse_rejects_other_agency():
    assert parse_index_number(DEFAULT_PATTERN, credit_code=CODE, value="OTHER/2024-00001") is None
