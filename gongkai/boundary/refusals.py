"""The one rendering of a refusal (`gongkai.core.refusal.Refused`) on the web.

Actions raise `Refused` (or `PermissionRefused`); views do not format it themselves:

- a form page runs its action inside `with refusal_into(form):` — each of `field_errors` goes to
  its field, the message to the form (when no field is named), the exception is absorbed and the
  view goes on to re-render the form (status 400);
- a button that posts and goes back to the page uses `act_and_redirect`: the message is flashed;
- everything else — and every `PermissionRefused`, which views never absorb — reaches
  `RefusalMiddleware`: under `/api/` the JSON `{"code", "message"}`, elsewhere the Chinese error page,
  with the refusal's status (400, or 403 for a permission).
"""

from __future__ import annotations

from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme

from gongkai.core.refusal import PermissionRefused, Refused

TITLES = {400: "无法完成操作", 403: "无权进行此操作"}


def add_refusal(form, refused: Refused) -> None:
    """Put a refusal on a bound form: field errors on their fields, otherwise the message."""
    for field, message in refused.field_errors.items():
        form.add_error(field if field in form.fields else None, message)
    if not refused.field_errors:
        form.add_error(None, refused.message)


class refusal_into:
    """`with refusal_into(form) as outcome:` absorbs a `Refused` (never a `PermissionRefused`) onto
    `form`; `outcome.refused` is the refusal, `outcome.status` 400 after one (200 otherwise)."""

    def __init__(self, form):
        self.form = form
        self.refused: Refused | None = None

    def __enter__(self) -> refusal_into:
        return self

    def __exit__(self, kind, error, traceback) -> bool:
        if not isinstance(error, Refused) or isinstance(error, PermissionRefused):
            return False
        self.refused = error
        add_refusal(self.form, error)
        return True

    @property
    def status(self) -> int:
        return self.refused.status if self.refused else 200


def act_and_redirect(request, do, success: str | None, to, *args, then: str | None = None, **kwargs):
    """Run `do()`; flash `success` (none when it is None), or the refusal's message; redirect to `to`
    either way — or, after a success, to the URL `then` when given (e.g. on to the page of what was
    made). A `PermissionRefused` is not absorbed (the middleware answers 403)."""
    try:
        do()
    except PermissionRefused:
        raise
    except Refused as refused:
        messages.error(request, refused.message)
        return redirect(to, *args, **kwargs)
    if success:
        messages.success(request, success)
    return redirect(then) if then else redirect(to, *args, **kwargs)


def is_api(request) -> bool:
    return request.path.startswith("/api/")


def refusal_response(request, refused: Refused):
    """The answer to a refusal no view absorbed: JSON for the API, else the Chinese error page."""
    if is_api(request):
        body = {"code": refused.code, "message": refused.message}
        if refused.field_errors:
            body["field_errors"] = refused.field_errors
        return JsonResponse(body, status=refused.status, json_dumps_params={"ensure_ascii": False})
    referer = request.META.get("HTTP_REFERER", "")
    back = referer if referer and url_has_allowed_host_and_scheme(referer, {request.get_host()}) else ""
    context = {"title": TITLES.get(refused.status, TITLES[400]), "text": refused.message, "back": back}
    return render(request, "portal/error.html", context, status=refused.status)


class RefusalMiddleware:
    """Turns a `Refused` that left a view into `refusal_response` (one place for the whole site)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, Refused):
            return refusal_response(request, exception)
        return None
