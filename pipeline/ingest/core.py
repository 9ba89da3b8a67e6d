"""Ingest: every export the codebook lists -> one tidy ``responses`` table.

Only the columns the codebook maps are read; respondent ids are replaced by a salted keyed
hash; municipalities are harmonised to the classification year and regions derived from them.
Rows that cannot be placed in a region or respondent group are dropped with their reason.
"""

from __future__ import annotations

import hashlib
import logging
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from pipeline.codebook import Codebook, Export
from pipeline.errors import UserError, quote
from pipeline.ingest.checks import (
    check_distinct_files,
    check_extra_header_row,
    check_header_texts,
    check_value_labels,
    dont_know_hint,
)
from pipeline.ingest.harmonise import Municipalities, map_groups, map_regions
from pipeline.ingest.values import (
    STATUS_DK,
    STATUS_MISSING,
    STATUS_VALID,
    ScaleReader,
    as_code,
    code_text,
    is_blank,
    map_unique,
    number_or_reason,
)
from pipeline.io.readers import ColumnRef, RawTable, read_export
from pipeline.io.reference import Reference
from pipeline.stats.weight_checks import (
    DEFAULT_MAX_WEIGHT_SHARE,
    check_weight_shares,
    largest_share_violation,
    round_weight_metrics,
)

log = logging.getLogger(__name__)

RESPONSE_COLUMNS = [
    "survey",
    "round",
    "respondent_id",
    "municipality_code",
    "region_code",
    "group_code",
    "weight",
    "item",
    "code",
    "status",
]
STATUSES = [STATUS_VALID, STATUS_DK, STATUS_MISSING]
REASON_NO_ANSWERS = "no answer to any item"
REASON_DUPLICATE = "exact duplicate of"


@dataclass
class ExportResult:
    export: Export
    respondents: pd.DataFrame  # respondent_id, municipality_code, region_code, group_code, weight
    codes: np.ndarray  # respondents x items, float (NaN = no code)
    status: np.ndarray  # respondents x items, int8 index into STATUSES
    items: list[str]
    rows_read: int
    blank_rows: int
    dropped: list[dict[str, Any]] = field(default_factory=list)
    declared_missing: Counter[str] = field(default_factory=Counter)
    personal: pd.DataFrame | None = None  # only with ingest.keep_personal
    stale_municipality_codes: int = 0  # cells whose municipality had merged before the round


def pseudonymise(ids: list[str], salt: str, context: str) -> list[str]:
    """Stable pseudonyms: a keyed BLAKE2b hash of (context, id) with the salt as key.

    The same salt and export give the same pseudonyms in every run; without the salt they
    cannot be linked back to the raw ids."""
    key = hashlib.blake2b(salt.encode("utf-8"), digest_size=32).digest()
    return [
        hashlib.blake2b(f"{context}\x1f{i}".encode(), key=key, digest_size=8).hexdigest()
        for i in ids
    ]


def _weights(table: RawTable, ref: ColumnRef, export: Export, codebook: Codebook) -> np.ndarray:
    def one(value: Any) -> float | str:
        if is_blank(value):
            return "is missing"
        number = number_or_reason(value, export.decimal, export.thousands)
        if isinstance(number, str):
            return number
        if number <= 0:
            return f"{number:g} is not positive"
        return number

    results, inverse = map_unique(table.data[ref], one)
    for j, res in enumerate(results):
        if isinstance(res, str):
            row = int(np.flatnonzero(inverse == j)[0])
            fix = (
                "every respondent needs a positive numeric weight; fix the export "
                "or remove 'weight' from the codebook to use weight 1"
            )
            if "separator" in res or "two ways" in res:
                fix = (
                    f"declare the file's number format in {export.where} of "
                    f"{codebook.path.name} (decimal: ',' or '.'; thousands: '.', ',' or ' ')"
                )
            raise UserError(table.path, table.place(ref, row), f"weight {res}", fix)
    return np.asarray(results, dtype=float)[inverse]


