"""Periodic job: the weekly inspection (按周开展政府网站更新情况检查, seed report 一.5), once per ISO week."""

from gongkai.oversight.actions import run_weekly_inspections

JOBS = [("oversight.weekly_inspection", run_weekly_inspections)]
