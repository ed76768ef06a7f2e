"""Website settings: header, footer, 联系我们, 网站地图, favicon; edited by the agency administrator."""

from django.test import Client

from gongkai.audit.models import AuditEntry
from gongkai.portal.models import SiteSettings

SETTINGS = {
    "sponsor": "测试镇人民政府",
    "organizer": "测试镇党政办",
    "site_code": "3600000001",
    "icp_number": "赣ICP备12345678号",
    "police_number": "赣公网安备 36000002000001号",
    "police_link": "https://beian.mps.gov.cn/#/query/webSearch?code=36000002000001",
    "party_mark_image": "/static/gongkai/sample-party-mark.svg",
    "party_mark_link": "",
    "contact_text": "地址：测试镇政府街1号\n电话：0000-1111111",
}


def test_agency_admin_edits_settings_and_every_public_page_shows_them(
    township, agency_admin, handler, client_of, catalog
):
    anonymous = Client()
    home = anonymous.get(f"/agency/{township.slug}/").content.decode()  # cached before the change
    assert "赣ICP备" not in home
    response = client_of(agency_admin).post(f"/staff/site/{township.pk}/", SETTINGS)
    assert response.status_code == 302
    assert AuditEntry.objects.filter(kind="portal.site_settings.updated").count() == 1
    for path in (
        f"/agency/{township.slug}/",
        f"/agency/{township.slug}/contact/",
        f"/agency/{township.slug}/sitemap/",
        f"/agency/{township.slug}/apply-notice/",
    ):
        page = anonymous.get(path).content.decode()
        assert "主办单位：测试镇人民政府" in page and "承办单位：测试镇党政办" in page, path
        assert "网站标识码：3600000001" in page
        assert '<a href="https://beian.miit.gov.cn/" rel="noopener">赣ICP备12345678号</a>' in page
        assert "赣公网安备 36000002000001号" in page and 'alt="党政机关网站标识"' in page
        assert 'class="brand-name">测试镇人民政府<' in page  # the header names the agency
        assert 'class="skip-link" href="#main"' in page and 'id="main"' in page
        assert "favicon.svg" in page
    contact = anonymous.get(f"/agency/{township.slug}/contact/").content.decode()
    assert "<p>地址：测试镇政府街1号</p>" in contact
    assert client_of(handler).get(f"/staff/site/{township.pk}/").status_code == 404  # not an administrator


def test_bad_settings_are_a_400_with_chinese_messages(township, agency_admin, client_of):
    response = client_of(agency_admin).post(
        f"/staff/site/{township.pk}/", dict(SETTINGS, party_mark_image="javascript:alert(1)", police_link="not a url")
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert "标识图片地址应为本站以 / 开头的路径" in text and "请输入有效的网址" in text
    assert not SiteSettings.objects.exists()


def test_sitemap_lists_columns_and_the_way_to_apply(township, catalog):
    page = Client().get(f"/agency/{township.slug}/sitemap/").content.decode()
    assert "申请须知" in page and f"/apply/{township.slug}/" in page and "政府信息公开指南" in page


def test_favicon_and_reading_aids_are_buttons_not_links(township, catalog):
    assert Client().get("/favicon.ico").status_code == 301
    page = Client().get(f"/agency/{township.slug}/").content.decode()
    assert '<button type="button" data-tool="font-up" aria-label="A+ 放大字号">A+</button>' in page
    assert '<button type="button" data-tool="print" aria-label="打印本页">打印</button>' in page
    assert "?font" not in page and "?print" not in page
    assert 'role="toolbar" aria-label="阅读辅助" hidden' in page  # shown by site.js only


def test_demo_settings_are_marked_as_samples(db):
    from gongkai.agencies import demo as agencies_demo
    from gongkai.portal import demo

    agencies_demo.load()
    demo.load()
    demo.load()  # idempotent
    row = SiteSettings.objects.get(agency__slug="cheyang")
    assert "示例" in row.site_code and "示例" in row.icp_number and "示例" in row.police_number
    assert SiteSettings.objects.filter(agency__slug="cheyang").count() == 1
