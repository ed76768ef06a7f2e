"""整改通知: the detail page, the agency's 整改情况 and the office's 验收."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.agencies.access import Action, can
from gongkai.audit.services import trail_of
from gongkai.core.oversight import (
    RECTIFICATION_STATE_LABELS,
    RECTIFICATION_TRANSITIONS,
    InvalidTransition,
    RectificationEvent,
    RectificationState,
)
from gongkai.oversight import actions
from gongkai.oversight.access import rectification_for
from gongkai.oversight.forms import SubmitRectificationForm, VerifyRectificationForm, add_errors


def _allowed(state: str, event: RectificationEvent) -> bool:
    return (RectificationState(state), event) in RECTIFICATION_TRANSITIONS


def _page(request, rectification, submit_form=None, verify_form=None, status=200):
    today = timezone.localdate()
    user, agency, state = request.user, rectification.agency, rectification.state
    may_submit = can(user, Action.EDIT, agency) and _allowed(state, RectificationEvent.SUBMIT)
    may_verify = can(user, Action.SUPERVISE, agency) and _allowed(state, RectificationEvent.ACCEPT)
    return render(
        request,
        "oversight/rectification.html",
        {
            "rectification": rectification,
            "agency": agency,
            "today": today,
            "state_label": RECTIFICATION_STATE_LABELS[rectification.state_enum],
            "overdue": rectification.overdue_on(today),
            "findings": rectification.findings.select_related("inspection"),
            "trail": trail_of(rectification),
            "submit_form": (submit_form or SubmitRectificationForm(initial={"report": rectification.report}))
            if may_submit
            else None,
            "verify_form": (verify_form or VerifyRectificationForm(today=today)) if may_verify else None,
        },
        status=status,
    )


@login_required
def rectification_detail(request, pk):
    return _page(request, rectification_for(request.user, pk, Action.VIEW))


@login_required
@require_POST
def submit(request, pk):
    rectification = rectification_for(request.user, pk, Action.EDIT)
    form = SubmitRectificationForm(request.POST)
    if form.is_valid():
        try:
            actions.submit_rectification(
                rectification=rectification,
                actor=request.user,
                report=form.cleaned_data["report"],
                today=timezone.localdate(),
            )
        except actions.OversightError as error:
            add_errors(form, error)
        except InvalidTransition as error:
            messages.error(request, str(error))
            return redirect("oversight:rectification", pk=pk)
        else:
            messages.success(request, "整改情况已报送，等待政务公开办验收。")
            return redirect("oversight:rectification", pk=pk)
    return _page(request, rectification, submit_form=form, status=400)


@login_required
@require_POST
def verify(request, pk):
    rectification = rectification_for(request.user, pk, Action.SUPERVISE)
    today = timezone.localdate()
    form = VerifyRectificationForm(request.POST, today=today)
    if form.is_valid():
        data = form.cleaned_data
        try:
            if data["decision"] == "accept":
                actions.accept_rectification(
                    rectification=rectification, actor=request.user, note=data["note"], today=today
                )
                messages.success(request, "已验收通过。")
            else:
                actions.return_rectification(
                    rectification=rectification,
                    actor=request.user,
                    note=data["note"],
                    today=today,
                    due_on=data["due_on"],
                )
                messages.success(request, "已退回重新整改。")
        except actions.OversightError as error:
            add_errors(form, error)
        except InvalidTransition as error:
            messages.error(request, str(error))
            return redirect("oversight:rectification", pk=pk)
        else:
            return redirect("oversight:rectification", pk=pk)
    return _page(request, rectification, verify_form=form, status=400)
