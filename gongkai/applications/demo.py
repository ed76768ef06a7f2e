"""Demo: the seed township's one 2024 application — from a 自然人, answered 予以公开 in time."""

from __future__ import annotations

from datetime import date

from gongkai.agencies.demo import demo_user, township
from gongkai.applications import actions
from gongkai.applications.letter_models import LetterSettings
from gongkai.applications.letters.config import defaults
from gongkai.applications.models import Application
from gongkai.core.identifiers import resident_id_check_character

DEMO_ID_FIRST17 = "11010519800101001"


def _letter_settings(agency) -> None:
    """Sample letter settings (clearly marked 示例): 复议机关 and court by the level default."""

    if LetterSettings.objects.filter(agency=agency).exists():
        return
    values = defaults(agency) | {
        "payment_instructions": "（示例）到车辋镇人民政府党政办公室现场缴纳，或转账至户名：车辋镇财政所，"
        "开户行：示例银行车辋支行，账号：0000000000000000（请注明申请编号）。",
        "number_pattern": "车政信复〔{year}〕{seq}号",
    }
    actions.save_letter_settings(agency=agency, actor=demo_user("guanli"), **values)


def load(stdout=None) -> None:
    agency = township()
    _letter_settings(agency)
    if Application.objects.filter(agency=agency, year=2024).exists():
        if stdout:
            stdout.write("demo: applications already loaded\n")
        return
    handler = demo_user("jingban")
    today = date(2024, 12, 31)
    application, _ = actions.register_application(
        agency=agency,
        actor=handler,
        channel="in_person",
        submitted_on=date(2024, 5, 13),
        today=today,
        data={
            "applicant_type": "natural_person",
            "name": "刘示例",
            "id_type": "resident_id",
            "id_number": DEMO_ID_FIRST17 + resident_id_check_character(DEMO_ID_FIRST17),
            "phone": "13800000000",
            "address": "车辋镇示例村",
            "information": "2023年度本村农田水利工程建设项目的资金使用情况",
            "provision_form": "paper",
            "delivery": "pickup",
        },
    )
    actions.decide(
        application=application,
        actor=handler,
        on=date(2024, 5, 27),
        outcome_id="granted",
        content="所申请信息予以公开",
        today=today,
        signed_by=demo_user("shenhe"),
        served_on=date(2024, 5, 28),
        service_method="in_person",
        details={
            "provision_way": "当面领取纸质复印件",
            "provision_place": "车辋镇人民政府党政办公室",
            "provision_time": "2024年5月28日起工作日上午9时至12时、下午2时至5时",
        },
    )
    if stdout:
        stdout.write(f"demo: application {application.number} (予以公开)\n")
