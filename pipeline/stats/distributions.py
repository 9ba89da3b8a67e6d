"""Weighted answer distributions per item and domain (the ``distributions`` table)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from pipeline.stats.rounds import RoundData
from pipeline.stats.tables import DONT_KNOW, FIRST_CODE, answer_tables
from pipeline.stats.types import ALL, ItemScale

DISTRIBUTION_SORT = ["item", "region_code", "group_code", "status", "code"]


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
    the domains."""
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
    dom_region = [ALL] + regions + [ALL] * len(groups) + list(cell_region)
    dom_group = [ALL] + [ALL] * len(regions) + groups + list(cell_group)
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
    return res.sort_values(DISTRIBUTION_SORT, key=_sort_key, ignore_index=True)


def _sort_key(s: pd.Series) -> pd.Series:
    if s.name in ("region_code", "group_code"):
        return s.map(lambda v: (v != ALL, v))
    return s
