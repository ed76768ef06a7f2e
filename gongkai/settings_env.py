"""Typed environment values and the keys of an installation (used by gongkai/settings.py).

Each reader fails fast with ImproperlyConfigured on a malformed value; secrets have no default in
production (the data key is generated into the var directory when unset, see `data_key`).
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (true/false), got {raw!r}")


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if not raw:
        return default
    return [part.strip() for part in raw.split(",") if part.strip()]


def secret_key(var_dir: Path, production: bool) -> str:
    key = os.environ.get("GONGKAI_SECRET_KEY")
    if key:
        return key
    if production:
        raise ImproperlyConfigured("GONGKAI_SECRET_KEY is required when GONGKAI_ENV=production")
    # Development: one random key per installation, kept in var/ (never committed).
    path = var_dir / "secret_key"
    if not path.exists():
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


def data_key(var_dir: Path) -> str:
    key = os.environ.get("GONGKAI_DATA_KEY")
    if key:
        return key
    # Not set: one random key per installation in var/data_key (0600), in production too, so that a
    # fresh instance starts; `gongkai backup` saves it. Losing it loses the encrypted fields.
    path = var_dir / "data_key"
    if not path.exists():
        import base64

        path.write_text(base64.urlsafe_b64encode(secrets.token_bytes(64)).decode())
        path.chmod(0o600)
    return path.read_text().strip()


def trusted_proxies() -> list:
    import ipaddress

    networks = []
    for part in env_list("GONGKAI_TRUSTED_PROXIES", []):
        try:
            networks.append(ipaddress.ip_network(part, strict=False))
        except ValueError:
            raise ImproperlyConfigured(f"GONGKAI_TRUSTED_PROXIES: not an address or network: {part!r}") from None
    return networks
