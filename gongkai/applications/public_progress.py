"""What the applicant is told: the receipt's facts and the status page's progress and next step.

Reads only; no personal data leaves here (the receipt and status pages show the number, dates
and the state, never the applicant's name or identifiers).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from gongkai.applications.clock import clock_of
from gongkai.applications.models import Application, Channel
from gongkai.applications.remedies import remedy_bodies
from gongkai.core.application_states import State
from gongkai.core.calendar import YearNotCovered, add_working_days
from gongkai.core.clock import RULES
from gongkai.core.letters.remedies import failure_to_reply
from gongkai.holidays.services import working_calendar

RECEIPT_RULES = {
    # 条例 Art. 31: the date of receipt by channel.
    Channel.ONLINE: "网上申请以双方确认之日为收到申请之日（条例第三十一条第三项）。工作人员将与您联系确认。",
    Channel.FAX: "传真申请以双方确认之日为收到申请之日（条例第三十一条第三项）。",
    Channel.ORDINARY_LETTER: "平常信函以本机关与申请人确认之日为收到申请之日（条例第三十一条第二项）。",
    Channel.REGISTERED_POST: "邮寄申请以本机关签收之日为收到申请之日（条例第三十一条第二项）。",
    Channel.IN_PERSON: "当面提交的申请以提交之日为收到申请之日（条例第三十一条第一项）。",
    Channel.ORAL: "口头提出的申请以提出之日为收到申请之日（条例第三十一条第一项）。",
}


@dataclass(frozen=True)
class DueDate:
    on: date | None
    provisional: bool  # 暂定: not yet received (assumed received today) or holidays not entered
    reason: str


def due_date(application: Application, *, today: date) -> DueDate:
    """The reply due date as the applicant may rely on it (条例 Art. 33)."""
    if application.is_closed:
        return DueDate(None, False, "")
    if application.received_on is None:  # online, not yet confirmed (Art. 31(三))
        start = max(today, application.submitted_on)
        try:
            on, guessed = add_working_days(start, RULES.reply_working_days, working_calendar()), False
        except YearNotCovered:
            on, guessed = add_working_days(start, RULES.reply_working_days, working_calendar().provisional()), True
        reason = (
            f"暂定：如于{_cn(start)}确认收到，答复期限为{_cn(on)}；实际以确认之日起"
            f"{RULES.reply_working_days}个工作日计算"
        )
        if guessed:
            reason += "（节假日安排尚未公布，按仅排除周末估算）"
        return DueDate(on, True, reason)
    clock = clock_of(application, today=today)
    if clock.awaiting_correction:
        return DueDate(None, True, "等待补正：答复期限自收到补正之日起重新计算（条例第三十条）")
    reason = f"自收到申请之日起{clock.limit_working_days}个工作日（条例第三十三条）"
    if clock.paused:
        reason += "；征求意见或缴费期间不计算在内，期限届时顺延"
    if clock.due_provisional:
        reason += "；部分年份的节假日安排尚未公布，期限为暂定"
    return DueDate(clock.due_on, clock.due_provisional or clock.paused, reason)


def _cn(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


STEPS = (("submitted", "提交申请"), ("received", "确认收到"), ("handling", "办理"), ("closed", "答复办结"))


def progress_steps(application: Application) -> list[tuple[str, str]]:
    """[(label, "done"|"current"|"todo")] for the four steps shown on the status page."""
    state = application.state_enum
    current = {State.SUBMITTED: 1, State.CLOSED: 4}.get(state, 2)
    out = []
    for index, (_, label) in enumerate(STEPS):
        if index < current or (state is State.CLOSED):
            mark = "done"
        elif index == current:
            mark = "current"
        else:
            mark = "todo"
        out.append((label, mark))
    return out


def next_step(application: Application, *, today: date) -> str:
    """What the applicant must (or need not) do now, in one sentence."""
    state = application.state_enum
    clock = clock_of(application, today=today) if application.received_on else None
    if state is State.SUBMITTED:
        return "请保持电话畅通：工作人员将与您联系确认收到申请，确认之日即为收到申请之日。您暂时无需其他操作。"
    if state is not State.CLOSED and clock is not None and clock.overdue:
        # 行政复议法 (2023) Art. 23(三): failure to reply in time — 复议 first, then court.
        bodies = remedy_bodies(application.agency)
        return "本机关未在答复期限内作出答复。" + failure_to_reply(review_body=bodies.review_body, court=bodies.court)
    if state is State.AWAITING_CORRECTION:
        correct_by = clock.correct_by if clock is not None else None
        by = f"于{_cn(correct_by)}前" if correct_by else "在补正期限内"
        return (
            f"请{by}按《补正告知书》写明的事项向本机关补正申请（条例第三十条）。无正当理由逾期不补正的，视为放弃申请。"
        )
    if state is State.AWAITING_PAYMENT:
        pay_by = clock.pay_by if clock is not None else None
        by = f"于{pay_by.label}前" if pay_by else "在收费通知规定的期限内"
        return f"请{by}按《信息处理费收费通知书》缴纳费用；逾期未缴纳的，视为放弃申请。"
    if state is State.CONSULTING:
        return "本机关正在征求第三方或其他机关的意见，所需时间不计入答复期限。您无需操作，请等待答复。"
    if state is State.CLOSED:
        return (
            "本机关已作出答复，请查看下方文书。如对答复不服，可依法投诉举报、申请行政复议或提起行政诉讼（见申请须知）。"
        )
    return "本机关正在办理您的申请，您无需操作，请在答复期限内等待答复。"
