"""Read an export for drafting: every column with its name, question stem, statement label,
values and (SPSS) value labels and user-missing codes.

SPSS metadata comes from pyreadstat (variable labels, value labels, user-missing ranges); web
exports are parsed by the same row readers as ingest (``pipeline.io.textfiles``), and their one
or two header rows are recognised from the rows themselves.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from pipeline.errors import UserError
from pipeline.ingest.values import as_number, is_blank
from pipeline.io.textfiles import csv_rows, decode_text, sniff_separator, xlsx_rows

_NUMBERING = re.compile(r"^\s*(?:q|k|f)?\s*(\d{1,3})[.)]\s*", re.IGNORECASE)
_YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20\d\d)(?!\d)")
_LANG_IN_NAME = re.compile(
    r"(?:^|[_\-. ])(fi|sv|en|fin|swe|eng|suomi|svenska|english)(?=$|[_\-. ])"
)
_LANG_CODES = {
    "fin": "fi",
    "suomi": "fi",
    "swe": "sv",
    "svenska": "sv",
    "eng": "en",
    "english": "en",
}


@dataclass
class Column:
    position: int  # 1-based
    name: str  # SPSS variable name, or the header text of a web export
    stem: str  # question stem shared by a matrix ("" if none)
    label: str  # the statement after the stem (or the whole label)
    values: pd.Series  # raw cells, object dtype
    value_labels: dict[int, str] = field(default_factory=dict)
    user_missing: set[int] = field(default_factory=set)
    is_datetime: bool = False
    numbers: pd.Series | None = None  # parsed numbers (NaN where not a number)

    @property
    def nonblank(self) -> pd.Series:
        return self.values[~self.values.map(is_blank)]

    @property
    def display(self) -> str:
        text = f"{self.stem}: {self.label}" if self.stem and self.label else self.stem or self.label
        return text[:70]

    def texts(self) -> list[str]:
        """Distinct non-blank cell texts, most frequent first."""
        counts = Counter(str(v).strip() for v in self.nonblank)
        return [t for t, _ in counts.most_common()]


@dataclass
class Source:
    path: Path
    kind: str  # "sav" or "web"
    columns: list[Column]
    rows: int
    header_rows: int = 1
    sheet: str | None = None
    separator: str | None = None
    decimal: str = ","
    title: str = ""

    @property
    def is_web(self) -> bool:
        return self.kind == "web"


def round_from_name(path: Path) -> int | None:
    years = _YEAR.findall(path.stem)
    return int(years[-1]) if years else None


def language_from_name(path: Path) -> str | None:
    m = _LANG_IN_NAME.search(path.stem.casefold())
    return _LANG_CODES.get(m.group(1), m.group(1)) if m else None


def strip_numbering(text: str) -> str:
    return _NUMBERING.sub("", text).strip()


def question_number(text: str) -> int | None:
    m = _NUMBERING.match(text)
    return int(m.group(1)) if m else None


def read_source(path: Path) -> Source:
    if not path.is_file():
        raise UserError(path, "", "file not found", "give the path of an export")
    suffix = path.suffix.lower()
    if suffix in (".sav", ".zsav"):
        return _read_sav(path)
    # The rows exactly as ingest reads them.
    if suffix in (".xlsx", ".xlsm"):
        rows = xlsx_rows(path, None)[0]
        return _web_source(path, rows, sheet=_first_sheet(path))
    if suffix in (".csv", ".txt", ".tsv"):
        text = decode_text(path, "auto")
        sep = sniff_separator(text)
        rows = csv_rows(path, text, sep)[0]
        return _web_source(path, rows, separator=sep)
    raise UserError(path, "", f"unsupported file type '{suffix}'", "use .sav, .zsav, .xlsx or .csv")


def _first_sheet(path: Path) -> str | None:
    import openpyxl

    wb = openpyxl.load_workbook(path, read_only=True)
    try:
        visible = [w.title for w in wb.worksheets if w.sheet_state == "visible"]
        return visible[0] if visible else None
    finally:
        wb.close()


# --------------------------------------------------------------------------- SPSS


def _read_sav(path: Path) -> Source:
    import pyreadstat

    try:
        df, meta = pyreadstat.read_sav(str(path), user_missing=True, apply_value_formats=False)
    except Exception as exc:  # pyreadstat raises several types for broken files
        why = " ".join(str(exc).split())[:120] or type(exc).__name__
        what = f"cannot be read as an SPSS file ({why})"
        raise UserError(path, "", what, "re-export it") from None
    labels = meta.column_names_to_labels or {}
    stems = split_stems([labels.get(c) or "" for c in meta.column_names])
    columns = []
    for i, name in enumerate(meta.column_names):
        fmt = str(meta.original_variable_types.get(name, "")).upper()
        missing: set[int] = set()
        for rng in meta.missing_ranges.get(name, []):
            lo, hi = rng["lo"], rng["hi"]
            if isinstance(lo, int | float) and isinstance(hi, int | float) and hi - lo <= 1000:
                missing |= set(range(int(lo), int(hi) + 1))
        vlabels = {
            int(k): str(v)
            for k, v in meta.variable_value_labels.get(name, {}).items()
            if isinstance(k, int | float) and float(k) == int(k)
        }
        values = df[name].astype(object)
        numeric = pd.to_numeric(df[name], errors="coerce") if df[name].dtype.kind in "fiu" else None
        stem, label = stems[i]
        columns.append(
            Column(
                position=i + 1,
                name=name,
                stem=stem,
                label=label or name,
                values=values,
                value_labels=vlabels,
                user_missing=missing,
                is_datetime=fmt.startswith(("DATE", "TIME", "ADATE", "EDATE", "SDATE", "DTIME"))
                or df[name].dtype.kind == "M",
                numbers=numeric,
            )
        )
    return Source(path, "sav", columns, len(df), title=meta.file_label or "")


def split_stems(labels: list[str]) -> list[tuple[str, str]]:
    """(stem, statement) per label: the stem is the part before ": " or " - " (a matrix shares
    it); the split point shared by most other labels wins, a label with none has no stem."""
    cands: list[list[int]] = []
    for text in labels:
        points = [m.start() for m in re.finditer(r": | - ", text)]
        cands.append(points)
    prefixes = Counter(text[:p] for text, pts in zip(labels, cands, strict=True) for p in pts)
    out = []
    for text, pts in zip(labels, cands, strict=True):
        if not pts:
            out.append(("", text.strip()))
            continue
        best = max(pts, key=lambda p: (prefixes[text[:p]], text[p : p + 2] == ": ", -p))
        out.append((text[:best].strip(), text[best + 2 :].strip(" -:")))
    return out


# --------------------------------------------------------------------------- web exports


def _data_like(value: Any, below: list[Any], decimal: str) -> bool:
    if is_blank(value):
        return False
    if as_number(value, decimal) is not None:
        return any(as_number(b, decimal) is not None for b in below)
    text = str(value).strip().casefold()
    return any(str(b).strip().casefold() == text for b in below if not is_blank(b))


def detect_header_rows(rows: list[list[Any]], decimal: str) -> int:
    """2 when the second row reads as headers (its texts are not found among the cells below
    it, or it is blank where the data are filled), else 1."""
    if len(rows) < 3:
        return 1
    second, body = rows[1], rows[2:52]
    filled = [j for j, v in enumerate(second) if not is_blank(v)]
    if not filled:
        return 2 if len(rows) > 2 else 1
    like = sum(_data_like(second[j], [r[j] for r in body if j < len(r)], decimal) for j in filled)
    blank_where_data = sum(
        1
        for j, v in enumerate(second)
        if is_blank(v) and sum(not is_blank(r[j]) for r in body if j < len(r)) > len(body) * 0.9
    )
    return 2 if like < len(filled) / 2 or blank_where_data >= 2 else 1


def _decimal_mark(rows: list[list[Any]]) -> str:
    comma = dot = 0
    for r in rows[:200]:
        for v in r:
            if isinstance(v, str):
                s = v.strip()
                comma += bool(re.fullmatch(r"-?\d+,\d+", s))
                dot += bool(re.fullmatch(r"-?\d+\.\d+", s))
    return "." if dot > comma else ","


def _web_source(
    path: Path, rows: list[list[Any]], sheet: str | None = None, separator: str | None = None
) -> Source:
    while rows and all(is_blank(v) for v in rows[0]):
        rows = rows[1:]
    if len(rows) < 2:
        raise UserError(path, "", "has no data rows under the header", "export it with its answers")
    width = max(len(r) for r in rows)
    rows = [list(r) + [None] * (width - len(r)) for r in rows]
    decimal = _decimal_mark(rows) if separator else "."
    nhead = detect_header_rows(rows, decimal)
    heads, body = rows[:nhead], [r for r in rows[nhead:] if not all(is_blank(v) for v in r)]
    top = _forward_fill(heads[0]) if nhead == 2 else [None] * width
    columns = []
    single = [str(h).strip() if not is_blank(h) else "" for h in heads[-1]]
    singles = split_stems(single) if nhead == 1 else [("", s) for s in single]
    for j in range(width):
        if nhead == 2:
            statement = single[j]
            first = str(heads[0][j]).strip() if not is_blank(heads[0][j]) else ""
            stem = str(top[j] or "").strip() if statement else ""
            label = statement or first
            name = statement or first
        else:
            stem, label = singles[j]
            name = single[j]
        values = pd.Series([r[j] for r in body], dtype=object)
        numbers = pd.Series([as_number(v, decimal) for v in values], dtype=float)
        columns.append(
            Column(
                position=j + 1,
                name=name or f"column {j + 1}",
                stem=stem,
                label=label,
                values=values,
                is_datetime=bool(len(values.dropna()))
                and all(isinstance(v, (pd.Timestamp, *_dt_types())) for v in values.dropna()),
                numbers=numbers,
            )
        )
    return Source(path, "web", columns, len(body), nhead, sheet, separator, decimal)


def _dt_types() -> tuple[type, ...]:
    import datetime as dt

    return (dt.datetime, dt.date, dt.time)


def _forward_fill(row: list[Any]) -> list[Any]:
    """A matrix question stands in its first column only; it covers the blank ones after it."""
    out, last = [], None
    for v in row:
        if not is_blank(v):
            last = v
        out.append(last)
    return out
