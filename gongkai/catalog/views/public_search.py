"""The public search page (/search/) and its parameters, shared with the items API."""

from __future__ import annotations

import functools
from datetime import date

from django.shortcuts import render
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe

from gongkai.agencies.models import Agency, AgencyLevel
from gongkai.catalog.models import Column
from gongkai.catalog.search import MAX_PAGES, Filters, search
from gongkai.catalog.selectors import public_items
from gongkai.core.catalog.search import parse_query, snippet
from gongkai.core.catalog.workflow import VALIDITY_LABELS, Validity
from gongkai.core.text import is_ascii_digits, text_problem

SEARCH_PARAMS = ("q", "agency", "column", "validity", "from", "to", "page")


def parse_search_params(params) -> tuple[object, Filters, int, dict]:
    """(parsed query | None, filters, page, errors) from GET parameters; errors are Chinese."""
    errors = {}
    parsed = None
    for key in params:  # NUL and control characters would reach the database (PostgreSQL refuses NUL)
        for value in params.getlist(key) if hasattr(params, "getlist") else [params[key]]:
            problem = text_problem(key + value, "查询参数", 2000)
            if problem:
                errors[key if key in SEARCH_PARAMS else "params"] = problem
    if errors:
        return None, Filters(None, None, None, None, None), 1, errors
    q = params.get("q", "")
    if q.strip():
        result = parse_query(q)
        if isinstance(result, str):
            errors["q"] = result
        else:
            parsed = result
    agency_id = column_id = None
    if params.get("agency"):
        agency = Agency.objects.filter(slug=params["agency"]).exclude(level=AgencyLevel.DISCLOSURE_OFFICE).first()
        if agency is None:
            errors["agency"] = "机构不存在"
        else:
            agency_id = agency.pk
    if params.get("column"):
        raw = params["column"]
        column = Column.objects.filter(pk=int(raw)).first() if is_ascii_digits(raw, 11) else None
        if column is None or (agency_id is not None and column.agency_id != agency_id):
            errors["column"] = "栏目不存在"
        else:
            column_id = column.pk
    validity = params.get("validity") or None
    if validity and validity not in Validity._value2member_map_:
        errors["validity"] = "有效性取值应为 effective、expired 或 repealed"
        validity = None
    dates = {}
    for key, label in (("from", "起始日期"), ("to", "截止日期")):
        raw = params.get(key)
        if raw:
            try:
                dates[key] = date.fromisoformat(raw)
            except ValueError:
                errors[key] = f"{label}格式无效（应为 YYYY-MM-DD）"
    if "from" in dates and "to" in dates and dates["to"] < dates["from"]:
        errors["to"] = "截止日期不能早于起始日期"
    raw_page = params.get("page", "1") or "1"
    page = 1
    if not is_ascii_digits(raw_page, 9) or not 1 <= int(raw_page) <= MAX_PAGES:
        errors["page"] = f"页码应为1至{MAX_PAGES}之间的整数"
    else:
        page = int(raw_page)
    return parsed, Filters(agency_id, column_id, validity, dates.get("from"), dates.get("to")), page, errors


@functools.lru_cache(maxsize=256)
def _agency_options(agencies: tuple[tuple[str, str], ...], selected: str | None) -> str:
    """<option>s of the agency filter (the same few hundred agencies on every search page)."""
    return format_html_join(
        "",
        '<option value="{}"{}>{}</option>',
        ((slug, mark_safe(" selected") if slug == selected else "", name) for slug, name in agencies),
    )


def search_page(request):
    parsed, filters, page, errors = parse_search_params(request.GET)
    result = rows = None
    if parsed is not None and not errors:
        result = search(parsed, filters, page)
        items = {
            i.pk: i
            for i in public_items()
            .select_related("agency")
            .defer("public_version__body_html")
            .filter(pk__in=result.item_ids)
        }
        rows = []
        for pk in result.item_ids:
            item = items.get(pk)
            if item is None:
                continue
            v = item.public_version
            rows.append(
                {
                    "item": item,
                    "title": snippet(v.title, parsed.terms, 200),
                    "snippet": snippet(v.body_text or v.summary, parsed.terms),
                }
            )
    agencies = tuple(
        Agency.objects.exclude(level=AgencyLevel.DISCLOSURE_OFFICE).order_by("name").values_list("slug", "name")
    )
    agency_options = _agency_options(agencies, request.GET.get("agency"))
    columns = Column.objects.filter(agency_id=filters.agency_id).order_by("position") if filters.agency_id else []
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "catalog/public/search.html",
        {
            "q": request.GET.get("q", ""),
            "errors": errors,
            "result": result,
            "rows": rows,
            "agency_options": agency_options,
            "columns": columns,
            "filters": filters,
            "params": request.GET,
            "base_query": query.urlencode(),
            "validity_choices": [(v.value, label) for v, label in VALIDITY_LABELS.items()],
        },
        status=400 if errors else 200,
    )
