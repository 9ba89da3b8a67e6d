"""Write a :class:`Draft` as codebook YAML (docs/codebook.md) with ``# check:`` comments, and
the short summary printed after it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from pipeline.draft.model import Draft, Export, Texts
from pipeline.draft.scales import Scale
from pipeline.i18n import LANGUAGES


def scalar(value: Any) -> str:
    """One YAML scalar, quoted only where YAML needs it (also inside a flow mapping)."""
    text = yaml.safe_dump([value], allow_unicode=True, default_flow_style=True, width=10**6)
    return text.strip()[1:-1]


def texts(t: Texts) -> str:
    if "fi" not in t and t:  # fi is required: an export in sv or en only lends its text
        t = {"fi": next(iter(t.values())), **t}
    parts = [f"{lang}: {scalar(t[lang])}" for lang in LANGUAGES if lang in t]
    return "{" + ", ".join(parts) + "}"


def check(lines: list[str], indent: int, text: str) -> None:
    lines.append(f"{' ' * indent}# check: {text}")


def render(draft: Draft, folder: Path, files: list[Path]) -> str:
    out: list[str] = []
    names = ", ".join(f.name for f in files)
    out += [
        "# Codebook drafted by `barometer codebook draft` from: " + names,
        "# Format: docs/codebook.md. Every `# check:` line is a guess to confirm: read it, fix the",
        "# key below it if the guess is wrong, then delete the line. `barometer check --raw DIR`",
        "# validates the result without writing anything.",
        "",
    ]
    if draft.survey_why:
        check(out, 0, draft.survey_why)
    out.append(f"survey: {scalar(draft.survey)}")
    check(out, 0, "title of figure packs and charts: edit it and add sv and en")
    out.append(f"title: {texts(draft.title)}")
    out.append("")
    out.append("scales:")
    for s in draft.scales.values():
        _scale(out, s)
    if draft.themes:
        out.append("")
        out.append("themes:")
        for tid, t in draft.themes.items():
            out.append(f"  {tid}: {texts(t)}")
    out.append("")
    out.append("groups:")
    for code, t in draft.groups.items():
        if code in draft.group_checks:
            check(out, 2, draft.group_checks[code])
        out.append(f"  {scalar(str(code))}: {texts(t)}")
    out.append("")
    out.append("items:")
    anchors: dict[tuple, str] = {}  # a matrix's question is written once, then aliased
    for item in draft.items.values():
        for c in item.checks:
            check(out, 2, c)
        out.append(f"  {item.id}:")
        out.append(f"    scale: {item.scale}")
        if item.theme:
            out.append(f"    theme: {item.theme}")
        out.append(f"    label: {texts(item.label)}")
        if item.question != item.label:
            key = tuple(sorted(item.question.items()))
            if key in anchors:
                out.append(f"    question: *{anchors[key]}")
            else:
                anchors[key] = f"q_{item.theme or item.id}_{len(anchors) + 1}"
                out.append(f"    question: &{anchors[key]} {texts(item.question)}")
    out.append("")
    out.append("exports:")
    for e in draft.exports:
        _export(out, e, folder)
    return "\n".join(out) + "\n"


def _scale(out: list[str], s: Scale) -> None:
    for c in s.checks:
        check(out, 2, c)
    out.append(f"  {s.id}:")
    out.append(f"    kind: {s.kind}")
    out.append("    codes:")
    for code, t in s.codes.items():
        out.append(f"      {code}: {texts(t)}")
    if s.kind == "change":
        out.append(f"    improved: {s.improved()}")
        out.append(f"    worsened: {s.worsened()}")
    if s.dont_know:
        out.append("    dont_know:")
        for code, t in s.dont_know.items():
            out.append(f"      {code}: {texts(t)}")
    if s.missing:
        out.append(f"    missing: [{', '.join(scalar(m) for m in s.missing)}]")


def _rel(path: Path, folder: Path) -> str:
    try:
        return path.resolve().relative_to(folder.resolve()).as_posix()
    except ValueError:
        import os

        return Path(os.path.relpath(path.resolve(), folder.resolve())).as_posix()


def _export(out: list[str], e: Export, folder: Path) -> None:
    src = e.source
    out.append("")
    kind = "SPSS file" if not src.is_web else f"web export, {src.header_rows} header row(s)"
    if e.aligned_with is not None:
        kind += f", aligned by position with {e.aligned_with.source.path.name}"
    out.append(f"  # {src.path.name}: {kind}, {src.rows} rows")
    out.append(f"  - file: {scalar(_rel(src.path, folder))}")
    if "round" in e.checks:
        check(out, 4, e.checks["round"])
    out.append(f"    round: {e.round}")
    if "language" in e.checks:
        check(out, 4, e.checks["language"])
    out.append(f"    language: {e.language}")
    if src.is_web:
        out.append(f"    header_rows: {src.header_rows}")
        if src.sheet:
            out.append(f"    sheet: {scalar(src.sheet)}")
        if src.separator:
            out.append(f"    separator: {scalar(src.separator)}")
            out.append(f"    decimal: {scalar(src.decimal)}")
    for note in e.notes:
        check(out, 4, note)
    for role in ("respondent_id", "weight", "municipality", "region", "group"):
        if role in e.roles:
            check(out, 4, e.checks[role])
            out.append(f"    {role}: {scalar(e.roles[role])}")
    if e.group_codes:
        pairs = ", ".join(f"{k}: {scalar(v)}" for k, v in e.group_codes.items())
        out.append(f"    group_codes: {{{pairs}}}")
    recode = [f"{k}: {v}" for k, v in (e.recode or {}).items()]
    recode += [
        f"{sid}: {{{', '.join(f'{k}: {v}' for k, v in r.items())}}}"
        for sid, r in e.recode_scales.items()
    ]
    if recode:
        out.append(f"    recode: {{{', '.join(recode)}}}")
    if e.personal:
        out.append(
            "    # personal data, never read: " + "; ".join(f"{r}: {why}" for r, why in e.personal)
        )
        check(out, 4, "personal columns: add any other column with names or free text")
        out.append(f"    personal: [{', '.join(scalar(r) for r, _ in e.personal)}]")
    if e.unmapped:
        out.append(
            "    # not mapped (neither an answer scale nor a role): " + "; ".join(e.unmapped[:12])
        )
    for note in e.item_notes.values():
        out.append(f"    # {note}")
    out.append("    items:")
    for iid, ref in e.items.items():
        col = src.columns[ref - 1] if isinstance(ref, int) else None
        tail = f"  # {col.display}" if col is not None and col.display else ""
        out.append(f"      {iid}: {scalar(ref)}{tail}")
    for line in e.left_out:
        check(out, 6, "left out: " + line)


def check_lines(text: str) -> dict[str, int]:
    """`# check:` lines per top-level section of the rendered codebook."""
    counts: dict[str, int] = {}
    section, pending = "", 0
    for line in text.splitlines():
        if line.lstrip().startswith("# check:"):
            if line.startswith("#"):
                pending += 1  # a top-level comment belongs to the key below it
            else:
                counts[section] = counts.get(section, 0) + 1
        elif line and not line[0].isspace() and not line.startswith("#") and ":" in line:
            section = line.split(":", 1)[0]
            if pending:
                counts[section] = counts.get(section, 0) + pending
                pending = 0
    return counts


def summary(draft: Draft, text: str) -> str:
    rounds = sorted({e.round for e in draft.exports})
    lines = [
        f"codebook draft: {len(draft.exports)} exports, rounds {', '.join(map(str, rounds))}; "
        f"{len(draft.items)} items, {len(draft.scales)} scales "
        f"({', '.join(f'{s.id} {s.kind}' for s in draft.scales.values())}), "
        f"{len(draft.groups)} respondent groups"
    ]
    for e in draft.exports:
        roles = ", ".join(f"{k}={v}" for k, v in e.roles.items()) or "none"
        lines.append(
            f"  {e.source.path.name} ({e.round}, {e.language}): {len(e.items)} items; "
            f"roles {roles}; {len(e.personal)} personal columns"
            + (f"; {len(e.left_out)} items left out" if e.left_out else "")
        )
    counts = check_lines(text)
    what = ", ".join(f"{k} {v}" for k, v in counts.items())
    lines.append(f"to check: {sum(counts.values())} `# check:` lines ({what})")
    return "\n".join(lines)
