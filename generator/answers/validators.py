"""Checks for the free-text values of an answer file, each with a message that says what is expected.

`unsafe_message` is the check every string of an answer file goes through (see
`generator.answers.load.validate_answers`): no control characters (a tab inside free
text aside), no line breaks, no bidirectional embeddings, overrides or isolates,
no other invisible format controls that reorder or hide text. Zero-width joiners
and non-joiners, which Indic scripts and emoji need, and the left-to-right and
right-to-left marks, which right-to-left text needs, stay accepted.
"""

from __future__ import annotations

import re

_LOCAL_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._+-'")
_DOMAIN = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+"
# The part before the @ goes into mailto: links: only characters that mean nothing in a URL.
# Each pattern is used with fullmatch: `$` would let a trailing line break through.
_EMAIL = re.compile(rf"[A-Za-z0-9_+'-]+(?:\.[A-Za-z0-9_+'-]+)*@{_DOMAIN}")
_EMAIL_SHAPE = re.compile(rf"([^@]+)@{_DOMAIN}")
_URL = re.compile(r"https?://[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?(?::([0-9]{1,5}))?(?:[/?#][^\s<>\"'`\\]*)?")
_PHONE = re.compile(r"\+[1-9][0-9 ().-]{4,23}[0-9]")
_ID = re.compile(r"[a-z0-9]+(?:[-.][a-z0-9]+)*")
MAX_TEXT = 2000
MAX_EMAIL = 254
MAX_EMAIL_LOCAL = 64

_LINE_BREAKS = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
# Everything `unsafe_message` refuses: C0 controls but the tab, DEL, C1 controls, line and paragraph
# separators, bidirectional controls, deprecated format controls (U+206A-U+206F), the byte-order mark
# inside text, interlinear annotations, and lone surrogates (which no file can hold, but a dict can).
_UNSAFE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u206f\ufeff\ufff9-\ufffb\ud800-\udfff]")
has_unsafe = _UNSAFE.search
"""A quick test for a character `unsafe_message` may refuse (it may then find none, once the value is stripped)."""
_ACCEPTED = "answers accept printable text on one line, without control or bidirectional override characters"


def unsafe_message(value: str) -> str | None:
    """Say which character of `value` no answer may hold, and where; None when there is none."""
    found = _UNSAFE.search(value)
    if found is None:
        return None
    char = found.group()
    code = f"U+{ord(char):04X}"
    position = found.start() + 1
    if char in _LINE_BREAKS:
        return f"must not contain a line break ({code}, character {position}); {_ACCEPTED}"
    if char in _BIDI:
        what = "the bidirectional control character"
    elif "\ud800" <= char <= "\udfff":
        what = "the lone surrogate"
    elif char <= "\x9f":
        what = "the control character"
    else:
        what = "the invisible format character"
    return f"must not contain {what} {code} (character {position}); {_ACCEPTED}"


def _safe(value: str) -> str:
    if has_unsafe(value) is not None:  # one search; the message is worded only for a value it refuses
        raise ValueError(unsafe_message(value))
    return value


def check_text(value: str) -> str:
    """Accept one line of non-empty text."""
    if not value:
        raise ValueError("must not be empty")
    if len(value) > MAX_TEXT:
        raise ValueError(f"must be at most {MAX_TEXT} characters")
    return _safe(value)


def check_name(value: str) -> str:
    """Accept a non-empty name of at most 200 characters."""
    if not value:
        raise ValueError("must not be empty")
    if len(value) > 200:
        raise ValueError("must be at most 200 characters")
    return _safe(value)


def check_email(value: str) -> str:
    """Accept an email address such as privacy@example.com whose part before the @ is safe in a mailto: link.

    That part may hold letters, digits and . _ + - ' (dots only between other characters):
    ? & = % # / and the like would change what a mailto: link does (add a Bcc, a subject).
    """
    expected = "must be an email address such as privacy@example.com"
    if len(value) <= MAX_EMAIL and _EMAIL.fullmatch(value) and value.index("@") <= MAX_EMAIL_LOCAL:
        return value
    shape = _EMAIL_SHAPE.fullmatch(value)
    if shape:
        local = shape.group(1)
        bad = next((char for char in local if char not in _LOCAL_CHARS), None)
        if bad is not None:
            raise ValueError(f"{expected}; before the @ only letters, digits and . _ + - ' are accepted, not {bad!r}")
        if local.startswith(".") or local.endswith(".") or ".." in local:
            raise ValueError(f"{expected}; a dot before the @ must sit between two other characters")
        if len(local) > MAX_EMAIL_LOCAL:
            raise ValueError(f"{expected}; the part before the @ may be at most {MAX_EMAIL_LOCAL} characters")
    raise ValueError(expected)


def check_url(value: str) -> str:
    """Accept a web address starting with https:// (or http://), with a port from 1 to 65535 if any."""
    expected = "must be a web address starting with https://, such as https://example.com/privacy"
    match = _URL.fullmatch(value)
    if not match or len(value) > 2000:
        raise ValueError(expected)
    port = match.group(1)
    if port is not None and not 1 <= int(port) <= 65535:
        raise ValueError(f"{expected}; a port number is from 1 to 65535, not {port}")
    return _safe(value)


def check_phone(value: str) -> str:
    """Accept a phone number in international form: + and the country code, then digits, spaces and ( ) - . (E.164: at most 15 digits).

    A number without its country code would be published as a link that dials the wrong place from abroad.
    """
    digits = sum(char.isdigit() for char in value)
    if not _PHONE.fullmatch(value) or not 7 <= digits <= 15:
        raise ValueError("must be a phone number in international form, + and the country code first, with 7 to 15 digits, such as +91 80 4000 1234")
    return value


def check_id(value: str) -> str:
    """Accept a lower-case id such as 'google-analytics'."""
    if not _ID.fullmatch(value) or len(value) > 64:
        raise ValueError("must be a lower-case id of letters, digits and hyphens, such as 'google-analytics'")
    return value
