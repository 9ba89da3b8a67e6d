"""Ingest: every export the codebook lists -> one tidy ``responses`` table.

Only the columns the codebook maps are read; respondent ids are replaced by a salted keyed
hash; municipalities are harmonised to the classification year and regions derived from them.
Rows that cannot be placed in a region or respondent group are dropped with their reason.
"""

from __future__ import annotations

import functools
import logging
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from pipeline.codebook import Codebook, Export
from pipeline.errors import UserError
from pipeline.ingest.checks import (
    check_distinct_files,
    check_extra_header_row,
    check_header_is_not_data,
    check_header_texts,
    check_value_labels,
)
from pipeline.ingest.harmonise import Municipalities, map_groups, map_regions
from pipeline.ingest.items import classify_items
from pipeline.ingest.long_table import LongTable
from pipeline.ingest.metrics import (
    REASON_NO_ANSWERS,
    STATUSES,
    check_weights,
    ingest_metrics,
    respondent_weights,
)
from pipeline.ingest.respondents import export_weights, pseudonymise, respondent_ids
from pipeline.ingest.values import STATUS_MISSING
from pipeline.io.readers import ColumnRef, read_export
from pipeline.io.reference import Reference
from pipeline.stats.weight_checks import (
    DEFAULT_MAX_WEIGHT_SHARE,
    round_weight_metrics,
)

log = logging.getLogger(__name__)


@dataclass
class ExportResult:
    export: Export
    respondents: pd.DataFrame  # respondent_id, municipality_code, region_code, group_code, weight
    codes: np.ndarray  # respondents x items, float32 (NaN = no code)
    status: np.ndarray  # respondents x items, int8 index into STATUSES
    items: list[str]
    rows_read: int
    blank_rows: int
    dropped: list[dict[str, Any]] = field(default_factory=list)
    declared_missing: Counter[str] = field(default_factory=Counter)
    personal: pd.DataFrame | None = None  # only with ingest.keep_personal
    stale_municipality_codes: int = 0  # cells whose municipality had merged before the round
    row_word: str = "row"  # what respondents.file_row counts: "row" (web exports) or "case"


def read_one(
    export: Export,
    codebook: Codebook,
    reference: Reference,
    munis: Municipalities,
    salt: str,
    keep_personal: bool = False,
) -> ExportResult:
    """Read and harmonise one export. Personal columns are read only with ``keep_personal``."""
    meta: dict[str, ColumnRef] = {}
    for key in ("respondent_id", "weight", "municipality", "region", "group"):
        ref = getattr(export, key)
        if ref is not None:
            meta[key] = ref
    personal = list(export.personal) if keep_personal else []
    refs = list(dict.fromkeys([*meta.values(), *export.items.values(), *personal]))
    table = read_export(
        export.file,
        refs,
        header_rows=export.header_rows,
        sheet=export.sheet,
        separator=export.separator,
        encoding=export.encoding,
        numeric=list(export.items.values()),
    )
    check_extra_header_row(table, export, codebook)
    rows_read = table.rows_read
    dropped: list[dict[str, Any]] = []
    duplicates = table.exact_duplicates()
    if duplicates:
        dropped += [
            {
                "file": export.file.name,
                "row": table.file_rows[i],
                "reason": f"exact duplicate of {table.row_word} {table.file_rows[j]}",
            }
            for i, j in duplicates.items()
        ]
        log.warning(
            "%s: %d exact double submission(s) dropped (every column equal to an earlier %s; "
            "listed in dropped_rows.csv)",
            export.file.name,
            len(duplicates),
            table.row_word,
        )
        table = table.without_rows(list(duplicates))
    n = table.rows_read
    ids = respondent_ids(table, meta.get("respondent_id"))
    weight = (
        export_weights(table, meta["weight"], export, codebook) if "weight" in meta else np.ones(n)
    )
    muni = np.full(n, None, dtype=object)
    region = np.full(n, None, dtype=object)
    stale = 0
    if "municipality" in meta:
        muni, region, stale = munis.map_column_counted(table, meta["municipality"], export.round)
    if "region" in meta:
        fallback = map_regions(table, meta["region"], reference)
        region = np.where(pd.isna(region), fallback, region)
    group = map_groups(
        table,
        meta["group"],
        codebook.groups,
        export.group_codes,
        export.language,
        codebook.path.name,
    )

    items = list(export.items)
    check_header_is_not_data(table, export, codebook)
    check_header_texts(table, export, codebook)
    check_value_labels(table, export, codebook)
    codes, status, declared = classify_items(table, export, codebook, items)

    no_answers = (status == STATUSES.index(STATUS_MISSING)).all(axis=1)
    no_region = pd.isna(region) & ~no_answers
    no_group = pd.isna(group) & ~no_region & ~no_answers
    keep = ~(no_region | no_group | no_answers)
    dropped += [
        {"file": export.file.name, "row": table.file_rows[i], "reason": reason}
        for mask, reason in (
            (no_answers, REASON_NO_ANSWERS),
            (no_region, "no municipality or region"),
            (no_group, "no respondent group"),
        )
        for i in np.flatnonzero(mask)
    ]
    context = f"{codebook.survey}|{export.round}|{export.file.name}"
    pseudo = pseudonymise(ids, salt, context)  # the ids are distinct (respondent_ids)
    rows = np.flatnonzero(keep)
    file_rows = np.asarray(table.file_rows)[rows]
    # object columns, not pandas' Arrow-backed str: the long table and the metrics take
    # them back as object arrays
    respondents = pd.DataFrame(
        {
            "respondent_id": pd.Series(pseudo[rows], dtype=object),
            "municipality_code": pd.Series(muni[rows], dtype=object),
            "region_code": pd.Series(region[rows], dtype=object),
            "group_code": pd.Series(group[rows], dtype=object),
            "weight": weight[rows],
            # for messages only (never written): each respondent's row (or case) in the file;
            # the text "row 12" is made only for a respondent a message names (a text per
            # respondent cost 40-70 ms at 200,000 respondents)
            "file_row": file_rows,
        }
    )
    kept_personal = None
    if personal:
        kept_personal = pd.DataFrame(
            {"respondent_id": pseudo.tolist(), "round": export.round, "file": export.file.name}
        )
        for ref in personal:
            kept_personal[str(table.names[ref])] = table.data[ref].astype("string").to_numpy()
    return ExportResult(
        export,
        respondents,
        codes if keep.all() else codes[keep],
        status if keep.all() else status[keep],
        items,
        rows_read,
        table.blank_rows,
        dropped,
        declared,
        kept_personal,
        stale,
        table.row_word,
    )


