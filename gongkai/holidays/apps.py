from django.apps import AppConfig


class HolidaysConfig(AppConfig):
    name = "gongkai.holidays"
    verbose_name = "法定节假日"
