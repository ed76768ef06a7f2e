"""Fixtures of the robustness suite (the catalog fixtures reused)."""

from tests.catalog.conftest import catalog, fast_password_hasher, make_item, news, publish  # noqa: F401
