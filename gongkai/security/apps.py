from django.apps import AppConfig


class SecurityConfig(AppConfig):
    name = "gongkai.security"
    verbose_name = "安全"

    def ready(self):
        from gongkai.security import signals  # noqa: F401  (login failure counting per address)
