"""Turning raw cells (codes, label texts, numbers with decimal commas) into harmonised values.

Each function maps the *unique* raw values of a column once and broadcasts the result, so a
column of 200,000 answers costs a dictionary look-up per distinct value, not per cell.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Hashable
from typing import Any

import numpy as np
import pandas as pd

from pipeline.codebook import Scale, Text
from pipeline.errors import quote
from pipeline.i18n import LANGUAGES
from pipeline.io.digests import ASCII_STRIP
from pipeline.io.readers import fold
from pipeline.stats.types import STATUSES

STATUS_VALID, STATUS_DK, STATUS_MISSING = STATUSES
_BLANK = object()


def is_blank(value: Any) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and not value.strip()


class AmbiguousNumber(ValueError):
    """A number text that the export's declared format does not settle ("1.234" with a
    decimal comma: 1.234 or 1234?)."""


def parse_number(value: Any, decimal: str = ",", thousands: str | None = None) -> float | None:
    """A number from a cell, in the export's declared format; None when it is not a number.

    Spaces (also no-break spaces) between digit groups are always accepted ("1 234,5"): a
    space cannot be a decimal mark. A dot or comma is read as the declared ``decimal`` mark,
    or dropped where it is the declared ``thousands`` separator and groups digits by three.
    Any other dot or comma that could be read two ways raises :class:`AmbiguousNumber`:
    "1.234" or "2.500" in a decimal-comma export, "1.234,5" when no thousands separator is
    declared. One that can be read only one way ("1.5" in a decimal-comma export) is read so.
    (Hand-written: pandas/babel parse one declared locale and read "2.500" as 2.5 silently.)"""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float | np.integer | np.floating):
        number = float(value)
        return number if math.isfinite(number) else None
    if not isinstance(value, str):
        return None
    text = value.strip().replace("\u00a0", " ").replace("\u202f", " ")
    text = text.replace(" ", "") if re.fullmatch(r"[+-]?[\d.,]+( [\d.,]+)*", text) else text
    if not re.fullmatch(r"[+-]?[\d.,]*\d[\d.,]*([eE][+-]?\d+)?", text):
        return None
    other = "." if decimal == "," else ","
    if thousands in (".", ","):
        grouped = rf"[+-]?\d{{1,3}}(\{thousands}\d{{3}})+(\{decimal}\d+)?"
        if re.fullmatch(grouped, text):
            text = text.replace(thousands, "")
        elif thousands in text:
            raise AmbiguousNumber(
                f"does not group digits by three with the declared thousands separator "
                f"{thousands!r}"
            )
    elif other in text:
        if decimal in text or text.count(other) > 1:
            grouped = rf"[+-]?\d{{1,3}}(\{other}\d{{3}})+(\{decimal}\d+)?"
            if not re.fullmatch(grouped, text):
                return None
            raise AmbiguousNumber(
                f"uses {other!r} as a thousands separator, which the codebook does not declare"
            )
        if re.fullmatch(rf"[+-]?\d{{1,3}}(\{other}\d{{3}})+", text):
            as_decimal = float(text.replace(other, "."))
            raise AmbiguousNumber(
                f"reads two ways: {as_decimal:g} or {as_decimal * 1000:g} ({other!r} is not "
                "the declared decimal mark)"
            )
        text = text.replace(other, decimal) if text.count(other) == 1 else text
    text = text.replace(",", ".")
    if not re.fullmatch(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?", text):
        return None
    number = float(text)
    return number if math.isfinite(number) else None


def as_number(value: Any, decimal: str = ",", thousands: str | None = None) -> float | None:
    """A number from a cell: 4, 4.0, "4", " 4,0 ", "1 234,5" (decimal comma); else None (also
    when the text is ambiguous in the declared format, see :func:`parse_number`)."""
    try:
        return parse_number(value, decimal, thousands)
    except AmbiguousNumber:
        return None


def number_or_reason(value: Any, decimal: str, thousands: str | None) -> float | str:
    """The number of a cell, or why it is not one (for error messages)."""
    try:
        number = parse_number(value, decimal, thousands)
    except AmbiguousNumber as exc:
        return f"{quote(value)} {exc}"
    return f"{quote(value)} is not a number" if number is None else number


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
    firsts, inverse = distinct(series)
    return [fn(v) for v in firsts], inverse


def distinct(series: pd.Series) -> tuple[list[Any], np.ndarray]:
    """The distinct cells of a column (first raw value of each) and each row's index into them.

    Distinct values are found by ``pd.factorize`` (or taken from a categorical's codes), then
    merged where they mean the same cell (blank, 4 and 4.0): Python runs at most once per
    distinct raw value, never per cell. They are in order of first occurrence in the column."""
    if isinstance(series.dtype, pd.CategoricalDtype):
        raw_codes = np.asarray(series.cat.codes, dtype=np.int64)
        uniques = np.asarray(series.cat.categories, dtype=object)
    else:
        raw_codes, uniques = pd.factorize(series.to_numpy(dtype=object), sort=False)
        uniques = np.asarray(uniques, dtype=object)
    key_ids = _key_ids(uniques)
    row_keys = key_ids[raw_codes + 1]  # raw code -1 (NaN, None) is blank, key 0
    n_keys = int(key_ids.max()) + 1
    first = first_rows(row_keys, n_keys)
    present = np.flatnonzero(first < len(row_keys))
    order = present[np.argsort(first[present], kind="stable")]  # keys by first row
    remap = np.zeros(n_keys, dtype=np.int64)
    remap[order] = np.arange(len(order))
    which = raw_codes[first[order]]  # the raw value of each key's first row; -1: NaN/None
    firsts = uniques[np.maximum(which, 0)].tolist() if len(uniques) else [None] * len(which)
    for k in np.flatnonzero(which < 0):
        firsts[k] = None
    return firsts, remap[row_keys]


def _key_ids(uniques: np.ndarray) -> np.ndarray:
    """An id per raw value (index 0 for NaN/None, then one per unique) that two values share
    exactly when :func:`_key` says they are the same cell; blank is id 0."""
    if _all_text(uniques):  # text cells (CSV): only blanks coincide
        ids = np.arange(len(uniques) + 1, dtype=np.int64)
        ids[1:][blank_texts(uniques)] = 0
        return ids
    index: dict[Hashable, int] = {_BLANK: 0}
    ids = np.zeros(len(uniques) + 1, dtype=np.int64)
    for j, value in enumerate(uniques):
        ids[j + 1] = index.setdefault(_key(value), len(index))
    return ids


def _all_text(values: np.ndarray) -> bool:
    """Every value is a str (checked in C by pandas, not by a Python loop)."""
    return pd.api.types.infer_dtype(values, skipna=False) == "string"


_VECTORISE_FROM = 1000  # distinct texts; fewer are checked by a Python loop


def blank_texts(texts: np.ndarray) -> np.ndarray:
    """Per text: empty or white space only (``not text.strip()``). Many ASCII texts (ids,
    weights: one per respondent) are checked by pyarrow with the characters ``str.strip``
    removes from ASCII; any other text by Python."""
    if len(texts) >= _VECTORISE_FROM:
        import pyarrow as pa
        import pyarrow.compute as pc

        arr = pa.array(texts, type=pa.string())
        if pc.all(pc.string_is_ascii(arr)).as_py():
            stripped = pc.utf8_trim(arr, characters=ASCII_STRIP)
            return np.asarray(pc.equal(stripped, "").to_numpy(zero_copy_only=False), dtype=bool)
    return np.fromiter((not t.strip() for t in texts), dtype=bool, count=len(texts))


def first_rows(codes: np.ndarray, n_codes: int) -> np.ndarray:
    """For each code 0..n_codes-1, the first row where it occurs (len(codes) if none); no sort.

    Assigning in reverse row order leaves the earliest row for a repeated code (numpy
    applies a fancy-index assignment in order)."""
    first = np.full(n_codes, len(codes), dtype=np.int64)
    first[codes[::-1]] = np.arange(len(codes) - 1, -1, -1)
    return first


def first_occurrence_order(codes: np.ndarray, n_codes: int) -> np.ndarray:
    """The codes that occur, in order of their first row."""
    first = first_rows(codes, n_codes)
    present = np.flatnonzero(first < len(codes))
    return present[np.argsort(first[present], kind="stable")]


# A plain number text in ASCII, optionally padded with ASCII white space. Matched and
# converted by pyarrow (RE2 and a correctly rounded float parser, as Python's float() is)
# over all values at once; a number in any other form (Unicode digits or spaces, grouping,
# 16 or more digits) does not match and is parsed one by one by the caller, as before.
_ASCII_SPACE = r"[\t\n\v\f\r ]*"
_PLAIN = {
    mark: rf"^{_ASCII_SPACE}[+-]?[0-9]{{1,15}}(\{mark}[0-9]{{1,15}})?{_ASCII_SPACE}$"
    for mark in (".", ",")
}


def plain_numbers(values: list[Any], decimal: str) -> np.ndarray:
    """For each value, its number when it is a plain number text in the export's declared
    format ("12", "-3.5" with a decimal point, "3,5" with a decimal comma; no other
    separator, so it reads one way only): as :func:`parse_number` reads it; NaN for anything
    else (the caller parses those one by one). Vectorised (pyarrow compute) for columns such
    as weights and ids, where every value is distinct."""
    out = np.full(len(values), np.nan)
    pattern = _PLAIN.get(decimal)
    if pattern is None or not values:
        return out
    import pyarrow as pa
    import pyarrow.compute as pc

    if _all_text(np.asarray(values, dtype=object)):
        is_text = np.ones(len(values), dtype=bool)
    else:
        is_text = np.fromiter((type(v) is str for v in values), dtype=bool, count=len(values))
    if not is_text.any():
        return out
    texts = pa.array(values if is_text.all() else [values[i] for i in np.flatnonzero(is_text)])
    plain = pc.match_substring_regex(texts, pattern).to_numpy(zero_copy_only=False)
    if not plain.any():
        return out
    number = pc.utf8_trim(texts.filter(pa.array(plain)), characters="\t\n\v\f\r ")
    if pc.any(pc.starts_with(number, "+")).as_py():  # a regex pass only when needed (6 ms)
        number = pc.replace_substring_regex(number, r"^\+", "")
    if decimal == ",":
        number = pc.replace_substring(number, ",", ".")
    out[np.flatnonzero(is_text)[plain]] = pc.cast(number, pa.float64()).to_numpy()
    return out


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
        for lang in LANGUAGES:
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
