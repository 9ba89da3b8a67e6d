"""Regenerate the chart image baselines of tests/test_chart_images.py.

    python tools/update_chart_baselines.py                      # every baseline
    python tools/update_chart_baselines.py trend_wellbeing_fi   # only the named ones

Renders the fixed chart set of tests/fixtures/charts/chart_tables.py (``baseline_jobs``) at
72 dpi into tests/fixtures/chart_baselines/. Run it only after an intended change to the
charts, name the charts you changed on purpose, look at every PNG that changed (git diff
--stat, then open them), and commit them together with the change. Render in the project's
pinned environment (same matplotlib, plotnine and fonts) so that the tests compare like with
like."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# chart_tables is a test fixture module, not part of the package: make it importable here
sys.path.insert(0, str(ROOT / "tests" / "fixtures" / "charts"))
sys.path.insert(0, str(ROOT))

import chart_tables as ct  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help="baselines to render (file stem); default all")
    args = parser.parse_args(argv)
    ct.BASELINES.mkdir(parents=True, exist_ok=True)
    jobs = ct.baseline_jobs()
    wanted = {ct.baseline_name(job) for job in jobs}
    unknown = {f"{n.removesuffix('.png')}.png" for n in args.names} - wanted
    if unknown:
        parser.error(f"no baseline {sorted(unknown)}; known: {sorted(wanted)}")
    if not args.names:
        for stale in ct.BASELINES.glob("*.png"):
            if stale.name not in wanted:
                stale.unlink()
                print(f"removed {stale.relative_to(ROOT)}")
    chosen = {f"{n.removesuffix('.png')}.png" for n in args.names} or wanted
    for job in jobs:
        if ct.baseline_name(job) not in chosen:
            continue
        path = ct.BASELINES / ct.baseline_name(job)
        ct.render_baseline(job, path)
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
