"""Authorization matrix generated from the URL resolver: every URL pattern × every role × objects
of the role's own agency and of other agencies. A new URL is covered without editing this test
(its kwargs are built from the fixtures by name); a kwarg nobody knows fails the test by name.

Leaks looked for:
1. a staff page for an object of an agency the user may not read answers 2xx (GET or POST);
2. an anonymous visitor gets a staff page (2xx);
3. any page shows a marker of an agency the user may not read (application numbers, identity
   numbers, phones, an internal draft title);
4. any public page shows an applicant's personal data (identity number, phone, number) or a draft.
"""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from gongkai.core.identifiers import resident_id_check_character
from tests.applications.factories import decided, person

OUTSIDE_ID17 = "44030519900202002"
OUTSIDE_ID = OUTSIDE_ID17 + resident_id_check_character(OUTSIDE_ID17)

# The word before <pk> in a route names the object (a new route reusing a word is covered).
PK_OBJECTS = {
    "agency": ("agencies.Agency", "pk"),
    "column": ("catalog.Column", "agency"),
    "item": ("catalog.Item", "agency"),
    "hit": ("catalog.ScreeningHit", "version__item__agency"),
    "letters": ("applications.Letter", "application__agency"),
    "applications": ("applications.Application", "agency"),
    "reports": ("reports.AnnualReport", "agency"),
    "rectifications": ("oversight.Rectification", "agency"),
    "proposals": ("holidays.ProposedYearSchedule", "agency"),
    "receipt": ("applications.Application", "agency"),
    "attachment": ("catalog.Attachment", "version__item__agency"),
}
# Child kwargs: (model, agency path, attribute giving the parent's pk for <pk>).
CHILD_OBJECTS = {
    "attachment_pk": ("catalog.Attachment", "version__item__agency", "version.item_id"),
    "letter_pk": ("applications.Letter", "application__agency", "application_id"),
    "case_pk": ("applications.ReviewCase", "application__agency", "application_id"),
}
FORMATS = ["pdf", "docx", "json"]
SKIPPED_PREFIXES = ("admin/",)  # Django's admin: superusers only, its own tests
STAFF_PREFIXES = ("staff/", "admin/")
DRAFT_TITLE = "外县内部草稿标题甲乙丙"


def _patterns(resolver=None, prefix=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            yield from _patterns(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern)


def _model(label):
    from django.apps import apps

    return apps.get_model(label)


def _fill(route: str, values: dict) -> str:
    return "/" + re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(values[m.group(1)]), route)


def _variants(route: str, agency, office_of, years):
    """Every way to fill `route` with objects of `agency` (none if the agency has no such object)."""
    names = re.findall(r"<(?:\w+:)?(\w+)>", route)
    base = {
        "slug": agency.slug,
        "agency_pk": agency.pk,
        "office_pk": office_of(agency),
        "week": 1,
        "name": "decide",
        "decision": "confirm",
        "page": 2,
        "filename": "file",
    }
    unknown = [n for n in names if n not in base and n not in CHILD_OBJECTS and n not in ("pk", "year", "fmt")]
    assert not unknown, f"URL {route}: no fixture for kwarg(s) {unknown}: add one to this test"
    values = dict(base)
    children = [n for n in names if n in CHILD_OBJECTS]
    if children:
        label, path, parent = CHILD_OBJECTS[children[0]]
        child = _model(label).objects.filter(**{path: agency.pk}).first()
        if child is None:
            return []
        values[children[0]] = child.pk
        owner = child
        for attribute in parent.split("."):
            owner = getattr(owner, attribute)
        values["pk"] = owner
    elif "pk" in names:
        word = re.search(r"(\w[\w-]*)/<(?:\w+:)?pk>", route)
        assert word and word.group(1) in PK_OBJECTS, f"URL {route}: which object is <pk>? add it to PK_OBJECTS"
        label, path = PK_OBJECTS[word.group(1)]
        obj = _model(label).objects.filter(**{path: agency.pk}).first()
        if obj is None:
            return []
        values["pk"] = obj.pk
    filled = []
    for year in years if "year" in names else [None]:
        for fmt in FORMATS if "fmt" in names else [None]:
            filled.append(_fill(route, {**values, "year": year, "fmt": fmt}))
    return filled


