"""The typed codebook loaded back from codebook.json: round trip and lookup methods."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from pipeline.codebook import Codebook, load_codebook, load_codebook_json
from pipeline.errors import UserError
from pipeline.stats.types import ALL

REPO = Path(__file__).resolve().parents[1]
RAW = REPO / "data" / "raw"


@pytest.fixture(scope="module")
def snapshot_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """codebook.json as the ingest stage writes it for the example data."""
    from helpers.stage_run import run_stage

    root = tmp_path_factory.mktemp("cb")
    shutil.copytree(RAW / "barometer", root / "raw" / "barometer")
    shutil.copytree(RAW / "reference", root / "raw" / "reference")
    code = run_stage("ingest", root, params=REPO / "params.yaml")
    assert code == 0
    return root / "processed" / "codebook.json"


def test_snapshot_round_trip(snapshot_path: Path) -> None:
    data = json.loads(snapshot_path.read_text(encoding="utf-8"))
    codebook = load_codebook_json(snapshot_path)
    assert codebook.snapshot() == data
    assert json.dumps(codebook.snapshot(), ensure_ascii=False) == json.dumps(
        data, ensure_ascii=False
    )  # same key order, so codebook.json is byte-identical when rewritten
    assert set(codebook.regions) == {"14", "15", "16"}


def test_snapshot_equals_yaml_codebook(snapshot_path: Path) -> None:
    """What later stages load is the codebook ingest parsed (scales, items, themes, groups)."""
    parsed = load_codebook(RAW / "barometer" / "codebook.yaml")
    loaded = load_codebook_json(snapshot_path)
    assert loaded.item_scales() == parsed.item_scales()
    assert loaded.items == parsed.items
    assert loaded.themes == parsed.themes and loaded.groups == parsed.groups
    assert loaded.rounds() == parsed.rounds() == [2009, 2012, 2017, 2021]


def test_lookups(snapshot_path: Path) -> None:
    cb = load_codebook_json(snapshot_path)
    assert cb.kind("wb_unemployed") == "rating"
    assert cb.kind("ch_children") == "change"
    rating = cb.scale_of("wb_unemployed")
    assert rating.valid_codes == (1, 2, 3, 4, 5)
    assert rating.positive == (4, 5) and rating.negative == (1, 2)
    assert rating.range == (1, 5)
    change = cb.scale_of("ch_children")
    assert change.positive == change.improved == (1,)
    assert change.negative == change.worsened
    assert change.dont_know_codes == tuple(change.dont_know)
    assert cb.item_label("wb_unemployed", "fi") == cb.items["wb_unemployed"].label.fi
    assert cb.item_label("wb_unemployed", "sv") == cb.items["wb_unemployed"].label.sv
    assert cb.item_question("wb_unemployed", "en") == cb.items["wb_unemployed"].question.en
    assert cb.item_label("no_such_item", "fi") == "no_such_item"
    assert cb.code_label("wb_unemployed", 5, "fi") == rating.codes[5].fi
    assert cb.code_label("wb_unemployed", "5.0", "en") == rating.codes[5].en
    dk = rating.dont_know_codes[0]
    assert cb.code_label("wb_unemployed", dk, "sv") == rating.dont_know[dk].sv
    assert cb.code_label("wb_unemployed", 77, "fi") == "77"
    assert cb.region_name("14", "fi") == "Etelä-Pohjanmaa"
    assert cb.region_name("15", "sv") == "Österbotten"
    assert cb.region_name(ALL, "en") == "All regions"
    assert cb.group_name(ALL, "fi") == "Kaikki vastaajat"
    group = next(iter(cb.groups))
    assert cb.group_name(group, "en") == cb.groups[group].en
    theme = cb.theme_of("wb_unemployed")
    assert cb.theme_name(theme, "sv") == cb.themes[theme].sv
    assert cb.theme_name("", "fi") == cb.title.fi
    assert cb.item_order(["ch_children", "wb_unemployed", "nope"]) == [
        "wb_unemployed",
        "ch_children",
    ]
    by_theme = cb.items_by_theme(cb.items)
    assert sum(len(v) for v in by_theme.values()) == len(cb.items)


def test_partial_snapshot_falls_back() -> None:
    """A hand-made snapshot without exports keeps its rounds; missing languages fall back to fi."""
    snap = {
        "survey": "s",
        "title": {"fi": "Otsikko"},
        "rounds": [2011, 2013, 2015],
        "scales": {"r": {"kind": "rating", "codes": {"1": {"fi": "huono"}, "2": {"fi": "hyvä"}}}},
        "items": {"a": {"scale": "r", "label": {"fi": "A", "sv": "", "en": "A-en"}}},
    }
    cb = Codebook.from_snapshot(snap)
    assert cb.rounds() == [2011, 2013, 2015]
    assert cb.item_label("a", "sv") == "A" and cb.item_label("a", "en") == "A-en"
    assert cb.source_text("en") == "Otsikko"
    assert cb.scale_of("a").code_label(2, "sv") == "hyvä"


def test_missing_or_broken_snapshot(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="ingest stage has not run"):
        load_codebook_json(tmp_path / "codebook.json")
    (tmp_path / "codebook.json").write_text('{"survey": "x"}', encoding="utf-8")
    with pytest.raises(UserError, match="not a codebook snapshot"):
        load_codebook_json(tmp_path / "codebook.json")


def test_activation_snapshot_labels() -> None:
    """The activation survey's snapshot (titles, rounds, exports without languages) goes
    through the same lookups (the packs take its source line from it)."""
    from pipeline import labels

    snap = {
        "survey": "activation",
        "title": {"fi": "Aktivointi", "sv": "Aktivering", "en": "Activation"},
        "source": {"fi": "Lähde: kartoitus", "sv": "Källa", "en": "Source: survey"},
        "rounds": [2014, 2019],
        "exports": [{"file": "a.xlsx", "round": 2014}, {"file": "b.xlsx", "round": 2019}],
        "regions": {"14": {"fi": "Etelä-Pohjanmaa", "sv": "Södra Österbotten", "en": "South"}},
        "ratios": {"r": {}},
    }
    assert labels.source(snap, "en") == "Source: survey"
    assert labels.region_name(snap, "14", "sv") == "Södra Österbotten"
    assert Codebook.from_snapshot(snap).rounds() == [2014, 2019]
