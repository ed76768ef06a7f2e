from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "gongkai.portal"
    # What other apps may import from this one (its public surface, issue 15); the package itself
    # (`from gongkai import x`) too. tests/test_imports.py holds every cross-app import to it.
    public = ("actions", "models", "selectors")
    verbose_name = "门户"
