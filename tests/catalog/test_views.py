"""Public portal, staff pages and the API through HTTP."""

import io
from datetime import date

from django.urls import reverse

from gongkai.catalog.models import Item, ItemVersion
from gongkai.core.identifiers import resident_id_check_character

ID = "11010519491231002" + resident_id_check_character("11010519491231002")


def pdf_bytes(text="hello"):
    # a minimal valid PDF with a text layer
    content = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for i, obj in enumerate(objs, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % i + obj + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1))
    for off in offsets:
        out.write(b"%010d 00000 n \n" % off)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref))
    return out.getvalue()


def form_data(column, **overrides):
    data = {
        "column": column.pk,
        "doc_kind": "other",
        "title": "关于城乡低保资金发放的通知",
        "summary": "低保资金",
        "publisher": "测试镇人民政府",
        "written_on": "2024-05-28",
        "body_html": "<p>低保资金按月发放。</p>",
    }
    data.update(overrides)
    return data


def test_public_pages_and_no_draft_leak(client, make_item, publish, township, news):
    item = publish(make_item())
    draft = make_item(title="尚未公开的草稿")
    home = client.get(f"/agency/{township.slug}/")
    assert (
        home.status_code == 200 and "镇街动态" in home.content.decode() and 'class="qr-code"' in home.content.decode()
    )
    assert reverse("catalog:agency_home", args=[township.slug]) == f"/agency/{township.slug}/"
    listing = client.get(reverse("catalog:column", args=[township.slug, news.pk])).content.decode()
    assert item.public_version.title in listing and "尚未公开的草稿" not in listing
    page = client.get(reverse("catalog:item", args=[township.slug, item.pk])).content.decode()
    assert item.index_number in page and "有效" in page and "扫一扫在手机打开当前页面" in page
    group_link = reverse("catalog:column", args=[township.slug, news.parent_id])
    assert f'<a href="{group_link}">{news.parent.name}</a> › <a' in page  # crumbs through the nested column
    assert client.get(reverse("catalog:item", args=[township.slug, draft.pk])).status_code == 404
    feed = client.get(reverse("catalog:column_feed", args=[township.slug, news.pk]))
    assert (
        feed["Content-Type"].startswith("application/atom+xml") and item.public_version.title in feed.content.decode()
    )
    assert client.get(f"/agency/{township.slug}/guide/").status_code == 200
    assert client.get(f"/agency/{township.slug}/annual-reports/").status_code == 200
    assert client.get(reverse("catalog:column", args=[township.slug, news.pk]) + "?page=abc").status_code == 404
    assert client.get(reverse("catalog:column", args=[township.slug, 999999])).status_code == 404


def test_column_listing_query_count(client, make_item, publish, township, news, django_assert_max_num_queries):
    for i in range(5):
        publish(make_item(title=f"动态{i}"))
    with django_assert_max_num_queries(8):
        assert client.get(reverse("catalog:column", args=[township.slug, news.pk])).status_code == 200


def test_retired_item_is_clearly_marked(client, make_item, publish, handler, township, retire):

    item = publish(make_item())
    retire(item, validity="repealed", on=date(2024, 8, 1), reason="政策调整")
    page = client.get(reverse("catalog:item", args=[township.slug, item.pk])).content.decode()
    assert "本信息已废止" in page and "政策调整" in page


def test_search_page(client, make_item, publish):
    item = publish(make_item())
    body = client.get("/search/?q=低保").content.decode()
    assert "<mark>低保</mark>" in body and item.index_number in body
    bad = client.get("/search/?q=低")
    assert bad.status_code == 400 and "至少输入两个" in bad.content.decode()
    assert client.get("/search/?q=低保&page=x").status_code == 400
    assert client.get("/search/?q=低保&from=2024-13-01").status_code == 400


def test_api_items_and_errors(client, make_item, publish, township):
    item = publish(make_item())
    data = client.get("/api/v1/items", {"q": "低保", "agency": township.slug}).json()
    assert data["count"] == 1
    row = data["results"][0]
    assert set(row) == {"index_number", "title", "url", "published", "agency", "column", "validity"}
    assert row["index_number"] == item.index_number and row["validity"] == "effective"
    assert client.get("/api/v1/items").json()["count"] == 1
    for params in (
        {"page": "0"},
        {"page": "abc"},
        {"q": "低"},
        {"agency": "nope"},
        {"column": "x"},
        {"bogus": "1"},
        {"from": "2024-02-30"},
    ):
        response = client.get("/api/v1/items", params)
        assert response.status_code == 400 and response["Content-Type"] == "application/json", params
        assert response.json()["error"]
    spec = client.get("/api/openapi.json").json()
    assert "/api/v1/items" in spec["paths"] and spec["openapi"].startswith("3.")
    assert {"/api/v1/reports", "/api/v1/reports/{agency}/{year}"} <= set(spec["paths"])  # every context's API


