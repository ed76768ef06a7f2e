from datetime import date, timedelta

import pytest

from gongkai.audit.models import AuditEntry
from gongkai.catalog import actions
from gongkai.catalog.models import Item, ItemVersion, Review
from gongkai.core.identifiers import resident_id_check_character
from gongkai.core.refusal import PermissionRefused, Refused
from tests.catalog.conftest import NOW

ID = "11010519491231002" + resident_id_check_character("11010519491231002")


def kinds(item):
    return list(
        AuditEntry.objects.filter(subject_type="catalog.item", subject_id=str(item.pk))
        .order_by("id")
        .values_list("kind", flat=True)
    )


def test_full_path_with_screening_reject_fix_approve(make_item, handler, reviewer, township):
    item = make_item(body_html=f"<p>申请人张三（身份证号{ID}）的低保申请已受理。</p>")
    v1 = item.versions.get()
    actions.submit_version(version=v1, actor=handler, now=NOW)
    hit = v1.hits.get()
    assert hit.kind == "id_number" and ID in hit.context and hit.source == "正文"
    with pytest.raises(Refused, match="未确认"):
        actions.approve_version(version=v1, actor=reviewer, opinion="", now=NOW)
    actions.resolve_hit(hit=hit, actor=reviewer, resolution="remove", reason="", now=NOW)
    draft = actions.reject_version(version=v1, actor=reviewer, opinion="请删除身份证号码", now=NOW)
    v1.refresh_from_db()
    assert v1.state == "rejected" and v1.review.conclusion == "rejected" and v1.review.opinion == "请删除身份证号码"
    assert draft.number == 2 and draft.state == "draft"
    actions.update_draft(
        version=draft,
        actor=handler,
        fields={
            "title": draft.title,
            "summary": draft.summary,
            "publisher": draft.publisher,
            "written_on": draft.written_on,
            "body_html": "<p>申请人张某的低保申请已受理。</p>",
        },
    )
    actions.submit_version(version=draft, actor=handler, now=NOW)
    assert not draft.hits.exists()
    actions.approve_version(version=draft, actor=reviewer, opinion="经审查同意公开", now=NOW)
    item.refresh_from_db()
    assert item.public_version.number == 2
    assert item.index_number == f"{township.credit_code}/2024-00001"
    assert item.public_version.published_on == date(2024, 6, 3)
    assert Review.objects.filter(version__item=item).count() == 2  # one review per version
    assert kinds(item) == [
        "catalog.item.created",
        "catalog.version.submitted",
        "catalog.screening.resolved",
        "catalog.version.rejected",
        "catalog.version.edited",
        "catalog.version.submitted",
        "catalog.version.approved",
        "catalog.item.published",
    ]


def test_reviewer_cannot_approve_own_item(township, news, agency_admin):
    item = actions.create_item(
        agency=township,
        column=news,
        actor=agency_admin,
        fields={"title": "自审测试", "summary": "x", "publisher": "p", "written_on": date(2024, 5, 1)},
    )
    version = item.versions.get()
    actions.submit_version(version=version, actor=agency_admin, now=NOW)
    with pytest.raises(Refused, match="四眼原则"):
        actions.approve_version(version=version, actor=agency_admin, opinion="", now=NOW)
    version.refresh_from_db()
    assert version.state == "submitted" and not Review.objects.filter(version=version).exists()


def test_handler_cannot_review_and_outsider_cannot_edit(make_item, handler, other_handler, reviewer):
    item = make_item()
    version = item.versions.get()
    with pytest.raises(PermissionRefused):
        actions.submit_version(version=version, actor=other_handler, now=NOW)
    actions.submit_version(version=version, actor=handler, now=NOW)
    with pytest.raises(PermissionRefused):
        actions.approve_version(version=version, actor=handler, opinion="", now=NOW)


def test_invalid_transition(make_item, publish, reviewer):
    """Approving what is no longer submitted is a refusal (shown to the user), not an error."""
    item = publish(make_item())
    with pytest.raises(Refused, match="该事项已由他人处理"):
        actions.approve_version(version=item.public_version, actor=reviewer, opinion="", now=NOW)


def test_serials_are_sequential_per_year(make_item, publish, township):
    a = publish(make_item())
    b = publish(make_item(title="第二条"))
    c = publish(make_item(title="第三条", written_on=date(2025, 1, 2)), now=NOW.replace(year=2025, month=1, day=3))
    assert [a.index_serial, b.index_serial, c.index_serial] == [1, 2, 1]
    assert c.index_number.endswith("/2025-00001")


