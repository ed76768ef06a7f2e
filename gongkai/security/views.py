"""Staff login: per-address cap, django-axes lockout per (account, address), then the second
factor (TOTP) for those who need it. Thin views; the rules live in twofactor.py and throttle.py."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth import login as auth_login
from django.contrib.auth import views as auth_views
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme

from gongkai.audit import record
from gongkai.boundary.forms import CleanForm
from gongkai.security.client_ip import client_address
from gongkai.security.lockout import too_many
from gongkai.security.signals import login_address_limit
from gongkai.security.twofactor import (
    CHECKED_KEY,
    PENDING_KEY,
    confirmed_device,
    enrolment_device,
    qr_svg,
    requires_two_factor,
)


class LoginView(auth_views.LoginView):
    template_name = "registration/login.html"

    def post(self, request, *args, **kwargs):
        wait = login_address_limit().wait_seconds(client_address(request))
        if wait:
            return too_many(request, wait, reason="本地址登录失败次数过多")
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        user = form.get_user()
        if requires_two_factor(user):
            self.request.session.cycle_key()
            self.request.session[PENDING_KEY] = {
                "user": user.pk,
                "backend": getattr(user, "backend", ""),
                "next": self.get_success_url(),
            }
            return redirect("security:two_factor")
        response = super().form_valid(form)
        self.request.session[CHECKED_KEY] = True
        return response


class TokenForm(CleanForm):
    token = forms.CharField(
        label="动态验证码",
        min_length=6,
        max_length=6,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
        error_messages={
            "required": "请输入动态验证码。",
            "min_length": "动态验证码为6位数字。",
            "max_length": "动态验证码为6位数字。",
        },
    )

    def clean_token(self):
        token = self.cleaned_data["token"].strip()
        if not (token.isascii() and token.isdigit()):
            raise forms.ValidationError("动态验证码为6位数字。")
        return token


def two_factor(request):
    """Second step of the login: enter the code, or enrol an authenticator first (QR code)."""
    pending = request.session.get(PENDING_KEY)
    user = get_user_model().objects.filter(pk=(pending or {}).get("user"), is_active=True).first()
    if user is None:
        return redirect("login")
    device = confirmed_device(user)
    enrolling = device is None
    if enrolling:
        device = enrolment_device(user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        allowed, _ = device.verify_is_allowed()
        if not allowed:
            form.add_error("token", "验证码错误次数过多，请稍后再试。")
        elif not device.verify_token(form.cleaned_data["token"]):
            form.add_error("token", "动态验证码不正确或已过期，请重新输入。")
        else:
            return _complete_login(request, user, device, pending, enrolling)
    context = {"form": form, "enrolling": enrolling, "user_label": user.get_full_name() or user.username}
    if enrolling:
        context.update(qr=qr_svg(device.config_url), secret=_grouped(device))
    return render(request, "security/two_factor.html", context, status=400 if form.errors else 200)


def _grouped(device) -> str:
    import base64

    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@transaction.atomic
def _complete_login(request, user, device, pending, enrolling):
    from django_otp import login as otp_login

    if enrolling:
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        record(subject=user, actor=user, kind="security.two_factor.enrolled", note="绑定身份验证器")
    next_url = pending.get("next") or "/staff/"
    del request.session[PENDING_KEY]
    auth_login(request, user, backend=pending.get("backend") or None)
    otp_login(request, device)
    request.session[CHECKED_KEY] = True
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/staff/"
    return redirect(next_url)
