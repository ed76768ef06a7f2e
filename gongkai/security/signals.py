"""Every failed login (whatever the form) counts against the client's address."""

from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.dispatch import receiver

from gongkai.security.client_ip import client_address
from gongkai.security.throttle import Limit


def login_address_limit() -> Limit:
    return Limit("login-address", settings.GONGKAI_LOGIN_ADDRESS_LIMIT, settings.GONGKAI_LOGIN_ADDRESS_WINDOW)


@receiver(user_login_failed)
def _count_failure(sender, credentials=None, request=None, **kwargs):
    if request is not None:
        login_address_limit().hit(client_address(request))
