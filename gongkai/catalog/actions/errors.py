class CatalogError(ValueError):
    """A request the rules refuse, with a Chinese message for the user (and, optionally, per field)."""

    def __init__(self, message: str, field_errors: dict[str, str] | None = None):
        super().__init__(message)
        self.message = message
        self.field_errors = field_errors or {}
