"""Writers of the export formats the barometer rounds arrived in: SPSS .sav (standard or the
older reversed rating coding), Webropol .xlsx and Webropol .csv with two header rows.

Every writer pins the time stamps it would otherwise take from the clock, so the same data
give the same bytes on every run."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from .geography import BY_CODE, REGIONS, valid_codes
from .questionnaire import (
    BLOCKS,
    DONT_KNOW,
    DONT_KNOW_LABEL,
    GROUPS,
    LANG_INDEX,
    QUESTIONS,
    SCALE_LABELS,
    ItemSpec,
    scale_label,
)

QUESTION_NUMBER = {"q1": 1, "q2": 2, "q3": 3, "open": 4}


def question_text(block: str, language: str) -> str:
    return f"{QUESTION_NUMBER[block]}. {QUESTIONS[block][LANG_INDEX[language]]}"


# --------------------------------------------------------------------------- SPSS


@dataclass(frozen=True)
class SavLayout:
    """Variable names of a .sav export and the coding of its rating items."""

    id: str = "id"
    time: str = "vastausaika"
    region: str = "maakunta"
    municipality: str = "kunta"
    group: str = "vastaajaryhma"
    text: str = "avoin"
    email: str | None = "sahkoposti"
    weight: str = "paino"
    item_prefix: str = "q"  # q1_1, q1_2, ...
    reversed_blocks: tuple[str, ...] = ()  # blocks coded the other way (1 = best)

    def var(self, item: ItemSpec) -> str:
        return f"{self.item_prefix}{item.var[1:]}"

    def file_code(self, block: str, code: int) -> int:
        """The code the file writes for the standard ``code`` of ``block``."""
        if block in self.reversed_blocks and code != DONT_KNOW:
            return len(SCALE_LABELS[block]) + 1 - code
        return code


def _value_labels(block: str, layout: SavLayout) -> dict[int | float, str]:
    codes = [*SCALE_LABELS[block], DONT_KNOW]
    labels = {layout.file_code(block, c): scale_label(block, c, "fi") for c in codes}
    return dict(sorted(labels.items()))


def write_sav(
    path: Path,
    resp: pd.DataFrame,
    year: int,
    items: Sequence[ItemSpec],
    layout: SavLayout,
    written: dt.datetime,
) -> None:
    """An SPSS file with Finnish labels; don't-know (9) declared user-missing."""
    import pyreadstat

    df = pd.DataFrame(
        {
            layout.id: resp["id"].astype("int64"),
            layout.time: pd.to_datetime(resp["time"]),
            layout.region: resp["maakunta"].astype("int64"),
            layout.municipality: resp["kunta"].astype("int64"),
            layout.group: resp["group"].astype("int64"),
        }
    )
    labels = {
        layout.id: "Vastaajan tunniste",
        layout.time: "Vastausaika",
        layout.region: "Maakunta",
        layout.municipality: "Kunta",
        layout.group: "Vastaajaryhmä",
        layout.text: question_text("open", "fi"),
        layout.weight: "Painokerroin (N/n x vastaamattomuuskorjaus)",
    }
    value_labels: dict[str, dict[int | float, str]] = {
        layout.region: {int(c): names[0] for c, names in REGIONS.items()},
        layout.municipality: {int(c): BY_CODE[c].name_fi for c in valid_codes(year)},
        layout.group: {g: names[0] for g, names in GROUPS.items()},
    }
    item_vars = []
    for item in items:
        var = layout.var(item)
        item_vars.append(var)
        codes = resp[item.var].to_numpy(float)
        file_codes = [
            np.nan if np.isnan(c) else layout.file_code(item.block, int(c)) for c in codes
        ]
        df[var] = np.asarray(file_codes, dtype="float64")
        labels[var] = f"{question_text(item.block, 'fi')}: {item.statement[0]}"
        value_labels[var] = _value_labels(item.block, layout)
    df[layout.text] = resp["avoin"]
    if layout.email is not None:
        df[layout.email] = resp["sahkoposti"]
        labels[layout.email] = "Sähköpostiosoite"
    df[layout.weight] = resp["paino"]
    meta = (layout.id, layout.region, layout.municipality, layout.group)
    pyreadstat.write_sav(
        df,
        str(path),
        file_label=f"Hyvinvointibarometri {year} (synteettinen esimerkkiaineisto)",
        column_labels=[labels[c] for c in df.columns],
        variable_value_labels=value_labels,
        missing_ranges={var: [DONT_KNOW] for var in item_vars},
        variable_measure={
            **{c: "nominal" for c in meta},
            **{var: "ordinal" for var in item_vars},
            layout.weight: "scale",
        },
        variable_format={
            **{var: "F1.0" for var in item_vars},
            layout.id: "F4.0",
            layout.region: "F2.0",
            layout.municipality: "F3.0",
            layout.group: "F1.0",
            layout.weight: "F12.6",
        },
        row_compress=True,
    )
    pin_sav_timestamp(path, written)


