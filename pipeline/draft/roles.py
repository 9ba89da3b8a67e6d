"""Guess what each non-answer column is: respondent id, weight, municipality, region, group,
or personal data (e-mail, phone, names, free text, timestamps, IP addresses).

Every guess carries the reason shown in its ``# check:`` line. Over 300 lines: one guesser per
role, each a short function, and the word lists they share.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from pipeline.draft.lexicon import change_side, is_dont_know, rating_value
from pipeline.draft.sources import Column, Source
from pipeline.ingest.values import is_blank
from pipeline.io.readers import fold
from pipeline.io.reference import Reference

ROLES = ("respondent_id", "weight", "municipality", "region", "group")
HINTS = {
    "respondent_id": (
        r"\bid\b",
        "tunnus",
        "numero",
        r"\bnro\b",
        "respondent",
        r"\bcase",
        "löpnummer",
        "svarsnummer",
    ),
    "weight": ("paino", "vikt", "weight", r"\bwt\b", "kerroin"),
    "municipality": ("kunta", "kommun", "municipal", "kotikunta"),
    "region": ("maakunta", "landskap", "region", r"\balue\b", "hyvinvointialue", "välfärdsområde"),
    "group": (
        "ryhmä",
        "grupp",
        "group",
        "asema",
        "ställning",
        "role",
        "sektori",
        "taustaorganisaatio",
    ),
    "email": ("sähköposti", "e-post", "epost", "e-mail", "email", "s-posti"),
    "phone": ("puhelin", "puh", "telefon", "phone", "matkapuhelin", "mobil"),
    "name": (r"\bnimi\b", r"\bnamn\b", r"\bname\b", "etunimi", "sukunimi", "förnamn", "efternamn"),
    "timestamp": (
        "aika",
        r"\btid\b",
        "svarstid",
        "time",
        "date",
        "päivä",
        "datum",
        "pvm",
        "aikaleima",
        "timestamp",
        "started",
        "submitted",
    ),
    "free_text": (
        "avoin",
        "vapaa",
        "fritt",
        "öppen",
        "open",
        "kommentti",
        "kommentar",
        "comment",
        "palaute",
        "muuta",
        "övrigt",
    ),
    "ip": (r"\bip\b", "ip-osoite", "ip address"),
}
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[a-z]{2,}$", re.IGNORECASE)
_PHONE = re.compile(r"^\+?[\d\s()-]{7,18}$")
_PHONE_FI = re.compile(r"^(\+\d{2,3}\s?|0)\d{1,3}[\s-]\d{3,}[\s\d-]*$")
_IP = re.compile(r"^\d{1,3}(\.\d{1,3}){3}$")
_DATETIME = re.compile(
    r"^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}([ T]\d{1,2}[:.]\d{2}([:.]\d{2})?)?$|^\d{1,2}:\d{2}(:\d{2})?$"
)
PERSONAL_WORDS = {
    "email": "e-mail addresses",
    "phone": "phone numbers",
    "name": "names",
    "ip": "IP addresses",
    "timestamp": "timestamps",
    "free_text": "free text",
}


@dataclass
class Guess:
    column: Column
    why: str


@dataclass
class Roles:
    roles: dict[str, Guess] = field(default_factory=dict)
    personal: dict[int, Guess] = field(default_factory=dict)  # position -> guess
    personal_kind: dict[int, str] = field(default_factory=dict)

    def used(self) -> set[int]:
        return {g.column.position for g in self.roles.values()} | set(self.personal)


def hinted(col: Column, role: str) -> str | None:
    # a matrix statement is named by its own text, not by the question above it
    text = fold(col.label if col.stem else f"{col.name} {col.label}")
    for pattern in HINTS[role]:
        if re.search(pattern, text):
            return pattern.replace(r"\b", "")
    return None


def _share(values: pd.Series, pattern: re.Pattern[str]) -> float:
    texts = [str(v).strip() for v in values]
    return sum(bool(pattern.match(t)) for t in texts) / len(texts) if texts else 0.0


def personal_kind(col: Column) -> tuple[str, str] | None:
    """(kind, reason) when a column holds personal data."""
    vals = col.nonblank
    if col.is_datetime:
        return "timestamp", "date/time values"
    texts = [str(v) for v in vals if isinstance(v, str)]
    if texts and _share(pd.Series(texts), _EMAIL) >= 0.5:
        return "email", "values look like e-mail addresses"
    if (hint := hinted(col, "email")) and (not len(vals) or texts):
        return "email", f"name says '{hint}'"
    if texts and _share(pd.Series(texts), _IP) >= 0.5:
        return "ip", "values look like IP addresses"
    if texts and _share(pd.Series(texts), _DATETIME) >= 0.8:
        return "timestamp", "values look like dates or times"
    if texts and _share(pd.Series(texts), _PHONE) >= 0.5 and hinted(col, "phone"):
        return "phone", "values look like phone numbers"
    if texts and _share(pd.Series(texts), _PHONE_FI) >= 0.5:
        return "phone", "values look like phone numbers"
    # people's names are mostly distinct; "Kunnan nimi" (municipality names) repeats
    if (hint := hinted(col, "name")) and texts and len(set(texts)) > len(texts) / 2:
        return "name", f"name says '{hint}'"
    if texts and len(texts) >= 1:
        lengths = pd.Series([len(t) for t in texts])
        distinct = len(set(texts)) / len(texts)
        if lengths.mean() > 40 or (distinct > 0.6 and lengths.mean() > 15 and len(texts) > 3):
            return "free_text", f"long texts (mean {lengths.mean():.0f} characters)"
    if not len(vals) and hinted(col, "free_text") and not col.value_labels:
        return "free_text", f"an empty column whose name says '{hinted(col, 'free_text')}'"
    hint = hinted(col, "timestamp")
    stamps = not len(vals) or texts or _seconds(col)
    if hint and stamps and not col.value_labels and not _is_scale_like(col):
        return "timestamp", f"name says '{hint}'"
    return None


def _seconds(col: Column) -> bool:
    """Numbers as large as SPSS date-times (seconds since 1582)."""
    return col.numbers is not None and bool(col.numbers.dropna().gt(1e8).all())


def _is_scale_like(col: Column) -> bool:
    texts = col.texts()[:20]
    return any(is_dont_know(t) or change_side(t) or rating_value(t) is not None for t in texts)


def _numbers(col: Column) -> pd.Series:
    if col.numbers is None:
        return pd.Series([], dtype=float)
    return col.numbers[~col.values.map(lambda v: v is None or v == "" or v != v)]


def guess_roles(source: Source, reference: Reference | None) -> Roles:
    out = Roles()
    for col in source.columns:
        kind = personal_kind(col)
        if kind and not (col.value_labels and kind[0] != "timestamp"):
            out.personal[col.position] = Guess(col, kind[1])
            out.personal_kind[col.position] = kind[0]
    free = [c for c in source.columns if c.position not in out.personal]
    _respondent_id(free, _duplicate_rows(source), out)
    _weight([c for c in free if c.position not in out.used()], out)
    if reference is not None:
        _place(free, out, reference)
    else:
        for role in ("municipality", "region"):
            col = next(
                (
                    c
                    for c in free
                    if c.position not in out.used() and hinted(c, role) and not _is_scale_like(c)
                ),
                None,
            )
            if col is not None:
                out.roles[role] = Guess(
                    col,
                    f"name says '{hinted(col, role)}' (no reference files to compare values with)",
                )
    _group([c for c in free if c.position not in out.used()], out)
    return out


def _duplicate_rows(source: Source) -> pd.Series:
    """True for a row equal in every column to an earlier one (a double submission)."""
    table = pd.DataFrame({c.position: c.values.astype(str) for c in source.columns})
    return table.duplicated().reset_index(drop=True)


def _respondent_id(cols: list[Column], dup: pd.Series, out: Roles) -> None:
    best: tuple[int, Column, str] | None = None
    rows = int((~dup).sum())
    for col in cols:
        vals = col.values.reset_index(drop=True)[~dup]
        if rows == 0 or col.is_datetime or vals.map(is_blank).any():
            continue
        keys = [str(v).strip() for v in vals]
        if len(set(keys)) != rows:
            continue
        nums = _numbers(col).dropna()
        if len(nums) == len(col.values) and not (nums == nums.round()).all():
            continue  # unique non-integers: a weight, not an id
        hint = hinted(col, "respondent_id")
        score = (2 if hint else 0) + (col.position == 1)
        why = f"unique in all {rows} rows" + (f", name says '{hint}'" if hint else "")
        if int(dup.sum()):
            why += f" ({int(dup.sum())} exact duplicate rows aside: double submissions)"
        if best is None or score > best[0]:
            best = (score, col, why)
    if best is not None and best[0] > 0:
        out.roles["respondent_id"] = Guess(best[1], best[2])


def _weight(cols: list[Column], out: Roles) -> None:
    cands = []
    for col in cols:
        nums = _numbers(col)
        hint = hinted(col, "weight")
        gaps = int(col.values.map(is_blank).sum()) + int(nums.isna().sum())
        if col.value_labels or not len(nums) or (gaps and not hint):
            continue
        nums = nums.dropna()
        if not len(nums) or not (nums > 0).all() or (nums == nums.round()).all():
            continue
        cands.append((bool(hint), col, hint, gaps))
    cands.sort(key=lambda c: not c[0])
    if cands:
        has_hint, col, hint, gaps = cands[0]
        missing = f"; {gaps} rows have none and ingest stops there: fill them in"
        why = "positive, non-integer numbers" + (missing if gaps else " in every row")
        why += f", name says '{hint}'" if has_hint else " (no weight-like name: is it a weight?)"
        out.roles["weight"] = Guess(col, why)


def _place(cols: list[Column], out: Roles, ref: Reference) -> None:
    munis = ref.municipalities
    codes = set(munis["code"])
    names = {fold(n) for n in munis["name_fi"]} | {fold(n) for n in munis["name_sv"]}
    regions = ref.regions
    rcodes = set(regions["region_code"])
    rnames = {fold(n) for c in ("name_fi", "name_sv", "name_en") for n in regions[c]}
    for role, known_codes, known_names, width in (
        ("municipality", codes, names, 3),
        ("region", rcodes, rnames, 2),
    ):
        best = None
        for col in cols:
            if col.position in out.used() or col.is_datetime:
                continue
            distinct = col.texts()
            if not distinct or len(distinct) > 400:
                continue
            found = 0
            for text in distinct:
                num = _as_int(text)
                if num is not None:
                    found += f"{num:0{width}d}" in known_codes
                else:
                    found += fold(text) in known_names
            share = found / len(distinct)
            hint = hinted(col, role)
            if share < 0.9 or (not hint and len(distinct) < (10 if role == "municipality" else 2)):
                continue
            if role == "region" and hinted(col, "municipality") and not hint:
                continue
            score = (share, bool(hint), len(distinct))
            why = (
                f"{found} of its {len(distinct)} distinct values are "
                f"{'municipalities' if role == 'municipality' else 'regions'} of the "
                "reference files" + (f", name says '{hint}'" if hint else "")
            )
            if best is None or score > best[0]:
                best = (score, col, why)
        if best is not None:
            out.roles[role] = Guess(best[1], best[2])


def _as_int(text: str) -> int | None:
    try:
        f = float(text.replace(",", "."))
    except ValueError:
        return None
    return int(f) if f == int(f) else None


def _group(cols: list[Column], out: Roles) -> None:
    best = None
    for col in cols:
        if col.is_datetime:
            continue
        if col.value_labels:
            labels = [t for c, t in col.value_labels.items() if c not in col.user_missing]
        else:
            labels = col.texts()
            if any(_as_int(t) is not None for t in labels):
                continue
        if not 2 <= len(labels) <= 30 or _is_scale_like(col):
            continue
        if any(rating_value(t) is not None for t in labels):
            continue
        hint = hinted(col, "group")
        score = (bool(hint), bool(col.value_labels), -col.position)
        if not hint and len(col.texts()) > 30:
            continue
        kind = "a labelled code variable" if col.value_labels else "a column of label texts"
        why = f"{kind} with {len(labels)} categories" + (
            f", name says '{hint}'" if hint else " (no group-like name)"
        )
        if best is None or score > best[0]:
            best = (score, col, why)
    if best is not None:
        out.roles["group"] = Guess(best[1], best[2])
