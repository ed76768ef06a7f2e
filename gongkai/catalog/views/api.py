"""Read-only JSON API (documented at /api/openapi.json). Errors are 4xx JSON with a Chinese message."""

from __future__ import annotations

from django.http import JsonResponse
from django.urls import reverse
from django.views.decorators.http import require_GET

from gongkai.catalog.models import Item
from gongkai.catalog.search import MAX_PAGES, PAGE_SIZE, search
from gongkai.catalog.views.public_search import parse_search_params

ALLOWED_PARAMS = {"q", "agency", "column", "page", "validity", "from", "to"}


def _error(status, message, details=None):
    return JsonResponse(
        {"error": message, "details": details or {}}, status=status, json_dumps_params={"ensure_ascii": False}
    )


def _row(request, item):
    v = item.public_version
    return {
        "index_number": item.index_number,
        "title": v.title,
        "url": request.build_absolute_uri(reverse("catalog:item", args=[item.agency.slug, item.pk])),
        "published": v.published_on.isoformat(),
        "agency": item.agency.slug,
        "column": item.column.name,
        "validity": item.validity,
    }


@require_GET
def items(request):
    unknown = sorted(set(request.GET) - ALLOWED_PARAMS)
    if unknown:
        return _error(400, f"不支持的参数：{'、'.join(unknown)}")
    parsed, filters, page, errors = parse_search_params(request.GET)
    if errors:
        return _error(400, "；".join(errors.values()), errors)
    base = Item.objects.filter(public_version__isnull=False).select_related("public_version", "agency", "column")
    if parsed is not None:
        result = search(parsed, filters, page)
        found = {i.pk: i for i in base.filter(pk__in=result.item_ids)}
        rows = [found[pk] for pk in result.item_ids if pk in found]
        return JsonResponse(
            {
                "count": result.count,
                "count_exact": result.count_exact,
                "count_capped": result.capped,
                "page": page,
                "has_next": result.has_next,
                "results": [_row(request, i) for i in rows],
            },
            json_dumps_params={"ensure_ascii": False},
        )
    qs = base
    if filters.agency_id:
        qs = qs.filter(agency_id=filters.agency_id)
    if filters.column_id:
        qs = qs.filter(column_id=filters.column_id)
    if filters.validity:
        qs = qs.filter(validity=filters.validity)
    if filters.published_from:
        qs = qs.filter(public_version__published_on__gte=filters.published_from)
    if filters.published_to:
        qs = qs.filter(public_version__published_on__lte=filters.published_to)
    count = qs.count()
    rows = list(qs.order_by("-sort_key")[(page - 1) * PAGE_SIZE : page * PAGE_SIZE])
    return JsonResponse(
        {
            "count": count,
            "count_exact": True,
            "count_capped": False,
            "page": page,
            "has_next": page * PAGE_SIZE < count and page < MAX_PAGES,
            "results": [_row(request, i) for i in rows],
        },
        json_dumps_params={"ensure_ascii": False},
    )


def _param(name, description, schema):
    return {"name": name, "in": "query", "required": False, "description": description, "schema": schema}


_ITEM_SCHEMA = {
    "type": "object",
    "properties": {
        "index_number": {"type": "string", "description": "索引号"},
        "title": {"type": "string", "description": "名称"},
        "url": {"type": "string", "format": "uri"},
        "published": {"type": "string", "format": "date", "description": "发布日期"},
        "agency": {"type": "string", "description": "机构网址标识"},
        "column": {"type": "string", "description": "栏目名称"},
        "validity": {"type": "string", "enum": ["effective", "expired", "repealed"], "description": "有效性"},
    },
}

# Merged into /api/openapi.json by gongkai.portal.openapi.
OPENAPI_PATHS = {
    "/api/v1/items": {
        "get": {
            "summary": "检索或列出主动公开的政府信息",
            "description": "排序：名称含检索词的在前，然后按发布日期由新到旧，再按ID。count 对很常见的词可能封顶（count_capped）。",
            "parameters": [
                _param("q", "检索词（空格分隔多个词，须全部出现）", {"type": "string"}),
                _param("agency", "机构网址标识", {"type": "string"}),
                _param("column", "栏目ID", {"type": "integer", "minimum": 1}),
                _param("validity", "有效性", {"type": "string", "enum": ["effective", "expired", "repealed"]}),
                _param("from", "发布日期起", {"type": "string", "format": "date"}),
                _param("to", "发布日期止", {"type": "string", "format": "date"}),
                _param(
                    "page",
                    f"页码（每页{PAGE_SIZE}条，最多{MAX_PAGES}页）",
                    {"type": "integer", "minimum": 1, "maximum": MAX_PAGES},
                ),
            ],
            "responses": {
                "200": {
                    "description": "结果",
                    "content": {
                        "application/json": {
                            "schema": {
                                "type": "object",
                                "properties": {
                                    "count": {"type": "integer"},
                                    "count_exact": {"type": "boolean"},
                                    "count_capped": {"type": "boolean"},
                                    "page": {"type": "integer"},
                                    "has_next": {"type": "boolean"},
                                    "results": {"type": "array", "items": _ITEM_SCHEMA},
                                },
                            }
                        }
                    },
                },
                "400": {
                    "description": "参数错误",
                    "content": {
                        "application/json": {
                            "schema": {
                                "type": "object",
                                "properties": {"error": {"type": "string"}, "details": {"type": "object"}},
                            }
                        }
                    },
                },
            },
        }
    }
}
