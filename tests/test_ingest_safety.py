"""Exports that read fine but would give wrong numbers, checked beside the bad-input
corpus (tests/bad_inputs/cases.yaml) where a case needs more than a message: equal results
after a recode, dropped rows written, the example exports' own headers, pure helpers."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pyreadstat
import pytest
import yaml
from helpers.stage_run import run_stage
from minidata import RATING_FI, ROWS_2012, make_raw, write_sav

from pipeline.errors import UserError, mask_personal, quote
from pipeline.ingest.values import AmbiguousNumber, parse_number
from pipeline.stats.weight_checks import (
    check_weight_shares,
    largest_share_violation,
    round_weight_metrics,
    weight_summary,
)
from pipeline.yamlcheck import load_yaml

EXAMPLE = Path(__file__).parent.parent / "data" / "raw"


def _codes(root: Path, rnd: int) -> list[float]:
    df = pd.read_parquet(root / "processed" / "responses.parquet")
    df = df[(df["round"] == rnd) & (df["item"] == "wb_children")]
    return df["code"].fillna(-1).tolist()


# --------------------------------------------------------------------------- point 1, recode


def test_reversed_sav_with_scale_recode_reads_as_the_original(tmp_path: Path) -> None:
    """A 2009-style .sav (1 = "Erittäin hyvä") with recode on its rating scale gives exactly the
    codes of the original file, and the change item (not on that scale) is left alone."""
    plain = make_raw(tmp_path / "plain")
    assert run_stage("ingest", plain) == 0
    flipped = make_raw(tmp_path / "flipped")
    sav = flipped / "raw/barometer/mini_2012.sav"
    rows = [tuple(6 - v if k == 4 and v in (1, 2, 4, 5) else v for k, v in enumerate(r))
            for r in ROWS_2012]  # fmt: skip
    write_sav(sav, rows)
    df, meta = pyreadstat.read_sav(str(sav), user_missing=True)
    labels = {**meta.variable_value_labels, "q1": {6 - c if c <= 5 else c: t
                                                    for c, t in RATING_FI.items()}}  # fmt: skip
    pyreadstat.write_sav(
        df, str(sav), variable_value_labels=labels, missing_ranges=meta.missing_ranges
    )
    cb = flipped / "raw/barometer/codebook.yaml"
    cb.write_text(
        cb.read_text().replace(
            "    personal: [sahkoposti, avoin]\n",
            "    personal: [sahkoposti, avoin]\n    recode: {rating5: {1: 5, 2: 4, 4: 2, 5: 1}}\n",
            1,
        )
    )
    assert run_stage("ingest", flipped) == 0
    assert _codes(flipped, 2012) == _codes(plain, 2012) == [4, 9, -1, 2, 5, 1]
    a = pd.read_parquet(plain / "processed/responses.parquet")
    b = pd.read_parquet(flipped / "processed/responses.parquet")
    pd.testing.assert_series_equal(a["code"], b["code"])


def test_item_recode_overrides_scale_and_export_wide(tmp_path: Path) -> None:
    from pipeline.codebook import load_codebook

    root = make_raw(tmp_path)
    cb = root / "raw/barometer/codebook.yaml"
    cb.write_text(
        cb.read_text().replace(
            "    personal: [sahkoposti, avoin]\n",
            "    personal: [sahkoposti, avoin]\n"
            "    recode: {6: 9, rating5: {1: 5, 6: 3}, wb_children: {1: 2}}\n",
            1,
        )
    )
    export = load_codebook(cb).exports[0]
    assert export.recode_for("wb_children", "rating5") == {6: 3, 1: 2}
    assert export.recode_for("ch_children", "change3") == {6: 9}


@pytest.mark.parametrize(
    ("recode", "fragment"),
    [
        ("{nosuch: {1: 2}}", "neither a code, a scale id nor an item id"),
        ("{rating5: {1: x}}", "'x' is not a whole-number code"),
        ("{rating5: 3}", "must map the file's whole-number codes"),
        ("{99: nine}", "'nine' is not a whole-number code"),
    ],
)
def test_bad_recode_is_a_user_error(tmp_path: Path, recode: str, fragment: str) -> None:
    from pipeline.codebook import load_codebook

    root = make_raw(tmp_path)
    cb = root / "raw/barometer/codebook.yaml"
    cb.write_text(
        cb.read_text().replace("    round: 2012\n", f"    round: 2012\n    recode: {recode}\n")
    )
    with pytest.raises(UserError, match=r"exports\[0\]\.recode") as err:
        load_codebook(cb)
    assert fragment in str(err.value)


# --------------------------------------------------------------------------- points 6, 7


def test_dropped_rows_record_duplicates_and_empty_respondents(tmp_path: Path) -> None:
    root = make_raw(tmp_path)
    empty = (107, 743, 1, 4.0, None, None, "", "")
    write_sav(root / "raw/barometer/mini_2012.sav", [*ROWS_2012, ROWS_2012[1], empty])
    assert run_stage("ingest", root) == 0
    dropped = pd.read_csv(root / "processed/dropped_rows.csv")
    assert dropped.to_dict("records") == [
        {"file": "mini_2012.sav", "row": 7, "reason": "exact duplicate of case 2"},
        {"file": "mini_2012.sav", "row": 8, "reason": "no answer to any item"},
    ]
    metrics = yaml.safe_load((root / "reports/metrics/ingest.json").read_text())
    assert metrics["exact_duplicates_dropped"] == 1
    assert metrics["no_answer_respondents_dropped"] == 1
    assert metrics["files"]["mini_2012.sav"]["rows_read"] == 8
    assert metrics["respondents_by_round"]["2012"] == 6


# --------------------------------------------------------------------------- point 2


def _swap_statements(path: Path, a: int, b: int) -> None:
    """Swap columns a and b (0-based) in the statement row and every data row, leaving the
    matrix question in the first header row where the tool wrote it."""
    text = path.read_text(encoding="cp1252")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    for r in rows[1:]:
        r[a], r[b] = r[b], r[a]
    buf = io.StringIO()
    csv.writer(buf, delimiter=";", lineterminator="\r\n").writerows(rows)
    path.write_text(buf.getvalue(), encoding="cp1252", newline="")


def test_swapped_matrix_columns_in_the_example_export(tmp_path: Path) -> None:
    """Unga before Barn in the example's Swedish export: an error at column 6, which now holds
    the young people's statement under the well-being question."""
    raw = tmp_path / "raw"
    shutil.copytree(EXAMPLE, raw)
    shutil.copy(Path(__file__).parent.parent / "params.yaml", tmp_path / "params.yaml")
    _swap_statements(raw / "barometer/barometri_2017_sv.csv", 5, 6)
    with pytest.raises(UserError) as err:
        from pipeline.codebook import load_codebook
        from pipeline.ingest.core import ingest_survey
        from pipeline.io.reference import load_reference

        ingest_survey(
            load_codebook(raw / "barometer/codebook.yaml"),
            load_reference(raw / "reference"),
            2021,
            "salt",
        )
    text = str(err.value)
    assert "barometri_2017_sv.csv, column 6" in text
    assert "names item wb_young, but the codebook maps wb_children there" in text


