from django.apps import AppConfig


class OversightConfig(AppConfig):
    name = "gongkai.oversight"
    verbose_name = "监督保障"
