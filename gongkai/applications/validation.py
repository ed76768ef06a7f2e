"""Checks on applicant data shared by the online form, staff registration and the ledger import.

`applicant_problems(data)` returns {field: Chinese reason} (empty when valid); it never raises.
"""

from __future__ import annotations

from gongkai.applications.models import IdType
from gongkai.core import outcomes
from gongkai.core.identifiers import resident_id_problem, uscc_problem


def applicant_problems(data: dict) -> dict[str, str]:
    problems: dict[str, str] = {}
    kind = data.get("applicant_type") or ""
    if kind not in outcomes.APPLICANT_TYPE_IDS:
        problems["applicant_type"] = "请选择申请人类型（自然人或法人或其他组织的五类之一）"
        return problems
    if not (data.get("name") or "").strip():
        problems["name"] = "请填写申请人姓名或名称"
    if not (data.get("phone") or "").strip() and not (data.get("email") or "").strip():
        problems["phone"] = "请至少填写一种联系方式（电话或电子邮箱）"
    if kind == outcomes.NATURAL_PERSON:
        id_type = data.get("id_type") or ""
        number = (data.get("id_number") or "").strip().upper()
        if id_type not in IdType.values:
            problems["id_type"] = "请选择证件类型"
        if not number:
            problems["id_number"] = "请填写证件号码"
        elif id_type == IdType.RESIDENT_ID:
            problem = resident_id_problem(number)
            if problem:
                problems["id_number"] = problem
    else:
        code = (data.get("credit_code") or "").strip().upper()
        if not code:
            problems["credit_code"] = "请填写统一社会信用代码"
        else:
            problem = uscc_problem(code)
            if problem:
                problems["credit_code"] = problem
        if not (data.get("legal_representative") or "").strip():
            problems["legal_representative"] = "请填写法定代表人或者主要负责人"
        if not (data.get("contact_person") or "").strip():
            problems["contact_person"] = "请填写联系人"
    if not (data.get("information") or "").strip():
        problems["information"] = "请填写所需政府信息的名称、文号或者便于查询的其他特征性描述（条例第二十九条）"
    return problems


def normalise(data: dict) -> dict:
    """Upper-case identifiers and strip text; drop the fields of the other applicant kind."""
    data = dict(data)
    for key in ("id_number", "credit_code"):
        data[key] = (data.get(key) or "").strip().upper()
    if data.get("applicant_type") == outcomes.NATURAL_PERSON:
        data.update(credit_code="", legal_representative="", contact_person=data.get("contact_person") or "")
    else:
        data.update(id_type="", id_number="")
    return data