def _respondent_ids(table: RawTable, ref: ColumnRef | None) -> list[str]:
    if ref is None:
        return [str(r) for r in table.file_rows]
    ids = [code_text(v) if not is_blank(v) else "" for v in table.data[ref].to_numpy(object)]
    seen: dict[str, int] = {}
    for i, rid in enumerate(ids):
        if not rid:
            raise UserError(
                table.path,
                table.place(ref, i),
                "respondent id is missing",
                "fill it in, or remove respondent_id from the codebook to use row numbers",
            )
        if rid in seen:
            first = table.file_rows[seen[rid]]
            raise UserError(
                table.path,
                table.place(ref, i),
                f"duplicate respondent id {quote(rid)} (also in {table.row_word} {first})",
                "each respondent must appear once; remove the duplicate rows",
            )
        seen[rid] = i
    return ids


def _value_label(table: RawTable, ref: ColumnRef, value: Any) -> str | None:
    labels = table.value_labels.get(ref) or {}
    code = as_code(value)
    for raw, label in labels.items():
        if as_code(raw) == code and code is not None:
            return str(label)
    return None


def _check_header_is_not_data(table: RawTable, export: Export, codebook: Codebook) -> None:
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
    )
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
    ids = _respondent_ids(table, meta.get("respondent_id"))
    weight = _weights(table, meta["weight"], export, codebook) if "weight" in meta else np.ones(n)
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
    _check_header_is_not_data(table, export, codebook)
    check_extra_header_row(table, export, codebook)
    check_header_texts(table, export, codebook)
    check_value_labels(table, export, codebook)
    codes = np.full((n, len(items)), np.nan)
    status = np.zeros((n, len(items)), dtype=np.int8)
    declared: Counter[str] = Counter()
    for k, item_id in enumerate(items):
        ref = export.items[item_id]
        scale = codebook.scales[codebook.items[item_id].scale]
        reader = ScaleReader(scale, export.language, export.recode_for(item_id, scale.id))
        results, inverse = map_unique(table.data[ref], reader.classify)
        for j, res in enumerate(results):
            if res is None:
                row = int(np.flatnonzero(inverse == j)[0])
                value = table.data[ref].iloc[row]
                known = ", ".join(str(c) for c in [*scale.codes, *scale.dont_know])
                label = _value_label(table, ref, value)
                hint = dont_know_hint(value, scale, export, label, codebook)
                raise UserError(
                    table.path,
                    table.place(ref, row),
                    f"{quote(code_text(value))} is not on the scale '{scale.id}' of item "
                    f"{item_id} (codes {known} or their {export.language} labels)",
                    hint
                    or f"fix the value, or declare it under scales.{scale.id}.missing in "
                    f"{codebook.path.name}",
                )
        codes[:, k] = np.array([r[0] for r in results], dtype=float)[inverse]
        status[:, k] = np.array([STATUSES.index(r[1]) for r in results], dtype=np.int8)[inverse]
        n_declared = int(np.array([r[2] for r in results], dtype=bool)[inverse].sum())
        if n_declared:
            declared[item_id] += n_declared

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
    pseudo = pseudonymise(ids, salt, context)
    respondents = pd.DataFrame(
        {
            "respondent_id": np.asarray(pseudo, dtype=object)[keep],
            "municipality_code": muni[keep],
            "region_code": region[keep],
            "group_code": group[keep],
            "weight": weight[keep],
            # for messages only (never written): where each respondent is in the file
            "place": [
                f"{table.row_word} {r}" for r, k in zip(table.file_rows, keep, strict=True) if k
            ],
        }
    )
    kept_personal = None
    if personal:
        kept_personal = pd.DataFrame(
            {"respondent_id": pseudo, "round": export.round, "file": export.file.name}
        )
        for ref in personal:
            kept_personal[str(table.names[ref])] = table.data[ref].astype("string").to_numpy()
    return ExportResult(
        export,
        respondents,
        codes[keep],
        status[keep],
        items,
        rows_read,
        table.blank_rows,
        dropped,
        declared,
        kept_personal,
        stale,
    )


