"""Time the statistics core on a national-scale barometer, and compare with the `svy` package.

    python bench/run_bench.py [--respondents 200000] [--rounds 3] [--svy-items 4] [--no-svy]
                              [--report FILE]

Times, per round and design (srs, weighted, stratified_fpc, raked), ``estimate_round`` (CI
methods logit + beta) and ``test_round``, then ``changes`` and ``suppress`` over all rounds;
reports peak memory (process peak RSS, and tracemalloc's peak inside one estimate_round and
one test_round call), checks that time grows linearly (n/2 -> n respondents), and times the
PyPI ``svy`` package on the same means and top-2 shares (the four domain sets) for a subset
of items, extrapolated to all rating items (svy takes about a second per variable and domain
set at this size). The data come from ``bench/make_national.py`` in wide form, so parquet
I/O, ingest and the pivot are not timed here.
"""

from __future__ import annotations

import argparse
import platform
import resource
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_national import items, national_round, population

from pipeline.stats import (
    DesignSpec,
    changes,
    estimate_round,
    suppress,
    test_round,
)

DESIGNS = (
    DesignSpec("srs", weights=False),
    DesignSpec("weighted"),
    DesignSpec("stratified_fpc", strata=("region_code", "group_code"), fpc=True),
    DesignSpec("raked", calibration="rake", margins=("region_code", "group_code")),
)
CI = ("logit", "beta")


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    t0 = time.perf_counter()
    out = fn()
    return time.perf_counter() - t0, out


