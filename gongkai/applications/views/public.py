"""Public pages: the application form and the status page (number + 查询码, no account).

The status lookup is throttled in the shared "throttle" cache (database cache or Redis: every
worker and machine agrees, gongkai/security/throttle.py): per application number (wrong codes for
one number lock only that number, so nobody behind the same proxy is locked out by someone else),
plus a generous per-address cap against sweeping many numbers. The address comes from
gongkai.security.client_ip (X-Forwarded-For only from GONGKAI_TRUSTED_PROXIES).
"""

from __future__ import annotations

from io import BytesIO
from urllib.parse import urlencode

from django.db import IntegrityError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from gongkai.agencies.models import Agency, AgencyLevel
from gongkai.applications.actions import submit_online
from gongkai.applications.actions.intake import query_code_matches, submitted_with_token
from gongkai.applications.forms import StatusForm
from gongkai.applications.models import Application, Channel, Letter
from gongkai.applications.public_forms import OnlineApplicationForm, new_submission_token
from gongkai.applications.public_progress import RECEIPT_RULES, due_date, next_step, progress_steps
from gongkai.applications.receipt_pdf import receipt_pdf_bytes
from gongkai.boundary.refusals import refusal_into
from gongkai.core.text import is_ascii_digits
from gongkai.security.client_ip import client_address
from gongkai.security.throttle import Limit, wait_text

FAILED_LOOKUP_LIMIT = 10  # wrong codes per application number per window
FAILED_LOOKUP_WINDOW_SECONDS = 15 * 60
NUMBER_LIMIT = Limit("status-number", FAILED_LOOKUP_LIMIT, FAILED_LOOKUP_WINDOW_SECONDS)
ADDRESS_LIMIT = Limit("status-address", 100, FAILED_LOOKUP_WINDOW_SECONDS)
SESSION_KEY = "gongkai_verified_applications"


RECEIPT_CODES_KEY = "gongkai_receipt_codes"


def _public_agency(slug):
    return get_object_or_404(Agency.objects.exclude(level=AgencyLevel.DISCLOSURE_OFFICE), slug=slug)


@require_http_methods(["GET", "POST"])
def apply(request, slug):
    """The one-page form. POST → redirect → GET (receipt); the form's one-time token makes a
    reload or double click show the first application instead of creating a second."""
    agency = _public_agency(slug)
    if request.method == "GET":
        form = OnlineApplicationForm(initial={"submission_token": new_submission_token()})
        return render(request, "applications/public/apply.html", {"agency": agency, "form": form})
    form = OnlineApplicationForm(request.POST)
    if form.is_valid():
        token = form.cleaned_data["submission_token"]
        earlier = submitted_with_token(token)
        if earlier is not None:
            return _to_receipt_by_token(earlier, token)
        # A post without a token (a script, an old copy of the page) is still accepted: refusing a
        # valid application would not protect the applicant; only the dedup is lost for it.
        with refusal_into(form):
            try:
                application, code = submit_online(
                    agency=agency, data=form.cleaned_data, today=timezone.localdate(), submission_token=token
                )
            except IntegrityError:  # the same token committed by a parallel request (double click)
                earlier = submitted_with_token(token)
                if earlier is None:
                    raise
                return _to_receipt_by_token(earlier, token)
            codes = request.session.get(RECEIPT_CODES_KEY, {})
            codes[str(application.pk)] = code
            request.session[RECEIPT_CODES_KEY] = codes
            return _to_receipt(request, application)
    data = form.data.copy()
    if not data.get("submission_token"):
        data["submission_token"] = new_submission_token()
        form.data = data
    return render(request, "applications/public/apply.html", {"agency": agency, "form": form}, status=400)


def _to_receipt(request, application):
    _remember(request, application)
    return redirect("applications:receipt", application.agency.slug, application.pk)


