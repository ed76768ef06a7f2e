"""Letters to applicants in legal language: pure data and functions (no Django).

- `decisions`: the wording of each of the 21 outcomes and the fields each one needs
  (条例 Arts. 14, 15, 16, 30, 35–39); the statistics row label is never the letter text.
- `remedies`: the remedies paragraph (行政复议法 2023 Arts. 20, 23, 24; 行政诉讼法 Arts. 18, 45, 46).
- `form`: dates in Chinese, the 暂定 mark, placeholders and the 文号 pattern.
"""

from gongkai.core.letters.form import (
    PROVISIONAL_NOTE,
    cn_date,
    format_letter_number,
    number_pattern_problem,
    placeholder_problem,
)

__all__ = ["PROVISIONAL_NOTE", "cn_date", "format_letter_number", "number_pattern_problem", "placeholder_problem"]
