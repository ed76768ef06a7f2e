"""The public item page: review notes never reach the public; a change note only for amendments."""

from datetime import date, timedelta

from django.test import Client

from gongkai.catalog import actions
from tests.catalog.conftest import NOW


def test_first_publication_after_a_rejection_is_not_labelled_an_update(make_item, publish, handler, reviewer, township):
    item = make_item(change_note="按审核意见删除身份证号码和手机号码")
    version = item.versions.get()
    actions.submit_version(version=version, actor=handler, now=NOW)
    actions.reject_version(version=version, actor=reviewer, opinion="请删除个人信息", now=NOW)
    item = publish(item)
    assert item.public_version.number == 2
    page = Client().get(f"/agency/{township.slug}/item/{item.pk}/").content.decode()
    assert "按审核意见" not in page and "请删除个人信息" not in page
    assert "更新" not in page and "第2版" not in page and 'id="public-change-note"' not in page


def test_amendment_shows_its_public_note_only(make_item, publish, handler, township):
    item = publish(make_item())
    draft = actions.start_amendment(item=item, actor=handler)
    actions.update_draft(
        version=draft,
        actor=handler,
        fields={
            "title": "更正后的标题",
            "summary": "s",
            "publisher": "p",
            "written_on": date(2024, 5, 28),
            "changed_on": date(2024, 6, 10),
            "change_note": "按审核意见删除手机号码",
        },
    )
    draft.refresh_from_db()
    draft.public_note = "更正了发放时间"
    draft.save(update_fields=["public_note"])
    publish(item, now=NOW + timedelta(days=8))
    page = Client().get(f"/agency/{township.slug}/item/{item.pk}/").content.decode()
    assert '<p class="notice" id="public-change-note">本信息于2024年6月11日更新：更正了发放时间</p>' in page
    assert "按审核意见" not in page


def test_report_page_has_the_item_page_frame(db):
    """The HTML report page: agency bar, breadcrumb, bordered article (not bare tables)."""
    from gongkai.cli.demo import load_demo

    load_demo(None)
    html = Client().get("/agency/cheyang/annual-reports/2024/").content.decode()
    assert 'class="agency-bar"' in html and 'class="crumbs"' in html and 'class="article report-page"' in html
    assert 'aria-current="page">政府信息公开年报' in html and 'class="brand-name">车辋镇人民政府<' in html
    assert '<article class="annual-report">' in html and "主办单位" in html
