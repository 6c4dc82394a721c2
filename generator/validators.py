"""Checks for the free-text values of an answer file, each with a message that says what is expected."""

from __future__ import annotations

import re
import unicodedata

_EMAIL = re.compile(r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$")
_URL = re.compile(r"^https?://[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?(?::\d{1,5})?(?:[/?#][^\s<>\"'`\\]*)?$")
_PHONE = re.compile(r"^\+?[0-9][0-9 ().-]{5,23}[0-9]$")
_ID = re.compile(r"^[a-z0-9]+(?:[-.][a-z0-9]+)*$")
MAX_TEXT = 2000


def _no_controls(value: str) -> str:
    for char in value:
        if unicodedata.category(char) == "Cc" and char not in "\t":
            raise ValueError("must not contain control characters such as line breaks")
    return value


def check_text(value: str) -> str:
    """Accept one line of non-empty text."""
    if not value:
        raise ValueError("must not be empty")
    if len(value) > MAX_TEXT:
        raise ValueError(f"must be at most {MAX_TEXT} characters")
    return _no_controls(value)


def check_name(value: str) -> str:
    """Accept a non-empty name of at most 200 characters."""
    if not value:
        raise ValueError("must not be empty")
    if len(value) > 200:
        raise ValueError("must be at most 200 characters")
    return _no_controls(value)


def check_email(value: str) -> str:
    """Accept an email address such as privacy@example.com."""
    if not _EMAIL.match(value) or len(value) > 254:
        raise ValueError("must be an email address such as privacy@example.com")
    return value


def check_url(value: str) -> str:
    """Accept a web address starting with https:// (or http://)."""
    if not _URL.match(value) or len(value) > 2000:
        raise ValueError("must be a web address starting with https://, such as https://example.com/privacy")
    return value


def check_phone(value: str) -> str:
    """Accept a phone number of digits, spaces and + ( ) - . only."""
    digits = sum(char.isdigit() for char in value)
    if not _PHONE.match(value) or not 7 <= digits <= 15:
        raise ValueError("must be a phone number with 7 to 15 digits, such as +91 80 4000 1234")
    return value


def check_id(value: str) -> str:
    """Accept a lower-case id such as 'google-analytics'."""
    if not _ID.match(value) or len(value) > 64:
        raise ValueError("must be a lower-case id of letters, digits and hyphens, such as 'google-analytics'")
    return value
