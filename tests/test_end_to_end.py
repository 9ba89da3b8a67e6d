"""The whole pipeline on the bundled example (`barometer run`): nothing lost, nothing leaked,
raw files untouched, interrupted stages leave no half-written file. (Same bytes every run:
tests/test_dvc.py compares its `dvc repro` with the session's run.)"""

from __future__ import annotations

import json
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
from helpers.example_run import digests
from helpers.stage_run import run_stage

from pipeline.cli import main
from pipeline.codebook import load_codebook
from pipeline.io.readers import read_export

REPO = Path(__file__).resolve().parents[1]
RAW = REPO / "data" / "raw"
pytestmark = pytest.mark.slow


def run_all(out: Path, params: Path = REPO / "params.yaml") -> int:
    return main(["run", "--raw", str(RAW), "--out", str(out), "--params", str(params), "-q"])


@pytest.fixture(scope="module")
def outputs(example_run: Path) -> Path:
    """The session's run of the whole example (tests/conftest.py: raw files checked untouched)."""
    return example_run


def personal_values() -> set[str]:
    """Every e-mail address and free-text answer in the raw example exports."""
    values: set[str] = set()
    from pipeline.activation.codebook import load_activation_codebook

    codebook = load_codebook(RAW / "barometer" / "codebook.yaml")
    activation = load_activation_codebook(RAW / "activation" / "codebook.yaml")
    for export in (*codebook.exports, *activation.exports):
        table = read_export(
            export.file,
            list(export.personal),
            header_rows=export.header_rows,
            sheet=export.sheet,
            separator=export.separator,
            encoding=export.encoding,
        )
        for ref in export.personal:
            for v in table.data[ref].dropna().astype(str):
                v = v.strip()
                if len(v) >= 8 and not v[:4].isdigit() and ":" not in v[:16]:
                    values.add(v)
    return values


# a run of printable characters: no C0 or C1 control character, no undecodable byte
PRINTABLE_RUN = re.compile(r"[^\x00-\x08\x0e-\x1f\x7f-\x9f\ufffd]{8,}")


def text_of(path: Path) -> str:
    """Everything a reader could see in an output file, as text."""
    if path.suffix == ".parquet":
        df = pd.read_parquet(path)
        return df.astype(str).to_csv()
    if path.suffix == ".png":
        from PIL import Image

        with Image.open(path) as im:
            return json.dumps({k: str(v) for k, v in im.info.items()})
    if path.suffix in (".pdf", ".pptx", ".xlsx"):
        # the text a reader sees (pages, outline, metadata, slides, notes, cells), plus every
        # run of 8 or more printable characters in the raw bytes (as `strings` finds them) for
        # anything a viewer might reveal that the extractors miss; the personal values looked
        # for are printable and at least 8 characters long (scanning the whole 40 MB of
        # compressed bytes for each of them took most of this test's time)
        from helpers.pack_text import visible_text

        raw = path.read_bytes().decode("utf-8", errors="replace")
        return visible_text(path) + "\n" + "\n".join(PRINTABLE_RUN.findall(raw))
    return path.read_bytes().decode("utf-8", errors="replace")


def test_no_personal_data_in_any_output(outputs: Path) -> None:
    secrets = personal_values()
    assert len(secrets) > 50, "the example should contain e-mails and free text"
    emails = {s for s in secrets if "@" in s}
    fragments = {s[:25] for s in secrets}
    kinds: set[str] = set()
    for path in outputs.rglob("*"):
        # the chart cache is no output: it holds the bytes of the PNGs audited here
        if not path.is_file() or path.relative_to(outputs).parts[0] == ".cache":
            continue
        kinds.add(path.suffix)
        text = text_of(path)
        assert "@" not in text or not any(e in text for e in emails), path
        hits = [f for f in fragments if f in text]
        assert hits == [], (path, hits[:3])
    # the audit really read every kind of output the pipeline publishes
    assert {".csv", ".parquet", ".json", ".png", ".pdf", ".pptx", ".xlsx", ".html"} <= kinds, kinds


