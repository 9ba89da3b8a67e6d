"""Generate the synthetic activation-resource survey exports under ``data/raw/activation/``.

Run from the repository root (after ``tools/make_example_data.py``, whose municipal statistics
it reads)::

    python tools/make_activation_data.py

It (over)writes ``aktivointi_2014_example.xlsx`` and ``aktivointi_2019_example.xlsx``: Webropol-
style exports of the activation-resource survey (aktivointiresurssikartoitus), one row per
responding municipality or joint authority (its municipalities listed in one cell, host first),
one header row with the Finnish question texts. ``codebook.yaml`` beside them is hand-written.

Values follow the municipal statistics of ``data/raw/reference/municipal_stats.csv``: clients in
rehabilitative work activity about 1.1 % (2014) and 1.7 % (2019) of residents aged 15-64, staff
in proportion to residents, plans in proportion to people with 300+ benefit days. Staff FTEs are
text with a decimal comma, euros text with space thousands separators, as web tools write them;
a few cells are blank or "en osaa sanoa", a few municipalities did not answer, one answer has a
typo (15 FTE instead of 1,5) and one municipality reports no social worker of its own, so the
plausibility flags have something to find. All names, e-mail addresses and texts are invented.
One seeded generator: byte-identical output on every run (workbook and zip times are pinned).
"""

from __future__ import annotations

import datetime as dt
import io
import sys
import zipfile
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
SEED = 20140301
ROUNDS = (2014, 2019)
CLIENT_RATE = {2014: 0.011, 2019: 0.017}
SUBSIDY_PER_PERSON = {2014: 1300.0, 2019: 2700.0}  # EUR per person with 300+ benefit days
# Joint authorities (host municipality first), per round.
JOINT = {
    2014: [("236", "924", "074")],  # Kaustisen seutukunta: Kaustinen, Veteli, Halsua
    2019: [("236", "924", "074"), ("005", "934")],  # + Järvi-Pohjanmaa: Alajärvi, Vimpeli
}
NOT_ANSWERING = {2014: ("231", "759", "584"), 2019: ("280", "759", "545")}
HEADERS = [
    "Vastaajan numero",
    "Vastausaika",
    "Kunta tai kuntayhtymä (kunnat)",
    "Sähköpostiosoite",
    "Sosiaalityöntekijät aikuissosiaalityössä (htv)",
    "Sosiaaliohjaajat aikuissosiaalityössä (htv)",
    "Kuntouttavan työtoiminnan ohjaajat (htv)",
    "Työvalmentajat (htv)",
    "Aktivointisuunnitelmat vuodessa (kpl)",
    "Kuntouttavan työtoiminnan asiakkaat: kunnan oma yksikkö",
    "Kuntouttavan työtoiminnan asiakkaat: järjestöt",
    "Kuntouttavan työtoiminnan asiakkaat: ostopalvelu",
    "Kuntouttavan työtoiminnan paikat: kunnan oma yksikkö",
    "Kuntouttavan työtoiminnan paikat: järjestöt",
    "Kuntouttavan työtoiminnan paikat: ostopalvelu",
    "Osallistuuko kunta TYP-toimintaan?",
    "Kunnan osuus työmarkkinatuesta (euroa vuodessa)",
    "Kuntouttavan työtoiminnan kustannukset (euroa vuodessa)",
    "Kehittämistarpeet ja terveiset",
]
FIRST = ["Maija", "Pekka", "Anna-Liisa", "Jussi", "Kaisa", "Timo", "Sari", "Mikael", "Åsa"]
LAST = ["Mäki", "Niemi", "Koskinen", "Heikkilä", "Björklund", "Rinne", "Salo", "Östman"]
NEEDS = [
    "Tarvitsemme lisää työvalmentajia ja pysyvämpää rahoitusta.",
    "Haja-asutusalueella on liian vähän paikkoja kuntouttavaan työtoimintaan.",
    "Yhteistyö TE-toimiston kanssa sujuu hyvin, kuljetukset ovat ongelma.",
    "Asiakkaiden terveyspalvelut ja päihdekuntoutus tarvitsevat vahvistusta.",
    "Lisätietoja antaa {name}, puh. 040 123 4567.",
    "",
]
DONT_KNOW_TEXTS = ("en osaa sanoa", "En osaa sanoa", "eos")


def fi_number(x: float, decimals: int = 1) -> str:
    """2.5 -> "2,5" (decimal comma, as a Finnish web form stores typed numbers)."""
    return f"{x:.{decimals}f}".replace(".", ",")


def euros(x: float) -> str:
    """1234567 -> "1 234 567" (space thousands separator)."""
    return f"{round(x):,}".replace(",", " ")


def split_int(total: int, shares: np.ndarray, rng: np.random.Generator) -> list[int]:
    return [int(v) for v in rng.multinomial(total, shares)]


