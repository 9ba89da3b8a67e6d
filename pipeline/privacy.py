"""Personal data in text: e-mail addresses, phone numbers (Finnish and international, by
Google's libphonenumber port ``phonenumbers``) and Finnish personal identity codes
(henkilötunnus). One place for both uses: :func:`find_personal_data` screens the workshop's
free text (with the identity code's check character; returns what kind of data was found,
never the text itself), :func:`mask_personal` masks anything of those shapes in an error
message (``pipeline.errors``)."""

from __future__ import annotations

import re

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
# DDMMYY, century sign (+ 1800s; - and Y X W V U 1900s; A B C D E F 2000s), 3-digit individual
# number, check character. Hand-written: no maintained library screens free text for these.
HETU = re.compile(r"(?<![0-9A-Za-z])(\d{6})([-+ABCDEFYXWVU])(\d{3})([0-9A-Y])(?![0-9A-Za-z])")
HETU_CHECK = "0123456789ABCDEFHJKLMNPRSTUVWXY"
# the same shape in either case, check character not verified (masking errs on the safe side)
HETU_ANY_CASE = re.compile(HETU.pattern, re.IGNORECASE)
# fewer digits than this cannot be a phone number (saves the matcher on most messages)
_PHONE_DIGITS = 7


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
    if phone_spans(text):
        return "phone number"
    return None


def phone_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each valid phone number in ``text`` (libphonenumber, region FI: a
    number's length and prefixes must be real, so "region_code=01 (10520 respondents" or a
    row range is not one)."""
    if sum(c.isdigit() for c in text) < _PHONE_DIGITS:
        return []
    import phonenumbers

    leniency = phonenumbers.Leniency.VALID
    return [(m.start, m.end) for m in phonenumbers.PhoneNumberMatcher(text, "FI", leniency)]


def mask_personal(text: str) -> str:
    """Replace anything that looks like an e-mail address, a Finnish personal identity code or
    a phone number with a placeholder, so that an error message never repeats personal data."""
    text = EMAIL.sub("<e-mail>", text)
    text = HETU_ANY_CASE.sub("<personal id>", text)
    for start, end in reversed(phone_spans(text)):
        text = f"{text[:start]}<phone>{text[end:]}"
    return text
