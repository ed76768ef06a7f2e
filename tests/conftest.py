"""Shared fixtures. The database is chosen by GONGKAI_TEST_DB (sqlite, the default, or postgres)."""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile("ci", max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", max_examples=100, deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "dev")

# Playwright's sync API runs an event loop in the test thread; the ORM calls made by tests
# around it are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_report_header(config):
    return f"gongkai test database: {os.environ.get('GONGKAI_TEST_DB', 'sqlite')}"


def pytest_collection_modifyitems(config, items):
    on_postgres = os.environ.get("GONGKAI_TEST_DB") == "postgres"
    skip = pytest.mark.skip(reason="needs PostgreSQL (GONGKAI_TEST_DB=postgres)")
    for item in items:
        if "postgres_only" in item.keywords and not on_postgres:
            item.add_marker(skip)


pytest_plugins = ["tests.browser_fixtures"]


@pytest.fixture(autouse=True)
def _empty_public_page_cache():
    """Each test's database starts over (generations from 0): cached pages must not outlive it."""
    from django.core.cache import caches

    caches["public_pages"].clear()


PASSWORD = "test-password-1"


def _user(username, agency=None, role=None, **extra):
    from django.contrib.auth import get_user_model

    from gongkai.agencies.models import Membership

    user = get_user_model().objects.create_user(username=username, password=PASSWORD, **extra)
    if agency is not None:
        Membership.objects.create(user=user, agency=agency, role=role)
    return user


@pytest.fixture
def county_office(db):
    from gongkai.agencies.demo import demo_credit_code
    from gongkai.agencies.models import Agency, AgencyLevel

    return Agency.objects.create(
        name="测试县政务公开办",
        credit_code=demo_credit_code("900001"),
        level=AgencyLevel.DISCLOSURE_OFFICE,
        slug="test-office",
    )


@pytest.fixture
def township(county_office):
    from gongkai.agencies.demo import demo_credit_code
    from gongkai.agencies.models import Agency, AgencyLevel

    return Agency.objects.create(
        name="测试镇人民政府",
        credit_code=demo_credit_code("900002"),
        level=AgencyLevel.TOWNSHIP_GOVERNMENT,
        supervisor=county_office,
        slug="test-town",
    )


@pytest.fixture
def other_agency(db):
    """An agency outside the county office's supervision."""
    from gongkai.agencies.demo import demo_credit_code
    from gongkai.agencies.models import Agency, AgencyLevel

    return Agency.objects.create(
        name="外县某局", credit_code=demo_credit_code("900003"), level=AgencyLevel.COUNTY_DEPARTMENT, slug="other"
    )


@pytest.fixture
def handler(township):
    from gongkai.agencies.models import Role

    return _user("handler", township, Role.HANDLER, first_name="经办")


@pytest.fixture
def reviewer(township):
    from gongkai.agencies.models import Role

    return _user("reviewer", township, Role.REVIEWER, first_name="审核")


@pytest.fixture
def agency_admin(township):
    from gongkai.agencies.models import Role

    return _user("agencyadmin", township, Role.AGENCY_ADMIN, first_name="管理")


@pytest.fixture
def supervisor(county_office):
    from gongkai.agencies.models import Role

    return _user("supervisor", county_office, Role.SUPERVISOR, first_name="公开办")


@pytest.fixture
def other_handler(other_agency):
    from gongkai.agencies.models import Role

    return _user("otherhandler", other_agency, Role.HANDLER)


@pytest.fixture
def client_of(db):
    """client_of(user) -> a Django test Client logged in as user."""
    from django.test import Client

    def make(user):
        client = Client()
        client.force_login(user)
        return client

    return make
