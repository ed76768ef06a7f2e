"""Demo: the township's 2024 annual report, built from its 2024 data and published in January 2025.

The 2024 section 二 inputs (行政许可/处罚/强制, 行政事业性收费) are entered and confirmed as 0.
The narrative of sections 五 and 六 is the seed report's; section 一 is the platform's draft, which
states the catalog counts (领导信息1条、职责信息1条、镇街动态共62条) and the one application, with
the seed's wording where the draft asks a person to write (信息管理、平台建设、监督保障) and a
clearly-marked sample statement of 条例 第五十条第（四）项.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from django.db import transaction

from gongkai.agencies.demo import demo_user, township
from gongkai.core.report.model import Report
from gongkai.reports import actions, narrative
from gongkai.reports.build import unconfirmed_cells
from gongkai.reports.selectors import published_report

PROBLEMS_2024 = """存在的问题：

政策解读质量有待提高。未严格按照政策背景、出台目的、起草过程、工作任务、创新举措等要素对相关政策进行实质性解读，文件解读形式单一。公开工作人员力量薄弱，日常事务繁多，政务公开平台信息收集、审核和发布任务较重，逐渐凸显人力不足等问题，易造成工作衔接不畅。

整改措施：

1、提升工作能力。深入学习《中华人民共和国政府信息公开条例》，积极参加政务公开培训活动，进一步提高对政务公开重要性及政务公开业务知识的理解和认识，强化工作人员责任意识与业务能力。

2、做好日常管理。严格落实上级单位对政务公开工作的各项要求，结合自查与第三方评测结果，及时对发现问题进行整改，持续提升政务公开工作水平。

3、提升解读实效。在及时解读出台文件的基础上，丰富解读形式，提高解读质量，力争政策解读实效有新提升。"""

TASKS_2024 = (
    "严格落实上级政务公开工作要点，常态化做好政府信息发布更新，进一步规范工作制度和流程，"
    "持续强化主动公开力度，充分发挥现有公开渠道优点，做好舆论保障，建成系统、规范的政务公开机制，"
    "圆满地完成了本年度政务公开工作任务。"
)

MANAGEMENT_2024 = (
    "我镇深入贯彻执行政府信息发布审核制度，安排专职人员对信息平台实施管理，"
    "按照“先审查，后公开”“一事一审”原则开展保密审查。"
)
PLATFORM_2024 = "我镇严格落实上级要求，及时调整、完善政府信息公开目录，及时更新发生变化或失效的公开政府信息。"
SUPERVISION_2024 = (
    "根据人事变动及时调整政务公开工作队伍；按周开展政府网站更新情况检查整改，及时通报问题。"
    "工作考核、社会评议和责任追究结果情况：（演示样例）2024年度政务公开工作纳入镇年度工作考核，"
    "未收到社会评议中涉及政务公开的负面意见，未发生政务公开责任追究情况。"
)

PUBLISHED_AT = datetime(2025, 1, 20, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


@transaction.atomic
def load(stdout=None) -> None:
    agency = township()
    handler, reviewer = demo_user("jingban"), demo_user("shenhe")
    if unconfirmed_cells(agency, 2024):  # entered and confirmed as 0, even in an older demo database
        actions.save_yearly_statistics(
            agency=agency,
            actor=handler,
            note="演示数据：2024年度无此类事项",
            confirm_zero=True,
            rows=[
                {
                    "year": 2024,
                    "licensing_decisions": 0,
                    "penalty_decisions": 0,
                    "coercion_decisions": 0,
                    "fees_amount_wan_yuan": 0,
                }
            ],
        )
    if published_report(agency, 2024):
        return
    today = PUBLISHED_AT.date()
    row = actions.create_report_draft(agency=agency, year=2024, actor=handler, today=today)
    sections = dict(Report.from_json(row.data).sections)
    sections["problems"] = PROBLEMS_2024
    sections["overview"] = (
        sections["overview"]
        .replace("（请填写政府信息管理工作情况。）", MANAGEMENT_2024)
        .replace("（请填写政府信息公开平台建设情况。）", PLATFORM_2024)
        .replace(narrative.ART_50_4_PROMPT, SUPERVISION_2024)
    )
    sections["other"] = sections["other"].replace("（请填写。）", TASKS_2024, 1).replace("（请填写。）", "无。")
    row = actions.update_sections(row=row, actor=handler, sections=sections)
    row = actions.submit_report(row=row, actor=handler, today=today)
    actions.approve_and_publish(row=row, actor=reviewer, today=today, opinion="经保密审查，同意公开", now=PUBLISHED_AT)
    if stdout:
        stdout.write("demo: 车辋镇人民政府2024年度报告已公开\n")
