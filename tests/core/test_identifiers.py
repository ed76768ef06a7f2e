from hypothesis import given
from hypothesis import strategies as st

from gongkai.core.identifiers import (
    USCC_ALPHABET,
    resident_id_check_character,
    resident_id_problem,
    uscc_check_character,
    uscc_problem,
)


def test_known_valid_credit_code():
    # A published code: 91350100M000100Y43 (GB 32100 example used widely in documentation).
    assert uscc_problem("91350100M000100Y43") is None


def test_credit_code_errors_are_specific():
    assert "18位" in uscc_problem("12345")
    assert "不允许的字符" in uscc_problem("91350100M000100YI3")
    assert "校验位" in uscc_problem("91350100M000100Y44")


def test_resident_id():
    assert resident_id_problem("11010519491231002X") is None
    assert "校验位" in resident_id_problem("110105194912310021")
    assert "出生日期" in resident_id_problem("110105194913310023")
    assert "18位" in resident_id_problem("1101051949")


@given(st.text(alphabet=USCC_ALPHABET, min_size=17, max_size=17))
def test_generated_credit_codes_validate_and_any_changed_check_char_fails(first17):
    code = first17 + uscc_check_character(first17)
    assert uscc_problem(code) is None
    other = next(ch for ch in USCC_ALPHABET if ch != code[17])
    assert uscc_problem(first17 + other) is not None


@given(st.text(alphabet="0123456789", min_size=17, max_size=17))
def test_resident_id_check_character_detects_single_changes(first17):
    check = resident_id_check_character(first17)
    wrong = "1" if check != "1" else "2"
    assert resident_id_check_character(first17) != wrong
