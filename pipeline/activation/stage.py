"""The ``activation`` stage: read the activation exports, compute ratios and region summaries,
apply disclosure control and write the published tables (called by pipeline.stages)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import pandas as pd

from pipeline.activation.config import ActivationConfig

log = logging.getLogger(__name__)
SURVEY = "activation"
TABLE, REGIONS, SNAPSHOT = "activation", "activation_regions", "activation_codebook.json"
METRICS = "activation.json"


def snapshot(
    cb: Any,
    config: ActivationConfig,
    stats: pd.DataFrame,
    regions: pd.DataFrame,
    table: pd.DataFrame,
) -> dict[str, Any]:
    """Labels for charts and packs: ratios, regions, municipalities, rounds, source."""
    shown = set(table["municipality_code"]) if len(table) else set()
    munis = stats.drop_duplicates("municipality_code").sort_values("municipality_code")
    used_regions = set(table["region_code"]) if len(table) else set()
    out = cb.snapshot() if cb is not None else {"survey": SURVEY, "rounds": []}
    out["min_cell"] = config.min_cell
    out["change_factor"] = config.change_factor
    out["ratios"] = {
        r.id: {
            "label": r.label.as_dict(),
            "unit": r.unit.as_dict(),
            "per": r.per,
            "range": [r.low, r.high],
            "numerator": list(r.numerator),
            "denominator": list(r.denominator),
        }
        for r in config.ratios
    }
    out["regions"] = {
        r.region_code: {"fi": r.name_fi, "sv": r.name_sv, "en": r.name_en}
        for r in regions.itertuples(index=False)
        if r.region_code in used_regions
    }
    out["municipalities"] = {
        m.municipality_code: {"fi": m.name_fi, "sv": m.name_sv, "region_code": m.region_code}
        for m in munis.itertuples(index=False)
        if m.municipality_code in shown
    }
    return out


def empty_outputs() -> tuple[pd.DataFrame, pd.DataFrame]:
    from pipeline.activation.ratios import COLUMNS
    from pipeline.activation.regions import REGION_COLUMNS

    return pd.DataFrame(columns=COLUMNS), pd.DataFrame(columns=REGION_COLUMNS)


def run(config: Any, raw: Path, processed: Path, metrics_dir: Path) -> None:
    """config: pipeline.config.Config (classification_year, activation)."""
    from pipeline.activation.codebook import load_activation_codebook
    from pipeline.activation.ingest import ingest_activation
    from pipeline.activation.ratios import (
        apply_suppression,
        finish_table,
        municipal_ratios,
    )
    from pipeline.activation.regions import metrics, region_summaries
    from pipeline.io.reference import load_reference
    from pipeline.io.writers import write_json, write_table

    acfg: ActivationConfig = config.activation
    path = raw / SURVEY / "codebook.yaml"
    if not path.is_file():
        log.info("activation: no codebook at %s, writing empty activation tables", path)
        table, regions = empty_outputs()
        write_table(table, processed, TABLE)
        write_table(regions, processed, REGIONS)
        write_json(
            snapshot(
                None, acfg, pd.DataFrame(columns=["municipality_code"]), pd.DataFrame(), table
            ),
            processed / SNAPSHOT,
        )
        write_json({"codebook": False, "rows": 0}, metrics_dir / METRICS)
        return
    cb = load_activation_codebook(path)
    reference = load_reference(raw / "reference")
    log.info(
        "activation codebook %s: %d fields, %d exports, joint authorities: %s",
        path,
        len(cb.fields),
        len(cb.exports),
        cb.joint,
    )
    data = ingest_activation(cb, reference, config.classification_year)
    for name, m in data.metrics["files"].items():
        log.info(
            "read %s: round %d, %d rows, %d municipalities answering (joint authorities: %d), "
            "%d don't-know and %d blank cells",
            name,
            m["round"],
            m["rows_read"],
            m["municipalities_answering"],
            m["joint_authorities"],
            m["cells_dont_know"],
            m["cells_missing"],
        )
    pre = municipal_ratios(data, cb, acfg)
    table, _ = apply_suppression(pre, data, cb, acfg)
    regions = region_summaries(table, acfg, pre)
    out = finish_table(table)
    write_table(out, processed, TABLE)
    write_table(regions, processed, REGIONS)
    write_json(snapshot(cb, acfg, data.stats, reference.regions, out), processed / SNAPSHOT)
    m = metrics(out, regions, acfg)
    m["codebook"] = True
    m["ingest"] = data.metrics
    write_json(m, metrics_dir / METRICS)
    log.info(
        "activation: %d ratios, %d municipal rows (%d values, %d suppressed), %d region rows",
        len(acfg.ratios),
        len(out),
        m["values_computed"],
        m["suppressed_cells"],
        len(regions),
    )
