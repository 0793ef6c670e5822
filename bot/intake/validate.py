"""Typed answers checked and normalised: what people really type on a Japanese phone keyboard is accepted.

Each parser returns the value to store or raises ``Rejected`` naming the ``IntakeErrors`` message to show.
Full-width digits and symbols (０９０－１２３４－５６７８, ＠) are folded with NFKC first. Stored forms are
language-free: E.164 phones, normalised e-mail addresses, ISO dates, plain decimal numbers, trimmed text.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import types
import unicodedata
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation

from bot.content.schema import Choice
from bot.vocabulary import fold


@functools.cache
def _phonenumbers() -> types.ModuleType:
    import phonenumbers  # on first use: ~25 ms of import kept off the start-up, paid by the first phone answer

    return phonenumbers


@functools.cache
def _email_validator() -> types.ModuleType:
    import email_validator  # likewise: its import compiles ~40 ms of regular expressions, paid once

    return email_validator


PHONE_REGION = "JP"
MAX_PHONE_CHARS = 40
MAX_EMAIL_CHARS = 320
MAX_SHORT_INPUT = 100
"""Dates and numbers longer than this are not worth parsing."""

_DASHES = str.maketrans({c: "-" for c in "ー－‐‑‒–—―−ｰ"})
_PHONE_CHARS = re.compile(r"^[0-9+\-() .]+$")
_SPACES = re.compile(r"\s+")
_ISO_DATE = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$")
_MONTH_DAY = re.compile(r"^(\d{1,2})/(\d{1,2})$")
_JA_DATE = re.compile(r"^(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日?$")
_WEEKDAY_SUFFIX = re.compile(r"\([^)]{1,4}\)$")
_DAY_MONTH = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?([a-z]{3,9})\.?,?(\d{4})?$")
_MONTH_NAME_DAY = re.compile(r"^([a-z]{3,9})\.?(\d{1,2})(?:st|nd|rd|th)?,?(\d{4})?$")
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december")
_NUMBER = re.compile(r"^[+-]?\d+(?:\.\d+)?$")


class Rejected(Exception):
    """An answer that cannot be accepted: ``error`` is an ``IntakeErrors`` field; bounds go into the message."""

    def __init__(self, error: str, *, min: object = None, max: object = None) -> None:
        super().__init__(error)
        self.error = error
        self.min = min
        self.max = max


def tidy(text: str) -> str:
    """NFKC (full-width to half-width), trimmed, inner spaces collapsed; case kept (an answer, not a comparison)."""
    return _SPACES.sub(" ", unicodedata.normalize("NFKC", text)).strip()


_KEPT_FORMAT = frozenset("\u200c\u200d")
"""Zero-width (non-)joiners shape emoji sequences and some scripts; every other format character is removed."""
_INVISIBLE_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")
"""Hangul fillers and the blank braille pattern: letters to Unicode, blank on screen (a favourite empty name)."""


def clean_text(text: str, max_length: int) -> str:
    """Free text: control and format characters removed (zero-width spaces, bidi overrides that reorder what staff
    read), kept on one line (line breaks become " / ", so an answer can never fake a line of the staff card such
    as a second status or a 🆘 flag), trimmed; something visible must remain, and it must not be too long."""
    kept = "".join(c for c in text if c in "\n\t" or _printable(c))
    lines = [_SPACES.sub(" ", line).strip() for line in kept.splitlines()]
    single = " / ".join(line for line in lines if line)
    if not any(_visible(c) for c in single):
        raise Rejected("empty")
    if len(single) > max_length:
        raise Rejected("text_too_long", max=max_length)
    return single


def _printable(char: str) -> bool:
    category = unicodedata.category(char)
    if category == "Cc" or char in _INVISIBLE_LETTERS:
        return False
    return category != "Cf" or char in _KEPT_FORMAT


def _visible(char: str) -> bool:
    """A character that puts ink on the screen (not a space, joiner or lone combining mark)."""
    return unicodedata.category(char)[0] in "LNPS"


def parse_phone(text: str) -> str:
    """A Japanese (or +country) phone number -> E.164, e.g. ``090-1234-5678`` -> ``+819012345678``."""
    folded = tidy(text).translate(_DASHES)
    if not folded:
        raise Rejected("empty")
    if len(folded) > MAX_PHONE_CHARS or not _PHONE_CHARS.match(folded):
        raise Rejected("phone")
    phonenumbers = _phonenumbers()
    try:
        number = phonenumbers.parse(folded, PHONE_REGION)
    except phonenumbers.NumberParseException:
        raise Rejected("phone") from None
    if not phonenumbers.is_valid_number(number):
        raise Rejected("phone")
    return str(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164))


def format_phone(e164: str) -> str:
    """National format for Japanese numbers (052-123-4567), international for others."""
    phonenumbers = _phonenumbers()
    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return e164
    if phonenumbers.region_code_for_number(number) == PHONE_REGION:
        return str(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL))
    return str(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL))


def parse_email(text: str) -> str:
    """An e-mail address, normalised (domain lower-cased); deliverability is not checked (no network)."""
    folded = tidy(text)
    if not folded:
        raise Rejected("empty")
    if len(folded) > MAX_EMAIL_CHARS:
        raise Rejected("email")
    email_validator = _email_validator()
    try:
        return str(email_validator.validate_email(folded, check_deliverability=False).normalized)
    except email_validator.EmailNotValidError:
        raise Rejected("email") from None


def parse_date(text: str, today: dt.date, min_days: float | None = None, max_days: float | None = None) -> str:
    """2026-12-03, 2026/12/3, 12/3, 12月3日, 2026年12月3日, 3 Dec or December 3, 2026 -> ISO date.

    A weekday in brackets (12月3日(水)) is ignored.

    Without a year the date is the next one on or after ``today``. ``min_days``/``max_days`` bound the date
    relative to ``today`` (0 = today, 1 = tomorrow, -30 = a month ago).
    """
    folded = tidy(text).casefold().replace(" ", "")
    if not folded:
        raise Rejected("empty")
    earliest = today + dt.timedelta(days=int(min_days)) if min_days is not None else None
    latest = today + dt.timedelta(days=int(max_days)) if max_days is not None else None
    if len(folded) > MAX_SHORT_INPUT:
        raise Rejected("date", min=earliest, max=latest)
    folded = _WEEKDAY_SUFFIX.sub("", folded)
    year: int | None
    if match := _ISO_DATE.match(folded):
        year, month, day = (int(g) for g in match.groups())
    elif match := _MONTH_DAY.match(folded):
        year, month, day = None, int(match[1]), int(match[2])
    elif match := _JA_DATE.match(folded):
        year = int(match[1]) if match[1] else None
        month, day = int(match[2]), int(match[3])
    elif (match := _DAY_MONTH.match(folded)) and _month(match[2]):
        year, month, day = (int(match[3]) if match[3] else None), _month(match[2]), int(match[1])
    elif (match := _MONTH_NAME_DAY.match(folded)) and _month(match[1]):
        year, month, day = (int(match[3]) if match[3] else None), _month(match[1]), int(match[2])
    else:
        raise Rejected("date", min=earliest, max=latest)
    try:
        if year is None:
            value = dt.date(today.year, month, day)
            if value < today:
                value = dt.date(today.year + 1, month, day)
        else:
            value = dt.date(year, month, day)
    except ValueError:  # 2月30日, 13/1, or 2/29 in a common year
        raise Rejected("date", min=earliest, max=latest) from None
    if (earliest is not None and value < earliest) or (latest is not None and value > latest):
        raise Rejected("date", min=earliest, max=latest)
    return value.isoformat()


def _month(name: str) -> int:
    """``dec``/``december`` -> 12; 0 for anything else."""
    return next((i + 1 for i, month in enumerate(_MONTHS) if len(name) >= 3 and month.startswith(name)), 0)


def parse_number(text: str, min_value: float | None = None, max_value: float | None = None) -> str:
    """A number typed with any digits (４２, 1,000) -> plain decimal text ("42", "1000", "2.5")."""
    folded = tidy(text).replace(",", "").replace(" ", "")
    if not folded:
        raise Rejected("empty")
    bounds = {"min": number_text(min_value), "max": number_text(max_value)}
    if len(folded) > MAX_SHORT_INPUT or not _NUMBER.match(folded):
        raise Rejected("number", **bounds)
    try:
        value = Decimal(folded)
    except InvalidOperation:
        raise Rejected("number", **bounds) from None
    if (min_value is not None and value < Decimal(str(min_value))) or \
            (max_value is not None and value > Decimal(str(max_value))):
        raise Rejected("number", **bounds)
    return _decimal_text(value)


def number_text(value: float | None) -> str | None:
    """18.0 -> "18"; None stays None."""
    return None if value is None else _decimal_text(Decimal(str(value)))


def _decimal_text(value: Decimal) -> str:
    if value == value.to_integral_value():
        return str(int(value))
    return format(value.normalize(), "f")


def label_key(text: str) -> str:
    """How a typed answer is compared with a button label: NFKC, case-folded, spaces collapsed."""
    return fold(tidy(text))


def match_choice(text: str, choices: Sequence[Choice]) -> str | None:
    """The id of the choice whose label is exactly what was typed (ignoring width and case), else None."""
    key = label_key(text)
    for choice in choices:
        if label_key(choice.label) == key:
            return choice.id
    return None