@dataclass
class IngestResult:
    responses: pd.DataFrame
    dropped: pd.DataFrame
    metrics: dict[str, Any]
    personal: pd.DataFrame | None = None


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
    _check_rounds_unique(results)
    weights = _respondent_weights(results)
    _check_weights(weights, max_weight_share)
    responses = _long_table(codebook.survey, results)
    dropped = pd.DataFrame(
        [d for r in results for d in r.dropped], columns=["file", "row", "reason"]
    )
    metrics = ingest_metrics(codebook, results, responses, dropped, population)
    metrics["weights_by_round"] = round_weight_metrics(weights)
    personal = None
    if keep_personal:
        frames = [r.personal for r in results if r.personal is not None]
        personal = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    return IngestResult(responses, dropped, metrics, personal)


# published domains within a round: the whole round, each region, each respondent group
WEIGHT_DOMAINS: tuple[tuple[str, ...], ...] = ((), ("region_code",), ("group_code",))


def _respondent_weights(results: list[ExportResult]) -> pd.DataFrame:
    """One row per kept respondent: round, region, group, weight and its place in its file."""
    frames = [
        r.respondents.assign(round=r.export.round, file=r.export.file)[
            ["round", "region_code", "group_code", "weight", "file", "place"]
        ]
        for r in results
    ]
    return pd.concat(frames, ignore_index=True)


def _check_weights(weights: pd.DataFrame, max_share: float) -> None:
    """No respondent may hold more than ``max_share`` of a published domain's weight total
    (analyse.max_weight_share): checked on the export's own weights, where the row is known."""
    if weights.empty:
        return
    v = largest_share_violation(weights, WEIGHT_DOMAINS, max_share)
    if v is not None:
        check_weight_shares(
            weights,
            WEIGHT_DOMAINS,
            max_share,
            lambda i: str(weights["place"].iloc[i]),
            weights["file"].iloc[v.index],
        )


def _check_rounds_unique(results: list[ExportResult]) -> None:
    """Pseudonyms include the file, but a respondent must not appear twice in one round."""
    by_round: dict[int, set[str]] = {}
    for r in results:
        ids = set(r.respondents["respondent_id"])
        seen = by_round.setdefault(r.export.round, set())
        if seen & ids:  # pragma: no cover - pseudonyms include the file name
            raise UserError(r.export.file, "", "respondents repeat within a round")
        seen |= ids


def _long_table(survey: str, results: list[ExportResult]) -> pd.DataFrame:
    """One row per respondent x item, respondent-major, as CONTRACT.md's ``responses``."""
    parts = []
    for r in results:
        n, k = r.codes.shape
        resp = r.respondents
        parts.append(
            pd.DataFrame(
                {
                    "round": np.full(n * k, r.export.round, dtype=np.int64),
                    "respondent_id": np.repeat(resp["respondent_id"].to_numpy(object), k),
                    "municipality_code": np.repeat(resp["municipality_code"].to_numpy(object), k),
                    "region_code": np.repeat(resp["region_code"].to_numpy(object), k),
                    "group_code": np.repeat(resp["group_code"].to_numpy(object), k),
                    "weight": np.repeat(resp["weight"].to_numpy(float), k),
                    "item": np.tile(np.asarray(r.items, dtype=object), n),
                    "code": r.codes.ravel(),
                    "status": np.asarray(STATUSES, dtype=object)[r.status.ravel()],
                }
            )
        )
    df = pd.concat(parts, ignore_index=True)
    df.insert(0, "survey", survey)
    for col in ("survey", "municipality_code", "region_code", "group_code", "item"):
        df[col] = df[col].astype("string")
    df["respondent_id"] = df["respondent_id"].astype("string")
    df["status"] = pd.Categorical(df["status"], categories=STATUSES)
    return df[RESPONSE_COLUMNS]


