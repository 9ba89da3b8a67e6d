"""Checks that an export means what the codebook says it means: SPSS value labels against the
codebook's code labels, and the header texts of columns mapped by position against the items'
labels. Both catch files that would otherwise read fine and give wrong numbers."""

from __future__ import annotations

import hashlib
import re
from typing import Any

import pandas as pd

from pipeline.codebook import Codebook, Export, Scale, Text
from pipeline.errors import UserError, quote
from pipeline.i18n import LANGUAGES
from pipeline.ingest.values import STATUS_MISSING, ScaleReader, as_code
from pipeline.io.readers import ColumnRef, RawTable, fold

_PUNCT = re.compile(r"[^\w\s]")


def loose(text: Any) -> str:
    """Case-, white-space- and punctuation-insensitive form of a label."""
    return " ".join(_PUNCT.sub(" ", fold(text)).split())


def _labels(scale: Scale) -> dict[int, Text]:
    return {**scale.codes, **scale.dont_know}


def _matching_code(label: str, scale: Scale) -> int | None:
    """The codebook code whose label (in any language) equals ``label`` loosely."""
    key = loose(label)
    hits = {
        code
        for code, text in _labels(scale).items()
        for lang in LANGUAGES
        if loose(text.get(lang)) == key
    }
    return next(iter(hits)) if len(hits) == 1 else None


def _recode_text(key: str, mapping: dict[int, int]) -> str:
    inner = ", ".join(f"{a}: {b}" for a, b in sorted(mapping.items()))
    return f"recode: {{{key}: {{{inner}}}}}" if key else f"recode: {{{inner}}}"


def suggested_recode(labels: dict[Any, str], scale: Scale) -> dict[int, int]:
    """file code -> codebook code for every value label that names another code's label."""
    out: dict[int, int] = {}
    for raw, label in labels.items():
        code = as_code(raw)
        hit = _matching_code(label, scale)
        if code is not None and hit is not None and hit != code:
            out[code] = hit
    return out


def check_value_labels(table: RawTable, export: Export, codebook: Codebook) -> None:
    """Every value label of a mapped .sav variable must name the codebook's label of the code
    it is read as (after recode); a contradiction stops with the recode that would fix it."""
    if not table.value_labels:
        return
    lang = export.language
    for item_id, ref in export.items.items():
        labels = table.value_labels.get(ref) or {}
        if not labels:
            continue
        scale = codebook.scales[codebook.items[item_id].scale]
        recode = export.recode_for(item_id, scale.id)
        known = _labels(scale)
        for raw, label in sorted(labels.items(), key=lambda kv: str(kv[0])):
            code = as_code(raw)
            if code is None:
                continue
            target = recode.get(code, code)
            if target not in known:
                continue  # checked where the code occurs (not on the scale / declared missing)
            text = known[target]
            if loose(label) in {loose(text.get(x)) for x in (lang, "fi", "sv", "en")}:
                continue
            fix_map = suggested_recode(labels, scale)
            if fix_map:
                same = [
                    i
                    for i, r in export.items.items()
                    if codebook.items[i].scale == scale.id
                    and suggested_recode(table.value_labels.get(r) or {}, scale) == fix_map
                ]
                key = scale.id if len(same) > 1 else item_id
                fix = (
                    f"if the codes run another way in this file, add "
                    f"{_recode_text(key, fix_map)} to {export.where} in {codebook.path.name}"
                )
            else:
                fix = (
                    f"check the file's labels, or correct scales.{scale.id} in {codebook.path.name}"
                )
            raise UserError(
                table.path,
                f"{table.col_word} {table.names[ref]}",
                f"value label {code} = {quote(label)}, but the codebook says "
                f"{target} = {quote(text.get(lang))} (item {item_id})",
                fix,
            )


def dont_know_hint(
    value: Any, scale: Scale, export: Export, label: str | None, codebook: Codebook
) -> str | None:
    """A fix for a code that is not on the scale but looks like a code the scale has under
    another number: its value label names a codebook label, or it is a don't-know code
    written with more digits (99 or 999 for 9)."""
    code = as_code(value)
    if code is None:
        return None
    target = _matching_code(label, scale) if label else None
    if target is None:
        digits = str(abs(code))
        target = next(
            (
                dk
                for dk in scale.dont_know
                if len(digits) > len(str(dk)) and set(digits) == set(str(dk))
            ),
            None,
        )
    if target is None:
        return None
    kind = "don't-know " if target in scale.dont_know else ""
    return (
        f"add {_recode_text('', {code: target})} to {export.where} in {codebook.path.name} "
        f"(reads {code} as {kind}{target})"
    )


def _file_hash(path: Any) -> bytes:
    h = hashlib.blake2b(digest_size=16)
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.digest()


def check_distinct_files(codebook: Codebook) -> None:
    """The same export listed twice under two file names would count every respondent twice."""
    seen: dict[bytes, Export] = {}
    for export in codebook.exports:
        if not export.file.is_file():
            continue  # reported by the reader
        digest = _file_hash(export.file)
        first = seen.get(digest)
        if first is not None:
            raise UserError(
                codebook.path,
                export.where,
                f"{export.file.name} has the same content as {first.file.name} "
                f"({first.where}): the respondents would be counted twice",
                "list each export once; delete the copy",
            )
        seen[digest] = export


