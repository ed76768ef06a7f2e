"""Applicants' personal data encrypted at rest (个人信息保护法 Art. 51).

AES-SIV (RFC 5297, `cryptography`) with the key from GONGKAI_DATA_KEY (64 random bytes,
URL-safe base64). AES-SIV is deterministic: the same value in the same column always gives the
same ciphertext, so exact lookups (`filter(id_number=...)`, same applicant in a month) keep working
while the database, its dumps and its backups hold no readable identity numbers or contacts.
What it reveals is only which rows share a value. The column name is bound as associated data,
so a ciphertext copied into another column does not decrypt.

Stored form: "enc1:" + URL-safe base64. Empty values stay empty (a blank optional field).
"""

from __future__ import annotations

import base64
import functools

from cryptography.hazmat.primitives.ciphers.aead import AESSIV
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models

PREFIX = "enc1:"


@functools.lru_cache(maxsize=4)
def _cipher(key_text: str) -> AESSIV:
    try:
        key = base64.urlsafe_b64decode(key_text.encode() + b"=" * (-len(key_text) % 4))
    except ValueError:
        raise ImproperlyConfigured("GONGKAI_DATA_KEY is not URL-safe base64") from None
    if len(key) not in (32, 48, 64):
        raise ImproperlyConfigured("GONGKAI_DATA_KEY must be 64 random bytes in URL-safe base64")
    return AESSIV(key)


def new_key() -> str:
    import secrets

    return base64.urlsafe_b64encode(secrets.token_bytes(64)).decode()


def encrypt(value: str, context: str) -> str:
    if value in (None, ""):
        return value
    if value.startswith(PREFIX):
        return value  # already encrypted (e.g. saved twice in one data migration)
    token = _cipher(settings.GONGKAI_DATA_KEY).encrypt(value.encode(), [context.encode()])
    return PREFIX + base64.urlsafe_b64encode(token).decode()


def decrypt(value: str, context: str) -> str:
    if value in (None, "") or not value.startswith(PREFIX):
        return value  # empty, or a row written before the encrypting migration ran
    raw = base64.urlsafe_b64decode(value[len(PREFIX) :].encode())
    return _cipher(settings.GONGKAI_DATA_KEY).decrypt(raw, [context.encode()]).decode()


class EncryptedCharField(models.CharField):
    """A CharField whose column holds the AES-SIV ciphertext (a text column: ciphertext is longer
    than `max_length`, which still limits what forms and validation accept)."""

    def db_type(self, connection):
        return "text"

    def cast_db_type(self, connection):
        return "text"

    def _context(self) -> str:
        return f"{self.model._meta.label_lower}.{self.name}"

    def from_db_value(self, value, expression, connection):
        return decrypt(value, self._context())

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        return encrypt(value, self._context()) if isinstance(value, str) else value

    def get_db_prep_save(self, value, connection):
        return self.get_prep_value(value)


class EncryptedEmailField(EncryptedCharField):
    default_validators = models.EmailField.default_validators

    def formfield(self, **kwargs):
        from django import forms

        return super().formfield(**{"form_class": forms.EmailField, **kwargs})
