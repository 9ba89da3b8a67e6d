"""Packs with any number of rounds (2, 3 and 4, items added and dropped between rounds): every
finding family has findings with numbers equal to the published estimates, trend findings
name the clear changes since the previous and the first round with both years and numbers and
say nothing else about changes that are not clear, the workbook has a change sheet per round
pair, and the PDF of a 3-round pack prints the numbers of its trend page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from helpers.pack_fixture import (
    ACTIVATION_SNAPSHOT,
    MIN_CELL,
    item_rounds,
    make_activation_regions,
    make_tables,
    plan_manifest,
    snapshot,
    spans,
)
from helpers.pack_text import pdf_pages
from helpers.stage_run import run_stage

from pipeline.packs.findings import FAMILIES, Tables, findings_for, prepare_tables

ROUND_SETS = {
    2: (2017, 2021),
    3: (2012, 2017, 2021),
    4: (2009, 2012, 2017, 2021),
}
N_ROUNDS = sorted(ROUND_SETS)


def tables_of(rounds: tuple[int, ...]) -> Tables:
    t = make_tables(rounds)
    return prepare_tables(
        t["estimates"],
        t["tests"],
        t["changes"],
        snapshot(rounds),
        "weighted",
        "logit",
        MIN_CELL,
        make_activation_regions(),
        ACTIVATION_SNAPSHOT,
    )


def entry(rounds: tuple[int, ...], family: str, theme: str, language: str = "en") -> dict:
    return next(
        e
        for e in plan_manifest(snapshot(rounds), (language,))
        if e["family"] == family and e["theme"] == theme
    )


def texts(found) -> list[str]:
    return [f.text for f in found]


@pytest.mark.parametrize("n", N_ROUNDS)
@pytest.mark.parametrize("focus", ["ALL", "14"])
def test_every_family_has_published_numbers(n: int, focus: str) -> None:
    rounds = ROUND_SETS[n]
    tables = tables_of(rounds)
    entries = plan_manifest(snapshot(rounds), ("fi",))
    families = {e["family"] for e in entries}
    assert families == {f for f in FAMILIES if not f.startswith("activation")}
    for e in entries:
        found = findings_for(e, tables, focus, "fi")
        assert found and found[0].key != "no_data", (n, e["id"])
        assert "Kuviolle ei ole julkaistavia lukuja." not in texts(found)
        assert len({f.key for f in found}) == len(found), e["id"]  # keys unique per chart
        for f in found:
            for num in f.numbers:
                if num.table != "estimates":
                    continue
                value = tables.estimate(num.item, num.round, num.statistic, num.region, num.group)
                assert value == pytest.approx(num.value), (e["id"], f.text)
                assert num.text in f.text


@pytest.mark.parametrize("n", N_ROUNDS)
def test_trend_findings_name_clear_changes_with_years_and_numbers(n: int) -> None:
    rounds = ROUND_SETS[n]
    tables = tables_of(rounds)
    found = findings_for(entry(rounds, "trend", "wellbeing"), tables, "ALL", "en")
    by_key = {f.key: f for f in found}
    first, last = rounds[0], rounds[-1]
    prev = rounds[-2]

    def span_text(item: str, a: int, b: int) -> str:
        va = tables.estimate(item, a, "mean", "ALL")
        vb = tables.estimate(item, b, "mean", "ALL")
        direction = "improved" if vb > va else "worsened"
        return f"{direction} {a}–{b} ({va:.1f} → {vb:.1f})"

    children = by_key["trend:wb_a:ALL"]
    expected = [span_text("wb_a", prev, last)]
    if n >= 3:
        expected.append(span_text("wb_a", first, last))
    assert children.text == f"Children (all regions): {'; '.join(expected)}."
    assert [(x.item, x.round) for x in children.numbers] == [
        ("wb_a", r)
        for a, b in ([(prev, last)] + ([(first, last)] if n >= 3 else []))
        for r in (a, b)
    ]
    if n >= 3:
        # clear only since the first round: the previous span is said to be not clear
        young = by_key["trend:wb_b:ALL"]
        assert young.text == (
            f"Young people (all regions): {prev}–{last} no clear change; "
            f"{span_text('wb_b', first, last)}."
        )
        # wb_c was added in the second round: compared from there, and not clear
        asked = item_rounds("wb_c", rounds)
        pairs = [(asked[-2], asked[-1])] + ([(asked[0], asked[-1])] if len(asked) > 2 else [])
        years = " and ".join(f"{a}–{b}" for a, b in pairs)
        assert f"No clear change (all regions; {years}): Older people." in texts(found)
    else:
        assert f"No clear change (all regions; {prev}–{last}): Young people and Older people." in (
            texts(found)
        )
    # nothing but "no clear change" about changes that are not clear
    for f in found:
        if f.key.startswith("trend_unclear"):
            assert not f.numbers and not re.search(r"improved|worsened|→", f.text)


def test_trend_item_dropped_from_the_last_round() -> None:
    rounds = ROUND_SETS[4]
    tables = tables_of(rounds)
    found = findings_for(entry(rounds, "trend", "change"), tables, "ALL", "en")
    asked = item_rounds("ch_b", rounds)
    assert asked == [2009, 2012, 2017]
    assert "No clear change (all regions; 2012–2017 and 2009–2017): Young people." in texts(found)
    assert "No clear change (all regions; 2017–2021 and 2009–2021): Children." in texts(found)


def test_trend_span_missing_from_changes_is_not_claimed() -> None:
    """With only consecutive pairs in ``changes`` (analyse.changes: [consecutive]) the trend
    findings speak of the previous round only."""
    rounds = ROUND_SETS[3]
    t = make_tables(rounds)
    consecutive = t["changes"][t["changes"]["round_to"] - t["changes"]["round_from"] < 9]
    tables = prepare_tables(
        t["estimates"], t["tests"], consecutive, snapshot(rounds), "weighted", "logit", MIN_CELL
    )
    found = findings_for(entry(rounds, "trend", "wellbeing"), tables, "ALL", "en")
    children = next(f for f in found if f.key == "trend:wb_a:ALL")
    assert "2017–2021" in children.text and "2012–2021" not in children.text


def test_changes_without_p_adjusted_is_a_user_error() -> None:
    from pipeline.errors import UserError

    t = make_tables()
    with pytest.raises(UserError, match="p_adjusted"):
        prepare_tables(
            t["estimates"],
            t["tests"],
            t["changes"].drop(columns="p_adjusted"),
            snapshot(),
            "weighted",
            "logit",
            MIN_CELL,
        )


# --- the packs stage on 2, 3 and 4 rounds --------------------------------------------------


def build(root: Path, rounds: tuple[int, ...]) -> Path:
    from helpers.pack_fixture import write_fixture

    write_fixture(root / "processed", root / "reports" / "figures", ("fi", "en"), rounds)
    params = {
        "classification_year": 2021,
        "ingest": {"pseudonym_salt": "test-salt"},
        "designs": {"weighted": {"weights": True}},
        "analyse": {
            "design": "weighted",
            "ci_methods": ["logit"],
            "min_cell": MIN_CELL,
            "confidence": 0.9,
        },
        "packs": {
            "trendi": {"title": "Trendit", "language": "fi", "families": ["trend"]},
            "all-en": {"title": "All", "language": "en", "themes": ["wellbeing"]},
        },
    }
    path = root / "params.yaml"
    path.write_text(yaml.safe_dump(params, allow_unicode=True), encoding="utf-8")
    assert run_stage("packs", root) == 0  # the packs stage reads no raw folder
    return root / "reports"


@pytest.fixture(scope="module", params=N_ROUNDS, ids=lambda n: f"{n}rounds")
def built(request, tmp_path_factory) -> tuple[int, Path]:
    n = request.param
    return n, build(tmp_path_factory.mktemp(f"rounds{n}"), ROUND_SETS[n])


def test_workbook_has_a_change_sheet_per_round_pair(built) -> None:
    import openpyxl

    n, reports = built
    rounds = ROUND_SETS[n]
    wb = openpyxl.load_workbook(reports / "tables" / "all-en.xlsx")
    # consecutive pairs, then the longer spans (first -> last of items added or dropped too)
    expected = {
        2: ["2017–2021"],
        3: ["2012–2017", "2017–2021", "2012–2021"],
        4: ["2009–2012", "2012–2017", "2017–2021", "2009–2017", "2012–2021", "2009–2021"],
    }[n]
    expected = [f"Change {years}" for years in expected]
    assert [s for s in wb.sheetnames if s.startswith("Change ")] == expected
    t = make_tables(rounds)["changes"]
    a, b = spans(list(rounds))[-1]
    ws = wb[f"Change {a}–{b}"]
    header = [c.value for c in ws[4]]
    col = header.index("All regions: change")
    rows = {(r[0].value, r[1].value): r for r in ws.iter_rows(min_row=5)}
    cell = rows[("Children", "Mean (1–5)")]
    want = t[
        (t["item"] == "wb_a")
        & (t["statistic"] == "mean")
        & (t["region_code"] == "ALL")
        & (t["group_code"] == "ALL")
        & (t["round_from"] == a)
        & (t["round_to"] == b)
    ]
    assert cell[col].value == pytest.approx(float(want["estimate"].iloc[0]))
    assert cell[col + 1].value == "clear"
    # an item not asked in both rounds of a pair has no row on that pair's sheet
    if n >= 3:
        first_pair = wb[f"Change {rounds[0]}–{rounds[1]}"]
        items = {r[0].value for r in first_pair.iter_rows(min_row=5)}
        assert "Older people" not in items and "Children" in items


def test_pdf_prints_the_numbers_of_its_trend_page(built) -> None:
    n, reports = built
    pages = pdf_pages(reports / "packs" / "trendi" / "trendi.pdf")
    whole = " ".join(pages)
    assert "Kuviolle ei ole julkaistavia lukuja" not in whole
    assert "90 %:n luottamusväli" in whole  # analyse.confidence reaches the texts
    rounds = ROUND_SETS[n]
    tables = tables_of(rounds)
    e = entry(rounds, "trend", "wellbeing", "fi")
    # the chart's page: running head "<theme> · i/k" (the chart itself is a picture)
    page = next(p for p in pages if p.startswith("Hyvinvointi ·") and "Mitä kuvio kertoo" in p)
    found = findings_for(e, tables, "ALL", "fi")
    assert any(f.numbers for f in found)
    for f in found:
        assert f.text in page, f.text
        for num in f.numbers:
            assert num.text in page
    assert "Lapset (kaikki alueet): " in page


@pytest.mark.parametrize("family", ["balance", "ranking"])
def test_item_dropped_from_the_latest_round_is_not_called_untested(family: str) -> None:
    rounds = ROUND_SETS[4]
    found = findings_for(entry(rounds, family, "change"), tables_of(rounds), "ALL", "en")
    assert "not_tested" not in {f.key for f in found}
    assert not any("Young people" in f.text for f in found)  # ch_b, not asked in 2021
    assert "Children" in " ".join(f.text for f in found)  # ch_a, asked in 2021