def _item_texts(codebook: Codebook) -> set[str]:
    return {
        loose(t.get(lang))
        for item in codebook.items.values()
        for t in (item.label, item.question)
        for lang in LANGUAGES
    } - {""}


def check_extra_header_row(table: RawTable, export: Export, codebook: Codebook) -> None:
    """With ``header_rows: 1`` for a file that has two, the statement row ("Lapset") would be
    read as a respondent and fail as "not on the scale": say the real cause."""
    if not table.header_cells or table.rows_read == 0:
        return
    texts = _item_texts(codebook)
    # the first row's cells column by column (a row of the whole frame would convert every
    # column); a missing cell (an empty field of an integer column) is an empty text
    first = [table.data[ref].iloc[0] for ref in export.items.values()]
    hits = sum(loose("" if pd.isna(value) else value) in texts for value in first)
    if hits > len(export.items) / 2:
        row = table.file_rows[0]
        raise UserError(
            table.path,
            f"row {row}",
            "holds question or statement texts, not answers: it is a header row",
            f"set header_rows: {export.header_rows + 1} in {export.where} of {codebook.path.name}",
        )


_NUMBERING = re.compile(r"^\s*\d+(?:\.\d+)*[.)]?\s+")


def header_text(cell: Any) -> str:
    """Loose form of a header cell without a leading question number ("1. Bedöm ...")."""
    if cell is None:
        return ""
    return loose(_NUMBERING.sub("", fold(cell)))


def _names_item(quest: str, stmt: str, label: str, question: str) -> bool:
    """Whether header texts (question row, statement row; loose forms) name an item."""
    if quest:  # two-row header: the matrix question and the statement must both fit
        return quest in (question, label) and stmt in (label, question)
    if stmt in (label, question, f"{question} {label}"):
        return True
    return bool(question) and stmt.startswith(question) and stmt.endswith(label)


def check_header_texts(table: RawTable, export: Export, codebook: Codebook) -> None:
    """A column mapped by position must not hold another item's question: where its header
    names an item of the codebook (in the export's language) and not the mapped one, the
    columns were moved (e.g. two matrix columns swapped in one language's export). Headers
    that name no known item, or several (a statement repeated across matrices), pass."""
    if not table.header_cells:
        return
    lang = export.language
    texts = {
        iid: (loose(it.label.get(lang)), loose(it.question.get(lang)))
        for iid, it in codebook.items.items()
    }
    for item_id, ref in export.items.items():
        if not isinstance(ref, int):
            continue  # mapped by header text: the text itself was matched
        cells = [header_text(c) for c in table.header_cells[ref]]
        stmt = next((c for c in reversed(cells) if c), "")
        quest = cells[0] if len(cells) > 1 and cells[0] != stmt else ""
        if not stmt:
            continue
        named = [i for i, (lab, q) in texts.items() if _names_item(quest, stmt, lab, q)]
        if named and item_id not in named:
            header = " / ".join(str(c) for c in table.header_cells[ref] if c)
            raise UserError(
                table.path,
                f"column {ref}",
                f"the header {quote(header)} names item {named[0]}, but the codebook maps "
                f"{item_id} there",
                f"check the positions under {export.where}.items in {codebook.path.name} "
                "(columns moved or swapped in this export?)",
            )


def value_label(table: RawTable, ref: ColumnRef, value: Any) -> str | None:
    labels = table.value_labels.get(ref) or {}
    code = as_code(value)
    for raw, label in labels.items():
        if as_code(raw) == code and code is not None:
            return str(label)
    return None


def check_header_is_not_data(table: RawTable, export: Export, codebook: Codebook) -> None:
    """A web export whose header rows are missing has answers where the header should be:
    reading it would silently turn respondents into headers."""
    if not table.header_cells:
        return
    for row in range(export.header_rows):
        hits = 0
        for item_id, ref in export.items.items():
            scale = codebook.scales[codebook.items[item_id].scale]
            cell = table.header_cells[ref][row]
            recode = export.recode_for(item_id, scale.id)
            res = ScaleReader(scale, export.language, recode).classify(cell)
            hits += res is not None and res[1] != STATUS_MISSING
        if hits > len(export.items) / 2:
            if row > 0:  # the rows above are headers: header_rows is one too many
                raise UserError(
                    table.path,
                    f"row {row + 1}",
                    f"header row {row + 1} holds answers: the file has {row} header row(s), "
                    f"not {export.header_rows}",
                    f"set header_rows: {row} in {export.where} of {codebook.path.name}",
                )
            raise UserError(
                table.path,
                f"row {row + 1}",
                f"header row {row + 1} holds answers, not question texts: the header "
                f"row(s) seem to be missing",
                f"check header_rows ({export.header_rows}) in {codebook.path.name} or export "
                "the file with its headers",
            )