def test_public_attachment_only_for_public_version(client, township, news, handler, publish):
    from gongkai.catalog import actions
    from gongkai.catalog.actions import AttachmentUpload

    item = actions.create_item(
        agency=township,
        column=news,
        actor=handler,
        attachments=[AttachmentUpload("a.pdf", pdf_bytes())],
        fields={"title": "附件测试", "summary": "s", "publisher": "p", "written_on": date(2024, 5, 1)},
    )
    att = item.versions.get().attachments.get()
    url = reverse("catalog:attachment", args=[township.slug, item.pk, att.pk])
    assert client.get(url).status_code == 404
    publish(item)
    named = reverse("catalog:attachment_file", args=[township.slug, item.pk, att.pk, "a.pdf"])
    assert client.get(url)["Location"] == named  # the address with the file's own name (a file when published)
    response = client.get(named)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"


def test_staff_create_with_bad_input_saves_nothing(client_of, handler, township, news, settings):
    client = client_of(handler)
    url = reverse("catalog:staff_item_create", args=[township.pk])
    r = client.post(url, form_data(news, published_on="2024-05-01"))
    assert r.status_code == 400 and "发布日期不能早于成文日期" in r.content.decode()
    r = client.post(url, {**form_data(news), "column": "999999"})
    assert r.status_code == 400 and "栏目不存在" in r.content.decode()
    disguised = io.BytesIO(b"MZ\x90\x00 this is an exe")
    disguised.name = "report.pdf"
    r = client.post(url, {**form_data(news), "attachments": disguised})
    assert r.status_code == 400 and "不是允许的类型" in r.content.decode()
    renamed = io.BytesIO(pdf_bytes())
    renamed.name = "photo.png"
    r = client.post(url, {**form_data(news), "attachments": renamed})
    assert r.status_code == 400 and "扩展名与文件内容" in r.content.decode()
    settings.GONGKAI_MAX_UPLOAD_BYTES = 100
    big = io.BytesIO(pdf_bytes())
    big.name = "big.pdf"
    r = client.post(url, {**form_data(news), "attachments": big})
    assert r.status_code == 400 and "超过上限" in r.content.decode()
    assert not Item.objects.exists() and not ItemVersion.objects.exists()


def test_staff_create_sanitises_and_screens_attachment(client_of, handler, reviewer, township, news):
    client = client_of(handler)
    pdf = io.BytesIO(pdf_bytes(f"ID {ID}"))
    pdf.name = "list.pdf"
    r = client.post(
        reverse("catalog:staff_item_create", args=[township.pk]),
        {**form_data(news, body_html='<p onclick="x()">低保<script>alert(1)</script></p>'), "attachments": pdf},
    )
    assert r.status_code == 302
    item = Item.objects.get()
    version = item.versions.get()
    assert "<script" not in version.body_html and "onclick" not in version.body_html
    client.post(reverse("catalog:staff_item_submit", args=[item.pk]))
    hit = version.hits.get()
    assert hit.kind == "id_number" and hit.source == "附件“list.pdf”"
    rc = client_of(reviewer)
    page = rc.get(reverse("catalog:staff_item", args=[item.pk])).content.decode()
    assert "身份证号码" in page and ID in page
    r = rc.post(reverse("catalog:staff_item_approve", args=[item.pk]), {"opinion": "同意"}, follow=True)
    assert "未确认可以公开" in r.content.decode()
    rc.post(reverse("catalog:staff_hit_resolve", args=[hit.pk]), {"resolution": "confirmed", "reason": "本人同意公开"})
    rc.post(reverse("catalog:staff_item_approve", args=[item.pk]), {"opinion": "同意"})
    item.refresh_from_db()
    assert item.index_number
    # the author's own approval is refused in the view too
    hc = client_of(handler)
    assert hc.post(reverse("catalog:staff_item_approve", args=[item.pk])).status_code == 404


