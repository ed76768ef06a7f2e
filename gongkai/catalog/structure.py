"""The default catalog of an agency: the first-level columns of the 政府信息公开 column
(指南 / 制度 / 法定主动公开内容 / 年报, regulation.md §4) and the statutory list of Arts. 20-21."""

from __future__ import annotations

from django.db import transaction

from gongkai.agencies.models import Agency, AgencyLevel
from gongkai.catalog.models import CatalogProfile, Column, ColumnKind

# (code, short name, the article's wording)
ARTICLE_20 = [
    ("art20-1", "行政法规、规章和规范性文件", "第二十条第（一）项 行政法规、规章和规范性文件"),
    (
        "art20-2",
        "机关职能与机构设置",
        "第二十条第（二）项 机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名",
    ),
    ("art20-3", "规划及相关政策", "第二十条第（三）项 国民经济和社会发展规划、专项规划、区域规划及相关政策"),
    ("art20-4", "统计信息", "第二十条第（四）项 国民经济和社会发展统计信息"),
    (
        "art20-5",
        "行政许可和对外管理服务",
        "第二十条第（五）项 办理行政许可和其他对外管理服务事项的依据、条件、程序以及办理结果",
    ),
    (
        "art20-6",
        "行政处罚和行政强制",
        "第二十条第（六）项 实施行政处罚、行政强制的依据、条件、程序以及本行政机关认为具有一定社会影响的行政处罚决定",
    ),
    ("art20-7", "财政预算决算", "第二十条第（七）项 财政预算、决算信息"),
    ("art20-8", "行政事业性收费", "第二十条第（八）项 行政事业性收费项目及其依据、标准"),
    ("art20-9", "政府集中采购", "第二十条第（九）项 政府集中采购项目的目录、标准及实施情况"),
    ("art20-10", "重大建设项目", "第二十条第（十）项 重大建设项目的批准和实施情况"),
    (
        "art20-11",
        "扶贫教育医疗社保就业",
        "第二十条第（十一）项 扶贫、教育、医疗、社会保障、促进就业等方面的政策、措施及其实施情况",
    ),
    ("art20-12", "突发公共事件", "第二十条第（十二）项 突发公共事件的应急预案、预警信息及应对情况"),
    ("art20-13", "监督检查", "第二十条第（十三）项 环境保护、公共卫生、安全生产、食品药品、产品质量的监督检查情况"),
    ("art20-14", "公务员招考", "第二十条第（十四）项 公务员招考的职位、名额、报考条件等事项以及录用结果"),
    (
        "art20-15",
        "其他法定公开信息",
        "第二十条第（十五）项 法律、法规、规章和国家有关规定规定应当主动公开的其他政府信息",
    ),
]
ARTICLE_21_TOWNSHIP = [
    ("art21-t1", "农业农村政策落实", "第二十一条 贯彻落实农业农村政策"),
    ("art21-t2", "农田水利工程", "第二十一条 农田水利工程建设运营"),
    ("art21-t3", "土地承包经营权流转", "第二十一条 农村土地承包经营权流转"),
    ("art21-t4", "宅基地使用审核", "第二十一条 宅基地使用情况审核"),
    ("art21-t5", "土地征收", "第二十一条 土地征收"),
    ("art21-t6", "房屋征收", "第二十一条 房屋征收"),
    ("art21-t7", "筹资筹劳", "第二十一条 筹资筹劳"),
    ("art21-t8", "社会救助", "第二十一条 社会救助"),
]
ARTICLE_21_COUNTY = [
    ("art21-c1", "市政建设", "第二十一条 市政建设"),
    ("art21-c2", "公共服务", "第二十一条 公共服务"),
    ("art21-c3", "公益事业", "第二十一条 公益事业"),
    ("art21-c4", "土地征收", "第二十一条 土地征收"),
    ("art21-c5", "房屋征收", "第二十一条 房屋征收"),
    ("art21-c6", "治安管理", "第二十一条 治安管理"),
    ("art21-c7", "社会救助", "第二十一条 社会救助"),
]


def default_guide_html(agency: Agency) -> str:
    return (
        f"<h2>一、政府信息的分类与编排体系</h2><p>{agency.name}主动公开的政府信息按《政府信息公开目录》分类编排，"
        "包括法定主动公开内容和本机关自设栏目。每条信息标注索引号、名称、内容概述、生成日期等。</p>"
        "<h2>二、获取方式</h2><p>公众可通过本平台浏览、检索、下载主动公开的政府信息；"
        "也可依照《中华人民共和国政府信息公开条例》向本机关申请获取政府信息。</p>"
        "<h2>三、政府信息公开工作机构</h2>"
        f"<p>名称：{agency.name}政务公开工作机构<br>办公地址：{agency.address or '（待填写）'}<br>"
        f"办公时间：{agency.office_hours or '（待填写）'}<br>联系电话：{agency.phone or '（待填写）'}<br>"
        f"传真号码：{agency.fax or '（待填写）'}<br>互联网联系方式：{agency.email or '（待填写）'}</p>"
    )


@transaction.atomic
def ensure_catalog(agency: Agency) -> CatalogProfile:
    """Create the agency's profile and default columns if missing (idempotent)."""
    profile, created = CatalogProfile.objects.get_or_create(
        agency=agency, defaults={"guide_html": default_guide_html(agency)}
    )
    if Column.objects.filter(agency=agency).exists():
        return profile

    def col(name, kind, position, parent=None, code="", description=""):
        return Column.objects.create(
            agency=agency, name=name, kind=kind, position=position, parent=parent, code=code, description=description
        )

    col("政府信息公开指南", ColumnKind.GUIDE, 10, code="guide")
    col("政府信息公开制度", ColumnKind.SYSTEM, 20, code="system")
    statutory = col("法定主动公开内容", ColumnKind.GROUP, 30, code="statutory")
    for i, (code, name, text) in enumerate(ARTICLE_20):
        col(name, ColumnKind.STATUTORY, 100 + i, statutory, code, text)
    extra = []
    if agency.level in (AgencyLevel.TOWNSHIP_GOVERNMENT, AgencyLevel.SUBDISTRICT_OFFICE):
        extra = ARTICLE_21_TOWNSHIP
    elif agency.level in (AgencyLevel.COUNTY_GOVERNMENT, AgencyLevel.COUNTY_DEPARTMENT):
        extra = ARTICLE_21_COUNTY
    for i, (code, name, text) in enumerate(extra):
        col(name, ColumnKind.TOWNSHIP, 200 + i, statutory, code, text)
    col("政府信息公开年报", ColumnKind.ANNUAL_REPORT, 40, code="annual-report")
    return profile


def annual_report_column(agency: Agency) -> Column:
    """The agency's 政府信息公开年报 column (created with the default catalog if missing)."""
    ensure_catalog(agency)
    return Column.objects.get(agency=agency, kind=ColumnKind.ANNUAL_REPORT)
