from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "gongkai.audit"
    # What other apps may import from this one (its public surface, issue 15); the package itself
    # (`from gongkai import x`) too. tests/test_imports.py holds every cross-app import to it.
    public = ("services", "models", "kinds")
    verbose_name = "审计日志"

    def ready(self):
        from gongkai.audit.integrity import install

        install()
