"""An agency's letter templates and letter settings (复议机关, court, payment, 文号, signer, seal)."""

from __future__ import annotations

from django.db import transaction

from gongkai import audit
from gongkai.agencies.access import Action, can
from gongkai.applications.letter_models import LetterSettings, SignerRole
from gongkai.applications.letters import letter_settings
from gongkai.applications.models import LetterKind, LetterTemplate
from gongkai.catalog import page_cache
from gongkai.core.letters.form import number_pattern_problem, placeholder_problem, placeholders_of
from gongkai.core.letters.templates import allowed, missing_required
from gongkai.core.refusal import PermissionRefused, Refused


def _body_refused(message: str) -> Refused:
    """A problem of the template text itself: the form shows it on its `body` field."""
    return Refused(message, field_errors={"body": message})


@transaction.atomic
def save_letter_template(*, agency, actor, kind: str, body: str) -> LetterTemplate:
    """Save an agency's template; unknown placeholders are refused with the valid list."""
    if not can(actor, Action.ADMINISTER, agency):
        raise PermissionRefused("只有机构管理员可以修改文书模板")
    if kind not in LetterKind.values:
        raise Refused("请选择文书种类")
    body = (body or "").strip()
    if not body:
        raise _body_refused("请填写正文模板")
    problem = placeholder_problem(body, allowed(kind))
    if problem:
        raise _body_refused(problem)
    missing = missing_required(kind, placeholders_of(body))
    if missing:
        raise _body_refused("模板缺少必须载明的内容：" + "、".join(f"${n}（{allowed(kind)[n]}）" for n in missing))
    row, created = LetterTemplate.objects.select_for_update().get_or_create(
        agency=agency, kind=kind, defaults={"body": body}
    )
    before = None if created else {"kind": kind, "body": row.body}
    row.body = body
    row.save()
    audit.record(
        subject=agency,
        actor=actor,
        kind="applications.letter_template_saved",
        before=before,
        after={"kind": kind, "body": body},
    )
    return row


SETTINGS_FIELDS = ("review_body", "court", "payment_instructions", "number_pattern", "signer_role", "electronic_seal")


@transaction.atomic
def save_letter_settings(*, agency, actor, **values) -> LetterSettings:
    """The agency administrator sets the 复议机关, court, payment, 文号 pattern, signer, seal."""
    if not can(actor, Action.ADMINISTER, agency):
        raise PermissionRefused("只有机构管理员可以修改文书设置")
    for name in ("review_body", "court"):
        if not str(values.get(name) or "").strip():
            raise Refused("请填写行政复议机关和管辖法院（答复告知书的救济途径须写明）")
    problem = number_pattern_problem(values.get("number_pattern") or "")
    if problem:
        raise Refused(problem)
    if values.get("signer_role") not in SignerRole.values:
        raise Refused("请选择签发人")
    row = letter_settings(agency)
    before = None if row.pk is None else {f: getattr(row, f) for f in SETTINGS_FIELDS}
    for name in SETTINGS_FIELDS:
        value = values.get(name)
        setattr(row, name, bool(value) if name == "electronic_seal" else str(value or "").strip())
    row.save()
    audit.record(
        subject=agency,
        actor=actor,
        kind="applications.letter_settings_saved",
        before=before,
        after={f: getattr(row, f) for f in SETTINGS_FIELDS},
    )
    page_cache.bump(agency.pk)  # the public 申请须知 names the same 复议机关 and court
    return row
