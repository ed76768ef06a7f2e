"""Schemathesis over /api/openapi.json, in process against the WSGI app: zero 500s, and every
answer conforms to the documented schema (status codes, content type, JSON body)."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance


@pytest.fixture
def api_schema(township, settings):
    """The schema served by the app itself; the app called through WSGI in this test's transaction
    (like Django's test client, the per-request connection closing is switched off meanwhile)."""
    from django.core import signals
    from django.core.wsgi import get_wsgi_application
    from django.db import close_old_connections

    settings.ALLOWED_HOSTS = ["*"]
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


@pytest.mark.django_db
def test_public_api_never_answers_500(api_schema, make_item, publish):
    publish(make_item())
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert {op.path for op in operations} >= {"/api/v1/items", "/api/v1/reports"}
    statuses = []
    for operation in operations:

        @settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
        @given(operation.as_strategy())
        def check(case):
            response = case.call()
            statuses.append(response.status_code)
            assert response.status_code < 500, (case.path, case.query, response.status_code)
            case.validate_response(response, checks=[status_code_conformance, response_schema_conformance])

        check()
    assert len(statuses) >= 3 * len(operations) and 400 in statuses and 200 in statuses
