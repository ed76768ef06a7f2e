"""Browser journeys; the fixtures live in tests/browser_fixtures.py (shared by every folder)."""

from tests.browser_fixtures import login  # noqa: F401  (tests import it from here)
