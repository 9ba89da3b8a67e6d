"""Harmonising municipalities (through mergers to the classification year), regions and
respondent groups."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from pipeline.codebook import Text
from pipeline.errors import UserError, quote
from pipeline.ingest.values import as_code, code_text, is_blank, label_lookup, map_unique
from pipeline.io.readers import ColumnRef, RawTable, fold
from pipeline.io.reference import Reference

MAX_MERGER_CHAIN = 50
log = logging.getLogger(__name__)


def _first_row(inverse: np.ndarray, j: int) -> int:
    return int(np.flatnonzero(inverse == j)[0])


class Municipalities:
    """Maps a municipality cell to (harmonised code, region in the classification year)."""

    def __init__(self, ref: Reference, classification_year: int) -> None:
        self.ref = ref
        self.year = classification_year
        m = ref.municipalities
        self._periods = m
        self._mergers = {
            r.old_code: (r.new_code, r.year) for r in ref.mergers.itertuples(index=False)
        }
        # code -> region in the classification year (the first row wins, as a filter would)
        now = self.valid_in(classification_year)
        self._regions: dict[str, str] = {}
        for code, region in zip(now["code"], now["region_code"], strict=True):
            self._regions.setdefault(code, str(region))

    def valid_in(self, year: int) -> pd.DataFrame:
        m = self._periods
        return m[(m["valid_from"] <= year) & (m["valid_to"] >= year)]

    def harmonise_code(self, code: str) -> str:
        seen = 0
        while code in self._mergers and self._mergers[code][1] <= self.year:
            code = self._mergers[code][0]
            seen += 1
            if seen > MAX_MERGER_CHAIN:
                raise UserError(
                    self.ref.folder / "mergers.csv",
                    f"code {code}",
                    "mergers form a cycle",
                    "fix mergers.csv",
                )
        return code

    def region_of(self, code: str) -> str | None:
        return self._regions.get(code)

    def successor_in(self, code: str, year: int) -> str | None:
        """The municipality that ``code`` had merged into by ``year`` (following chains), if
        mergers.csv says it merged away in or before that year; else None."""
        seen = 0
        while code in self._mergers and self._mergers[code][1] <= year:
            code = self._mergers[code][0]
            seen += 1
            if seen > MAX_MERGER_CHAIN:
                return None
        return code if seen else None

    def map_column(
        self, table: RawTable, ref: ColumnRef, round_year: int
    ) -> tuple[np.ndarray, np.ndarray]:
        """(municipality codes, region codes) per row; None where the cell is blank."""
        munis, regions, _ = self.map_column_counted(table, ref, round_year)
        return munis, regions

    def map_column_counted(
        self, table: RawTable, ref: ColumnRef, round_year: int
    ) -> tuple[np.ndarray, np.ndarray, int]:
        """As :meth:`map_column`, plus the number of stale cells: municipalities that had
        merged away before the round (an old code or name left in the survey tool), mapped to
        their successor through mergers.csv with a warning."""
        valid = self.valid_in(round_year)
        codes_valid = set(valid["code"])
        names: dict[str, str] = {}
        for r in valid.itertuples(index=False):
            names.setdefault(fold(r.name_fi), r.code)
            names.setdefault(fold(r.name_sv), r.code)
        old_names: dict[str, str] = {}
        for r in self._periods.itertuples(index=False):
            if r.code not in codes_valid:
                old_names.setdefault(fold(r.name_fi), r.code)
                old_names.setdefault(fold(r.name_sv), r.code)

        def one(value: Any) -> tuple[str, str, bool] | str | None:
            if is_blank(value):
                return None
            code_int = as_code(value)
            if code_int is not None:
                code = f"{code_int:03d}"
            else:
                code = names.get(fold(value)) or old_names.get(fold(value), "")
                if not code:
                    return (
                        f"municipality name {quote(value)} is not in "
                        f"municipalities.csv for {round_year}"
                    )
            stale = False
            if code not in codes_valid:
                successor = self.successor_in(code, round_year)
                if successor is None or successor not in codes_valid:
                    return (
                        f"municipality code {code} is not valid in {round_year} "
                        "(municipalities.csv) nor merged before it (mergers.csv)"
                    )
                code, stale = successor, True
            final = self.harmonise_code(code)
            region = self.region_of(final)
            if region is None:
                return (
                    f"municipality {code} maps to {final}, which has no region in "
                    f"classification year {self.year} (municipalities.csv)"
                )
            return (final, region, stale)

        results, inverse = map_unique(table.data[ref], one)
        for j, res in enumerate(results):
            if isinstance(res, str):
                raise UserError(
                    table.path,
                    table.place(ref, _first_row(inverse, j)),
                    res,
                    "fix the code, or add the municipality (validity years) to "
                    "municipalities.csv or its merger to mergers.csv",
                )
        munis = np.array([r[0] if r else None for r in results], dtype=object)[inverse]
        regions = np.array([r[1] if r else None for r in results], dtype=object)[inverse]
        stale = np.array([bool(r and r[2]) for r in results], dtype=bool)[inverse]
        n_stale = int(stale.sum())
        if n_stale:
            log.warning(
                "%s: %d municipality cell(s) name a municipality that had merged away before "
                "%d; mapped to the successor through mergers.csv",
                table.path.name,
                n_stale,
                round_year,
            )
        return munis, regions, n_stale


def map_regions(table: RawTable, ref: ColumnRef, reference: Reference) -> np.ndarray:
    """Region codes from a region column (code or name); None where blank."""
    regs = reference.regions
    known = set(regs["region_code"])
    names = label_lookup(
        [(r.region_code, Text(r.name_fi, r.name_sv, r.name_en)) for r in regs.itertuples()], "fi"
    )

    def one(value: Any) -> str | None:
        if is_blank(value):
            return None
        code = as_code(value)
        text = f"{code:02d}" if code is not None else names.get(fold(value), "")
        if text not in known:
            return "!" + code_text(value)
        return text

    return _map_or_fail(
        table,
        ref,
        one,
        lambda value: f"region {quote(value)} is not in reference/regions.csv",
        "fix the value or add the region to regions.csv",
    )


def map_groups(
    table: RawTable,
    ref: ColumnRef,
    groups: dict[str, Text],
    group_codes: dict[str, str] | None,
    language: str,
    codebook_name: str,
) -> np.ndarray:
    """Harmonised respondent-group codes; None where blank."""
    by_label = label_lookup(list((k, t) for k, t in groups.items()), language)
    # numeric codes match without their zero padding ("01" = "1"), as region codes do
    known = {_unpadded(k): k for k in groups}
    translated = {_unpadded(k): v for k, v in (group_codes or {}).items()}

    def one(value: Any) -> str | None:
        if is_blank(value):
            return None
        text = _unpadded(value)
        if group_codes is not None and text in translated:
            return translated[text]
        if group_codes is None and text in known:
            return known[text]
        hit = by_label.get(fold(value))
        if hit is not None:
            return str(hit)
        return "!" + code_text(value)

    return _map_or_fail(
        table,
        ref,
        one,
        lambda value: f"respondent group {quote(value)} is not in the codebook",
        f"add it under groups in {codebook_name} or map it with group_codes",
    )


def _map_or_fail(
    table: RawTable,
    ref: ColumnRef,
    one: Callable[[Any], str | None],
    problem: Callable[[str], str],
    fix: str,
) -> np.ndarray:
    """``one`` applied to each distinct value of the column; a result ``"!<value>"`` is an
    unknown value: the error names the first row that holds it."""
    results, inverse = map_unique(table.data[ref], one)
    for j, res in enumerate(results):
        if isinstance(res, str) and res.startswith("!"):
            where = table.place(ref, _first_row(inverse, j))
            raise UserError(table.path, where, problem(res[1:]), fix)
    return np.array(results, dtype=object)[inverse]


def _unpadded(value: Any) -> str:
    """A code's text without zero padding: "01", 1, 1.0 -> "1"; other text unchanged."""
    text = code_text(value)
    return str(int(text)) if text.isdigit() else text
