"""The site stage on the packs fixture (no browser; tests/test_site_browser.py opens the pages
in Chromium): layout per language, one h1 and lang per page, alt text from the findings, data
tables with caption and header cells, nothing external, workshop notes set apart and
attributed, unpublished rows and suppressed values nowhere, escaped text, downloads equal to
the estimates, byte-identical reruns."""

from __future__ import annotations

import csv
import hashlib
import io
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from helpers.pack_fixture import CANARY, MIN_CELL, make_tables
from helpers.pack_text import visible_text
from helpers.stage_run import run_stage
from site_fixture import FILLS, build

from pipeline.i18n.numbers import value_text
from pipeline.site.render import environment

PACK = "etela-pohjanmaa"
LANGS = ("fi", "sv", "en")


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("site")
    build(root, LANGS)
    return root


def site(root: Path) -> Path:
    return root / "reports" / "site"


class Page(HTMLParser):
    """Tags, attributes and text of one page (standard-library parser)."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.text: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))

    def handle_data(self, data) -> None:
        self.text.append(data)

    def all(self, tag: str) -> list[dict[str, str]]:
        return [a for t, a in self.tags if t == tag]


def parse(path: Path) -> Page:
    return Page(path.read_text(encoding="utf-8"))


def digests(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_layout(root: Path) -> None:
    s = site(root)
    names = set(digests(s))
    assert {"index.html", "site.css"} <= names
    for lang in LANGS:
        for pack in ("etela-pohjanmaa", "ostrobothnia-en"):
            assert {
                f"{lang}/{pack}.html",
                f"{lang}/data/{pack}.csv",
                f"{lang}/data/{pack}.xlsx",
            } <= names
        assert f"{lang}/index.html" in names
        assert any(n.startswith(f"{lang}/img/") and n.endswith(".png") for n in names)
    assert not [n for n in names if n.startswith(".") or "/." in n]


def test_every_page_has_lang_one_h1_alt_and_table_headers(root: Path) -> None:
    for path in sorted(site(root).rglob("*.html")):
        page = parse(path)
        lang = path.parent.name if path.parent != site(root) else "fi"
        assert page.all("html") == [{"lang": lang}], path
        assert len(page.all("h1")) == 1, path
        assert page.all("meta")[1]["name"] == "viewport"
        assert page.all("a")[0] == {"class": "skip", "href": "#main"}
        assert [m for m in page.all("main") if m.get("id") == "main"], path
        for img in page.all("img"):
            assert len(img["alt"]) > 20, (path, img)
        for th in page.all("th"):
            assert th.get("scope") in ("col", "row"), path
        assert len(page.all("caption")) == len(page.all("table")), path


def test_nothing_external(root: Path) -> None:
    for path in site(root).rglob("*"):
        if path.suffix in (".html", ".css"):
            text = path.read_text(encoding="utf-8")
            assert "http://" not in text and "https://" not in text, path
            assert "<script" not in text, path
            assert "@import" not in text and "url(" not in text, path


def test_alt_text_is_the_chart_title_and_its_findings(root: Path) -> None:
    html = (site(root) / "fi" / f"{PACK}.html").read_text(encoding="utf-8")
    alt = re.search(r'<img src="img/dots_wellbeing_2017.png" alt="([^"]+)"', html).group(1)
    assert alt.startswith("Hyvinvointi 2017. Etelä-Pohjanmaa: korkein arvio")
    assert "selvä ero alueiden välillä" in alt


def test_workshop_notes_set_apart_and_attributed(root: Path) -> None:
    fi = (site(root) / "fi" / f"{PACK}.html").read_text(encoding="utf-8")
    first = FILLS[PACK][0][1]
    aside = re.findall(r'<aside class="workshop".*?</aside>', fi, flags=re.S)
    assert len(aside) == 2  # rows 2 and 3 are findings of one chart, row 6 of the next
    for text in (first["interpretation"], first["lived"], first["proposal"], first["who"]):
        assert text in aside[0]
    assert "<dd>Kokemusasiantuntija</dd>" in aside[0]
    assert "<dd>Luottamushenkilö</dd>" in aside[0]
    assert "Työpajan osallistujien näkemyksiä, eivät kyselyn tuloksia." in aside[0]
    # the proposals by priority: 1 before 2, each with who should act and perspective
    proposals = fi[fi.index('id="proposals"') :]
    assert proposals.index("Kiireellisyys 1") < proposals.index("Kiireellisyys 2")
    assert proposals.index(first["proposal"]) < proposals.index(FILLS[PACK][1][1]["proposal"])
    assert proposals.index("Kiireellisyys 2") < proposals.index("Kiireellisyyttä ei arvioitu")
    assert proposals.index("Kiireellisyyttä ei arvioitu") < proposals.index(
        FILLS[PACK][2][1]["proposal"]
    )
    # text typed by the workshop is escaped, never markup
    assert "Aluevaltuusto &lt;ja&gt; kunnat &amp; järjestöt" in fi
    assert "<ja>" not in fi
    # other languages show the workshop's Finnish texts marked as Finnish
    en = (site(root) / "en" / f"{PACK}.html").read_text(encoding="utf-8")
    assert f'<dd lang="fi">{first["proposal"]}</dd>' in en
    assert en.count("The workshop wrote its texts in: Finnish.") == 3  # 2 boxes, proposals
    assert "<dd>Lived-experience expert</dd>" in en
    # the cross-regional pack had no workshop
    other = (site(root) / "en" / "ostrobothnia-en.html").read_text(encoding="utf-8")
    assert "No interpretations of this region&#39;s workshop have been published" in other


def test_unpublished_rows_and_suppressed_values_nowhere(root: Path) -> None:
    canaries = set()
    for lang in LANGS:
        for stat, value in CANARY.items():
            canaries.add(value_text(value, stat, lang))
    canaries |= {f"{v:.4f}" for v in CANARY.values()}
    for path in site(root).rglob("*"):
        if path.suffix == ".png" or not path.is_file():
            continue
        text = visible_text(path) if path.suffix == ".xlsx" else path.read_text(encoding="utf-8")
        assert "SALAINEN-LUONNOS" not in text, path
        # the methods name the confidence level (95 %), which equals one canary's text
        text = re.sub(r'<section aria-labelledby="methods">.*?</section>', "", text, flags=re.S)
        hits = [c for c in canaries if re.search(rf"(?<![\d,.]){re.escape(c)}(?![\d])", text)]
        assert hits == [], (path, hits)


def test_html_table_and_csv_equal_the_estimates(root: Path) -> None:
    est = make_tables()["estimates"]
    est = est[(est["group_code"] == "ALL") & est["ci_method"].isin(["normal", "logit"])]
    key = ["item", "round", "statistic", "region_code"]
    est = est.set_index(key)
    rows = list(
        csv.DictReader(io.StringIO((site(root) / "en" / "data" / f"{PACK}.csv").read_text()))
    )
    assert rows and {r["region_code"] for r in rows} == {"14", "15", "16", "ALL"}
    suppressed = 0
    for r in rows:
        e = est.loc[(r["item"], int(r["round"]), r["statistic"], r["region_code"])]
        if e["suppressed"]:
            assert (r["value"], r["n"]) == (f"<{MIN_CELL}", "")
            suppressed += 1
        else:
            assert float(r["value"]) == pytest.approx(e["estimate"], abs=1e-4)
            assert int(r["n"]) == e["n"]
    assert suppressed > 0  # wb_b of region 16 in 2017
    html = (site(root) / "en" / f"{PACK}.html").read_text(encoding="utf-8")
    table = re.search(r'<caption id="theme-wellbeing-caption">.*?</table>', html, flags=re.S)
    young = re.search(r'<th scope="row">Young people</th>(.*?)</tr>', table.group(0)).group(1)
    cells = re.findall(r"<td>(.*?)</td>", young)
    expected = [
        value_text(est.loc[("wb_b", 2017, "mean", r)]["estimate"], "mean", "en")
        for r in ("14", "15")
    ]
    assert cells == [*expected, f"&lt;{MIN_CELL}", cells[-1]]
    assert cells[-1] == value_text(est.loc[("wb_b", 2017, "mean", "ALL")]["estimate"], "mean", "en")


def test_index_links_regions_and_themes(root: Path) -> None:
    index = (site(root) / "sv" / "index.html").read_text(encoding="utf-8")
    assert '<a href="etela-pohjanmaa.html">Södra Österbotten</a>' in index
    assert '<a href="etela-pohjanmaa.html#theme-wellbeing">Södra Österbotten</a>' in index
    assert "Välfärd" in index
    root_index = (site(root) / "index.html").read_text(encoding="utf-8")
    for lang in LANGS:
        assert f'href="{lang}/index.html" lang="{lang}" hreflang="{lang}"' in root_index


def test_same_bytes_every_run_and_stale_files_removed(root: Path) -> None:
    first = digests(site(root))
    stray = site(root) / "fi" / "old-pack.html"
    stray.write_text("old", encoding="utf-8")
    assert run_stage("site", root) == 0
    assert digests(site(root)) == first
    assert not [p for p in site(root).parent.iterdir() if p.name.startswith(".site")]


def test_chart_images_are_the_figures_and_leave_them_as_they_were(root: Path) -> None:
    """The site's PNGs are the figures' PNGs byte for byte, readable by a web server, and
    building the site changes neither the figures' bytes nor their mode."""
    figures = root / "reports" / "figures"
    before = {p: (p.read_bytes(), p.stat().st_mode) for p in figures.rglob("*.png")}
    assert run_stage("site", root) == 0
    after = {p: (p.read_bytes(), p.stat().st_mode) for p in figures.rglob("*.png")}
    assert after == before
    pngs = sorted((site(root) / "fi" / "img").glob("*.png"))
    assert pngs
    for png in pngs:
        assert png.read_bytes() == (figures / "fi" / png.name).read_bytes()
        assert png.stat().st_mode & 0o777 == 0o644


