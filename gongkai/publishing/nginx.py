"""The shipped nginx configuration (deploy/nginx/gongkai.conf), filled in for an installation."""

from __future__ import annotations

from importlib import resources

from django.conf import settings


def template() -> str:
    return resources.files("gongkai.publishing").joinpath("nginx.conf.in").read_text(encoding="utf-8")


def config(*, listen: str, upstream: str, publish_dir=None) -> str:
    root = str(publish_dir or settings.GONGKAI_PUBLISH_DIR)
    return (template().replace("@LISTEN@", str(listen)).replace("@UPSTREAM@", upstream)
            .replace("@PUBLISH_DIR@", root).replace("@STATIC_DIR@", root + "/static"))
