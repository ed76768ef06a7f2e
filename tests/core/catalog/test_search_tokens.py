from hypothesis import given
from hypothesis import strategies as st

from gongkai.core.catalog.search import bigrams, gram_code, matches, normalise, parse_query, snippet, sort_key

CJK = st.text(alphabet="低保征收城乡资金镇政府工作会议abc12", min_size=0, max_size=40)


def test_bigrams_and_query():
    assert bigrams("城乡低保") == ["城乡", "乡低", "低保"]
    parsed = parse_query("  低保 ")
    assert parsed.terms == ("低保",) and parsed.grams == ("低保",)
    assert isinstance(parse_query("低"), str)
    assert isinstance(parse_query(""), str)
    assert isinstance(parse_query("一 二 三 四 五 六"), str)


def test_fullwidth_and_case_are_normalised():
    assert normalise("ＡＢＣ  ２０２４") == "abc 2024"
    assert matches(parse_query("abc"), normalise("ＡＢＣ文件"))


@given(CJK, st.integers(0, 38), st.integers(2, 8))
def test_every_substring_query_grams_are_in_the_text(text, start, length):
    norm = normalise(text)
    term = norm[start : start + length].strip()
    parsed = parse_query(term)
    if isinstance(parsed, str):
        return
    text_grams = set(bigrams(norm, normalised=True))
    assert set(parsed.grams) <= text_grams  # the index never misses a true match
    assert matches(parsed, norm)


def test_gram_codes_are_distinct_for_bmp_and_fit_int4():
    code = gram_code("低保")
    assert -(2**31) <= code < 2**31
    assert gram_code("低保") != gram_code("保低")


def test_sort_key_orders_by_date_then_id():
    assert sort_key(739000, 5) > sort_key(738999, 10**6)
    assert sort_key(739000, 6) > sort_key(739000, 5)


def test_snippet_marks_hits():
    parts = snippet("今年全镇城乡低保资金按时足额发放", ("低保",))
    assert ("低保", True) in parts
