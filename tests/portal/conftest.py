"""The catalog's fixtures (items, publishing) for the public-page tests here."""

from tests.catalog.conftest import catalog, fast_password_hasher, make_item, news, publish  # noqa: F401
