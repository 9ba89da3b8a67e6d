"""Municipal ratios, plausibility flags and suppression (docs/activation.md).

Input: the tidy answers and municipal statistics of :mod:`pipeline.activation.ingest`; output:
the published table ``activation`` (round x municipality x ratio), from which
:mod:`pipeline.activation.regions` summarises ``activation_regions``. Every empty value carries
a flag that says why.

Over 300 lines because a row's value, its flags and its suppression are decided together (a
suppressed or flagged value must never reach the region summaries); the flag vocabulary is
defined here for the same reason.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from pipeline.activation.codebook import STATS, ActivationCodebook
from pipeline.activation.config import ActivationConfig, RatioSpec
from pipeline.activation.ingest import VALID, ActivationData
from pipeline.activation.suppression import suppress_counts
from pipeline.errors import UserError

SURVEY = "activation"
# Flags (joined with ";" in the `flag` column).
NO_ANSWER = "no_answer"  # the municipality did not answer in this round
JOINT_ATTRIBUTED = "joint_attributed"  # answered by a joint authority reported under its host
NUM_MISSING = "numerator_missing"  # a part of the numerator is blank or "don't know"
DEN_MISSING = "denominator_missing"
DEN_ZERO = "denominator_zero"
OUT_OF_RANGE = "out_of_range"  # outside activation.ratios.<id>.range
FTE_GT_RESIDENTS = "fte_gt_residents"  # a staff FTE larger than the municipality's residents
CHANGE = "change_above_factor"  # changed by more than activation.change_factor since last round
FLAGS = (
    NO_ANSWER,
    JOINT_ATTRIBUTED,
    NUM_MISSING,
    DEN_MISSING,
    DEN_ZERO,
    OUT_OF_RANGE,
    FTE_GT_RESIDENTS,
    CHANGE,
)
# Flags that keep a value out of the region summaries (implausible, not merely unusual).
EXCLUDE = {OUT_OF_RANGE, FTE_GT_RESIDENTS}

COLUMNS = [
    "survey",
    "round",
    "region_code",
    "municipality_code",
    "ratio",
    "numerator",
    "denominator",
    "value",
    "shown",
    "flag",
    "suppressed",
    "suppression",
    "responded",
    "joint",
    "members",
    "covered_by",
    "previous_value",
    "change_factor",
]


def check_ratio_names(config: ActivationConfig, cb: ActivationCodebook) -> None:
    """Every name in a ratio is a numeric codebook field or a municipal statistic."""
    numeric = sorted(k for k, v in cb.fields.items() if v.numeric)
    for r in config.ratios:
        for side, names in (("numerator", r.numerator), ("denominator", r.denominator)):
            for name in names:
                f = cb.fields.get(name)
                if name in STATS or (f is not None and f.numeric):
                    continue
                what = (
                    f"field {name!r} is a yes/no field"
                    if f is not None
                    else f"unknown field {name!r}"
                )
                raise UserError(
                    config.source,
                    f"activation.ratios.{r.id}.{side}",
                    what,
                    f"use a numeric field of {cb.path.name} ({', '.join(numeric)}) "
                    f"or a municipal statistic ({', '.join(STATS)})",
                )


def _wide(data: ActivationData) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Per round x municipality: field values (NaN unless valid) and a valid mask."""
    a = data.answers
    idx = ["round", "municipality_code"]
    values = a.pivot_table(
        index=idx, columns="field", values="value", aggfunc="first", dropna=False
    )
    valid = (a["status"] == VALID).groupby([a["round"], a["municipality_code"], a["field"]]).all()
    return values, valid.unstack("field").astype(bool)


def _side(
    base: pd.DataFrame, names: tuple[str, ...], values: pd.DataFrame, valid: pd.DataFrame
) -> tuple[np.ndarray, np.ndarray]:
    """Sum over the names of one ratio side, and whether every part is known."""
    total = np.zeros(len(base))
    known = np.ones(len(base), dtype=bool)
    key = pd.MultiIndex.from_frame(base[["round", "municipality_code"]])
    for name in names:
        if name in STATS:
            v = base[name].to_numpy(dtype=float)
            ok = np.isfinite(v)
        else:
            v = values[name].reindex(key).to_numpy(dtype=float) if name in values else np.nan
            ok = (
                valid[name].reindex(key).fillna(False).to_numpy(dtype=bool)
                if name in valid
                else False
            )
            v = np.where(ok, v, np.nan)
        total = total + np.where(ok, v, 0.0)
        known &= ok
    return np.where(known, total, np.nan), known


