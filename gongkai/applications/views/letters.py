"""Staff pages of letters: preview, 签发, 送达, e-mail service, templates (with a preview on a real
application) and the agency's letter settings. Thin: forms validate, actions change state."""

from __future__ import annotations

from io import BytesIO

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from gongkai.agencies.access import Action, agency_for
from gongkai.applications import actions
from gongkai.applications import forms as f
from gongkai.applications.access import application_for
from gongkai.applications.letters import (
    DEFAULT_TEMPLATES,
    context_for,
    document,
    letter_settings,
    pdf_bytes,
    reply_values,
    template_text,
)
from gongkai.applications.letters.config import defaults
from gongkai.applications.models import Application, LetterKind, LetterState
from gongkai.applications.views.staff import detail_context
from gongkai.boundary.forms import CleanForm
from gongkai.boundary.refusals import refusal_into
from gongkai.boundary.uploads import UploadRefused, read_upload
from gongkai.core.letters.form import placeholder_problem
from gongkai.core.letters.templates import REQUIRED, allowed


def _letter(request, pk, letter_pk, action=Action.VIEW):
    application = application_for(request.user, pk, action)
    return get_object_or_404(application.letters.select_related("application__agency"), pk=letter_pk)


def _detail_with_error(request, application, error: str, status=400):

    application.refresh_from_db()
    return render(
        request,
        "applications/staff/detail.html",
        detail_context(request, application) | {"error": error},
        status=status,
    )


@login_required
def preview(request, pk, letter_pk):
    """The draft reply as the applicant would receive it (样稿 mark, 文号 allocated at 签发)."""
    letter = _letter(request, pk, letter_pk)
    if letter.state != LetterState.DRAFT:
        return redirect("applications:letter", pk=pk, letter_pk=letter_pk, fmt="pdf")
    return FileResponse(
        BytesIO(pdf_bytes(document(letter, draft=True))),
        as_attachment=False,
        filename="preview.pdf",
        content_type="application/pdf",
    )


def _errors(form) -> str:
    return "；".join(e for errors in form.errors.values() for e in errors)


def _run(request, letter, label, call, form=None):
    """Run a letter action. A refusal goes on `form` (`refusal_into`, the one rendering) and the
    application page shows it with 400; a `PermissionRefused` goes on to the 403 page."""
    if form is None:  # a button without fields: an empty form only carries the refusal
        form = CleanForm(request.POST)
        form.is_valid()
    with refusal_into(form):
        call()
        messages.success(request, f"已完成：{label}")
        return redirect("applications:detail", pk=letter.application_id)
    return _detail_with_error(request, letter.application, _errors(form))


@login_required
@require_POST
def sign(request, pk, letter_pk):
    letter = _letter(request, pk, letter_pk)
    form = f.SignForm(request.POST)
    if not form.is_valid():
        return _detail_with_error(request, letter.application, _errors(form))
    return _run(
        request,
        letter,
        f"签发{letter.title}",
        lambda: actions.sign_off_reply(
            letter=letter, actor=request.user, on=form.cleaned_data["on"], today=timezone.localdate()
        ),
        form,
    )


@login_required
@require_POST
def serve(request, pk, letter_pk):
    letter = _letter(request, pk, letter_pk, Action.EDIT)
    form = f.ServiceForm(request.POST)
    if not form.is_valid():
        return _detail_with_error(request, letter.application, _errors(form))
    return _run(
        request,
        letter,
        "登记送达",
        lambda: actions.record_service(
            letter=letter, actor=request.user, today=timezone.localdate(), **form.cleaned_data
        ),
        form,
    )


@login_required
@require_POST
def email(request, pk, letter_pk):
    letter = _letter(request, pk, letter_pk, Action.EDIT)
    return _run(
        request,
        letter,
        "电子邮件送达（发送结果见通知记录）",
        lambda: actions.serve_by_email(letter=letter, actor=request.user, today=timezone.localdate()),
    )


