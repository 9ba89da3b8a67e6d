"""Design-based statistics of one survey round: pure functions, data in, table out.

Hand-written Taylor linearisation that reproduces R ``survey`` 4.1.1 exactly (estimates,
CIs, Rao-Scott and Wald tests, post-stratification and raking); see ``docs/methods.md`` and
the reference tests in ``tests/test_stats_reference.py``. No file I/O, no params reading.
"""

from pipeline.stats.changes import changes
from pipeline.stats.design import (
    PreparedDesign,
    calibrated_weights,
    design_weights,
    prepare_design,
)
from pipeline.stats.estimates import ESTIMATE_COLUMNS, estimate_round
from pipeline.stats.multiplicity import adjust_pvalues
from pipeline.stats.suppression import suppress
from pipeline.stats.tests import TEST_COLUMNS, test_round
from pipeline.stats.types import DesignSpec, ItemScale

__all__ = [
    "ESTIMATE_COLUMNS",
    "TEST_COLUMNS",
    "DesignSpec",
    "ItemScale",
    "PreparedDesign",
    "adjust_pvalues",
    "calibrated_weights",
    "changes",
    "design_weights",
    "estimate_round",
    "prepare_design",
    "suppress",
    "test_round",
]
