"""Every permission decision of the platform, in one place.

Rules:
- 经办人 (handler) drafts and edits the agency's records; 审核人 (reviewer) reviews them;
  机构管理员 (agency admin) manages the agency and approves extensions (as head of the 工作机构);
  all three read everything of their own agency.
- 政务公开办 (supervisor) is a role held at a disclosure office: it reads everything of the
  office itself and of every agency the office supervises, and changes nothing there.
- Superusers (the platform operator) may do everything.
- Four eyes: whoever drafted, changed or submitted a piece of work never approves it — a catalog
  version or its 失效/废止 request, an annual report, a reply letter (签发), a holiday schedule.
  One rule (`check_four_eyes`), one message (`FOUR_EYES`); a superuser is no exception.
- Nobody else sees an agency's non-public data. Views fetch through `agency_for()`, which gives
  the same 404 whether the agency is missing or forbidden.
"""

from __future__ import annotations

from enum import Enum

from django.db.models import Q, QuerySet
from django.http import Http404

from gongkai.agencies.models import Agency, Membership, Role
from gongkai.core.refusal import Refused

FOUR_EYES = "不能审核、签发或确认自己起草、修改或提交的事项（四眼原则），请由未参与的另一人办理"


class Action(Enum):
    VIEW = "view"  # read non-public data
    EDIT = "edit"  # draft, register, record
    REVIEW = "review"  # approve / reject
    ADMINISTER = "administer"  # agency settings, extensions, members
    SUPERVISE = "supervise"  # county-wide read of supervised agencies


_ROLES_FOR = {
    Action.VIEW: {Role.HANDLER, Role.REVIEWER, Role.AGENCY_ADMIN, Role.SUPERVISOR},
    Action.EDIT: {Role.HANDLER, Role.AGENCY_ADMIN},
    Action.REVIEW: {Role.REVIEWER, Role.AGENCY_ADMIN},
    Action.ADMINISTER: {Role.AGENCY_ADMIN},
    Action.SUPERVISE: {Role.SUPERVISOR},
}


def roles_in(user, agency: Agency) -> set[Role]:
    """The roles `user` holds directly in `agency`."""
    if not user.is_authenticated:
        return set()
    cache = getattr(user, "_gongkai_roles", None)
    if cache is None:
        cache = {}
        for agency_id, role in Membership.objects.filter(user=user).values_list("agency_id", "role"):
            cache.setdefault(agency_id, set()).add(Role(role))
        user._gongkai_roles = cache
    return cache.get(agency.pk, set())


def _supervises(user, agency: Agency) -> bool:
    if agency.supervisor_id is None:
        return False
    return Role.SUPERVISOR in roles_in(user, Agency(pk=agency.supervisor_id))


def other_hand(user, hands) -> bool:
    """Four eyes: `user` is none of `hands` (the ids of those who drafted, changed or submitted)."""
    return user.pk not in {pk for pk in hands if pk is not None}


def check_four_eyes(actor, hands) -> None:
    """Refuse (`FOUR_EYES`) an approval by one of `hands`; the actions call it, the pages use
    `other_hand` to offer the step only to those who may take it."""
    if not other_hand(actor, hands):
        raise Refused(FOUR_EYES, code="four_eyes")


def can(user, action: Action, agency: Agency) -> bool:
    """May `user` do `action` on `agency`'s non-public records?"""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    if roles_in(user, agency) & _ROLES_FOR[action]:
        return True
    if action in (Action.VIEW, Action.SUPERVISE):
        return _supervises(user, agency)
    return False


def visible_agencies(user) -> QuerySet[Agency]:
    """Agencies whose non-public data `user` may read."""
    if not user.is_authenticated or not user.is_active:
        return Agency.objects.none()
    if user.is_superuser:
        return Agency.objects.all()
    member_of = Membership.objects.filter(user=user).values("agency_id")
    supervising = Membership.objects.filter(user=user, role=Role.SUPERVISOR).values("agency_id")
    return Agency.objects.filter(Q(pk__in=member_of) | Q(supervisor_id__in=supervising)).distinct()


def supervised_agencies(user) -> QuerySet[Agency]:
    """Agencies `user` supervises as 政务公开办 (not including the office itself)."""
    if user.is_superuser:
        return Agency.objects.exclude(level="disclosure_office")
    offices = Membership.objects.filter(user=user, role=Role.SUPERVISOR).values("agency_id")
    return Agency.objects.filter(supervisor_id__in=offices)


def object_for(user, queryset, pk, action: Action, agency_of, missing: str):
    """The object `pk` of `queryset` if `user` may do `action` on its agency (`agency_of(obj)`);
    Http404(`missing`) otherwise — the same answer whether the object is missing or forbidden.
    Every object gate of the apps is this function with its own queryset."""
    try:
        obj = queryset.get(pk=pk)
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        raise Http404(missing) from None
    if not can(user, action, agency_of(obj)):
        raise Http404(missing)
    return obj


def agency_for(user, pk, action: Action = Action.VIEW) -> Agency:
    """The agency `pk` if `user` may do `action` on it; 404 otherwise (missing or forbidden alike)."""
    try:
        agency = Agency.objects.get(pk=pk)
    except (Agency.DoesNotExist, ValueError, TypeError):
        raise Http404("机构不存在") from None
    if not can(user, action, agency):
        raise Http404("机构不存在")
    return agency


def may_manage_calendar(user) -> bool:
    """Holiday schedules are entered (or proposals confirmed) by the platform operator or a 政务公开办.
    The rule is stated on /staff/calendar/: 机构管理员 propose, these confirm."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_superuser or Membership.objects.filter(user=user, role=Role.SUPERVISOR).exists()


def may_propose_calendar(user) -> bool:
    """An agency administrator may propose a year's holiday schedule (confirmed by `may_manage_calendar`)."""
    if not user.is_authenticated or not user.is_active:
        return False
    return Membership.objects.filter(user=user, role=Role.AGENCY_ADMIN).exists()


def agencies_administered(user) -> QuerySet[Agency]:
    return Agency.objects.filter(memberships__user=user, memberships__role=Role.AGENCY_ADMIN).distinct()