def ingest_metrics(
    codebook: Codebook,
    results: list[ExportResult],
    responses: pd.DataFrame,
    dropped: pd.DataFrame,
    population: pd.DataFrame | None,
) -> dict[str, Any]:
    resp = responses.drop_duplicates(["round", "respondent_id"])
    by_round = resp.groupby("round").size()
    metrics: dict[str, Any] = {
        "survey": codebook.survey,
        "respondents": len(resp),
        "respondents_by_round": {str(k): int(v) for k, v in by_round.items()},
        "respondents_by_round_region": _nested(resp, "region_code"),
        "respondents_by_round_group": _nested(resp, "group_code"),
        "files": {
            r.export.file.name: {
                "round": r.export.round,
                "language": r.export.language,
                "rows_read": r.rows_read,
                "blank_rows_skipped": r.blank_rows,
                "respondents": len(r.respondents),
                "rows_dropped": len(r.dropped),
                "exact_duplicates_dropped": _count(r.dropped, REASON_DUPLICATE),
                "no_answer_respondents_dropped": _count(r.dropped, REASON_NO_ANSWERS),
                "stale_municipality_codes": r.stale_municipality_codes,
                "declared_missing_values": int(sum(r.declared_missing.values())),
            }
            for r in results
        },
        "rows_dropped": len(dropped),
        "exact_duplicates_dropped": sum(_count(r.dropped, REASON_DUPLICATE) for r in results),
        "no_answer_respondents_dropped": sum(_count(r.dropped, REASON_NO_ANSWERS) for r in results),
        "stale_municipality_codes": sum(r.stale_municipality_codes for r in results),
        "rows_dropped_by_reason": {
            str(k): int(v)
            for k, v in dropped["reason"]
            .str.replace(r"^exact duplicate of .*", "exact duplicate", regex=True)
            .value_counts()
            .items()
        },
    }
    if population is not None and not population.empty:
        pop = population.groupby("round")["N"].sum()
        metrics["response_share_by_round"] = {
            str(k): round(float(by_round[k]) / float(pop[k]) * 100, 2)
            for k in by_round.index
            if k in pop.index
        }
    counts = (
        responses.groupby(["round", "item", "status"], observed=True).size().unstack(fill_value=0)
    )
    for s in STATUSES:
        if s not in counts:
            counts[s] = 0
    total = counts[STATUSES].sum(axis=1)
    answered = counts[STATUS_VALID] + counts[STATUS_DK]
    dk = (counts[STATUS_DK] / answered.where(answered > 0)).fillna(0.0) * 100
    miss = counts[STATUS_MISSING] / total * 100
    items: dict[str, dict[str, Any]] = {}
    for (rnd, item), _ in counts.iterrows():
        items.setdefault(str(rnd), {})[str(item)] = {
            "dont_know_share": round(float(dk[(rnd, item)]), 2),
            "missing_share": round(float(miss[(rnd, item)]), 2),
        }
    metrics["items"] = items
    metrics["dont_know_share_mean_by_round"] = {
        str(r): round(float(dk.xs(r, level="round").mean()), 2)
        for r in counts.index.get_level_values("round").unique()
    }
    metrics["missing_share_mean_by_round"] = {
        str(r): round(float(miss.xs(r, level="round").mean()), 2)
        for r in counts.index.get_level_values("round").unique()
    }
    return metrics


def _count(dropped: list[dict[str, Any]], reason: str) -> int:
    return sum(1 for d in dropped if str(d["reason"]).startswith(reason))


def _nested(resp: pd.DataFrame, col: str) -> dict[str, dict[str, int]]:
    out: dict[str, dict[str, int]] = {}
    for (rnd, key), n in resp.groupby(["round", col]).size().items():
        out.setdefault(str(rnd), {})[str(key)] = int(n)
    return out