def test_example_headers_pass(tmp_path: Path) -> None:
    """The check must not stop the example: its headers name the mapped items."""
    from pipeline.codebook import load_codebook
    from pipeline.ingest.checks import check_header_texts
    from pipeline.io.readers import read_export

    cb = load_codebook(EXAMPLE / "barometer/codebook.yaml")
    for export in cb.exports[1:]:
        table = read_export(
            export.file,
            list(export.items.values()),
            header_rows=export.header_rows,
            separator=export.separator,
        )
        check_header_texts(table, export, cb)  # no error


# --------------------------------------------------------------------------- point 3


def test_yaml_merge_keys_may_override_but_keys_may_not_repeat(tmp_path: Path) -> None:
    path = tmp_path / "x.yaml"
    path.write_text("base: &b {x: 1, y: 2}\nuse:\n  <<: *b\n  x: 3\n", encoding="utf-8")
    assert load_yaml(path, "x") == {"base": {"x": 1, "y": 2}, "use": {"x": 3, "y": 2}}
    path.write_text("a:\n  b: 1\n  c: 2\n  b: 3\n", encoding="utf-8")
    with pytest.raises(UserError, match=r"line 4: key .b. appears twice .*first on line 2"):
        load_yaml(path, "x")


# --------------------------------------------------------------------------- point 4


@pytest.mark.parametrize(
    ("text", "decimal", "thousands", "expected"),
    [
        ("12,5", ",", None, 12.5),
        ("1 234,5", ",", None, 1234.5),
        ("1\u00a0234\u00a0567", ",", None, 1234567.0),
        ("7.5", ",", None, 7.5),
        ("1.234,5", ",", ".", 1234.5),
        ("1,234.5", ".", ",", 1234.5),
        ("386.991", ".", None, 386.991),
        ("1.234.567", ",", ".", 1234567.0),
        ("abc", ",", None, None),
        ("1.2.3", ",", None, None),
        ("Hei 1.234 kiitos", ",", None, None),
    ],
)
def test_numbers_in_declared_format(
    text: str, decimal: str, thousands: str | None, expected: float | None
) -> None:
    assert parse_number(text, decimal, thousands) == expected


