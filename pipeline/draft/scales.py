"""Answer scales from the value-label sets of SPSS variables and the answer texts of web
exports: one scale per distinct set, codes low to high, don't-know codes, change or rating."""

from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass, field

from pipeline.draft.lexicon import (
    change_side,
    is_change_set,
    is_dont_know,
    is_no_answer,
    label_number,
    rating_value,
)
from pipeline.draft.sources import Column
from pipeline.io.readers import fold

SIDE_ORDER = {"improved": 0, "unchanged": 1, "worsened": 2}


@dataclass
class Scale:
    id: str
    kind: str  # rating | change
    codes: dict[int, dict[str, str]]  # code -> language -> label
    dont_know: dict[int, dict[str, str]] = field(default_factory=dict)
    missing: list[int | str] = field(default_factory=list)
    checks: list[str] = field(default_factory=list)

    def all_codes(self) -> set[int]:
        return set(self.codes) | set(self.dont_know)

    def improved(self) -> list[int]:
        return [c for c, t in self.codes.items() if change_side(_any(t)) == "improved"]

    def worsened(self) -> list[int]:
        return [c for c, t in self.codes.items() if change_side(_any(t)) == "worsened"]

    def labels(self, language: str) -> dict[str, int]:
        """folded label in ``language`` -> code (valid and don't-know)."""
        out = {}
        for c, t in [*self.codes.items(), *self.dont_know.items()]:
            if language in t:
                out[fold(t[language])] = c
        return out

    def value_of(self, code: int) -> float | None:
        t = self.codes.get(code)
        if t is None:
            return None
        vals = [rating_value(x) for x in t.values()]
        return next((v for v in vals if v is not None), None)

    def code_for(self, text: str, language: str) -> int | None:
        """The code of an answer text in another language, by what the words mean."""
        hit = self.labels(language).get(fold(text))
        if hit is not None:
            return hit
        if is_dont_know(text):
            return next(iter(self.dont_know), None)
        if self.kind == "change":
            side = change_side(text)
            hits = [c for c, t in self.codes.items() if change_side(_any(t)) == side]
            return hits[0] if side and len(hits) == 1 else None
        v = rating_value(text)
        if v is None:
            return None
        hits = [c for c in self.codes if self.value_of(c) == v]
        return hits[0] if len(hits) == 1 else None


def _any(texts: dict[str, str]) -> str:
    return next(iter(texts.values()), "")


def slug(text: str) -> str:
    ascii_ = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "_", ascii_.lower()).strip("_")


@dataclass
class LabelSet:
    """The answer labels of one column (or matrix) before they become a scale."""

    valid: dict[int, str]  # code -> label, low to high
    dont_know: dict[int, str]
    missing: list[int | str]
    kind: str
    checks: list[str] = field(default_factory=list)
    recode: dict[int, int] | None = None  # file code -> scale code for a reversed set

    def signature(self) -> tuple[tuple[int, str], ...]:
        return tuple((c, fold(t)) for c, t in self.valid.items())


def from_value_labels(col: Column, matrix: bool = False) -> LabelSet | None:
    """The label set of an SPSS variable, its codes put low to high (a reversed set is
    normalised and gets a recode). None when the labels are not an answer scale: a set whose
    words say nothing about an order, unless several variables share it (``matrix``) and it
    has at least three codes."""
    valid, dk, missing = {}, {}, []
    for code in sorted(col.value_labels):
        text = col.value_labels[code]
        if is_dont_know(text):
            dk[code] = text
        elif is_no_answer(text):
            missing.append(code)
        elif code in col.user_missing:
            dk[code] = text
        else:
            valid[code] = text
    for code in sorted(col.user_missing - set(col.value_labels)):
        missing.append(code)
    if len(valid) < 2:
        return None
    kind = "change" if is_change_set(list(valid.values())) else "rating"
    values = [rating_value(t) for t in valid.values()]
    known = [v for v in values if v is not None]
    if kind == "rating" and len(known) < 2 and not dk and not (matrix and len(valid) >= 3):
        return None  # a nominal set (a group, a yes/no): not a rating scale
    out = LabelSet(valid, dk, missing, kind)
    if kind == "rating":
        _check_order(out, values)
    if col.numbers is not None:
        seen = {int(v) for v in col.numbers.dropna().unique() if float(v) == int(v)}
        extra = sorted(seen - set(valid) - set(dk) - {m for m in missing if isinstance(m, int)})
        if extra:
            out.checks.append(
                f"codes {extra} occur in {col.name} but have no value label: declare them "
                "(codes, dont_know or missing) or ingest stops on them"
            )
    return out


