"""The client's address: REMOTE_ADDR, or — only when that is a configured trusted proxy
(GONGKAI_TRUSTED_PROXIES) — the nearest address in X-Forwarded-For that is not itself a trusted
proxy. A client cannot choose its address by sending the header through an untrusted hop."""

from __future__ import annotations

import ipaddress

from django.conf import settings


def _parse(text: str):
    try:
        return ipaddress.ip_address(text.strip().split("%")[0])
    except ValueError:
        return None


def _trusted(address) -> bool:
    return any(address in network for network in settings.GONGKAI_TRUSTED_PROXIES)


def client_address(request) -> str:
    remote = _parse(request.META.get("REMOTE_ADDR", "") or "")
    if remote is None:
        return "0.0.0.0"
    if not settings.GONGKAI_TRUSTED_PROXIES or not _trusted(remote):
        return str(remote)
    hops = [part for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    for hop in reversed(hops):  # the right-most entries were added by our own proxies
        address = _parse(hop)
        if address is None:
            return str(remote)  # garbage from the client: do not guess, use the proxy
        if not _trusted(address):
            return str(address)
    return str(remote)
