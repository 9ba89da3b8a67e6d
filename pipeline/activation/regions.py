"""``activation_regions`` (round x region x ratio: median, range and pooled ratio of the
municipalities, coverage, change since the previous round) and the stage's metrics, from the
suppressed municipal table of :mod:`pipeline.activation.ratios` (docs/activation.md)."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from pipeline.activation.config import ActivationConfig
from pipeline.activation.ratios import EXCLUDE, FLAGS, SURVEY
from pipeline.activation.suppression import pooled_safe

REGION_COLUMNS = [
    "survey",
    "round",
    "region_code",
    "ratio",
    "n_municipalities",
    "n_in_region",
    "n_valid",
    "coverage",
    "median",
    "min",
    "max",
    "pooled",
    "pooled_suppressed",
    "suppressed_municipalities",
    "previous_round",
    "median_change",
    "pooled_change",
]


def region_summaries(
    table: pd.DataFrame, config: ActivationConfig, pre: pd.DataFrame
) -> pd.DataFrame:
    """``activation_regions`` from the suppressed table ``table`` and the values before
    suppression ``pre`` (same rows), for the pooled ratio."""
    t = table.assign(
        num0=pre["numerator"].to_numpy(),
        den0=pre["denominator"].to_numpy(),
        value0=pre["value"].to_numpy(),
    )
    excluded = t["flag"].str.split(";").map(lambda fl: bool(EXCLUDE.intersection(fl)))
    t["included"] = t["value0"].notna() & ~excluded
    t["published"] = t["included"] & ~t["suppressed"]
    t["res_answering"] = np.where(t["responded"], t["residents"], 0.0)
    key = ["round", "region_code", "ratio"]
    g = t.groupby(key, sort=True)
    out = g.agg(
        n_municipalities=("responded", "sum"),
        n_in_region=("municipality_code", "size"),
        n_valid=("included", "sum"),
        res_all=("residents", "sum"),
        res_answering=("res_answering", "sum"),
    )
    pub = t[t["published"]].groupby(key)["value"]
    out["median"] = pub.median()
    out["min"] = pub.min()
    out["max"] = pub.max()
    inc = t[t["included"]].groupby(key)
    per = out.index.get_level_values("ratio").map({r.id: r.per for r in config.ratios})
    out["pooled"] = (inc["num0"].sum() / inc["den0"].sum()).reindex(out.index) * per.to_numpy()
    hidden = t[t["included"] & t["suppressed"]]
    safe = (
        t[t["included"]]
        .groupby(key)
        .apply(
            lambda grp: pooled_safe(
                grp.loc[grp["suppressed"], "disclosive_count"], config.min_cell
            ),
            include_groups=False,
        )
    )
    out["pooled_suppressed"] = ~safe.reindex(out.index).fillna(True).astype(bool)
    out.loc[out["pooled_suppressed"], "pooled"] = np.nan
    out["suppressed_municipalities"] = hidden.groupby(key).size().reindex(out.index).fillna(0)
    out["coverage"] = (100 * out["res_answering"] / out["res_all"]).round(2)
    out = out.reset_index()
    out["survey"] = SURVEY
    out = _region_changes(out)
    for c in ("n_municipalities", "n_in_region", "n_valid", "suppressed_municipalities"):
        out[c] = out[c].astype(int)
    return out[REGION_COLUMNS].sort_values(["ratio", "region_code", "round"], ignore_index=True)


def _region_changes(out: pd.DataFrame) -> pd.DataFrame:
    rounds = sorted(out["round"].unique())
    prev_round = dict(zip(rounds[1:], rounds[:-1], strict=False))
    out["previous_round"] = out["round"].map(prev_round).astype("Int64")
    prev = out[["round", "region_code", "ratio", "median", "pooled"]].rename(
        columns={"round": "previous_round", "median": "_pm", "pooled": "_pp"}
    )
    prev["previous_round"] = prev["previous_round"].astype("Int64")
    out = out.merge(prev, on=["previous_round", "region_code", "ratio"], how="left")
    out["median_change"] = out["median"] - out["_pm"]
    out["pooled_change"] = out["pooled"] - out["_pp"]
    return out.drop(columns=["_pm", "_pp"])


def metrics(table: pd.DataFrame, regions: pd.DataFrame, config: ActivationConfig) -> dict[str, Any]:
    flags = table["flag"].str.split(";").explode()
    flags = flags[flags != ""]
    return {
        "min_cell": config.min_cell,
        "ratios": [r.id for r in config.ratios],
        "rows": len(table),
        # not "values": DVC cannot show a metric of that name
        "values_computed": int(table["value"].notna().sum()),
        "flags": {f: int((flags == f).sum()) for f in FLAGS},
        "suppressed_cells": int(table["suppressed"].sum()),
        "suppressed_primary": int((table["suppression"] == "primary").sum()),
        "suppressed_secondary": int((table["suppression"] == "secondary").sum()),
        "pooled_suppressed": int(regions["pooled_suppressed"].sum()),
    }