def pin_sav_timestamp(path: Path, when: dt.datetime) -> None:
    """Overwrite the creation date and time in the .sav header (ReadStat writes 'now')."""
    raw = bytearray(path.read_bytes())
    if raw[:4] != b"$FL2":
        raise ValueError(f"{path} is not an SPSS .sav file")
    raw[92:101] = when.strftime("%d %b %y").encode("ascii")
    raw[101:109] = when.strftime("%H:%M:%S").encode("ascii")
    path.write_bytes(bytes(raw))


# --------------------------------------------------------------------------- web exports

META_HEADERS: dict[str, tuple[str, str]] = {
    "id": ("Vastaajan numero", "Respondentnummer"),
    "time": ("Vastausaika", "Svarstid"),
    "email": ("Sähköposti", "E-post"),
    "group": ("Vastaajaryhmä", "Respondentgrupp"),
    "municipality": ("Kunta", "Kommun"),
    "municipality_code": ("Kuntanumero", "Kommunnummer"),
}
WEIGHT_HEADER = ("Paino", "Vikt")


@dataclass(frozen=True)
class WebLayout:
    """Column order of a Webropol export: metadata fields, then the matrices, the free text
    and the weight the researcher added. ``municipality_code`` is a background variable of the
    invitation list (a code); ``municipality`` a name chosen in the form."""

    meta: tuple[str, ...] = ("id", "time", "email", "group", "municipality")

    def columns(self, items: Sequence[ItemSpec]) -> dict[str, int]:
        """1-based position of every metadata field, item id, ``text`` and ``weight``."""
        names = [*self.meta, *(i.id for i in items), "text", "weight"]
        return {name: pos for pos, name in enumerate(names, 1)}


def web_headers(
    layout: WebLayout, items: Sequence[ItemSpec], language: str
) -> tuple[list[str], list[str]]:
    """The two header rows of a Webropol export: question texts, then statement texts."""
    lang = LANG_INDEX[language]
    row1 = [META_HEADERS[f][lang] for f in layout.meta]
    row2 = [""] * len(row1)
    for block in BLOCKS:
        in_block = [i for i in items if i.block == block]
        if in_block:
            row1 += [question_text(block, language)] + [""] * (len(in_block) - 1)
            row2 += [i.statement[lang] for i in in_block]
    row1 += [question_text("open", language), WEIGHT_HEADER[lang]]
    row2 += ["", ""]
    return row1, row2


def _meta_cell(rec: object, name: str, language: str) -> object:
    if name == "id":
        return int(rec.id)  # type: ignore[attr-defined]
    if name == "time":
        return rec.time.strftime("%d.%m.%Y %H:%M")  # type: ignore[attr-defined]
    if name == "email":
        return rec.sahkoposti  # type: ignore[attr-defined]
    if name == "group":
        return GROUPS[rec.group][LANG_INDEX[language]]  # type: ignore[attr-defined]
    if name == "municipality_code":
        return rec.kunta_reported  # type: ignore[attr-defined]
    m = BY_CODE[rec.kunta]  # type: ignore[attr-defined]
    return m.name_fi if language == "fi" else m.name_sv


