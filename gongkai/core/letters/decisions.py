"""The decision paragraph of a reply letter, per outcome, in legal language.

Each of the 21 national outcome categories (`gongkai.core.outcomes`) has its own wording here,
built from the fields that outcome needs (`fields_for`). The statistics row label
("4.保护第三方合法权益", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）") is a
counting category, never the text of a letter.

`problems(outcome_id, details)` -> {field: Chinese reason}; `paragraphs(outcome_id, details)` ->
the paragraphs of the decision (call only when `problems` is empty).
"""

from __future__ import annotations

from dataclasses import dataclass

from gongkai.core import outcomes

REG = "《中华人民共和国政府信息公开条例》"  # 国务院令第711号


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    help: str = ""
    choices: tuple[tuple[str, str], ...] = ()
    required: bool = True


# Fields shared by the outcomes that provide information (条例 Art. 36(一)(二), Art. 37).
PROVISION = (
    Field("provision_way", "提供方式", "如：邮寄纸质复印件、发送电子文档、当面领取、网上查阅"),
    Field("provision_place", "获取地点", "如：车辋镇人民政府党政办公室（车辋镇府前路1号）；邮寄的写明邮寄地址"),
    Field("provision_time", "获取时间", "如：2024年6月3日至6月14日工作日上午9时至12时"),
)

WITHHELD_GROUNDS = (
    ("withheld.state_secret", "属于依法确定的国家秘密（条例第十四条）"),
    ("withheld.prohibited_by_law", "法律、行政法规禁止公开（条例第十四条）"),
    ("withheld.three_safeties_one_stability", "公开后可能危及国家安全、公共安全、经济安全、社会稳定（条例第十四条）"),
    ("withheld.third_party_rights", "涉及商业秘密、个人隐私等，公开会损害第三方合法权益（条例第十五条）"),
    ("withheld.internal_affairs", "属于内部事务信息（条例第十六条第一款）"),
    ("withheld.process_information", "属于过程性信息（条例第十六条第二款）"),
    ("withheld.enforcement_files", "属于行政执法案卷信息（条例第十六条第二款）"),
)

REASON = Field("reason", "具体理由", "结合所申请信息写明理由，不要只写法条")
LAW = Field("law_basis", "禁止公开的法律、行政法规及条款", "如：《中华人民共和国统计法》第三十九条")
NOT_HELD_BASIS = Field(
    "not_held_basis",
    "情形",
    choices=(
        ("not_exist", "经检索没有所申请公开的信息（条例第三十六条第（四）项）"),
        ("other_agency", "不属于本机关负责公开（条例第三十六条第（五）项）"),
    ),
)
RESPONSIBLE = (
    Field("responsible_agency", "负责公开的机关", required=False),
    Field("responsible_contact", "该机关的联系方式", "电话、地址或网址", required=False),
    Field("responsible_unknown", "经检索无法确定负责公开的机关", choices=(("yes", "是"),), required=False),
)

FIELDS: dict[str, tuple[Field, ...]] = {
    "granted": PROVISION
    + (
        Field(
            "published_at",
            "已主动公开的位置（已主动公开时填写）",
            "如：车辋镇人民政府门户网站“财政资金”栏目",
            required=False,
        ),
    ),
    "partially_granted": (
        Field("withheld_part", "不予公开的部分", "如：第3页至第5页中的个人身份证号码和银行账号"),
        Field("withheld_ground", "不予公开的理由类别", choices=WITHHELD_GROUNDS),
        REASON,
    )
    + PROVISION,
    "withheld.state_secret": (REASON,),
    "withheld.prohibited_by_law": (LAW, REASON),
    "withheld.three_safeties_one_stability": (REASON,),
    "withheld.third_party_rights": (REASON,),
    "withheld.internal_affairs": (REASON,),
    "withheld.process_information": (REASON,),
    "withheld.enforcement_files": (REASON,),
    "withheld.inquiry_matters": (
        Field("query_channel", "查询渠道", "如：到车辋镇便民服务中心窗口凭本人身份证件查询"),
        REASON,
    ),
    "unavailable.not_held": (NOT_HELD_BASIS, Field("search_done", "检索情况", "写明检索的范围和方式")) + RESPONSIBLE,
    "unavailable.needs_creation": (REASON,),
    "unavailable.unclear_after_correction": (REASON,),
    "not_processed.petition_complaint": (
        Field("proper_channel", "应当提出的渠道", "如：向车辋镇信访办提出（地址、电话）"),
    ),
    "not_processed.duplicate": (
        Field("earlier_reply", "此前的答复", "如：本机关已于2024年3月4日以车政信复〔2024〕3号作出答复"),
    ),
    "not_processed.publication": (
        Field("where_to_obtain", "获取该出版物的途径", "如：《某县人民政府公报》2024年第1期，可在县图书馆查阅"),
    ),
    "not_processed.excessive": (Field("reason", "数量、频次明显超过合理范围的情况及要求说明理由的经过"),),
    "not_processed.confirm_or_reissue": (REASON,),
    "other.no_correction": (),
    "other.unpaid_fee": (),
    "other.other": (REASON,),
}
assert set(FIELDS) == set(outcomes.OUTCOME_IDS), "every outcome needs its letter fields"