def _to_receipt_by_token(application, token):
    """The second post of one form (reload, double click): show the first application's receipt.

    The session is left alone: the first request stores the query code in it, and a parallel
    request that also wrote the session could overwrite that and lose the code. The form's
    token in the address lets this browser open the receipt instead."""
    url = reverse("applications:receipt", args=[application.agency.slug, application.pk])
    return redirect(f"{url}?{urlencode({'t': token})}")


def receipt(request, slug, pk):
    """回执 page: number, query code (shown this once), the receipt rule and the due date."""
    token = request.GET.get("t", "")
    application = _own_application(request, pk, slug, token)
    codes = request.session.get(RECEIPT_CODES_KEY, {})
    code = codes.pop(str(application.pk), "")
    if code:
        request.session[RECEIPT_CODES_KEY] = codes
    today = timezone.localdate()
    response = render(
        request,
        "applications/public/submitted.html",
        {
            "agency": application.agency,
            "application": application,
            "code": code,
            "token": token,
            "receipt_rule": RECEIPT_RULES[Channel(application.channel)],
            "due": due_date(application, today=today),
        },
    )
    response["Cache-Control"] = "no-store"  # the query code must not stay in a cache
    return response


@require_http_methods(["POST"])
def receipt_pdf(request, slug, pk):
    """The printable 回执 (PDF, A4). POSTed from the receipt page, which sends the query code
    back while it is shown; the code is printed only when it matches the application."""
    application = _own_application(request, pk, slug, request.POST.get("t", ""))
    code = request.POST.get("code", "").strip()
    if code and not query_code_matches(application, code):
        code = ""
    today = timezone.localdate()
    pdf = receipt_pdf_bytes(
        application,
        code=code,
        today=today,
        receipt_rule=RECEIPT_RULES[Channel(application.channel)],
        due=due_date(application, today=today),
    )
    response = FileResponse(
        BytesIO(pdf), as_attachment=True, filename=f"{application.number}-回执.pdf", content_type="application/pdf"
    )
    response["Cache-Control"] = "no-store"
    return response


def _own_application(request, pk, slug, token=""):
    """An application this browser submitted or looked up, or whose form token it holds (404 otherwise)."""
    if pk not in request.session.get(SESSION_KEY, []):
        earlier = submitted_with_token(token) if token else None
        if earlier is None or earlier.pk != pk:
            raise Http404("申请不存在")
    return get_object_or_404(Application.objects.select_related("agency"), pk=pk, agency__slug=slug)


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
    letters = application.letters.filter(for_applicant=True, state="issued").only("id", "title", "issued_on", "kind")
    return render(
        request,
        "applications/public/status.html",
        {
            "application": application,
            "agency": application.agency,
            "letters": letters,
            "due": due_date(application, today=today),
            "steps": progress_steps(application),
            "next_step": next_step(application, today=today),
        },
        status=status,
    )


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
    match = next(
        (
            a
            for a in Application.objects.select_related("agency").filter(number__iexact=number)
            if query_code_matches(a, code)
        ),
        None,
    )
    if match is None:
        NUMBER_LIMIT.hit(number)
        ADDRESS_LIMIT.hit(address)
        form.add_error(None, "申请编号或查询码不正确，请核对后重新输入。")
        return render(request, "applications/public/status_form.html", {"form": form}, status=404)
    _remember(request, match)
    return _status_page(request, match)


def letter(request, pk, fmt):
    letter = get_object_or_404(Letter.objects.select_related("application"), pk=pk, for_applicant=True, state="issued")
    if letter.application_id not in request.session.get(SESSION_KEY, []):
        raise Http404("文书不存在")
    return letter_response(letter, fmt)


def letter_response(letter, fmt) -> HttpResponse:
    if fmt == "pdf":
        content, mime = bytes(letter.pdf), "application/pdf"
    elif fmt == "docx":
        content, mime = bytes(letter.docx), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    else:
        raise Http404("文书格式不存在")
    name = f"{letter.application.number}-{letter.title}.{fmt}"
    return FileResponse(BytesIO(content), as_attachment=True, filename=name, content_type=mime)
