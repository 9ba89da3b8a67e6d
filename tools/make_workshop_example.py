"""Write the example's filled workshop worksheet, data/raw/workshop/etela-pohjanmaa.xlsx: the
pack's blank worksheet (reports/packs/etela-pohjanmaa/etela-pohjanmaa_worksheet.xlsx, made by
the packs stage) with synthetic Finnish interpretations and proposals of an imagined South
Ostrobothnian workshop. Rows are chosen by chart and finding position (patterns below), so the
tool still works when the example data or the findings change: rerun it after `dvc repro packs`
whenever the review stage reports unknown keys for the example.

    python tools/make_workshop_example.py [--blank PATH] [--out PATH]

The texts are invented; they name no person and contain no contact details."""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from pipeline.packs.worksheet import COLUMNS, workbook_bytes  # noqa: E402

PACK = "etela-pohjanmaa"
WHEN = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
# Fallback for the services rows when the data no longer show that difference.
ALT_SERVICES = r"^regional_dots_services_\d+#"
# (patterns of the finding key, first match wins; the workshop's answers). The keys are
# "<chart id>#<finding key>" (docs/workshop.md). Values are as a facilitator types them.
FILLS: list[tuple[tuple[str, ...], dict[str, Any]]] = [
    (
        (r"^regional_dots_services_\d+#region_difference:sv_mental_health$", ALT_SERVICES),
        {
            "interpretation": "Mielenterveyspalvelujen jonot ovat pidentyneet, ja osa "
            "palveluista on keskitetty Seinäjoelle.",
            "lived": "Apua on vaikea saada ilman omaa autoa, ja ensimmäinen aika voi olla "
            "kuukausien päässä.",
            "proposal": "Matalan kynnyksen mielenterveyspalvelut sosiaali- ja terveyskeskuksiin "
            "ja etävastaanotto kaikkiin kuntiin.",
            "priority": 1,
            "who": "Hyvinvointialueen mielenterveys- ja päihdepalvelut",
            "perspective": "Kokemusasiantuntija",
            "publish": "kyllä",
        },
    ),
    (
        (r"^regional_dots_services_\d+#region_difference:sv_older$", ALT_SERVICES),
        {
            "interpretation": "Kotihoidossa on pulaa henkilöstöstä erityisesti "
            "maaseutukunnissa, ja käynnit jäävät lyhyiksi.",
            "proposal": "Kotihoidon rekrytointiin ja työhyvinvointiin oma toimenpideohjelma.",
            "priority": 2,
            "who": "Hyvinvointialueen ikääntyneiden palvelut",
            "perspective": "Johtaja",
            "publish": "kyllä",
        },
    ),
    (
        (r"^trend_change_\d+#trend:ch_unemployed:14$", r"^trend_change_\d+#trend"),
        {
            "interpretation": "Työllisyystilanne parani, ja työllisyyspalvelut tavoittivat "
            "pitkäaikaistyöttömiä aiempaa paremmin.",
            "proposal": "Kuntouttavan työtoiminnan ja työllisyyspalvelujen yhteistyö "
            "vakiinnutetaan.",
            "priority": 2,
            "who": "Kunnat ja työllisyyspalvelut",
            "perspective": "Ammattilainen",
            "publish": "kyllä",
        },
    ),
    (
        (r"^ranking_wellbeing_\d+#bottom$",),
        {
            "lived": "Pienituloisissa perheissä raha ratkaisee, pääseekö lapsi harrastamaan.",
            "proposal": "Maksuttomia harrastuksia koulupäivän yhteyteen kaikissa kunnissa.",
            "priority": 1,
            "who": "Kunnat ja järjestöt",
            "perspective": "Järjestö",
            "publish": "kyllä",
        },
    ),
    (
        (r"^heatmap_sv_mental_health_\d+#extremes",),
        {
            "interpretation": "Luottamushenkilöt arvioivat tilanteen paremmaksi kuin "
            "ammattilaiset: tieto arjen tilanteesta ei välity päättäjille.",
            "proposal": "Ammattilaisten ja kokemusasiantuntijoiden tilannekatsaus "
            "aluevaltuustolle kahdesti vuodessa.",
            "priority": 3,
            "who": "Aluevaltuusto",
            "perspective": "Luottamushenkilö",
            "publish": "kyllä",
        },
    ),
    (
        (r"^regional_dots_wellbeing_\d+#extremes$",),
        {
            "interpretation": "Työikäisten hyvä tilanne näkyy myös alueen matalana "
            "työttömyytenä; heikoimmassa asemassa olevien tilanne ei ole parantunut samaa tahtia.",
            "perspective": "Ammattilainen",
            "publish": "kyllä",
        },
    ),
    (
        (r"^balance_change_\d+#extremes$",),
        {
            "interpretation": "Keskustelu jäi kesken; palataan asiaan seuraavassa työpajassa.",
            "perspective": "Johtaja",
            "publish": "ei",
        },
    ),
]


def _year(key: str | None) -> int:
    """The round in a chart id (``regional_dots_services_2017#...``), 0 when it has none."""
    years = re.findall(r"_(\d{4})(?=#|_)", key or "")
    return int(years[-1]) if years else 0


def fill(blank: Path, out: Path) -> int:
    from openpyxl import load_workbook

    wb = load_workbook(blank)
    ws = wb.worksheets[0]
    key_col = COLUMNS.index("key") + 1
    keys = {ws.cell(row=r, column=key_col).value: r for r in range(2, ws.max_row + 1)}
    used: set[int] = set()
    for patterns, values in FILLS:
        # the latest round's chart first when a pack has a chart per round
        rows = [
            r
            for pattern in patterns
            for k, r in sorted(keys.items(), key=lambda kr: (-_year(kr[0]), kr[1]))
            if k and re.match(pattern, k) and r not in used
        ]
        if not rows:
            raise SystemExit(f"{blank}: no finding key matches {patterns} (rerun the packs stage)")
        used.add(rows[0])
        for name, value in values.items():
            ws.cell(row=rows[0], column=COLUMNS.index(name) + 1).value = value
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(workbook_bytes(wb, WHEN))
    return len(FILLS)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--blank", type=Path, default=REPO / "reports" / "packs" / PACK / f"{PACK}_worksheet.xlsx"
    )
    parser.add_argument(
        "--out", type=Path, default=REPO / "data" / "raw" / "workshop" / f"{PACK}.xlsx"
    )
    args = parser.parse_args()
    if not args.blank.is_file():
        raise SystemExit(f"{args.blank} not found: run `dvc repro packs` first")
    n = fill(args.blank, args.out)
    print(f"wrote {args.out} ({n} filled rows)")


if __name__ == "__main__":
    main()
