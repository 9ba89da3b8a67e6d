"""The national-scale barometer (bench/make_national.py) at reduced scale through `barometer run`
end to end: 19 regions, 8 respondent groups, 18 items (of the benchmark's 60), 2 rounds, with
figures and one pack.

The full-scale run (200,000 respondents per round, the same params file) and its time and
memory are in docs/performance.md ("End to end"); this test keeps the same code path working
in CI on an export shape the example data do not have (many regions and items,
codes without label text, no activation survey)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pandas as pd
import pytest
import yaml

from pipeline.cli import main

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))

from make_national import GROUPS, REGIONS, write_raw  # noqa: E402

pytestmark = pytest.mark.slow
RESPONDENTS = 3000
ROUNDS = 2
N_RATING, N_CHANGE = 12, 6  # every chart family and the heatmap items, a third of the charts


def national_params(path: Path) -> Path:
    """bench/params_national.yaml (the full-scale run's params), with small PNGs."""
    params = yaml.safe_load((REPO / "bench" / "params_national.yaml").read_text(encoding="utf-8"))
    params["figures"].update({"dpi": 60, "print_dpi": 60})
    path.write_text(yaml.safe_dump(params, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def national_run(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("national")
    raw = write_raw(root, RESPONDENTS, ROUNDS, rating=N_RATING, change=N_CHANGE)
    params = national_params(root / "params.yaml")
    out = root / "out"
    assert main(["run", "--raw", str(raw), "--out", str(out), "--params", str(params), "-q"]) == 0
    return out


def test_every_respondent_and_item_arrives(national_run: Path) -> None:
    responses = pd.read_parquet(national_run / "processed" / "responses.parquet")
    assert len(responses) == RESPONDENTS * ROUNDS * (N_RATING + N_CHANGE)
    assert set(responses["region_code"]) == set(REGIONS)
    assert set(responses["group_code"]) == set(GROUPS)
    metrics = json.loads((national_run / "reports" / "metrics" / "ingest.json").read_text())
    assert metrics["respondents"] == RESPONDENTS * ROUNDS


def test_estimates_cover_every_domain(national_run: Path) -> None:
    est = pd.read_parquet(national_run / "processed" / "estimates.parquet")
    means = est[(est["statistic"] == "mean") & (est["design"] == "weighted")]
    # every round x item has ALL, each region and each group (region x group cells with no
    # valid answer at this reduced scale may be absent)
    margins = means[(means["region_code"] == "ALL") | (means["group_code"] == "ALL")]
    per_item = margins.groupby(["round", "item"]).size()
    assert len(per_item) == ROUNDS * N_RATING
    assert (per_item == 1 + len(REGIONS) + len(GROUPS)).all()
    cells = means[(means["region_code"] != "ALL") & (means["group_code"] != "ALL")]
    assert cells.groupby(["round", "item"]).size().min() >= 0.95 * len(REGIONS) * len(GROUPS)
    published = est[~est["suppressed"]]
    assert (published["n"] >= 5).all()
    changes = pd.read_parquet(national_run / "processed" / "changes.parquet")
    assert set(changes["round_from"]) == {2021} and set(changes["round_to"]) == {2023}


def test_figures_and_pack_are_complete(national_run: Path) -> None:
    manifest = json.loads((national_run / "reports" / "figures" / "manifest.json").read_text())
    charts = manifest["charts"]
    assert charts and {c["language"] for c in charts} == {"en"}
    for chart in charts:
        assert (national_run / "reports" / "figures" / chart["png"]).is_file(), chart["id"]
    families = {c["family"] for c in charts}
    assert {"diverging", "regional_dots", "heatmap", "trend"} <= families
    pack = national_run / "reports" / "packs" / "national"  # declared in params_national.yaml
    assert (pack / "national.pdf").is_file() and (pack / "national.pptx").is_file()
    assert (national_run / "reports" / "tables" / "national.xlsx").is_file()
    from pypdf import PdfReader

    selected = [c for c in charts if c["family"] in ("regional_dots", "heatmap")]
    pages = len(PdfReader(pack / "national.pdf").pages)
    assert pages >= len(selected)
