"""Reads of the catalog for staff lists, the annual report and the portal."""

from __future__ import annotations

from datetime import UTC, date, datetime
from types import SimpleNamespace

from django.db.models import Count, Q

from gongkai.agencies.models import Agency, AgencyLevel
from gongkai.catalog.models import Column, ColumnKind, DocKind, Item, ItemVersion
from gongkai.core.calendar import YearNotCovered
from gongkai.core.catalog.deadline import publication_clock
from gongkai.core.catalog.workflow import OPEN_STATE_VALUES, Validity, VersionState
from gongkai.routing import read_connection

NORMATIVE_LABELS = {DocKind.REGULATION: "规章", DocKind.NORMATIVE: "行政规范性文件"}


def agency_scope(agency):
    """One agency, or several (queryset or list) for a county-wide sum."""

    return [agency] if isinstance(agency, Agency) else agency


def public_items():
    """Items with a public version (what the public catalog shows)."""
    return Item.objects.filter(public_version__isnull=False).select_related("public_version", "column")


def normative_document_counts(agency, year: int) -> dict[str, dict[str, int]]:
    """Report section 二, 第二十条第（一）项: for 规章 and 行政规范性文件, the published documents

    - "issued": 制发 (issued_on) in `year`;
    - "repealed": 废止 (validity 废止, repealed_on) in `year`;
    - "in_force": issued on or before 31 Dec of `year` and neither 废止 nor 失效 by then.

    -> {"规章": {"issued": n, "repealed": n, "in_force": n}, "行政规范性文件": {...}}
    """
    end = date(year, 12, 31)
    result = {}
    for kind, label in NORMATIVE_LABELS.items():
        docs = Item.objects.filter(agency__in=agency_scope(agency), doc_kind=kind, public_version__isnull=False)
        result[label] = {
            "issued": docs.filter(issued_on__year=year).count(),
            "repealed": docs.filter(validity=Validity.REPEALED.value, repealed_on__year=year).count(),
            "in_force": docs.filter(issued_on__lte=end)
            .exclude(~Q(validity=Validity.EFFECTIVE.value) & Q(validity_changed_on__lte=end))
            .count(),
        }
    return result


def published_counts_by_column(agency, year: int) -> list[tuple[str, int]]:
    """[(column name, number of items whose 发布日期 is in `year`)] in catalog order, only
    columns with items: e.g. [("领导信息", 1), ("职责信息", 1), ("镇街动态", 62)]."""
    rows = (
        Item.objects.filter(agency=agency, public_version__published_on__year=year)
        .values("column_id")
        .annotate(n=Count("id"))
    )
    counts = {row["column_id"]: row["n"] for row in rows}
    columns = Column.objects.filter(pk__in=counts).order_by("position", "id")
    return [(c.name, counts[c.pk]) for c in columns]


def column_tree(agency) -> list[tuple[Column, int]]:
    """[(column, depth)] in display order (parents before children)."""
    columns = list(Column.objects.filter(agency=agency).order_by("position", "id"))
    children: dict[int | None, list[Column]] = {}
    for column in columns:
        children.setdefault(column.parent_id, []).append(column)
    out: list[tuple[Column, int]] = []

    def walk(parent_id, depth):
        for column in children.get(parent_id, []):
            out.append((column, depth))
            walk(column.pk, depth + 1)

    walk(None, 0)
    return out


def annual_report_column(agency) -> Column | None:
    return Column.objects.filter(agency=agency, kind=ColumnKind.ANNUAL_REPORT).first()


def open_versions(agency):
    return (
        ItemVersion.objects.filter(item__agency=agency, state__in=OPEN_STATE_VALUES)
        .select_related("item", "item__column", "author")
        .order_by("-created_at")
    )


def at_risk_versions(agency, today: date, calendar) -> list[tuple[ItemVersion, object]]:
    """Unpublished versions whose Art. 26 deadline (20 working days from formed/changed) is
    within AT_RISK_WORKING_DAYS or passed. Uses a provisional calendar for missing years."""
    out = []
    for version in open_versions(agency):
        formed = version.changed_on or version.formed_on
        try:
            clock = publication_clock(formed, today, calendar)
        except YearNotCovered:
            continue
        if clock.at_risk:
            out.append((version, clock))
    out.sort(key=lambda pair: pair[1].days_left)
    return out


