"""`barometer codebook draft`: a commented codebook drafted from the exports' own metadata
(SPSS variable and value labels, user-missing codes; web-export headers and answer texts).

Modules, in data-flow order: ``sources`` (read a file's columns), ``lexicon`` (what answer
labels mean), ``roles`` (id, weight, municipality, region, group, personal columns),
``scales`` (label sets -> scales), ``build`` (items, rounds, languages), ``writer`` (YAML with
``# check:`` lines and the summary).
"""

from __future__ import annotations

import sys
from pathlib import Path

from pipeline.errors import UserError

EXPORT_SUFFIXES = (".sav", ".zsav", ".xlsx", ".xlsm", ".csv", ".txt", ".tsv")


def export_files(files: list[Path], raw: Path | None) -> tuple[list[Path], Path]:
    """The exports to draft from and the folder they live in."""
    if raw is not None:
        folder = raw / "barometer" if (raw / "barometer").is_dir() else raw
        if not folder.is_dir():
            raise UserError(raw, "", "folder not found", "give the raw folder (like data/raw)")
        files = sorted(p for p in folder.iterdir() if p.suffix.lower() in EXPORT_SUFFIXES)
        if not files:
            raise UserError(
                folder, "", "holds no exports (.sav, .zsav, .xlsx, .csv)", "put them there"
            )
        return files, folder
    if not files:
        raise UserError("codebook draft", "", "no exports given", "give FILE... or --raw DIR")
    return files, files[0].parent


def find_reference(folder: Path, raw: Path | None) -> Path | None:
    for cand in ([raw / "reference"] if raw else []) + [
        folder / "reference",
        folder.parent / "reference",
    ]:
        if (cand / "municipalities.csv").is_file() and (cand / "regions.csv").is_file():
            return cand
    return None


def draft_command(
    files: list[Path],
    raw: Path | None,
    output: Path | None,
    survey: str | None,
    force: bool,
) -> int:
    from pipeline.draft.build import draft_codebook
    from pipeline.draft.writer import render, summary
    from pipeline.io.reference import load_reference

    files, folder = export_files(files, raw)
    ref_dir = find_reference(folder, raw)
    reference = load_reference(ref_dir) if ref_dir is not None else None
    if output is not None and output.exists() and not force:
        raise UserError(output, "", "already exists", "choose another -o file or add --force")
    draft = draft_codebook(files, reference, survey)
    text = render(draft, output.parent if output is not None else folder, files)
    if output is not None:
        from pipeline.io.writers import write_atomic

        write_atomic(output, lambda p: p.write_text(text, encoding="utf-8"))
    else:
        sys.stdout.write(text)
    note = (
        ""
        if reference is not None
        else " (no reference folder found: municipality and region guessed from names only)"
    )
    print(summary(draft, text) + note, file=sys.stderr)
    return 0
