"""`barometer codebook draft`: drafts of the example exports and of the public R fixture are
accepted by ingest as they are, give the same data as the hand-written codebooks, and the R
fixture's draft (its `# check:` guesses accepted) reproduces R through `barometer run`."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pyreadstat
import pytest
import yaml
from helpers.stage_run import run_stage

# The R comparisons of the public-path test, run here on the drafted codebook's outputs: pytest
# collects them in this module, where the `outputs` fixture below feeds them.
from test_reference_public_path import (  # noqa: F401
    test_changes_match_r,
    test_every_estimate_row_matches_r,
    test_raked_design_matches_r,
    test_tests_match_r,
)

from pipeline.cli import main
from pipeline.codebook import load_codebook

ROOT = Path(__file__).parents[1]
EXAMPLE = ROOT / "data" / "raw"
FIX = Path(__file__).parent / "fixtures"
REF = FIX / "reference"
PUB = FIX / "r_public_path"
WEB_FI, WEB_SV = "barometri_2017_fi.xlsx", "barometri_2017_sv.csv"


def draft(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[str, str]:
    capsys.readouterr()
    assert main(["codebook", "draft", *args]) == 0
    out = capsys.readouterr()
    return out.out, out.err


def accept_guesses(text: str) -> str:
    """What a user does after reading every `# check:` line and agreeing: delete the lines."""
    return "".join(
        line for line in text.splitlines(keepends=True) if not line.lstrip().startswith("# check:")
    )


def ingest(raw: Path, out: Path, params: Path = ROOT / "params.yaml") -> pd.DataFrame:
    code = run_stage("ingest", out, params=params, raw=raw, processed=out / "p", reports=out / "r")
    assert code == 0
    return pd.read_parquet(out / "p" / "responses.parquet")


def example_raw(tmp: Path, files: list[str]) -> Path:
    raw = tmp / "raw"
    (raw / "barometer").mkdir(parents=True)
    shutil.copytree(EXAMPLE / "reference", raw / "reference")
    for f in files:
        shutil.copy(EXAMPLE / "barometer" / f, raw / "barometer")
    return raw


# ------------------------------------------------------------------ the public R fixture


@pytest.fixture(scope="module")
def fixture_draft(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    root = tmp_path_factory.mktemp("draft_r")
    raw = root / "raw"
    (raw / "barometer").mkdir(parents=True)
    shutil.copytree(PUB / "reference", raw / "reference")
    for rnd in (2013, 2015):
        shutil.copy(REF / f"barometri_{rnd}.sav", raw / "barometer")
    target = raw / "barometer" / "codebook.yaml"
    assert main(["codebook", "draft", "--raw", str(raw), "-o", str(target)]) == 0
    return raw, target.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def outputs(fixture_draft: tuple[Path, str]) -> Path:
    raw, text = fixture_draft
    (raw / "barometer" / "codebook.yaml").write_text(accept_guesses(text), encoding="utf-8")
    params = raw.parent / "params.yaml"
    lean = "figures: {languages: [fi], dpi: 30, print_dpi: 30, workers: 1}\n"
    params.write_text((PUB / "params.yaml").read_text(encoding="utf-8") + lean, encoding="utf-8")
    out = raw.parent / "out"
    assert main(["run", "-q", "--params", str(params), "--raw", str(raw), "--out", str(out)]) == 0
    return out / "processed"


def test_fixture_draft_guesses_every_role_with_a_reason(fixture_draft: tuple[Path, str]) -> None:
    _, text = fixture_draft
    for role, var, why in (
        ("respondent_id", "id", "unique in all 700 rows"),
        ("weight", "paino", "positive, non-integer"),
        ("municipality", "kunta", "40 of its 40 distinct values are municipalities"),
        ("region", "maakunta", "3 of its 3 distinct values are regions"),
        ("group", "vastaajaryhma", "a labelled code variable with 5 categories"),
    ):
        block = text.split(f"    {role}: {var}\n")[0].splitlines()
        assert block[-1].startswith("    # check: ") and why in block[-1], (role, block[-1])
    assert text.count("personal: [vastausaika, avoin, sahkoposti]") == 2
    assert "survey: rbaro" in text  # the one survey id of reference/population.csv


def test_fixture_draft_equals_the_hand_written_codebook(
    fixture_draft: tuple[Path, str], tmp_path: Path
) -> None:
    _, text = fixture_draft
    path = tmp_path / "codebook.yaml"
    path.write_text(text, encoding="utf-8")
    got, want = load_codebook(path), load_codebook(PUB / "codebook.yaml")
    assert list(got.items) == list(want.items)
    for iid, item in want.items.items():
        mine = got.items[iid]
        assert mine.label.fi == item.label.fi
        s, w = got.scales[mine.scale], want.scales[item.scale]
        assert (s.kind, s.top, s.bottom, s.improved, s.worsened) == (
            w.kind,
            w.top,
            w.bottom,
            w.improved,
            w.worsened,
        )
        assert {c: t.fi for c, t in s.codes.items()} == {c: t.fi for c, t in w.codes.items()}
        assert {c: t.fi for c, t in s.dont_know.items()} == {
            c: t.fi for c, t in w.dont_know.items()
        }
    assert {k: t.fi for k, t in got.groups.items()} == {k: t.fi for k, t in want.groups.items()}
    assert got.items["q2_1"].question.fi == (
        "Miten väestöryhmän hyvinvointi on muuttunut viimeisen vuoden aikana?"
    )
    for e, w in zip(got.exports, want.exports, strict=True):
        assert (e.file.name, e.round, e.language) == (w.file.name, w.round, w.language)
        for key in ("respondent_id", "weight", "municipality", "region", "group", "items"):
            assert getattr(e, key) == getattr(w, key), key
        assert set(e.personal) == set(w.personal)


# ------------------------------------------------------------------ the example exports


def _plain(df: pd.DataFrame) -> pd.DataFrame:
    """``df`` with its categorical columns as plain values (categories differ by codebook)."""
    cats = [c for c in df.columns if isinstance(df[c].dtype, pd.CategoricalDtype)]
    return df.astype({c: object for c in cats})


@pytest.mark.parametrize(
    "files",
    [["barometri_2012.sav"], [WEB_FI], [WEB_SV], ["barometri_2012.sav", WEB_FI, WEB_SV]],
    ids=["sav", "xlsx", "csv", "all"],
)
def test_example_draft_is_ingested_as_the_hand_codebook(
    files: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    raw = example_raw(tmp_path, files)
    text, err = draft(capsys, "--raw", str(raw))
    (raw / "barometer" / "codebook.yaml").write_text(text, encoding="utf-8")
    mine = ingest(raw, tmp_path / "mine")
    hand_raw = example_raw(tmp_path / "hand", files)
    hand = load_codebook(EXAMPLE / "barometer" / "codebook.yaml")
    keep = [e for e in hand.exports if e.file.name in files]
    # the hand codebook restricted to these files (YAML aliases resolved by the round trip)
    data = yaml.safe_load((EXAMPLE / "barometer" / "codebook.yaml").read_text(encoding="utf-8"))
    data["exports"] = [e for e in data["exports"] if e["file"] in files]
    (hand_raw / "barometer" / "codebook.yaml").write_text(
        yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    theirs = ingest(hand_raw, tmp_path / "theirs")
    assert len(mine) == len(theirs)
    # same answers: translate the hand item ids to the draft's through the mapped columns
    mine_cb = load_codebook(raw / "barometer" / "codebook.yaml")
    to_draft = {}
    for he in keep:
        de = next(e for e in mine_cb.exports if e.file.name == he.file.name)
        by_ref = {ref: iid for iid, ref in de.items.items()}
        for iid, ref in he.items.items():
            to_draft.setdefault(iid, by_ref[ref])
    theirs["item"] = theirs["item"].map(to_draft)
    # a web export has no group codes: the draft numbers the labels, so compare by label
    by_label = {t.fi: k for k, t in mine_cb.groups.items()} | {
        t.sv: k for k, t in mine_cb.groups.items()
    }
    hand_label = {k: by_label.get(t.fi, by_label.get(t.sv)) for k, t in hand.groups.items()}
    theirs["group_code"] = theirs["group_code"].map(hand_label)
    key = ["round", "respondent_id", "item"]
    cols = key + ["municipality_code", "region_code", "group_code", "weight", "code", "status"]
    # responses come back with categorical text columns: compare (and sort) their values
    a = _plain(mine[cols]).sort_values(key).reset_index(drop=True)
    b = _plain(theirs[cols]).sort_values(key).reset_index(drop=True)
    pd.testing.assert_frame_equal(a, b, check_dtype=False)
    n = sum(1 for line in text.splitlines() if line.lstrip().startswith("# check:"))
    assert f"to check: {n} `# check:` lines (" in err and f"{len(files)} exports" in err


def test_web_pair_gets_the_swedish_labels(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    raw = example_raw(tmp_path, [WEB_FI, WEB_SV])
    files = [str(raw / "barometer" / f) for f in (WEB_SV, WEB_FI)]  # order does not matter
    out = tmp_path / "codebook.yaml"
    draft(capsys, *files, "-o", str(out))
    got, hand = load_codebook(out), load_codebook(EXAMPLE / "barometer" / "codebook.yaml")
    assert [e.language for e in got.exports] == ["fi", "sv"]
    assert [e.header_rows for e in got.exports] == [2, 2]
    assert got.exports[1].separator == ";" and got.exports[1].decimal == ","
    by_pos = {ref: iid for iid, ref in got.exports[0].items.items()}
    hand_fi = next(e for e in hand.exports if e.file.name == WEB_FI)
    assert len(by_pos) == len(hand_fi.items)
    for iid, ref in hand_fi.items.items():
        mine = got.items[by_pos[ref]]
        assert mine.label.sv == hand.items[iid].label.sv
        assert mine.question.sv == hand.items[iid].question.sv
        s, w = got.scales[mine.scale], hand.scales[hand.items[iid].scale]
        assert {c: (t.fi, t.sv) for c, t in s.codes.items()} == {
            c: (t.fi, t.sv) for c, t in w.codes.items()
        }
        assert [t.sv for t in s.dont_know.values()] == ["Kan inte säga"]
    # the files have no group codes (the draft numbers them), but every translation is right
    assert {(t.fi, t.sv) for t in got.groups.values()} == {
        (t.fi, t.sv) for t in hand.groups.values()
    }
    assert got.exports[1].items == got.exports[0].items
    for e in got.exports:  # as in the hand-written codebook (2017: weight in column 34)
        assert (e.respondent_id, e.municipality, e.group, e.weight) == (1, 5, 4, 34)
        assert set(e.personal) == {2, 3, 33}
    assert "sv label 'Kommunal förtroendevald' matched to group" in out.read_text("utf-8")


def test_swapped_columns_of_the_second_language_are_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = EXAMPLE / "barometer" / WEB_SV
    rows = list(csv.reader(src.read_text(encoding="cp1252").splitlines(), delimiter=";"))
    for r in rows[1:]:
        r[5], r[6] = r[6], r[5]  # "Unga" before "Barn" in question 1
    swapped = tmp_path / WEB_SV
    with swapped.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, delimiter=";").writerows(rows)
    shutil.copy(EXAMPLE / "barometer" / WEB_FI, tmp_path)
    text, _ = draft(capsys, str(tmp_path / WEB_FI), str(swapped))
    sv_block = text.split(f"- file: {WEB_SV}")[1]
    assert "# check: column 6: header 'Unga' does not match 'Lapset'" in sv_block
    assert "# check: column 7: header 'Barn' does not match 'Nuoret'" in sv_block
    assert "# check: left out: q1_1: 6" in sv_block and "# check: left out: q1_2: 7" in sv_block
    items = sv_block.split("    items:\n")[1]
    assert "      q1_1: 6" not in items and "      q1_3: 8" in items


# ------------------------------------------------------------------ synthetic SPSS files

GOOD = {1: "Erittäin huono", 2: "Melko huono", 3: "Ei hyvä eikä huono", 4: "Melko hyvä"}
GOOD[5] = "Erittäin hyvä"
CHANGE = {1: "Parantunut", 2: "Pysynyt ennallaan", 3: "Heikentynyt"}
STEM = "Arvioi hyvinvointia alueellasi"


def write_sav(
    path: Path, items: dict[str, tuple[str, dict[int, str]]], n: int = 40, dk: bool = True
) -> None:
    rng = np.random.default_rng(7)
    df = pd.DataFrame(
        {
            "id": np.arange(1, n + 1, dtype=float),
            "kunta": rng.choice([5.0, 10.0, 905.0, 272.0], n),
            "ryhma": rng.choice([1.0, 2.0], n),
            "paino": rng.uniform(0.5, 3.0, n).round(4),
            "puhelin": [f"040 {1000000 + i}" for i in range(n)],
        }
    )
    labels = {"id": "Vastaajan tunnus", "kunta": "Kunta", "ryhma": "Vastaajaryhmä"}
    labels |= {"paino": "Painokerroin", "puhelin": "Puhelinnumero"}
    value_labels: dict[str, dict[float, str]] = {
        "ryhma": {1.0: "Luottamushenkilö", 2.0: "Työntekijä"}
    }
    missing: dict[str, list[float]] = {}
    for name, (label, codes) in items.items():
        df[name] = rng.choice([*codes, 9] if dk else list(codes), n).astype(float)
        labels[name] = label
        value_labels[name] = {float(c): t for c, t in codes.items()}
        if dk:
            value_labels[name][9.0] = "En osaa sanoa"
            missing[name] = [9.0]
    pyreadstat.write_sav(
        df,
        str(path),
        column_labels=[labels[c] for c in df.columns],
        variable_value_labels=value_labels,
        missing_ranges=missing,
    )


def test_reversed_rating_set_is_flagged_and_recoded(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    reverse = {6 - c: t for c, t in GOOD.items()}  # 1 = Erittäin hyvä
    write_sav(tmp_path / "baro_2009.sav", {"k1": (f"{STEM}: Lapset", reverse)})
    write_sav(tmp_path / "baro_2012.sav", {"k1": (f"{STEM}: Lapset", GOOD)})
    out = tmp_path / "codebook.yaml"
    _, err = draft(
        capsys, str(tmp_path / "baro_2009.sav"), str(tmp_path / "baro_2012.sav"), "-o", str(out)
    )
    text = out.read_text(encoding="utf-8")
    assert "# check: the file's codes run high to low (1 = Erittäin hyvä)" in text
    cb = load_codebook(out)
    assert len(cb.scales) == 1 and len(cb.items) == 1  # one scale, the same item in both rounds
    scale = next(iter(cb.scales.values()))
    assert scale.codes[1].fi == "Erittäin huono" and scale.codes[5].fi == "Erittäin hyvä"
    assert cb.exports[0].recode == {1: 5, 2: 4, 4: 2, 5: 1} and cb.exports[1].recode is None
    assert cb.exports[0].items == cb.exports[1].items == {"k1": "k1"}
    assert "to check:" in err


def test_reversed_set_beside_another_scale_gets_a_recode_of_its_scale_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    reverse = {6 - c: t for c, t in GOOD.items()}
    items = {"k1": (f"{STEM}: Lapset", reverse), "m1": ("Muutos: Lapset", CHANGE)}
    write_sav(tmp_path / "baro_2009.sav", items)
    text, _ = draft(capsys, str(tmp_path / "baro_2009.sav"))
    path = tmp_path / "codebook.yaml"
    path.write_text(text, encoding="utf-8")
    cb = load_codebook(path)
    assert cb.scales[cb.items["m1"].scale].kind == "change"
    assert cb.exports[0].recode is None  # an export-wide recode would flip m1 too
    assert "    recode: {hyva5: {1: 5, 2: 4, 4: 2, 5: 1}}\n" in text  # this scale only
    assert cb.exports[0].recode_scales == {"hyva5": {1: 5, 2: 4, 4: 2, 5: 1}}
    assert cb.exports[0].items == {"k1": "k1", "m1": "m1"}


def test_rounds_share_ids_and_list_new_and_dropped_items(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_sav(
        tmp_path / "a_2013.sav",
        {"v1": (f"{STEM}: Lapset", GOOD), "v2": (f"{STEM}: Nuoret", GOOD)},
    )
    write_sav(  # renamed variables, same texts; one item dropped, one new
        tmp_path / "a_2015.sav",
        {"x2": (f"{STEM}: Nuoret", GOOD), "x3": (f"{STEM}: Ikäihmiset", GOOD)},
    )
    text, err = draft(capsys, str(tmp_path / "a_2013.sav"), str(tmp_path / "a_2015.sav"))
    path = tmp_path / "codebook.yaml"
    path.write_text(text, encoding="utf-8")
    cb = load_codebook(path)
    assert cb.exports[0].items == {"v1": "v1", "v2": "v2"}
    assert cb.exports[1].items == {"v2": "x2", "x3": "x3"}
    assert "    # new in 2015: x3" in text
    assert "    # not in 2015 (asked in other rounds): v1" in text
    assert "    # not in 2013 (asked in other rounds): x3" in text
    assert cb.items["v1"].question.fi == STEM and cb.items["v1"].theme == cb.items["x3"].theme
    # personal: the phone numbers are never an item
    assert cb.exports[0].personal == ("puhelin",)
    assert "phone numbers" in text
    assert "groups:" in text and cb.groups["2"].fi == "Työntekijä"
    assert "3 items" in err


def test_one_header_row_web_export(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = EXAMPLE / "barometer" / WEB_SV
    rows = list(csv.reader(src.read_text(encoding="cp1252").splitlines(), delimiter=";"))
    stem = ""
    head = []
    for top, sub in zip(rows[0], rows[1], strict=True):
        stem = top or stem
        head.append(f"{stem}: {sub}" if sub else top)
    one = tmp_path / "enkät_2019_sv.csv"
    with one.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, delimiter=";").writerows([head, *rows[2:]])
    text, _ = draft(capsys, str(one))
    path = tmp_path / "codebook.yaml"
    path.write_text(text, encoding="utf-8")
    cb = load_codebook(path)
    e = cb.exports[0]
    assert (e.round, e.language, e.header_rows) == (2019, "sv", 1)
    assert len(e.items) == sum(1 for statement in rows[1] if statement)  # every matrix cell
    assert e.items["q1_1"] == 6
    assert cb.items["q1_1"].label.sv == "Barn"
    assert cb.items["q1_1"].question.sv == (
        "Bedöm välfärden för följande befolkningsgrupper i din region"
    )


def test_draft_refuses_to_overwrite(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "codebook.yaml"
    out.write_text("mine\n", encoding="utf-8")
    sav = str(EXAMPLE / "barometer" / "barometri_2012.sav")
    assert main(["codebook", "draft", sav, "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "already exists" in err
    assert out.read_text(encoding="utf-8") == "mine\n"


@pytest.mark.parametrize(
    "labels",
    [
        ["Very poor", "Fairly poor", "Neither good nor poor", "Fairly good", "Very good"],
        [
            "Täysin eri mieltä",
            "Jokseenkin eri mieltä",
            "Ei samaa eikä eri mieltä",
            "Jokseenkin samaa mieltä",
            "Täysin samaa mieltä",
        ],
        [
            "Helt otillräckliga",
            "Ganska otillräckliga",
            "Varken tillräckliga eller otillräckliga",
            "Ganska tillräckliga",
            "Helt tillräckliga",
        ],
        ["1 = Aina", "2 = Usein", "3 = Joskus", "4 = Harvoin", "5 = Ei koskaan"],
    ],
    ids=["en", "agree_fi", "adequate_sv", "numbered"],
)
def test_web_answer_texts_are_put_low_to_high(labels: list[str]) -> None:
    from pipeline.draft.scales import from_texts

    shuffled = [labels[i] for i in (3, 0, 4, 2, 1)] + ["Don't know"]
    ls = from_texts(shuffled)
    assert ls is not None and ls.kind == "rating"
    assert list(ls.valid.values()) == labels and list(ls.valid) == [1, 2, 3, 4, 5]
    assert ls.dont_know == {9: "Don't know"}
    changes = from_texts(["Försämrats", "Kan inte säga", "Förbättrats", "Oförändrat"])
    assert changes is not None and changes.kind == "change"
    assert list(changes.valid.values()) == ["Förbättrats", "Oförändrat", "Försämrats"]


def test_matrix_of_unknown_words_is_a_scale_to_check(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    often = {1: "Ei koskaan", 2: "Joskus", 3: "Usein", 4: "Aina"}  # no don't-know, no polarity
    items = {"t1": ("Kuinka usein: Kotikäynnit", often), "t2": ("Kuinka usein: Ryhmät", often)}
    write_sav(tmp_path / "kysely_2020.sav", items, dk=False)
    text, _ = draft(capsys, str(tmp_path / "kysely_2020.sav"))
    path = tmp_path / "codebook.yaml"
    path.write_text(text, encoding="utf-8")
    cb = load_codebook(path)
    assert cb.exports[0].items == {"t1": "t1", "t2": "t2"}
    scale = cb.scales[cb.items["t1"].scale]
    assert {c: t.fi for c, t in scale.codes.items()} == often and not scale.dont_know
    assert "# check: the labels do not say which end is positive" in text
    assert cb.items["t2"].question.fi == "Kuinka usein" and cb.items["t2"].label.fi == "Ryhmät"


def test_a_later_round_in_swedish_only_gets_the_same_item_ids(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for f in (WEB_FI, WEB_SV):
        shutil.copy(EXAMPLE / "barometer" / f, tmp_path)
    shutil.copy(EXAMPLE / "barometer" / WEB_SV, tmp_path / "barometri_2019_sv.csv")
    files = [str(tmp_path / f) for f in (WEB_FI, WEB_SV, "barometri_2019_sv.csv")]
    text, _ = draft(capsys, *files)
    path = tmp_path / "codebook.yaml"
    path.write_text(text, encoding="utf-8")
    cb = load_codebook(path)
    assert [(e.round, e.language) for e in cb.exports] == [(2017, "fi"), (2017, "sv"), (2019, "sv")]
    assert cb.exports[2].items == cb.exports[0].items  # matched by the Swedish texts
    assert len(cb.scales) == 3


def test_weight_with_gaps_is_proposed_with_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sav = tmp_path / "b_2014.sav"
    write_sav(sav, {"v1": (f"{STEM}: Lapset", GOOD)})
    df, meta = pyreadstat.read_sav(str(sav), user_missing=True)
    df.loc[[3, 7], "paino"] = np.nan
    pyreadstat.write_sav(
        df,
        str(sav),
        column_labels=[meta.column_names_to_labels[c] for c in df.columns],
        variable_value_labels=meta.variable_value_labels,
        missing_ranges=meta.missing_ranges,
    )
    text, _ = draft(capsys, str(sav))
    assert "2 rows have none and ingest stops there: fill them in" in text
    assert "    weight: paino\n" in text


def test_unreadable_or_missing_export_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "baro_2012.sav"
    broken.write_bytes((EXAMPLE / "barometer" / "barometri_2012.sav").read_bytes()[:300])
    for args in ([str(broken)], [str(tmp_path / "none_2012.sav")], ["--raw", str(tmp_path / "x")]):
        capsys.readouterr()
        assert main(["codebook", "draft", *args]) == 2
        err = capsys.readouterr().err
        assert err.startswith("error: ") and err.count("\n") == 1 and len(err) < 300
