"""Design-based statistics of a survey: pure functions, data in, table out.

Hand-written Taylor linearisation that reproduces R ``survey`` 4.1.1 exactly (estimates,
CIs, Rao-Scott and Wald tests, post-stratification and raking); see ``docs/methods.md`` and
the reference tests in ``tests/test_stats_reference.py``. No file I/O, no params reading.
The entry point of the analyse stage is :func:`pipeline.stats.core.analyse`.

The names below are loaded on first use, so importing a light submodule such as
``pipeline.stats.types`` (as ingest does) does not load scipy and statsmodels.
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "ESTIMATE_COLUMNS": "pipeline.stats.estimates",
    "TEST_COLUMNS": "pipeline.stats.tests",
    "DesignSpec": "pipeline.stats.types",
    "ItemScale": "pipeline.stats.types",
    "PreparedDesign": "pipeline.stats.records",
    "adjust_pvalues": "pipeline.stats.multiplicity",
    "analyse": "pipeline.stats.core",
    "AnalysisResult": "pipeline.stats.core",
    "calibrated_weights": "pipeline.stats.design",
    "changes": "pipeline.stats.change_table",
    "design_weights": "pipeline.stats.design",
    "estimate_prepared": "pipeline.stats.estimates",
    "estimate_round": "pipeline.stats.estimates",
    "prepare_design": "pipeline.stats.design",
    "suppress": "pipeline.stats.suppression",
    "test_prepared": "pipeline.stats.tests",
    "test_round": "pipeline.stats.tests",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
