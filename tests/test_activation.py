"""Activation-resource survey: ingest, ratios, flags, suppression, region summaries, charts.

Expected values are worked out by hand from tests/fixtures/activation/activation_minidata.py
(the working is written beside each assertion)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from helpers.stage_run import run_stage

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "activation"))
from activation_minidata import ROWS, make_activation_raw

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def split_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_activation_raw(tmp_path_factory.mktemp("split"))
    assert run_stage("activation", root) == 0
    return root


@pytest.fixture(scope="module")
def table(split_out: Path) -> pd.DataFrame:
    return pd.read_parquet(split_out / "processed" / "activation.parquet")


@pytest.fixture(scope="module")
def regions(split_out: Path) -> pd.DataFrame:
    return pd.read_parquet(split_out / "processed" / "activation_regions.parquet")


def row(t: pd.DataFrame, rnd: int, code: str, ratio: str) -> pd.Series:
    hit = t[(t["round"] == rnd) & (t["municipality_code"] == code) & (t["ratio"] == ratio)]
    assert len(hit) == 1, (rnd, code, ratio)
    return hit.iloc[0]


def reg(r: pd.DataFrame, rnd: int, code: str, ratio: str) -> pd.Series:
    hit = r[(r["round"] == rnd) & (r["region_code"] == code) & (r["ratio"] == ratio)]
    assert len(hit) == 1
    return hit.iloc[0]


def test_contract_columns(table: pd.DataFrame, regions: pd.DataFrame) -> None:
    for c in (
        "municipality_code",
        "region_code",
        "ratio",
        "numerator",
        "denominator",
        "value",
        "flag",
        "round",
        "survey",
        "suppressed",
    ):
        assert c in table.columns
    for c in ("n_municipalities", "median", "min", "max", "pooled", "coverage", "pooled_change"):
        assert c in regions.columns
    assert set(table["survey"]) == {"activation"}
    # one row per round x municipality x ratio: 2014 has 5 municipalities of 2021 (Fiskari is
    # part of Eskola), 2019 the same 5; 4 ratios
    assert len(table) == 2 * 5 * 4
    assert not table.duplicated(["round", "municipality_code", "ratio"]).any()


def test_ratios_by_hand(table: pd.DataFrame) -> None:
    # Aava 2014: clients 40 + 20 = 60 per 6000 residents 15-64 -> 10.0 per 1000
    assert row(table, 2014, "001", "clients_per_1000")["value"] == pytest.approx(10.0)
    # long-term unemployed 100 / FTE "2,5" (decimal comma) = 40
    assert row(table, 2014, "001", "ltu_per_fte")["value"] == pytest.approx(40.0)
    # plans 60 / 120 people with 300+ days * 100 = 50
    assert row(table, 2014, "001", "plans_per_300")["value"] == pytest.approx(50.0)
    # cost "180 000" (thousands separator) / 60 clients = 3000
    assert row(table, 2014, "001", "cost_per_client")["value"] == pytest.approx(3000.0)
    # Dala 2019: clients 15 / 3000 * 1000 = 5; ltu 60 / "1,0" FTE = 60
    assert row(table, 2019, "004", "clients_per_1000")["value"] == pytest.approx(5.0)
    assert row(table, 2019, "004", "ltu_per_fte")["value"] == pytest.approx(60.0)


def test_merger_sums_answers_and_denominators(table: pd.DataFrame) -> None:
    # Fiskari (006) merged into Eskola (005) in 2016: the 2014 answers and statistics add up.
    # plans 20 + 5 = 25 over benefit_days_300 60 + 12 = 72 -> 34.722...
    r = row(table, 2014, "005", "plans_per_300")
    assert (r["numerator"], r["denominator"]) == (25.0, 72.0)
    assert r["value"] == pytest.approx(25 / 72 * 100)
    # FTE 1 + "0,5"; ltu 50 + 10 = 60 -> 40
    assert row(table, 2014, "005", "ltu_per_fte")["value"] == pytest.approx(40.0)
    assert "006" not in set(table["municipality_code"])


def test_joint_authority_split(table: pd.DataFrame) -> None:
    # "Bööle, Ceelä" 2014 split by residents 15-64: 1200 : 1800 = 0.4 : 0.6.
    # clients A 25 -> 10 / 15; clients B 7 -> 2.8 / 4.2 -> floors 2 / 4, the one left over goes
    # to the larger remainder (Bööle, 0.8): 3 / 4. Clients 13 / 19.
    b = row(table, 2014, "002", "clients_per_1000")
    c = row(table, 2014, "003", "clients_per_1000")
    assert (b["numerator"], c["numerator"]) == (13.0, 19.0)
    assert b["value"] == pytest.approx(13 / 1200 * 1000)
    assert c["value"] == pytest.approx(19 / 1800 * 1000)
    assert bool(b["joint"]) and bool(c["joint"])
    # FTE 1.5 -> 0.6 / 0.9; cost "90 000 €" -> 36000 / 54000
    assert row(table, 2014, "002", "ltu_per_fte")["denominator"] == pytest.approx(0.6)
    assert row(table, 2014, "003", "ltu_per_fte")["value"] == pytest.approx(40 / 0.9)
    assert row(table, 2014, "002", "cost_per_client")["value"] == pytest.approx(36000 / 13)


def test_joint_authority_attribute(tmp_path: Path) -> None:
    root = make_activation_raw(tmp_path, joint="attribute")
    assert run_stage("activation", root) == 0
    t = pd.read_parquet(root / "processed" / "activation.parquet")
    # the whole answer under the host (Bööle, listed first), denominators summed over members:
    # clients 25 + 7 = 32 per 1200 + 1800 -> 10.667
    host = row(t, 2014, "002", "clients_per_1000")
    assert (host["numerator"], host["denominator"]) == (32.0, 3000.0)
    assert host["members"] == "002 003"
    member = row(t, 2014, "003", "clients_per_1000")
    assert member["flag"] == "joint_attributed" and member["covered_by"] == "002"
    assert np.isnan(member["value"])
    r = pd.read_parquet(root / "processed" / "activation_regions.parquet")
    # the member is neither answering nor missing from coverage (its residents count via host)
    assert reg(r, 2014, "14", "clients_per_1000")["coverage"] == pytest.approx(100.0)


def test_flags(table: pd.DataFrame) -> None:
    # Dala 2014 FTE "en osaa sanoa" -> no value, flagged, not an error
    r = row(table, 2014, "004", "ltu_per_fte")
    assert np.isnan(r["value"]) and r["flag"] == "denominator_missing"
    # Eskola 2019 plans "eos"
    assert row(table, 2019, "005", "plans_per_300")["flag"] == "numerator_missing"
    # Eskola 2019 FTE 6000 > 5000 residents; 55 / 6000 below the range [5, 300]; and from
    # 40 in 2014 it fell by more than the factor 2
    flags = row(table, 2019, "005", "ltu_per_fte")["flag"].split(";")
    assert set(flags) == {"out_of_range", "fte_gt_residents", "change_above_factor"}
    # Bööle ltu per FTE 50 (2014) -> 30 / "0,25" = 120 (2019): factor 2.4 > 2
    b = row(table, 2019, "002", "ltu_per_fte")
    assert b["change_factor"] == pytest.approx(2.4) and b["flag"] == "change_above_factor"
    # Ceelä did not answer 2019
    assert row(table, 2019, "003", "clients_per_1000")["flag"] == "no_answer"
    # never a silent NaN: every empty value of a non-suppressed row has a flag
    empty = table[table["value"].isna() & ~table["suppressed"]]
    assert (empty["flag"] != "").all()


def test_denominator_zero(tmp_path: Path) -> None:
    root = make_activation_raw(tmp_path)
    import activation_minidata as minidata

    rows = [list(r) for r in ROWS[2019]]
    rows[2][2] = "0"  # Dala 2019: FTE 0
    minidata.write_xlsx(root / "raw" / "activation" / "aktivointi_2019.xlsx", rows)
    assert run_stage("activation", root) == 0
    t = pd.read_parquet(root / "processed" / "activation.parquet")
    r = row(t, 2019, "004", "ltu_per_fte")
    assert r["flag"] == "denominator_zero" and np.isnan(r["value"])
    m = json.loads((root / "reports" / "metrics" / "activation.json").read_text())
    assert m["flags"]["denominator_zero"] == 1


def test_primary_and_secondary_suppression(table: pd.DataFrame, regions: pd.DataFrame) -> None:
    # Dala 2014: 2 + 1 = 3 clients < 5 -> "<5", in every ratio built on clients
    for ratio, side in (("clients_per_1000", "numerator"), ("cost_per_client", "denominator")):
        r = row(table, 2014, "004", ratio)
        assert r["suppressed"] and r["suppression"] == "primary" and r["shown"] == "<5"
        assert np.isnan(r["value"]) and np.isnan(r[side])
    # It is the only hidden one in region 15, whose pooled ratio would give it away:
    # (3 + 40) / 6000 and Eskola's 40 / 3000 -> Eskola (the only other) is hidden too.
    e = row(table, 2014, "005", "clients_per_1000")
    assert e["suppression"] == "secondary" and np.isnan(e["value"]) and np.isnan(e["numerator"])
    # the denominator of a clients-per-resident ratio is public and stays
    assert e["denominator"] == 3000.0
    # pooled stays: two hidden with sum 43 >= 5: 43 / 6000 * 1000
    g = reg(regions, 2014, "15", "clients_per_1000")
    assert g["pooled"] == pytest.approx(43 / 6000 * 1000) and not g["pooled_suppressed"]
    # median / min / max only over published values: none left
    assert np.isnan(g["median"]) and g["suppressed_municipalities"] == 2
    # ratios without client counts are not suppressed
    assert not table[table["ratio"].isin(["ltu_per_fte", "plans_per_300"])]["suppressed"].any()


def test_suppressed_count_not_recoverable(table: pd.DataFrame, regions: pd.DataFrame) -> None:
    """From the published numbers, no hidden client count can be worked out exactly."""
    pub = table[table["ratio"] == "clients_per_1000"]
    for (rnd, region), grp in pub.groupby(["round", "region_code"]):
        hidden = grp[grp["suppressed"]]
        if hidden.empty:
            continue
        g = reg(regions, rnd, region, "clients_per_1000")
        included = grp[grp["responded"] & (grp["flag"] == "")]
        if not np.isnan(g["pooled"]):
            total = g["pooled"] * included["denominator"].sum() / 1000
            shown = grp.loc[~grp["suppressed"] & grp.index.isin(included.index), "numerator"]
            rest = total - shown.sum()
            # what the region total leaves over is shared by >= 2 hidden municipalities and
            # is at least min_cell, so no single one is determined
            assert len(hidden) >= 2 and rest >= 5 - 1e-9
        # the value (and so value x denominator) is empty wherever the count is hidden
        assert hidden["value"].isna().all() and hidden["numerator"].isna().all()


def test_region_summary_by_hand(regions: pd.DataFrame) -> None:
    g = reg(regions, 2014, "14", "clients_per_1000")
    # values 10.0, 10.833, 10.556 -> median 10.556; pooled (60 + 13 + 19) / 9000 * 1000
    assert g["median"] == pytest.approx(19 / 1.8)
    assert (g["min"], g["max"]) == (pytest.approx(10.0), pytest.approx(13 / 1.2))
    assert g["pooled"] == pytest.approx(92 / 9)
    assert g["n_municipalities"] == 3 and g["coverage"] == 100.0
    g19 = reg(regions, 2019, "14", "clients_per_1000")
    # Ceelä (3000 of 15000 residents) did not answer in 2019 -> 80 % coverage
    assert g19["coverage"] == pytest.approx(80.0) and g19["n_municipalities"] == 2
    # Bööle 4 clients (primary), Aava 80 (secondary): pooled 84 / 7200 * 1000 is published
    assert g19["pooled"] == pytest.approx(84 / 7.2)
    assert g19["pooled_change"] == pytest.approx(84 / 7.2 - 92 / 9)
    # implausible values (Eskola 2019 ltu per FTE) stay out of the region figures: only Dala
    g15 = reg(regions, 2019, "15", "ltu_per_fte")
    assert g15["n_valid"] == 1 and g15["median"] == pytest.approx(60.0)
    assert g15["pooled"] == pytest.approx(60.0)


def test_pooled_suppressed_when_unprotectable() -> None:
    from pipeline.activation.suppression import pooled_safe, suppress_counts

    counts = pd.DataFrame(
        {
            "round": [2014] * 3,
            "region_code": ["14"] * 3,
            "municipality_code": ["001", "002", "003"],
            "count": [2.0, 1.0, 40.0],
        }
    )
    out = suppress_counts(counts, 5)
    # two primary cells summing to 3 < 5: the smallest published one (40) is added
    assert out["suppression"].tolist() == ["primary", "primary", "secondary"]
    alone = suppress_counts(counts.iloc[:1], 5)
    assert alone["suppression"].tolist() == ["primary"]
    # one hidden municipality and nothing to hide with it: the pooled figure must go
    assert not pooled_safe(pd.Series([2.0]), 5)
    assert pooled_safe(pd.Series([2.0, 40.0]), 5)


def test_privacy_and_metrics(split_out: Path) -> None:
    text = "".join(
        p.read_text(encoding="utf-8")
        for p in (split_out / "processed").glob("*")
        if p.suffix in (".csv", ".json")
    )
    for rows in ROWS.values():
        for r in rows:
            for personal in (r[1], r[8]):
                if personal:
                    assert personal not in text
    m = json.loads((split_out / "reports" / "metrics" / "activation.json").read_text())
    files = m["ingest"]["files"]
    assert files["aktivointi_2014.xlsx"]["joint_authorities"] == 1
    assert files["aktivointi_2014.xlsx"]["municipalities_answering"] == 6
    assert files["aktivointi_2014.xlsx"]["cells_dont_know"] == 1
    # Dala 2014 and Bööle 2019 primary in two client ratios; Eskola 2014, Aava 2019 secondary
    assert m["suppressed_primary"] == 4 and m["suppressed_secondary"] == 4
    # `dvc metrics show` fails on a key named "values" (DVC 3): keep it out at every level
    assert "values" not in json.dumps(m).replace('"values_computed"', "")
    assert m["values_computed"] == int(
        pd.read_parquet(split_out / "processed" / "activation.parquet")["value"].notna().sum()
    )


def test_deterministic_bytes(split_out: Path, tmp_path: Path) -> None:
    root = make_activation_raw(tmp_path)
    assert run_stage("activation", root) == 0
    for name in (
        "activation.csv",
        "activation_regions.csv",
        "activation_codebook.json",
        "activation.parquet",
    ):
        a = (split_out / "processed" / name).read_bytes()
        assert a == (root / "processed" / name).read_bytes(), name


def test_no_codebook_writes_empty_tables(tmp_path: Path) -> None:
    root = make_activation_raw(tmp_path)
    for p in (root / "raw" / "activation").iterdir():
        p.unlink()
    assert run_stage("activation", root) == 0
    t = pd.read_parquet(root / "processed" / "activation.parquet")
    r = pd.read_csv(root / "processed" / "activation_regions.csv")
    assert t.empty and "pooled" in r.columns and "value" in t.columns
    from pipeline.charts.activation import plan_activation_charts

    assert plan_activation_charts({"activation": t, "activation_regions": r}, {}, "fi") == []


def test_example_data_runs(tmp_path: Path) -> None:
    """The shipped example: both rounds, joint authorities, flags and a "<5"."""
    code = run_stage(
        "activation",
        tmp_path,
        params=REPO / "params.yaml",
        raw=REPO / "data" / "raw",
        processed=tmp_path / "p",
        reports=tmp_path / "r",
    )
    assert code == 0
    t = pd.read_parquet(tmp_path / "p" / "activation.parquet")
    assert set(t["round"]) == {2014, 2019}
    assert t["suppressed"].any() and (t["shown"] == "<5").any()
    m = json.loads((tmp_path / "r" / "metrics" / "activation.json").read_text())
    assert m["flags"]["out_of_range"] > 0 and m["flags"]["denominator_zero"] == 1


def test_charts(split_out: Path, tmp_path: Path) -> None:
    import pickle

    import matplotlib

    matplotlib.use("Agg")
    from pipeline.charts.activation import plan_activation_charts

    tables = {
        n: pd.read_parquet(split_out / "processed" / f"{n}.parquet")
        for n in ("activation", "activation_regions")
    }
    snap = json.loads((split_out / "processed" / "activation_codebook.json").read_text())
    for language in ("fi", "sv", "en"):
        jobs = plan_activation_charts(tables, snap, language)
        families = {j.family for j in jobs}
        assert families == {"activation_municipalities", "activation_regions", "activation_change"}
        assert all(j.survey == "activation" and len(j.items) == 1 for j in jobs)
        pickle.dumps(jobs)
    jobs = {j.id: j for j in plan_activation_charts(tables, snap, "fi")}
    muni = jobs["activation_municipalities_clients_per_1000_2014"]
    # Dala and Eskola are drawn as "<5", never as a dot with a value
    hidden = muni.data[muni.data["kind"] == "suppressed"]
    assert set(hidden["shown"]) == {"<5"} and hidden["value"].isna().all()
    assert muni.suppressed_cells == 2 and "<5" in muni.kwargs["caption"]
    assert "Lähde: testi" in muni.kwargs["caption"]
    assert "Ceelä" in jobs["activation_municipalities_clients_per_1000_2019"].kwargs["caption"]
    for job in (
        muni,
        jobs["activation_regions_clients_per_1000"],
        jobs["activation_change_ltu_per_fte"],
    ):
        fig = job.build(job.data, **job.kwargs).draw()
        fig.savefig(tmp_path / f"{job.id}.png", dpi=40)
        assert (tmp_path / f"{job.id}.png").stat().st_size > 5000