@pytest.mark.parametrize(
    ("text", "decimal", "thousands"),
    [
        ("1.234", ",", None),
        ("2.500", ",", None),
        ("386.991", ",", None),
        ("1,234", ".", None),
        ("1.234,5", ",", None),
        ("1.234.567", ",", None),
        ("1.5", ",", "."),
    ],
)
def test_numbers_that_read_two_ways(text: str, decimal: str, thousands: str | None) -> None:
    with pytest.raises(AmbiguousNumber):
        parse_number(text, decimal, thousands)


# --------------------------------------------------------------------------- point 5


def test_weight_summary_matches_kish() -> None:
    w = np.array([1.0, 1.0, 2.0, 4.0])
    s = weight_summary(w)
    assert s.effective_n == pytest.approx(64 / 22)
    assert s.design_effect == pytest.approx(4 * 22 / 64)
    assert s.largest_share == pytest.approx(0.5)
    equal = weight_summary(np.full(10, 3.0))
    assert (equal.effective_n, equal.design_effect, equal.largest_share) == (10, 1, 0.1)


def test_round_metrics_and_swallowing_weight() -> None:
    rng = np.random.default_rng(5)
    frame = pd.DataFrame(
        {
            "round": [2012] * 40 + [2017] * 40,
            "region_code": (["14"] * 20 + ["15"] * 20) * 2,
            "weight": rng.uniform(1, 2, 80),
        }
    )
    m = round_weight_metrics(frame)
    assert set(m) == {"2012", "2017"} and m["2012"]["n"] == 40
    assert 1 < m["2012"]["design_effect_weighting"] < 1.1
    assert largest_share_violation(frame, [(), ("region_code",)], 0.2) is None
    frame.loc[65, "weight"] = 1e12
    v = largest_share_violation(frame, [(), ("region_code",)], 0.2)
    assert v is not None and (v.index, v.round, v.domain) == (65, 2017, "region_code=15")
    with pytest.raises(UserError, match="row 67, round 2017: this respondent holds 100%"):
        check_weight_shares(frame, [(), ("region_code",)], 0.2, lambda i: f"row {i + 2}", "w.csv")


def test_small_domains_are_not_judged_by_the_share() -> None:
    """Five respondents with equal weights each hold 20 %; nine hold 11 %, one with weight 3
    holds 27 %: under 2 / 0.2 = 10 respondents the rule cannot tell that from a small cell."""
    frame = pd.DataFrame({"round": 2017, "weight": [3.0] + [1.0] * 8})
    assert largest_share_violation(frame, [()], 0.2) is None
    frame = pd.DataFrame({"round": 2017, "weight": [4.0] + [1.0] * 9})
    assert largest_share_violation(frame, [()], 0.2) is not None


# --------------------------------------------------------------------------- point 10


def test_quote_masks_and_shortens() -> None:
    assert quote("anna.korhonen@alavus.fi") == "'<e-mail>'"
    assert quote("soita +358 40 123 4567") == "'soita <phone>'"
    assert quote("hetu 131052-308T ok") == "'hetu <personal id> ok'"
    assert quote("x" * 100) == "'" + "x" * 37 + "...'"
    assert quote(2012) == "'2012'" and quote("1.234,5") == "'1.234,5'"
    assert mask_personal("weight 12,5 in 2017") == "weight 12,5 in 2017"


def test_masking_leaves_the_pipeline_own_numbers() -> None:
    """Region 01 with 10,520 respondents is not a phone number (the hand-written pattern that
    masked messages before took "01 (10520" for one); real numbers in any usual form are."""
    what = "this respondent holds 100% of the weight total of domain region_code=01 (10520 "
    what += "respondents; limit analyse.max_weight_share = 0.2)"
    assert mask_personal(what) == what
    for kept in ("rows 100000-200000", "weight 0.000123456", "row 150001 of 0451234567x"):
        assert mask_personal(kept) == kept
    for phone in ("040 123 4567", "040-1234567", "0401234567", "(06) 416 4111", "09 1234 5678"):
        assert mask_personal(f"puh. {phone}, kiitos") == "puh. <phone>, kiitos"
    assert mask_personal("+358 40 1234567 / 00358 40 123 4567") == "<phone> / <phone>"
    assert mask_personal("HETU 131052-308t") == "HETU <personal id>"


def test_user_error_never_repeats_an_address() -> None:
    err = UserError("f.csv", "row 3", "weight 'x@y.fi' is not a number")
    assert "@" not in err.message and "<e-mail>" in err.message
