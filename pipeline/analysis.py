"""The analyse stage's pure core: responses (long) -> estimates, distributions, tests, changes.

Pivots each round to a respondents x items matrix once (vectorised, no loop per respondent),
then hands the arrays to the statistics core in :mod:`pipeline.stats` for every design.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import numpy as np
import pandas as pd

from pipeline.errors import UserError
from pipeline.stats.tables import DONT_KNOW, FIRST_CODE, answer_tables
from pipeline.stats.types import ItemScale

log = logging.getLogger(__name__)

RESPONDENT_COLUMNS = ["respondent_id", "municipality_code", "region_code", "group_code", "weight"]


@dataclass(frozen=True)
class RoundData:
    """One round in wide form: rows are respondents, columns items."""

    round: int
    respondents: pd.DataFrame
    codes: pd.DataFrame
    status: pd.DataFrame


STATUSES = ("valid", "dont_know", "missing")


def split_rounds(responses: pd.DataFrame, items: list[str]) -> list[RoundData]:
    """Pivot the long ``responses`` table to one wide block per round.

    Vectorised scatter into (respondents x items) arrays, no loop per respondent; the item and
    status columns are factorised once for the whole table, the status matrix is kept as
    categorical columns (1 byte a cell instead of an object pointer to a string)."""
    item_code, item_uniq = pd.factorize(responses["item"], sort=False, use_na_sentinel=False)
    item_pos = {it: k for k, it in enumerate(items)}
    pos = np.array([item_pos.get(str(u), -1) for u in item_uniq], dtype=np.int64)
    if (pos < 0).any():
        unknown = str(item_uniq[int(np.flatnonzero(pos < 0)[0])])
        raise UserError(
            "responses", f"item {unknown}", "is not in the codebook snapshot", "rerun ingest"
        )
    status_code, status_uniq = pd.factorize(responses["status"], sort=False, use_na_sentinel=False)
    levels = list(STATUSES) + sorted({str(s) for s in status_uniq} - set(STATUSES))
    status_map = np.array([levels.index(str(s)) for s in status_uniq], dtype=np.int8)
    rounds = responses["round"].to_numpy()
    out = []
    for rnd in np.unique(rounds):
        rows = np.flatnonzero(rounds == rnd)
        row, uniq = pd.factorize(responses["respondent_id"].take(rows), sort=False)
        first = np.empty(len(uniq), dtype=np.int64)
        first[row[::-1]] = rows[::-1]  # first response row of each respondent
        resp = responses.take(first)[RESPONDENT_COLUMNS].reset_index(drop=True)
        col = pos[item_code[rows]]
        codes = np.full((len(items), len(resp)), np.nan)  # item-major, as pandas stores it
        status = np.full((len(items), len(resp)), levels.index("missing"), dtype=np.int8)
        codes[col, row] = responses["code"].to_numpy(float)[rows]
        status[col, row] = status_map[status_code[rows]]
        present = np.bincount(col, minlength=len(items)) > 0  # (no hash of 12 M values)
        kept = [k for k, p in enumerate(present) if p]
        out.append(
            RoundData(
                int(rnd),
                resp.astype({"weight": float}),
                pd.DataFrame(codes[kept].T, columns=[items[k] for k in kept]),
                pd.DataFrame(
                    {items[k]: pd.Categorical.from_codes(status[k], levels) for k in kept}
                ),
            )
        )
    return out


def distributions(
    data: RoundData,
    weights: np.ndarray,
    items: dict[str, ItemScale],
    design: str,
) -> pd.DataFrame:
    """Weighted answer distribution per item and domain (percent), for likert charts.

    Valid codes are shares of the valid answers; the don't-know row is the share of don't know
    among valid + don't know (as ``dont_know_share``). Computed from the per region x group
    answer tables of all items (one bincount pass, ``pipeline.stats.tables``) aggregated to
    the domains, instead of grouping a respondents x items long table four times."""
    resp = data.respondents
    names = [it for it in data.codes.columns if it in items]
    cell, cell_keys = pd.MultiIndex.from_frame(
        resp[["region_code", "group_code"]].astype(str)
    ).factorize()
    n_cells = len(cell_keys)
    tab = answer_tables(
        cell,
        n_cells,
        np.asarray(weights, float),
        names,
        data.codes[names].to_numpy(float),
        data.status,
    )
    cell_region = np.asarray(cell_keys.get_level_values(0), dtype=object)
    cell_group = np.asarray(cell_keys.get_level_values(1), dtype=object)
    regions, groups = sorted(set(cell_region)), sorted(set(cell_group))
    dom_region = ["ALL"] + regions + ["ALL"] * len(groups) + list(cell_region)
    dom_group = ["ALL"] + ["ALL"] * len(regions) + groups + list(cell_group)
    member = np.vstack(
        [
            np.ones((1, n_cells)),
            (cell_region[None, :] == np.asarray(regions, dtype=object)[:, None]),
            (cell_group[None, :] == np.asarray(groups, dtype=object)[:, None]),
            np.eye(n_cells),
        ]
    ).astype(float)
    w = member @ tab.w  # (J, D, L)
    n = member @ tab.n
    n_valid = n[:, :, FIRST_CODE:].sum(axis=2)
    w_valid = w[:, :, FIRST_CODE:].sum(axis=2)
    n_answered = n_valid + n[:, :, DONT_KNOW]
    w_answered = w_valid + w[:, :, DONT_KNOW]
    dom_region_a = np.asarray(dom_region, dtype=object)
    dom_group_a = np.asarray(dom_group, dtype=object)
    level_of = {v: k for k, v in enumerate(tab.values.tolist())}
    parts = []
    with np.errstate(invalid="ignore", divide="ignore"):
        for j, item in enumerate(names):  # one small (domains x codes) block per item
            codes_ = np.asarray(items[item].valid_codes, dtype=float)
            idx = np.array([level_of.get(c, -1) for c in codes_.tolist()], dtype=np.int64)
            w_code = np.where(idx >= 0, w[j][:, np.maximum(idx, 0) + FIRST_CODE], 0.0)
            d_v = np.flatnonzero(n_valid[j] > 0)
            share = 100.0 * w_code[d_v] / w_valid[j, d_v, None]
            parts.append(
                pd.DataFrame(
                    {
                        "item": item,
                        "region_code": np.repeat(dom_region_a[d_v], codes_.size),
                        "group_code": np.repeat(dom_group_a[d_v], codes_.size),
                        "status": "valid",
                        "code": np.tile(codes_, d_v.size),
                        "share": share.ravel(),
                        "n": np.repeat(n_valid[j, d_v], codes_.size),
                    }
                )
            )
            d_a = np.flatnonzero(n_answered[j] > 0)
            parts.append(
                pd.DataFrame(
                    {
                        "item": item,
                        "region_code": dom_region_a[d_a],
                        "group_code": dom_group_a[d_a],
                        "status": "dont_know",
                        "code": np.nan,
                        "share": 100.0 * w[j, d_a, DONT_KNOW] / w_answered[j, d_a],
                        "n": n_answered[j, d_a],
                    }
                )
            )
    res = pd.concat(parts, ignore_index=True)
    res.insert(0, "design", design)
    res.insert(1, "round", data.round)
    res["n"] = np.rint(res["n"].to_numpy()).astype(np.int64)
    return res.sort_values(
        ["item", "region_code", "group_code", "status", "code"], key=_sort_key, ignore_index=True
    )


def _sort_key(s: pd.Series) -> pd.Series:
    if s.name in ("region_code", "group_code"):
        return s.map(lambda v: (v != "ALL", v))
    return s


def suppress_distributions(
    dists: pd.DataFrame, estimates: pd.DataFrame, min_cell: int
) -> pd.DataFrame:
    """Distribution rows follow the suppression of their domain's estimates.

    A valid-code row is suppressed when its domain has fewer than ``min_cell`` valid answers or
    the domain's mean/balance is suppressed (primary or secondary); the don't-know row follows
    ``dont_know_share``. Suppressed shares are emptied."""
    key = ["survey", "design", "round", "item", "region_code", "group_code"]
    sup = estimates[estimates["suppressed"]]
    main = sup[sup["statistic"].isin(["mean", "balance"])][key].drop_duplicates()
    dk = sup[sup["statistic"] == "dont_know_share"][key].drop_duplicates()
    out = dists.copy()
    flag = out["n"] < min_cell
    for status, table in (("valid", main), ("dont_know", dk)):
        hit = out.merge(table, on=key, how="left", indicator=True)["_merge"].eq("both")
        flag |= hit.to_numpy() & (out["status"] == status).to_numpy()
    out["suppressed"] = flag.to_numpy()
    out.loc[out["suppressed"], "share"] = np.nan
    cols = key[:4] + ["region_code", "group_code", "status", "code", "n", "share", "suppressed"]
    return out[cols]