def test_staff_pages_need_membership(client_of, other_handler, make_item, township):
    item = make_item()
    client = client_of(other_handler)
    assert client.get(reverse("catalog:staff_item", args=[item.pk])).status_code == 404
    assert client.get(reverse("catalog:staff_agency", args=[township.pk])).status_code == 404


def test_staff_amend_button_refuses_on_the_item_page_and_opens_the_draft(client_of, handler, make_item, publish):
    item = make_item()
    client = client_of(handler)
    url = reverse("catalog:staff_item_amend", args=[item.pk])
    refused = client.post(url, follow=True)  # not published yet: the refusal is flashed on the item page
    assert refused.redirect_chain[-1][0] == reverse("catalog:staff_item", args=[item.pk])
    assert "尚未发布的信息不能修订" in refused.content.decode()
    publish(item)
    opened = client.post(url)
    assert opened.status_code == 302 and opened["Location"] == reverse("catalog:staff_item_edit", args=[item.pk])
    assert item.versions.filter(state="draft").exists()


def test_staff_agency_lists(client_of, reviewer, make_item, township):
    make_item(title="早已成文的信息", written_on=date(2020, 1, 2))
    page = client_of(reviewer).get(reverse("catalog:staff_agency", args=[township.pk])).content.decode()
    assert "早已成文的信息" in page and "已超期" in page


def test_column_keyset_pagination_matches_offset_pages(client, make_item, publish, township, news):
    from datetime import timedelta

    for i in range(45):
        publish(
            make_item(
                title=f"分页动态{i:02d}",
                written_on=date(2024, 1, 1) + timedelta(days=i),
                published_on=date(2024, 1, 1) + timedelta(days=i),
            )
        )
    url = reverse("catalog:column", args=[township.slug, news.pk])
    import re

    def titles(body):
        return re.findall(r">(分页动态\d\d)<", body)

    page1 = client.get(url).content.decode()
    page2_url = reverse("catalog:column_page", args=[township.slug, news.pk, 2])
    assert f'href="{page2_url}" rel="next"' in page1  # a path, not a query string: a file when published
    by_path = client.get(page2_url).content.decode()
    offset2 = client.get(url, {"page": 2}).content.decode()
    assert titles(by_path) == titles(offset2) and len(titles(offset2)) == 20
    assert f'href="{url}" rel="prev"' in by_path
    # Links of earlier versions (?page=2&before=<sort key>) still give the same page.
    from gongkai.catalog.models import Item

    last_key = (
        Item.objects.filter(column=news, sort_key__isnull=False)
        .order_by("-sort_key")
        .values_list("sort_key", flat=True)[19]
    )
    assert titles(client.get(url, {"page": 2, "before": last_key}).content.decode()) == titles(offset2)
    assert client.get(reverse("catalog:column_page", args=[township.slug, news.pk, 1])).status_code == 301
    assert client.get(reverse("catalog:column_page", args=[township.slug, news.pk, 4])).status_code == 404
    assert client.get(url, {"before": "x1"}).status_code == 404


def test_cached_public_pages_change_with_every_publication(
    client, client_of, make_item, publish, handler, township, news, agency_admin, django_assert_num_queries, retire
):
    from gongkai.catalog.actions import setup as setup_actions

    first = publish(make_item(title="第一条动态信息"))
    listing_url = reverse("catalog:column", args=[township.slug, news.pk])
    item_url = reverse("catalog:item", args=[township.slug, first.pk])
    assert "第一条动态信息" in client.get(listing_url).content.decode()
    assert "本信息已废止" not in client.get(item_url).content.decode()
    with django_assert_num_queries(1):  # served from the cache: only the generation is read
        assert client.get(item_url).status_code == 200

    publish(make_item(title="第二条动态信息"))
    assert "第二条动态信息" in client.get(listing_url).content.decode()
    retire(first, validity="repealed", on=date(2024, 8, 1), reason="政策调整")
    assert "本信息已废止" in client.get(item_url).content.decode()
    setup_actions.update_catalog_settings(
        agency=township,
        actor=agency_admin,
        index_pattern="{统一社会信用代码}/{YYYY}-{NNNNN}",
        guide_html="<p>新版公开指南</p>",
        system_html="",
    )
    assert "新版公开指南" in client.get(f"/agency/{township.slug}/guide/").content.decode()

    # a logged-in member of staff gets a page rendered for them, never a cached anonymous one
    staff_page = client_of(handler).get(item_url).content.decode()
    assert "退出" in staff_page and "退出" not in client.get(item_url).content.decode()
