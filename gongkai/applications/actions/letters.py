"""Letters that close an application: draft, preview, 签发 (four eyes).

- `draft_reply`: the handler chooses the outcome and fills the fields its wording needs
  (`gongkai.core.letters.decisions`); nothing is decided yet. The lapse letters (其他处理1, 2) are
  drafted by `closing.draft_lapse`.
- `sign_off_reply`: the 审核人 or 机构管理员 (per agency, `LetterSettings.signer_role`), never the
  drafter, signs any closing letter: in one transaction the application is decided (or closed as
  abandoned), the 文号 allocated, the letter rendered and issued.
- 送达 (`service`): post, in person, online, or e-mail of the sealed copy only. Templates and the
  agency's letter settings: `letter_settings`.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone

from gongkai import audit
from gongkai.agencies.access import Action, can, check_four_eyes, other_hand
from gongkai.applications import notifications
from gongkai.applications.actions._base import check_date, log, step
from gongkai.applications.actions.service import check_service
from gongkai.applications.letter_models import LetterSettings, SignerRole
from gongkai.applications.letters import document, docx_bytes, letter_settings, pdf_bytes, render_text, reply_values
from gongkai.applications.letters.lapse import AUDIT_OF, EVENT_OF, NOTE_OF, OUTCOME_OF, lapse_problem, lapse_values
from gongkai.applications.letters.numbering import allocate_letter_number
from gongkai.applications.models import CLOSING_KINDS, Application, Letter, LetterKind, LetterState
from gongkai.core import outcomes
from gongkai.core.application_states import Event, next_state
from gongkai.core.letters import decisions
from gongkai.core.refusal import PermissionRefused, Refused

# Closed by their own letters (closing.draft_lapse → 签发), not chosen in a decision.
NOT_DECIDABLE = {outcomes.NO_CORRECTION, outcomes.UNPAID_FEE}


def _clean(details: dict | None, outcome_id: str) -> dict:
    names = {f.name for f in decisions.fields_for(outcome_id)}
    return {k: str(v).strip() for k, v in (details or {}).items() if k in names and str(v or "").strip()}


def reply_problems(outcome_id: str, details: dict) -> dict[str, str]:
    """{field: Chinese reason}; empty when the reply may be drafted."""
    if outcome_id not in outcomes.OUTCOME_IDS:
        return {"outcome": "请选择一项办理结果（全国统一的办理结果分类）"}
    if outcome_id in NOT_DECIDABLE:
        return {"outcome": "逾期不补正、逾期未缴费请使用对应的办结操作"}
    return decisions.problems(outcome_id, details)


def _refuse(problems: dict[str, str]) -> None:
    if problems:
        raise Refused("；".join(problems.values()))


def _lock_letter(letter: Letter) -> Letter:
    return Letter.objects.select_for_update().select_related("application__agency").get(pk=letter.pk)


@transaction.atomic
def draft_reply(*, application: Application, actor, outcome_id: str, details: dict, today: date) -> Letter:
    """Draft (or redraft) the reply letter: outcome + the fields its wording needs. Replaces an
    earlier draft; changes nothing on the application."""
    if not can(actor, Action.EDIT, application.agency):
        raise PermissionRefused("无权拟写答复")
    application = Application.objects.select_for_update().select_related("agency").get(pk=application.pk)
    next_state(application.state, Event.DECIDE)  # InvalidTransition (Chinese) if it cannot be decided now
    details = _clean(details, outcome_id) if outcome_id in outcomes.OUTCOME_IDS else {}
    _refuse(reply_problems(outcome_id, details))
    body = render_text(
        application,
        LetterKind.REPLY,
        issued_on=None,
        letter_number="",
        **reply_values(application, outcome_id, details),
    )
    draft = application.letters.filter(kind=LetterKind.REPLY, state=LetterState.DRAFT).first()
    before = {"outcome": draft.outcome, "details": draft.details} if draft else None
    draft = draft or Letter(
        application=application,
        agency=application.agency,
        kind=LetterKind.REPLY,
        state=LetterState.DRAFT,
        title=LetterKind.REPLY.label,
    )
    draft.outcome, draft.details, draft.body, draft.drafted_by = outcome_id, details, body, actor
    draft.save()
    audit.record(
        subject=application,
        actor=actor,
        kind="applications.reply_drafted",
        before=before,
        after={"outcome": outcome_id, "details": details, "letter": draft.pk},
    )
    return draft


def may_sign(user, letter: Letter, settings: LetterSettings | None = None) -> bool:
    settings = settings or letter_settings(letter.application.agency)
    action = Action.ADMINISTER if settings.signer_role == SignerRole.ADMIN else Action.REVIEW
    return can(user, action, letter.application.agency) and other_hand(user, {letter.drafted_by_id})


def _decision(application: Application, letter: Letter, on: date) -> tuple[str, str, dict]:
    """(outcome, decision note, letter values) of a closing letter signed on `on`."""
    kind = LetterKind(letter.kind)
    if kind is LetterKind.REPLY:
        _refuse(reply_problems(letter.outcome, letter.details))
        values = reply_values(application, letter.outcome, letter.details)
        return letter.outcome, values["decision"], values
    problem = lapse_problem(application, kind, on)  # 条例 Art. 30 / 109号: the period has passed
    if problem:
        raise Refused(problem)
    return OUTCOME_OF[kind], NOTE_OF[kind], lapse_values(application, kind)


@transaction.atomic
def sign_off_reply(
    *, letter: Letter, actor, on: date, today: date, served_on: date | None = None, service_method: str = ""
) -> Letter:
    """签发: a closing letter is issued only now, by the 审核人 or 机构管理员 (per agency), never by
    the drafter. Decides the application (条例 Art. 36/37/38/39 per outcome; Art. 30 or 109号 for
    the lapse letters), allocates the 文号, renders PDF and DOCX with the signing date, in one
    transaction."""
    letter = _lock_letter(letter)
    settings = letter_settings(letter.application.agency)
    if letter.kind not in CLOSING_KINDS or letter.state != LetterState.DRAFT:
        raise Refused("只有待签发的答复告知书或视为放弃申请告知书可以签发")
    kind = LetterKind(letter.kind)
    role = "机构管理员" if settings.signer_role == SignerRole.ADMIN else "审核人或机构管理员"
    action = Action.ADMINISTER if settings.signer_role == SignerRole.ADMIN else Action.REVIEW
    if not can(actor, action, letter.application.agency):
        raise PermissionRefused(f"{kind.label}须由{role}签发")
    check_four_eyes(actor, {letter.drafted_by_id})
    application, before = step(letter.application, EVENT_OF[kind])
    check_date(application, on, today, "签发日期")
    if served_on is not None or service_method:
        check_service(on, served_on, service_method, today)
    outcome, note, values = _decision(application, letter, on)
    letter.application = application
    number, year, seq = allocate_letter_number(application.agency, on)
    letter.body = render_text(application, kind, issued_on=on, letter_number=number, **values)
    letter.state, letter.issued_on, letter.signed_by, letter.signed_at = LetterState.ISSUED, on, actor, timezone.now()
    letter.letter_number, letter.number_year, letter.number_seq = number, year, seq
    letter.outcome = outcome
    letter.served_on, letter.service_method = served_on, service_method or ""
    letter.pdf, letter.docx = pdf_bytes(document(letter)), docx_bytes(document(letter))
    letter.save()
    application.outcome, application.decided_on, application.decision_note = outcome, on, note
    application.save(update_fields=["state", "outcome", "decided_on", "decision_note"])
    audit_kind = "decided" if kind is LetterKind.REPLY else AUDIT_OF[kind]
    log(application, actor, audit_kind, before, note=note, letter_number=number, drafted_by=letter.drafted_by_id)
    if letter.served_on:
        notifications.letter_served(letter)
    return letter
