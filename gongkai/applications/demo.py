"""Demo: the seed township's one 2024 application — from a 自然人, answered 予以公开 in time."""

from __future__ import annotations

from datetime import date

from gongkai.agencies.demo import demo_user, township
from gongkai.applications import actions
from gongkai.applications.models import Application
from gongkai.core.identifiers import resident_id_check_character

DEMO_ID_FIRST17 = "11010519800101001"


def load(stdout=None) -> None:
    agency = township()
    if Application.objects.filter(agency=agency, year=2024).exists():
        if stdout:
            stdout.write("demo: applications already loaded\n")
        return
    handler = demo_user("jingban")
    today = date(2024, 12, 31)
    application, _ = actions.register_application(
        agency=agency, actor=handler, channel="in_person", submitted_on=date(2024, 5, 13), today=today,
        data={"applicant_type": "natural_person", "name": "刘示例", "id_type": "resident_id",
              "id_number": DEMO_ID_FIRST17 + resident_id_check_character(DEMO_ID_FIRST17),
              "phone": "13800000000", "address": "车辋镇示例村", "information": "2023年度本村农田水利工程建设项目的资金使用情况",
              "provision_form": "paper", "delivery": "pickup"})
    actions.decide(application=application, actor=handler, on=date(2024, 5, 27), outcome_id="granted",
                   content="所申请信息予以公开", today=today, signed_by=demo_user("shenhe"),
                   served_on=date(2024, 5, 28), service_method="in_person",
                   details={"provision_way": "当面领取纸质复印件",
                            "provision_place": "车辋镇人民政府党政办公室",
                            "provision_time": "2024年5月28日起工作日上午9时至12时、下午2时至5时"})
    if stdout:
        stdout.write(f"demo: application {application.number} (予以公开)\n")