def test_templates_autoescape() -> None:
    env = environment()
    assert env.autoescape is True
    out = env.from_string("<p>{{ x }}</p>").render(x="<script>alert(1)</script>")
    assert out == "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"


@pytest.mark.parametrize(("stage_name", "folders"), [("review", ("review",)), ("site", ("site",))])
def test_dvc_stage_declares_what_it_reads(stage_name: str, folders: tuple[str, ...]) -> None:
    """The stage's deps cover every pipeline module its code imports (directly or through the
    packs modules it uses), and its outputs are the contract's."""
    import ast

    import yaml

    repo = Path(__file__).resolve().parents[1]
    stage_spec = yaml.safe_load((repo / "dvc.yaml").read_text(encoding="utf-8"))["stages"][
        stage_name
    ]
    assert stage_spec["cmd"] == f"barometer {stage_name}"
    deps = stage_spec["deps"]
    sources = [p for f in (*folders, "packs") for p in (repo / "pipeline" / f).glob("*.py")]
    imported = set()
    for path in sources:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module == "pipeline":
                imported |= {f"pipeline.{alias.name}" for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("pipeline"):
                imported.add(node.module)
    assert "pipeline.i18n" in imported
    for module in sorted(imported):
        rel = module.replace(".", "/")
        assert any(rel == d or rel.startswith(d + "/") or f"{rel}.py" == d for d in deps), module
    outs = {"review": ["data/processed/workshop.parquet", "data/processed/workshop.csv"]}
    assert stage_spec["outs"] == outs.get(stage_name, ["reports/site"])
