"""GET /api/openapi.json: one OpenAPI document for the whole public API, assembled from the
`OPENAPI_PATHS` each bounded context declares next to its API views."""

from __future__ import annotations

from django.http import JsonResponse
from django.views.decorators.http import require_GET

from gongkai.registry import app_modules


def api_paths() -> dict:
    """Each app's `openapi_paths.OPENAPI_PATHS`, discovered (gongkai.registry)."""

    paths: dict = {}
    for module in app_modules("openapi_paths"):
        for path, spec in module.OPENAPI_PATHS.items():
            if path in paths:
                raise RuntimeError(f"{path} is documented by two modules")
            paths[path] = spec
    return dict(sorted(paths.items()))


@require_GET
def openapi(request):
    spec = {
        "openapi": "3.0.3",
        "info": {
            "title": "Gongkai 政府信息公开 API",
            "version": "1.1.0",
            "description": "主动公开政府信息和政府信息公开工作年度报告的只读接口。"
            "检索为中文子串语义（至少两个连续字符）。错误以 JSON 返回中文说明。",
        },
        "servers": [{"url": request.build_absolute_uri("/")[:-1]}],
        "paths": api_paths(),
    }
    return JsonResponse(spec, json_dumps_params={"ensure_ascii": False})
