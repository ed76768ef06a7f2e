"""Reads about letters for other pages (the clerk's desk: "letters to sign", "letters to serve")."""

from __future__ import annotations

from gongkai.agencies.access import Action, can, other_hand
from gongkai.applications.letter_models import SignerRole
from gongkai.applications.letters.config import letter_settings
from gongkai.applications.letters.lapse import EVENT_OF
from gongkai.applications.models import CLOSING_KINDS, Letter, LetterKind, LetterState
from gongkai.core.application_states import State, allowed_events


def _signable_now(letter: Letter) -> bool:
    return EVENT_OF[LetterKind(letter.kind)] in allowed_events(State(letter.application.state))


def closing_draft(application) -> Letter | None:
    """The closing letter (reply or 视为放弃申请告知书) waiting for 签发 on the application page: the
    newest draft that can be signed in the application's state (a draft left behind when the
    state moved on, e.g. a lapse letter after a late correction, is not offered)."""
    if application.is_closed:
        return None
    drafts = application.letters.filter(kind__in=CLOSING_KINDS, state=LetterState.DRAFT).select_related(
        "application__agency", "drafted_by"
    )
    return next((d for d in drafts.order_by("-created_at", "-id") if _signable_now(d)), None)


def drafts_to_sign(user, agencies) -> list[Letter]:
    """Closing drafts in `agencies` that `user` may sign now (right role per agency, not the drafter)."""
    found = []
    drafts = (
        Letter.objects.filter(
            kind__in=CLOSING_KINDS,
            state=LetterState.DRAFT,
            agency__in=agencies,
            application__state__in=[
                s.value for s in (State.IN_PROGRESS, State.AWAITING_CORRECTION, State.AWAITING_PAYMENT)
            ],
        )
        .select_related("application__agency", "drafted_by")
        .order_by("created_at")
    )
    roles = {}
    for letter in drafts:
        agency = letter.application.agency
        if agency.pk not in roles:
            admin_only = letter_settings(agency).signer_role == SignerRole.ADMIN
            roles[agency.pk] = can(user, Action.ADMINISTER if admin_only else Action.REVIEW, agency)
        if roles[agency.pk] and other_hand(user, {letter.drafted_by_id}) and _signable_now(letter):
            found.append(letter)
    return found


def letters_to_serve(agencies):
    """Issued letters to applicants with no service recorded yet (post: waiting for the receipt)."""
    return (
        Letter.objects.filter(
            agency__in=agencies,
            state=LetterState.ISSUED,
            for_applicant=True,
            served_on__isnull=True,
            emailed_at__isnull=True,
        )
        .select_related("application")
        .order_by("issued_on", "id")
    )
