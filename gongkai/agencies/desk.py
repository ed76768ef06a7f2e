"""The agencies' own use of the desk: grouping the sections into per-role dashboards.

(The registry lives in `desk_registry`; this module is also discovered as the agencies app's desk
module, and contributes no section of its own.)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from gongkai.agencies.desk_registry import DeskSection, desk_for, user_roles
from gongkai.agencies.models import Role

ROLE_ORDER = [Role.HANDLER, Role.REVIEWER, Role.AGENCY_ADMIN, Role.SUPERVISOR]
ROLE_HEADINGS = {
    Role.HANDLER: "经办人待办",
    Role.REVIEWER: "审核人待办",
    Role.AGENCY_ADMIN: "机构管理员待办",
    Role.SUPERVISOR: "政务公开办待办",
}


@dataclass(frozen=True)
class RoleDesk:
    role: Role
    heading: str
    sections: list[DeskSection]

    @property
    def empty_sections(self) -> list[DeskSection]:
        return [s for s in self.sections if not s.entries]

    @property
    def count(self) -> int:
        return sum(len(s.entries) for s in self.sections)


def desk_by_role(user, today: date) -> list[RoleDesk]:
    """Each role the user holds, with the sections that concern it; a section shared by two held
    roles is shown once, under the first of them (经办人, 审核人, 机构管理员, 政务公开办)."""
    held = user_roles(user)
    placed: set[str] = set()
    sections = desk_for(user, today)
    out = []
    for role in ROLE_ORDER:
        if role not in held:
            continue
        mine = [s for s in sections if role in s.roles and s.code not in placed]
        placed.update(s.code for s in mine)
        if mine:
            out.append(RoleDesk(role=role, heading=ROLE_HEADINGS[role], sections=mine))
    return out


def digest_lines(user, today: date) -> list[str]:
    """The user's to-dos as plain-text lines for the daily e-mail (empty when nothing is to do)."""
    lines = []
    for desk in desk_by_role(user, today):
        entries = [(s, e) for s in desk.sections for e in s.entries]
        if not entries:
            continue
        lines.append(f"【{desk.heading}】")
        for sec in desk.sections:
            if not sec.entries:
                continue
            lines.append(f"{sec.title}（{len(sec.entries)}项）")
            for e in sec.entries:
                due = ""
                if e.due_on:
                    due = f"，期限{e.due_on.year}年{e.due_on.month}月{e.due_on.day}日" + (
                        "（暂定）" if e.provisional else ""
                    )
                agency = f"{e.agency}，" if e.agency else ""
                lines.append(f"  · {e.title}（{agency}{e.detail}{due}）")
        lines.append("")
    return lines
