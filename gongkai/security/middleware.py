"""A signed-in user who needs a second factor and has not given one this session (e.g. signed in
through a path other than our login view) is signed out and sent to the login page."""

from __future__ import annotations

from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login

from gongkai.security.twofactor import CHECKED_KEY, requires_two_factor


class TwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not request.session.get(CHECKED_KEY):
            verified = getattr(user, "is_verified", lambda: False)()
            if not verified and requires_two_factor(user):
                logout(request)
                return redirect_to_login(request.get_full_path())
            request.session[CHECKED_KEY] = True
        return self.get_response(request)
