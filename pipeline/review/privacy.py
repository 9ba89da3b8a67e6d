"""Screening of the workshop's free text for personal data: e-mail addresses, phone numbers
(Finnish and international, by Google's libphonenumber port ``phonenumbers``) and Finnish
personal identity codes (henkilötunnus, with its check character). Pure: returns what kind of
data was found, never the text itself, so that error messages cannot leak it."""

from __future__ import annotations

import re

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
# DDMMYY, century sign (+ 1800s; - and Y X W V U 1900s; A B C D E F 2000s), 3-digit individual
# number, check character. Hand-written: no maintained library screens free text for these.
HETU = re.compile(r"(?<![0-9A-Za-z])(\d{6})([-+ABCDEFYXWVU])(\d{3})([0-9A-Y])(?![0-9A-Za-z])")
HETU_CHECK = "0123456789ABCDEFHJKLMNPRSTUVWXY"


def hetu_valid(date: str, individual: str, check: str) -> bool:
    """True when the check character matches and the date part is a plausible day."""
    day, month = int(date[:2]), int(date[2:4])
    if not (1 <= day <= 31 and 1 <= month <= 12):
        return False
    return HETU_CHECK[int(date + individual) % 31] == check


def find_personal_data(text: str) -> str | None:
    """The kind of personal data in ``text`` (``e-mail address``, ``personal identity code``,
    ``phone number``) or None."""
    if not text:
        return None
    if EMAIL.search(text):
        return "e-mail address"
    for m in HETU.finditer(text.upper()):
        if hetu_valid(m.group(1), m.group(3), m.group(4)):
            return "personal identity code"
    import phonenumbers

    matcher = phonenumbers.PhoneNumberMatcher(text, "FI", leniency=phonenumbers.Leniency.VALID)
    if matcher.has_next():
        return "phone number"
    return None
