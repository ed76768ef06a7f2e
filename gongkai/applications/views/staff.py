"""Staff pages: lists, registration, the application page with its actions, letters, templates."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.agencies.access import Action, can, visible_agencies
from gongkai.agencies.lists import FilterForm, paginate
from gongkai.applications import actions
from gongkai.applications import forms as f
from gongkai.applications.access import application_for
from gongkai.applications.clock import clock_of
from gongkai.applications.letters.queries import closing_draft
from gongkai.applications.models import Application, LetterKind, LetterState, ReviewCase
from gongkai.applications.selectors import deadline_watch, past_events
from gongkai.applications.views.public import letter_response
from gongkai.applications.views.reply import reply_context
from gongkai.audit.services import trail_of
from gongkai.boundary.refusals import refusal_into
from gongkai.core.application_states import ONCE_ONLY, STATE_LABELS, Event, State, allowed_events
from gongkai.holidays.services import calendar_alert, working_calendar


def _editable_agencies(user):
    return [a for a in visible_agencies(user) if can(user, Action.EDIT, a)]


class ApplicationFilterForm(FilterForm):
    agency = forms.ChoiceField(label="机构", required=False)
    state = forms.ChoiceField(
        label="状态",
        required=False,
        choices=[("open", "办理中"), ("closed", "已办结"), ("all", "全部")]
        + [(s.value, STATE_LABELS[s]) for s in State],
    )

    def __init__(self, data=None, *, agencies, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["q"].label = "编号、申请人或内容"
        self.fields["agency"].choices = [("", "全部机构")] + [(str(a.pk), a.name) for a in agencies]


@login_required
def application_list(request):
    """Search (number, applicant, requested information), labelled filters, 25 a page."""
    agencies = list(visible_agencies(request.user))
    today = timezone.localdate()
    form = ApplicationFilterForm(request.GET or None, agencies=agencies)
    selected = form.value("agency")
    shown = [a for a in agencies if str(a.pk) == selected] or agencies
    state = form.value("state", "open")
    queryset = (
        Application.objects.filter(agency__in=shown)
        .select_related("agency")
        .prefetch_related("clock_events")
        .order_by("-submitted_on", "-id")
    )
    if state == "open":
        queryset = queryset.exclude(state=State.CLOSED.value)
    elif state == "closed":
        queryset = queryset.filter(state=State.CLOSED.value)
    elif state != "all":
        queryset = queryset.filter(state=state)
    q = form.value("q").strip()
    if q:
        queryset = queryset.filter(Q(number__icontains=q) | Q(name__icontains=q) | Q(information__icontains=q))
    page, query = paginate(request, queryset)
    calendar = working_calendar()
    rows = [(a, clock_of(a, today=today, calendar=calendar) if a.received_on else None) for a in page]
    return render(
        request,
        "applications/staff/list.html",
        {
            "rows": rows,
            "agencies": agencies,
            "filter_form": form,
            "page": page,
            "query": query,
            "state": state,
            "may_register": bool(_editable_agencies(request.user)),
            "template_agencies": [a for a in agencies if can(request.user, Action.ADMINISTER, a)],
        },
    )


@login_required
def deadlines(request):
    """Due within 3 working days, overdue, and awaiting confirmation: staff and supervising county."""
    today = timezone.localdate()
    due_soon, overdue, unconfirmed = deadline_watch(visible_agencies(request.user), today=today)
    return render(
        request,
        "applications/staff/deadlines.html",
        {
            "due_soon": due_soon,
            "overdue": overdue,
            "unconfirmed": unconfirmed,
            "calendar_alert": calendar_alert(today),
            "today": today,
        },
    )


@login_required
def register(request):
    agencies = _editable_agencies(request.user)
    if not agencies:
        raise PermissionDenied
    form = f.RegisterForm(request.POST or None)
    agency_pk = request.POST.get("agency") or (agencies[0].pk if len(agencies) == 1 else "")
    status = 200
    if request.method == "POST":
        agency = next((a for a in agencies if str(a.pk) == str(agency_pk)), None)
        if agency is None:
            form.add_error(None, "请选择受理机构")
        if form.is_valid() and agency is not None:
            data = form.cleaned_data
            with refusal_into(form):
                application, code = actions.register_application(
                    agency=agency,
                    actor=request.user,
                    data=data,
                    channel=data["channel"],
                    submitted_on=data["submitted_on"],
                    signed_on=data["signed_on"],
                    confirmed_on=data["confirmed_on"],
                    arrived_on=data.get("arrived_on"),
                    today=timezone.localdate(),
                )
                messages.success(
                    request, f"已登记，申请编号 {application.number}，查询码 {code}（请告知申请人，系统不再显示）"
                )
                return redirect("applications:detail", pk=application.pk)
        status = 400
    return render(
        request,
        "applications/staff/register.html",
        {"form": form, "agencies": agencies, "agency_pk": str(agency_pk)},
        status=status,
    )


# action name -> (form class, label, needs ADMINISTER, callable(application, user, data, today), events)
def _run(name, application, user, data, today):
    a = application
    common = {"application": a, "actor": user, "today": today}
    if name == "confirm":
        return actions.confirm_receipt(on=data["on"], **common)
    if name == "correction":
        return actions.request_correction(
            on=data["on"],
            served_on=data["served_on"],
            service_method=data["service_method"],
            correct_by=data["correct_by"],
            content=data["content"],
            late_reason=data.get("late_reason", ""),
            **common,
        )
    if name in ("corrected", "corrected_late"):
        return actions.receive_correction(on=data["on"], note=data.get("note", ""), **common)
    if name in ("correction_lapsed", "fee_lapsed"):  # a draft only: closed when a second person signs it
        return actions.draft_lapse(**common)
    if name == "consult":
        return actions.start_consultation(
            on=data["on"],
            served_on=data["served_on"],
            service_method=data["service_method"],
            third_party=data["third_party"],
            content=data["content"],
            party=data["party"],
            **common,
        )
    if name == "consulted":
        return actions.end_consultation(
            on=data["on"], note=data.get("note", ""), consultation_id=data.get("consultation"), **common
        )
    if name == "extend":
        return actions.extend_deadline(
            on=data["on"],
            working_days=data["working_days"],
            reason=data["reason"],
            served_on=data["served_on"],
            service_method=data["service_method"],
            **common,
        )
    if name == "delay":
        return actions.delay_reply(
            on=data["on"],
            until=data["until"],
            reason=data["reason"],
            served_on=data["served_on"],
            service_method=data["service_method"],
            **common,
        )
    if name in ("fee", "fee_correct"):
        return actions.send_fee_notice(
            on=data["on"],
            served_on=data["served_on"],
            service_method=data["service_method"],
            method=data["method"],
            units=data["units"],
            earlier_in_month=data["earlier_in_month"],
            **common,
        )
    if name == "paid":
        return actions.record_payment(on=data["on"], amount_yuan=data["amount_yuan"], **common)
    if name == "decide":  # a draft only: the reply is issued when a second person signs it off
        details = {k: v for k, v in data.items() if k != "outcome" and v}
        return actions.draft_reply(application=a, actor=user, outcome_id=data["outcome"], details=details, today=today)
    if name == "withdraw":
        return actions.withdraw(on=data["on"], note=data.get("note", ""), **common)
    raise AssertionError(name)


ACTION_FORMS = {
    "confirm": (f.DateForm, "确认接收（双方确认之日为收到申请之日）", Event.CONFIRM_RECEIPT),
    "correction": (f.CorrectionForm, "发出补正告知（条例第三十条）", Event.REQUEST_CORRECTION),
    "corrected": (f.NoteForm, "收到补正", Event.RECEIVE_CORRECTION),
    "corrected_late": (f.NoteForm, "收到补正（逾期告知，不重新起算）", Event.RECEIVE_LATE_CORRECTION),
    "correction_lapsed": (f.LapseForm, "拟写视为放弃申请告知书（逾期未补正，其他处理1）", Event.CORRECTION_LAPSED),
    "consult": (f.ConsultationForm, "征求第三方或其他机关意见（条例第三十二、三十四条）", Event.START_CONSULTATION),
    "consulted": (f.ConsultationEndForm, "征求意见结束", Event.END_CONSULTATION),
    "extend": (f.ExtensionForm, "延期答复（须机构管理员同意，条例第三十三条）", Event.EXTEND),
    "delay": (f.DelayForm, "延迟答复（须机构管理员同意，条例第三十五条）", Event.DELAY_REPLY),
    "fee": (f.FeeForm, "发出收费通知（国办函〔2020〕109号）", Event.SEND_FEE_NOTICE),
    "fee_correct": (f.FeeForm, "更正收费通知（取代原通知，不另行收费）", Event.CORRECT_FEE_NOTICE),
    "paid": (f.PaymentForm, "登记缴费", Event.RECORD_PAYMENT),
    "fee_lapsed": (f.LapseForm, "拟写视为放弃申请告知书（逾期未缴费，其他处理2）", Event.FEE_LAPSED),
    "decide": (f.ReplyDraftForm, "拟写答复告知书（审核人签发后生效）", Event.DECIDE),
    "withdraw": (f.NoteForm, "申请人撤回（其他处理3）", Event.WITHDRAW),
}


def _late_correction_pending(application) -> bool:
    kinds = [e.kind for e in application.clock_events.all()]
    return "correction_requested" in kinds and "correction_received" not in kinds


def detail_context(request, application, bound=None):
    today = timezone.localdate()
    calendar = working_calendar()
    clock = clock_of(application, today=today, calendar=calendar) if application.received_on else None
    may_edit = can(request.user, Action.EDIT, application.agency)
    may_admin = can(request.user, Action.ADMINISTER, application.agency)
    # once-only events already used (the one extension, Art. 33; the one correction, Art. 30) are not offered
    possible = set(allowed_events(application.state)) - (set(ONCE_ONLY) & set(past_events(application)))
    reply_draft = closing_draft(application)  # the reply or a 视为放弃申请告知书 waiting for 签发
    forms = []
    if may_edit:
        for name, (form_class, label, event) in ACTION_FORMS.items():
            if event not in possible or (name in ("extend", "delay") and not may_admin):
                continue
            if name == "corrected_late" and not _late_correction_pending(application):
                continue
            extra = {"open_consultations": actions.open_consultations(application)} if name == "consulted" else {}
            initial = {"on": today, "served_on": today}
            if name == "decide" and reply_draft is not None and reply_draft.kind == LetterKind.REPLY:
                initial = {"outcome": reply_draft.outcome, **reply_draft.details}
            form = bound[1] if bound and bound[0] == name else form_class(initial=initial, **extra)
            forms.append((name, label, form))
    return {
        "application": application,
        "clock": clock,
        "action_forms": forms,
        "may_edit": may_edit,
        "events": application.clock_events.select_related("actor"),
        "letters": application.letters.filter(state=LetterState.ISSUED).only(
            "id",
            "title",
            "issued_on",
            "served_on",
            "service_method",
            "for_applicant",
            "letter_number",
            "seal_kind",
            "emailed_at",
            "emailed_to",
            "kind",
            "state",
            "signed_by",
            "drafted_by",
        ),
        **reply_context(request.user, application, reply_draft, today),
        "fee_notices": [(n, n.pay_by(calendar)) for n in application.fee_notices.all()],
        "cases": application.review_cases.all(),
        "case_form": f.CaseForm(),
        "trail": trail_of(application),
        "today": today,
    }


@login_required
def detail(request, pk):
    application = application_for(request.user, pk)
    return render(request, "applications/staff/detail.html", detail_context(request, application))


@login_required
@require_POST
def act(request, pk, name):
    application = application_for(request.user, pk, Action.EDIT)
    if name not in ACTION_FORMS:
        return render(request, "portal/error.html", {"title": "操作不存在", "text": "请求的操作不存在。"}, status=404)
    form_class, label, _ = ACTION_FORMS[name]
    extra = {"open_consultations": actions.open_consultations(application)} if name == "consulted" else {}
    form = form_class(request.POST, **extra)
    if form.is_valid():
        with refusal_into(form):  # a PermissionRefused goes on to the 403 page
            _run(name, application, request.user, form.cleaned_data, timezone.localdate())
            messages.success(request, f"已完成：{label}")
            return redirect("applications:detail", pk=application.pk)
    application.refresh_from_db()
    error = "；".join(e for errors in form.errors.values() for e in errors)
    return render(
        request,
        "applications/staff/detail.html",
        detail_context(request, application, (name, form)) | {"error": error},
        status=400,
    )


@login_required
@require_POST
def add_case(request, pk):
    application = application_for(request.user, pk, Action.EDIT)
    form = f.CaseForm(request.POST)
    if form.is_valid():
        with refusal_into(form):
            actions.record_review_case(
                application=application, actor=request.user, today=timezone.localdate(), **form.cleaned_data
            )
            messages.success(request, "已登记行政复议/行政诉讼案件")
            return redirect("applications:detail", pk=application.pk)
    context = detail_context(request, application) | {
        "case_form": form,
        "error": "；".join(e for errors in form.errors.values() for e in errors),
    }
    return render(request, "applications/staff/detail.html", context, status=400)


@login_required
@require_POST
def update_case(request, pk, case_pk):
    application = application_for(request.user, pk, Action.EDIT)
    case = get_object_or_404(ReviewCase, pk=case_pk, application=application)
    form = f.CaseUpdateForm(request.POST)
    if form.is_valid():
        with refusal_into(form):
            actions.update_review_case(case=case, actor=request.user, today=timezone.localdate(), **form.cleaned_data)
            messages.success(request, "案件结果已更新")
            return redirect("applications:detail", pk=application.pk)
    context = detail_context(request, application) | {
        "error": "；".join(e for errors in form.errors.values() for e in errors)
    }
    return render(request, "applications/staff/detail.html", context, status=400)


@login_required
def staff_letter(request, pk, letter_pk, fmt):
    application = application_for(request.user, pk)
    letter = get_object_or_404(application.letters, pk=letter_pk)
    if letter.state == LetterState.DRAFT:
        return redirect("applications:letter_preview", pk=pk, letter_pk=letter_pk)
    return letter_response(letter, fmt)