@login_required
@require_POST
def sealed_scan(request, pk, letter_pk):
    """Upload the sealed copy (scan of the sealed original, or the GB/T 38540 PDF): size checked
    before it is read; the action checks it is a real PDF."""
    letter = _letter(request, pk, letter_pk, Action.EDIT)
    upload = request.FILES.get("file")
    if upload is None:
        return _detail_with_error(request, letter.application, "请选择加盖印章的文书（PDF）")
    try:
        content = read_upload("sealed_letter", upload)
    except UploadRefused as refused:
        return _detail_with_error(request, letter.application, str(refused))
    return _run(
        request,
        letter,
        "上传加盖印章的文书",
        lambda: actions.attach_sealed_copy(
            letter=letter,
            actor=request.user,
            content=content,
            seal_kind=request.POST.get("seal_kind") or None,
            name=upload.name[:100],
        ),
    )


def _sample_application(agency):
    return Application.objects.filter(agency=agency).exclude(received_on=None).order_by("-received_on", "-id").first()


def _sample_values(application, kind):
    from datetime import timedelta

    today = timezone.localdate()
    if kind == LetterKind.REPLY:
        outcome = application.outcome if application.outcome == "granted" else "granted"
        return reply_values(
            application,
            outcome,
            {
                "provision_way": "（示例）邮寄纸质复印件",
                "provision_place": "（示例）本机关政府信息公开工作机构",
                "provision_time": "（示例）收到本告知书之日起10个工作日内",
            },
        )
    sample = {
        "content": "（示例）需补正或说明的事项",
        "deadline": today + timedelta(days=20),
        "days": 20,
        "due_on": today + timedelta(days=28),
        "third_party": "（示例）某有限公司",
        "basis": "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）第五条（按量计收）",
        "standard": "第31—100页：10元/页 × 70页 = 700元",
        "amount": 700,
        "notice_on": today - timedelta(days=40),
        "served_on": today - timedelta(days=39),
        "notice_number": "（示例）",
        "remedies": "（示例）如对本答复不服，可以依法申请行政复议或者提起行政诉讼。",
    }
    return sample


@login_required
def templates(request, agency_pk):
    """Edit a template; 预览 fills it with the agency's latest real application, saves nothing."""
    agency = agency_for(request.user, agency_pk, Action.ADMINISTER)
    kind = request.GET.get("kind") or request.POST.get("kind") or LetterKind.REPLY
    if kind not in LetterKind.values:
        kind = LetterKind.REPLY
    form = f.TemplateForm(request.POST or None, initial={"body": template_text(agency, kind)}, label_suffix="：")
    preview_text, status = None, 200
    if request.method == "POST" and form.is_valid():
        body = form.cleaned_data["body"]
        if request.POST.get("preview"):
            problem = placeholder_problem(body, allowed(kind))
            sample = _sample_application(agency)
            if problem:
                form.add_error("body", problem)
            elif sample is None:
                form.add_error(None, "本机关还没有已收到的申请，无法用真实申请预览")
            else:
                from string import Template

                context = context_for(
                    sample,
                    kind,
                    issued_on=timezone.localdate(),
                    letter_number="（签发时编号）",
                    **_sample_values(sample, kind),
                )
                preview_text = Template(body).safe_substitute(context)
        else:
            with refusal_into(form):  # the action names the field (`body`); a permission goes on to 403
                actions.save_letter_template(agency=agency, actor=request.user, kind=kind, body=body)
                messages.success(request, "文书模板已保存")
                return redirect(f"{request.path}?kind={kind}")
    if request.method == "POST" and form.errors:
        status = 400
    return render(
        request,
        "applications/staff/templates.html",
        {
            "agency": agency,
            "form": form,
            "kind": kind,
            "kinds": LetterKind.choices,
            "default": DEFAULT_TEMPLATES[LetterKind(kind)],
            "preview_text": preview_text,
            "placeholders": allowed(kind).items(),
            "sample": _sample_application(agency),
            "required": ["$" + name for name in REQUIRED[kind]],
        },
        status=status,
    )


@login_required
def settings_view(request, agency_pk):
    agency = agency_for(request.user, agency_pk, Action.ADMINISTER)
    current = letter_settings(agency)
    initial = {name: getattr(current, name) for name in actions.letter_settings.SETTINGS_FIELDS}
    form = f.LetterSettingsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        with refusal_into(form):
            actions.save_letter_settings(agency=agency, actor=request.user, **form.cleaned_data)
            messages.success(request, "文书设置已保存")
            return redirect("applications:letter_settings", agency_pk=agency.pk)
    return render(
        request,
        "applications/staff/letter_settings.html",
        {"agency": agency, "form": form, "saved": current.pk is not None, "defaults": defaults(agency)},
        status=400 if request.method == "POST" else 200,
    )
