"""Valid applicant data and applications in a given state, made through the actions."""

from datetime import date

from gongkai.applications import actions
from gongkai.core.identifiers import resident_id_check_character, uscc_check_character

ID17 = "11010519800101001"
VALID_ID = ID17 + resident_id_check_character(ID17)
USCC17 = "91110000123456789"
VALID_USCC = USCC17 + uscc_check_character(USCC17)


def person(**extra):
    data = {
        "applicant_type": "natural_person",
        "name": "张三",
        "id_type": "resident_id",
        "id_number": VALID_ID,
        "phone": "13800000000",
        "email": "zhangsan@example.com",
        "information": "某村2023年道路建设资金",
        "provision_form": "paper",
        "delivery": "post",
    }
    data.update(extra)
    return data


def company(**extra):
    data = {
        "applicant_type": "commercial_enterprise",
        "name": "某某有限公司",
        "credit_code": VALID_USCC,
        "legal_representative": "李四",
        "contact_person": "王五",
        "phone": "010-1234567",
        "email": "wangwu@example.com",
        "information": "某项目环评批复",
        "provision_form": "electronic",
        "delivery": "email",
    }
    data.update(extra)
    return data


def registered(agency, actor, received_on: date, data=None, today=None):
    from django.utils import timezone

    today = today or timezone.localdate()
    application, code = actions.register_application(
        agency=agency, actor=actor, data=data or person(), channel="in_person", submitted_on=received_on, today=today
    )
    return application


def signer_for(agency):
    """A 审核人 of `agency` who signs reply letters off (four eyes: never the drafter)."""
    from django.contrib.auth import get_user_model

    from gongkai.agencies.models import Membership, Role

    user, _ = get_user_model().objects.get_or_create(username=f"signer-{agency.pk}", defaults={"first_name": "签发"})
    Membership.objects.get_or_create(user=user, agency=agency, role=Role.REVIEWER)
    user.__dict__.pop("_gongkai_roles", None)
    return user


def decided(agency, actor, received_on, decided_on, outcome="granted", data=None, today=date(2026, 1, 31)):
    application = registered(agency, actor, received_on, data, today)
    return actions.decide(
        application=application,
        actor=actor,
        on=decided_on,
        outcome_id=outcome,
        content="答复内容",
        served_on=decided_on,
        service_method="post",
        today=today,
        signed_by=signer_for(agency),
    )


def sealed_pdf(pages: int = 1) -> bytes:
    """A real PDF standing for the sealed copy of a letter (a scan, or the GB/T 38540 PDF from the
    agency's seal system): every call gives different bytes, so a test can tell which was sent."""
    import io
    import uuid

    import pypdfium2 as pdfium

    document = pdfium.PdfDocument.new()
    for _ in range(pages):
        document.new_page(595, 842)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue() + f"\n% {uuid.uuid4().hex}\n".encode()


# The e-mail leaves at the real present (not the tests' 2025 "today"); a 补正期限 must lie after it
# or the send is refused (条例 Art. 30, notifications._send).
SENT_BEFORE_DEADLINE = date(2099, 12, 31)


def ask_correction_by_email(a, handler, *, correct_by=SENT_BEFORE_DEADLINE, served_on=None, content="请写明年份"):
    """A 补正告知书 asked on 2025-03-05, to be served by e-mail."""
    return actions.request_correction(
        application=a,
        actor=handler,
        on=date(2025, 3, 5),
        served_on=served_on,
        service_method="email",
        correct_by=correct_by,
        content=content,
        today=date(2025, 3, 5),
    )