def _join_flags(flags: list[tuple[str, np.ndarray]], n: int) -> np.ndarray:
    out = np.full(n, "", dtype=object)
    for name, mask in flags:
        add = np.where(out == "", name, out + ";" + name)
        out = np.where(mask, add, out)
    return out


def _fmt(values: np.ndarray) -> np.ndarray:
    return np.array(
        ["" if not np.isfinite(v) else f"{v:.4g}" if abs(v) < 1000 else f"{v:.0f}" for v in values],
        dtype=object,
    )


def municipal_ratios(
    data: ActivationData, cb: ActivationCodebook, config: ActivationConfig
) -> pd.DataFrame:
    """The ``activation`` table (before suppression is applied to values)."""
    check_ratio_names(config, cb)
    values, valid = _wide(data)
    stats = data.stats
    answering = data.answers[["round", "municipality_code"]].drop_duplicates()
    answering_regions = data.answers[["round", "region_code"]].drop_duplicates()
    base = stats.merge(answering_regions, on=["round", "region_code"], how="inner")
    base = base.merge(
        answering.assign(responded=True), on=["round", "municipality_code"], how="left"
    )
    base["responded"] = base["responded"].astype("boolean").fillna(False).astype(bool)
    joint = data.answers.groupby(["round", "municipality_code"])["joint"].any()
    key = pd.MultiIndex.from_frame(base[["round", "municipality_code"]])
    base["joint"] = joint.reindex(key).fillna(False).to_numpy(dtype=bool)
    fte = [f.id for f in cb.fields.values() if f.kind == "fte"]
    parts = []
    for r in config.ratios:
        parts.append(_one_ratio(base, r, values, valid, fte))
    if not parts:
        return pd.DataFrame(columns=COLUMNS)
    out = pd.concat(parts, ignore_index=True)
    out = _changes(out, config.change_factor, cb.rounds())
    return out


def _one_ratio(
    base: pd.DataFrame,
    r: RatioSpec,
    values: pd.DataFrame,
    valid: pd.DataFrame,
    fte: list[str],
) -> pd.DataFrame:
    n = len(base)
    num, num_ok = _side(base, r.numerator, values, valid)
    den, den_ok = _side(base, r.denominator, values, valid)
    responded = base["responded"].to_numpy()
    covered = base["covered_by"].to_numpy() != ""
    with np.errstate(divide="ignore", invalid="ignore"):
        value = np.where(num_ok & den_ok & (den > 0), num / den * r.per, np.nan)
    low = -np.inf if r.low is None else r.low
    high = np.inf if r.high is None else r.high
    out_range = np.isfinite(value) & ((value < low) | (value > high))
    used_fte = [f for f in (*r.numerator, *r.denominator) if f in fte]
    fte_big = np.zeros(n, dtype=bool)
    if used_fte:
        key = pd.MultiIndex.from_frame(base[["round", "municipality_code"]])
        residents = base["residents"].to_numpy(dtype=float)
        for f in used_fte:
            v = values[f].reindex(key).to_numpy(dtype=float) if f in values else np.full(n, np.nan)
            fte_big |= np.isfinite(v) & np.isfinite(residents) & (v > residents)
    flags = [
        (JOINT_ATTRIBUTED, covered),
        (NO_ANSWER, ~responded & ~covered),
        (NUM_MISSING, responded & ~num_ok),
        (DEN_MISSING, responded & ~den_ok),
        (DEN_ZERO, responded & den_ok & (den == 0)),
        (OUT_OF_RANGE, responded & out_range),
        (FTE_GT_RESIDENTS, responded & fte_big),
    ]
    return pd.DataFrame(
        {
            "survey": SURVEY,
            "round": base["round"].to_numpy(),
            "region_code": base["region_code"].to_numpy(),
            "municipality_code": base["municipality_code"].to_numpy(),
            "ratio": r.id,
            "numerator": np.where(responded, num, np.nan),
            "denominator": np.where(responded, den, np.nan),
            "value": np.where(responded, value, np.nan),
            "flag": _join_flags(flags, n),
            "responded": responded,
            "joint": base["joint"].to_numpy(),
            "members": base["members"].to_numpy(),
            "covered_by": base["covered_by"].to_numpy(),
            "residents": base["residents"].to_numpy(dtype=float),
        }
    )


