"""Reads about letters for other pages (the clerk's desk: "letters to sign", "letters to serve")."""

from __future__ import annotations

from gongkai.agencies.access import Action, can, other_hand
from gongkai.applications.letter_models import SignerRole
from gongkai.applications.letters.config import letter_settings
from gongkai.applications.models import Letter, LetterKind, LetterState


def drafts_to_sign(user, agencies) -> list[Letter]:
    """Reply drafts in `agencies` that `user` may sign (right role per agency, not the drafter)."""
    found = []
    drafts = (
        Letter.objects.filter(
            kind=LetterKind.REPLY, state=LetterState.DRAFT, agency__in=agencies, application__state__in=["in_progress"]
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
        if roles[agency.pk] and other_hand(user, {letter.drafted_by_id}):
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
