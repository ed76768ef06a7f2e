"""Rendered public catalog pages, kept per worker process and keyed by the agency's
publication generation.

Every change that can alter an agency's public pages (an item published, amended, retired or
imported; a column added or changed; the 指南/制度 edited) bumps
`CatalogProfile.public_generation` in the same transaction (`bump`). A page is looked up under
(address with query, generation), so a stale page is never served after the change commits, in
any worker. One indexed read per request replaces the page's queries and rendering.

Only anonymous GET/HEAD requests without a session or messages cookie are cached (logged-in
staff see their own header and messages); only 200 responses are stored. Changes outside the
catalog that show on its pages (an agency renamed) are picked up within TIMEOUT seconds.
GONGKAI_PUBLIC_PAGE_CACHE=0 turns the cache off (the benchmark measures both).
"""

from __future__ import annotations

import functools

from django.conf import settings
from django.core.cache import caches
from django.db.models import F
from django.http import HttpResponse

from gongkai.catalog.models import CatalogProfile
from gongkai.publishing.queue import schedule

CACHE_ALIAS = "public_pages"
TIMEOUT = 600


def bump(agency_id: int, item_id: int | None = None) -> None:
    """Invalidate the agency's cached public pages and schedule their files to be published again
    (call inside the changing transaction). With `item_id`, only that item's page, its column's
    pages and the agency's front pages are written again; without it, all of the agency's."""
    CatalogProfile.objects.filter(agency_id=agency_id).update(public_generation=F("public_generation") + 1)
    schedule(agency_id=agency_id, item_id=item_id)


def _cacheable(request) -> bool:
    return (
        settings.GONGKAI_PUBLIC_PAGE_CACHE
        and request.method in ("GET", "HEAD")
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and "messages" not in request.COOKIES
    )


def public_page(view):
    """Decorator for a public view taking (request, slug, ...)."""

    @functools.wraps(view)
    def wrapper(request, slug, *args, **kwargs):
        if not _cacheable(request):
            return view(request, slug, *args, **kwargs)
        generation = (
            CatalogProfile.objects.filter(agency__slug=slug).values_list("public_generation", flat=True).first()
        )
        if generation is None:
            return view(request, slug, *args, **kwargs)
        # The address is part of the key: feeds and QR codes hold absolute addresses, and one
        # site may answer on several hosts (or on http and https).
        key = f"{slug}:{generation}:{request.scheme}://{request.get_host()}{request.get_full_path()}"
        cache = caches[CACHE_ALIAS]
        hit = cache.get(key)
        if hit is not None:
            content, content_type = hit
            return HttpResponse(content, content_type=content_type)
        response = view(request, slug, *args, **kwargs)
        if response.status_code == 200 and not response.streaming and not response.cookies:
            cache.set(key, (response.content, response["Content-Type"]), TIMEOUT)
        return response

    return wrapper
