"""申请须知 from the agency's record and the law; the remedy bodies from one lookup (条例 Art. 51)."""

from django.test import Client

from gongkai.agencies.demo import demo_credit_code
from gongkai.agencies.models import Agency, AgencyLevel
from gongkai.applications.letters.config import defaults
from gongkai.applications.remedies import remedy_bodies


def test_notice_art51_names_review_body_court_and_complaint_body(township, county_office, catalog):
    township.address, township.office_hours, township.fax = "测试镇政府街1号", "工作日 8:30-17:30", "0000-2222222"
    township.save()
    expected = defaults(township)
    page = Client().get(f"/agency/{township.slug}/apply-notice/").content.decode()
    assert f'<strong id="review-body">{expected["review_body"]}</strong>' in page
    assert f'<strong id="court">{expected["court"]}</strong>' in page
    assert '<strong id="complaint-body">测试县政务公开办</strong>' in page
    for text in (
        "第二十九条",
        "第三十一条",
        "7个工作日内一次性告知",
        "重新计算",
        "20个工作日内予以答复",
        "最长不超过20个工作日",
        "109号",
        "10件以下",
        "30页免费",
        "测试镇政府街1号",
        "0000-2222222",
        f"/apply/{township.slug}/",
    ):
        assert text in page, text


def test_remedy_lookup_prefers_the_agencys_own_setting(township, county_office, agency_admin):
    """Art. 51: the agency's saved 复议机关/人民法院 (its letter settings) win over the level default;
    the 申请须知 names the same bodies as the letters."""
    from gongkai.applications import actions

    default = remedy_bodies(township)
    assert not default.from_settings and default.review_body == defaults(township)["review_body"]
    values = defaults(township) | {"review_body": "某市某区人民政府", "court": "某市某区人民法院"}
    actions.save_letter_settings(agency=township, actor=agency_admin, **values)
    own = remedy_bodies(township)
    assert own.from_settings and own.review_body == "某市某区人民政府" and own.court == "某市某区人民法院"


def test_county_government_is_reviewed_one_level_up(county_office):
    county = Agency.objects.create(
        name="测试县人民政府",
        credit_code=demo_credit_code("900010"),
        level=AgencyLevel.COUNTY_GOVERNMENT,
        supervisor=county_office,
        slug="test-county",
    )
    bodies = remedy_bodies(county)
    assert bodies.review_body and bodies.review_body != county.name and "法院" in bodies.court


def test_every_agency_page_links_to_the_application(township, catalog):
    for path in (f"/agency/{township.slug}/", f"/agency/{township.slug}/guide/", f"/agency/{township.slug}/contact/"):
        page = Client().get(path).content.decode()
        assert f'class="apply-entry" href="/agency/{township.slug}/apply-notice/"' in page, path
    guide = Client().get(f"/agency/{township.slug}/guide/").content.decode()
    assert f'href="/apply/{township.slug}/"' in guide and "申请须知" in guide


def test_saved_letter_settings_refresh_the_cached_notice(township, county_office, agency_admin, catalog):
    from gongkai.applications import actions

    path = f"/agency/{township.slug}/apply-notice/"
    assert "某市某区人民法院" not in Client().get(path).content.decode()  # now in the page cache
    values = defaults(township) | {"review_body": "某市某区人民政府", "court": "某市某区人民法院"}
    actions.save_letter_settings(agency=township, actor=agency_admin, **values)
    assert '<strong id="court">某市某区人民法院</strong>' in Client().get(path).content.decode()
