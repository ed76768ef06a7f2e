"""Oversight fixtures: the township's catalog with a news column, and a publishing helper."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from django.utils import timezone

MONDAY = date(2025, 3, 10)  # ISO 2025-W11, a working day


@pytest.fixture(autouse=True)
def fast_password_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def at(day: date, hour: int = 9):
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


@pytest.fixture
def news(township, agency_admin):
    from gongkai.catalog.actions.setup import add_column
    from gongkai.catalog.models import Column
    from gongkai.catalog.structure import ensure_catalog

    ensure_catalog(township)
    group = Column.objects.get(agency=township, code="statutory")
    return add_column(agency=township, actor=agency_admin, name="镇街动态", parent=group, position=60)


@pytest.fixture
def publish(township, handler, reviewer):
    """publish(column, on) -> a public item whose 发布日期 is `on`."""
    from gongkai.catalog import actions

    def make(column, on: date, title="车辋镇召开安全生产工作会议"):
        item = actions.create_item(
            agency=township,
            column=column,
            actor=handler,
            fields={
                "title": title,
                "summary": "会议情况",
                "publisher": township.name,
                "written_on": on,
                "published_on": on,
                "body_html": "<p>会议部署了安全生产工作。</p>",
            },
        )
        version = item.versions.get()
        actions.submit_version(version=version, actor=handler, now=at(on))
        actions.approve_version(version=version, actor=reviewer, opinion="同意公开", now=at(on, 11))
        return item

    return make


@pytest.fixture
def inspection(township, supervisor, news, publish):
    """An on-demand inspection on MONDAY: the news column was last updated 20 days earlier."""
    from gongkai.oversight.actions import run_inspection

    publish(news, MONDAY - timedelta(days=20))
    return run_inspection(agency=township, actor=supervisor, now=at(MONDAY))


@pytest.fixture
def stale_finding(inspection):
    return inspection.findings.get(code="column.stale")


@pytest.fixture
def correct(township, publish):
    """correct(rectification, on): what the township does about a notice — publish an item in each
    column the notice lists (or in some column, for agency-wide findings) so 验收's re-inspection passes."""
    from gongkai.catalog.models import Column
    from gongkai.catalog.structure import ensure_catalog

    def run(rectification, on: date):
        ensure_catalog(township)
        findings = list(rectification.findings.all())
        ids = {f.subject_id for f in findings if f.subject_type == "column"}
        columns = list(Column.objects.filter(pk__in=ids))
        if not columns or any(f.subject_type == "agency" for f in findings):
            columns.append(
                Column.objects.filter(agency=township)
                .exclude(kind__in=["group", "guide", "system", "annual_report"])
                .first()
            )
        for column in columns:
            publish(column, on, title=f"{column.name}：整改后更新")

    return run