def traced_peak(fn: Callable[[], Any]) -> float:
    """Peak traced allocation (MB) during one call (numpy reports to tracemalloc)."""
    tracemalloc.start()
    tracemalloc.reset_peak()
    fn()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 2**20


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--respondents", type=int, default=200_000)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--svy-items", type=int, default=4)
    ap.add_argument("--no-svy", action="store_true")
    ap.add_argument("--report", type=Path)
    args = ap.parse_args(argv)
    n = args.respondents
    its = items()
    pop = population()
    lines: list[str] = []

    def say(text: str = "") -> None:
        print(text, flush=True)
        lines.append(text)

    say(f"# Benchmark: {n:,} respondents x {len(its)} items x {args.rounds} rounds")
    say(f"19 regions, 8 groups; python {platform.python_version()}, {platform.machine()}")
    say()
    rounds = list(range(2021, 2021 + 2 * args.rounds, 2))
    gen_t, data = timed(lambda: {r: national_round(r, n) for r in rounds})
    say(f"data generation (not part of the pipeline): {gen_t:.1f} s")
    say()
    est_t = dict.fromkeys((d.name for d in DESIGNS), 0.0)
    tst_t = dict.fromkeys((d.name for d in DESIGNS), 0.0)
    parts = []
    for rnd in rounds:
        args_ = data[rnd]
        for d in DESIGNS:
            t, est = timed(lambda d=d, a=args_: estimate_round(*a, its, d, pop, CI))
            est_t[d.name] += t
            parts.append(est.assign(round=rnd, survey="national"))
            t, _ = timed(lambda d=d, a=args_: test_round(*a, its, d, pop))
            tst_t[d.name] += t
    estimates = pd.concat(parts, ignore_index=True)
    chg_t, chg = timed(lambda: changes(estimates))
    sup_t, _ = timed(lambda: suppress(estimates, 5))
    say("| step | design | seconds (all rounds) | per round |")
    say("| --- | --- | ---: | ---: |")
    for step, times in (("estimate_round", est_t), ("test_round", tst_t)):
        for d in DESIGNS:
            t = times[d.name]
            say(f"| {step} | {d.name} | {t:.1f} | {t / len(rounds):.1f} |")
    say(f"| changes | all | {chg_t:.1f} | |")
    say(f"| suppress (min_cell 5) | all | {sup_t:.1f} | |")
    total = sum(est_t.values()) + sum(tst_t.values()) + chg_t + sup_t
    say(f"| **total** | | **{total:.1f}** | |")
    say()
    say(f"rows: estimates {len(estimates):,}, changes {len(chg):,}")
    say()

    resp, codes, status = data[rounds[0]]
    weighted, raked = DESIGNS[1], DESIGNS[3]
    peak_est = traced_peak(lambda: estimate_round(resp, codes, status, its, raked, pop, CI))
    peak_tst = traced_peak(lambda: test_round(resp, codes, status, its, raked, pop))
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    codes_mb = codes.memory_usage().sum() / 2**20
    status_mb = status.memory_usage().sum() / 2**20  # object pointers to 3 shared strings
    say("## Memory")
    say(f"- process peak RSS (whole run, incl. {args.rounds} generated rounds): {rss:,.0f} MB")
    say(f"- one round's input: codes {codes_mb:,.0f} MB, status {status_mb:,.0f} MB")
    say(f"- tracemalloc peak inside estimate_round (raked): {peak_est:,.0f} MB")
    say(f"- tracemalloc peak inside test_round (raked): {peak_tst:,.0f} MB")
    say()

    say("## Scaling (one round, n/2 vs n respondents)")
    half = national_round(rounds[0], n // 2)
    say("| call | design | n/2 (s) | n (s) | ratio |")
    say("| --- | --- | ---: | ---: | ---: |")
    for name, fn in (
        ("estimate_round", lambda r, c, s, d: estimate_round(r, c, s, its, d, pop, CI)),
        ("test_round", lambda r, c, s, d: test_round(r, c, s, its, d, pop)),
    ):
        for d in (weighted, raked):
            fn(*half, d)  # warm caches (the ordinal test is cached per count table)
            t_half = min(timed(lambda d=d, fn=fn: fn(*half, d))[0] for _ in range(2))
            fn(resp, codes, status, d)
            t_full = min(timed(lambda d=d, fn=fn: fn(resp, codes, status, d))[0] for _ in range(2))
            ratio = t_full / t_half
            flag = "" if ratio < 2.6 else " (worse than linear)"
            say(f"| {name} | {d.name} | {t_half:.2f} | {t_full:.2f} | {ratio:.2f}{flag} |")
    say()
    if not args.no_svy:
        compare_svy(resp, codes, status, its, pop, args.svy_items, say)
    if args.report:
        args.report.write_text("\n".join(lines) + "\n", encoding="utf-8")


def compare_svy(resp, codes, status, its, pop, n_items, say) -> None:
    """svy (PyPI) on the means and top-2 shares of ``n_items`` rating items, 4 domain sets."""
    import polars as pl
    import svy

    rating = [i for i, s in its.items() if s.kind == "rating"]
    subset = rating[:n_items]
    frame = resp[["region_code", "group_code", "weight"]].merge(
        pop, on=["region_code", "group_code"], how="left"
    )
    ys = []
    for it in subset:
        ok = (status[it] == "valid").to_numpy()
        frame[it] = np.where(ok, codes[it].to_numpy(), np.nan)
        frame[f"{it}_top2"] = np.where(ok, np.isin(codes[it], (4, 5)).astype(float), np.nan)
        ys += [it, f"{it}_top2"]
    data = pl.from_pandas(frame).with_columns([pl.col(c).fill_nan(None) for c in ys])
    say(f"## svy {svy.__version__} (PyPI) on the same statistics")
    say(
        f"svy: `Sample.estimation.mean` of {len(ys)} variables (mean and top-2 share 0/1 of "
        f"{len(subset)} rating items), by None / region / group / region x group, "
        "`drop_nulls=True`; extrapolated linearly to all "
        f"{len(rating)} rating items (x {len(rating) / len(subset):g})."
    )
    say()
    say(
        "| design | svy subset (s) | svy extrapolated (s) | ours, same subset (s) | "
        "ours, all 60 items, all statistics (s) | ratio svy/ours (all items) | "
        "max rel. diff est / se |"
    )
    say("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    designs = {
        "weighted": (svy.Design(wgt="weight"), DESIGNS[1]),
        "stratified_fpc": (
            svy.Design(stratum=("region_code", "group_code"), wgt="weight", pop_size="N"),
            DESIGNS[2],
        ),
    }
    for name, (sdesign, ours_design) in designs.items():
        sample = svy.Sample(data, sdesign)
        results = {}
        t0 = time.perf_counter()
        for by in (None, "region_code", "group_code", ("region_code", "group_code")):
            res = sample.estimation.mean(ys, by=by, drop_nulls=True)
            results[by] = res
        t_svy = time.perf_counter() - t0
        sub_items = {it: its[it] for it in subset}
        t_ours_sub, est = timed(
            lambda d=ours_design, s=sub_items: estimate_round(resp, codes, status, s, d, pop, CI)
        )
        t_ours_all, _ = timed(
            lambda d=ours_design: estimate_round(resp, codes, status, its, d, pop, CI)
        )
        diff = _agreement(results[None], ys, est)
        extrapolated = t_svy * len(rating) / len(subset)
        say(
            f"| {name} | {t_svy:.1f} | {extrapolated:.0f} | {t_ours_sub:.2f} | "
            f"{t_ours_all:.1f} | {extrapolated / t_ours_all:.0f} | {diff} |"
        )
    say()


def _agreement(whole, ys: list[str], ours: pd.DataFrame) -> str:
    """Max relative difference of the ALL-domain estimates and SEs, svy vs ours."""
    errs_e, errs_s = [], []
    for y, res in zip(ys, whole, strict=True):
        row = res.to_polars().row(0, named=True)
        item, stat = (y[:-5], "top2_share") if y.endswith("_top2") else (y, "mean")
        scale = 100.0 if stat == "top2_share" else 1.0
        o = ours[(ours["item"] == item) & (ours["statistic"] == stat)]
        o = o[(o["region_code"] == "ALL") & (o["group_code"] == "ALL")].iloc[0]
        errs_e.append(abs(o["estimate"] / scale / row["est"] - 1))
        errs_s.append(abs(o["se"] / scale / row["se"] - 1))
    return f"{max(errs_e):.1e} / {max(errs_s):.1e}"


if __name__ == "__main__":
    main()
