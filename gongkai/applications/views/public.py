"""Public pages: the application form and the status page (number + 查询码, no account).

The status lookup is throttled in the shared "throttle" cache (database cache or Redis: every
worker and machine agrees, gongkai/security/throttle.py): per application number (wrong codes for
one number lock only that number, so nobody behind the same proxy is locked out by someone else),
plus a generous per-address cap against sweeping many numbers. The address comes from
gongkai.security.client_ip (X-Forwarded-For only from GONGKAI_TRUSTED_PROXIES).
"""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from gongkai.agencies.models import Agency, AgencyLevel
from gongkai.applications.actions import ActionRefused, submit_online
from gongkai.applications.actions.intake import query_code_matches
from gongkai.applications.clock import clock_of
from gongkai.applications.forms import ApplicantForm, StatusForm
from gongkai.applications.models import Application, Letter
from gongkai.core.text import is_ascii_digits
from gongkai.security.client_ip import client_address
from gongkai.security.throttle import Limit, wait_text

FAILED_LOOKUP_LIMIT = 10  # wrong codes per application number per window
FAILED_LOOKUP_WINDOW_SECONDS = 15 * 60
NUMBER_LIMIT = Limit("status-number", FAILED_LOOKUP_LIMIT, FAILED_LOOKUP_WINDOW_SECONDS)
ADDRESS_LIMIT = Limit("status-address", 100, FAILED_LOOKUP_WINDOW_SECONDS)
SESSION_KEY = "gongkai_verified_applications"


@require_http_methods(["GET", "POST"])
def apply(request, slug):
    agency = get_object_or_404(Agency.objects.exclude(level=AgencyLevel.DISCLOSURE_OFFICE), slug=slug)
    form = ApplicantForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                application, code = submit_online(agency=agency, data=form.cleaned_data,
                                                  today=timezone.localdate())
            except ActionRefused as error:
                form.add_error(None, str(error))
            else:
                _remember(request, application)
                return render(request, "applications/public/submitted.html",
                              {"agency": agency, "application": application, "code": code})
        return render(request, "applications/public/apply.html", {"agency": agency, "form": form}, status=400)
    return render(request, "applications/public/apply.html", {"agency": agency, "form": form})


def _too_many(request, wait: int):
    response = render(request, "applications/public/too_many.html", {"wait": wait_text(wait)}, status=429)
    response["Retry-After"] = str(wait)
    return response


def _remember(request, application):
    verified = request.session.get(SESSION_KEY, [])
    if application.pk not in verified:
        request.session[SESSION_KEY] = (verified + [application.pk])[-20:]


def _status_page(request, application, status=200):
    today = timezone.localdate()
    clock = clock_of(application, today=today) if application.received_on else None
    letters = application.letters.filter(for_applicant=True, state="issued").only("id", "title", "issued_on", "kind")
    return render(request, "applications/public/status.html", {
        "application": application, "clock": clock, "letters": letters}, status=status)


@require_http_methods(["GET", "POST"])
def status(request):
    if request.method == "GET":
        pk = request.GET.get("id")
        if pk and is_ascii_digits(pk) and int(pk) in request.session.get(SESSION_KEY, []):
            application = Application.objects.select_related("agency").filter(pk=int(pk)).first()
            if application:
                return _status_page(request, application)
        return render(request, "applications/public/status_form.html", {"form": StatusForm()})
    address = client_address(request)
    wait = ADDRESS_LIMIT.wait_seconds(address)
    if wait:
        return _too_many(request, wait)
    form = StatusForm(request.POST)
    if not form.is_valid():
        return render(request, "applications/public/status_form.html", {"form": form}, status=400)
    number = form.cleaned_data["number"].strip().lower()
    code = form.cleaned_data["code"]
    wait = NUMBER_LIMIT.wait_seconds(number)
    if wait:
        return _too_many(request, wait)
    match = next((a for a in Application.objects.select_related("agency").filter(number__iexact=number)
                  if query_code_matches(a, code)), None)
    if match is None:
        NUMBER_LIMIT.hit(number)
        ADDRESS_LIMIT.hit(address)
        form.add_error(None, "申请编号或查询码不正确，请核对后重新输入。")
        return render(request, "applications/public/status_form.html", {"form": form}, status=404)
    _remember(request, match)
    return _status_page(request, match)


def letter(request, pk, fmt):
    letter = get_object_or_404(Letter.objects.select_related("application"), pk=pk, for_applicant=True,
                               state="issued")
    if letter.application_id not in request.session.get(SESSION_KEY, []):
        raise Http404("文书不存在")
    return letter_response(letter, fmt)


def letter_response(letter, fmt) -> HttpResponse:
    from urllib.parse import quote

    if fmt == "pdf":
        content, mime = bytes(letter.pdf), "application/pdf"
    elif fmt == "docx":
        content, mime = bytes(letter.docx), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    else:
        raise Http404("文书格式不存在")
    response = HttpResponse(content, content_type=mime)
    name = f"{letter.application.number}-{letter.title}.{fmt}"
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(name)}"
    return response
