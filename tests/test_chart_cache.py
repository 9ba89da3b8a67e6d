"""The chart cache of the figures stage (pipeline/charts/cache.py): a chart is drawn only when
its fingerprint is new; everything else is copied from the cache, byte for byte."""

from __future__ import annotations

import copy
import logging
import sys
from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest

sys.path.insert(0, str(Path(__file__).parent / "fixtures" / "charts"))

import chart_tables as ct

from pipeline.charts import stage
from pipeline.charts.cache import ChartCache, code_version, fingerprint
from pipeline.config import FiguresConfig

DPI = 30  # small PNGs: the cache does not care about size


def figures_config(**overrides) -> FiguresConfig:
    return replace(
        ct.config().figures, languages=("fi",), dpi=DPI, print_dpi=DPI + 10, workers=1, **overrides
    )


def plan(snap: dict, tables: dict | None = None) -> list:
    config = replace(ct.config(), figures=figures_config())
    return stage.plan(stage.Inputs(tables or ct.tables(), snap), config)


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*.png")}


@pytest.fixture(scope="module")
def cold(tmp_path_factory) -> tuple[Path, Path, list, stage.Written]:
    """One cold run into an empty cache: (cache folder, figures folder, jobs, result)."""
    root = tmp_path_factory.mktemp("cold")
    jobs = plan(ct.snapshot())
    cache = ChartCache(root / "cache", 10**9)
    written = stage.write(jobs, figures_config(), root / "figures", cache, progress=False)
    return root / "cache", root / "figures", jobs, written


def test_cold_run_renders_all_and_fills_the_cache(cold) -> None:
    cache_dir, figures, jobs, written = cold
    assert written.result.charts == len(jobs) > 5
    assert (written.result.rendered, written.result.reused) == (len(jobs), 0)
    keys = {fingerprint(j, DPI, DPI + 10) for j in jobs}
    assert len(ChartCache(cache_dir, 1).entries()) == len(keys)
    assert len(files(figures)) == 2 * len(jobs)


def test_warm_run_renders_none_and_writes_the_same_bytes(cold, tmp_path: Path) -> None:
    cache_dir, figures, jobs, _ = cold
    again = plan(ct.snapshot())  # planned afresh: equal inputs give equal fingerprints
    written = stage.write(again, figures_config(), tmp_path, ChartCache(cache_dir, 10**9), False)
    assert (written.result.rendered, written.result.reused) == (0, len(jobs))
    assert files(tmp_path) == files(figures)
    assert (tmp_path / "manifest.json").read_bytes() == (figures / "manifest.json").read_bytes()


def test_changed_label_renders_only_that_items_charts(cold, tmp_path: Path) -> None:
    cache_dir = cold[0]
    snap = copy.deepcopy(ct.snapshot())
    snap["items"]["c_one"]["label"]["fi"] = "Muutos palveluissa (uusi nimi)"
    changed = plan(snap)
    with_item = [j for j in changed if "c_one" in j.items]
    assert 0 < len(with_item) < len(changed)
    cache = ChartCache(cache_dir, 10**9)
    written = stage.write(changed, figures_config(), tmp_path, cache, progress=False)
    assert written.result.rendered == len(with_item)
    assert written.result.reused == len(changed) - len(with_item)


def test_cached_bytes_equal_freshly_rendered_bytes(cold, tmp_path: Path) -> None:
    _, figures, jobs, _ = cold
    fresh = stage.write(jobs, figures_config(), tmp_path, None, progress=False)
    assert fresh.result.rendered == len(jobs)
    assert files(tmp_path) == files(figures)


