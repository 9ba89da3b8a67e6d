"""The analyse stage's pure core: responses (long) -> estimates, distributions, tests, changes.

Pivots each round to a respondents x items matrix once (vectorised, no loop per respondent),
then hands the arrays to the statistics core in :mod:`pipeline.stats` for every design.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from pipeline.errors import UserError
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


def item_scales(snapshot: dict[str, Any]) -> dict[str, ItemScale]:
    """ItemScale per item from the codebook snapshot written by ingest."""
    out = {}
    for item_id, item in snapshot["items"].items():
        s = snapshot["scales"][item["scale"]]
        out[item_id] = ItemScale(
            s["kind"],
            tuple(int(c) for c in s["codes"]),
            tuple(s["top"]),
            tuple(s["bottom"]),
            tuple(s["improved"]),
            tuple(s["worsened"]),
        )
    return out


def split_rounds(responses: pd.DataFrame, items: list[str]) -> list[RoundData]:
    """Pivot the long ``responses`` table to one wide block per round."""
    out = []
    for rnd, part in responses.groupby("round", sort=True):
        row, uniq = pd.factorize(part["respondent_id"], sort=False)  # order of appearance
        first = np.empty(len(uniq), dtype=np.int64)
        first[row[::-1]] = np.arange(len(row) - 1, -1, -1)  # first row of each respondent
        resp = part.iloc[first][RESPONDENT_COLUMNS].reset_index(drop=True)
        item_pos = {it: k for k, it in enumerate(items)}
        col = part["item"].map(item_pos).to_numpy()
        if np.isnan(col.astype(float)).any():
            unknown = part.loc[part["item"].map(item_pos).isna(), "item"].iloc[0]
            raise UserError(
                "responses", f"item {unknown}", "is not in the codebook snapshot", "rerun ingest"
            )
        col = col.astype(np.int64)
        codes = np.full((len(resp), len(items)), np.nan)
        status = np.full((len(resp), len(items)), "missing", dtype=object)
        codes[row, col] = part["code"].to_numpy(float)
        status[row, col] = part["status"].astype(str).to_numpy(object)
        present = np.zeros(len(items), dtype=bool)
        present[np.unique(col)] = True
        kept = [it for it, p in zip(items, present, strict=True) if p]
        out.append(
            RoundData(
                int(rnd),
                resp.astype({"weight": float}),
                pd.DataFrame(codes[:, present], columns=kept),
                pd.DataFrame(status[:, present], columns=kept),
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
    among valid + don't know (as ``dont_know_share``)."""
    resp = data.respondents
    k = len(data.codes.columns)
    long = pd.DataFrame(
        {
            "region_code": np.repeat(resp["region_code"].to_numpy(object), k),
            "group_code": np.repeat(resp["group_code"].to_numpy(object), k),
            "w": np.repeat(weights, k),
            "item": np.tile(np.asarray(data.codes.columns, dtype=object), len(resp)),
            "code": data.codes.to_numpy(float).ravel(),
            "status": data.status.to_numpy(object).ravel(),
        }
    )
    long = long[long["status"] != "missing"]
    long["one"] = 1
    keys = ["item", "status", "code"]
    parts = []
    for region, group in ((False, False), (True, False), (False, True), (True, True)):
        by = keys + (["region_code"] if region else []) + (["group_code"] if group else [])
        g = long.groupby(by, sort=True).agg(w=("w", "sum"), n=("one", "sum")).reset_index()
        if not region:
            g["region_code"] = "ALL"
        if not group:
            g["group_code"] = "ALL"
        parts.append(g)
    cells = pd.concat(parts, ignore_index=True)
    dom = ["item", "region_code", "group_code"]
    valid = cells["status"] == "valid"
    tot_valid = cells[valid].groupby(dom)[["w", "n"]].sum()
    tot_all = cells.groupby(dom)[["w", "n"]].sum()
    idx = pd.MultiIndex.from_frame(cells[dom])
    denom_w = np.where(
        valid, tot_valid["w"].reindex(idx).to_numpy(), tot_all["w"].reindex(idx).to_numpy()
    )
    denom_n = np.where(
        valid, tot_valid["n"].reindex(idx).to_numpy(), tot_all["n"].reindex(idx).to_numpy()
    )
    dk = cells["status"] == "dont_know"
    # one don't-know row per domain (all don't-know codes together)
    out = cells.assign(share=cells["w"] / denom_w * 100, n=denom_n)
    dk_rows = out[dk].groupby(dom, as_index=False).agg(share=("share", "sum"), n=("n", "first"))
    dk_rows["status"] = "dont_know"
    dk_rows["code"] = np.nan
    # domains where nobody said don't know get an explicit 0 %
    answered = tot_all.reset_index()[dom + ["n"]]
    zero = answered.merge(dk_rows[dom], on=dom, how="left", indicator=True)
    zero = zero[zero["_merge"] == "left_only"].drop(columns="_merge")
    zero = zero.assign(status="dont_know", code=np.nan, share=0.0)
    valid_rows = out[valid][dom + ["status", "code", "share", "n"]]
    # valid codes with no answers in a domain: explicit 0 % rows
    res = pd.concat([valid_rows, dk_rows, zero], ignore_index=True)
    res = _fill_zero_codes(res, items, dom)
    res.insert(0, "design", design)
    res.insert(1, "round", data.round)
    res["n"] = res["n"].astype(np.int64)
    return res.sort_values(
        ["item", "region_code", "group_code", "status", "code"], key=_sort_key, ignore_index=True
    )


def _sort_key(s: pd.Series) -> pd.Series:
    if s.name in ("region_code", "group_code"):
        return s.map(lambda v: (v != "ALL", v))
    return s


def _fill_zero_codes(
    res: pd.DataFrame, items: dict[str, ItemScale], dom: list[str]
) -> pd.DataFrame:
    valid = res[res["status"] == "valid"]
    domains = valid.groupby(dom, as_index=False)["n"].first()
    grid = []
    for item_id, scale in items.items():
        d = domains[domains["item"] == item_id]
        if d.empty:
            continue
        grid.append(
            d.loc[d.index.repeat(len(scale.valid_codes))].assign(
                code=np.tile(np.asarray(scale.valid_codes, dtype=float), len(d))
            )
        )
    if not grid:
        return res
    full = pd.concat(grid, ignore_index=True)
    merged = full.merge(valid[dom + ["code", "share"]], on=dom + ["code"], how="left")
    merged["share"] = merged["share"].fillna(0.0)
    merged["status"] = "valid"
    return pd.concat([merged[res.columns], res[res["status"] != "valid"]], ignore_index=True)


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
