"""`gongkai publish --all/--check --agency SLUG`: one agency's part of the directory, no one else's."""

from __future__ import annotations

import pytest

from gongkai.cli import main
from gongkai.publishing import services, store
from gongkai.publishing.models import PublishTask, Scope

pytestmark = pytest.mark.django_db(transaction=False)


def _stray(root, slug):
    path = root / "agency" / slug / "item" / "999999" / "index.html"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("old")
    return path


def test_one_agency_is_rebuilt_and_swept_without_touching_another(make_item, publish, township, other_agency, site_dir):
    item = publish(make_item(title="本机构的一条信息"))
    services.publish_all()
    mine, theirs = _stray(site_dir, township.slug), _stray(site_dir, other_agency.slug)
    page = store.file_for(site_dir, f"/agency/{township.slug}/item/{item.pk}/")
    page.write_text("stale")
    PublishTask.objects.create(scope=Scope.AGENCY, agency_id=township.pk)
    PublishTask.objects.create(scope=Scope.AGENCY, agency_id=other_agency.pk)

    diff = services.check(agency=township)
    assert f"/agency/{township.slug}/item/{item.pk}/" in diff.stale
    assert diff.extra == [f"/agency/{township.slug}/item/999999/index.html"]  # not the other's stray

    outcome = services.publish_all(agency=township)
    assert not outcome.errors
    assert not mine.exists() and theirs.exists()
    assert "本机构的一条信息" in page.read_text()
    assert list(PublishTask.objects.values_list("agency_id", flat=True)) == [other_agency.pk]
    assert services.check(agency=township).clean
    assert f"/agency/{other_agency.slug}/item/999999/index.html" in services.check().extra


def test_the_command_refuses_an_unknown_agency_in_one_chinese_line(township, site_dir, capsys):
    assert main(["publish", "--all", "--agency", "nowhere", "--quiet"]) == 2
    err = capsys.readouterr().err.strip()
    assert "没有公开页面的机构：nowhere" in err and len(err.splitlines()) == 1
    assert main(["publish", "--pending", "--agency", township.slug]) == 2
    assert main(["publish", "--check", "--agency", township.slug, "--quiet"]) == 1  # nothing published yet
    assert main(["publish", "--all", "--agency", township.slug, "--quiet", "--jobs", "1"]) == 0
    assert main(["publish", "--check", "--agency", township.slug, "--quiet"]) == 0


def test_a_directory_written_for_another_address_is_rebuilt_whole(settings, make_item, publish, township, site_dir):
    """Feeds and QR codes hold the absolute address: when GONGKAI_SITE_HOST changes (or the
    directory was never written whole), the next drain rebuilds everything for the new address."""
    item = publish(make_item(title="地址变更前的信息"))
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "old.example.gov.cn", "new.example.gov.cn"]
    settings.GONGKAI_SITE_HOST = "old.example.gov.cn"
    services.publish_all()
    assert (site_dir / services.ORIGIN_FILE).read_text() == "http://old.example.gov.cn"
    qr = store.file_for(site_dir, f"/agency/{township.slug}/item/{item.pk}/qr.svg")
    feed = next(site_dir.glob(f"agency/{township.slug}/column/*/feed.xml"))
    old_qr, old_feed = qr.read_bytes(), feed.read_text()
    assert "old.example.gov.cn" in old_feed

    assert services.drain().written == 0  # same address: only the (empty) queue
    settings.GONGKAI_SITE_HOST = "new.example.gov.cn"
    outcome = services.drain()
    assert outcome.written > 10 and not outcome.errors
    assert qr.read_bytes() != old_qr and "new.example.gov.cn" in feed.read_text()
    assert (site_dir / services.ORIGIN_FILE).read_text() == "http://new.example.gov.cn"
    assert services.check().clean  # the marker is the directory's own file, not an extra page
    assert (site_dir / "static/gongkai/site.css").is_file()  # a first drain also copies the assets
