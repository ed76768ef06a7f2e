"""The one refusal contract of the platform.

Every refused step — bad input for an action, a step the lifecycle does not allow, a permission the
actor lacks — raises `Refused` (or a subclass) with a Chinese message that is shown to the person as is.
Views render it the same way everywhere (the message on the page, HTTP 400, or 403 for
`PermissionRefused`); the CLI prints the message on one line and exits non-zero. The stable `code` is
for JSON and logs, never shown to people. `field_errors` maps a form field to its own Chinese message.

Pure Python: the core raises it too (the clock's refused events, the state machines, text limits).
"""

from __future__ import annotations


class Refused(ValueError):
    """A refused step, with a Chinese message for the person who asked for it."""

    code = "refused"
    status = 400

    def __init__(self, message: str, *, code: str | None = None, field_errors: dict[str, str] | None = None):
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code
        self.field_errors = dict(field_errors or {})


class PermissionRefused(Refused):
    """The actor may not take this step (or see this object). Views answer 403."""

    code = "permission"
    status = 403
