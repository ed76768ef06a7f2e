"""Demo agencies and users: the seed's township 车辋镇人民政府 under a county and its 政务公开办.

Idempotent: running it again changes nothing. The county is fictional (示范县); the township's
name is the seed report's.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import transaction

from gongkai.agencies.models import Agency, AgencyLevel, Membership, Role
from gongkai.core.identifiers import uscc_check_character

DEMO_PASSWORD = "gongkai-demo-2024"

TOWNSHIP_NAME = "车辋镇人民政府"
COUNTY_NAME = "示范县人民政府"
OFFICE_NAME = "示范县人民政府办公室（县政务公开办）"
DEPARTMENT_NAME = "示范县民政局"


def demo_credit_code(serial: str) -> str:
    """A well-formed (check character correct) but fictional 统一社会信用代码 for demo agencies."""
    first17 = f"11999999{serial:0>9}"
    return first17 + uscc_check_character(first17)


# username, full name, role, agency name
DEMO_USERS = [
    ("jingban", "王经办", Role.HANDLER, TOWNSHIP_NAME),
    ("shenhe", "李审核", Role.REVIEWER, TOWNSHIP_NAME),
    ("guanli", "张管理", Role.AGENCY_ADMIN, TOWNSHIP_NAME),
    ("gongkaiban", "赵公开", Role.SUPERVISOR, OFFICE_NAME),
    ("minzheng", "陈民政", Role.HANDLER, DEPARTMENT_NAME),
]


def township() -> Agency:
    return Agency.objects.get(name=TOWNSHIP_NAME)


def demo_user(username: str):
    return get_user_model().objects.get(username=username)


@transaction.atomic
def load(stdout=None) -> None:
    county, _ = Agency.objects.get_or_create(
        name=COUNTY_NAME,
        defaults=dict(
            credit_code=demo_credit_code("1"),
            level=AgencyLevel.COUNTY_GOVERNMENT,
            slug="county",
            short_name="示范县政府",
        ),
    )
    office, _ = Agency.objects.get_or_create(
        name=OFFICE_NAME,
        defaults=dict(
            credit_code=demo_credit_code("2"),
            level=AgencyLevel.DISCLOSURE_OFFICE,
            slug="county-office",
            short_name="县政务公开办",
            address="示范县人民路1号",
            office_hours="工作日 8:30-12:00，14:30-18:00",
            phone="0000-1234567",
        ),
    )
    if county.supervisor_id is None:
        county.supervisor = office
        county.save(update_fields=["supervisor"])
    Agency.objects.get_or_create(
        name=TOWNSHIP_NAME,
        defaults=dict(
            credit_code=demo_credit_code("3"),
            level=AgencyLevel.TOWNSHIP_GOVERNMENT,
            supervisor=office,
            slug="cheyang",
            short_name="车辋镇",
            address="车辋镇政府街1号",
            office_hours="工作日 8:30-12:00，14:30-18:00",
            phone="0000-7654321",
            email="cheyang@example.gov.cn",
        ),
    )
    Agency.objects.get_or_create(
        name=DEPARTMENT_NAME,
        defaults=dict(
            credit_code=demo_credit_code("4"),
            level=AgencyLevel.COUNTY_DEPARTMENT,
            supervisor=office,
            slug="minzheng",
            short_name="县民政局",
        ),
    )
    User = get_user_model()
    for username, full_name, role, agency_name in DEMO_USERS:
        user, created = User.objects.get_or_create(
            username=username, defaults={"first_name": full_name, "email": f"{username}@example.gov.cn"}
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        Membership.objects.get_or_create(user=user, agency=Agency.objects.get(name=agency_name), role=role)
    admin, created = User.objects.get_or_create(
        username="admin", defaults={"is_superuser": True, "is_staff": True, "first_name": "平台管理员"}
    )
    if created:
        admin.set_password(DEMO_PASSWORD)
        admin.save()
    if stdout:
        stdout.write("demo: agencies and users ready\n")


def login_lines() -> list[str]:
    lines = [f"  {username:<11} {role.label:<6} {agency}" for username, _, role, agency in DEMO_USERS]
    lines.append(f"  {'admin':<11} 平台管理员")
    lines.append(f"  密码（全部）: {DEMO_PASSWORD}")
    return lines
