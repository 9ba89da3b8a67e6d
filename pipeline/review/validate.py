"""Check a filled worksheet against the pack's current one and turn its rows into records of
the ``workshop`` table. Pure apart from logging the "numbers changed" warnings.

Rules (docs/workshop.md): a row counts when any open column is filled; its key must be a
finding of the current worksheet; priority is 1, 2 or 3 (or empty); perspective is one of the
roles (a label in any language, or empty); publish is yes or no in any language (empty = no);
free text must hold no e-mail address, phone number or personal identity code (the stage stops
and names the cell, never the text). A row whose finding's numbers changed since the worksheet
was made is kept and flagged ``numbers_changed``."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass

from pipeline.errors import UserError
from pipeline.i18n import LANGUAGES, t
from pipeline.packs.worksheet import (
    FREE_TEXT,
    OPEN_COLUMNS,
    PRIORITIES,
    ROLES,
    column_letter,
    role_labels,
)
from pipeline.privacy import find_personal_data
from pipeline.review.reader import Sheet, SheetRow

log = logging.getLogger(__name__)

# The columns of the workshop table (CONTRACT.md `workshop`), in order.
TABLE_COLUMNS = (
    "pack",
    "language",
    "row",
    "chart_id",
    "finding_key",
    "finding",
    "interpretation",
    "lived_experience",
    "proposal",
    "priority",
    "who_should_act",
    "perspective",
    "published",
    "numbers_changed",
)


@dataclass(frozen=True)
class Current:
    """A finding of the pack's current worksheet."""

    chart_id: str
    finding: str
    fingerprint: str


def current_findings(sheet: Sheet) -> dict[str, Current]:
    """Key -> finding of a pack's current (blank) worksheet."""
    return {
        r.text("key"): Current(
            r.text("key").split("#")[0], r.text("finding"), r.text("fingerprint")
        )
        for r in sheet.rows
        if r.text("key")
    }


def _choices(kind: str) -> dict[str, str]:
    """Accepted answers in any language (lower case) -> canonical value."""
    if kind == "perspective":
        out = {code: code for code in ROLES}
        for lang in LANGUAGES:
            out.update({label.lower(): code for code, label in role_labels(lang).items()})
        return out
    out = {"yes": "yes", "no": "no", "x": "yes", "true": "yes", "false": "no", "1": "yes"}
    for lang in LANGUAGES:
        out[t("workshop.yes", lang).lower()] = "yes"
        out[t("workshop.no", lang).lower()] = "no"
    return out


def _where(sheet: Sheet, row: SheetRow, column: str | None = None) -> str:
    if column is None:
        return f"sheet {sheet.name!r}, row {row.row}"
    return f"sheet {sheet.name!r}, cell {row.cell(column)}"


def _priority(sheet: Sheet, row: SheetRow) -> int | None:
    text = row.text("priority")
    if not text:
        return None
    if text.isdigit() and int(text) in PRIORITIES:
        return int(text)
    raise UserError(
        sheet.path,
        _where(sheet, row, "priority"),
        f"priority {text!r} is out of range",
        "use 1 (most urgent), 2 or 3, or leave it empty",
    )


def _choice(sheet: Sheet, row: SheetRow, column: str, kind: str, fix: str) -> str:
    text = row.text(column)
    if not text:
        return ""
    value = _choices(kind).get(text.lower())
    if value is None:
        # never echo the cell: a name typed into the perspective column is personal data
        raise UserError(
            sheet.path, _where(sheet, row, column), f"is not one of the {kind} choices", fix
        )
    return value


def _screen(sheet: Sheet, row: SheetRow) -> None:
    for column in FREE_TEXT:
        kind = find_personal_data(row.text(column))
        if kind:
            raise UserError(
                sheet.path,
                _where(sheet, row, column),
                f"the text contains what looks like a {kind} (text not shown here)",
                "remove personal data from the worksheet; the workshop's texts are published",
            )


def review_sheet(
    pack: str, language: str, sheet: Sheet, current: Mapping[str, Current]
) -> list[dict]:
    """Records of every filled row of ``sheet`` (published or not), validated."""
    roles = ", ".join(role_labels(language).values())
    records = []
    for row in sheet.rows:
        if not any(row.text(c) for c in OPEN_COLUMNS if c != "publish"):
            continue  # nothing written on this finding
        _screen(sheet, row)
        key = row.text("key")
        if not key:
            raise UserError(
                sheet.path,
                _where(sheet, row),
                f"the row has no finding key (hidden column {column_letter('key')})",
                "copy whole rows, hidden columns included, when adding rows",
            )
        found = current.get(key)
        if found is None:
            raise UserError(
                sheet.path,
                _where(sheet, row),
                f"unknown finding key {key!r}: not a finding of pack {pack!r} as it is now",
                f"copy the texts into the current reports/packs/{pack}/{pack}_worksheet.xlsx",
            )
        priority = _priority(sheet, row)
        perspective = _choice(
            sheet, row, "perspective", "perspective", f"choose one of: {roles}, or leave it empty"
        )
        yes, no = t("workshop.yes", language), t("workshop.no", language)
        publish = _choice(sheet, row, "publish", "publish", f"write {yes} or {no}")
        changed = row.text("fingerprint") != found.fingerprint
        if changed:
            log.warning(
                "%s, %s: the numbers of finding %s (%s) changed since the workshop; the row is "
                "shown as %r",
                sheet.path,
                _where(sheet, row),
                key,
                found.finding[:100],
                t("workshop.changed_note", "en"),
            )
        records.append(
            {
                "pack": pack,
                "language": language,
                "row": row.row,
                "chart_id": found.chart_id,
                "finding_key": key,
                "finding": row.text("finding") or found.finding,
                "interpretation": row.text("interpretation"),
                "lived_experience": row.text("lived"),
                "proposal": row.text("proposal"),
                "priority": priority,
                "who_should_act": row.text("who"),
                "perspective": perspective,
                "published": publish == "yes",
                "numbers_changed": changed,
            }
        )
    return records
