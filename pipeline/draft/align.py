"""A second web export of the same round in another language, aligned with the first by
column position: its headers become the other language's item, question and theme texts, its
answer texts the scale labels, its group texts the group labels; a position whose header does
not match is reported and left out."""

from __future__ import annotations

from collections import defaultdict

from pipeline.draft.model import Draft, Export
from pipeline.draft.roles import PERSONAL_WORDS, guess_roles
from pipeline.draft.sources import Column, question_number, strip_numbering
from pipeline.io.readers import fold
from pipeline.io.reference import Reference


def align(draft: Draft, reference: Reference | None, e: Export, anchor: Export) -> None:
    """Columns at the same positions as in ``anchor`` hold the same things."""
    src, first = e.source, anchor.source
    if len(src.columns) != len(first.columns):
        e.notes.append(
            f"{len(src.columns)} columns, {anchor.source.path.name} has {len(first.columns)}: "
            "positions past the shorter file are not aligned"
        )
    e.aligned_with = anchor
    own = guess_roles(src, reference)
    for role, ref in anchor.roles.items():
        e.roles[role] = ref
        mine = own.roles.get(role)
        agree = mine is not None and mine.column.position == ref
        e.checks[role] = f"{role.replace('_', ' ')}: column {ref} as in {first.path.name}" + (
            ""
            if agree
            else f" (this file's own guess differs: {mine.column.position if mine else 'none'})"
        )
    e.personal = list(anchor.personal)
    for pos, g in own.personal.items():
        if pos not in [r for r, _ in e.personal]:
            e.personal.append((pos, f"{PERSONAL_WORDS[own.personal_kind[pos]]}: {g.why}"))
    mismatch = _align_headers(e, anchor)
    for iid, ref in anchor.items.items():
        if not isinstance(ref, int) or ref > len(src.columns):
            continue
        col = src.columns[ref - 1]
        if ref in mismatch:
            e.left_out.append(f"{iid}: {ref}  ({mismatch[ref]})")
            continue
        e.items[iid] = ref
        item = draft.items[iid]
        item.label.setdefault(e.language, col.label)
        stem = strip_numbering(col.stem)
        draft.text_keys.setdefault((e.language, fold(stem), fold(col.label)), iid)
        if stem:
            item.question.setdefault(e.language, stem)
            if item.theme:
                draft.themes[item.theme].setdefault(e.language, stem)
        _scale_texts(draft, e, iid, col)
    if "group" in anchor.roles:
        _group_texts(draft, e, anchor)


def _align_headers(e: Export, anchor: Export) -> dict[int, str]:
    """Positions whose header does not match the anchor's: same matrix statement texts
    must translate the same way, numbering and emptiness must agree."""
    pairs: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
    out: dict[int, str] = {}
    n = min(len(e.source.columns), len(anchor.source.columns))
    for j in range(n):
        a, b = anchor.source.columns[j], e.source.columns[j]
        qa, qb = question_number(a.stem or a.label), question_number(b.stem or b.label)
        if bool(a.label) != bool(b.label) or qa != qb:
            out[j + 1] = (
                f"header {b.display!r} does not match {a.display!r} of {anchor.source.path.name}"
            )
        elif a.stem:
            pairs[fold(a.label)][fold(b.label)].append(j + 1)
    for translations in pairs.values():
        if len(translations) > 1:
            sizes = sorted((len(p) for p in translations.values()), reverse=True)
            common = max(translations, key=lambda t: len(translations[t]))
            for t, positions in translations.items():
                if t != common or sizes[0] == sizes[1]:  # a tie: no majority to trust
                    for p in positions:
                        out[p] = (
                            f"header {e.source.columns[p - 1].label!r} does not match "
                            f"{anchor.source.columns[p - 1].label!r} of "
                            f"{anchor.source.path.name} (other columns translate it otherwise)"
                        )
    for p, why in sorted(out.items()):
        e.notes.append(f"column {p}: {why}")
    return out


def _scale_texts(draft: Draft, e: Export, iid: str, col: Column) -> None:
    scale = draft.scales[draft.items[iid].scale]
    for text in col.texts():
        code = scale.code_for(text, e.language)
        target = scale.codes if code in scale.codes else scale.dont_know
        if code is None:
            if text not in [m for m in scale.missing if isinstance(m, str)]:
                msg = f"{e.source.path.name}: answer {text!r} not matched to a code of {scale.id}"
                if msg not in scale.checks:
                    scale.checks.append(msg)
            continue
        have = target[code].get(e.language)
        if have is None:
            target[code][e.language] = text
        elif fold(have) != fold(text):
            msg = f"{e.source.path.name}: code {code} is {have!r} and {text!r}"
            if msg not in scale.checks:
                scale.checks.append(msg)


def _group_texts(draft: Draft, e: Export, anchor: Export) -> None:
    """Group labels of the second language: matched by share of respondents and spelling
    (the two files hold different respondents, so this is a guess to check)."""
    import difflib

    import numpy as np
    from scipy.optimize import linear_sum_assignment

    pos = anchor.roles["group"]
    a_col = anchor.source.columns[int(pos) - 1]
    b_col = e.source.columns[int(pos) - 1]
    known = {fold(t): c for c, ts in draft.groups.items() for t in ts.values()}
    a_share = a_col.nonblank.map(lambda v: known.get(fold(v))).value_counts(normalize=True)
    b_share = b_col.nonblank.map(lambda v: str(v).strip()).value_counts(normalize=True)
    todo = [t for t in b_share.index if fold(t) not in known]
    codes = [c for c in draft.groups if e.language not in draft.groups[c]]
    if not todo or not codes:
        return
    cost = np.array(
        [
            [
                abs(float(a_share.get(c, 0.0)) - float(b_share[t]))
                + 0.3
                * (
                    1
                    - difflib.SequenceMatcher(
                        None, fold(t), fold(draft.groups[c].get("fi", ""))
                    ).ratio()
                )
                for c in codes
            ]
            for t in todo
        ]
    )
    rows, cols = linear_sum_assignment(cost)
    for r, c in zip(rows, cols, strict=True):
        code = codes[c]
        draft.groups[code][e.language] = todo[r]
        draft.group_checks[code] = (
            f"{e.language} label {todo[r]!r} matched to group {code} by share of respondents "
            "and spelling: confirm the translation"
        )
    for r in set(range(len(todo))) - set(rows):
        code = draft.new_group_code()
        draft.groups[code] = {e.language: todo[r]}
        draft.group_checks[code] = f"group {todo[r]!r} of {e.source.path.name} has no match"
