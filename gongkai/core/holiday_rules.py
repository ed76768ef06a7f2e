"""The statutory holidays a year will have, computed from the law before the yearly notice exists.

《全国年节及纪念日放假办法》 fixes which days are 全体公民放假的节日; the State Council's yearly
notice (国务院办公厅) then moves days around them (调休) and sets the make-up workdays. For a year
without that notice the platform still knows every statutory holiday day, by the version of the
放假办法 in force that year:

- 国务院令第270号 (1999-09-18, 2000–2007): 元旦1; 春节3 (正月初一至初三); 劳动节3 (5/1–5/3);
  国庆3 (10/1–10/3).
- 国务院令第513号 (2007-12-14, 2008–2013): 元旦1; 春节3 (除夕、正月初一、初二); 清明1; 劳动节1;
  端午1; 中秋1; 国庆3.
- 国务院令第644号 (2013-12-11, 2014–2024): as 513号 but 春节 = 正月初一至初三.
- 国务院令第795号 (2024-11-10, from 2025-01-01): 元旦1; 春节4 (除夕、正月初一至初三); 清明1;
  劳动节2 (5/1–5/2); 端午1; 中秋1; 国庆3 — 13 days (regulation.md §6).

What stays unknown until the notice: the 调休 (bridging days and the make-up Saturdays/Sundays)
and where a holiday falling on a weekend is made up (补假, 放假办法 Art. 6). A provisional
calendar built from these days is therefore a *lower bound* of the true holidays: every day it
calls a holiday is one (the tests check this against the official data of 2008–2026).

Lunar dates come from `lunardate` (农历, 1900–2099); 清明 is the solar term computed by
`chinese_calendar.get_solar_terms` (1900–2100). Outside those ranges only the fixed-date
holidays are known.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache


@dataclass(frozen=True)
class HolidayRules:
    """One version of the 放假办法: which days of each festival are holidays."""

    basis: str
    in_force_from: int  # first year
    new_year_days: int = 1
    spring_festival_eve: bool = False  # 除夕
    spring_festival_days: int = 3  # from 正月初一
    qingming: bool = True
    labour_days: int = 1  # from 5/1
    dragon_boat: bool = True
    mid_autumn: bool = True
    national_days: int = 3  # from 10/1


RULES_HISTORY: tuple[HolidayRules, ...] = (
    HolidayRules(
        "国务院令第270号",
        2000,
        spring_festival_eve=False,
        qingming=False,
        labour_days=3,
        dragon_boat=False,
        mid_autumn=False,
    ),
    HolidayRules("国务院令第513号", 2008, spring_festival_eve=True, spring_festival_days=2),
    HolidayRules("国务院令第644号", 2014),
    HolidayRules("国务院令第795号", 2025, spring_festival_eve=True, labour_days=2),
)


def rules_for(year: int) -> HolidayRules:
    """The version of the 放假办法 in force in `year` (the earliest for years before 2000)."""
    current = RULES_HISTORY[0]
    for rules in RULES_HISTORY:
        if rules.in_force_from <= year:
            current = rules
    return current


def _lunar(year: int, month: int, day: int) -> date | None:
    from lunardate import LunarDate

    try:
        return LunarDate(year, month, day).to_solar_date()
    except ValueError:  # outside lunardate's range (1900–2099)
        return None


def _qingming(year: int) -> date | None:
    from chinese_calendar import get_solar_terms

    try:
        terms = get_solar_terms(date(year, 4, 1), date(year, 4, 30))
    except NotImplementedError:  # outside 1900–2100
        return None
    return next((day for day, name in terms if name == "清明"), None)


@lru_cache(maxsize=256)
def statutory_holidays(year: int) -> dict[date, str]:
    """Every statutory holiday day of `year` that the law fixes, with the festival's name.

    Days of a festival that fall into the neighbouring Gregorian year (a 除夕 on 31 December is
    impossible, but 春节 days are all in January–February) are returned under their own year only.
    """
    rules = rules_for(year)
    days: dict[date, str] = {}

    def add(first: date | None, count: int, name: str) -> None:
        if first is None:
            return
        for offset in range(count):
            day = first + timedelta(days=offset)
            if day.year == year:
                days[day] = name

    add(date(year, 1, 1), rules.new_year_days, "元旦")
    new_year = _lunar(year, 1, 1)
    if new_year is not None:
        first = new_year - timedelta(days=1) if rules.spring_festival_eve else new_year
        add(first, rules.spring_festival_days + (1 if rules.spring_festival_eve else 0), "春节")
    if rules.qingming:
        add(_qingming(year), 1, "清明节")
    add(date(year, 5, 1), rules.labour_days, "劳动节")
    if rules.dragon_boat:
        add(_lunar(year, 5, 5), 1, "端午节")
    if rules.mid_autumn:
        add(_lunar(year, 8, 15), 1, "中秋节")
    add(date(year, 10, 1), rules.national_days, "国庆节")
    return days
