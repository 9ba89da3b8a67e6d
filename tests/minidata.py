"""A small hand-made raw folder (three exports, reference files, codebook) for ingest tests.

The same 6 answers patterns are written as SPSS codes (2012), Finnish label text in .xlsx and
Swedish label text in a semicolon CSV with decimal commas (2017), so harmonisation can be
checked answer by answer."""

from __future__ import annotations

import csv
import textwrap
from pathlib import Path

import openpyxl
import pandas as pd
import pyreadstat

RATING_FI = {
    1: "Erittäin huono",
    2: "Melko huono",
    3: "Ei hyvä eikä huono",
    4: "Melko hyvä",
    5: "Erittäin hyvä",
    9: "En osaa sanoa",
}
RATING_SV = {
    1: "Mycket dålig",
    2: "Ganska dålig",
    3: "Varken bra eller dålig",
    4: "Ganska bra",
    5: "Mycket bra",
    9: "Kan inte säga",
}
CHANGE_FI = {1: "Parantunut", 2: "Pysynyt ennallaan", 3: "Heikentynyt", 9: "En osaa sanoa"}
CHANGE_SV = {1: "Förbättrats", 2: "Oförändrat", 3: "Försämrats", 9: "Kan inte säga"}
GROUP_FI = {1: "Kunnan luottamushenkilö", 2: "Sosiaali- ja terveysjohto"}
GROUP_SV = {1: "Kommunal förtroendevald", 2: "Social- och hälsovårdsledning"}

# respondent: id, municipality 2012 code, group, weight, rating item, change item, email, text
ROWS_2012 = [
    (101, 863, 1, 10.5, 4, 1, "anna.korhonen@alavus.fi", "Sosiaalityöntekijä Minna Laaksonen"),
    (102, 152, 2, 5.25, 9, 3, "", ""),
    (103, 743, 1, 7.0, None, 2, "pekka.niemi@seinajoki.fi", "Kiitos"),
    (104, 905, 2, 3.5, 2, 9, "", 'Palvelut; jonot "pitkiä"'),
    (105, 272, 1, 8.0, 5, 1, "", ""),
    (106, 164, 2, 2.0, 1, None, "", ""),
]
# 2017: municipality names instead of codes
ROWS_2017 = [
    (1, "Alavus", "Alavus", 1, "12,5", 4, 1, "sari.hautala@alavus.fi", "Terveiset Anna Korhoselle"),
    (2, "Isokyrö", "Storkyro", 2, "5,25", 9, 3, "", ""),
    (3, "Seinäjoki", "Seinäjoki", 1, "7", None, 2, "", ""),
    (4, "Vaasa", "Vasa", 2, "3,5", 2, 9, "", 'Rad ett\nrad två; "citat"'),
    (5, "Kokkola", "Karleby", 1, "8", 5, 1, "", ""),
    (6, "Kurikka", "Kurikka", 2, "2", 1, None, "", ""),
]
PERSONAL = [
    "anna.korhonen@alavus.fi",
    "pekka.niemi@seinajoki.fi",
    "sari.hautala@alavus.fi",
    "Minna Laaksonen",
    "Anna Korhoselle",
    "Rad ett",
]

CODEBOOK = """\
survey: minibaro
title: {fi: Minibarometri, sv: Minibarometer, en: Mini barometer}
scales:
  rating5:
    kind: rating
    codes:
      1: {fi: Erittäin huono, sv: Mycket dålig, en: Very poor}
      2: {fi: Melko huono, sv: Ganska dålig, en: Fairly poor}
      3: {fi: Ei hyvä eikä huono, sv: Varken bra eller dålig, en: Neither}
      4: {fi: Melko hyvä, sv: Ganska bra, en: Fairly good}
      5: {fi: Erittäin hyvä, sv: Mycket bra, en: Very good}
    dont_know:
      9: {fi: En osaa sanoa, sv: Kan inte säga, en: Don't know}
    missing: [99, "Ei vastausta"]
  change3:
    kind: change
    codes:
      1: {fi: Parantunut, sv: Förbättrats, en: Improved}
      2: {fi: Pysynyt ennallaan, sv: Oförändrat, en: Unchanged}
      3: {fi: Heikentynyt, sv: Försämrats, en: Worsened}
    improved: [1]
    worsened: [3]
    dont_know:
      9: {fi: En osaa sanoa, sv: Kan inte säga, en: Don't know}
themes:
  wellbeing: {fi: Hyvinvointi, sv: Välfärd, en: Well-being}
groups:
  "1": {fi: Kunnan luottamushenkilö, sv: Kommunal förtroendevald, en: Elected official}
  "2": {fi: Sosiaali- ja terveysjohto, sv: Social- och hälsovårdsledning, en: Management}
items:
  wb_children:
    scale: rating5
    theme: wellbeing
    label: {fi: Lapset, sv: Barn, en: Children}
  ch_children:
    scale: change3
    theme: wellbeing
    label: {fi: Lapset, sv: Barn, en: Children}
exports:
  - file: mini_2012.sav
    round: 2012
    respondent_id: id
    weight: paino
    municipality: kunta
    group: ryhma
    personal: [sahkoposti, avoin]
    items: {wb_children: q1, ch_children: q2}
  - file: mini_2017_fi.xlsx
    round: 2017
    language: fi
    header_rows: 2
    respondent_id: 1
    municipality: 3
    group: 4
    weight: 8
    personal: [2, 7]
    items: {wb_children: 5, ch_children: 6}
  - file: mini_2017_sv.csv
    round: 2017
    language: sv
    header_rows: 2
    respondent_id: 1
    municipality: 3
    group: 4
    weight: 8
    personal: [2, 7]
    items: {wb_children: 5, ch_children: 6}
"""

