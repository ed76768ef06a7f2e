"""Default letter templates and the placeholders each kind may use.

A template is plain text with `$placeholders` (Python `string.Template`). Values are filled by the
platform; the decision, remedies, payment and lapse paragraphs are computed (see `decisions`,
`remedies`), so an agency edits the frame of the letter, not the law it cites.
"""

from __future__ import annotations

COMMON = {
    "applicant": "申请人姓名或名称",
    "number": "申请编号",
    "received_on": "收到申请日期",
    "information": "所需信息的名称或描述",
    "agency": "本机关名称",
    "issued_on": "发文日期",
    "letter_number": "文号",
}

BY_KIND = {
    "reply": {"decision": "答复内容（按办理结果生成）", "remedies": "救济途径（复议机关和法院）"},
    "correction": {"content": "需补正的事项", "deadline": "补正期限"},
    "extension": {"content": "延期理由", "days": "延长的工作日数", "due_on": "延长后的答复期限"},
    "consultation": {"third_party": "被征求意见的第三方或机关", "content": "征求意见事项", "deadline": "答复期限"},
    "consultation_agency": {"third_party": "被征求意见的机关", "content": "征求意见事项", "deadline": "答复期限"},
    "disclosure_notice": {
        "third_party": "第三方",
        "content": "决定公开的内容",
        "reason": "公开的理由（公共利益）",
        "remedies": "救济途径",
    },
    "delayed_reply": {"content": "说明", "until": "延迟答复的期限"},
    "lapse_correction": {
        "notice_on": "补正告知书发文日期",
        "notice_number": "补正告知书文号（带括号）",
        "served_on": "补正告知书送达日期",
        "deadline": "补正期限",
        "remedies": "救济途径",
    },
    "lapse_fee": {
        "notice_on": "收费通知书发文日期",
        "notice_number": "收费通知书文号（带括号）",
        "served_on": "收费通知书送达日期",
        "amount": "收费金额（元）",
        "deadline": "缴费期限",
        "remedies": "救济途径",
    },
    "fee": {
        "basis": "收费依据",
        "standard": "计收标准",
        "amount": "收费金额（元）",
        "deadline": "缴费期限",
        "payment": "缴费方式和地点",
        "lapse": "逾期未缴费的后果",
        "remedies": "救济途径",
    },
}


# What a template of each kind must keep: the parts the law requires the letter to state.
REQUIRED = {
    "reply": ("decision", "remedies"),  # 条例 Art. 36; 行政复议法 Art. 23 (救济途径)
    "correction": ("content", "deadline"),  # 条例 Art. 30: what to correct, by when
    "extension": ("days", "due_on"),  # 条例 Art. 33
    "consultation": ("content", "deadline"),  # 条例 Art. 32
    "consultation_agency": ("content", "deadline"),  # 条例 Art. 34
    "disclosure_notice": ("content", "reason", "remedies"),  # 条例 Art. 32
    "delayed_reply": ("until",),  # 条例 Art. 35
    "fee": ("basis", "standard", "amount", "payment", "deadline", "lapse"),  # 109号
    "lapse_correction": ("notice_on", "deadline", "remedies"),  # 条例 Art. 30; 行政复议法 Art. 23
    "lapse_fee": ("notice_on", "amount", "deadline", "remedies"),  # 条例 Art. 42; 109号
}


def missing_required(kind: str, names) -> list[str]:
    return [name for name in REQUIRED[kind] if name not in set(names)]


def allowed(kind: str) -> dict[str, str]:
    """{placeholder: meaning} for a letter kind."""
    return COMMON | BY_KIND[kind]


REG = "《中华人民共和国政府信息公开条例》"