def test_site_publishes_only_published_workshop_rows_and_cells(outputs: Path) -> None:
    """The example's filled worksheet (data/raw/workshop) reaches the site, its unpublished row
    does not, and the site's downloads publish no cell under min_cell."""
    site = outputs / "reports" / "site"
    page = (site / "fi" / "etela-pohjanmaa.html").read_text(encoding="utf-8")
    assert "Matalan kynnyksen mielenterveyspalvelut" in page
    everything = "".join(p.read_text("utf-8") for p in site.rglob("*.html"))
    assert "Keskustelu jäi kesken" not in everything  # the row marked publish: ei
    for csv in site.rglob("*.csv"):
        table = pd.read_csv(csv, dtype=str, keep_default_na=False)
        published = table[~table["value"].str.startswith("<")]
        assert (published["n"].astype(int) >= 5).all(), csv
        assert (table.loc[table["value"].str.startswith("<"), "n"] == "").all(), csv


def test_no_published_cell_below_min_cell(outputs: Path) -> None:
    est = pd.read_parquet(outputs / "processed" / "estimates.parquet")
    published = est[~est["suppressed"]]
    assert (published["n"] >= 5).all()
    assert est.loc[est["suppressed"], ["estimate", "se", "ci_low", "ci_high"]].isna().all().all()
    dist = pd.read_parquet(outputs / "processed" / "distributions.parquet")
    assert (dist.loc[~dist["suppressed"], "n"] >= 5).all()
    assert dist.loc[dist["suppressed"], "share"].isna().all()


def test_secondary_suppression_leaves_nothing_recoverable(outputs: Path) -> None:
    est = pd.read_parquet(outputs / "processed" / "estimates.parquet")
    est = est[(est["statistic"] == "mean")]
    cells = est[(est["region_code"] != "ALL") & (est["group_code"] != "ALL")]
    key = ["design", "round", "item"]
    for dim in ("region_code", "group_code"):
        margin = est[
            (est[dim] != "ALL")
            & (est["group_code" if dim == "region_code" else "region_code"] == "ALL")
        ]
        counts = cells.groupby([*key, dim])["suppressed"].sum().rename("k").reset_index()
        m = counts.merge(margin[[*key, dim, "suppressed"]], on=[*key, dim])
        exposed = m[(m["k"] == 1) & ~m["suppressed"]]
        assert exposed.empty, exposed.head()


def test_nothing_lost(outputs: Path) -> None:
    metrics = json.loads((outputs / "reports" / "metrics" / "ingest.json").read_text())
    responses = pd.read_parquet(outputs / "processed" / "responses.parquet")
    dropped = pd.read_csv(outputs / "processed" / "dropped_rows.csv")
    for name, f in metrics["files"].items():
        assert f["rows_read"] == f["respondents"] + f["rows_dropped"], name
        assert (dropped["file"] == name).sum() == f["rows_dropped"]
    n = responses.drop_duplicates(["round", "respondent_id"]).shape[0]
    assert n == sum(f["respondents"] for f in metrics["files"].values())


def test_failed_write_keeps_previous_output(
    outputs: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import shutil

    out = tmp_path / "copy"
    shutil.copytree(outputs, out)
    before = digests(out)

    def broken_to_csv(self: pd.DataFrame, path: object, **kwargs: object) -> None:
        Path(str(path)).write_text("half a file")
        raise OSError("disk full")

    monkeypatch.setattr(pd.DataFrame, "to_csv", broken_to_csv)
    code = run_stage("analyse", out, params=REPO / "params.yaml", raw=RAW)
    assert code == 1
    after = digests(out)
    assert after == before, "a failed stage changed or half-wrote an output"


def test_killed_stage_leaves_whole_files(outputs: Path, tmp_path: Path) -> None:
    import shutil

    out = tmp_path / "killed"
    shutil.copytree(outputs, out)
    before = digests(out)
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "pipeline",
            "run",
            "--raw",
            str(RAW),
            "--out",
            str(out),
            "--params",
            str(REPO / "params.yaml"),
            "-q",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    time.sleep(3.0)
    proc.send_signal(signal.SIGTERM)
    proc.wait(timeout=60)
    assert proc.returncode in (0, 143), proc.stderr.read() if proc.stderr else ""
    after = digests(out)
    assert not [n for n in after if ".tmp" in n], "temporary files left behind"
    for name, digest in after.items():
        if name in before and digest != before[name]:
            pytest.fail(f"{name} changed although the inputs are the same: partial write?")
