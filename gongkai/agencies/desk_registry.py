"""The clerk's desk (工作台): to-do sections contributed by each bounded context.

An app contributes sections by defining `gongkai/<app>/desk.py` and decorating selector functions
with `@section(...)`. The modules are found with Django's `autodiscover_modules("desk")`; a module
that exists but fails to import raises (a broken desk must not silently drop a clerk's to-dos).

A section function is a read (a selector): `fn(user, agencies, today) -> list[DeskEntry]`, where
`agencies` are the agencies in which `user` holds one of the section's roles (for 政务公开办 the
supervised agencies as well as the office).
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass, field
from datetime import date

from gongkai.agencies.models import Agency, Membership, Role


@dataclass(frozen=True)
class DeskEntry:
    """One to-do: what, where to act, and when it is due (if it has a date)."""

    title: str
    url: str
    agency: str = ""
    detail: str = ""
    due_on: date | None = None
    provisional: bool = False  # the due date crosses a year whose holidays are not entered yet
    overdue: bool = False


@dataclass(frozen=True)
class DeskSection:
    code: str  # stable id (for tests, JSON and the digest), never shown
    title: str  # Chinese heading
    roles: frozenset[Role]
    order: int
    select: Callable
    empty_text: str = "暂无"
    entries: list[DeskEntry] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        """An HTML id for the section: desk-applications-overdue."""
        return "desk-" + self.code.replace(".", "-")


_SECTIONS: dict[str, DeskSection] = {}
_discovered = False
_memo: ContextVar[dict | None] = ContextVar("desk_memo", default=None)


def memo(key, compute):
    """Within one desk (one `desk_for` call) compute a shared read once, e.g. the applications'
    deadline list that several sections filter; outside a desk it just computes."""
    store = _memo.get()
    if store is None:
        return compute()
    if key not in store:
        store[key] = compute()
    return store[key]


def section(code: str, title: str, *, roles, order: int = 100, empty_text: str = "暂无"):
    """Register a desk section (decorator)."""

    def wrap(fn):
        if code in _SECTIONS and _SECTIONS[code].select is not fn:
            existing = _SECTIONS[code].select
            if (existing.__module__, existing.__qualname__) != (fn.__module__, fn.__qualname__):
                raise ValueError(f"desk section {code!r} registered twice")
        _SECTIONS[code] = DeskSection(
            code=code, title=title, roles=frozenset(roles), order=order, select=fn, empty_text=empty_text
        )
        return fn

    return wrap


def discover() -> None:
    global _discovered
    if not _discovered:
        from django.utils.module_loading import autodiscover_modules

        autodiscover_modules("desk")
        _discovered = True


def registered_sections() -> list[DeskSection]:
    discover()
    return sorted(_SECTIONS.values(), key=lambda s: (s.order, s.code))


def agencies_for_roles(user, roles) -> list[Agency]:
    """The agencies in which `user` holds one of `roles`; a 政务公开办 role adds the supervised agencies.
    The platform operator (superuser) gets every agency for every role."""
    if user.is_superuser:
        return list(Agency.objects.all())
    ids = set(Membership.objects.filter(user=user, role__in=list(roles)).values_list("agency_id", flat=True))
    if Role.SUPERVISOR in roles:
        offices = Membership.objects.filter(user=user, role=Role.SUPERVISOR).values("agency_id")
        ids |= set(Agency.objects.filter(supervisor_id__in=offices).values_list("pk", flat=True))
    return list(Agency.objects.filter(pk__in=ids).order_by("name"))


def user_roles(user) -> set[Role]:
    if user.is_superuser:
        return set(Role)
    return {Role(r) for r in Membership.objects.filter(user=user).values_list("role", flat=True)}


def desk_for(user, today: date) -> list[DeskSection]:
    """The sections that concern `user` (by the roles held), each with its entries filled in."""
    held = user_roles(user)
    out = []
    token = _memo.set({})
    try:
        return _fill(user, today, held, out)
    finally:
        _memo.reset(token)


def _fill(user, today, held, out):
    for sec in registered_sections():
        roles = sec.roles & held
        if not roles:
            continue
        agencies = agencies_for_roles(user, roles)
        if not agencies:
            continue
        entries = list(sec.select(user, agencies, today))
        out.append(
            DeskSection(
                code=sec.code,
                title=sec.title,
                roles=sec.roles,
                order=sec.order,
                select=sec.select,
                empty_text=sec.empty_text,
                entries=entries,
            )
        )
    return out