DEFAULTS = {
    "reply": (
        "$applicant：\n"
        "本机关于$received_on收到您（单位）提出的政府信息公开申请（申请编号：$number），"
        "申请获取“$information”。现答复如下：\n"
        "$decision\n"
        "$remedies"
    ),
    "correction": (
        "$applicant：\n"
        "本机关于$received_on收到您（单位）提出的政府信息公开申请（申请编号：$number）。"
        f"经审查，申请内容不明确。根据{REG}第三十条的规定，现一次性告知您对以下内容作出补正：\n"
        "$content\n"
        "请于$deadline前补正。答复期限自本机关收到补正后的申请之日起计算。"
        "无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。"
    ),
    "extension": (
        "$applicant：\n"
        "本机关于$received_on收到您（单位）提出的政府信息公开申请（申请编号：$number）。"
        f"因$content，不能在规定期限内作出答复。根据{REG}第三十三条第二款的规定，"
        "经本机关政府信息公开工作机构负责人同意，答复期限延长$days个工作日，本机关将于$due_on前作出答复。"
    ),
    "consultation": (
        "$third_party：\n"
        "本机关收到政府信息公开申请（申请编号：$number），申请获取“$information”。"
        f"该信息公开可能损害你方合法权益，根据{REG}第三十二条的规定，现书面征求你方意见。\n"
        "$content\n"
        "请于收到本征求意见书之日起15个工作日内（$deadline前）书面提出意见。"
        "逾期未提出意见的，由本机关依照条例的规定决定是否公开。"
    ),
    "consultation_agency": (
        "$third_party：\n"
        "本机关收到政府信息公开申请（申请编号：$number），申请获取“$information”。"
        f"该信息由本机关与你单位共同制作，根据{REG}第三十四条的规定，现征求你单位意见。\n"
        "$content\n"
        "请于收到本函之日起15个工作日内（$deadline前）书面提出意见。逾期未提出意见的，视为同意公开。"
    ),
    "disclosure_notice": (
        "$third_party：\n"
        "本机关就政府信息公开申请（申请编号：$number）所涉信息书面征求了你方意见，你方不同意公开。"
        f"经审查，本机关认为不公开可能对公共利益造成重大影响，根据{REG}第十五条、第三十二条的规定，决定予以公开。\n"
        "决定公开的内容：$content\n"
        "公开的理由：$reason\n"
        "$remedies"
    ),
    "delayed_reply": (
        "$applicant：\n"
        "本机关于$received_on收到您（单位）提出的政府信息公开申请（申请编号：$number）。"
        "您申请公开政府信息的数量、频次明显超过合理范围，本机关已要求您说明理由。经审查，您说明的理由合理，"
        f"但本机关无法在{REG}第三十三条规定的期限内答复。根据{REG}第三十五条的规定，"
        "本机关确定延迟答复的合理期限，将于$until前作出答复。\n"
        "$content"
    ),
    "fee": (
        "$applicant：\n"
        "本机关于$received_on收到您（单位）提出的政府信息公开申请（申请编号：$number）。"
        f"根据{REG}第四十二条和$basis的规定，应收取信息处理费：\n"
        "计收标准：$standard\n"
        "收费金额：人民币$amount元。\n"
        "缴费方式和地点：$payment\n"
        "请于$deadline前缴纳。$lapse答复期限自本机关收到费用之日起继续计算。\n"
        "$remedies"
    ),
    # 条例 Art. 30: 视为放弃申请 after no correction; the applicant may apply again.
    "lapse_correction": (
        "$applicant：\n"
        "本机关于$received_on收到您（单位）提出的政府信息公开申请（申请编号：$number），申请获取“$information”。"
        f"因申请内容不明确，本机关根据{REG}第三十条的规定，于$notice_on作出补正告知书$notice_number，"
        "于$served_on送达您，一次性告知需要补正的事项，补正期限至$deadline。"
        "补正期限已经届满，您未补正申请，也未说明正当理由。\n"
        f"根据{REG}第三十条的规定，申请人无正当理由逾期不补正的，视为放弃申请。"
        "本机关不再处理您的该项政府信息公开申请。\n"
        "您如仍需要获取上述政府信息，可以重新向本机关提出政府信息公开申请。\n"
        "$remedies"
    ),
    # 条例 Art. 42 and 国办函〔2020〕109号: unpaid fee → 视为放弃申请.
    "lapse_fee": (
        "$applicant：\n"
        "本机关于$received_on收到您（单位）提出的政府信息公开申请（申请编号：$number），申请获取“$information”。"
        f"根据{REG}第四十二条和《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）的规定，"
        "本机关于$notice_on作出信息处理费收费通知书$notice_number，于$served_on送达您，"
        "告知您应缴纳信息处理费人民币$amount元，缴费期限至$deadline。"
        "缴费期限已经届满，您未按照收费通知的要求缴纳费用。\n"
        "根据《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）的规定，"
        "申请人逾期未按收费通知要求缴纳费用的，视为放弃申请。本机关不再处理您的该项政府信息公开申请。\n"
        "您如仍需要获取上述政府信息，可以重新向本机关提出政府信息公开申请。\n"
        "$remedies"
    ),
}

LAPSE = "逾期未缴纳的，视为放弃申请，本机关不再处理该政府信息公开申请。"
