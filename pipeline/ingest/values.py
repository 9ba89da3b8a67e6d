"""Turning raw cells (codes, label texts, numbers with decimal commas) into harmonised values.

Each function maps the *unique* raw values of a column once and broadcasts the result, so a
column of 200,000 answers costs a dictionary look-up per distinct value, not per cell.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Hashable
from typing import Any

import numpy as np
import pandas as pd

from pipeline.codebook import Scale, Text
from pipeline.io.readers import fold

STATUS_VALID, STATUS_DK, STATUS_MISSING = "valid", "dont_know", "missing"
_BLANK = object()


def is_blank(value: Any) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and not value.strip()


def as_number(value: Any, decimal: str = ",") -> float | None:
    """A number from a cell: 4, 4.0, "4", " 4,0 ", "1 234,5" (decimal comma); else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float | np.integer | np.floating):
        return float(value)
    if not isinstance(value, str):
        return None
    text = value.strip().replace("\u00a0", "").replace(" ", "")
    if decimal == ",":
        if text.count(",") == 1 and "." in text and text.index(".") < text.index(","):
            text = text.replace(".", "")  # 1.234,5
        text = text.replace(",", ".")
    try:
        number = float(text)
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def as_code(value: Any) -> int | None:
    """An integer code from a numeric or numeric-text cell (4, 4.0, "4", "4,0"), else None."""
    number = as_number(value)
    if number is None or number != int(number):
        return None
    return int(number)


def code_text(value: Any) -> str:
    """The text form of a code-like cell: 1.0 -> "1", " 14 " -> "14", "abc" -> "abc"."""
    code = as_code(value)
    return str(code) if code is not None else str(value).strip()


def map_unique(series: pd.Series, fn: Callable[[Any], Any]) -> tuple[list[Any], np.ndarray]:
    """Apply ``fn`` to each distinct value; returns (results per distinct value, inverse index)."""
    values = series.to_numpy(dtype=object)
    keys: list[Hashable] = [_key(v) for v in values]
    index: dict[Hashable, int] = {}
    inverse = np.empty(len(keys), dtype=np.int64)
    firsts: list[Any] = []
    for i, k in enumerate(keys):
        j = index.get(k)
        if j is None:
            j = index[k] = len(firsts)
            firsts.append(values[i])
        inverse[i] = j
    return [fn(v) for v in firsts], inverse


def _key(value: Any) -> Hashable:
    if is_blank(value):
        return _BLANK
    if isinstance(value, float) and value == int(value):
        return int(value)
    return value if isinstance(value, Hashable) else str(value)


def label_lookup(labels: list[tuple[Any, Text]], language: str) -> dict[str, Any]:
    """folded label -> value; the export's language wins, other languages fill the gaps.

    A label that means different values in two other languages is left out (ambiguous)."""
    out: dict[str, Any] = {}
    for value, text in labels:
        out.setdefault(fold(text.get(language)), value)
    others: dict[str, set[Any]] = {}
    for value, text in labels:
        for lang in ("fi", "sv", "en"):
            if lang != language:
                others.setdefault(fold(text.get(lang)), set()).add(value)
    for key, values in others.items():
        if key not in out and len(values) == 1:
            out[key] = next(iter(values))
    out.pop("", None)
    return out


class ScaleReader:
    """Classifies the cells of one item column on a scale: (code, status) or an error."""

    def __init__(self, scale: Scale, language: str, recode: dict[int, int] | None) -> None:
        self.scale = scale
        self.recode = recode or {}
        entries = [(c, t) for c, t in scale.codes.items()] + list(scale.dont_know.items())
        self.labels = label_lookup(entries, language)
        self.missing_labels = {fold(m) for m in scale.missing_labels}

    def classify(self, value: Any) -> tuple[float, str, bool] | None:
        """(code, status, declared_missing) of one cell; None when it is not on the scale.

        ``declared_missing`` is True for a value the codebook declares as missing (counted in
        the metrics), False for a blank cell."""
        if is_blank(value):
            return (math.nan, STATUS_MISSING, False)
        code = as_code(value)
        if code is None:
            key = fold(value)
            if key in self.missing_labels:
                return (math.nan, STATUS_MISSING, True)
            code = self.labels.get(key)
            if code is None:
                return None
        else:
            # recode translates the file's codes; a label text already names a codebook code
            code = self.recode.get(code, code)
        if code in self.scale.codes:
            return (float(code), STATUS_VALID, False)
        if code in self.scale.dont_know:
            return (float(code), STATUS_DK, False)
        if code in self.scale.missing_codes:
            return (math.nan, STATUS_MISSING, True)
        return None