ALL_FIELDS: dict[str, Field] = {f.name: f for fields in FIELDS.values() for f in fields}


def fields_for(outcome_id: str) -> tuple[Field, ...]:
    return FIELDS[outcome_id]


def _text(details: dict, name: str) -> str:
    return str(details.get(name) or "").strip()


def problems(outcome_id: str, details: dict) -> dict[str, str]:
    """{field: Chinese reason} for what the outcome's letter lacks (empty when complete)."""
    if outcome_id not in FIELDS:
        return {"outcome": "请选择一项办理结果（全国统一的办理结果分类）"}
    found: dict[str, str] = {}
    for field in FIELDS[outcome_id]:
        value = _text(details, field.name)
        if field.required and not value:
            found[field.name] = f"请填写{field.label}"
        elif value and field.choices and value not in {c for c, _ in field.choices}:
            found[field.name] = f"请从列表中选择{field.label}"
    if outcome_id == "unavailable.not_held" and _text(details, "not_held_basis") == "other_agency":
        # 条例 Art. 36(五): name the responsible agency and its contact "能够确定的".
        unknown = _text(details, "responsible_unknown") == "yes"
        agency, contact = _text(details, "responsible_agency"), _text(details, "responsible_contact")
        if unknown and (agency or contact):
            found["responsible_unknown"] = "已填写负责公开的机关，不能同时选择“经检索无法确定”"
        elif not unknown and not agency:
            found["responsible_agency"] = (
                "请填写负责公开该信息的机关及其联系方式，或者选择“经检索无法确定”（条例第三十六条第（五）项）"
            )
        elif not unknown and not contact:
            found["responsible_contact"] = "请填写负责公开该信息的机关的联系方式（条例第三十六条第（五）项）"
    return found


def _provision(details: dict) -> str:
    return (
        f"提供方式：{_text(details, 'provision_way')}；获取地点：{_text(details, 'provision_place')}；"
        f"获取时间：{_text(details, 'provision_time')}。"
    )


_WITHHELD = {
    "withheld.state_secret": ("经审查，您申请公开的信息属于依法确定为国家秘密的政府信息", "第十四条"),
    "withheld.prohibited_by_law": ("经审查，您申请公开的信息属于法律、行政法规禁止公开的政府信息", "第十四条"),
    "withheld.three_safeties_one_stability": (
        "经审查，您申请公开的信息公开后可能危及国家安全、公共安全、经济安全、社会稳定",
        "第十四条",
    ),
    "withheld.third_party_rights": (
        "经审查，您申请公开的信息涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害",
        "第十五条",
    ),
    "withheld.internal_affairs": (
        "经审查，您申请公开的信息属于人事管理、后勤管理、内部工作流程等方面的内部事务信息",
        "第十六条第一款",
    ),
    "withheld.process_information": (
        "经审查，您申请公开的信息属于行政机关在履行行政管理职能过程中形成的讨论记录、过程稿、"
        "磋商信函、请示报告等过程性信息",
        "第十六条第二款",
    ),
    "withheld.enforcement_files": ("经审查，您申请公开的信息属于行政执法案卷信息", "第十六条第二款"),
}


def withheld_reason_sentence(ground: str, details: dict) -> str:
    """One ground of 不予公开 with its article: the reason the law gives and the agency's own."""
    statement, article = _WITHHELD[ground]
    law = f"（{_text(details, 'law_basis')}）" if ground == "withheld.prohibited_by_law" else ""
    return (
        f"{statement}{law}。具体理由：{_text(details, 'reason').rstrip('。')}。"
        f"根据{REG}{article}、第三十六条第（三）项的规定，"
    )