def _changes(out: pd.DataFrame, factor: float, rounds: list[int]) -> pd.DataFrame:
    prev_round = dict(zip(rounds[1:], rounds[:-1], strict=False))
    out = out.copy()
    out["previous_round"] = out["round"].map(prev_round)
    prev = out[["round", "municipality_code", "ratio", "value"]].rename(
        columns={"round": "previous_round", "value": "previous_value"}
    )
    out = out.merge(prev, on=["previous_round", "municipality_code", "ratio"], how="left")
    with np.errstate(divide="ignore", invalid="ignore"):
        ch = out["value"] / out["previous_value"]
    ch = ch.where(np.isfinite(ch) & (out["previous_value"] > 0))
    out["change_factor"] = ch
    big = (ch > factor) | (ch < 1 / factor)
    out["flag"] = np.where(
        big, np.where(out["flag"] == "", CHANGE, out["flag"] + ";" + CHANGE), out["flag"]
    )
    return out


def disclosive_side(r: RatioSpec, cb: ActivationCodebook) -> tuple[str, tuple[str, ...]] | None:
    """("numerator" | "denominator", the disclosive fields) of a ratio, or None."""
    for side, names in (("numerator", r.numerator), ("denominator", r.denominator)):
        hit = tuple(n for n in names if n in cb.fields and cb.fields[n].disclosive)
        if hit:
            return side, hit
    return None


def apply_suppression(
    table: pd.DataFrame, data: ActivationData, cb: ActivationCodebook, config: ActivationConfig
) -> tuple[pd.DataFrame, dict[tuple[str, ...], pd.DataFrame]]:
    """Hide disclosive counts below min_cell (and their secondary cells) in ``table``."""
    out = table.copy()
    out["suppressed"] = False
    out["suppression"] = ""
    out["disclosive_count"] = np.nan
    decisions: dict[tuple[str, ...], pd.DataFrame] = {}
    values, valid = _wide(data)
    for r in config.ratios:
        found = disclosive_side(r, cb)
        if found is None:
            continue
        side, fields = found
        if fields not in decisions:
            base = (
                out.loc[out["responded"], ["round", "region_code", "municipality_code"]]
                .drop_duplicates()
                .reset_index(drop=True)
            )
            count, _ = _side(base, fields, values, valid)
            decisions[fields] = suppress_counts(base.assign(count=count), config.min_cell)
        dec = decisions[fields]
        rows = out["ratio"] == r.id
        merged = out.loc[rows, ["round", "municipality_code"]].merge(
            dec, on=["round", "municipality_code"], how="left"
        )
        sup = merged["suppression"].fillna("").to_numpy()
        idx = out.index[rows]
        hide = sup != ""
        out.loc[idx, "suppression"] = sup
        out.loc[idx, "suppressed"] = hide
        out.loc[idx, "disclosive_count"] = merged["count"].to_numpy()
        out.loc[idx[hide], side] = np.nan
        for col in ("value", "previous_value", "change_factor"):
            out.loc[idx[hide], col] = np.nan
    # A suppressed row does not say how it changed (the flag would hint at the hidden count).
    fl = out["flag"].str.split(";")
    out.loc[out["suppressed"], "flag"] = fl[out["suppressed"]].map(
        lambda f: ";".join(x for x in f if x != CHANGE)
    )
    # A change is hidden when the previous round's value is hidden.
    prev_hidden = out[out["suppressed"]][["round", "municipality_code", "ratio"]].rename(
        columns={"round": "previous_round"}
    )
    hit = out.merge(
        prev_hidden.assign(_h=True), on=["previous_round", "municipality_code", "ratio"], how="left"
    )["_h"].fillna(False)
    out.loc[hit.to_numpy(dtype=bool), ["previous_value", "change_factor"]] = np.nan
    shown = _fmt(out["value"].to_numpy(dtype=float))
    out["shown"] = np.where(out["suppressed"], f"<{config.min_cell}", shown)
    return out, decisions


def finish_table(table: pd.DataFrame) -> pd.DataFrame:
    """Column order and sorting of the published ``activation`` table."""
    out = table.sort_values(
        ["ratio", "round", "region_code", "municipality_code"], ignore_index=True
    )
    return out[COLUMNS]
