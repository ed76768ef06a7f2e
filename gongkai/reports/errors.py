"""The refusal of the reports context."""


class ReportActionError(ValueError):
    """A refused step, with a Chinese message for the user."""