def paragraphs(outcome_id: str, details: dict) -> list[str]:
    """The decision paragraphs of the reply letter for `outcome_id` (fields complete)."""
    d = details
    if outcome_id == "granted":
        if _text(d, "published_at"):  # Art. 36(一)
            return [
                f"经审查，您申请公开的信息本机关已经主动公开，公开位置为：{_text(d, 'published_at').rstrip('。')}。"
                f"根据{REG}第三十六条第（一）项的规定，现告知您获取该政府信息的方式和途径：" + _provision(d)
            ]
        return [
            f"经审查，您申请公开的信息属于可以公开的政府信息。根据{REG}第三十六条第（二）项的规定，"
            "本机关决定予以公开，现告知您获取该政府信息的方式、途径和时间：" + _provision(d)
        ]
    if outcome_id == "partially_granted":
        return [
            f"经审查，您申请公开的信息中含有不应当公开的内容，但是能够作区分处理。根据{REG}第三十七条的规定，"
            "本机关向您提供可以公开的政府信息内容：" + _provision(d),
            f"不予公开的部分为：{_text(d, 'withheld_part').rstrip('。')}。"
            + withheld_reason_sentence(_text(d, "withheld_ground"), d).replace("经审查，您申请公开的信息", "该部分")
            + "该部分不予公开。",
        ]
    if outcome_id in _WITHHELD:
        return [withheld_reason_sentence(outcome_id, d) + "本机关决定不予公开。"]
    if outcome_id == "withheld.inquiry_matters":
        return [
            f"经审查，您申请获取的信息属于行政查询事项，{_text(d, 'reason').rstrip('。')}。"
            f"根据{REG}第三十六条第（三）项的规定，本机关不作为政府信息予以公开，"
            f"您可以通过以下渠道查询：{_text(d, 'query_channel').rstrip('。')}。"
        ]
    if outcome_id == "unavailable.not_held":
        search = _text(d, "search_done").rstrip("。")
        if _text(d, "not_held_basis") == "not_exist":
            return [
                f"经检索（检索范围和方式：{search}），本机关没有制作或者获取您所申请公开的政府信息，该政府信息不存在。"
                f"根据{REG}第三十六条第（四）项的规定，特此告知。"
            ]
        if _text(d, "responsible_unknown") == "yes":
            who = "经检索无法确定负责公开该政府信息的行政机关。"
        else:
            who = (
                f"负责公开该政府信息的行政机关为{_text(d, 'responsible_agency')}，"
                f"联系方式：{_text(d, 'responsible_contact').rstrip('。')}，您可以向该机关提出申请。"
            )
        return [
            f"经检索（检索范围和方式：{search}），您申请公开的信息不属于本机关负责公开的政府信息。"
            f"根据{REG}第三十六条第（五）项的规定，特此告知。{who}"
        ]
    if outcome_id == "unavailable.needs_creation":
        return [
            f"经审查，本机关没有您所申请的现成信息，需要对现有政府信息进行加工、分析才能形成"
            f"（{_text(d, 'reason').rstrip('。')}）。根据{REG}第三十八条的规定，本机关不予提供。"
        ]
    if outcome_id == "unavailable.unclear_after_correction":
        return [
            f"本机关已依照{REG}第三十条的规定一次性告知您补正申请，经补正后申请内容仍不明确"
            f"（{_text(d, 'reason').rstrip('。')}），本机关无法确定您所需要的政府信息，无法提供。"
        ]
    if outcome_id == "not_processed.petition_complaint":
        return [
            f"经审查，您以政府信息公开申请的形式提出的实为信访、投诉、举报等诉求。根据{REG}第三十九条"
            f"第一款的规定，本机关不作为政府信息公开申请处理。您可以通过以下渠道提出："
            f"{_text(d, 'proper_channel').rstrip('。')}。"
        ]
    if outcome_id == "not_processed.duplicate":
        return [
            f"经审查，您此前已向本机关提出相同的政府信息公开申请，{_text(d, 'earlier_reply').rstrip('。')}。"
            f"根据{REG}第三十六条第（六）项的规定，本机关不予重复处理。"
        ]
    if outcome_id == "not_processed.publication":
        return [
            f"经审查，您申请获取的是政府公报、报刊、书籍等公开出版物。根据{REG}第三十九条第二款的规定，"
            f"本机关告知您获取的途径：{_text(d, 'where_to_obtain').rstrip('。')}。"
        ]
    if outcome_id == "not_processed.excessive":
        return [
            f"经审查，您申请公开政府信息的数量、频次明显超过合理范围，{_text(d, 'reason').rstrip('。')}。"
            f"根据{REG}第三十五条的规定，本机关不予处理。"
        ]
    if outcome_id == "not_processed.confirm_or_reissue":
        return [
            f"经审查，您要求本机关确认或者重新出具您已经获取的信息（{_text(d, 'reason').rstrip('。')}），"
            f"不属于{REG}规定的政府信息公开申请，本机关不予处理。"
        ]
    if outcome_id == "other.no_correction":
        return [
            f"本机关已依照{REG}第三十条的规定告知您补正申请，您无正当理由逾期未补正，视为放弃申请，"
            "本机关不再处理该政府信息公开申请。"
        ]
    if outcome_id == "other.unpaid_fee":
        return [
            "您逾期未按照本机关信息处理费收费通知的要求缴纳费用，根据《政府信息公开信息处理费管理办法》"
            "（国办函〔2020〕109号）的规定，本机关不再处理该政府信息公开申请。"
        ]
    if outcome_id == "other.other":
        return [f"经审查，{_text(d, 'reason').rstrip('。')}。"]
    raise KeyError(outcome_id)


def withholds(outcome_id: str) -> bool:
    """Does the reply refuse disclosure (不予公开, incl. the withheld part of 部分公开)? Then
    行政复议 comes first (行政复议法 2023 Art. 23(一)(四))."""
    return outcome_id.startswith("withheld.") or outcome_id == outcomes.PARTIALLY_GRANTED
