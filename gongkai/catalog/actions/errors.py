"""Transitional: `CatalogError` is kept only because `gongkai/catalog/importing.py` (being rewritten to
raise `Refused`) subclasses and catches it. New code raises `gongkai.core.refusal.Refused`."""

from gongkai.core.refusal import Refused


class CatalogError(Refused):
    """A catalog refusal as the go-live import still expects it (positional `field_errors`)."""

    def __init__(self, message: str, field_errors: dict[str, str] | None = None):
        super().__init__(message, field_errors=field_errors)
