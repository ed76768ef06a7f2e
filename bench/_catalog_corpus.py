"""Synthetic Chinese catalog text with realistic word frequencies, and queries drawn from it.

Words are sampled by frequency from jieba's dictionary (dict.txt: ~350k words with counts from
a large corpus), as in ../shared/perf-floor.md. jieba is a benchmark-only dependency
(`pip install jieba==0.42.1`); nothing in gongkai imports it.
"""

from __future__ import annotations

import itertools
import random
import re
from pathlib import Path

_CJK = re.compile(r"^[\u4e00-\u9fff]+$")
PUNCT = "，，，，。。、；"


class Vocabulary:
    def __init__(self):
        try:
            import jieba
        except ImportError:
            raise SystemExit("the catalog benchmark needs jieba: .venv/bin/pip install jieba==0.42.1") from None
        words, weights = [], []
        with open(Path(jieba.__file__).parent / "dict.txt", encoding="utf-8") as fh:
            for line in fh:
                parts = line.split()
                if len(parts) >= 2 and _CJK.match(parts[0]) and len(parts[0]) <= 4:
                    words.append(parts[0])
                    weights.append(int(parts[1]))
        self.words = words
        self.cum = list(itertools.accumulate(weights))

    def sample(self, rng: random.Random, k: int) -> list[str]:
        return rng.choices(self.words, cum_weights=self.cum, k=k)


def sentence_text(vocab: Vocabulary, rng: random.Random, chars: int) -> str:
    out, n = [], 0
    words = vocab.sample(rng, chars)  # more than enough
    i = 0
    while n < chars:
        run = rng.randint(4, 14)
        for w in words[i:i + run]:
            out.append(w)
            n += len(w)
        i += run
        if i >= len(words):
            words += vocab.sample(rng, chars)
        out.append(rng.choice(PUNCT))
        n += 1
    text = "".join(out)
    return text[:chars].rstrip("，、；") + "。"


def title_text(vocab, rng) -> str:
    return "关于" + sentence_text(vocab, rng, rng.randint(12, 26)).rstrip("。").replace("，", "").replace("。", "") + "的通知"


def body_text(vocab, rng) -> str:
    return sentence_text(vocab, rng, rng.randint(300, 800))


def draw_queries(texts: list[str], rng: random.Random, length: int, count: int) -> list[str]:
    """`count` substrings of `length` CJK characters (no punctuation) from random texts."""
    out = []
    while len(out) < count:
        text = rng.choice(texts)
        runs = [m.group() for m in re.finditer(r"[\u4e00-\u9fff]{%d,}" % length, text)]
        if not runs:
            continue
        run = rng.choice(runs)
        start = rng.randrange(len(run) - length + 1)
        out.append(run[start:start + length])
    return out
