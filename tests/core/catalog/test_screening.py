from hypothesis import given
from hypothesis import strategies as st

from gongkai.core.catalog.screening import HitKind, luhn_valid, screen
from gongkai.core.identifiers import resident_id_check_character


def valid_id(first17="11010519491231002"):
    return first17 + resident_id_check_character(first17)


def kinds(text):
    return [h.kind for h in screen(text)]


def test_valid_id_number_is_found_with_context():
    number = valid_id()
    hits = screen(f"申请人张三，身份证号{number}，住址某村。")
    assert [h.kind for h in hits] == [HitKind.ID_NUMBER]
    assert hits[0].match == number
    assert number in hits[0].context and "身份证号" in hits[0].context


def test_id_number_with_wrong_check_digit_is_not_an_id():
    number = valid_id()
    wrong = number[:17] + ("0" if number[17] != "0" else "1")
    assert HitKind.ID_NUMBER not in kinds(f"号码{wrong}")


def test_id_inside_longer_digit_run_is_not_an_id():
    assert HitKind.ID_NUMBER not in kinds("9" + valid_id() + "9")


def test_mobile_email_and_bank_card():
    assert kinds("联系电话13812345678。") == [HitKind.MOBILE]
    assert kinds("电话 138-1234-5678") == [HitKind.MOBILE]
    assert kinds("座机0571-12345678") == []
    assert kinds("邮箱 zhang.san@example.com") == [HitKind.EMAIL]
    assert kinds("卡号4111111111111111") == [HitKind.BANK_CARD]
    assert kinds("卡号4111 1111 1111 1111") == [HitKind.BANK_CARD]
    assert kinds("编号4111111111111112") == []  # fails Luhn
    assert kinds("0000000000000000") == []


def test_secrecy_marks_but_not_running_text():
    assert kinds("秘密★1年") == [HitKind.SECRECY_MARK]
    assert kinds("【机密】") == [HitKind.SECRECY_MARK]
    assert kinds("绝密\n正文") == [HitKind.SECRECY_MARK]
    assert kinds("内部资料 注意保存") == [HitKind.SECRECY_MARK]
    assert kinds("不得泄露国家秘密、商业秘密，属于三类内部事务信息") == []


def test_luhn():
    assert luhn_valid("79927398713")
    assert not luhn_valid("79927398710")


@given(st.text(max_size=300))
def test_screen_never_raises_and_hits_are_in_text(text):
    for hit in screen(text):
        assert text[hit.start : hit.end] == hit.match