def _check_order(ls: LabelSet, values: list[float | None]) -> None:
    pairs = [(i, v) for i, v in enumerate(values) if v is not None]
    if len(pairs) < 2:
        ls.checks.append(
            "the labels do not say which end is positive: codes kept low to high as in the file"
        )
        return
    ups = sum(b[1] > a[1] for a, b in itertools.pairwise(pairs))
    downs = sum(b[1] < a[1] for a, b in itertools.pairwise(pairs))
    if downs > ups:
        codes = list(ls.valid)
        texts = list(ls.valid.values())
        first = f"{codes[0]} = {texts[0]}"
        ls.recode = {c: r for c, r in zip(codes, reversed(codes), strict=True) if c != r}
        ls.valid = dict(zip(codes, reversed(texts), strict=True))
        ls.checks.append(
            f"the file's codes run high to low ({first}): the scale lists them low to high "
            f"and the export recodes {ls.recode}"
        )
    elif downs:
        ls.checks.append("the order of the labels is not monotone: put the codes low to high")


def from_texts(texts: list[str]) -> LabelSet | None:
    """The label set of web answer texts (a matrix's columns together)."""
    dk = [t for t in texts if is_dont_know(t)]
    missing: list[int | str] = [t for t in texts if is_no_answer(t)]
    valid = [t for t in texts if t not in dk and t not in missing]
    if len(valid) < 2 or len(valid) > 12:
        return None
    checks = []
    if is_change_set(valid):
        kind = "change"
        valid.sort(
            key=lambda t: (
                SIDE_ORDER.get(change_side(t) or "unchanged", 1),
                -abs(rating_value(t) or 0),
            )
        )
    else:
        kind = "rating"
        nums = [label_number(t) for t in valid]
        vals = [rating_value(t) for t in valid]
        if all(n is not None for n in nums):
            valid = [t for _, t in sorted(zip(nums, valid, strict=True))]
        elif sum(v is not None for v in vals) >= max(2, len(valid) - 1):
            fill = {t: (v if v is not None else 0.0) for t, v in zip(valid, vals, strict=True)}
            valid.sort(key=lambda t: fill[t])
            if any(v is None for v in vals):
                checks.append("one label's place was guessed (put in the middle): check the order")
        elif not dk:
            return None
        else:
            valid.sort()
            checks.append("the labels do not say their order: put the codes low to high")
    codes = {i + 1: t for i, t in enumerate(valid)}
    dk_code = 9 if len(valid) < 9 else 99
    dks = {dk_code + i: t for i, t in enumerate(dk)}
    checks.append(
        f"answer texts of a web export numbered 1-{len(valid)} in the order their words say "
        + (f"({valid[0]!r} lowest)" if kind == "rating" else "(improved first)")
        + (f", don't know {dk_code}" if dk else "")
        + ": if an SPSS file of another round uses other codes, use those"
    )
    return LabelSet(codes, dks, missing, kind, checks)


def scale_name(ls: LabelSet, taken: set[str]) -> str:
    if ls.kind == "change":
        base = f"change{len(ls.valid)}"
    else:
        top = list(ls.valid.values())[-1]
        words = [w for w in slug(top).split("_") if w not in _INTENSITY]
        base = f"{'_'.join(words)[:16] or 'rating'}{len(ls.valid)}"
    if not re.match(r"[a-z]", base):
        base = f"s_{base}"
    name, n = base, 2
    while name in taken:
        name, n = f"{base}_{n}", n + 1
    return name


_INTENSITY = {
    slug(w)
    for w in ("erittäin", "täysin", "mycket", "helt", "very", "completely", "aivan", "todella")
}
