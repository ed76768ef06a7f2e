from django.apps import AppConfig


class PublishingConfig(AppConfig):
    name = "gongkai.publishing"
    verbose_name = "静态发布"
    default_auto_field = "django.db.models.BigAutoField"
