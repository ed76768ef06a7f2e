"""Search: substring semantics, the defined order, filters, and sync with publish/amend/retire."""

import random
from datetime import date, timedelta

import pytest

from gongkai.catalog import actions
from gongkai.catalog.models import Item
from gongkai.catalog.search import Filters, search
from gongkai.core.catalog.search import matches, normalise, parse_query

WORDS = ["低保", "征收", "土地", "资金", "发放", "会议", "城乡", "救助", "安全", "生产", "检查", "防汛", "农田", "水利"]


def ids(q, **filters):
    parsed = parse_query(q)
    out, page = [], 1
    while True:
        result = search(parsed, Filters(**filters), page)
        out += result.item_ids
        if not result.has_next:
            return out, result
        page += 1


def expected(q, items):
    parsed = parse_query(q)
    rows = []
    for item in items:
        v = item.public_version
        text = normalise("\n".join([v.title, v.doc_number, v.summary, v.body_text]))
        if matches(parsed, text):
            rows.append((not matches(parsed, normalise(v.title)), -v.published_on.toordinal(), -item.pk, item.pk))
    return [r[-1] for r in sorted(rows)]


@pytest.fixture
def corpus(make_item, publish):
    rng = random.Random(7)
    items = []
    for i in range(45):
        title = "".join(rng.sample(WORDS, 3)) + f"通知{i}"
        body = "".join(rng.choice(WORDS) + rng.choice("，。的和") for _ in range(30))
        on = date(2024, 1, 1) + timedelta(days=rng.randrange(150))
        item = make_item(title=title, body_html=f"<p>{body}</p>", written_on=on, published_on=on)
        items.append(publish(item))
    return [Item.objects.select_related("public_version").get(pk=i.pk) for i in items]


def test_results_equal_brute_force_in_defined_order(corpus, township, news):
    for q in ["低保", "征收", "土地征收", "资金发放", "城乡 救助", "知1", "保征"]:
        got, _ = ids(q)
        assert got == expected(q, corpus), q
        for validity in (None, "effective"):  # "effective" is searched as NOT expired NOT repealed on SQLite
            first = search(parse_query(q), Filters(validity=validity), 1)
            assert first.count_exact and first.count == len(expected(q, corpus)), (q, validity)
    _, result = ids("低保")
    assert result.count == len(expected("低保", corpus)) and result.count_exact

    got, _ = ids(
        "低保",
        agency_id=township.pk,
        column_id=news.pk,
        published_from=date(2024, 2, 1),
        published_to=date(2024, 3, 31),
        validity="effective",
    )
    want = [
        pk
        for pk in expected("低保", corpus)
        if date(2024, 2, 1) <= Item.objects.get(pk=pk).public_version.published_on <= date(2024, 3, 31)
    ]
    assert got == want and got
    assert ids("低保", agency_id=township.pk + 999)[0] == []


def test_index_follows_publish_amend_retire(make_item, publish, handler, retire):
    item = publish(make_item(title="关于房屋征收补偿的公告", body_html="<p>补偿标准见附件。</p>"))
    assert ids("征收补偿")[0] == [item.pk]
    assert ids("标准见")[0] == [item.pk]
    draft = actions.start_amendment(item=item, actor=handler)
    actions.update_draft(
        version=draft,
        actor=handler,
        fields={
            "title": "关于宅基地审核的公告",
            "summary": "s",
            "publisher": "p",
            "written_on": date(2024, 5, 28),
            "changed_on": date(2024, 6, 5),
            "change_note": "更正",
        },
    )
    assert ids("征收补偿")[0] == [item.pk]  # not yet public
    publish(item)
    assert ids("征收补偿")[0] == [] and ids("宅基地")[0] == [item.pk]
    assert ids("征收")[1].count == 0 and ids("基地")[1].count == 1  # exact single-bigram counts follow amendments
    retire(item, validity="expired", on=date(2024, 7, 1), reason="到期")
    assert ids("宅基地", validity="expired")[0] == [item.pk]
    assert ids("宅基地", validity="effective")[0] == []


def test_unpublished_items_are_not_found(make_item):
    make_item(title="草稿中的低保名单")
    assert ids("低保名单")[0] == []


@pytest.mark.postgres_only
@pytest.mark.parametrize("collect_limits", [(0, 0, 0), (10**9, 10**9, 10**9)])
def test_postgres_walk_and_collect_give_the_same_results(corpus, monkeypatch, collect_limits):
    """Both ways of reading candidates (and the window of the walk, here one row wide before
    it falls back to collecting) return the brute-force order and count, with and without
    the filters that change the plan."""
    from gongkai.catalog.search import postgres

    for name, value in zip(("COLLECT_LIMIT", "MULTI_COLLECT_LIMIT", "NARROWED_COLLECT_LIMIT"), collect_limits):
        monkeypatch.setattr(postgres, name, value)
    monkeypatch.setattr(postgres, "WINDOW_FACTOR", 0)
    township_id = corpus[0].agency_id
    for q in ["低保", "土地征收", "城乡 救助", "保征"]:
        assert ids(q)[0] == expected(q, corpus), q
        assert ids(q, agency_id=township_id, validity="effective")[0] == expected(q, corpus), q
        first = search(parse_query(q), Filters(agency_id=township_id), 1)
        assert first.count_exact and first.count == len(expected(q, corpus)), q
