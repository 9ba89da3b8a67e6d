"""The ``activation:`` section of params.yaml -> a frozen ``ActivationConfig`` (config.py).

Format (docs/activation.md)::

    activation:
      min_cell: 5            # optional; default analyse.min_cell
      change_factor: 2.0     # flag a municipal ratio that changes by more than this factor
      ratios:
        clients_per_1000:
          numerator: [clients_own, clients_ngo, clients_purchased]   # summed
          denominator: residents_15_64      # a codebook field or a municipal statistic
          per: 1000                          # value = numerator / denominator * per
          range: [0, 60]                     # plausible values; outside -> flag out_of_range
          label: {fi: ..., sv: ..., en: ...}
          unit: {fi: ..., sv: ..., en: ...}

Names in numerator and denominator are checked against the codebook and the municipal
statistics when the stage runs (the params file alone does not know the codebook).
"""

from __future__ import annotations

from pipeline.codebook.text import text_value
from pipeline.config import ActivationConfig, RatioSpec
from pipeline.errors import UserError
from pipeline.yamlcheck import Section

__all__ = ["ActivationConfig", "RatioSpec", "parse_activation"]


def _names(sec: Section, key: str) -> tuple[str, ...]:
    raw = sec.get(key, (str, list))
    names = [raw] if isinstance(raw, str) else raw
    if not names or not all(isinstance(n, str) and n.strip() for n in names):
        raise UserError(
            sec.file, sec.key_path(key), "must be a field name or a list of field names"
        )
    return tuple(n.strip() for n in names)


def _ratio(sec: Section, rid: str) -> RatioSpec:
    numerator = _names(sec, "numerator")
    denominator = _names(sec, "denominator")
    per = sec.get("per", float, 1.0)
    if per <= 0:
        raise sec.error("per", f"must be positive, got {per}")
    rng = sec.get("range", list, None)
    low = high = None
    if rng is not None:
        ok = len(rng) == 2 and all(
            v is None or (isinstance(v, int | float) and not isinstance(v, bool)) for v in rng
        )
        if not ok or (None not in rng and rng[0] > rng[1]):
            raise sec.error(
                "range",
                f"must be [low, high] with low <= high, got {rng!r}",
                "write e.g. range: [0, 60] (null for no bound)",
            )
        low = None if rng[0] is None else float(rng[0])
        high = None if rng[1] is None else float(rng[1])
    sec.get("label", (dict, str))
    label = text_value(sec.data["label"], sec, sec.key_path("label"))
    unit = text_value(sec.get("unit", (dict, str), ""), sec, sec.key_path("unit"))
    sec.finish()
    return RatioSpec(rid, numerator, denominator, label, unit, per, low, high)


def parse_activation(sec: Section, default_min_cell: int = 5) -> ActivationConfig:
    """Parse ``activation:``; a missing section gives no ratios (the stage writes empty tables)."""
    min_cell = sec.get("min_cell", int, default_min_cell)
    if min_cell < 1:
        raise sec.error("min_cell", f"must be at least 1, got {min_cell}")
    factor = sec.get("change_factor", float, 2.0)
    if factor <= 1:
        raise sec.error(
            "change_factor",
            f"must be larger than 1, got {factor}",
            "e.g. 2.0 flags a ratio that doubles or halves",
        )
    rsec = sec.section("ratios")
    ratios = []
    for rid in list(rsec.data):
        rid_s = str(rid)
        if not rid_s.replace("_", "").isalnum():
            raise rsec.error(rid, "ratio ids are letters, digits and _")
        ratios.append(_ratio(rsec.section(rid_s, required=True), rid_s))
    rsec.finish()
    sec.finish()
    return ActivationConfig(tuple(ratios), min_cell, factor, str(sec.file))