@pytest.fixture
def world(db, settings, tmp_path):
    """Demo data (车辋镇 and the county), plus an agency outside the county's supervision."""

    from gongkai.agencies.demo import demo_credit_code
    from gongkai.agencies.models import Agency, AgencyLevel, Membership, Role
    from gongkai.applications.models import Application, ReviewCase
    from gongkai.catalog.models import Attachment, Column, Item, ItemVersion, ScreeningHit
    from gongkai.cli.demo import load_demo

    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    load_demo(None)
    from django.contrib.auth import get_user_model

    outside = Agency.objects.create(
        name="外县某局", credit_code=demo_credit_code("900077"), level=AgencyLevel.COUNTY_DEPARTMENT, slug="waixian"
    )
    outsider = get_user_model().objects.create_user("outsider", password="x-unused-password")
    Membership.objects.create(user=outsider, agency=outside, role=Role.HANDLER)
    decided(
        outside, outsider, date(2026, 1, 5), date(2026, 1, 20), data=person(phone="13912345678", id_number=OUTSIDE_ID)
    )
    column = Column.objects.create(agency=outside, name="内部栏目", kind="custom")
    item = Item.objects.create(agency=outside, column=column, created_by=outsider)
    version = ItemVersion.objects.create(
        item=item,
        number=1,
        title=DRAFT_TITLE,
        summary="草稿",
        publisher="外县某局",
        written_on=date(2026, 1, 2),
        formed_on=date(2026, 1, 2),
        author=outsider,
    )
    ScreeningHit.objects.create(version=version, source="正文", kind="phone", match="13912345678", context="电话")
    for agency in (outside, Agency.objects.get(slug="cheyang")):
        application = Application.objects.filter(agency=agency).first()
        ReviewCase.objects.create(
            application=application, kind=ReviewCase._meta.get_field("kind").choices[0][0], filed_on=date(2026, 2, 1)
        )
        target = ItemVersion.objects.filter(item__agency=agency).first()
        attachment = Attachment(
            version=target, name="附件.pdf", content_type="application/pdf", size_bytes=8, sha256="ab" * 32
        )
        attachment.file.save("a.pdf", ContentFile(b"%PDF-1.4"), save=True)
    return outside


def _markers(agency) -> set[str]:
    from gongkai.applications.models import Application

    found = set()
    for application in Application.objects.filter(agency=agency):
        found |= {application.number, application.id_number, application.phone} - {""}
    if agency.slug == "waixian":
        found.add(DRAFT_TITLE)
    return found


@pytest.mark.django_db
def test_no_url_leaks_to_any_role(world):
    from django.contrib.auth import get_user_model

    from gongkai.agencies.access import Action, can
    from gongkai.agencies.models import Agency

    users = {"anonymous": None}
    for username, role in (
        ("jingban", "经办人"),
        ("shenhe", "审核人"),
        ("guanli", "机构管理员"),
        ("gongkaiban", "政务公开办"),
        ("minzheng", "其他机构经办人"),
        ("admin", "平台管理员"),
        ("outsider", "外县机构经办人"),
    ):
        users[role] = get_user_model().objects.get(username=username)
    agencies = list(Agency.objects.all())
    markers = {agency.pk: _markers(agency) for agency in agencies}
    personal = set().union(*markers.values())
    from gongkai.reports.models import AnnualReport

    years = [max(AnnualReport.objects.values_list("year", flat=True), default=date.today().year)]

    def office_of(agency):
        return agency.pk if agency.is_disclosure_office else (agency.supervisor_id or agency.pk)

    routes = [r for r in _patterns() if not r.startswith(SKIPPED_PREFIXES)]
    urls = {}  # url -> agency it belongs to (None: no object)
    for route in routes:
        if not re.search(r"<", route):
            urls[_fill(route, {})] = None
            continue
        for agency in agencies:
            for url in _variants(route, agency, office_of, years):
                urls[url] = agency
    covered = {re.sub(r"\d+", "N", u) for u in urls}
    assert len(covered) >= len({re.sub(r"<[^>]+>", "N", "/" + r) for r in routes}) - 3, "too few routes filled"

    leaks, own_ok = [], 0
    for role, user in users.items():
        client = Client()
        if user is not None:
            client.force_login(user)
        readable = {a.pk for a in agencies if user is not None and can(user, Action.VIEW, a)}
        hidden = set().union(*(markers[a.pk] for a in agencies if a.pk not in readable)) - set().union(
            *(markers[a.pk] for a in agencies if a.pk in readable)
        )
        for url, agency in urls.items():
            staff = url.lstrip("/").startswith(STAFF_PREFIXES)
            forbidden_object = agency is not None and agency.pk not in readable
            methods = ["get", "post"] if (staff and forbidden_object) else ["get"]
            for method in methods:
                response = getattr(client, method)(url)
                status = response.status_code
                body = b"".join(response) if response.streaming else response.content
                text = (
                    body.decode("utf-8", "replace")
                    if "text" in response.get("Content-Type", "") or "json" in response.get("Content-Type", "")
                    else ""
                )
                where = f"{role} {method.upper()} {url} → {status}"
                if staff and user is None and 200 <= status < 300:
                    leaks.append(f"anonymous staff page: {where}")
                if staff and forbidden_object and 200 <= status < 300:
                    leaks.append(f"other agency's object: {where}")
                if (
                    staff
                    and forbidden_object
                    and status in (301, 302)
                    and "/accounts/login/" not in response.get("Location", "")
                ):
                    leaks.append(f"other agency's object accepted: {where} → {response['Location']}")
                shown = [m for m in hidden if m and m in text]
                if shown:
                    leaks.append(f"unreadable agency's data {shown[:2]}: {where}")
                if not staff:
                    public = [m for m in personal if m and m in text]
                    if public:
                        leaks.append(f"personal data on a public page {public[:2]}: {where}")
                if staff and agency is not None and not forbidden_object and status == 200 and method == "get":
                    own_ok += 1
    assert leaks == [], "\n".join(leaks[:50])
    assert own_ok > 50, "the matrix reached too few pages of the users' own agencies: fixtures broken?"
