"""An agency's letter settings, or the defaults for its level when none are saved."""

from __future__ import annotations

from gongkai.applications.letter_models import LetterSettings, SignerRole
from gongkai.core.letters.form import default_number_pattern
from gongkai.core.letters.remedies import county_of, default_court, default_review_body


def defaults(agency) -> dict:
    """行政复议机关 and court from the agency's level (行政复议法 2023 Art. 24; 行政诉讼法 Art. 18),
    the county read from the agency's or its supervising office's name."""
    supervisor = agency.supervisor.name if agency.supervisor_id else ""
    county = county_of(agency.name, supervisor)
    return {
        "review_body": default_review_body(agency.level, county),
        "court": default_court(agency.level, county),
        "payment_instructions": "",
        "number_pattern": default_number_pattern(agency.short_name or agency.name),
        "signer_role": SignerRole.REVIEWER.value,
        "electronic_seal": False,
    }


def letter_settings(agency) -> LetterSettings:
    """The saved settings, or an unsaved instance with the defaults."""
    saved = LetterSettings.objects.filter(agency=agency).first()
    return saved or LetterSettings(agency=agency, **defaults(agency))


def payment_text(settings: LetterSettings, agency) -> str:
    """How and where to pay; without a setting, the agency's address and telephone (never blank)."""
    if settings.payment_instructions.strip():
        return settings.payment_instructions.strip()
    where = "，".join(x for x in (agency.address, f"联系电话：{agency.phone}" if agency.phone else "") if x)
    return (
        f"到{agency.name}（政府信息公开工作机构）缴纳" + (f"（{where}）" if where else "") + "，缴费时请注明申请编号。"
    )
