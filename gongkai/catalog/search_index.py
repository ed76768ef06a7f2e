"""Keeping the search index in sync with public items. Called by the actions, in their
transaction; never by signals.

Tokens (identical codes on both databases, see gongkai.core.catalog.search):
- SQLite FTS5 (one column, detail=none): `g<hex>` a bigram of title/文号/body/attachments,
  `t<hex>` a bigram of the title, `zag<id>`/`zco<id>`/`zva<validity>` filters.
- PostgreSQL: int4[] `grams` (all text) and `title_grams`, filters as plain columns.
"""

from __future__ import annotations

import functools

from django.db import connection

from gongkai.catalog import page_cache
from gongkai.catalog.models import Item, SearchDocument
from gongkai.core.catalog.search import bigrams, gram_code, normalise, sort_key
from gongkai.routing import read_connection


def code_hex(code: int) -> str:
    return format(code & 0xFFFFFFFF, "x")


@functools.lru_cache(maxsize=1 << 20)
def _gram_hex(gram: str) -> str:
    """The FTS5 token body of a bigram (memoised: a catalog has far fewer distinct bigrams than bigrams)."""
    return code_hex(gram_code(gram))


def fts_tokens(title: str, text: str, agency_id: int, column_id: int, validity: str) -> str:
    tokens = ["t" + _gram_hex(g) for g in bigrams(title, normalised=True)]
    tokens += ["g" + _gram_hex(g) for g in bigrams(text, normalised=True)]
    tokens += [f"zag{agency_id}", f"zco{column_id}", f"zva{validity}"]
    return " ".join(tokens)


def document_fields(item: Item) -> dict:
    version = item.public_version
    parts = [version.title, version.doc_number, version.summary, version.body_text]
    parts += [a.text for a in version.attachments.all() if a.text]
    return {
        "key": sort_key(version.published_on.toordinal(), item.pk),
        "agency_id_copy": item.agency_id,
        "column_id_copy": item.column_id,
        "validity": item.validity,
        "title": normalise(version.title),
        "text": normalise("\n".join(p for p in parts if p)),
    }


def unindex_item(item: Item) -> None:
    page_cache.bump(item.agency_id, item.pk)
    doc = SearchDocument.objects.filter(item=item).first()
    if doc is None:
        return
    if connection.vendor == "postgresql":
        _adjust_gram_stats(doc.title, doc.text, -1)
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO catalog_search_fts(catalog_search_fts, rowid, t) VALUES('delete', %s, %s)",
                [doc.key, fts_tokens(doc.title, doc.text, doc.agency_id_copy, doc.column_id_copy, doc.validity)],
            )
    doc.delete()


def index_item(item: Item) -> None:
    """(Re)index `item` from its public version; removes it when it has none."""
    unindex_item(item)
    if item.public_version_id is None:
        Item.objects.filter(pk=item.pk).update(sort_key=None)
        return
    fields = document_fields(item)
    doc = SearchDocument.objects.create(item=item, **fields)
    Item.objects.filter(pk=item.pk).update(sort_key=doc.key)
    item.sort_key = doc.key
    write_grams([doc])


def _adjust_gram_stats(title: str, text: str, delta: int) -> None:
    """PostgreSQL: document frequencies of the bigrams of `text` (n) and of `title` (title_n);
    rows locked in gram order, so concurrent publishers never deadlock."""
    body = {gram_code(g) for g in bigrams(text, normalised=True)}
    in_title = {gram_code(g) for g in bigrams(title, normalised=True)}
    codes = sorted(body | in_title)
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO catalog_gramstat AS s (gram, n, title_n) SELECT g, n, t FROM unnest(%s::int4[], %s::int4[], "
            "%s::int4[]) AS u(g, n, t) ORDER BY g ON CONFLICT (gram) DO UPDATE SET n = s.n + EXCLUDED.n, "
            "title_n = s.title_n + EXCLUDED.title_n",
            [codes, [delta if c in body else 0 for c in codes], [delta if c in in_title else 0 for c in codes]],
        )


def gram_document_counts(codes) -> dict[int, tuple[int, int]]:
    """PostgreSQL: {code: (documents containing it, titles containing it)}; absent codes are (0, 0)."""

    with read_connection(SearchDocument).cursor() as cursor:
        cursor.execute("SELECT gram, n, title_n FROM catalog_gramstat WHERE gram = ANY(%s::int4[])", [list(codes)])
        found = {gram: (max(n, 0), max(t, 0)) for gram, n, t in cursor.fetchall()}
    return {c: found.get(c, (0, 0)) for c in codes}


def write_grams(docs) -> None:
    """Write the bigram index for freshly created SearchDocument rows (also used by bulk loads)."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.executemany(
                "INSERT INTO catalog_search_fts(rowid, t) VALUES (%s, %s)",
                [(d.key, fts_tokens(d.title, d.text, d.agency_id_copy, d.column_id_copy, d.validity)) for d in docs],
            )
        elif connection.vendor == "postgresql":
            for d in docs:
                _adjust_gram_stats(d.title, d.text, 1)
            cursor.executemany(
                "UPDATE catalog_searchdocument SET title_grams = %s, grams = %s WHERE key = %s",
                [
                    (
                        [gram_code(g) for g in bigrams(d.title, normalised=True)],
                        [gram_code(g) for g in bigrams(d.text, normalised=True)],
                        d.key,
                    )
                    for d in docs
                ],
            )
