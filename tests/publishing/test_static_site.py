"""The published site: every public page a file, every link of a published page a file."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from selectolax.lexbor import LexborHTMLParser as HTMLParser

from gongkai.publishing import services, site, store
from gongkai.publishing.models import PublishError, PublishTask

pytestmark = pytest.mark.django_db(transaction=False)


def _resolve(root: Path, url: str) -> Path | None:
    """The file nginx would serve for a link (try_files $uri $uri/index.html)."""
    path = unquote(urlsplit(url).path)
    plain = root / path.lstrip("/")
    if path.endswith("/"):
        return plain / "index.html" if (plain / "index.html").is_file() else None
    if plain.is_file():
        return plain
    return plain / "index.html" if (plain / "index.html").is_file() else None


def _links(html: str) -> list[str]:
    tree = HTMLParser(html)
    out = []
    for node in tree.css("a[href], link[href], img[src], script[src], form[action]"):
        out.append(node.attributes.get("href") or node.attributes.get("src") or node.attributes.get("action") or "")
    return out


def test_every_link_of_the_published_demo_site_is_a_file(demo, site_dir):
    outcome = services.publish_all()
    assert not outcome.errors, outcome.errors
    assert outcome.written > 100
    pages = list(site_dir.rglob("index.html"))
    assert (site_dir / "index.html").is_file()
    assert (site_dir / "agency/cheyang/index.html").is_file()
    assert (site_dir / "agency/cheyang/guide/index.html").is_file()
    assert (site_dir / "agency/cheyang/annual-reports/index.html").is_file()
    assert (site_dir / "agency/cheyang/annual-reports/2024/index.html").is_file()
    assert (site_dir / "agency/cheyang/annual-reports/2024/report.pdf").read_bytes().startswith(b"%PDF")
    assert (site_dir / "static/gongkai/site.css").is_file()
    feeds = list(site_dir.glob("agency/cheyang/column/*/feed.xml"))
    assert feeds and feeds[0].read_bytes().startswith(b"<?xml")
    checked = 0
    for page in pages:
        html = page.read_text(encoding="utf-8")
        for link in _links(html):
            if not link or link.startswith(("#", "mailto:", "tel:", "javascript:")):
                continue
            parts = urlsplit(link)
            if parts.scheme or parts.netloc:
                continue  # another site (e.g. the ICP record)
            if site.is_dynamic(parts.path) or parts.path == "/qr.svg":
                continue
            assert not parts.query, f"{page}: link with a query string: {link}"
            assert _resolve(site_dir, link) is not None, f"{page.relative_to(site_dir)}: no file for {link}"
            checked += 1
    assert checked > 500


def test_pagination_of_a_long_column_is_a_file_per_page(make_item, publish, township, news, site_dir):
    for i in range(45):
        publish(make_item(title=f"分页动态{i:02d}"))
    services.publish_all()
    first = (site_dir / f"agency/{township.slug}/column/{news.pk}/index.html").read_text()
    assert f'href="/agency/{township.slug}/column/{news.pk}/page/2/"' in first
    assert (site_dir / f"agency/{township.slug}/column/{news.pk}/page/3/index.html").is_file()
    assert not (site_dir / f"agency/{township.slug}/column/{news.pk}/page/4").exists()


def test_a_publication_rewrites_exactly_the_affected_files_after_commit(
    settings, make_item, publish, township, news, site_dir, django_capture_on_commit_callbacks
):
    first = publish(make_item(title="第一条动态信息"))
    services.publish_all()
    home = site_dir / f"agency/{township.slug}/index.html"
    guide = site_dir / f"agency/{township.slug}/guide/index.html"
    listing = site_dir / f"agency/{township.slug}/column/{news.pk}/index.html"
    first_page = site_dir / f"agency/{township.slug}/item/{first.pk}/index.html"
    guide_mtime = guide.stat().st_mtime_ns
    first_mtime = first_page.stat().st_mtime_ns
    settings.GONGKAI_PUBLISH = "sync"
    with django_capture_on_commit_callbacks(execute=True):
        second = publish(make_item(title="第二条动态信息"))
    assert "第二条动态信息" in (site_dir / f"agency/{township.slug}/item/{second.pk}/index.html").read_text()
    assert "第二条动态信息" in listing.read_text() and "第二条动态信息" in home.read_text()
    assert first_page.stat().st_mtime_ns == first_mtime  # another item's page is not written again
    assert guide.stat().st_mtime_ns == guide_mtime  # unchanged content: the file is left alone
    assert not PublishTask.objects.exists()
    assert not list(site_dir.rglob(f"{store.TEMP_PREFIX}*"))


def test_a_page_that_fails_to_render_keeps_its_previous_file_and_tells_staff(make_item, publish, township, site_dir):
    from gongkai.catalog.models import Item

    item = publish(make_item(title="将出错的信息"))
    services.publish_all()
    page = site_dir / f"agency/{township.slug}/item/{item.pk}/index.html"
    before = page.read_bytes()
    from gongkai.catalog import page_cache

    Item.objects.filter(pk=item.pk).update(validity="broken")  # a record the page can't show
    page_cache.bump(township.pk, item.pk)
    outcome = services.drain()
    assert page.read_bytes() == before
    assert any(path.endswith(f"/item/{item.pk}/") for path, _ in outcome.errors)
    error = PublishError.objects.get(path=f"/agency/{township.slug}/item/{item.pk}/")
    assert error.agency_id == township.pk and error.message.startswith("页面生成失败")


def test_an_unwritable_directory_is_reported_not_swallowed(make_item, publish, township, site_dir):
    site_dir.mkdir(parents=True)
    (site_dir / "agency").write_text("not a directory")  # every agency page must fail to be written
    publish(make_item(title="写不进去的信息"))
    outcome = services.publish_all()
    assert outcome.errors and all("写入发布目录失败" in message for _, message in outcome.errors if "/agency/" in _)
    assert PublishError.objects.filter(agency_id=township.pk).exists()


def test_publish_all_removes_files_of_pages_that_are_gone_and_check_reports_differences(
    make_item, publish, township, site_dir
):
    publish(make_item(title="一条信息"))
    services.publish_all()
    stray = site_dir / "agency" / township.slug / "item" / "999999" / "index.html"
    stray.parent.mkdir(parents=True)
    stray.write_text("old")
    guide = site_dir / f"agency/{township.slug}/guide/index.html"
    guide.write_text("stale")
    (site_dir / f"agency/{township.slug}/system/index.html").unlink()
    diff = services.check()
    assert f"/agency/{township.slug}/item/999999/index.html" in diff.extra
    assert f"/agency/{township.slug}/guide/" in diff.stale
    assert f"/agency/{township.slug}/system/" in diff.missing
    services.publish_all()
    assert not stray.exists() and not stray.parent.exists()
    assert services.check().clean


def test_store_refuses_paths_that_leave_the_directory(tmp_path):
    for bad in ("/../etc/passwd", "/agency/%2e%2e/x", "relative", "/a/\x00/"):
        with pytest.raises(store.UnsafePath):
            store.file_for(tmp_path, bad)
    assert store.file_for(tmp_path, "/agency/x/") == tmp_path / "agency/x/index.html"
    assert store.file_for(tmp_path, "/agency/x/feed.xml") == tmp_path / "agency/x/feed.xml"


def test_staff_see_publishing_failures_of_their_agencies_only(client, township, other_agency, agency_admin, handler):
    PublishError.objects.create(path="/agency/x/", message="页面生成失败：测试", agency_id=township.pk)
    PublishError.objects.create(path="/agency/y/", message="页面生成失败：别家", agency_id=other_agency.pk)
    client.force_login(agency_admin)
    body = client.get("/staff/publishing/").content.decode()
    assert "页面生成失败：测试" in body and "别家" not in body
    client.force_login(handler)
    assert client.get("/staff/publishing/").status_code == 404
    assert re.search(r"静态发布", client.get("/staff/publishing/", follow=True).content.decode()) is None
