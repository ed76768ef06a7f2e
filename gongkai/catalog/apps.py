from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "gongkai.catalog"
    # What other apps may import from this one (its public surface, issue 15); the package itself
    # (`from gongkai import x`) too. tests/test_imports.py holds every cross-app import to it.
    public = ("actions", "models", "selectors", "page_cache", "public_urls", "listing", "structure", "views")
