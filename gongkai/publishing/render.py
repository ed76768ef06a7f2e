"""Render a public URL path exactly as the application serves it to an anonymous visitor."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.conf import settings
from django.test import Client

from gongkai.routing import primary_reads


@dataclass(frozen=True)
class Rendered:
    status: int
    content: bytes
    content_type: str


class Renderer:
    """One anonymous client through the whole middleware stack; reused for a batch of pages.

    Exceptions raised by a view propagate to the caller (which keeps the previous file and
    records the error) instead of becoming an error page that would be published."""

    def __init__(self):
        host = settings.GONGKAI_SITE_HOST
        self.client = Client(
            HTTP_HOST=host,
            raise_request_exception=True,
            **({"wsgi.url_scheme": "https"} if settings.GONGKAI_SITE_SCHEME == "https" else {}),
        )

    def render(self, path: str) -> Rendered:
        request_log = logging.getLogger("django.request")
        level = request_log.level
        request_log.setLevel(logging.ERROR)  # a page that is gone (404) is expected here, not a warning
        try:
            with primary_reads():  # right after a commit: what the primary says, not a lagging replica
                response = self.client.get(path)
        finally:
            request_log.setLevel(level)
        if response.streaming:
            content = b"".join(response.streaming_content)
        else:
            content = response.content
        return Rendered(response.status_code, content, response.get("Content-Type", ""))