def test_custom_index_pattern(make_item, publish, township, agency_admin, catalog):
    from gongkai.catalog.actions.setup import update_catalog_settings

    update_catalog_settings(
        agency=township,
        actor=agency_admin,
        index_pattern="CY-{YYYY}{MM}-{NNNN}",
        guide_html="<p>指南</p><script>alert(1)</script>",
        system_html="",
    )
    item = publish(make_item())
    assert item.index_number == "CY-202406-0001"
    catalog.refresh_from_db()
    assert "<script>" not in catalog.guide_html


def test_scheduled_publication_by_job(make_item, publish):
    from gongkai.catalog.jobs import publish_scheduled

    item = publish(make_item(), publish_at=NOW + timedelta(hours=3))
    assert item.public_version is None and item.versions.get().state == "approved"
    assert publish_scheduled(NOW + timedelta(hours=1)) == "定时发布 0 条"
    assert publish_scheduled(NOW + timedelta(hours=4)) == "定时发布 1 条"
    assert publish_scheduled(NOW + timedelta(hours=5)) == "定时发布 0 条"
    item.refresh_from_db()
    assert item.index_number and item.public_version.state == "published"


def test_publish_version_checks_its_actor_outside_a_view(make_item, publish, handler, other_handler, reviewer):
    """Publishing is an action on its own (the job calls it with None): a person must be a reviewer
    of the agency — neither a stranger nor the handler can publish an approved version directly."""
    item = publish(make_item(), publish_at=NOW + timedelta(hours=3))
    version = item.versions.get()
    for person in (other_handler, handler):
        with pytest.raises(PermissionRefused, match="无权发布"):
            actions.publish_version(version=version, actor=person, now=NOW)
    version.refresh_from_db()
    assert version.state == "approved" and version.published_at is None
    actions.publish_version(version=version, actor=reviewer, now=NOW)
    item.refresh_from_db()
    assert item.public_version_id == version.pk and item.index_number


def test_amendment_is_reviewed_again_and_supersedes(make_item, publish, handler, reviewer):
    item = publish(make_item())
    first = item.public_version
    draft = actions.start_amendment(item=item, actor=handler)
    with pytest.raises(Refused, match="变更"):
        actions.update_draft(
            version=draft,
            actor=handler,
            fields={"title": "更正后的标题", "summary": "s", "publisher": "p", "written_on": date(2024, 5, 28)},
        )
    actions.update_draft(
        version=draft,
        actor=handler,
        fields={
            "title": "更正后的标题",
            "summary": "s",
            "publisher": "p",
            "written_on": date(2024, 5, 28),
            "changed_on": date(2024, 6, 10),
            "change_note": "更正发放时间",
        },
    )
    item.refresh_from_db()
    assert item.public_version == first  # the public still sees the first version
    publish(item, now=NOW + timedelta(days=8))
    first.refresh_from_db()
    assert first.state == "superseded"
    assert item.public_version.title == "更正后的标题" and item.index_serial == 1
    assert item.public_version.published_on == date(2024, 6, 3)  # 发布日期 kept; change noted


def test_retire_normative_document_and_counts(make_item, publish, handler, retire):
    from gongkai.catalog.selectors import normative_document_counts, normative_without_interpretation

    doc = publish(make_item(title="某镇村级财务管理办法", doc_kind="normative"))
    assert list(normative_without_interpretation(doc.agency)) == [doc]
    interp = publish(make_item(title="《某镇村级财务管理办法》政策解读", doc_kind="interpretation"))
    actions.set_interpretation(item=interp, target=doc, actor=handler)
    assert list(normative_without_interpretation(doc.agency)) == []
    assert normative_document_counts(doc.agency, 2024)["行政规范性文件"] == {"issued": 1, "repealed": 0, "in_force": 1}
    with pytest.raises(Refused, match="原因"):
        actions.request_retirement(
            item=doc, actor=handler, validity="repealed", on=date(2024, 12, 1), reason=" ", now=None
        )
    retire(doc, validity="repealed", on=date(2024, 12, 1), reason="已被新办法替代")
    assert normative_document_counts(doc.agency, 2024)["行政规范性文件"] == {"issued": 1, "repealed": 1, "in_force": 0}
    assert normative_document_counts(doc.agency, 2024)["规章"] == {"issued": 0, "repealed": 0, "in_force": 0}
    assert normative_document_counts(doc.agency, 2023)["行政规范性文件"]["in_force"] == 0


