from django.apps import AppConfig


class PublishingConfig(AppConfig):
    name = "gongkai.publishing"
    # What other apps may import from this one (its public surface, issue 15); the package itself
    # (`from gongkai import x`) too. tests/test_imports.py holds every cross-app import to it.
    public = ("queue", "models", "services")
    verbose_name = "静态发布"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # App loading: services renders catalog and report pages, so it is imported once the
        # apps are ready, and connected to the queue the catalog writes to (publishing/queue.py).
        from gongkai.publishing import queue, services

        queue.connect_writer(services.drain)
