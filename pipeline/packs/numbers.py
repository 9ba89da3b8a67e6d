"""Numbers as a pack prints them: decimal comma in Finnish and Swedish, one decimal for means,
whole percent for shares, a signed whole number for balance figures."""

from __future__ import annotations

import math

MINUS = "−"  # U+2212, as in print
SHARES = ("top2_share", "bottom2_share", "dont_know_share", "share")


def decimal(value: float, digits: int, language: str) -> str:
    text = f"{value:.{digits}f}"
    if text.startswith("-"):
        text = text[1:] if float(text) == 0 else MINUS + text[1:]
    return text.replace(".", ",") if language in ("fi", "sv") else text


def percent(value: float, language: str) -> str:
    number = decimal(value, 0, language)
    return f"{number}%" if language == "en" else f"{number} %"


def signed(value: float, language: str) -> str:
    number = decimal(value, 0, language)
    if number == "0" or number.startswith(MINUS):
        return number
    return "+" + number


def value_text(value: float, statistic: str, language: str) -> str:
    """``value`` of ``statistic`` as printed in captions and notes."""
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
