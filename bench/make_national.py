"""Generate a national-scale synthetic barometer (seeded).

Default: 3 rounds x 200,000 respondents, 19 regions, 8 respondent groups, 60 items (40
rating items 1-5, 20 change items 1-3, don't know = 9), written as the pipeline's tidy
``responses`` long table (survey, round, respondent_id, municipality_code, region_code,
group_code, weight, item, code, status) to ``OUT/responses_national.parquet``, with the
population counts per region x group in ``OUT/population_national.csv``.

    python bench/make_national.py --out /tmp/national [--respondents 200000] [--rounds 3]

``national_round()`` gives one round directly in the wide form the statistics core takes
(``bench/run_bench.py`` uses it, so the benchmark does not time parquet I/O or the pivot).
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np
import pandas as pd

from pipeline.stats.types import ItemScale

N_REGIONS = 19
N_GROUPS = 8
N_RATING = 40
N_CHANGE = 20
DONT_KNOW = 9.0
SEED = 20240611
REGION_NUMBERS = (1, 2, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 21)
REGIONS = tuple(f"{c:02d}" for c in REGION_NUMBERS)
GROUPS = tuple(str(g) for g in range(1, N_GROUPS + 1))
RATING = ItemScale("rating", (1, 2, 3, 4, 5), top=(4, 5), bottom=(1, 2))
CHANGE = ItemScale("change", (1, 2, 3), improved=(1,), worsened=(3,))


def items() -> dict[str, ItemScale]:
    out = {f"r{i:02d}": RATING for i in range(1, N_RATING + 1)}
    out.update({f"c{i:02d}": CHANGE for i in range(1, N_CHANGE + 1)})
    return out


def population(seed: int = SEED) -> pd.DataFrame:
    """Population N per region x group (large enough for any sample size here)."""
    rng = np.random.default_rng(seed)
    size = rng.uniform(0.3, 3.0, N_REGIONS)[:, None] * rng.uniform(0.2, 2.0, N_GROUPS)[None, :]
    n = np.round(size * 20000).astype(float)
    return pd.DataFrame(
        {
            "region_code": np.repeat(REGIONS, N_GROUPS),
            "group_code": np.tile(GROUPS, N_REGIONS),
            "N": n.ravel(),
        }
    )


def national_round(
    rnd: int, n: int, seed: int = SEED
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """One round: respondents, codes (NaN = no answer, 9 = don't know) and status."""
    rng = np.random.default_rng([seed, rnd])
    pop = population(seed)
    p = pop["N"].to_numpy() * rng.uniform(0.5, 1.5, len(pop))
    stratum = rng.choice(len(pop), size=n, p=p / p.sum())
    stratum[: len(pop)] = np.arange(len(pop))  # every stratum has respondents
    counts = np.bincount(stratum, minlength=len(pop))
    region = stratum // N_GROUPS
    group = stratum % N_GROUPS
    weight = pop["N"].to_numpy()[stratum] / counts[stratum] * rng.uniform(0.8, 1.25, n)
    resp = pd.DataFrame(
        {
            "respondent_id": [f"{rnd}-{i:07d}" for i in range(n)],
            "municipality_code": np.char.zfill(
                (100 + 10 * region + rng.integers(0, 9, n)).astype(str), 3
            ).astype(object),
            "region_code": np.asarray(REGIONS, dtype=object)[region],
            "group_code": np.asarray(GROUPS, dtype=object)[group],
            "weight": np.round(weight, 6),
        }
    )
    its = items()
    reg_eff = rng.normal(0, 0.15, N_REGIONS)
    grp_eff = rng.normal(0, 0.25, N_GROUPS)
    person = rng.normal(0, 0.4, n)
    codes = np.empty((n, len(its)))
    for j, scale in enumerate(its.values()):
        lat = reg_eff[region] + grp_eff[group] + person + rng.normal(0, 0.8, n)
        if scale.kind == "rating":
            y = np.clip(np.round(3.1 + rng.normal(0, 0.4) + lat), 1, 5)
        else:
            y = np.where(lat > 0.6, 1.0, np.where(lat < -0.6, 3.0, 2.0))
        u = rng.random(n)
        y[u < 0.08] = DONT_KNOW
        y[u > 0.97] = np.nan
        codes[:, j] = y
    code_df = pd.DataFrame(codes, columns=list(its))
    answered = np.where(codes == DONT_KNOW, "dont_know", "valid")
    status = np.where(np.isnan(codes), "missing", answered)
    return resp, code_df, pd.DataFrame(status.astype(object), columns=list(its))


def to_long(
    rnd: int, resp: pd.DataFrame, codes: pd.DataFrame, status: pd.DataFrame
) -> pd.DataFrame:
    """The round as the pipeline's ``responses`` long table (categorical columns)."""
    n, k = codes.shape
    cat = pd.Categorical
    return pd.DataFrame(
        {
            "survey": cat(["national"] * (n * k)),
            "round": np.full(n * k, rnd, dtype=np.int16),
            "respondent_id": cat(np.repeat(resp["respondent_id"].to_numpy(), k)),
            "municipality_code": cat(np.repeat(resp["municipality_code"].to_numpy(), k)),
            "region_code": cat(np.repeat(resp["region_code"].to_numpy(), k)),
            "group_code": cat(np.repeat(resp["group_code"].to_numpy(), k)),
            "weight": np.repeat(resp["weight"].to_numpy(), k),
            "item": cat.from_codes(np.tile(np.arange(k), n), list(codes.columns)),
            "code": codes.to_numpy().ravel(),
            "status": cat(status.to_numpy().ravel()),
        }
    )


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--respondents", type=int, default=200_000)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--seed", type=int, default=SEED)
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    parts = []
    for rnd in range(2021, 2021 + 2 * args.rounds, 2):
        parts.append(to_long(rnd, *national_round(rnd, args.respondents, args.seed)))
    long = pd.concat(parts, ignore_index=True)
    for col in long.columns.drop(["round", "weight", "code"]):
        long[col] = long[col].astype(str).astype("category")  # union of the rounds' levels
    long.to_parquet(args.out / "responses_national.parquet", index=False)
    population(args.seed).to_csv(args.out / "population_national.csv", index=False)
    print(f"wrote {len(long):,} response rows to {args.out / 'responses_national.parquet'}")


if __name__ == "__main__":
    main()
