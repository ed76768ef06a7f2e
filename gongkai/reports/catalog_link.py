"""Publishing a report puts it into the agency's 政府信息公开年报 column as a catalog item.

The item goes through the catalog's own workflow — submitted by the report's submitter,
approved by the report's reviewer with the confidentiality review recorded (一事一审), then
published with an allocated 索引号. A correction amends the same item (new version, change note).

Dates of a correction follow the catalog's amendment rule: the item keeps its 成文日期 and its
发布日期 (the first publication, by which 条例 第四十九条 is judged); the correction's date is the
变更日期 with the change note. (Giving the amended version today as 成文日期 while it kept the
old 发布日期 made every correction on a later day unpublishable: "发布日期不能早于成文日期".)
"""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from gongkai.catalog.actions.items import create_item, update_draft
from gongkai.catalog.actions.publishing import start_amendment
from gongkai.catalog.actions.review import approve_version, resolve_hit, submit_version
from gongkai.catalog.models import Item, ScreeningHit
from gongkai.catalog.structure import annual_report_column
from gongkai.core.refusal import PermissionRefused, Refused
from gongkai.core.report.format import APPLICATION_ROWS
from gongkai.core.report.model import Report
from gongkai.core.report.render_html import render_html_fragment
from gongkai.reports.models import AnnualReport


def _fields(row, report: Report, today, written_on=None) -> dict:
    title = f"{row.agency.name}{row.year}年政府信息公开工作年度报告"
    links = " · ".join(
        f'<a href="{escape(reverse("reports:public_file", args=[row.agency.slug, row.year, fmt]))}">{label}</a>'
        for fmt, label in (("docx", "Word（DOCX）"), ("pdf", "PDF"), ("json", "数据（JSON）"))
    )
    fields = {
        "title": title,
        "summary": f"{row.agency.name}依据《中华人民共和国政府信息公开条例》第四十九条、第五十条编制的{row.year}年度报告。",
        "publisher": row.agency.name,
        "written_on": written_on or today,
        "topic": "政府信息公开年报",
        "keywords": "年度报告,政府信息公开",
        "body_html": f"<p>下载：{links}</p>\n{render_html_fragment(report)}",
    }
    if row.version > 1:
        fields["changed_on"] = today
        fields["change_note"] = row.change_note or f"第{row.version}版更正"
    return fields


# Fixed labels of the national tables that the secrecy screening flags (“1.属于国家秘密”,
# “5.属于三类内部事务信息”): they name categories, they are not secrecy marks.
FORMAT_LABELS = tuple({r.label for r in APPLICATION_ROWS} | {r.group for r in APPLICATION_ROWS if r.group})


def _resolve_format_label_hits(version, reviewer, now) -> None:
    """Confirm screening hits that lie inside a fixed format label; refuse on any other hit."""

    others = []
    for hit in version.hits.filter(resolution=ScreeningHit.Resolution.PENDING):
        if any(hit.match in label and label in hit.context for label in FORMAT_LABELS):
            resolve_hit(
                hit=hit,
                actor=reviewer,
                resolution=ScreeningHit.Resolution.CONFIRMED,
                now=now,
                reason="国家规定的年度报告表格标签（国办公开办函〔2021〕30号），不是密级标志",
            )
        else:
            others.append(f"{hit.kind_label}“{hit.match}”（{hit.context}）")
    if others:
        raise Refused("报告文字中有需要处理的内容，请修改后重新提交：" + "；".join(others[:5]))


def publish_in_catalog(row, *, author, reviewer, opinion: str, now) -> int:
    """Create (or amend) and publish the 年报 item; returns the item id. Runs in the caller's transaction."""

    report = Report.from_json(row.data)
    earlier = (
        AnnualReport.objects.filter(agency=row.agency, year=row.year, catalog_item_id__isnull=False)
        .exclude(pk=row.pk)
        .order_by("-version")
        .first()
    )
    try:
        today = timezone.localdate(now)
        if earlier is not None:
            item = Item.objects.select_related("public_version").get(pk=earlier.catalog_item_id)
            fields = _fields(row, report, today, written_on=item.public_version.written_on)
            version = start_amendment(item=item, actor=author)
            version = update_draft(version=version, actor=author, fields=fields)
        else:
            fields = _fields(row, report, today)
            item = create_item(agency=row.agency, column=annual_report_column(row.agency), actor=author, fields=fields)
            version = item.versions.get()
        submit_version(version=version, actor=author, now=now)
        _resolve_format_label_hits(version, reviewer, now)
        approve_version(version=version, actor=reviewer, opinion=opinion or "年度报告审核通过", now=now)
    except Refused as error:  # the same kind of refusal (a permission stays one), with the context
        kind = PermissionRefused if isinstance(error, PermissionRefused) else Refused
        raise kind(f"发布到政府信息公开年报栏目失败：{error}") from None
    return item.pk
