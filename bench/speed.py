"""Issue 14's measurements for ``bench/run_bench.py``: ingest at 1 and N rounds against its
floor, the size of ``responses``, analyse's read + pivot against its estimates, figures cold
vs warm (when the chart cache is there), each with the machine's load average, and the
side-by-side table with the numbers before the work.

The floor is what the issue calls the least any ingest must do: read each CSV export with
pandas' pyarrow engine, melt it to the long form (int8 codes with a mask, categorical items)
and write that as parquet; it runs in a child process like the stages.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

# Before this work, on this machine (issue 14's text and docs/performance.md of 2026-11-25;
# rerunning the old ingest takes 2-4 minutes a round, so these are quoted, not rerun).
BEFORE: dict[str, Any] = {
    "ingest_1": "119-131",
    "ingest_1_floor": "6.0",
    "ingest_3": "251",
    "ingest_3_peak_mb": "8,477",
    "responses_mb_3": "3,674",
    "responses_csv_mb_1": "782",
    "responses_csv_mb_3": "2,300",
    "analyse_read_pivot_3": "22.7",
    "analyse_estimates_3": "8.6",
    "analyse_write_3": "9.4",
    "analyse_3": "57.6",
    "figures_cold": "61 (quiet) - 300 (busy)",
    "figures_warm": "= cold (every chart re-rendered)",
    "blas_differences": "38 SEs + 38 CI limits (16th digit)",
}


def load_average() -> str:
    """The 1, 5 and 15 minute load averages (other helpers share this machine's 2 cores)."""
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def floor(raw: Path, out: Path) -> None:
    """The floor of ingest (in the child process): read + melt + write parquet."""
    out.mkdir(parents=True, exist_ok=True)
    parts = []
    for path in sorted((raw / "barometer").glob("*.csv")):
        df = pd.read_csv(path, engine="pyarrow")
        items = [c for c in df.columns if c[:1] in ("r", "c") and c[1:].isdigit()]
        n, k = len(df), len(items)
        codes = df[items].to_numpy(dtype="float32", na_value=np.nan)
        na = np.isnan(codes).ravel()
        parts.append(
            pd.DataFrame(
                {
                    "respondent_id": np.repeat(df["id"].to_numpy(), k),
                    "municipality_code": np.repeat(df["kunta"].to_numpy(), k),
                    "group_code": np.repeat(df["ryhma"].to_numpy(), k),
                    "weight": np.repeat(df["paino"].to_numpy(), k),
                    "item": pd.Categorical.from_codes(
                        np.tile(np.arange(k, dtype=np.int8), n), items
                    ),
                    "code": pd.arrays.IntegerArray(
                        np.where(na, 0, codes.ravel()).astype(np.int8), na
                    ),
                }
            )
        )
    pd.concat(parts, ignore_index=True).to_parquet(out / "floor.parquet", index=False)


def responses_info(processed: Path) -> dict[str, float]:
    """Size of responses on disk (parquet, csv) and in memory as later stages read it."""
    from pipeline.io.writers import read_responses

    resp = read_responses(processed)
    csv = processed / "responses.csv"
    return {
        "responses_rows": len(resp),
        "responses_mb": float(resp.memory_usage(deep=True).sum()) / 2**20,
        "parquet_mb": (processed / "responses.parquet").stat().st_size / 2**20,
        "csv_mb": csv.stat().st_size / 2**20 if csv.is_file() else 0.0,
    }


def ingest_rounds(
    n: int,
    rounds: int,
    work: Path,
    params: Path,
    timed_child: Callable[..., dict],
    say: Callable[[str], None],
    pairs: int = 1,
) -> dict[str, Any]:
    """Write a raw folder of ``rounds`` rounds, run the floor and the ingest stage in child
    processes, ``pairs`` times back to back (load average before each), and return the
    fastest run of each. The processes' CPU time (user + system, all threads) is reported
    beside the wall time: on this shared machine it varies less with the other sessions."""
    from make_national import write_raw

    folder = work / f"ingest_{rounds}"
    raw = write_raw(folder, n, rounds)
    floors, ingests = [], []
    for _ in range(max(pairs, 1)):
        load = load_average()
        floors.append(
            {**timed_child("floor", params, raw, folder / "floor", folder / "r0"), "load": load}
        )
        load = load_average()
        ingests.append(
            {
                **timed_child("ingest", params, raw, folder / "processed", folder / "reports"),
                "load": load,
            }
        )
    fl = min(floors, key=lambda r: r["total"])
    ing = min(ingests, key=lambda r: r["total"])
    out: dict[str, Any] = {"floor": fl, "ingest": ing, "load_floor": fl["load"]}
    out["load_ingest"] = ing["load"]
    out["processed"] = folder / "processed"
    out["raw"] = raw
    runs = ", ".join(
        f"{i['total']:.1f}/{f['total']:.1f}" for i, f in zip(ingests, floors, strict=True)
    )
    say(
        f"- {rounds} round(s): ingest {ing['total']:.1f} s (CPU {ing['cpu']:.1f} s, peak RSS "
        f"{ing['peak_mb']:,.0f} MB), floor {fl['total']:.1f} s (CPU {fl['cpu']:.1f} s, peak "
        f"{fl['peak_mb']:,.0f} MB): **{ing['total'] / fl['total']:.2f} x** the floor "
        f"({ing['cpu'] / fl['cpu']:.2f} x in CPU time); responses "
        f"{ing['responses_mb']:,.0f} MB in memory, parquet "
        f"{ing['parquet_mb']:,.1f} MB, csv {ing['csv_mb']:,.1f} MB; peak / responses "
        f"**{ing['peak_mb'] / ing['responses_mb']:.2f} x**; load {out['load_floor']} / "
        f"{out['load_ingest']}"
        + (f"; best of {len(ingests)} pairs (ingest/floor s: {runs})" if pairs > 1 else "")
    )
    return out


def figures_cold_warm(
    work: Path, raw: Path, processed: Path, timed_child: Callable[..., dict], say: Callable
) -> dict[str, Any] | None:
    """figures twice with an empty chart cache, then with the cache the first run filled
    (one language, bench/params_national.yaml); None when the chart cache is not in this
    checkout (the ``cache`` branch: ``figures.cache_dir`` in params)."""
    import yaml

    from pipeline.config import FiguresConfig

    if "cache_dir" not in getattr(FiguresConfig, "__dataclass_fields__", {}):
        say(
            "- figures cold vs warm: not measured, the chart cache (figures.cache_dir) is not "
            "in this checkout"
        )
        return None
    params = yaml.safe_load((Path(__file__).parent / "params_national.yaml").read_text())
    params.setdefault("figures", {})["cache_dir"] = str(work / "chart-cache")
    path = work / "params_figures.yaml"
    path.write_text(yaml.safe_dump(params, allow_unicode=True), encoding="utf-8")
    reports = work / "figures_reports"
    out = {"load_cold": load_average()}
    out["cold"] = timed_child("figures", path, raw, processed, reports)
    out["load_warm"] = load_average()
    out["warm"] = timed_child("figures", path, raw, processed, reports)
    say(
        f"- figures (one language): cold {out['cold']['total']:.1f} s, warm "
        f"{out['warm']['total']:.1f} s; load {out['load_cold']} / {out['load_warm']}"
    )
    return out


def side_by_side(
    say: Callable[[str], None],
    one: dict[str, Any],
    many: dict[str, Any],
    ana: dict[str, Any],
    figs: dict[str, Any] | None,
    rounds: int,
) -> None:
    """Issue 14's numbers before and after, one row each."""
    i1, f1, i3 = one["ingest"], one["floor"], many["ingest"]
    t = ana["timers"]
    read_pivot = t.get("read responses", 0.0) + t["split rounds"]
    rows = [
        ("ingest, 1 round (s)", BEFORE["ingest_1"], f"{i1['total']:.1f}", one["load_ingest"]),
        (
            "its floor: read + melt + parquet (s; before: the issue's, which also wrote the "
            "export as parquet)",
            BEFORE["ingest_1_floor"],
            f"{f1['total']:.1f}",
            one["load_floor"],
        ),
        ("ingest / floor, 1 round", "20", f"{i1['total'] / f1['total']:.2f}", ""),
        ("ingest / floor in CPU time, 1 round", "", f"{i1['cpu'] / f1['cpu']:.2f}", ""),
        (
            f"ingest, {rounds} rounds (s)",
            BEFORE["ingest_3"],
            f"{i3['total']:.1f}",
            many["load_ingest"],
        ),
        (
            f"its floor, {rounds} rounds (s)",
            "",
            f"{many['floor']['total']:.1f}",
            many["load_floor"],
        ),
        (f"ingest / floor, {rounds} rounds", "", f"{i3['total'] / many['floor']['total']:.2f}", ""),
        (
            f"ingest / floor in CPU time, {rounds} rounds",
            "",
            f"{i3['cpu'] / many['floor']['cpu']:.2f}",
            "",
        ),
        (
            f"ingest peak RSS, {rounds} rounds (MB)",
            BEFORE["ingest_3_peak_mb"],
            f"{i3['peak_mb']:,.0f}",
            "",
        ),
        (
            "ingest peak / responses in memory",
            "2.31",
            f"{i3['peak_mb'] / i3['responses_mb']:.2f}",
            "",
        ),
        (
            f"responses in memory, {rounds} rounds (MB)",
            BEFORE["responses_mb_3"],
            f"{i3['responses_mb']:,.0f}",
            "",
        ),
        (f"responses.parquet, {rounds} rounds (MB)", "", f"{i3['parquet_mb']:,.1f}", ""),
        (
            "responses.csv, 1 round (MB)",
            BEFORE["responses_csv_mb_1"],
            _csv(i1),
            "",
        ),
        (
            f"responses.csv, {rounds} rounds (MB)",
            BEFORE["responses_csv_mb_3"],
            _csv(i3),
            "",
        ),
        (
            f"analyse read + pivot, {rounds} rounds (s)",
            BEFORE["analyse_read_pivot_3"],
            f"{read_pivot:.1f}",
            ana["load"],
        ),
        (
            f"analyse estimates, {rounds} rounds (s)",
            BEFORE["analyse_estimates_3"],
            f"{t['estimates']:.1f}",
            ana["load"],
        ),
        (
            "analyse writing tables (s)",
            BEFORE["analyse_write_3"],
            f"{t.get('write tables', float('nan')):.1f}",
            ana["load"],
        ),
        ("analyse, whole stage (s)", BEFORE["analyse_3"], f"{ana['total']:.1f}", ana["load"]),
    ]
    if figs:
        rows += [
            (
                "figures, cold (s)",
                BEFORE["figures_cold"],
                f"{figs['cold']['total']:.1f}",
                figs["load_cold"],
            ),
            (
                "figures, warm: nothing changed (s)",
                BEFORE["figures_warm"],
                f"{figs['warm']['total']:.1f}",
                figs["load_warm"],
            ),
        ]
    else:
        rows.append(
            (
                "figures cold / warm",
                BEFORE["figures_cold"],
                "not measured (no chart cache in this checkout)",
                "",
            )
        )
    rows.append(
        (
            "output numbers that depend on the BLAS kernels",
            BEFORE["blas_differences"],
            "0 (tests/test_same_bytes.py)",
            "",
        )
    )
    say("| measure | before | after | load average (1, 5, 15 min) |")
    say("| --- | ---: | ---: | --- |")
    for name, before, after, load in rows:
        say(f"| {name} | {before} | {after} | {load} |")
    say("")


def _csv(ingest: dict[str, Any]) -> str:
    """Size of responses.csv; a note of a few hundred bytes when ingest did not write the rows."""
    size = ingest["csv_mb"]
    return f"{size * 2**20:,.0f} bytes: a note (parquet only)" if size < 0.01 else f"{size:,.1f}"
