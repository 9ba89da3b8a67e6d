"""Benchmark of the pipeline on a national-scale barometer, with the `svy` package as the peer.

    python bench/run_bench.py [--respondents 200000] [--rounds 3] [--repeat 3] [--svy-items 4]
                              [--quick] [--no-svy] [--ingest-only] [--work DIR] [--keep]
                              [--report FILE]

One command, one report (markdown on stdout, and in ``--report``):

1. ``bench/make_national.py`` writes a raw folder like ``data/raw/`` (CSV exports, codebook,
   reference files) into a temporary work folder (not timed).
2. **ingest**: ``barometer ingest`` (the real stage, ``pipeline.stages.ingest``) in a child
   process against its floor (``bench/speed.py``), at 1 round and at ``--rounds``: wall time,
   CPU time (user + system, all threads) and peak RSS (VmHWM of the child). Once each; with
   ``--ingest-only``, ``--repeat`` floor/ingest pairs back to back (best of each), then stop.
3. **analyse**: ``barometer analyse`` (``pipeline.stages.analyse``, with the repository's
   ``params.yaml``: 4 designs, CI methods, tests, changes, suppression, distributions, file
   writing) in a child process, ``--repeat`` times; the analyse core reports its own phase
   timings (``AnalysisResult.timings``: prepare designs, estimates, tests, ...; best run). Peak
   RSS is compared with ``responses.memory_usage(deep=True).sum()`` as the stage reads it.
   The same at n/2 respondents (the first half of every round's respondents) for scaling.
4. **core vs svy**: ``estimate_round`` on the first round (as the stage pivots it) under the
   designs svy supports here (weighted, stratified_fpc), best of ``--repeat``, and svy 0.35
   (PyPI, Rust core) on the same rows: means and top-2 shares of ``--svy-items`` rating items
   over the four domain sets (None, region, group, region x group), extrapolated linearly to
   all rating items (labelled as such), in the same run. The svy estimates are checked
   against ours (max relative difference of the ALL-domain estimates and SEs).

``--quick`` is a small smoke run (5,000 respondents, 2 rounds, 1 repetition, 2 svy items).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

# the phases the analyse core times itself (AnalysisResult.timings)
PHASES = (
    "split rounds",
    "prepare designs",
    "estimates",
    "tests",
    "distributions",
    "changes",
    "suppression",
)


# --------------------------------------------------------------------------- child processes


def run_child(args: list[str]) -> tuple[float, str]:
    """(wall seconds, stdout) of one child process; it reports its own peak RSS."""
    t0 = time.perf_counter()
    proc = subprocess.run(args, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed:\n{proc.stderr[-3000:]}")
    return wall, proc.stdout


def stage_child(stage: str, params: Path, raw: Path, processed: Path, reports: Path) -> None:
    """Run one stage in this (child) process and print a JSON line with timings and peak RSS.

    The analyse stage returns the core's :class:`~pipeline.stats.core.AnalysisResult`, whose
    ``timings`` are the per-phase seconds reported here; the rest of the stage's time is
    reading and writing the tables."""
    from speed import floor, responses_info

    from pipeline import stages
    from pipeline.config import load_config

    base_rss = _memory_mb("VmRSS")
    t0, cpu0 = time.perf_counter(), time.process_time()
    if stage == "floor":
        result = floor(raw, processed)
    else:
        config = load_config(params)
        result = getattr(stages, stage)(config, stages.Paths(raw, processed, reports))
    total = time.perf_counter() - t0
    cpu = time.process_time() - cpu0  # user + system time of all the process's threads
    peak = _memory_mb("VmHWM")
    timers = dict.fromkeys(PHASES, 0.0)
    info: dict[str, Any] = {}
    if stage == "analyse":
        timers.update(result.timings)
    if stage in ("analyse", "ingest"):
        info.update(responses_info(processed))  # after the peak was taken
    res = {"total": total, "cpu": cpu, "peak_mb": peak, "base_mb": base_rss, "timers": timers}
    res.update(info)
    print(json.dumps(res))


def _memory_mb(field: str) -> float:
    """VmHWM (peak RSS) or VmRSS of this process in MB, from /proc/self/status.

    Not ``getrusage``: on Linux its ru_maxrss survives exec, so a child started by a large
    parent would report the parent's peak."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) / 1024
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed_child(stage: str, params: Path, raw: Path, processed: Path, reports: Path) -> dict:
    """Run ``stage`` in a child process; its JSON report plus the wall time seen from here."""
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", stage]
    cmd += ["--params", str(params), "--raw", str(raw), "--processed", str(processed)]
    cmd += ["--reports", str(reports)]
    wall, out = run_child(cmd)
    res = json.loads(out.strip().splitlines()[-1])
    res["wall"] = wall
    return res