REFERENCE = {
    "regions.csv": """\
        region_code,name_fi,name_sv,name_en
        14,Etelä-Pohjanmaa,Södra Österbotten,South Ostrobothnia
        15,Pohjanmaa,Österbotten,Ostrobothnia
        16,Keski-Pohjanmaa,Mellersta Österbotten,Central Ostrobothnia
        """,
    "municipalities.csv": """\
        code,name_fi,name_sv,region_code,valid_from,valid_to
        010,Alavus,Alavus,14,2009,
        863,Töysä,Töysä,14,2009,2012
        164,Jalasjärvi,Jalasjärvi,14,2009,2015
        301,Kurikka,Kurikka,14,2009,
        743,Seinäjoki,Seinäjoki,14,2009,
        152,Isokyrö,Storkyro,15,2009,2020
        152,Isokyrö,Storkyro,14,2021,
        905,Vaasa,Vasa,15,2009,
        272,Kokkola,Karleby,16,2009,
        """,
    "mergers.csv": """\
        old_code,new_code,year
        863,010,2013
        164,301,2016
        """,
    "population.csv": """\
        survey,round,region_code,group_code,N
        minibaro,2012,14,1,100
        minibaro,2012,14,2,50
        minibaro,2012,15,1,80
        minibaro,2012,15,2,40
        minibaro,2012,16,1,60
        minibaro,2012,16,2,30
        """,
}

PARAMS = """\
classification_year: 2021
ingest:
  pseudonym_salt: test-salt
designs:
  weighted: {weights: true}
analyse:
  design: weighted
  min_cell: 1
"""


def write_sav(path: Path, rows: list[tuple] = ROWS_2012) -> None:
    df = pd.DataFrame(
        rows, columns=["id", "kunta", "ryhma", "paino", "q1", "q2", "sahkoposti", "avoin"]
    )
    for c in ("q1", "q2"):
        df[c] = df[c].astype(float)
    pyreadstat.write_sav(
        df,
        str(path),
        column_labels={"q1": "Lasten hyvinvointi", "q2": "Muutos: lapset"},
        variable_value_labels={"q1": RATING_FI, "q2": CHANGE_FI, "ryhma": GROUP_FI},
        missing_ranges={"q1": [9], "q2": [9]},
    )


def _web_rows(rows: list[tuple], lang: str) -> list[list]:
    fi = lang == "fi"
    rating, change, groups = (
        (RATING_FI, CHANGE_FI, GROUP_FI) if fi else (RATING_SV, CHANGE_SV, GROUP_SV)
    )
    head1 = [
        "Vastaajan numero" if fi else "Respondentnummer",
        "Sähköposti" if fi else "E-post",
        "Kunta" if fi else "Kommun",
        "Vastaajaryhmä" if fi else "Respondentgrupp",
        "Arvioi hyvinvointia" if fi else "Bedöm välfärden",
        "",
        "Avoin palaute" if fi else "Öppen respons",
        "Paino" if fi else "Vikt",
    ]
    head2 = ["", "", "", "", "Lapset" if fi else "Barn", "Lapset" if fi else "Barn", "", ""]
    out = [head1, head2]
    for rid, name_fi, name_sv, grp, w, q1, q2, email, text in rows:
        out.append(
            [
                rid,
                email,
                name_fi if fi else name_sv,
                groups.get(grp, ""),
                rating[q1] if q1 else "",
                change[q2] if q2 else "",
                text,
                w if not fi else float(w.replace(",", ".")),
            ]
        )
    return out


def write_xlsx(path: Path, rows: list[tuple] = ROWS_2017) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Vastaukset"
    for r in _web_rows(rows, "fi"):
        ws.append(r)
    # tolerant matching: odd case and white space
    ws["E3"] = "  melko HYVÄ "
    wb.save(path)


def write_csv(
    path: Path, rows: list[tuple] = ROWS_2017, encoding: str = "cp1252", delimiter: str = ";"
) -> None:
    with path.open("w", encoding=encoding, newline="") as fh:
        w = csv.writer(fh, delimiter=delimiter, lineterminator="\r\n")
        for r in _web_rows(rows, "sv"):
            w.writerow(r)


def make_raw(root: Path) -> Path:
    """Write the mini raw folder under root/raw and params under root; returns root."""
    raw = root / "raw"
    (raw / "barometer").mkdir(parents=True)
    (raw / "reference").mkdir()
    for name, text in REFERENCE.items():
        (raw / "reference" / name).write_text(textwrap.dedent(text), encoding="utf-8")
    (raw / "barometer" / "codebook.yaml").write_text(CODEBOOK, encoding="utf-8")
    write_sav(raw / "barometer" / "mini_2012.sav")
    write_xlsx(raw / "barometer" / "mini_2017_fi.xlsx")
    write_csv(raw / "barometer" / "mini_2017_sv.csv")
    (root / "params.yaml").write_text(PARAMS, encoding="utf-8")
    return root
