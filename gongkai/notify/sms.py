"""The SMS gateway: one interface, a backend chosen by settings (never hard-coded).

Settings (environment variables read in `gongkai/settings.py`):
- `GONGKAI_SMS_BACKEND`: dotted path of the backend class. Default in development:
  `gongkai.notify.sms.LoggingBackend` (writes the message to the log, sends nothing).
- For `gongkai.notify.sms.AliyunBackend` (阿里云短信服务, API `SendSms`, 2017-05-25):
  `GONGKAI_SMS_ALIYUN_ACCESS_KEY_ID`, `GONGKAI_SMS_ALIYUN_ACCESS_KEY_SECRET`,
  `GONGKAI_SMS_SIGN_NAME` (the approved 短信签名), `GONGKAI_SMS_TEMPLATE_CODE` (an approved template
  with one variable `${content}`), optional `GONGKAI_SMS_ALIYUN_ENDPOINT`
  (default https://dysmsapi.aliyuncs.com/). Mainland SMS content must use an approved template;
  the notice text goes in as the template variable.

A backend's `send(phone, text)` returns a provider message id or raises `SmsError` with a reason.
Tests use `MemoryBackend` (an outbox list); no test calls a network.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
import uuid
from datetime import UTC, datetime
from urllib.parse import quote, urlencode

from django.conf import settings
from django.utils.module_loading import import_string

log = logging.getLogger("gongkai.notify.sms")

MOBILE_PREFIX = "1"


class SmsError(Exception):
    """The gateway refused or could not be reached; the message says why."""


def is_mobile(phone: str) -> bool:
    """A mainland mobile number (11 digits starting with 1), after removing spaces and dashes."""
    digits = (phone or "").replace(" ", "").replace("-", "")
    digits = digits.removeprefix("+86")
    return len(digits) == 11 and digits.isdigit() and digits.startswith(MOBILE_PREFIX)


class SmsBackend:
    def send(self, phone: str, text: str) -> str:  # pragma: no cover - interface
        raise NotImplementedError


class LoggingBackend(SmsBackend):
    """Development: the message goes to the log only."""

    def send(self, phone: str, text: str) -> str:
        log.info("SMS to %s: %s", phone, text)
        return f"log-{uuid.uuid4().hex[:12]}"


class MemoryBackend(SmsBackend):
    """Tests: messages are kept in `MemoryBackend.outbox` as (phone, text)."""

    outbox: list[tuple[str, str]] = []

    def send(self, phone: str, text: str) -> str:
        if getattr(settings, "GONGKAI_SMS_FAIL", False):
            raise SmsError("短信网关不可用（测试设置）")
        MemoryBackend.outbox.append((phone, text))
        return f"mem-{len(MemoryBackend.outbox)}"


class AliyunBackend(SmsBackend):
    """阿里云短信服务 `SendSms` over HTTPS with the RPC signature (HMAC-SHA1), stdlib only."""

    def __init__(self):
        self.key_id = getattr(settings, "GONGKAI_SMS_ALIYUN_ACCESS_KEY_ID", "")
        self.secret = getattr(settings, "GONGKAI_SMS_ALIYUN_ACCESS_KEY_SECRET", "")
        self.sign_name = getattr(settings, "GONGKAI_SMS_SIGN_NAME", "")
        self.template = getattr(settings, "GONGKAI_SMS_TEMPLATE_CODE", "")
        self.endpoint = getattr(settings, "GONGKAI_SMS_ALIYUN_ENDPOINT", "https://dysmsapi.aliyuncs.com/")
        if not all((self.key_id, self.secret, self.sign_name, self.template)):
            raise SmsError("阿里云短信未配置：需要 AccessKey、短信签名和模板编号")

    def signed_query(self, phone: str, text: str, *, now: datetime | None = None, nonce: str | None = None) -> str:
        params = {
            "AccessKeyId": self.key_id,
            "Action": "SendSms",
            "Format": "JSON",
            "PhoneNumbers": phone,
            "RegionId": "cn-hangzhou",
            "SignName": self.sign_name,
            "SignatureMethod": "HMAC-SHA1",
            "SignatureNonce": nonce or uuid.uuid4().hex,
            "SignatureVersion": "1.0",
            "TemplateCode": self.template,
            "TemplateParam": json.dumps({"content": text}, ensure_ascii=False),
            "Timestamp": (now or datetime.now(UTC)).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "Version": "2017-05-25",
        }
        canonical = "&".join(f"{quote(k, safe='~')}={quote(v, safe='~')}" for k, v in sorted(params.items()))
        to_sign = "GET&%2F&" + quote(canonical, safe="~")
        digest = hmac.new(f"{self.secret}&".encode(), to_sign.encode(), hashlib.sha1).digest()
        params["Signature"] = base64.b64encode(digest).decode()
        return urlencode(params)

    def send(self, phone: str, text: str) -> str:
        from urllib.request import urlopen

        try:
            with urlopen(f"{self.endpoint}?{self.signed_query(phone, text)}", timeout=10) as response:
                answer = json.loads(response.read().decode("utf-8"))
        except OSError as error:
            raise SmsError(f"短信网关无法连接：{error}") from None
        if answer.get("Code") != "OK":
            raise SmsError(f"短信网关拒绝发送：{answer.get('Code')} {answer.get('Message', '')}")
        return answer.get("BizId", "")


def backend() -> SmsBackend:
    path = getattr(settings, "GONGKAI_SMS_BACKEND", "gongkai.notify.sms.LoggingBackend")
    return import_string(path)()


def send(phone: str, text: str) -> str:
    return backend().send(phone, text)