def test_damaged_entry_is_ignored_and_rendered_again(cold, tmp_path: Path, caplog) -> None:
    cache_dir, figures, jobs, _ = cold
    cache = ChartCache(cache_dir, 10**9)
    victim = jobs[0]
    entry = cache.path(fingerprint(victim, DPI, DPI + 10))
    blob = entry.read_bytes()
    entry.write_bytes(blob[: len(blob) // 2] + bytes(len(blob) - len(blob) // 2))  # zeroed tail
    with caplog.at_level(logging.WARNING, logger="pipeline.charts.cache"):
        written = stage.write(jobs, figures_config(), tmp_path, cache, progress=False)
    assert "damaged entry" in caplog.text
    assert (written.result.rendered, written.result.reused) == (1, len(jobs) - 1)
    assert files(tmp_path) == files(figures)
    assert entry.read_bytes() == blob  # stored again, intact


def test_fingerprint_sees_data_order_dpi_and_code(cold) -> None:
    _, _, jobs, _ = cold
    job = next(j for j in jobs if j.family == "diverging")
    base = fingerprint(job, DPI, DPI + 10)
    assert fingerprint(job, DPI, DPI + 10) == base
    assert fingerprint(job, DPI + 1, DPI + 10) != base
    assert fingerprint(job, DPI, DPI + 11) != base
    tweaked = job.data.copy()
    number = tweaked.select_dtypes("number").columns[-1]
    tweaked.loc[0, number] = tweaked.loc[0, number] + 1e-9
    assert fingerprint(replace(job, data=tweaked), DPI, DPI + 10) != base
    kwargs = dict(job.kwargs, title=job.kwargs["title"] + ".")
    assert fingerprint(replace(job, kwargs=kwargs), DPI, DPI + 10) != base
    # the order of categories is the order of an axis: it must count
    cat = pd.Categorical(["a", "b"], categories=["a", "b"])
    flipped = pd.Categorical(["a", "b"], categories=["b", "a"])
    one = replace(job, data=pd.DataFrame({"x": cat}))
    two = replace(job, data=pd.DataFrame({"x": flipped}))
    assert fingerprint(one, DPI, DPI) != fingerprint(two, DPI, DPI)
    assert len(code_version()) == 64
    with pytest.raises(TypeError, match="cannot fingerprint"):
        fingerprint(replace(job, kwargs={"x": object()}), DPI, DPI)


def test_eviction_keeps_the_most_recently_used(tmp_path: Path) -> None:
    import os

    cache = ChartCache(tmp_path, max_bytes=0)
    for i, key in enumerate(["aa" + "0" * 62, "bb" + "0" * 62, "cc" + "0" * 62]):
        cache.put(key, b"s" * 100, b"p" * 100)
        os.utime(cache.path(key), (1000 + i, 1000 + i))
    size = cache.path("aa" + "0" * 62).stat().st_size
    cache.max_bytes = 2 * size
    assert cache.get("aa" + "0" * 62) == (b"s" * 100, b"p" * 100)  # now the most recent
    removed = cache.evict()
    assert removed == [cache.path("bb" + "0" * 62)]
    assert {p.name[:2] for p in cache.entries()} == {"aa", "cc"}
    assert cache.get("bb" + "0" * 62) is None


def test_cache_folder_params(tmp_path: Path) -> None:
    reports = tmp_path / "out" / "reports"
    default = stage.chart_cache(FiguresConfig(), reports)
    assert default is not None
    assert default.folder == tmp_path / "out" / ".cache" / "charts"
    assert default.max_bytes == 1000 * 1024 * 1024
    chosen = stage.chart_cache(
        FiguresConfig(cache_dir=str(tmp_path / "c"), cache_max_mb=5), reports
    )
    assert chosen is not None
    assert (chosen.folder, chosen.max_bytes) == (tmp_path / "c", 5 * 1024 * 1024)
    assert stage.chart_cache(FiguresConfig(cache_max_mb=0), reports) is None


def test_negative_cache_size_is_a_user_error(tmp_path: Path) -> None:
    import yaml

    from pipeline.config import load_config
    from pipeline.errors import UserError

    repo = Path(__file__).resolve().parents[1]
    params = yaml.safe_load((repo / "params.yaml").read_text(encoding="utf-8"))
    params["figures"]["cache_max_mb"] = -1
    path = tmp_path / "params.yaml"
    path.write_text(yaml.safe_dump(params, allow_unicode=True), encoding="utf-8")
    with pytest.raises(UserError, match=r"figures\.cache_max_mb") as error:
        load_config(path)
    assert "use 0 (no cache) or more" in error.value.message
    params["figures"]["cache_max_mb"] = 0
    params["figures"]["cache_dir"] = "/tmp/elsewhere"
    path.write_text(yaml.safe_dump(params, allow_unicode=True), encoding="utf-8")
    figures = load_config(path).figures
    assert (figures.cache_max_mb, figures.cache_dir) == (0, "/tmp/elsewhere")