def test_published_counts_by_column(make_item, publish, news, township):
    from gongkai.catalog.selectors import published_counts_by_column

    publish(make_item())
    publish(make_item(title="二"))
    make_item(title="未发布")
    assert published_counts_by_column(township, 2024) == [("镇街动态", 2)]
    assert published_counts_by_column(township, 2023) == []


def test_bad_dates_and_unknown_column_save_nothing(make_item, township, handler, catalog):
    from gongkai.catalog.models import Column

    before = Item.objects.count()
    with pytest.raises(Refused, match="发布日期不能早于成文日期"):
        make_item(published_on=date(2024, 5, 1))
    group = Column.objects.get(agency=township, code="statutory")
    with pytest.raises(Refused, match="不能直接发布"):
        make_item(column=group)
    assert Item.objects.count() == before and not ItemVersion.objects.exists()


def test_art26_at_risk_list(make_item, township):
    from gongkai.catalog.selectors import at_risk_versions
    from gongkai.holidays.services import working_calendar

    make_item(title="早已成文", written_on=date(2024, 5, 6))
    make_item(title="刚成文", written_on=date(2024, 6, 3))
    rows = at_risk_versions(township, date(2024, 6, 3), working_calendar().provisional())
    assert [v.title for v, _ in rows] == ["早已成文"]


def test_create_and_submit_for_annual_report(township, handler, catalog):
    from gongkai.catalog.structure import annual_report_column

    column = annual_report_column(township)
    item = actions.create_and_submit_item(
        agency=township,
        column=column,
        actor=handler,
        now=NOW,
        fields={
            "title": "2024年政府信息公开工作年度报告",
            "summary": "年报",
            "publisher": "测试镇人民政府",
            "written_on": date(2024, 1, 20),
        },
    )
    assert item.versions.get().state == "submitted" and item.column.kind == "annual_report"


def test_columns_reorder_move_and_refuse_cycles(township, news, agency_admin, catalog):
    from gongkai.catalog.actions.setup import add_column, update_column
    from gongkai.catalog.models import Column

    child = add_column(agency=township, actor=agency_admin, name="村务公开", parent=news, position=1)
    with pytest.raises(Refused, match="下级栏目"):
        update_column(column=news, actor=agency_admin, name="镇街动态", parent=child, position=1)
    statutory = Column.objects.get(agency=township, code="art20-1")
    with pytest.raises(Refused, match="只能调整排序"):
        update_column(column=statutory, actor=agency_admin, name="改名", parent=statutory.parent, position=1)
    update_column(column=statutory, actor=agency_admin, name=statutory.name, parent=statutory.parent, position=1)
    update_column(column=child, actor=agency_admin, name="村务公开栏", parent=None, position=3)
    child.refresh_from_db()
    assert child.parent is None and child.name == "村务公开栏"


def test_column_view_update(client_of, agency_admin, township, news):
    client = client_of(agency_admin)
    url = f"/staff/catalog/agency/{township.pk}/columns/"
    r = client.post(url, {"column_id": news.pk, "name": "镇村动态", "parent": "", "position": "7"}, follow=True)
    assert "栏目已更新" in r.content.decode()
    r = client.post(url, {"column_id": "999999", "name": "x", "position": "1"}, follow=True)
    assert "栏目不存在" in r.content.decode()
    news.refresh_from_db()
    assert news.name == "镇村动态" and news.position == 7
    statutory = type(news).objects.filter(agency=township, kind="statutory").first()
    r = client.post(
        url,
        {
            "column_id": statutory.pk,
            "name": statutory.name,
            "parent": statutory.parent_id or "",
            "position": statutory.position,
            "empty_reason": "本机关无行政强制职能",
        },
        follow=True,
    )
    assert "栏目已更新" in r.content.decode()
    public = client.get(f"/agency/{township.slug}/column/{statutory.pk}/").content.decode()
    assert "本栏目无信息：本机关无行政强制职能" in public
    r = client.post(
        url,
        {
            "column_id": statutory.pk,
            "name": statutory.name,
            "parent": statutory.parent_id or "",
            "position": statutory.position,
            "empty_reason": "长" * 201,
        },
        follow=True,
    )
    assert "不超过200字" in r.content.decode()