@dataclass
class IngestResult:
    table: LongTable  # responses, built range by range when it is written
    dropped: pd.DataFrame
    summarise: Callable[[], dict[str, Any]]  # -> metrics
    personal: pd.DataFrame | None = None

    @functools.cached_property
    def responses(self) -> pd.DataFrame:
        """The whole ``responses`` table as one DataFrame."""
        return self.table.frame()

    @functools.cached_property
    def metrics(self) -> dict[str, Any]:
        """The ingest metrics, computed when first asked for (the ingest stage asks while
        ``responses`` is being written)."""
        return self.summarise()


def ingest_survey(
    codebook: Codebook,
    reference: Reference,
    classification_year: int,
    salt: str,
    population: pd.DataFrame | None = None,
    keep_personal: bool = False,
    max_weight_share: float = DEFAULT_MAX_WEIGHT_SHARE,
) -> IngestResult:
    munis = Municipalities(reference, classification_year)
    check_distinct_files(codebook)
    results = []
    for export in codebook.exports:
        res = read_one(export, codebook, reference, munis, salt, keep_personal)
        log.info(
            "read %s: %d rows, %d respondents kept, %d dropped, %d items",
            export.file.name,
            res.rows_read,
            len(res.respondents),
            len(res.dropped),
            len(res.items),
        )
        results.append(res)
    weights = respondent_weights(results)
    check_weights(weights, max_weight_share)
    table = LongTable.build(codebook.survey, results, list(codebook.items))
    if len(table.categories("respondent_id")) < sum(len(r.respondents) for r in results):
        _check_rounds_unique(results)  # some pseudonym repeats: say where
    dropped = pd.DataFrame(
        [d for r in results for d in r.dropped], columns=["file", "row", "reason"]
    )

    def summarise() -> dict[str, Any]:
        metrics = ingest_metrics(codebook, results, dropped, population)
        metrics["weights_by_round"] = round_weight_metrics(weights)
        return metrics

    personal = None
    if keep_personal:
        frames = [r.personal for r in results if r.personal is not None]
        personal = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    return IngestResult(table, dropped, summarise, personal)


def _check_rounds_unique(results: list[ExportResult]) -> None:
    """Pseudonyms include the file, but a respondent must not appear twice in one round."""
    by_round: dict[int, list[np.ndarray]] = {}
    for r in results:
        by_round.setdefault(r.export.round, []).append(r.respondents["respondent_id"].to_numpy())
    for rnd, ids in by_round.items():
        if pd.Series(np.concatenate(ids)).duplicated().any():  # pragma: no cover
            raise UserError(f"round {rnd}", "", "respondents repeat within a round")