def round_rows(year: int, stats: pd.DataFrame, names: dict[str, str], rng: np.random.Generator):
    s = stats[stats["year"] == year].set_index("municipality_code")
    joint = JOINT[year]
    members = {m for group in joint for m in group}
    units: list[tuple[str, ...]] = list(joint) + [
        (c,) for c in s.index if c not in members and c not in NOT_ANSWERING[year]
    ]
    rows = []
    for k, unit in enumerate(sorted(units, key=lambda u: names[u[0]])):
        st = s.loc[list(unit)].sum()
        res = float(st["residents_15_64"])
        clients = round(res * CLIENT_RATE[year] * rng.lognormal(0.0, 0.3))
        shares = rng.dirichlet([4.0, 2.0, 1.5])
        c_own, c_ngo, c_buy = split_int(clients, shares, rng)
        places = split_int(round(clients * rng.uniform(0.5, 0.8)), shares, rng)
        sw = max(0.2, round(res / 3000 * rng.lognormal(0, 0.25) * 2) / 2)
        sc = max(0.2, round(res / 2500 * rng.lognormal(0, 0.25) * 2) / 2)
        sup = round(max(0.0, clients / 15 * rng.lognormal(0, 0.2)), 1)
        coach = round(max(0.0, res / 8000 * rng.lognormal(0, 0.3)), 1)
        plans = round(float(st["benefit_days_300"]) * rng.uniform(0.3, 0.9))
        subsidy = float(st["benefit_days_300"]) * SUBSIDY_PER_PERSON[year] * rng.uniform(0.8, 1.2)
        cost = clients * rng.uniform(2500, 5000)
        typ = "kyllä" if rng.uniform() < (0.3 if year == 2014 else 0.9) else "ei"
        first, last = FIRST[k % len(FIRST)], LAST[(k * 3 + year) % len(LAST)]
        email = f"{first.lower()}.{last.lower()}@{names[unit[0]].lower()}.example.fi"
        email = email.replace("ä", "a").replace("ö", "o").replace("å", "a")
        need = NEEDS[(k + year) % len(NEEDS)].format(name=f"{first} {last}")
        rows.append(
            {
                "unit": unit,
                "values": [
                    k + 1,
                    f"{year}-03-{1 + k % 28:02d} {8 + k % 9:02d}:{(k * 7) % 60:02d}",
                    ", ".join(names[c] for c in unit),
                    email,
                    fi_number(sw),
                    fi_number(sc),
                    fi_number(sup),
                    fi_number(coach),
                    plans,
                    c_own,
                    c_ngo,
                    c_buy,
                    places[0],
                    places[1],
                    places[2],
                    typ,
                    euros(subsidy),
                    euros(round(cost, -2)),
                    need or None,
                ],
            }
        )
    return rows


def damage(year: int, rows: list[dict], rng: np.random.Generator) -> None:
    """Blanks, don't-know texts and two implausible answers, as real exports have them."""
    by_code = {r["unit"][0]: r["values"] for r in rows}
    numeric = list(range(4, 18))
    singles = sorted(r["unit"][0] for r in rows if len(r["unit"]) == 1)
    picks = rng.choice(len(singles), size=8, replace=False)
    for n, p in enumerate(picks):
        col = int(numeric[(n * 5 + year) % len(numeric)])
        by_code[singles[p]][col] = DONT_KNOW_TEXTS[n % 3] if n % 2 == 0 else None
    if year == 2014:
        by_code["421"][4] = "0"  # Lestijärvi: adult social work bought from a neighbour,
        by_code["421"][5] = "0"  # no FTE of its own
    else:
        by_code["052"][4] = "15"  # Evijärvi: typo, 15 FTE for 1,5
        by_code["598"][16] = "1 234 567 €"  # euro sign typed into the field


def write_xlsx(path: Path, year: int, rows: list[dict]) -> None:
    import openpyxl
    from openpyxl.writer.excel import ExcelWriter

    sys.path.insert(0, str(ROOT / "tools"))
    from make_example_data import pin_zip_times

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Vastaukset"
    ws.append(HEADERS)
    for r in rows:
        ws.append(r["values"])
    when = dt.datetime(year, 4, 1, 9, 0, 0)
    wb.properties.creator = "Webropol"
    wb.properties.lastModifiedBy = "Webropol"
    wb.properties.title = f"Aktivointiresurssikartoitus {year}"
    wb.properties.created = when
    wb.properties.modified = when
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(wb, archive).save()
    path.write_bytes(pin_zip_times(buffer.getvalue(), when))


def main(out: Path = ROOT / "data" / "raw" / "activation") -> None:
    ref = ROOT / "data" / "raw" / "reference"
    stats = pd.read_csv(ref / "municipal_stats.csv", dtype={"municipality_code": str})
    munis = pd.read_csv(ref / "municipalities.csv", dtype={"code": str})
    names = dict(zip(munis["code"], munis["name_fi"], strict=True))
    rng = np.random.default_rng(SEED)
    out.mkdir(parents=True, exist_ok=True)
    for year in ROUNDS:
        rows = round_rows(year, stats, names, rng)
        damage(year, rows, rng)
        target = out / f"aktivointi_{year}_example.xlsx"
        write_xlsx(target, year, rows)
        print(f"wrote {target} ({len(rows)} answers)")


if __name__ == "__main__":
    main()