def web_rows(
    resp: pd.DataFrame, layout: WebLayout, items: Sequence[ItemSpec], language: str
) -> list[list[object]]:
    """Data rows with label texts; the weight stays a float (formatted by the writer)."""
    resp = resp.copy()
    if "kunta_reported" not in resp:
        resp["kunta_reported"] = resp["kunta"]
    rows = []
    for rec in resp.itertuples(index=False):
        row = [_meta_cell(rec, name, language) for name in layout.meta]
        for item in items:
            code = getattr(rec, item.var)
            row.append("" if np.isnan(code) else scale_label(item.block, int(code), language))
        row += [rec.avoin, float(rec.paino)]
        rows.append(row)
    return rows


# Cell texts in a hand-edited export get these variants now and then (tolerant matching).
LABEL_VARIANTS: tuple[Callable[[str], str], ...] = (
    lambda s: s.lower() + " ",
    lambda s: " " + s.upper(),
    lambda s: s.replace(" ", "\u00a0"),
    lambda s: "  " + s + "  ",
    lambda s: s.replace(" ", "  "),
)


def vary_labels(
    rng: np.random.Generator, rows: list[list[object]], first: int, n_items: int, n_cells: int
) -> None:
    """Give ``n_cells`` answer cells (columns ``first`` .. ``first + n_items - 1``, 0-based)
    odd case or white space; a third of them are don't-know cells, the rest scale labels."""
    answered = [
        (i, j) for i, row in enumerate(rows) for j in range(first, first + n_items) if row[j] != ""
    ]
    dk_fi = DONT_KNOW_LABEL[0]
    dont_know = [c for c in answered if rows[c[0]][c[1]] == dk_fi]
    labels = [c for c in answered if rows[c[0]][c[1]] != dk_fi]
    n_dk = n_cells // 3
    picks = [dont_know[p] for p in rng.choice(len(dont_know), size=n_dk, replace=False)]
    picks += [labels[p] for p in rng.choice(len(labels), n_cells - n_dk, replace=False)]
    for k, (i, j) in enumerate(picks):
        text = str(rows[i][j])
        varied = LABEL_VARIANTS[k % len(LABEL_VARIANTS)](text)
        rows[i][j] = varied if varied != text else LABEL_VARIANTS[0](text)


def double_submissions(rows: list[list[object]], copies: Sequence[tuple[int, int]]) -> None:
    """Insert exact copies: (row index, rows later) - a second press of the submit button
    (1: right after the original) or a form sent again from the browser history."""
    for source, later in sorted(copies, reverse=True):
        rows.insert(source + later, list(rows[source]))


def write_xlsx(
    path: Path,
    headers: Sequence[Sequence[str]],
    rows: Sequence[Sequence[object]],
    title: str,
    when: dt.datetime,
) -> None:
    """A Webropol Excel export: sheet ``Vastaukset``, blank cells empty."""
    import openpyxl
    from openpyxl.writer.excel import ExcelWriter

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Vastaukset"
    for header in headers:
        ws.append([h or None for h in header])
    for row in rows:
        ws.append([v if v != "" else None for v in row])
    wb.properties.creator = "Webropol"
    wb.properties.lastModifiedBy = "Webropol"
    wb.properties.title = title
    wb.properties.created = when
    wb.properties.modified = when
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(wb, archive).save()  # save_workbook() would stamp 'modified' with now
    path.write_bytes(pin_zip_times(buffer.getvalue(), when))


def pin_zip_times(data: bytes, when: dt.datetime) -> bytes:
    """The same zip archive with every member dated ``when`` (byte-identical reruns)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=when.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


def write_web_csv(
    path: Path,
    headers: Sequence[Sequence[str]],
    rows: Sequence[Sequence[object]],
    encoding: str,
) -> None:
    """Semicolon-separated, CRLF, decimal comma (the last column, the weight): a Finnish
    Excel-friendly CSV. ``encoding``: cp1252 (older exports) or utf-8-sig (with a BOM)."""
    out = [list(r) for r in rows]
    for row in out:
        row[-1] = f"{row[-1]:.6f}".replace(".", ",")
    with path.open("w", encoding=encoding, newline="") as f:
        writer = csv.writer(f, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
        writer.writerows(headers)
        writer.writerows(out)
