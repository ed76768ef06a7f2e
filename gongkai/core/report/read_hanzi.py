"""Traditional characters (a mirror site that converted the page to 繁体), for recognition only.

Contract: `is_traditional(text)` tells from a sample whether the text is written in traditional
characters; `to_simplified(text)` converts it character by character with OpenCC (t2s), then
maps the few Taiwan words of the report's vocabulary back (資訊 → 信息, 檔案 → 文件). Digits, punctuation and line breaks are never changed, so figures are
unaffected; the reader keeps the published wording of the narrative sections.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Frequent characters of reports that exist only in the traditional script.
TRADITIONAL_ONLY = frozenset(
    "開報頁總體況動資訊處請數結轉辦關係無複議訴訟門單條項規範許罰強製費額會組織構務專業"
    "類與護權屬國過內據審決這們來對說發區縣鎮縣鄉團員點應當實現經濟機時間進網絡質並"
)
THRESHOLD = 6
TAIWAN_WORDS = (("资讯", "信息"), ("规范性档案", "规范性文件"), ("行政查找", "行政查询"))


TRADITIONAL_PATTERN = re.compile("[" + "".join(sorted(TRADITIONAL_ONLY)) + "]")


def is_traditional(text: str) -> bool:
    return len(TRADITIONAL_PATTERN.findall(text, 0, 20000)) >= THRESHOLD


@lru_cache(maxsize=1)
def _converter():
    import opencc

    return opencc.OpenCC("t2s")


def to_simplified(text: str) -> str:
    converted = _converter().convert(text)
    for taiwan, mainland in TAIWAN_WORDS:
        converted = converted.replace(taiwan, mainland)
    return converted
