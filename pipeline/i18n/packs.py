"""Texts of the figure packs (PDF handout and slide deck): title page, page furniture and the
"how to read" page, in fi, sv, en. Findings, discussion prompts and the Excel workbook have
their own areas (findings.py, prompts.py, workbook.py)."""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    "packs.rounds": {
        "fi": "Kierrokset",
        "sv": "Omgångar",
        "en": "Rounds",
    },
    "packs.data_date": {
        "fi": "Aineiston ajankohta",
        "sv": "Datum för data",
        "en": "Date of data",
    },
    "packs.focus": {
        "fi": "Alue",
        "sv": "Region",
        "en": "Region",
    },
    "packs.charts": {
        "fi": "Kuvioita",
        "sv": "Diagram",
        "en": "Charts",
    },
    "packs.all_regions_focus": {
        "fi": "Kaikki alueet rinnakkain",
        "sv": "Alla regioner sida vid sida",
        "en": "All regions side by side",
    },
    "packs.title_note": {
        "fi": (
            "Työpajamateriaali. Luvut ovat asiantuntijoiden arvioita, eivät väestökyselyn "
            "tuloksia. Alle {k} vastaajan luvut on jätetty pois vastaajien suojaamiseksi."
        ),
        "sv": (
            "Workshopmaterial. Siffrorna är experters bedömningar, inte resultat av en "
            "befolkningsenkät. Siffror med färre än {k} svarande har utelämnats för att "
            "skydda de svarande."
        ),
        "en": (
            "Workshop material. The figures are experts' assessments, not results of a "
            "population survey. Figures based on fewer than {k} respondents are left out to "
            "protect the respondents."
        ),
    },
    "packs.how_title": {
        "fi": "Näin luet kuvioita",
        "sv": "Så läser du diagrammen",
        "en": "How to read these charts",
    },
    "packs.findings": {
        "fi": "Mitä kuvio kertoo",
        "sv": "Vad diagrammet visar",
        "en": "What it shows",
    },
    "packs.discuss": {
        "fi": "Keskustelkaa",
        "sv": "Diskutera",
        "en": "For discussion",
    },
    "packs.page": {
        "fi": "Sivu {page}/{pages}",
        "sv": "Sida {page}/{pages}",
        "en": "Page {page}/{pages}",
    },
    "packs.notes_findings": {
        "fi": "HAVAINNOT",
        "sv": "IAKTTAGELSER",
        "en": "FINDINGS",
    },
    "packs.notes_discuss": {
        "fi": "KESKUSTELUKYSYMYKSET",
        "sv": "DISKUSSIONSFRÅGOR",
        "en": "DISCUSSION PROMPTS",
    },
    "packs.activation": {
        "fi": "Aktivointityön voimavarat",
        "sv": "Resurser för aktiveringsarbetet",
        "en": "Resources for activation work",
    },
    "packs.how.who.heading": {
        "fi": "Keitä kysyttiin",
        "sv": "Vem som tillfrågades",
        "en": "Who was asked",
    },
    "packs.how.who.text": {
        "fi": (
            "Vastaajat ovat alueen asiantuntijoita ja päättäjiä (esimerkiksi sosiaali- ja "
            "terveysalan johtoa ja työntekijöitä, luottamushenkilöitä ja järjestöjen "
            "edustajia). Luvut kertovat heidän arvioistaan, eivät väestön omista "
            "kokemuksista."
        ),
        "sv": (
            "De svarande är experter och beslutsfattare i regionen (till exempel ledning och "
            "anställda inom social- och hälsovården, förtroendevalda och företrädare för "
            "organisationer). Siffrorna beskriver deras bedömningar, inte befolkningens egna "
            "erfarenheter."
        ),
        "en": (
            "The respondents are experts and decision-makers in the region (for example "
            "managers and professionals in social and health care, elected officials and NGO "
            "staff). The figures describe their assessments, not the population's own "
            "experience."
        ),
    },
    "packs.how.mean.heading": {
        "fi": "Keskiarvo",
        "sv": "Medelvärde",
        "en": "Mean",
    },
    "packs.how.mean.text": {
        "fi": (
            "Vastaukset annettiin asteikolla {scale}. Mitä suurempi keskiarvo, sitä "
            "paremmaksi tilanne arvioitiin. 'En osaa sanoa' -vastauksia ei lasketa mukaan."
        ),
        "sv": (
            "Svaren gavs på en skala {scale}. Ju högre medelvärde, desto bättre bedömdes "
            "läget. Svaren 'kan inte säga' räknas inte med."
        ),
        "en": (
            "Answers were given on a scale of {scale}. The higher the mean, the better the "
            "situation was rated. 'Don't know' answers are not counted."
        ),
    },
    "packs.how.shares.heading": {
        "fi": "Osuudet",
        "sv": "Andelar",
        "en": "Shares",
    },
    "packs.how.shares.text": {
        "fi": (
            "Prosenttiosuudet lasketaan niistä, jotka ottivat kantaa. 'En osaa sanoa' "
            "-vastausten osuus kerrotaan erikseen: se kertoo, kuinka moni ei tunne ryhmän "
            "tilannetta."
        ),
        "sv": (
            "Procentandelarna räknas bland dem som tog ställning. Andelen 'kan inte säga' "
            "redovisas separat: den visar hur många som inte känner till gruppens läge."
        ),
        "en": (
            "Percentages are of those who gave an opinion. The share of 'don't know' answers "
            "is reported separately: it shows how many do not know the group's situation."
        ),
    },
    "packs.how.balance.heading": {
        "fi": "Saldoluku",
        "sv": "Saldotal",
        "en": "Balance figure",
    },
    "packs.how.balance.text": {
        "fi": (
            "Muutoskysymyksissä saldoluku on paranemista arvioineiden prosenttiosuus miinus "
            "heikkenemistä arvioineiden osuus (−100…+100). Plusmerkkinen luku tarkoittaa, "
            "että useampi näki paranemista kuin heikkenemistä."
        ),
        "sv": (
            "I frågorna om förändring är saldotalet andelen som sett en förbättring minus "
            "andelen som sett en försämring (−100…+100). Ett plustal betyder att fler såg en "
            "förbättring än en försämring."
        ),
        "en": (
            "For questions about change, the balance figure is the percentage who saw an "
            "improvement minus the percentage who saw a deterioration (−100 to +100). A "
            "positive figure means more people saw improvement than deterioration."
        ),
    },
    "packs.how.interval.heading": {
        "fi": "Viivat pisteiden ympärillä",
        "sv": "Strecken kring punkterna",
        "en": "Lines around the dots",
    },
    "packs.how.interval.text": {
        "fi": (
            "Viiva näyttää vaihteluvälin, jolla todellinen arvo luultavasti on ({level}:n "
            "luottamusväli). Mitä vähemmän vastaajia, sitä pidempi viiva."
        ),
        "sv": (
            "Strecket visar intervallet där det verkliga värdet sannolikt ligger ({level} "
            "konfidensintervall). Ju färre svarande, desto längre streck."
        ),
        "en": (
            "The line shows the range in which the true value probably lies ({level} "
            "confidence interval). The fewer the respondents, the longer the line."
        ),
    },
    "packs.how.clear.heading": {
        "fi": "Selvä ero ja ei selvää eroa",
        "sv": "Tydlig skillnad och ingen tydlig skillnad",
        "en": "Clear difference and no clear difference",
    },
    "packs.how.clear.text": {
        "fi": (
            "Kutsumme eroa selväksi vain, kun tilastollinen testi osoittaa, ettei se "
            "todennäköisesti johdu sattumasta. Koska vertailuja tehdään paljon yhtä aikaa, "
            "rajaa on tiukennettu (Benjaminin–Hochbergin korjaus). 'Ei selvää eroa' ei "
            "tarkoita, että alueet olisivat samanlaisia, vaan että aineisto ei riitä "
            "erottamaan niitä."
        ),
        "sv": (
            "Vi kallar en skillnad tydlig bara när ett statistiskt test visar att den "
            "sannolikt inte beror på slumpen. Eftersom många jämförelser görs samtidigt har "
            "gränsen skärpts (Benjamini–Hochberg-korrigering). 'Ingen tydlig skillnad' "
            "betyder inte att regionerna är lika, utan att materialet inte räcker för att "
            "skilja dem åt."
        ),
        "en": (
            "We call a difference clear only when a statistical test shows it is unlikely to "
            "be chance. Because many comparisons are made at once, the bar has been raised "
            "(Benjamini–Hochberg correction). 'No clear difference' does not mean the "
            "regions are the same, only that the data cannot tell them apart."
        ),
    },
    "packs.how.groups.heading": {
        "fi": "Vastaajaryhmät",
        "sv": "Svarandegrupper",
        "en": "Respondent groups",
    },
    "packs.how.groups.text": {
        "fi": (
            "Alueilla vastasi eri määrä eri ammattiryhmiä. Kun kerromme eron 'vastaajaryhmät "
            "huomioiden', vertailu on tehty ikään kuin vastaajajoukko olisi ollut "
            "samanlainen kaikilla alueilla."
        ),
        "sv": (
            "I regionerna svarade olika många från olika yrkesgrupper. När vi anger en "
            "skillnad 'med hänsyn till svarandegrupperna' är jämförelsen gjord som om "
            "svarandena hade varit likadant sammansatta i alla regioner."
        ),
        "en": (
            "Different numbers of each professional group answered in each region. When we "
            "report a difference 'taking respondent groups into account', the comparison is "
            "made as if the respondents had the same mix in every region."
        ),
    },
    "packs.how.n.heading": {
        "fi": "n ja <{k}",
        "sv": "n och <{k}",
        "en": "n and <{k}",
    },
    "packs.how.n.text": {
        "fi": (
            "n on vastanneiden määrä. Jos ryhmässä on alle {k} vastaajaa, lukua ei näytetä "
            "(merkintä <{k}), jotta ketään ei voi tunnistaa."
        ),
        "sv": (
            "n är antalet svarande. Om en grupp har färre än {k} svarande visas siffran inte "
            "(markering <{k}), så att ingen kan identifieras."
        ),
        "en": (
            "n is the number of respondents. If a group has fewer than {k} respondents, its "
            "figure is not shown (marked <{k}), so that no one can be identified."
        ),
    },
}
