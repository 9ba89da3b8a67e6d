"""The packs stage on a small fixture (tests/helpers/pack_fixture.py: tables, manifest and
placeholder PNGs made here, independent of the chart code): files, PDF pages, slides, captions
equal to the estimates, suppressed values nowhere, Excel layout, byte-identical reruns, stale
packs removed, params errors. Rounds beyond two: tests/test_pack_rounds.py."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pandas as pd
import pytest
import yaml
from helpers.pack_fixture import (
    ACTIVATION_ROUNDS,
    ACTIVATION_SNAPSHOT,
    CANARY,
    MIN_CELL,
    SNAPSHOT,
    make_activation_regions,
    make_tables,
    write_fixture,
)
from helpers.pack_text import (
    pdf_metadata,
    pdf_outline,
    pdf_pages,
    pptx_slides,
    visible_text,
    xlsx_cells,
)
from helpers.stage_run import run_stage

from pipeline.config import load_config
from pipeline.errors import UserError
from pipeline.i18n.numbers import value_text
from pipeline.packs.findings import prepare_tables
from pipeline.packs.plan import plan_pack, select_charts

SLIDE_W, SLIDE_H = 12191695, 6858000  # 13.333 x 7.5 in in EMU

PACKS = {
    "etela-pohjanmaa": {
        "title": {"fi": "Etelä-Pohjanmaan työpaja", "sv": "Södra Österbotten", "en": "SO"},
        "language": "fi",
        "region": "14",
    },
    "pohjanmaa": {"title": "Workshop i Österbotten", "language": "sv", "region": 15},
    "keski-pohjanmaa": {
        "title": "Keski-Pohjanmaa: hyvinvointi",
        "language": "fi",
        "region": "16",
        "themes": ["wellbeing"],
        "families": ["regional_dots", "diverging", "trend"],
        "prompts": ["Mikä tästä yllättää?"],
    },
    "ostrobothnia-en": {
        "title": "All regions",
        "language": "en",
        "data_date": "Nov 2017",
        "activation": True,
    },
}


def write_params(path: Path, packs: dict) -> Path:
    params = {
        "classification_year": 2021,
        "ingest": {"pseudonym_salt": "test-salt"},
        "designs": {"weighted": {"weights": True}},
        "analyse": {"design": "weighted", "ci_methods": ["logit"], "min_cell": MIN_CELL},
        "packs": packs,
    }
    path.write_text(yaml.safe_dump(params, allow_unicode=True), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("packs")
    write_fixture(root / "processed", root / "reports" / "figures")
    params = write_params(root / "params.yaml", PACKS)
    assert run_stage("packs", root, params=params) == 0
    return root


def manifest(root: Path) -> list[dict]:
    path = root / "reports" / "figures" / "manifest.json"
    return json.loads(path.read_text(encoding="utf-8"))["charts"]


def plans(root: Path) -> dict:
    config = load_config(root / "params.yaml")
    tables = fixture_tables()
    return {spec.name: plan_pack(spec, manifest(root), tables) for spec in config.packs.packs}


def fixture_tables():
    t = make_tables()
    return prepare_tables(
        t["estimates"],
        t["tests"],
        t["changes"],
        SNAPSHOT,
        "weighted",
        "logit",
        MIN_CELL,
        make_activation_regions(),
        ACTIVATION_SNAPSHOT,
    )


def test_every_pack_has_its_files(built: Path) -> None:
    config = load_config(built / "params.yaml")
    assert sorted(p.name for p in (built / "reports" / "packs").iterdir()) == sorted(PACKS)
    for spec in config.packs.packs:
        folder = built / "reports" / "packs" / spec.name
        charts = select_charts(spec, manifest(built), SNAPSHOT)
        assert charts
        expected = {f"{spec.name}.pdf", f"{spec.name}.pptx", f"{spec.name}_worksheet.xlsx"}
        expected |= {f"slides/{c['id']}.png" for c in charts}
        expected |= {f"print/{c['id']}.png" for c in charts}
        found = {str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file()}
        assert found == expected
        figures = built / "reports" / "figures"
        for c in charts:
            assert (folder / "slides" / f"{c['id']}.png").read_bytes() == (
                figures / c["png"]
            ).read_bytes()
            assert (folder / "print" / f"{c['id']}.png").read_bytes() == (
                figures / c["png_print"]
            ).read_bytes()
        assert (built / "reports" / "tables" / f"{spec.name}.xlsx").is_file()


def test_pack_order_covers_every_family() -> None:
    from pipeline.charts.base import FAMILIES
    from pipeline.packs.plan import PACK_ORDER

    assert sorted(PACK_ORDER) == sorted(FAMILIES)


def test_selection_follows_params(built: Path) -> None:
    config = {p.name: p for p in load_config(built / "params.yaml").packs.packs}
    entries = manifest(built)
    km = select_charts(config["keski-pohjanmaa"], entries, SNAPSHOT)
    assert {c["family"] for c in km} == {"regional_dots", "diverging", "trend"}
    assert {c["theme"] for c in km} == {"wellbeing"}
    assert {c["language"] for c in km} == {"fi"}
    en = select_charts(config["ostrobothnia-en"], entries, SNAPSHOT)
    assert len(en) == len([e for e in entries if e["language"] == "en"])
    # codebook theme order, activation charts last
    themes = [c["theme"] for c in en if c["survey"] == "barometer"]
    assert themes == sorted(themes, key=list(SNAPSHOT["themes"]).index)
    assert [c["survey"] for c in en[-2:]] == ["activation", "activation"]
    fi = select_charts(config["etela-pohjanmaa"], entries, SNAPSHOT)
    assert all(c["survey"] == "barometer" for c in fi)  # activation: false by default


def test_pdf_pages_titles_and_captions(built: Path) -> None:
    for name, plan in plans(built).items():
        pdf = built / "reports" / "packs" / name / f"{name}.pdf"
        pages = pdf_pages(pdf)
        assert len(pages) == 2 + len(plan.charts)
        assert plan.spec.title in pages[0]
        assert plan.data_date in pages[0]
        assert all(str(r) in pages[0] for r in plan.rounds)
        how = {"fi": "Näin luet kuvioita", "sv": "Så läser du diagrammen"}
        assert pages[1].startswith(how.get(plan.language, "How to read these charts"))
        n = len(plan.charts)
        for i, (page, chart) in enumerate(zip(pages[2:], plan.charts, strict=True), start=1):
            assert page.startswith(f"{chart.section} · {i}/{n}")  # running head
            for finding in chart.findings:
                assert finding.text in page
            for prompt in chart.prompts:
                assert prompt in page
        assert pdf_metadata(pdf)["/Title"] == plan.spec.title
        for page, chart in zip(pages[2:], plan.charts, strict=True):
            assert f"{chart.source} " in page  # footer names the chart's own data source
        # the chart titles (printed in the images) are the PDF's bookmarks
        assert pdf_outline(pdf) == [(c.title, i + 2) for i, c in enumerate(plan.charts)]


def test_deck_slides_titles_pictures_and_notes(built: Path) -> None:
    from PIL import Image

    for name, plan in plans(built).items():
        folder = built / "reports" / "packs" / name
        slides = pptx_slides(folder / f"{name}.pptx")
        assert len(slides) == 1 + len(plan.charts)
        assert slides[0].title == plan.spec.title
        for slide, chart in zip(slides[1:], plan.charts, strict=True):
            assert slide.title == chart.title
            assert len(slide.pictures) == 1
            w, h = slide.pictures[0]
            with Image.open(folder / chart.pack_png) as im:
                assert abs(w / h - im.width / im.height) < 0.01  # not distorted
            assert slide.alt_texts == (chart.title,)
            assert w >= 0.98 * SLIDE_W or h >= 0.98 * SLIDE_H  # the chart fills the slide
            for finding in chart.findings:
                assert finding.text in slide.notes
            assert chart.prompts[0] in slide.notes


def test_region_pack_uses_its_prompts_and_point_of_view(built: Path) -> None:
    plan = plans(built)["keski-pohjanmaa"]
    assert all(c.prompts == ("Mikä tästä yllättää?",) for c in plan.charts)
    dots = next(c for c in plan.charts if c.family == "regional_dots")
    # the focus region's own highest/lowest item comes first
    assert dots.findings[0].text.startswith("Keski-Pohjanmaa:")


def test_caption_numbers_equal_estimates(built: Path) -> None:
    raw = make_tables()
    est = raw["estimates"].set_index(["item", "round", "statistic", "region_code", "group_code"])
    act = make_activation_regions().set_index(["ratio", "round", "region_code"])
    checked = 0
    for plan in plans(built).values():
        for chart in plan.charts:
            for finding in chart.findings:
                printed = set()
                for n in finding.numbers:
                    if n.table == "activation_regions":
                        value = act.loc[(n.item, n.round, n.region), n.statistic]
                        assert n.value == value
                        assert n.text == value_text(value, n.statistic, plan.language)
                        assert n.text in finding.text
                        printed.add(n.text)
                        checked += 1
                        continue
                    assert n.table == "estimates"
                    row = est.loc[(n.item, n.round, n.statistic, n.region, n.group)]
                    row = row.iloc[0] if isinstance(row, pd.DataFrame) else row
                    assert not row["suppressed"]
                    assert n.value == row["estimate"]
                    assert n.text == value_text(row["estimate"], n.statistic, plan.language)
                    assert n.text in finding.text
                    printed.add(n.text)
                    checked += 1
                # every number in the sentence is one of them, a year or the minimum cell size
                allowed = {str(r) for r in (*plan.rounds, *ACTIVATION_ROUNDS)}
                allowed |= {str(MIN_CELL), str(ACTIVATION_SNAPSHOT["min_cell"])}
                for token in re.findall(r"[−+]?\d+(?:[.,]\d+)?(?: ?%)?", finding.text):
                    assert token in allowed or any(token in p for p in printed), (
                        token,
                        finding.text,
                    )
    assert checked > 50
    activation = [c for c in plans(built)["ostrobothnia-en"].charts if c.survey == "activation"]
    assert [c.family for c in activation] == ["activation_regions"] * 2 + ["activation_change"]
    # 3 regions + ALL in each chart
    assert sum(1 for c in activation for f in c.findings if f.numbers) == 3 * 4


def test_decimal_comma_and_clear_difference_wording(built: Path) -> None:
    p = plans(built)
    fi = next(c for c in p["etela-pohjanmaa"].charts if c.family == "regional_dots")
    texts = [f.text for f in fi.findings]
    # wb_a (Lapset) differs clearly in 2017, the others do not (fixture p-values)
    assert any(t.startswith("Lapset: selvä ero alueiden välillä") for t in texts)
    assert "Ei selvää eroa alueiden välillä: Nuoret ja Ikääntyneet." in texts
    means = [n.text for f in fi.findings for n in f.numbers if n.statistic == "mean"]
    assert means and all(re.fullmatch(r"\d,\d", t) for t in means)
    shares = [n.text for f in fi.findings for n in f.numbers if n.statistic.endswith("share")]
    assert shares and all(re.fullmatch(r"\d+ %", t) for t in shares)
    en = next(c for c in p["ostrobothnia-en"].charts if c.family == "regional_dots")
    means = [n.text for f in en.findings for n in f.numbers if n.statistic == "mean"]
    assert means and all(re.fullmatch(r"\d\.\d", t) for t in means)
    assert any("a clear difference between the regions" in f.text for f in en.findings)
    trend = next(c for c in p["ostrobothnia-en"].charts if c.family == "trend")
    assert any(
        re.fullmatch(
            r"Children \(all regions\): (improved|worsened) 2012–2017 \(\d\.\d → \d\.\d\)\.", f.text
        )
        for f in trend.findings
    ), [f.text for f in trend.findings]
    assert "No clear change (all regions; 2012–2017): Young people and Older people." in [
        f.text for f in trend.findings
    ]
    ranking = next(c for c in p["etela-pohjanmaa"].charts if c.family == "ranking")
    texts = [f.text for f in ranking.findings]
    assert texts[0].startswith("Etelä-Pohjanmaa: parhaiten arvioidut ")
    assert texts[1].startswith("Heikoimmin arvioidut: ")
    assert "Alueiden välillä on selvä ero: Lapset." in texts
    change = next(
        c for c in p["ostrobothnia-en"].charts if c.family == "ranking" and c.theme == "change"
    )
    assert change.findings[0].text.startswith("All regions: highest balance figure ")
    act = [c for c in p["ostrobothnia-en"].charts if c.survey == "activation"]
    assert act[0].findings[0].text.startswith("South Ostrobothnia 2019: median municipality ")
    assert act[0].findings[-1].text == (
        "Some municipal figures are left out because they rest on fewer than 3 people."
    )
    assert act[0].source == "Source: activation test data"
    change = act[2].findings[0].text
    assert change.startswith("South Ostrobothnia: median municipality ")
    assert " in 2014 → " in change and change.endswith(" in 2019.")
    heat = next(c for c in p["etela-pohjanmaa"].charts if c.family == "heatmap")
    assert heat.findings[0].text.startswith("Lapset, Etelä-Pohjanmaa: korkein ")
    balance = next(c for c in p["pohjanmaa"].charts if c.family == "balance")
    assert balance.findings[0].text.startswith("Österbotten: högst saldotal ")
    # a large "don't know" share in region 15 (fixture: 31.25 %) is worth a sentence there
    sv = next(c for c in p["pohjanmaa"].charts if c.family == "regional_dots")
    assert any("Äldre 31 %" in f.text for f in sv.findings)


def test_no_suppressed_value_anywhere(built: Path) -> None:
    canaries = set()
    for stat, value in CANARY.items():
        for lang in ("fi", "sv", "en"):
            canaries.add(value_text(value, stat, lang))
    for path in (built / "reports").rglob("*"):
        if path.suffix not in (".pdf", ".pptx", ".xlsx"):
            continue
        text = visible_text(path)
        for canary in canaries:
            assert not re.search(rf"(?<![\d,.]){re.escape(canary)}(?![\d,.])", text), (
                path,
                canary,
            )
        if path.suffix == ".xlsx":
            numbers = {v for cells in xlsx_cells(path).values() for _, _, v in cells}
            assert not numbers & set(CANARY.values()), path


def test_workbook_layout(built: Path) -> None:
    import openpyxl

    path = built / "reports" / "tables" / "keski-pohjanmaa.xlsx"
    wb = openpyxl.load_workbook(path)
    # readme, the pack's one theme, the one round pair
    assert wb.sheetnames == ["Lue minut", "Hyvinvointi", "Muutos 2012–2017"]
    ws = wb["Hyvinvointi"]
    assert ws.freeze_panes == "D3"
    header = [c.value for c in ws[2]]
    assert header == [
        "Kysymys", "Vuosi", "Tunnusluku",
        "Keski-Pohjanmaa", "n", "Etelä-Pohjanmaa", "n", "Pohjanmaa", "n", "Kaikki alueet", "n",
    ]  # fmt: skip
    est = make_tables()["estimates"].set_index(
        ["item", "round", "statistic", "region_code", "group_code"]
    )
    rows = {(r[0].value, r[1].value, r[2].value): r for r in ws.iter_rows(min_row=3)}
    young_2017_mean = rows[("Nuoret", 2017, "Keskiarvo (1–5)")]
    assert young_2017_mean[3].value == f"<{MIN_CELL}"  # region 16 suppressed for wb_b 2017
    assert young_2017_mean[4].value is None  # and its n is not shown
    e = est.loc[("wb_b", 2017, "mean", "14", "ALL")]
    assert young_2017_mean[5].value == pytest.approx(e["estimate"])
    assert young_2017_mean[6].value == e["n"]
    assert young_2017_mean[5].number_format == "0.0"
    share = rows[("Lapset", 2012, "Myönteiset (4–5), %")]
    assert share[3].value == pytest.approx(
        est.loc[("wb_a", 2012, "top2_share", "16", "ALL")]["estimate"]
    )
    assert share[3].number_format == "0"
    readme = [c.value for c in wb["Lue minut"]["A"]]
    assert f"<{MIN_CELL}" in readme
    en = openpyxl.load_workbook(built / "reports" / "tables" / "ostrobothnia-en.xlsx")
    assert en.sheetnames == ["Read me", "Well-being", "Change", "Change 2012–2017"]
    assert [c.value for c in en["Change"][2]][:4] == [
        "Question",
        "Year",
        "Statistic",
        "South Ostrobothnia",
    ]


def test_byte_identical_rebuild(built: Path, tmp_path: Path) -> None:
    def digests(root: Path) -> dict[str, bytes]:
        reports = root / "reports"
        return {
            str(p.relative_to(reports)): p.read_bytes()
            for sub in ("packs", "tables")
            for p in sorted((reports / sub).rglob("*"))
            if p.is_file()
        }

    other = tmp_path / "again"
    shutil.copytree(built / "processed", other / "processed")
    shutil.copytree(built / "reports" / "figures", other / "reports" / "figures")
    assert run_stage("packs", other, params=built / "params.yaml") == 0
    first, second = digests(built), digests(other)
    assert first.keys() == second.keys()
    assert [k for k in first if first[k] != second[k]] == []


def test_same_bytes_with_any_number_of_workers(built: Path, tmp_path: Path) -> None:
    """The PDFs, decks and workbooks are parallel jobs: one worker and three give the same
    files, byte for byte, as the stage gave."""
    from pipeline.packs.assemble import build_packs
    from pipeline.packs.stage import output_date

    config = load_config(built / "params.yaml")
    figures = built / "reports" / "figures"
    outputs = {}
    for workers in (1, 3):
        root = tmp_path / f"w{workers}"
        results = build_packs(
            config.packs,
            manifest(built),
            fixture_tables(),
            figures,
            root / "packs",
            root / "tables",
            output_date(""),
            str(built / "params.yaml"),
            workers=workers,
        )
        assert [r.name for r in results] == list(config.packs.names)
        outputs[workers] = {
            str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
        }
    reports = built / "reports"
    stage = {
        str(p.relative_to(reports)): p.read_bytes()
        for sub in ("packs", "tables")
        for p in sorted((reports / sub).rglob("*"))
        if p.is_file()
    }
    assert outputs[1] == outputs[3] == stage


def test_user_error_in_a_worker_reaches_the_parent() -> None:
    from pipeline.parallel import run_jobs

    def job(n: int) -> int:
        if n == 3:
            raise UserError("figures/x.png", "chart x", "unreadable image", "rerun figures")
        return n * n

    assert run_jobs(job, [1, 2, 4], workers=2) == [1, 4, 16]
    with pytest.raises(UserError) as exc:
        run_jobs(job, [1, 2, 3, 4], workers=2)
    assert exc.value.message == ("figures/x.png, chart x: unreadable image (fix: rerun figures)")


def test_source_date_epoch_sets_the_date(built: Path, tmp_path: Path, monkeypatch) -> None:
    from pptx import Presentation
    from pypdf import PdfReader

    other = tmp_path / "dated"
    shutil.copytree(built / "processed", other / "processed")
    shutil.copytree(built / "reports" / "figures", other / "reports" / "figures")
    params = write_params(other / "params.yaml", {"ostrobothnia-en": PACKS["ostrobothnia-en"]})
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14
    assert run_stage("packs", other, params=params) == 0
    folder = other / "reports" / "packs" / "ostrobothnia-en"
    created = PdfReader(str(folder / "ostrobothnia-en.pdf")).metadata.creation_date
    assert created.year == 2023
    assert Presentation(str(folder / "ostrobothnia-en.pptx")).core_properties.created.year == 2023


def test_undeclared_packs_and_unused_files_are_removed(built: Path, tmp_path: Path) -> None:
    root = tmp_path / "stale"
    shutil.copytree(built / "processed", root / "processed")
    shutil.copytree(built / "reports", root / "reports")
    narrowed = dict(PACKS["pohjanmaa"], families=["trend"])
    params = write_params(root / "params.yaml", {"pohjanmaa": narrowed})
    assert run_stage("packs", root, params=params) == 0
    assert [p.name for p in (root / "reports" / "packs").iterdir()] == ["pohjanmaa"]
    assert [p.name for p in (root / "reports" / "tables").iterdir()] == ["pohjanmaa.xlsx"]
    slides = sorted(p.name for p in (root / "reports" / "packs" / "pohjanmaa" / "slides").iterdir())
    assert slides == ["trend_change.png", "trend_wellbeing.png"]
    assert len(pptx_slides(root / "reports" / "packs" / "pohjanmaa" / "pohjanmaa.pptx")) == 3


def test_language_not_rendered_is_a_user_error(built: Path, tmp_path: Path, capsys) -> None:
    root = tmp_path / "nolang"
    shutil.copytree(built / "processed", root / "processed")
    figures = root / "reports" / "figures"
    figures.mkdir(parents=True)
    entries = [e for e in manifest(built) if e["language"] != "en"]
    (figures / "manifest.json").write_text(json.dumps({"charts": entries}), encoding="utf-8")
    params = write_params(root / "params.yaml", {"ostrobothnia-en": PACKS["ostrobothnia-en"]})
    assert run_stage("packs", root, params=params) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1
    assert "packs.ostrobothnia-en.language" in err and "'en' were not rendered" in err
    assert not (root / "reports" / "packs").exists()  # nothing written


@pytest.mark.parametrize(
    ("pack", "key"),
    [
        ({"title": "x", "colour": "red"}, "packs.p.colour"),
        ({"title": "x", "language": "de"}, "packs.p.language"),
        ({"title": {"fi": "x"}, "language": "sv"}, "packs.p.title"),
        ({"title": "x", "families": ["pie"]}, "packs.p.families"),
        ({"language": "fi"}, "packs.p.title"),
    ],
)
def test_bad_pack_params_name_the_key(tmp_path: Path, pack: dict, key: str) -> None:
    params = write_params(tmp_path / "params.yaml", {"p": pack})
    with pytest.raises(UserError) as exc:
        load_config(params)
    assert key in exc.value.message


@pytest.mark.parametrize(
    ("pack", "key"),
    [
        ({"title": "x", "region": "99"}, "packs.p.region"),
        ({"title": "x", "themes": ["housing"]}, "packs.p.themes"),
    ],
)
def test_pack_params_checked_against_the_data(
    built: Path, tmp_path: Path, capsys, pack: dict, key: str
) -> None:
    params = write_params(tmp_path / "params.yaml", {"p": pack})
    root = tmp_path / "out"
    shutil.copytree(built / "processed", root / "processed")
    shutil.copytree(built / "reports" / "figures", root / "reports" / "figures")
    assert run_stage("packs", root, params=params) == 2
    assert key in capsys.readouterr().err


def test_bad_pack_name(tmp_path: Path) -> None:
    params = write_params(tmp_path / "params.yaml", {"Bad Name!": {"title": "x"}})
    with pytest.raises(UserError, match="usable pack name"):
        load_config(params)


def test_dvc_stage_declares_what_packs_read() -> None:
    """Only the packs stage and the two after it (review, site) have the `packs` params,
    and its deps cover every pipeline module the packs code imports."""
    import ast

    repo = Path(__file__).resolve().parents[1]
    stages = yaml.safe_load((repo / "dvc.yaml").read_text(encoding="utf-8"))["stages"]
    packs = stages["packs"]
    assert packs["cmd"] == "barometer packs"
    assert {"packs", "analyse.design", "analyse.ci_methods", "analyse.min_cell"} <= set(
        packs["params"]
    )
    for name, stage in stages.items():
        if name not in ("packs", "review", "site"):  # review and site read the packs back
            assert "packs" not in (stage.get("params") or []), name
    assert set(packs["outs"]) == {"reports/packs", "reports/tables"}
    deps = packs["deps"]
    imported = set()
    for path in sorted((repo / "pipeline" / "packs").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module == "pipeline":
                imported |= {f"pipeline.{alias.name}" for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("pipeline"):
                imported.add(node.module)
    for module in sorted(imported):
        rel = module.replace(".", "/")
        assert any(rel == d or rel.startswith(d + "/") or f"{rel}.py" == d for d in deps), module
