"""gongkai.core.text: the one input cleaning and the writer helpers (pure, hypothesis)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gongkai.core.text import (
    TextRefused,
    clean_text,
    is_ascii_digits,
    parse_int,
    spreadsheet_safe,
    xml_safe,
    xml_safe_deep,
)

XML_OK = re.compile("^[\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]*$")


@pytest.mark.parametrize("bad", ["a\x01b", "\x00", "x\ufffe", "\uffff", "\ufdd0", "a\x7f", "\U0001fffe", "\x1b[31m"])
def test_control_and_noncharacters_are_refused_naming_the_field(bad):
    with pytest.raises(TextRefused, match="“姓名”含有不允许的"):
        clean_text(bad, "姓名")


def test_tab_newline_kept_cr_normalised_nfc():
    assert clean_text("a\tb\r\nc\rd", "说明") == "a\tb\nc\nd"
    assert clean_text("e\u0301", "说明") == "\u00e9"  # NFC


def test_length_is_counted_after_normalisation():
    assert clean_text("e\u0301" * 5, "名称", 5) == "\u00e9" * 5
    with pytest.raises(TextRefused, match="不超过5字"):
        clean_text("字" * 6, "名称", 5)


@given(st.text())
def test_clean_text_accepts_or_refuses_never_crashes(value):
    try:
        cleaned = clean_text(value, "字段", 1000)
    except TextRefused as refused:
        assert "字段" in str(refused)
    else:
        assert XML_OK.match(cleaned) and "\r" not in cleaned and len(cleaned) <= 1000
        assert clean_text(cleaned, "字段", 1000) == cleaned  # idempotent


@given(st.text())
def test_xml_safe_output_is_always_legal_xml_text(value):
    assert XML_OK.match(xml_safe(value))


@pytest.mark.parametrize("raw", ["²", "１２", "١٢", "%00", "\x00", "1e3", "0x10", "", " ", "-1", "1.5", "9" * 30])
def test_parse_int_takes_ascii_digits_only(raw):
    assert not is_ascii_digits(raw)
    with pytest.raises(TextRefused):
        parse_int(raw, label="页码", minimum=0)


def test_parse_int_accepts_plain_numbers_and_spreadsheet_ints():
    assert parse_int("0042", label="x") == 42
    assert parse_int(7, label="x") == 7 and parse_int(7.0, label="x") == 7
    with pytest.raises(TextRefused, match="1至20"):
        parse_int("21", label="x", minimum=1, maximum=20)


@pytest.mark.parametrize("text", ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\tx", "\rx", '=HYPERLINK("http://x")'])
def test_formula_like_text_is_neutralised(text):
    assert spreadsheet_safe(text) == "'" + text
    assert spreadsheet_safe(5) == 5 and spreadsheet_safe("普通文字") == "普通文字"


def test_xml_safe_deep_reaches_nested_text():
    assert xml_safe_deep({"a": ["x\x01", ("\ufffe",)], "n": 3}) == {"a": ["x\ufffd", ("\ufffd",)], "n": 3}