# --------------------------------------------------------------------------- data


def half_responses(processed: Path, target: Path) -> None:
    """The first half of every round's respondents (all their rows) as a processed folder."""
    from pipeline.io.writers import read_table, write_table

    target.mkdir(parents=True, exist_ok=True)
    resp = read_table(processed, "responses")
    keep = np.zeros(len(resp), dtype=bool)
    for rnd in np.unique(resp["round"].to_numpy()):
        rows = np.flatnonzero(resp["round"].to_numpy() == rnd)
        ids, uniq = pd.factorize(resp["respondent_id"].take(rows), sort=False)
        keep[rows[ids < len(uniq) // 2]] = True
    write_table(resp[keep].reset_index(drop=True), target, "responses")
    shutil.copy(processed / "codebook.json", target / "codebook.json")


# --------------------------------------------------------------------------- svy


def compare_svy(
    processed: Path, raw: Path, n_items: int, repeat: int, say: Callable[[str], None]
) -> dict[str, float]:
    """svy vs ``estimate_round`` on the first round's rows; returns svy's extrapolated time
    per design (seconds per round, all rating items, means and top-2 shares)."""
    import polars as pl
    import svy

    from pipeline.codebook import load_codebook_json
    from pipeline.io.reference import load_reference
    from pipeline.io.writers import read_table
    from pipeline.stats import DesignSpec, estimate_round
    from pipeline.stats.rounds import split_rounds

    codebook = load_codebook_json(processed / "codebook.json")
    items = codebook.item_scales()
    first = split_rounds(read_table(processed, "responses"), list(codebook.items))[0]
    pop = load_reference(raw / "reference").population()
    pop = pop[(pop["survey"] == codebook.survey) & (pop["round"] == first.round)]
    pop = pop.drop(columns=["survey", "round"])
    resp, codes, status = first.respondents, first.codes, first.status
    rating = [i for i in codes.columns if items[i].kind == "rating"]
    subset = rating[:n_items]
    frame = pd.DataFrame(
        {
            "region_code": resp["region_code"].astype(str).to_numpy(object),
            "group_code": resp["group_code"].astype(str).to_numpy(object),
            "weight": resp["weight"].to_numpy(float),
        }
    ).merge(pop.astype({"region_code": str, "group_code": str}), how="left")
    ys: list[str] = []
    for it in subset:
        ok = (status[it].astype(str) == "valid").to_numpy()
        top = np.isin(codes[it].to_numpy(), items[it].top).astype(float)
        frame[it] = np.where(ok, codes[it].to_numpy(), np.nan)
        frame[f"{it}_top2"] = np.where(ok, top, np.nan)
        ys += [it, f"{it}_top2"]
    data = pl.from_pandas(frame).with_columns([pl.col(c).fill_nan(None) for c in ys])
    ci = ("logit", "beta")
    designs = {
        "weighted": (svy.Design(wgt="weight"), DesignSpec("weighted")),
        "stratified_fpc": (
            svy.Design(stratum=("region_code", "group_code"), wgt="weight", pop_size="N"),
            DesignSpec("stratified_fpc", strata=("region_code", "group_code"), fpc=True),
        ),
    }
    n = len(resp)
    say(f"## Estimates: core vs svy {svy.__version__} (round {first.round}, {n:,} respondents)")
    say(
        f"svy: `Sample.estimation.mean` of {len(ys)} variables (mean and top-2 share 0/1 of the "
        f"first {len(subset)} rating items), by None / region / group / region x group, "
        "`drop_nulls=True`; **extrapolated linearly** to all "
        f"{len(rating)} rating items (x {len(rating) / len(subset):g}), since svy needs about a "
        "second per variable and domain set at this size. Ours: `estimate_round` with every "
        f"statistic of all {len(codes.columns)} items (means, top-2, bottom-2, don't-know shares, "
        "balances; CIs normal + logit + beta), best of "
        f"{repeat}; svy timed once per design, in the same run."
    )
    say("")
    say(
        "| design | svy, subset (s) | svy, all rating items, extrapolated (s) | ours, same "
        "subset (s) | ours, all items, all statistics (s) | ratio svy / ours (all items) | "
        "max rel. diff est / se |"
    )
    say("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    out = {}
    for name, (sdesign, ours) in designs.items():
        sample = svy.Sample(data, sdesign)
        results = {}
        t0 = time.perf_counter()
        for by in (None, "region_code", "group_code", ("region_code", "group_code")):
            results[by] = sample.estimation.mean(ys, by=by, drop_nulls=True)
        t_svy = time.perf_counter() - t0
        sub = {it: items[it] for it in subset}
        round_items = {it: items[it] for it in codes.columns}
        t_sub, est = best(
            lambda o=ours, s=sub: estimate_round(resp, codes, status, s, o, pop, ci), repeat
        )
        t_all, _ = best(
            lambda o=ours, a=round_items: estimate_round(resp, codes, status, a, o, pop, ci),
            repeat,
        )
        diff = _agreement(results[None], ys, est)
        extrapolated = t_svy * len(rating) / len(subset)
        out[name] = extrapolated
        out[f"{name}_ours"] = t_all
        say(
            f"| {name} | {t_svy:.1f} | {extrapolated:.0f} | {t_sub:.3f} | {t_all:.3f} | "
            f"**{extrapolated / t_all:.0f}** | {diff} |"
        )
    say("")
    return out


def _agreement(whole: Any, ys: list[str], ours: pd.DataFrame) -> str:
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


def best(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    """Fastest of ``repeat`` calls (the machine is shared) and the last result."""
    times, out = [], None
    for _ in range(max(repeat, 1)):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    return min(times), out


# --------------------------------------------------------------------------- report


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--respondents", type=int, default=200_000)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--repeat", type=int, default=3, help="runs of analyse and the core")
    ap.add_argument("--svy-items", type=int, default=4)
    ap.add_argument("--quick", action="store_true", help="5,000 respondents, 2 rounds, 1 run")
    ap.add_argument("--no-svy", action="store_true")
    ap.add_argument(
        "--ingest-only",
        action="store_true",
        help="only ingest against its floor (--repeat alternating pairs at 1 and --rounds)",
    )
    ap.add_argument("--no-scaling", action="store_true", help="skip analyse at n/2")
    ap.add_argument(
        "--figures", action="store_true", help="figures cold vs warm (needs the chart cache)"
    )
    ap.add_argument("--work", type=Path, help="work folder (default: a temporary folder)")
    ap.add_argument("--keep", action="store_true", help="keep the work folder")
    ap.add_argument("--report", type=Path)
    ap.add_argument("--child", help=argparse.SUPPRESS)
    for opt in ("--params", "--raw", "--processed", "--reports"):
        ap.add_argument(opt, type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        stage_child(args.child, args.params, args.raw, args.processed, args.reports)
        return
    if args.quick:
        args.respondents, args.rounds, args.repeat, args.svy_items = 5_000, 2, 1, 2
    work = args.work or Path(tempfile.mkdtemp(prefix="barometer-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        report(args, work)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


def report(args: argparse.Namespace, work: Path) -> None:
    from make_national import N_CHANGE, N_GROUPS, N_RATING, N_REGIONS
    from speed import figures_cold_warm, ingest_rounds, load_average, side_by_side

    lines: list[str] = []

    def say(text: str = "") -> None:
        print(text, flush=True)
        lines.append(text)

    n, rounds = args.respondents, args.rounds
    say(f"# Benchmark: {n:,} respondents x {N_RATING + N_CHANGE} items x {rounds} rounds")
    say(
        f"{N_REGIONS} regions, {N_GROUPS} groups; python {platform.python_version()}, "
        f"{platform.machine()}, {os.cpu_count()} CPUs; numpy {np.__version__}, "
        f"pandas {pd.__version__}"
    )
    say()
    params = work / "params.yaml"
    shutil.copy(REPO / "params.yaml", params)
    say("## Ingest against its floor (raw exports by bench/make_national.py, not timed)")
    pairs = args.repeat if args.ingest_only else 1
    one = ingest_rounds(n, 1, work, params, timed_child, say, pairs)
    many = ingest_rounds(n, rounds, work, params, timed_child, say, pairs) if rounds > 1 else one
    if args.ingest_only:
        if args.report:
            args.report.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return
    raw, processed = many["raw"], many["processed"]
    reports = processed.parent / "reports"
    ing = many["ingest"]
    runs = []
    for _ in range(args.repeat):
        load = load_average()
        runs.append({**timed_child("analyse", params, raw, processed, reports), "load": load})
    ana = min(runs, key=lambda r: r["total"])
    figs = figures_cold_warm(work, raw, processed, timed_child, say) if args.figures else None
    say()
    say("## Issue 14: before and after")
    say(
        "Before: the numbers of issue 14 and docs/performance.md (2026-11-25, this machine, "
        "load 4-6), quoted, not rerun. After: this run; load average before each measurement."
    )
    say()
    side_by_side(say, one, many, ana, figs, rounds)
    if args.no_scaling:
        ana_half = {"total": float("nan"), "timers": dict.fromkeys(ana["timers"], float("nan"))}
    else:
        half = work / "half"
        half_responses(processed, half / "processed")
        half_runs = [
            timed_child("analyse", params, raw, half / "processed", half / "reports")
            for _ in range(args.repeat)
        ]
        ana_half = min(half_runs, key=lambda r: r["total"])
    resp_mb = ana["responses_mb"]

    say("## Stages (child processes, `pipeline.stages`; repository params.yaml)")
    all_runs = ", ".join(f"{r['total']:.1f}" for r in runs)
    say(f"analyse: best of {args.repeat} runs (all: {all_runs} s); ingest: 1 run.")
    say()
    say("| stage / phase | seconds | at n/2 (s) | ratio n / (n/2) |")
    say("| --- | ---: | ---: | ---: |")
    say(f"| **ingest** (CSV exports -> responses) | {ing['total']:.1f} | | |")
    for phase in (*PHASES, "read responses", "write tables"):
        a, h = ana["timers"].get(phase, 0.0), ana_half["timers"].get(phase, float("nan"))
        say(f"| analyse: {phase} | {a:.2f} | {h:.2f} | {a / h if h else float('nan'):.2f} |")
    other = ana["total"] - sum(ana["timers"].values())
    other_h = ana_half["total"] - sum(ana_half["timers"].values())
    say(f"| analyse: other (checks, metrics) | {other:.2f} | {other_h:.2f} | |")
    ratio = ana["total"] / ana_half["total"]
    say(
        f"| **analyse, whole stage** | **{ana['total']:.1f}** | {ana_half['total']:.1f} | "
        f"**{ratio:.2f}** |"
    )
    say()
    say("## Memory (peak RSS, VmHWM, of the stage's child process)")
    say(
        f"- `responses` in memory (`memory_usage(deep=True)`): {resp_mb:,.0f} MB "
        f"({ana['responses_rows']:,} rows)"
    )
    say(
        f"- analyse peak RSS: {ana['peak_mb']:,.0f} MB = **{ana['peak_mb'] / resp_mb:.2f} x** "
        f"responses; RSS after imports {ana['base_mb']:,.0f} MB, so the stage adds "
        f"{(ana['peak_mb'] - ana['base_mb']) / resp_mb:.2f} x responses"
    )
    say(f"- ingest peak RSS: {ing['peak_mb']:,.0f} MB = {ing['peak_mb'] / resp_mb:.2f} x responses")
    say()
    if not args.no_svy:
        svy_t = compare_svy(processed, raw, args.svy_items, args.repeat, say)
        svy_total = sum(v for k, v in svy_t.items() if not k.endswith("_ours")) * rounds
        say(
            f"svy would need about {svy_total:,.0f} s (extrapolated) for the means and top-2 "
            f"shares of the {rounds} rounds under the two designs; the whole analyse stage "
            "(4 designs, every statistic, CIs, tests, changes, suppression, distributions, "
            f"writing parquet and csv) took {ana['total']:.1f} s: "
            f"**{svy_total / ana['total']:.0f} x** less."
        )
        say()
    if args.report:
        args.report.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
