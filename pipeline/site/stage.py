"""The ``site`` stage: the published review under ``reports/site/`` in every language of
``figures.languages``. Each pack is planned again in each language (the same findings code as
the packs stage), its charts copied from ``reports/figures/<lang>/``, its tables written as CSV
and XLSX (suppressed cells "<k"), and the published rows of the ``workshop`` table attached to
the charts they interpret."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import logging
import os
from pathlib import Path

from pipeline.config import Config
from pipeline.errors import UserError
from pipeline.i18n import t
from pipeline.i18n.numbers import confidence

log = logging.getLogger(__name__)

# The packs' fixed date (pipeline.packs.stage.PACKS_DATE) unless SOURCE_DATE_EPOCH is set:
# downloads are byte-identical for the same inputs.
FIXED_DATE = "2000-01-01T00:00:00+00:00"


def output_date() -> dt.datetime:
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch and not epoch.isdigit():
        raise UserError("SOURCE_DATE_EPOCH", "", f"must be whole seconds, got {epoch!r}")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC)
    return dt.datetime.fromisoformat(FIXED_DATE)


def methods(config: Config, lang: str) -> dict[str, str]:
    design = next(d for d in config.analyse.designs if d.name == config.analyse.primary_design)
    details = [t("site.design_weights" if design.weights else "site.design_no_weights", lang)]
    if design.strata:
        details.append(t("site.design_strata", lang))
    if design.fpc:
        details.append(t("site.design_fpc", lang))
    if design.calibration != "none":
        details.append(f"{t('site.design_calibration', lang)} ({design.calibration})")
    level_text = confidence(config.analyse.confidence, lang)
    return {"design": design.name, "details": ", ".join(details), "level": level_text}


def run(config: Config, processed: Path, reports: Path) -> int:
    import tempfile

    from pipeline.io.writers import read_table
    from pipeline.packs.inputs import read_tables
    from pipeline.packs.plan import plan_pack
    from pipeline.packs.workbook import write_workbook
    from pipeline.site.model import pack_page
    from pipeline.site.numbers import estimates_csv
    from pipeline.site.render import LanguageSite, write_site

    manifest_path = reports / "figures" / "manifest.json"
    if not manifest_path.is_file():
        raise UserError(
            manifest_path, "", "not found: the figures stage has not run", "run figures first"
        )
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))["charts"]
    tables = read_tables(config, processed)
    workshop = read_table(processed, "workshop")
    workshop = workshop[workshop["published"]]
    when = output_date()
    sites = []
    for lang in config.figures.languages:
        pages, images, downloads = [], {}, {}
        for spec in config.packs.packs:
            local = dataclasses.replace(spec, language=lang, prompts=())
            plan = plan_pack(local, manifest, tables, str(config.source))
            title = plan.focus_name
            plan = dataclasses.replace(
                plan, spec=dataclasses.replace(local, title=f"{t('site.title', lang)}: {title}")
            )
            pages.append(pack_page(plan, tables, workshop, spec.language, title))
            for chart in plan.charts:
                images[f"img/{chart.id}.png"] = reports / "figures" / chart.png
            with tempfile.TemporaryDirectory() as tmp:
                xlsx = Path(tmp) / "tables.xlsx"
                write_workbook(plan, tables, xlsx, when)
                downloads[spec.name] = {
                    f"data/{spec.name}.csv": estimates_csv(plan, tables, lang),
                    f"data/{spec.name}.xlsx": xlsx.read_bytes(),
                }
        for rel, source in images.items():
            if not source.is_file():
                raise UserError(
                    source, rel, "chart listed in the manifest but missing", "rerun figures"
                )
        sites.append(LanguageSite(lang, pages, images, downloads, methods(config, lang)))
    return write_site(sites, config.figures.languages, reports / "site")
