"""What the application page shows about the closing letter (reply or 视为放弃申请告知书): the draft,
who may sign, 送达 (the sealed copy that e-mail service sends), notices."""

from __future__ import annotations

from gongkai.applications import forms as f
from gongkai.applications.actions.letters import may_sign
from gongkai.applications.letter_models import SignerRole
from gongkai.applications.letters import letter_settings, seal_kind_of
from gongkai.applications.models import LetterState, ServiceMethod


def reply_context(user, application, draft, today) -> dict:
    if application.is_closed:  # a draft left when the application closed otherwise is moot
        draft = None
    settings = letter_settings(application.agency)
    unserved = list(
        application.letters.filter(
            state=LetterState.ISSUED, for_applicant=True, served_on__isnull=True, emailed_at__isnull=True
        ).exclude(service_method=ServiceMethod.EMAIL)
    )
    return {
        "reply_draft": draft,
        "may_sign": bool(draft) and may_sign(user, draft, settings),
        "signer_label": "机构管理员" if settings.signer_role == SignerRole.ADMIN else "审核人或机构管理员",
        "sign_form": f.SignForm(initial={"on": today}),
        "unserved_letters": unserved,
        "service_form": f.ServiceForm(initial={"served_on": today}),
        "notifications": application.notifications.all(),
        "letter_settings_obj": settings,
        "seal_default": seal_kind_of(application.agency),
    }
