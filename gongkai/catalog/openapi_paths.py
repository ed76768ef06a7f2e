"""This context's part of /api/openapi.json (discovered by gongkai.registry)."""

from gongkai.catalog.views.api import OPENAPI_PATHS

__all__ = ["OPENAPI_PATHS"]
