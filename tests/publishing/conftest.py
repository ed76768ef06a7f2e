import pytest

from tests.catalog.conftest import catalog, fast_password_hasher, make_item, news, publish  # noqa: F401


@pytest.fixture
def site_dir(settings, tmp_path):
    settings.GONGKAI_PUBLISH_DIR = tmp_path / "site"
    return settings.GONGKAI_PUBLISH_DIR


@pytest.fixture
def demo(db):
    """The whole demo (every app's loader, as `gongkai demo` runs them)."""
    import io

    from gongkai.cli.demo import load_demo

    load_demo(io.StringIO())
