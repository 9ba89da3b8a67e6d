"""Generate a national-scale synthetic barometer (seeded).

Default: 3 rounds x 200,000 respondents, 19 regions, 8 respondent groups, 60 items (40
rating items 1-5, 20 change items 1-3, don't know = 9), written as the pipeline's tidy
``responses`` long table (survey, round, respondent_id, municipality_code, region_code,
group_code, weight, item, code, status) to ``OUT/responses_national.parquet``, with the
population counts per region x group in ``OUT/population_national.csv``.

    python bench/make_national.py --out /tmp/national [--respondents 200000] [--rounds 3]
                                  [--raw]

With ``--raw`` it writes instead a raw folder laid out like ``data/raw/`` (``OUT/raw/``): one
CSV export per round (codes, 9 = don't know, empty = no answer), a codebook mapping its 60
columns, and the reference files (19 regions, 190 municipalities, population counts), so that
the real ``barometer ingest`` and ``barometer analyse`` can run on it (``bench/run_bench.py``).

``national_round()`` gives one round directly in the wide form the statistics core takes.
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


def items(rating: int = N_RATING, change: int = N_CHANGE) -> dict[str, ItemScale]:
    """``rating`` 1-5 items r01.. and ``change`` 1-3 items c01.. (60 by default)."""
    out = {f"r{i:02d}": RATING for i in range(1, rating + 1)}
    out.update({f"c{i:02d}": CHANGE for i in range(1, change + 1)})
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
    rnd: int, n: int, seed: int = SEED, its: dict[str, ItemScale] | None = None
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """One round of the items ``its`` (default: all 60): respondents, codes (NaN = no answer,
    9 = don't know) and status."""
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
    its = items() if its is None else its
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


def municipality_codes(region: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """3-digit municipality codes, 10 per region (100 + 10 region + 0..9)."""
    return np.char.zfill((100 + 10 * region + rng.integers(0, 10, region.size)).astype(str), 3)


def write_raw(
    out: Path,
    n: int,
    rounds: int,
    seed: int = SEED,
    rating: int = N_RATING,
    change: int = N_CHANGE,
) -> Path:
    """A raw folder (``out/raw``) for ``barometer ingest``: CSV exports of ``rating`` +
    ``change`` items, codebook, reference."""
    raw = out / "raw"
    (raw / "barometer").mkdir(parents=True, exist_ok=True)
    (raw / "reference").mkdir(parents=True, exist_ok=True)
    its = items(rating, change)
    years = list(range(2021, 2021 + 2 * rounds, 2))
    for rnd in years:
        resp, codes, _ = national_round(rnd, n, seed, its)
        frame = pd.DataFrame(
            {
                "id": np.arange(1, n + 1),
                "kunta": resp["municipality_code"].to_numpy(),
                "ryhma": resp["group_code"].to_numpy(),
                "paino": resp["weight"].to_numpy(),
            }
        )
        answers = codes.to_numpy()
        for j, item in enumerate(its):
            frame[item] = pd.array(answers[:, j], dtype="Int64")  # empty = no answer
        frame.to_csv(raw / "barometer" / f"national_{rnd}.csv", index=False, sep=",")
    (raw / "barometer" / "codebook.yaml").write_text(_codebook(its, years), encoding="utf-8")
    muni = pd.DataFrame(
        {
            "code": [f"{100 + 10 * r + k:03d}" for r in range(N_REGIONS) for k in range(10)],
            "region_code": [REGIONS[r] for r in range(N_REGIONS) for _ in range(10)],
        }
    )
    muni["name_fi"] = "Kunta " + muni["code"]
    muni["name_sv"] = "Kommun " + muni["code"]
    muni["valid_from"] = 2000
    muni["valid_to"] = ""
    muni = muni[["code", "name_fi", "name_sv", "region_code", "valid_from", "valid_to"]]
    muni.to_csv(raw / "reference" / "municipalities.csv", index=False)
    pd.DataFrame(
        {
            "region_code": REGIONS,
            "name_fi": [f"Maakunta {r}" for r in REGIONS],
            "name_sv": [f"Landskap {r}" for r in REGIONS],
            "name_en": [f"Region {r}" for r in REGIONS],
        }
    ).to_csv(raw / "reference" / "regions.csv", index=False)
    (raw / "reference" / "mergers.csv").write_text("old_code,new_code,year\n", encoding="utf-8")
    pop = population(seed)
    pops = [pop.assign(survey="barometer", round=rnd) for rnd in years]
    pd.concat(pops)[["survey", "round", "region_code", "group_code", "N"]].astype(
        {"N": np.int64}
    ).to_csv(raw / "reference" / "population.csv", index=False)
    stats = muni[["code"]].rename(columns={"code": "municipality_code"})
    stats = pd.concat([stats.assign(year=y) for y in years])
    for col in ("residents", "residents_15_64", "long_term_unemployed"):
        stats[col] = 1000
    for col in ("benefit_days_300", "benefit_days_1000"):
        stats[col] = 10
    cols = ["year", "municipality_code", "residents", "residents_15_64"]
    cols += ["long_term_unemployed", "benefit_days_300", "benefit_days_1000"]
    stats[cols].to_csv(raw / "reference" / "municipal_stats.csv", index=False)
    return raw


def _codebook(its: dict[str, ItemScale], years: list[int]) -> str:
    lines = [
        "survey: barometer",
        "title: {fi: Kansallinen barometri, sv: Nationell barometer, en: National barometer}",
        "scales:",
        "  rating5:",
        "    kind: rating",
        "    codes: {1: {fi: '1'}, 2: {fi: '2'}, 3: {fi: '3'}, 4: {fi: '4'}, 5: {fi: '5'}}",
        "    top: [4, 5]",
        "    bottom: [1, 2]",
        "    dont_know: {9: {fi: EOS}}",
        "  change3:",
        "    kind: change",
        "    codes: {1: {fi: Parantunut}, 2: {fi: Ennallaan}, 3: {fi: Heikentynyt}}",
        "    improved: [1]",
        "    worsened: [3]",
        "    dont_know: {9: {fi: EOS}}",
        "groups:",
        *[f"  '{g}': {{fi: Ryhmä {g}}}" for g in GROUPS],
        "items:",
    ]
    for item, scale in its.items():
        name = "rating5" if scale.kind == "rating" else "change3"
        lines.append(f"  {item}: {{scale: {name}, label: {{fi: Kysymys {item}}}}}")
    lines.append("exports:")
    for rnd in years:
        lines += [
            f"  - file: national_{rnd}.csv",
            f"    round: {rnd}",
            "    language: fi",
            "    separator: ','",
            "    decimal: '.'",
            "    respondent_id: id",
            "    municipality: kunta",
            "    group: ryhma",
            "    weight: paino",
            "    items:",
            *[f"      {item}: {item}" for item in its],
        ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--respondents", type=int, default=200_000)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--raw", action="store_true", help="write CSV exports + codebook + reference")
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    if args.raw:
        raw = write_raw(args.out, args.respondents, args.rounds, args.seed)
        print(f"wrote {args.rounds} exports of {args.respondents:,} respondents to {raw}")
        return
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
