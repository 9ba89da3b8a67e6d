"""Same bytes on every CPU (issue 14): the analyse stage's outputs do not depend on which
OpenBLAS kernels the CPU gets.

OpenBLAS chooses its kernels by CPU at load time; ``OPENBLAS_CORETYPE=Prescott`` forces the
oldest x86-64 kernels on this machine, which sum in another order than the default ones. The
analyse stage runs on the example data in two child processes, one with each, and every
table it writes must be byte for byte the same (published numbers are rounded to 12
significant digits, tests 7, pipeline/stats/blas.py). Without the rounding 90 SEs and 77 CI
limits of the example's estimates and most test statistics and p-values differ.
"""

from __future__ import annotations

import os
import platform
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from helpers.stage_run import run_stage

from pipeline.stats.blas import round_significant

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "data" / "raw"
PARAMS = ROOT / "params.yaml"
OUTPUTS = [
    *(
        f"processed/{t}.{ext}"
        for t in ("estimates", "tests", "changes", "distributions")
        for ext in ("parquet", "csv")
    ),
    "reports/plots/trend.csv",
    "reports/metrics/analysis.json",
]


def _analyse(processed: Path, out: Path, coretype: str | None) -> None:
    shutil.copytree(processed, out / "processed")
    env = {k: v for k, v in os.environ.items() if not k.startswith("OPENBLAS_")}
    if coretype:
        env["OPENBLAS_CORETYPE"] = coretype
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")])
    cmd = [sys.executable, "-m", "pipeline", "analyse", "-q", "--params", str(PARAMS)]
    cmd += ["--raw", str(RAW), "--processed", str(out / "processed")]
    cmd += ["--reports", str(out / "reports")]
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr[-2000:]


@pytest.mark.skipif(platform.machine() not in ("x86_64", "AMD64"), reason="x86-64 kernels")
def test_analyse_bytes_do_not_depend_on_blas_kernels(tmp_path: Path) -> None:
    processed = tmp_path / "ingested"
    reports = tmp_path / "ingest_reports"
    code = run_stage(
        "ingest", tmp_path, params=PARAMS, raw=RAW, processed=processed, reports=reports
    )
    assert code == 0
    _analyse(processed, tmp_path / "prescott", "Prescott")
    _analyse(processed, tmp_path / "default", None)
    for rel in OUTPUTS:
        a = (tmp_path / "prescott" / rel).read_bytes()
        b = (tmp_path / "default" / rel).read_bytes()
        assert a == b, f"{rel} differs between OPENBLAS_CORETYPE=Prescott and the default"


def test_round_significant_keeps_twelve_digits() -> None:
    x = np.array([1 / 3, -2 / 3 * 1e5, 0.125, 1e-50 / 3, 123456789012345.67, 0.0, np.nan])
    got = round_significant(x)
    assert [repr(float(v)) for v in got[:5]] == [
        "0.333333333333",
        "-66666.6666667",
        "0.125",
        "3.33333333333e-51",
        "123456789012000.0",
    ]
    assert got[5] == 0.0 and np.isnan(got[6])
    # a last-bit difference (what another BLAS kernel gives) rounds to the same number
    nudged = np.nextafter(x[:5], np.inf)
    assert np.array_equal(round_significant(nudged), got[:5])
    assert np.all(np.abs(got[:5] / x[:5] - 1) <= 5e-12)
