"""The workshop worksheet of a pack (openpyxl): one locked row per finding of the pack (chart
title, the finding sentence, its numbers) and open columns for what the workshop says
(interpretation, lived-experience view, development proposal, priority 1-3, who should act,
perspective as a role, publish yes/no). Two hidden columns carry the finding's key
(``<chart id>#<finding key>``) and a fingerprint of the numbers it showed, so the review stage
can tie a filled copy back to the finding and notice numbers that changed since the workshop.

Usable on a projector and on paper: wrapped text, frozen header, drop-downs, print area on A4
landscape. Byte-identical for the same plan and date: openpyxl's ``save_workbook`` stamps the
current time, so the workbook is written through its ``ExcelWriter`` with fixed properties and
the zip entries are re-stamped like the deck's."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline import labels
from pipeline.i18n import t
from pipeline.packs.findings import Finding, Tables
from pipeline.packs.plan import ChartPage, PackPlan

# Column order of the sheet (1-based letters follow from the position). The review stage reads
# the same tuple, so a worksheet is only accepted when its header matches.
COLUMNS: tuple[str, ...] = (
    "no",
    "chart",
    "finding",
    "numbers",
    "interpretation",
    "lived",
    "proposal",
    "priority",
    "who",
    "perspective",
    "publish",
    "key",
    "fingerprint",
)
OPEN_COLUMNS = ("interpretation", "lived", "proposal", "priority", "who", "perspective", "publish")
FREE_TEXT = ("interpretation", "lived", "proposal", "who")
HIDDEN = ("key", "fingerprint")
ROLES = ("lived", "professional", "manager", "elected", "organisation")
PRIORITIES = (1, 2, 3)
WIDTHS = {
    "no": 5,
    "chart": 24,
    "finding": 48,
    "numbers": 26,
    "interpretation": 36,
    "lived": 30,
    "proposal": 36,
    "priority": 11,
    "who": 20,
    "perspective": 20,
    "publish": 11,
    "key": 30,
    "fingerprint": 18,
}
LOCKED_FILL = "EDEDED"
HEAD_FILL = "D9E2EC"


@dataclass(frozen=True)
class WorksheetRow:
    """One finding of a pack as the worksheet shows it."""

    key: str  # "<chart id>#<finding key>", stable across runs and languages
    chart_id: str
    chart_title: str
    finding: str
    numbers: str
    fingerprint: str


def column_letter(name: str) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(COLUMNS.index(name) + 1)


def header(language: str) -> list[str]:
    return [t(f"workshop.col_{c}", language) for c in COLUMNS]


def role_labels(language: str) -> dict[str, str]:
    """Role code -> its label in ``language`` (what the perspective drop-down offers)."""
    return {r: t(f"workshop.role_{r}", language) for r in ROLES}


def fingerprint(finding: Finding) -> str:
    """A short hash of the numbers a finding shows (as printed), or of its sentence when it
    has no numbers (e.g. "no clear difference in ...")."""
    if finding.numbers:
        payload: Any = [
            [n.table, n.item, n.round, n.statistic, n.region, n.group, n.text]
            for n in finding.numbers
        ]
    else:
        payload = finding.text
    digest = hashlib.sha256(json.dumps(payload, ensure_ascii=False).encode("utf-8"))
    return digest.hexdigest()[:16]


def _numbers_text(finding: Finding, snapshot: labels.Snapshot, language: str) -> str:
    snap = labels.codebook(snapshot)
    parts = []
    for n in finding.numbers:
        item = labels.item_label(snap, n.item, language) if n.item in snap.items else ""
        where = labels.region_name(snap, n.region, language)
        if n.group != labels.ALL_CODE:
            where += f", {labels.group_name(snap, n.group, language)}"
        head = ", ".join(p for p in (item, where, str(n.round)) if p)
        parts.append(f"{head}: {n.text}")
    return "\n".join(parts)


def chart_rows(chart: ChartPage, snapshot: labels.Snapshot, language: str) -> list[WorksheetRow]:
    """The worksheet rows of one chart. The one adapter between the findings API and the
    worksheet: a row's key is the chart id and the finding's own key (stable across runs and
    languages, unique within the chart), ``<chart id>#<finding key>``."""
    return [
        WorksheetRow(
            key=f"{chart.id}#{f.key}",
            chart_id=chart.id,
            chart_title=chart.title,
            finding=f.text,
            numbers=_numbers_text(f, snapshot, language),
            fingerprint=fingerprint(f),
        )
        for f in chart.findings
    ]


def worksheet_rows(plan: PackPlan, tables: Tables) -> list[WorksheetRow]:
    return [r for c in plan.charts for r in chart_rows(c, tables.codebook, plan.language)]


