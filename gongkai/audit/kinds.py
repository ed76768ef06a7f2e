"""Audit entry kinds: a registry of codes, each with the Chinese label staff pages show.

The code (e.g. ``catalog.version.approved``) is what `gongkai.audit.record(kind=...)` stores and
what JSON/logs carry; users only ever see the label (「审核通过」). Every kind recorded anywhere in
the code must be registered here (a test scans the sources for them); an app that adds a kind adds
one line to `KINDS` below, or calls `register()` from its own module at import time.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class AuditKind:
    code: str
    label: str


_REGISTRY: dict[str, AuditKind] = {}

UNKNOWN_LABEL = "其他操作"


def register(code: str, label: str) -> str:
    """Register `code` with its Chinese `label`; returns the code (so modules can keep a constant).

    Registering the same code twice with a different label is a programming error.
    """
    existing = _REGISTRY.get(code)
    if existing is not None and existing.label != label:
        raise ValueError(f"audit kind {code!r} already registered as {existing.label!r}")
    if not label or not label.strip():
        raise ValueError(f"audit kind {code!r} needs a Chinese label")
    _REGISTRY[code] = AuditKind(code, label)
    return code


def is_registered(code: str) -> bool:
    return code in _REGISTRY


def label(code: str) -> str:
    """The Chinese label of `code`; unknown codes get a neutral label, never the code itself."""
    kind = _REGISTRY.get(code)
    return kind.label if kind else UNKNOWN_LABEL


def all_kinds() -> list[AuditKind]:
    return sorted(_REGISTRY.values(), key=lambda k: k.code)


KINDS = {
    # agencies
    "agency.updated": "修改机构信息",
    # applications (依申请公开)
    "applications.submitted_online": "网上提交申请",
    "applications.registered": "登记申请",
    "applications.receipt_confirmed": "确认接收申请",
    "applications.correction_requested": "发出补正告知",
    "applications.correction_received": "收到补正材料",
    "applications.correction_lapsed": "补正期满未补正，签发视为放弃申请告知书",
    "applications.consultation_started": "征求第三方意见",
    "applications.consultation_ended": "第三方意见征询结束",
    "applications.extended": "延长答复期限",
    "applications.fee_notice_sent": "发出收费通知",
    "applications.fee_paid": "登记缴纳信息处理费",
    "applications.fee_lapsed": "逾期未缴费，签发视为放弃申请告知书",
    "applications.decided": "作出答复",
    "applications.withdrawn": "申请人撤回申请",
    "applications.review_case_recorded": "登记行政复议或诉讼",
    "applications.review_case_updated": "更新行政复议或诉讼结果",
    "applications.letter_template_saved": "保存文书模板",
    "applications.ledger_imported": "导入申请台账",
    "applications.reminder_sent": "发送答复期限提醒邮件",
    # holidays (节假日安排)
    "calendar.year_entered": "录入节假日安排",
    "calendar.year_proposed": "提交节假日安排（待确认）",
    "calendar.proposal_returned": "退回节假日安排",
    # portal (网站设置)
    "portal.site_settings.updated": "修改网站设置",
    # catalog (主动公开)
    "catalog.column.added": "新增栏目",
    "catalog.column.updated": "修改栏目",
    "catalog.settings.updated": "修改公开设置",
    "catalog.imported": "导入公开目录",
    "catalog.item.created": "新建信息",
    "catalog.item.published": "发布信息",
    "catalog.item.amendment_started": "开始修订已发布信息",
    "catalog.item.retired": "标记失效或废止",
    "catalog.item.retirement_requested": "提交失效或废止审核",
    "catalog.item.retirement_rejected": "退回失效或废止申请",
    "catalog.item.interpretation_linked": "关联政策解读",
    "catalog.version.edited": "修改草稿",
    "catalog.version.attachments_added": "添加附件",
    "catalog.version.submitted": "提交审核",
    "catalog.version.approved": "审核通过",
    "catalog.version.rejected": "退回修改",
    "catalog.screening.resolved": "处理保密审查命中",
    # oversight (监督检查、整改)
    "oversight.inspection.run": "开展检查",
    "oversight.rectification.issued": "下发整改通知",
    "oversight.rectification.submitted": "提交整改情况",
    "oversight.rectification.accepted": "整改验收通过",
    "oversight.rectification.returned": "退回整改",
    # reports (年度报告)
    "report.drafted": "起草年度报告",
    "report.refreshed": "按最新数据刷新报告",
    "report.sections_edited": "编辑报告正文",
    "report.statistics_saved": "保存统计数据",
    "report.suggestion_added": "添加修改建议",
    "report.submitted": "提交报告审核",
    "report.rejected": "退回报告",
    "report.superseded": "被更正版本取代",
    "report.published": "发布年度报告",
    # staff desk (工作台)
    "desk.digest_sent": "发送每日待办邮件",
    "applications.reply_drafted": "拟写答复告知书",
    "applications.letter_served": "登记文书送达",
    "applications.letter_emailed": "电子邮件送达文书",
    "applications.sealed_scan_attached": "上传加盖印章的文书",
    "applications.lapse_drafted": "拟写视为放弃申请告知书",
    "applications.letter_settings_saved": "保存文书设置",
    "applications.ledger.exported_unmasked": "导出未遮蔽个人信息的台账",
    "applications.personal_data.erased": "按保存期限删除申请人个人信息",
    "catalog.attachment.pages_checked": "附件扫描页已人工核对",
    "security.policy.two_factor_changed": "修改双因素登录要求",
    "security.two_factor.enrolled": "启用双因素登录",
}

for _code, _label in KINDS.items():
    register(_code, _label)
