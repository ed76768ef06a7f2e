from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "gongkai.reports"
    # What other apps may import from this one (its public surface, issue 15); the package itself
    # (`from gongkai import x`) too. tests/test_imports.py holds every cross-app import to it.
    public = ("actions", "models", "selectors", "formats", "views_public")
