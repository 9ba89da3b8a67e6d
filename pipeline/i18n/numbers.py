"""Numbers as charts, packs and workbooks print them: one rule per language.

- Decimal mark: comma in Finnish and Swedish, point in English.
- Minus: the true minus sign U+2212; a value that rounds to zero prints without a sign.
- Percent: Finnish and Swedish put a space before the sign ("12 %", as their style guides
  and Statistics Finland do), English writes it closed up ("12%").
- Means: one decimal; shares: whole percent; balance figures: a signed whole number ("+12",
  "−3", "0"); other quantities (activation ratios): one decimal, none from 1,000 on.
- Excel cells hold numbers with a number format (:func:`excel_format`); Excel shows the
  reader's decimal mark itself.
- Ranges of codes and years use an en dash ("1–5", "2009–2021"): :func:`span`."""

from __future__ import annotations

import math
from collections.abc import Sequence

import pandas as pd

MINUS = "−"  # U+2212, as in print
DASH = "–"  # U+2013 between the ends of a range
SHARES = ("top2_share", "bottom2_share", "dont_know_share", "share")
COMMA_LANGUAGES = ("fi", "sv")


def decimal(value: float, digits: int, language: str) -> str:
    """``value`` with ``digits`` decimals, the language's decimal mark and a true minus."""
    text = f"{value:.{digits}f}"
    if text.startswith("-"):
        text = text[1:] if float(text) == 0 else MINUS + text[1:]
    return text.replace(".", ",") if language in COMMA_LANGUAGES else text


def decimals(values: pd.Series, language: str, digits: int = 1) -> pd.Series:
    """Vectorised :func:`decimal`."""
    return values.astype(float).map(lambda v: decimal(v, digits, language))


def percent_sign(number: str, language: str) -> str:
    """``number`` (already formatted) with the language's percent sign."""
    return f"{number}%" if language == "en" else f"{number} %"


def percent(value: float, language: str, digits: int = 0) -> str:
    return percent_sign(decimal(value, digits, language), language)


def percents(values: pd.Series, language: str, digits: int = 0) -> pd.Series:
    """Vectorised :func:`percent`."""
    return values.astype(float).map(lambda v: percent(v, language, digits))


def signed(value: float, language: str, digits: int = 0) -> str:
    """'+12', '−3', '0' (a value that rounds to zero has no sign)."""
    number = decimal(value, digits, language)
    if float(number.replace(",", ".").replace(MINUS, "-")) == 0 or number.startswith(MINUS):
        return number
    return "+" + number


def confidence(level: float, language: str) -> str:
    """A confidence level (0.9) as printed in texts ("90 %", "90%"; "97,5 %")."""
    pct = level * 100
    digits = 0 if abs(pct - round(pct)) < 1e-9 else 1
    return percent(pct, language, digits)


def span(low: object, high: object) -> str:
    """'1–5' (or '4' when both ends are equal)."""
    return str(low) if low == high else f"{low}{DASH}{high}"


def codes_span(codes: Sequence[int]) -> str:
    """Answer codes as printed: a run '4–5', else a list '1, 3'."""
    ordered = sorted(int(c) for c in codes)
    if not ordered:
        return ""
    if ordered == list(range(ordered[0], ordered[-1] + 1)):
        return span(ordered[0], ordered[-1])
    return ", ".join(str(c) for c in ordered)


def value_text(value: float, statistic: str, language: str) -> str:
    """``value`` of ``statistic`` as printed in captions, findings and notes."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        raise ValueError("a missing or suppressed value has no text")
    if statistic in SHARES:
        return percent(value, language)
    if statistic == "balance":
        return signed(value, language)
    if statistic == "mean":
        return decimal(value, 1, language)
    # activation ratios and other quantities: one decimal, none from 1,000 on (euros)
    return decimal(value, 0 if abs(value) >= 1000 else 1, language)


def excel_format(statistic: str) -> str:
    """Excel number format of a statistic (Excel shows the reader's decimal separator)."""
    if statistic == "mean":
        return "0.0"
    if statistic == "balance":
        return "+0;-0;0"
    return "0"
