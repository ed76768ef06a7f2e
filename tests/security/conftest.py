import pytest


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Login tests hash many passwords; the production hasher is not what they test."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