def normative_without_interpretation(agency):
    return (
        Item.objects.filter(
            agency=agency,
            doc_kind__in=[DocKind.REGULATION, DocKind.NORMATIVE],
            public_version__isnull=False,
            validity=Validity.EFFECTIVE.value,
        )
        .exclude(interpretations__public_version__isnull=False)
        .select_related("public_version")
        .order_by("-sort_key")
    )


def pending_review(agency):
    return open_versions(agency).filter(state=VersionState.SUBMITTED.value)


_PUBLIC_ITEM_SQL = """
SELECT ag.id, ag.slug, ag.name, ag.short_name,
       i.id, i.index_number, i.validity, i.validity_changed_on, i.retire_reason, i.doc_kind, i.interprets_id,
       c.id, c.name, c.parent_id,
       v.id, v.number, v.title, v.summary, v.doc_number, v.publisher, v.written_on, v.formed_on, v.published_on,
       v.published_at, v.topic, v.keywords, v.body_html, v.public_note,
       (SELECT count(*) FROM catalog_attachment a WHERE a.version_id = v.id),
       EXISTS (SELECT 1 FROM catalog_itemversion pv WHERE pv.item_id = i.id AND pv.number < v.number
               AND pv.published_at IS NOT NULL)
FROM catalog_item i
JOIN agencies_agency ag ON ag.id = i.agency_id
JOIN catalog_itemversion v ON v.id = i.public_version_id
JOIN catalog_column c ON c.id = i.column_id
WHERE i.id = %s AND ag.slug = %s AND ag.level <> %s
"""


def _date(value):
    return date.fromisoformat(value) if isinstance(value, str) else value


def _datetime(value):
    if isinstance(value, str):  # SQLite through a raw cursor: naive UTC text
        return datetime.fromisoformat(value).replace(tzinfo=UTC)
    return value


def public_item(slug: str, pk: int) -> SimpleNamespace | None:
    """The public page of one item in one query (the page most often served): namespaces
    `agency`, `item` (with `column`) and `version` with the fields the page shows, plus
    `attachment_count`; None when the item is not public or not this agency's."""

    connection = read_connection(Item)

    with connection.cursor() as cursor:
        cursor.execute(_PUBLIC_ITEM_SQL, [pk, slug, AgencyLevel.DISCLOSURE_OFFICE.value])
        row = cursor.fetchone()
    if row is None:
        return None
    (
        agency_id,
        agency_slug,
        agency_name,
        short_name,
        item_id,
        index_number,
        validity,
        validity_changed_on,
        retire_reason,
        doc_kind,
        interprets_id,
        column_id,
        column_name,
        column_parent_id,
        version_id,
        number,
        title,
        summary,
        doc_number,
        publisher,
        written_on,
        formed_on,
        published_on,
        published_at,
        topic,
        keywords,
        body_html,
        public_note,
        attachment_count,
        amended,
    ) = row
    published_at = _datetime(published_at)
    # `amended`: an earlier version was published, so this one amends a publication (not a first
    # publication after rejected drafts, whatever its number): only then does the page show the
    # public change note. Review notes never reach the page.
    amended = bool(amended)
    column = SimpleNamespace(pk=column_id, name=column_name, parent_id=column_parent_id)
    return SimpleNamespace(
        agency=SimpleNamespace(pk=agency_id, slug=agency_slug, name=agency_name, short_name=short_name),
        item=SimpleNamespace(
            pk=item_id,
            index_number=index_number,
            validity=validity,
            validity_changed_on=_date(validity_changed_on),
            retire_reason=retire_reason,
            doc_kind=doc_kind,
            interprets_id=interprets_id,
            column=column,
        ),
        version=SimpleNamespace(
            pk=version_id,
            number=number,
            title=title,
            summary=summary,
            doc_number=doc_number,
            publisher=publisher,
            written_on=_date(written_on),
            formed_on=_date(formed_on),
            published_on=_date(published_on),
            published_at=published_at,
            topic=topic,
            keywords=keywords,
            body_html=body_html,
            public_note=public_note,
            # the public page shows only the public note, never the internal one
            change_note=public_note,
            amended=amended,
        ),
        attachment_count=attachment_count,
    )
