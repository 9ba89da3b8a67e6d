"""Ingest: readers, harmonisation, mergers, pseudonyms, privacy, metrics (mini raw folder)."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pyreadstat
import pytest
from helpers.stage_run import run_stage
from minidata import PERSONAL, make_raw

from pipeline.codebook import load_codebook
from pipeline.io.readers import read_export


def run_ingest(root: Path, *extra: str) -> int:
    return run_stage("ingest", root, *extra)


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    return make_raw(tmp_path)


@pytest.fixture
def ingested(mini: Path) -> pd.DataFrame:
    assert run_ingest(mini) == 0
    return pd.read_parquet(mini / "processed" / "responses.parquet")


def test_responses_columns_and_counts(ingested: pd.DataFrame) -> None:
    assert list(ingested.columns) == [
        "survey",
        "round",
        "respondent_id",
        "municipality_code",
        "region_code",
        "group_code",
        "weight",
        "item",
        "code",
        "status",
    ]
    assert len(ingested) == 3 * 6 * 2  # three exports x 6 respondents x 2 items
    assert set(ingested["survey"]) == {"minibaro"}
    per_round = ingested.drop_duplicates(["round", "respondent_id"]).groupby("round").size()
    assert per_round.to_dict() == {2012: 6, 2017: 12}


def test_sav_keeps_user_missing_dont_know(ingested: pd.DataFrame) -> None:
    r = ingested[(ingested["round"] == 2012) & (ingested["item"] == "wb_children")]
    assert r["status"].value_counts().to_dict() == {"valid": 4, "dont_know": 1, "missing": 1}
    assert r.loc[r["status"] == "dont_know", "code"].tolist() == [9.0]
    assert sorted(r.loc[r["status"] == "valid", "code"]) == [1.0, 2.0, 4.0, 5.0]


def test_finnish_and_swedish_exports_harmonise_identically(ingested: pd.DataFrame) -> None:
    r17 = ingested[ingested["round"] == 2017].copy()
    cols = ["municipality_code", "region_code", "group_code", "weight", "item", "code", "status"]
    # the two exports hold the same answers in the same order: compare them pairwise
    halves = [r17.iloc[:12].reset_index(drop=True), r17.iloc[12:].reset_index(drop=True)]
    pd.testing.assert_frame_equal(halves[0][cols], halves[1][cols])
    wb = halves[0][halves[0]["item"] == "wb_children"]
    assert wb["code"].tolist()[:2] == [4.0, 9.0]  # "  melko HYVÄ " matched case-insensitively
    assert wb["status"].tolist()[:2] == ["valid", "dont_know"]
    # weights with decimal comma in the CSV equal the numbers in the xlsx
    assert halves[1]["weight"].iloc[0] == 12.5


def test_mergers_and_region_moves(ingested: pd.DataFrame) -> None:
    r12 = ingested[ingested["round"] == 2012].drop_duplicates("respondent_id")
    munis = r12["municipality_code"].tolist()
    regions = r12["region_code"].tolist()
    # Töysä 863 -> Alavus 010 (2013), Jalasjärvi 164 -> Kurikka 301 (2016)
    assert munis == ["010", "152", "743", "905", "272", "301"]
    # Isokyrö 152 moves to Etelä-Pohjanmaa in the 2021 classification
    assert regions == ["14", "14", "14", "15", "16", "14"]


def test_classification_year_controls_isokyro(mini: Path) -> None:
    params = mini / "params.yaml"
    params.write_text(params.read_text().replace("2021", "2015"))
    assert run_ingest(mini) == 0
    df = pd.read_parquet(mini / "processed" / "responses.parquet")
    r12 = df[df["round"] == 2012].drop_duplicates("respondent_id")
    assert r12["municipality_code"].tolist() == ["010", "152", "743", "905", "272", "164"]
    assert r12["region_code"].tolist()[1] == "15"


def test_pseudonyms_stable_and_salted(mini: Path, ingested: pd.DataFrame) -> None:
    first = ingested["respondent_id"].tolist()
    assert run_ingest(mini) == 0
    again = pd.read_parquet(mini / "processed" / "responses.parquet")["respondent_id"].tolist()
    assert first == again
    raw_ids = {"101", "102", "1", "2"}
    assert not raw_ids & set(first)
    params = mini / "params.yaml"
    params.write_text(params.read_text().replace("test-salt", "other-salt"))
    assert run_ingest(mini) == 0
    salted = pd.read_parquet(mini / "processed" / "responses.parquet")["respondent_id"].tolist()
    assert not set(salted) & set(first)


def test_no_personal_data_in_outputs(mini: Path, ingested: pd.DataFrame) -> None:
    for folder in ("processed", "reports"):
        for path in (mini / folder).rglob("*"):
            if path.is_file():
                data = path.read_bytes()
                for secret in PERSONAL:
                    assert secret.encode() not in data, (path, secret)


def test_metrics(mini: Path, ingested: pd.DataFrame) -> None:
    m = json.loads((mini / "reports" / "metrics" / "ingest.json").read_text())
    assert m["respondents"] == 18
    assert m["respondents_by_round"] == {"2012": 6, "2017": 12}
    assert m["respondents_by_round_region"]["2012"] == {"14": 4, "15": 1, "16": 1}
    assert m["files"]["mini_2017_sv.csv"]["rows_read"] == 6
    # 2012 wb_children: 1 don't know among 5 answered, 1 missing among 6
    assert m["items"]["2012"]["wb_children"] == {"dont_know_share": 20.0, "missing_share": 16.67}
    assert m["response_share_by_round"] == {"2012": 1.67}  # 6 of N = 360


def test_snapshot_has_labels(mini: Path, ingested: pd.DataFrame) -> None:
    snap = json.loads((mini / "processed" / "codebook.json").read_text())
    assert snap["items"]["wb_children"]["label"] == {"fi": "Lapset", "sv": "Barn", "en": "Children"}
    assert snap["regions"]["15"]["sv"] == "Österbotten"
    assert snap["rounds"] == [2012, 2017]


def test_csv_reader_encodings_and_separators(tmp_path: Path) -> None:
    from minidata import write_csv

    frames = []
    for enc, sep in (("utf-8-sig", ";"), ("utf-8", ","), ("cp1252", "\t")):
        p = tmp_path / f"x_{enc}_{ord(sep)}.csv"
        write_csv(p, encoding=enc, delimiter=sep)
        t = read_export(p, [1, 3, 5, 7, 8], header_rows=2)
        frames.append(t.data)
        assert t.data.iloc[1, 1] == "Storkyro"
        assert t.data.iloc[3, 3] == 'Rad ett\nrad två; "citat"'  # quoted newline kept
    for f in frames[1:]:
        pd.testing.assert_frame_equal(frames[0], f)


def test_sav_reader_reads_only_mapped_columns(mini: Path) -> None:
    t = read_export(mini / "raw" / "barometer" / "mini_2012.sav", ["q1", "kunta"])
    assert list(t.data.columns) == ["q1", "kunta"]
    assert t.value_labels["q1"][9] == "En osaa sanoa"
    _, meta = pyreadstat.read_sav(
        str(mini / "raw/barometer/mini_2012.sav"), metadataonly=True, user_missing=True
    )
    assert meta.missing_ranges["q1"] == [{"lo": 9.0, "hi": 9.0}]


def test_codebook_loads_typed(mini: Path) -> None:
    cb = load_codebook(mini / "raw" / "barometer" / "codebook.yaml")
    assert cb.scales["rating5"].top == (4, 5) and cb.scales["rating5"].bottom == (1, 2)
    assert cb.scales["rating5"].missing_codes == (99,)
    assert cb.scales["rating5"].missing_labels == ("Ei vastausta",)
    assert cb.exports[1].items == {"wb_children": 5, "ch_children": 6}
    assert cb.item_scales()["ch_children"].improved == (1,)


def test_raw_files_unchanged(mini: Path) -> None:
    import hashlib

    def digests() -> dict[str, str]:
        return {
            p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in (mini / "raw").rglob("*")
            if p.is_file()
        }

    before = digests()
    assert run_ingest(mini) == 0
    assert digests() == before


def test_keep_personal_writes_separate_file_only_when_asked(mini: Path) -> None:
    params = mini / "params.yaml"
    params.write_text(
        params.read_text().replace(
            "pseudonym_salt: test-salt", "pseudonym_salt: test-salt\n  keep_personal: true"
        )
    )
    assert run_ingest(mini) == 0
    personal = mini / "processed" / "personal" / "minibaro_personal.csv"
    text = personal.read_text(encoding="utf-8")
    assert "anna.korhonen@alavus.fi" in text and "Minna Laaksonen" in text
    responses = (mini / "processed" / "responses.csv").read_text(encoding="utf-8")
    assert "anna.korhonen" not in responses
    params.write_text(params.read_text().replace("  keep_personal: true\n", ""))
    assert run_ingest(mini) == 0
    assert not personal.exists()