def _validation(ws, column: str, options: list[str], language: str, what: str, last: int):
    from openpyxl.worksheet.datavalidation import DataValidation

    dv = DataValidation(
        type="list",
        formula1='"' + ",".join(options) + '"',
        allow_blank=True,
        showErrorMessage=True,
        showInputMessage=True,
        errorTitle=t(f"workshop.col_{column}", language)[:32],
        error=t(f"workshop.{what}_error", language) if what != "publish" else None,
        promptTitle=t(f"workshop.col_{column}", language)[:32],
        prompt=t(f"workshop.{what}_prompt", language),
    )
    letter = column_letter(column)
    dv.add(f"{letter}2:{letter}{max(last, 2)}")
    ws.add_data_validation(dv)


def build_workbook(plan: PackPlan, rows: list[WorksheetRow], when: dt.datetime):
    """The worksheet as an openpyxl Workbook (not saved)."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill, Protection

    lang = plan.language
    wb = Workbook()
    ws = wb.active
    ws.title = t("workshop.sheet", lang)
    wrap = Alignment(wrap_text=True, vertical="top")
    locked_fill = PatternFill("solid", fgColor=LOCKED_FILL)
    for c, text in enumerate(header(lang), start=1):
        cell = ws.cell(row=1, column=c, value=text)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor=HEAD_FILL)
        cell.alignment = wrap
    no_text = t("workshop.no", lang)
    for r, row in enumerate(rows, start=2):
        values = {
            "no": r - 1,
            "chart": row.chart_title,
            "finding": row.finding,
            "numbers": row.numbers,
            "publish": no_text,
            "key": row.key,
            "fingerprint": row.fingerprint,
        }
        for c, name in enumerate(COLUMNS, start=1):
            cell = ws.cell(row=r, column=c, value=values.get(name))
            cell.alignment = wrap
            if name in OPEN_COLUMNS:
                cell.protection = Protection(locked=False)
            else:
                cell.fill = locked_fill
    last = len(rows) + 1
    _validation(ws, "priority", [str(p) for p in PRIORITIES], lang, "priority", last)
    _validation(ws, "perspective", list(role_labels(lang).values()), lang, "perspective", last)
    _validation(ws, "publish", [t("workshop.yes", lang), no_text], lang, "publish", last)
    for name, width in WIDTHS.items():
        ws.column_dimensions[column_letter(name)].width = width
    for name in HIDDEN:
        ws.column_dimensions[column_letter(name)].hidden = True
    ws.freeze_panes = "A2"
    ws.print_title_rows = "1:1"
    ws.print_area = f"A1:{column_letter('publish')}{last}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.gridLines = True
    # Locked cells stay locked; the open columns can be edited, rows can be added and sorted.
    ws.protection.sheet = True
    ws.protection.formatRows = False
    ws.protection.insertRows = False
    ws.protection.sort = False
    ws.protection.autoFilter = False
    _guide(wb.create_sheet(t("workshop.guide_sheet", lang)), plan)
    props = wb.properties
    stamp = when.astimezone(dt.UTC).replace(tzinfo=None)
    props.created = props.modified = stamp
    props.creator = props.lastModifiedBy = "welfare-barometer"
    props.title = t("workshop.guide_title", lang, title=plan.spec.title)
    return wb


def _guide(ws, plan: PackPlan) -> None:
    from openpyxl.styles import Alignment, Font

    lang = plan.language
    ws.column_dimensions["A"].width = 110
    ws.cell(
        row=1, column=1, value=t("workshop.guide_title", lang, title=plan.spec.title)
    ).font = Font(bold=True, size=14)
    for i in range(1, 6):
        text = t(f"workshop.guide_{i}", lang, pack=plan.spec.name)
        ws.cell(row=i + 2, column=1, value=text).alignment = Alignment(wrap_text=True)


def workbook_bytes(wb, when: dt.datetime) -> bytes:
    """Serialise without openpyxl's "modified = now" and with fixed zip timestamps."""
    from openpyxl.writer.excel import ExcelWriter

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(wb, archive).write_data()
    stamp = max(when.astimezone(dt.UTC).replace(tzinfo=None), dt.datetime(1980, 1, 1))
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as src,
        zipfile.ZipFile(out, "w") as dst,
    ):
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=stamp.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


def write_worksheet(plan: PackPlan, tables: Tables, target: Path, when: dt.datetime) -> int:
    """Write the pack's worksheet to ``target``; returns the number of finding rows."""
    rows = worksheet_rows(plan, tables)
    target.write_bytes(workbook_bytes(build_workbook(plan, rows, when), when))
    return len(rows)
