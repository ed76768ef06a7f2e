"""State transitions of applications: one function per mutation, each atomic and audited.

Every action checks its actor (`PermissionRefused`; None is the system), the transition with the
core table (`InvalidTransition`), its dates and inputs (`Refused`, a Chinese message), saves, and
writes the audit log in the same transaction. Views render refusals through
`gongkai.boundary.refusals` (400, or 403 for a permission).
"""

from gongkai.applications.actions.cases import record_review_case, update_review_case
from gongkai.applications.actions.closing import draft_lapse, lapse_correction, lapse_fee
from gongkai.applications.actions.decisions import decide, withdraw
from gongkai.applications.actions.fees import current_notice, record_payment, send_fee_notice
from gongkai.applications.actions.handling import (
    delay_reply,
    end_consultation,
    extend_deadline,
    open_consultations,
    receive_correction,
    request_correction,
    start_consultation,
)
from gongkai.applications.actions.intake import confirm_receipt, register_application, submit_online
from gongkai.applications.actions.ledger import import_ledger
from gongkai.applications.actions.letter_settings import save_letter_settings, save_letter_template
from gongkai.applications.actions.letters import draft_reply, sign_off_reply
from gongkai.applications.actions.service import attach_sealed_copy, record_service, serve_by_email
from gongkai.core.refusal import Refused

__all__ = [
    "Refused",
    "confirm_receipt",
    "current_notice",
    "decide",
    "delay_reply",
    "end_consultation",
    "extend_deadline",
    "import_ledger",
    "lapse_correction",
    "lapse_fee",
    "open_consultations",
    "receive_correction",
    "record_payment",
    "record_review_case",
    "register_application",
    "request_correction",
    "send_fee_notice",
    "start_consultation",
    "submit_online",
    "update_review_case",
    "withdraw",
    "attach_sealed_copy",
    "draft_lapse",
    "draft_reply",
    "sign_off_reply",
    "record_service",
    "serve_by_email",
    "save_letter_template",
    "save_letter_settings",
]
