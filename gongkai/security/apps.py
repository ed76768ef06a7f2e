from django.apps import AppConfig


class SecurityConfig(AppConfig):
    name = "gongkai.security"
    # What other apps may import from this one (its public surface, issue 15); the package itself
    # (`from gongkai import x`) too. tests/test_imports.py holds every cross-app import to it.
    public = ("client_ip", "crypto", "masking", "throttle", "models")
    verbose_name = "安全"

    def ready(self):
        from gongkai.security import signals  # noqa: F401  (login failure counting per address)
