"""Hypothesis strategies for hostile form input: arbitrary unicode (control characters,
noncharacters, surrogate-free), huge strings, odd digits, dates and empties."""

from __future__ import annotations

from hypothesis import strategies as st

ODD_DIGITS = ["²", "１２", "١٢", "٣", "Ⅻ", "1e9", "-0", "0x1F", "99999999999999999999", "1.5", " 7 ", "NaN"]
HOSTILE = [
    "\x00",
    "a\x00b",
    "\x01",
    "\x1b[2J",
    "\ufffe",
    "\uffff",
    "\ufdd0",
    "\r\n",
    "=1+1",
    "@SUM(A1)",
    "<script>alert(1)</script>",
    "'; DROP TABLE x; --",
    "../../etc/passwd",
    "e\u0301",
    "\u202e反转",
]

text = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=0x3000, exclude_categories=("Cs",)), max_size=40),
    st.sampled_from(ODD_DIGITS + HOSTILE),
    st.integers(min_value=-10, max_value=10**6).map(str),
    st.dates().map(lambda d: d.isoformat()),
    st.sampled_from(["长" * 201, "长" * 2001, "x" * 100_001]),
    st.just(""),
)


def form_data(field_names):
    """A dict posting hostile text (sometimes nothing) to each field."""
    return st.fixed_dictionaries({}, optional=dict.fromkeys(field_names, text))
