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
        for w in words[i : i + run]:
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
    return (
        "关于"
        + sentence_text(vocab, rng, rng.randint(12, 26)).rstrip("。").replace("，", "").replace("。", "")
        + "的通知"
    )


def body_text(vocab, rng) -> str:
    return sentence_text(vocab, rng, rng.randint(300, 800))


def draw_queries(texts: list[str], rng: random.Random, length: int, count: int) -> list[str]:
    """`count` substrings of `length` CJK characters (no punctuation) from random texts."""
    out = []
    while len(out) < count:
        text = rng.choice(texts)
        runs = [m.group() for m in re.finditer(rf"[\u4e00-\u9fff]{{{length},}}", text)]
        if not runs:
            continue
        run = rng.choice(runs)
        start = rng.randrange(len(run) - length + 1)
        out.append(run[start : start + length])
    return out


# --- the corpus file: generated once (in parallel processes), read by both database loaders ---

CHUNK_ITEMS = 10_000
VALIDITIES = ["effective", "expired", "repealed"]
_vocab: Vocabulary | None = None


def _chunk(args: tuple[int, int, int]) -> str:
    """Rows start..stop-1 (1-based ids) as TSV lines; seeded per chunk, so the file is the same
    whatever the number of processes. Columns: id, agency number, column pick (0..1), in big
    column (0/1), validity, title, summary length, body."""
    global _vocab
    start, stop, big_every = args
    if _vocab is None:
        _vocab = Vocabulary()
    rng = random.Random(20261125 * 1000 + start)
    lines = []
    for item_id in range(start, stop):
        big = int(big_every > 0 and rng.random() < 1 / big_every)
        validity = rng.choices(VALIDITIES, [90, 7, 3])[0]
        title = title_text(_vocab, rng)
        body = body_text(_vocab, rng)
        lines.append(
            f"{item_id}\t{rng.randrange(1_000_000)}\t{rng.random():.6f}\t{big}\t{validity}\t{title}\t"
            f"{rng.randint(30, 60)}\t{body}\n"
        )
    return "".join(lines)


def write_corpus(path: Path, total: int, big_items: int, processes: int = 2) -> None:
    """Generate `total` items into `path` (TSV, ids 1..total) unless it is already complete.
    Builds of both databases may start at once: the second waits for the first's file."""
    import fcntl

    done = path.with_suffix(".done")
    with open(path.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            _generate(path, total, big_items, processes)
            done.write_text("ok")


def _generate(path: Path, total: int, big_items: int, processes: int) -> None:
    import multiprocessing

    chunks = [
        (s, min(s + CHUNK_ITEMS, total + 1), total // big_items if big_items else 0)
        for s in range(1, total + 1, CHUNK_ITEMS)
    ]
    tmp = path.with_suffix(".partial")
    with open(tmp, "w", encoding="utf-8") as out, multiprocessing.Pool(processes) as pool:
        for i, text in enumerate(pool.imap(_chunk, chunks), 1):
            out.write(text)
            if i % 10 == 0:
                print(f"  corpus: {i * CHUNK_ITEMS}/{total} items", flush=True)
    tmp.rename(path)


def read_corpus(path: Path):
    """(id, agency number, column pick, big, validity, title, summary length, body) per line."""
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            f = line.rstrip("\n").split("\t")
            yield int(f[0]), int(f[1]), float(f[2]), f[3] == "1", f[4], f[5], int(f[6]), f[7]
