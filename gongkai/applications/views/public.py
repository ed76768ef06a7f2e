"""Public pages: the application form and the status page (number + 查询码, no account).

The status lookup is rate-limited per client IP through Django's cache (LocMemCache by default:
per process; a multi-process deployment needs a shared cache such as Redis or the database
cache for the limit to hold across processes). REMOTE_ADDR is used as is: behind a reverse proxy,
the proxy must set it (do not trust X-Forwarded-For blindly).
"""

from __future__ import annotations

from django.core.cache import cache
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

FAILED_LOOKUP_LIMIT = 10
FAILED_LOOKUP_WINDOW_SECONDS = 15 * 60
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


def _client_key(request) -> str:
    return f"applications:status-failures:{request.META.get('REMOTE_ADDR', 'unknown')}"


def _remember(request, application):
    verified = request.session.get(SESSION_KEY, [])
    if application.pk not in verified:
        request.session[SESSION_KEY] = (verified + [application.pk])[-20:]


def _status_page(request, application, status=200):
    today = timezone.localdate()
    clock = clock_of(application, today=today) if application.received_on else None
    letters = application.letters.filter(for_applicant=True).only("id", "title", "issued_on", "kind")
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
    key = _client_key(request)
    failures = cache.get(key, 0)
    if failures >= FAILED_LOOKUP_LIMIT:
        return render(request, "applications/public/too_many.html", status=429)
    form = StatusForm(request.POST)
    if not form.is_valid():
        return render(request, "applications/public/status_form.html", {"form": form}, status=400)
    number = form.cleaned_data["number"].strip().lower()
    code = form.cleaned_data["code"]
    match = next((a for a in Application.objects.select_related("agency").filter(number__iexact=number)
                  if query_code_matches(a, code)), None)
    if match is None:
        if cache.add(key, 1, FAILED_LOOKUP_WINDOW_SECONDS) is False:
            try:
                cache.incr(key)
            except ValueError:
                cache.set(key, 1, FAILED_LOOKUP_WINDOW_SECONDS)
        form.add_error(None, "申请编号或查询码不正确，请核对后重新输入。")
        return render(request, "applications/public/status_form.html", {"form": form}, status=404)
    _remember(request, match)
    return _status_page(request, match)


def letter(request, pk, fmt):
    letter = get_object_or_404(Letter.objects.select_related("application"), pk=pk, for_applicant=True)
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
