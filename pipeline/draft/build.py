"""Draft a codebook from exports: read each file, guess roles, find the scales and items, line
up rounds (same label text or variable name -> same item id) and languages (a second web
export of a round is aligned with the first by column position).

Over 300 lines: the steps share the draft being built (one class), and each is short."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

from pipeline.draft.align import align
from pipeline.draft.lexicon import guess_language
from pipeline.draft.model import Draft, Export, Item
from pipeline.draft.roles import PERSONAL_WORDS, guess_roles
from pipeline.draft.scales import LabelSet, Scale, from_texts, from_value_labels, scale_name, slug
from pipeline.draft.sources import (
    Column,
    Source,
    language_from_name,
    question_number,
    read_source,
    round_from_name,
    strip_numbering,
)
from pipeline.io.readers import fold
from pipeline.io.reference import Reference

LANG_ORDER = {"fi": 0, "sv": 1, "en": 2}


def draft_codebook(files: list[Path], reference: Reference | None, survey: str | None) -> Draft:
    sources = [read_source(f) for f in files]
    exports = [_export_of(s) for s in sources]
    exports.sort(
        key=lambda e: (e.round, e.source.is_web, LANG_ORDER[e.language], e.source.path.name)
    )
    draft = Draft(*_survey(survey, reference), title=_title(sources, exports))
    builder = _Builder(draft, reference)
    anchors: dict[int, Export] = {}
    for e in exports:
        anchor = anchors.get(e.round)
        if e.source.is_web and anchor is not None and anchor.language != e.language:
            align(draft, reference, e, anchor)
        else:
            builder.primary(e)
            if e.source.is_web and e.round not in anchors:
                anchors[e.round] = e
        draft.exports.append(e)
    builder.finish()
    return draft


def _survey(survey: str | None, reference: Reference | None) -> tuple[str, str]:
    if survey:
        return survey, ""
    if reference is not None and (reference.folder / "population.csv").is_file():
        try:
            ids = sorted(set(reference.population()["survey"]) - {"activation"})
        except Exception:  # a broken population.csv is reported by `barometer check`
            ids = []
        if len(ids) == 1:
            return ids[0], "survey id found in reference/population.csv"
    return "barometer", "survey id: must match the survey column of reference/population.csv"


def _title(sources: list[Source], exports: list[Export]) -> dict[str, str]:
    for s in sources:
        if s.title:
            text = re.sub(r"\s*\(?\b(19|20)\d\d\b\)?", "", s.title).strip(" -:,")
            return {"fi": text or s.title}
    return {"fi": "Hyvinvointibarometri", "sv": "Välfärdsbarometern", "en": "Welfare barometer"}


def _export_of(source: Source) -> Export:
    checks = {}
    rnd = round_from_name(source.path)
    if rnd is None:
        rnd = 2000
        checks["round"] = "no year in the file name: write the survey round (year) here"
    lang = language_from_name(source.path)
    if lang is None:
        texts = [c.label for c in source.columns] + [
            t for c in source.columns for t in (list(c.value_labels.values()) or c.texts()[:5])
        ]
        lang = guess_language(texts) or "fi"
        checks["language"] = f"language {lang} guessed from the words of the labels"
    return Export(source, rnd, lang, checks)


class _Builder:
    def __init__(self, draft: Draft, reference: Reference | None) -> None:
        self.d = draft
        self.ref = reference
        self.by_name: dict[str, str] = {}  # SPSS variable name -> item
        self.theme_of_stem: dict[tuple[str, str], str] = {}
        self.sets: dict[tuple, str] = {}  # label-set signature -> scale id

    # ------------------------------------------------------------------ roles and groups
    def _roles(self, e: Export) -> set[int]:
        roles = guess_roles(e.source, self.ref)
        for role, g in roles.roles.items():
            e.roles[role] = e.ref(g.column.position)
            e.checks[role] = f"{role.replace('_', ' ')}: {g.column.name!r}: {g.why}"
        for pos, g in roles.personal.items():
            what = PERSONAL_WORDS[roles.personal_kind[pos]]
            e.personal.append((e.ref(pos), f"{what}: {g.why}"))
        if "municipality" not in e.roles and "region" not in e.roles:
            e.notes.append("no municipality or region column found: map one (ingest needs it)")
        if "group" not in e.roles:
            e.notes.append("no respondent-group column found: map `group` (ingest needs it)")
        else:
            self._groups(e, roles.roles["group"].column)
        return roles.used()

    def _groups(self, e: Export, col: Column) -> None:
        lang = e.language
        found = {fold(t): code for code, texts in self.d.groups.items() for t in texts.values()}
        mapping: dict[str, str] = {}
        if col.value_labels:
            for code, text in sorted(col.value_labels.items()):
                if code in col.user_missing:
                    continue
                ours = found.get(fold(text))
                if ours is None:
                    ours = str(code) if str(code) not in self.d.groups else self.d.new_group_code()
                    self.d.groups[ours] = {lang: text}
                    found[fold(text)] = ours
                mapping[str(code)] = ours
            if any(k != v for k, v in mapping.items()):
                e.group_codes = mapping
                e.notes.append(
                    "group_codes: the file's group codes differ from earlier rounds "
                    "(matched by label)"
                )
            return
        for text in col.texts():
            if fold(text) not in found:
                code = self.d.new_group_code()
                self.d.groups[code] = {lang: text}
                found[fold(text)] = code
                self.d.group_checks[code] = (
                    f"code {code} given to {text!r} of {e.source.path.name} (the file has no "
                    "codes): use the group codes of reference/population.csv"
                )

    # ------------------------------------------------------------------ items of one export
    def primary(self, e: Export) -> None:
        used = self._roles(e)
        cols = [c for c in e.source.columns if c.position not in used]
        sets = self._label_sets(e, cols)
        stems: dict[str, list[Column]] = defaultdict(list)
        for c in cols:
            if c.position in sets:
                stems[c.stem].append(c)
        recodes: dict[str, dict[int, int]] = {}
        for c in cols:
            if c.position not in sets:
                if not c.nonblank.empty:
                    e.unmapped.append(
                        f"{c.name!r} ({c.display})" if c.display != c.name else repr(c.name)
                    )
                continue
            ls = sets[c.position]
            scale = self._scale(ls, e.language)
            if ls.recode:
                recodes[c.name] = ls.recode
            k = stems[c.stem].index(c) + 1
            iid = self._item(e, c, scale, k)
            e.items[iid] = e.ref(c.position)
        self._apply_recodes(e, recodes)

    def _label_sets(self, e: Export, cols: list[Column]) -> dict[int, LabelSet]:
        out: dict[int, LabelSet] = {}
        if not e.source.is_web:
            shared: dict[tuple, int] = defaultdict(int)
            for c in cols:
                shared[tuple(sorted(c.value_labels.items()))] += 1
            for c in cols:
                if c.value_labels:
                    matrix = shared[tuple(sorted(c.value_labels.items()))] >= 2
                    ls = from_value_labels(c, matrix)
                    if ls is not None:
                        out[c.position] = ls
            return out
        groups: dict[str, list[Column]] = defaultdict(list)
        for c in cols:
            texts = c.texts()
            if 0 < len(texts) <= 15 and all(_not_number(t) for t in texts):
                groups[c.stem or f"\x00{c.position}"].append(c)
        for members in groups.values():
            texts = list({fold(t): t for c in members for t in reversed(c.texts())}.values())
            ls = from_texts(texts)
            if ls is not None:
                for c in members:
                    out[c.position] = ls
        return out

    def _scale(self, ls: LabelSet, language: str) -> str:
        sig = (language, ls.signature())
        if sig in self.sets:
            return self.sets[sig]
        valid = {fold(t) for t in ls.valid.values()}
        for sid, s in self.d.scales.items():
            labels = s.labels(language)
            codes_of = [labels.get(fold(t)) for t in ls.valid.values()]
            if valid and all(c is not None for c in codes_of) and codes_of == sorted(codes_of):
                for code, t in ls.dont_know.items():
                    if fold(t) not in labels and code not in s.codes:
                        s.dont_know.setdefault(code, {}).setdefault(language, t)
                self.sets[sig] = sid
                return sid
        sid = scale_name(ls, set(self.d.scales))
        self.d.scales[sid] = Scale(
            sid,
            ls.kind,
            {c: {language: t} for c, t in ls.valid.items()},
            {c: {language: t} for c, t in ls.dont_know.items()},
            list(ls.missing),
            list(ls.checks),
        )
        self.sets[sig] = sid
        return sid

    def _item(self, e: Export, c: Column, scale: str, k: int) -> str:
        stem = strip_numbering(c.stem)
        key = (e.language, fold(stem), fold(c.label))
        iid = self.d.text_keys.get(key)
        how = "same question and label"
        if iid is None and not e.source.is_web:
            iid = self.by_name.get(c.name.casefold())
            how = "same variable name"
        if iid is not None and (self.d.items[iid].scale != scale or iid in e.items):
            iid = None
        if iid is not None:
            item = self.d.items[iid]
            item.rounds.append(e.round)
            item.label.setdefault(e.language, c.label)
            if stem:
                item.question.setdefault(e.language, stem)
            if how == "same variable name" and fold(item.label.get(e.language, "")) != fold(
                c.label
            ):
                item.checks.append(
                    f"{e.source.path.name} {c.name} matched by its variable name, but its label "
                    f"is {c.label!r}: the same question?"
                )
        else:
            iid = self._new_id(e, c, k)
            theme = self._theme(e.language, stem, iid)
            q = {e.language: stem} if stem else {e.language: c.label}
            self.d.items[iid] = Item(iid, scale, theme, {e.language: c.label}, q, [e.round])
        self.d.text_keys[key] = iid
        if not e.source.is_web:
            self.by_name.setdefault(c.name.casefold(), iid)
        return iid

    def _new_id(self, e: Export, c: Column, k: int) -> str:
        if not e.source.is_web:
            base = slug(c.name) or f"item{c.position}"
        else:
            n = question_number(c.stem) if c.stem else question_number(c.label)
            base = f"q{n}_{k}" if n is not None else slug(c.label)[:24] or f"col{c.position}"
        if not re.match(r"[a-z]", base):
            base = f"q{base}"
        iid, n = base, 2
        while iid in self.d.items:
            iid, n = f"{base}_{n}", n + 1
        return iid

    def _theme(self, language: str, stem: str, first_item: str) -> str:
        if not stem:
            return ""
        key = (language, fold(stem))
        if key not in self.theme_of_stem:
            m = re.match(r"([a-z]+\d*)_", first_item)
            base = m.group(1) if m else f"theme{len(self.d.themes) + 1}"
            tid, n = base, 2
            while tid in self.d.themes:
                tid, n = f"{base}_{n}", n + 1
            self.d.themes[tid] = {language: stem}
            self.theme_of_stem[key] = tid
        return self.theme_of_stem[key]

    def _apply_recodes(self, e: Export, recodes: dict[str, dict[int, int]]) -> None:
        """Variables whose codes run high to low: an export-wide ``recode`` when it touches no
        other scale of the file, else a recode per scale where the codebook supports it, else
        the items are left out (never read the wrong way round)."""
        if not recodes:
            return
        merged: dict[int, int] = {}
        for r in recodes.values():
            merged.update(r)
        clash = [
            iid
            for iid, ref in e.items.items()
            if ref not in recodes
            and set(merged) & set(self.d.scales[self.d.items[iid].scale].all_codes())
        ]
        names = ", ".join(sorted(recodes))
        if len({tuple(sorted(r.items())) for r in recodes.values()}) == 1 and not clash:
            e.recode = merged
            e.notes.append(f"recode {merged}: the codes of {names} run high to low in this file")
            return
        for iid, ref in e.items.items():
            if ref in recodes:
                e.recode_scales[self.d.items[iid].scale] = recodes[str(ref)]
        e.notes.append(f"recode per scale: the codes of {names} run high to low in this file")

    # ------------------------------------------------------------------ rounds
    def finish(self) -> None:
        rounds = sorted({e.round for e in self.d.exports})
        for e in self.d.exports:
            earlier = {i for x in self.d.exports if x.round < e.round for i in x.asked()}
            in_round = {i for x in self.d.exports if x.round == e.round for i in x.asked()}
            if e.round != rounds[0]:
                new = [i for i in e.items if i not in earlier]
                if new:
                    e.item_notes["new"] = f"new in {e.round}: {', '.join(new)}"
            dropped = [i for i in self.d.items if i not in in_round]
            if dropped:
                e.item_notes["dropped"] = (
                    f"not in {e.round} (asked in other rounds): {', '.join(dropped)}"
                )


def _not_number(text: str) -> bool:
    try:
        float(text.replace(",", "."))
    except ValueError:
        return True
    return False
