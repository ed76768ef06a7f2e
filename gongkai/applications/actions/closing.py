"""Closing an application as abandoned (视为放弃申请) with its letter: 其他处理1 (条例 Art. 30, no
correction by the 补正期限) and 其他处理2 (条例 Art. 42, 国办函〔2020〕109号, no payment by a firm
pay-by).

The handler drafts the letter (`draft_lapse`, nothing decided), it is previewed like a reply,
and the 审核人 or 机构管理员 signs it off (`letters.sign_off_reply`): then the application closes,
the 文号 is allocated and the letter rendered (A4 公文, PDF and DOCX). `lapse_correction` and
`lapse_fee` do both steps at once (imports, tests), like `decisions.decide`.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction

from gongkai import audit
from gongkai.agencies.access import Action, can
from gongkai.applications.actions._base import check_date, lock
from gongkai.applications.actions.letters import sign_off_reply
from gongkai.applications.letters import render_text
from gongkai.applications.letters.lapse import EVENT_OF, LAPSE_KIND_OF_STATE, OUTCOME_OF, lapse_problem, lapse_values
from gongkai.applications.models import Application, Letter, LetterKind, LetterState
from gongkai.core.application_states import next_state
from gongkai.core.refusal import PermissionRefused, Refused


@transaction.atomic
def draft_lapse(*, application: Application, actor, today: date) -> Letter:
    """Draft (or redraft) the 视为放弃申请告知书 of an application awaiting a correction or a
    payment whose period has passed (checked again at 签发, on the signing date)."""
    if not can(actor, Action.EDIT, application.agency):
        raise PermissionRefused("无权拟写告知书")
    application = lock(application)
    kind = LAPSE_KIND_OF_STATE.get(application.state)
    if kind is None:
        raise Refused("只有待补正或待缴费的申请可以按视为放弃申请办结")
    next_state(application.state, EVENT_OF[kind])  # InvalidTransition (Chinese) otherwise
    problem = lapse_problem(application, kind, today)
    if problem:
        raise Refused(problem)
    body = render_text(application, kind, issued_on=None, letter_number="", **lapse_values(application, kind))
    draft = application.letters.filter(kind=kind, state=LetterState.DRAFT).first()
    created = draft is None
    draft = draft or Letter(
        application=application, agency=application.agency, kind=kind, state=LetterState.DRAFT, title=kind.label
    )
    draft.outcome, draft.details, draft.body, draft.drafted_by = OUTCOME_OF[kind], {}, body, actor
    draft.save()
    audit.record(
        subject=application,
        actor=actor,
        kind="applications.lapse_drafted",
        before=None if created else {"letter": draft.pk},
        after={"letter": draft.pk, "kind": kind.value, "outcome": OUTCOME_OF[kind]},
    )
    return draft


def _draft_and_sign(application, actor, on, today, signed_by, kind: LetterKind) -> Application:
    if signed_by is None:
        raise Refused(f"{kind.label}须经审核人或机构管理员签发")
    check_date(application, on, today, "签发日期")
    state = lock(application).state
    if LAPSE_KIND_OF_STATE.get(state) is not kind:
        next_state(state, EVENT_OF[kind])  # the Chinese refusal of the state table
    draft = draft_lapse(application=application, actor=actor, today=on)
    return sign_off_reply(letter=draft, actor=signed_by, on=on, today=today).application


@transaction.atomic
def lapse_correction(*, application: Application, actor, on: date, today: date, signed_by=None) -> Application:
    """其他处理1 (条例 Art. 30): draft by `actor`, 签发 by `signed_by` on `on`, in one transaction."""
    return _draft_and_sign(application, actor, on, today, signed_by, LetterKind.LAPSE_CORRECTION)


@transaction.atomic
def lapse_fee(*, application: Application, actor, on: date, today: date, signed_by=None) -> Application:
    """其他处理2 (条例 Art. 42; 国办函〔2020〕109号): draft by `actor`, 签发 by `signed_by` on `on`."""
    return _draft_and_sign(application, actor, on, today, signed_by, LetterKind.LAPSE_FEE)
