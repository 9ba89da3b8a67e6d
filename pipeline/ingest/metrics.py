"""The ingest metrics (reports/metrics/ingest.json) and the weight checks over all exports:
counts per round, region, group and file, what was dropped and why, item non-response, and
per-round weight diagnostics."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from pipeline.codebook import Codebook
from pipeline.ingest.values import STATUS_DK, STATUS_MISSING, STATUS_VALID
from pipeline.stats.weight_checks import check_weight_shares, largest_share_violation

if TYPE_CHECKING:
    from pipeline.ingest.core import ExportResult

STATUSES = [STATUS_VALID, STATUS_DK, STATUS_MISSING]
REASON_NO_ANSWERS = "no answer to any item"
REASON_DUPLICATE = "exact duplicate of"


# published domains within a round: the whole round, each region, each respondent group
WEIGHT_DOMAINS: tuple[tuple[str, ...], ...] = ((), ("region_code",), ("group_code",))


def respondent_weights(results: list[ExportResult]) -> pd.DataFrame:
    """One row per kept respondent: round, region, group, weight and its place in its file
    (``row_word`` and ``file_row``: "row 12" or "case 12", see :func:`_place`)."""
    frames = [
        r.respondents.assign(
            round=r.export.round,
            file=r.export.file,
            row_word=r.row_word,
        )[["round", "region_code", "group_code", "weight", "file", "row_word", "file_row"]]
        for r in results
    ]
    return pd.concat(frames, ignore_index=True)


def _place(weights: pd.DataFrame, i: int) -> str:
    """Where respondent i of :func:`respondent_weights` is in its file: "row 12"."""
    return f"{weights['row_word'].iloc[i]} {weights['file_row'].iloc[i]}"


def check_weights(weights: pd.DataFrame, max_share: float) -> None:
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
            lambda i: _place(weights, i),
            weights["file"].iloc[v.index],
        )


def ingest_metrics(
    codebook: Codebook,
    results: list[ExportResult],
    dropped: pd.DataFrame,
    population: pd.DataFrame | None,
) -> dict[str, Any]:
    """From the per-export results (one row per kept respondent, a respondents x items status
    matrix), not from the long table: the same counts without grouping millions of rows."""
    resp = pd.concat(
        [
            r.respondents[["region_code", "group_code"]].assign(round=r.export.round)
            for r in results
        ],
        ignore_index=True,
    )
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
    counts = _status_counts(results)
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


def _status_counts(results: list[ExportResult]) -> pd.DataFrame:
    """Cells per round x item (sorted) and status (columns STATUSES), from the status
    matrices; items of exports without kept respondents do not appear."""
    rows = [
        (r.export.round, item, *np.bincount(r.status[:, k], minlength=len(STATUSES)))
        for r in results
        if len(r.respondents)
        for k, item in enumerate(r.items)
    ]
    frame = pd.DataFrame(rows, columns=["round", "item", *STATUSES])
    return frame.groupby(["round", "item"]).sum()


def _count(dropped: list[dict[str, Any]], reason: str) -> int:
    return sum(1 for d in dropped if str(d["reason"]).startswith(reason))


def _nested(resp: pd.DataFrame, col: str) -> dict[str, dict[str, int]]:
    out: dict[str, dict[str, int]] = {}
    for (rnd, key), n in resp.groupby(["round", col]).size().items():
        out.setdefault(str(rnd), {})[str(key)] = int(n)
    return out
