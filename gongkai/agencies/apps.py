from django.apps import AppConfig


class AgenciesConfig(AppConfig):
    name = "gongkai.agencies"
    # What other apps may import from this one (its public surface, issue 15); the package itself
    # (`from gongkai import x`) too. tests/test_imports.py holds every cross-app import to it.
    public = ("access", "actions", "models", "selectors", "lists", "desk_registry", "demo")
    verbose_name = "机构与角色"
