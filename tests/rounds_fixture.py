"""Raw folders of any number of rounds for tests (the example's model and questionnaire,
tools/example_data/shapes.py), and a params file for a quick run of them.

    from rounds_fixture import write_raw_rounds, write_params
    raw = write_raw_rounds(tmp_path / "raw", [2011, 2013, 2015])
    params = write_params(tmp_path / "params.yaml", families=["trend"])
    main(["run", "--raw", str(raw), "--out", str(tmp_path / "out"), "--params", str(params)])

Shapes used by the tests: ``THREE_ROUNDS`` (a new user's 2011, 2013, 2015) and
``FIVE_ROUNDS`` (2009 .. 2021 every three years). By default family carers are asked from the
second round on and adult social work up to the second-to-last round."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT / "tools") not in sys.path:
    sys.path.insert(0, str(ROOT / "tools"))

from example_data.shapes import round_items, write_raw_rounds  # noqa: E402

THREE_ROUNDS = (2011, 2013, 2015)
FIVE_ROUNDS = (2009, 2012, 2015, 2018, 2021)
NEW_ITEM = "wb_carers"
DROPPED_ITEM = "sv_adult_social_work"

__all__ = [
    "DROPPED_ITEM",
    "FIVE_ROUNDS",
    "NEW_ITEM",
    "THREE_ROUNDS",
    "round_items",
    "write_params",
    "write_raw_rounds",
]


def write_params(
    path: Path,
    *,
    languages: Sequence[str] = ("fi",),
    families: Sequence[str] | None = ("trend",),
    region: str = "14",
    overrides: dict[str, Any] | None = None,
) -> Path:
    """The repository's params.yaml with charts in ``languages`` only and one pack (in the
    first language, for ``region``, with ``families``; None = every family) instead of the
    example's packs. ``overrides``: top-level sections to replace (e.g. {"analyse": {...}})."""
    params = yaml.safe_load((ROOT / "params.yaml").read_text(encoding="utf-8"))
    params["figures"]["languages"] = list(languages)
    params["figures"]["workers"] = 1
    pack: dict[str, Any] = {"title": "Testipaketti", "language": languages[0], "region": region}
    if families is not None:
        pack["families"] = list(families)
    params["packs"] = {"test": pack}
    params.update(overrides or {})
    path.write_text(yaml.safe_dump(params, allow_unicode=True, sort_keys=False), "utf-8")
    return path
