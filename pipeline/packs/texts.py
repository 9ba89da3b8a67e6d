"""Every fixed text of a figure pack in Finnish, Swedish and English.

Names of regions, groups, items and themes come from the codebook snapshot
(:mod:`pipeline.labels`); this module holds only the surrounding words: the title page, the
"how to read these charts" page, finding templates, discussion prompts and the Excel headers.
Templates use ``str.format`` fields; numbers are formatted by :mod:`pipeline.packs.numbers`."""

from __future__ import annotations

from typing import Any

Texts = dict[str, str]

UI: dict[str, Texts] = {
    "survey": {"fi": "Kysely", "sv": "Enkät", "en": "Survey"},
    "rounds": {"fi": "Kierrokset", "sv": "Omgångar", "en": "Rounds"},
    "data_date": {"fi": "Aineiston ajankohta", "sv": "Datum för data", "en": "Date of data"},
    "focus": {"fi": "Alue", "sv": "Region", "en": "Region"},
    "charts": {"fi": "Kuvioita", "sv": "Diagram", "en": "Charts"},
    "all_regions_focus": {
        "fi": "Kaikki alueet rinnakkain",
        "sv": "Alla regioner sida vid sida",
        "en": "All regions side by side",
    },
    "title_note": {
        "fi": "Työpajamateriaali. Luvut ovat asiantuntijoiden arvioita, eivät väestökyselyn "
        "tuloksia. Alle {k} vastaajan luvut on jätetty pois vastaajien suojaamiseksi.",
        "sv": "Workshopmaterial. Siffrorna är experters bedömningar, inte resultat av en "
        "befolkningsenkät. Siffror med färre än {k} svarande har utelämnats för att skydda "
        "de svarande.",
        "en": "Workshop material. The figures are experts' assessments, not results of a "
        "population survey. Figures based on fewer than {k} respondents are left out to "
        "protect the respondents.",
    },
    "how_title": {
        "fi": "Näin luet kuvioita",
        "sv": "Så läser du diagrammen",
        "en": "How to read these charts",
    },
    "findings": {"fi": "Mitä kuvio kertoo", "sv": "Vad diagrammet visar", "en": "What it shows"},
    "discuss": {"fi": "Keskustelkaa", "sv": "Diskutera", "en": "For discussion"},
    "page": {"fi": "Sivu {page}/{pages}", "sv": "Sida {page}/{pages}", "en": "Page {page}/{pages}"},
    "notes_findings": {"fi": "HAVAINNOT", "sv": "IAKTTAGELSER", "en": "FINDINGS"},
    "notes_discuss": {
        "fi": "KESKUSTELUKYSYMYKSET",
        "sv": "DISKUSSIONSFRÅGOR",
        "en": "DISCUSSION PROMPTS",
    },
    "and": {"fi": "ja", "sv": "och", "en": "and"},
    "activation": {
        "fi": "Aktivointityön voimavarat",
        "sv": "Resurser för aktiveringsarbetet",
        "en": "Resources for activation work",
    },
    "or": {"fi": "tai", "sv": "eller", "en": "or"},
}

# The "how to read" page: (heading, text) pairs. {k} is the minimum cell size.
HOW_TO_READ: dict[str, list[tuple[str, str]]] = {
    "fi": [
        (
            "Keitä kysyttiin",
            "Vastaajat ovat alueen asiantuntijoita ja päättäjiä (esimerkiksi sosiaali- ja "
            "terveysalan johtoa ja työntekijöitä, luottamushenkilöitä ja järjestöjen "
            "edustajia). Luvut kertovat heidän arvioistaan, eivät väestön omista "
            "kokemuksista.",
        ),
        (
            "Keskiarvo",
            "Vastaukset annettiin asteikolla 1–5. Mitä suurempi keskiarvo, sitä paremmaksi "
            "tilanne arvioitiin. 'En osaa sanoa' -vastauksia ei lasketa mukaan.",
        ),
        (
            "Osuudet",
            "Prosenttiosuudet lasketaan niistä, jotka ottivat kantaa. 'En osaa sanoa' "
            "-vastausten osuus kerrotaan erikseen: se kertoo, kuinka moni ei tunne ryhmän "
            "tilannetta.",
        ),
        (
            "Saldoluku",
            "Muutoskysymyksissä saldoluku on paranemista arvioineiden prosenttiosuus miinus "
            "heikkenemistä arvioineiden osuus (−100…+100). Plusmerkkinen luku tarkoittaa, "
            "että useampi näki paranemista kuin heikkenemistä.",
        ),
        (
            "Viivat pisteiden ympärillä",
            "Viiva näyttää vaihteluvälin, jolla todellinen arvo luultavasti on "
            "(luottamusväli). Mitä vähemmän vastaajia, sitä pidempi viiva.",
        ),
        (
            "Selvä ero ja ei selvää eroa",
            "Kutsumme eroa selväksi vain, kun tilastollinen testi osoittaa, ettei se "
            "todennäköisesti johdu sattumasta. Koska vertailuja tehdään paljon yhtä aikaa, "
            "rajaa on tiukennettu (Benjaminin–Hochbergin korjaus). 'Ei selvää eroa' ei "
            "tarkoita, että alueet olisivat samanlaisia, vaan että aineisto ei riitä "
            "erottamaan niitä.",
        ),
        (
            "Vastaajaryhmät",
            "Alueilla vastasi eri määrä eri ammattiryhmiä. Kun kerromme eron 'vastaajaryhmät "
            "huomioiden', vertailu on tehty ikään kuin vastaajajoukko olisi ollut "
            "samanlainen kaikilla alueilla.",
        ),
        (
            "n ja <{k}",
            "n on vastanneiden määrä. Jos ryhmässä on alle {k} vastaajaa, lukua ei näytetä "
            "(merkintä <{k}), jotta ketään ei voi tunnistaa.",
        ),
    ],
    "sv": [
        (
            "Vem som tillfrågades",
            "De svarande är experter och beslutsfattare i regionen (till exempel ledning och "
            "anställda inom social- och hälsovården, förtroendevalda och företrädare för "
            "organisationer). Siffrorna beskriver deras bedömningar, inte befolkningens "
            "egna erfarenheter.",
        ),
        (
            "Medelvärde",
            "Svaren gavs på en skala 1–5. Ju högre medelvärde, desto bättre bedömdes läget. "
            "Svaren 'kan inte säga' räknas inte med.",
        ),
        (
            "Andelar",
            "Procentandelarna räknas bland dem som tog ställning. Andelen 'kan inte säga' "
            "redovisas separat: den visar hur många som inte känner till gruppens läge.",
        ),
        (
            "Saldotal",
            "I frågorna om förändring är saldotalet andelen som sett en förbättring minus "
            "andelen som sett en försämring (−100…+100). Ett plustal betyder att fler såg "
            "en förbättring än en försämring.",
        ),
        (
            "Strecken kring punkterna",
            "Strecket visar intervallet där det verkliga värdet sannolikt ligger "
            "(konfidensintervall). Ju färre svarande, desto längre streck.",
        ),
        (
            "Tydlig skillnad och ingen tydlig skillnad",
            "Vi kallar en skillnad tydlig bara när ett statistiskt test visar att den "
            "sannolikt inte beror på slumpen. Eftersom många jämförelser görs samtidigt har "
            "gränsen skärpts (Benjamini–Hochberg-korrigering). 'Ingen tydlig skillnad' betyder "
            "inte att regionerna är lika, utan att materialet inte räcker för att skilja dem "
            "åt.",
        ),
        (
            "Svarandegrupper",
            "I regionerna svarade olika många från olika yrkesgrupper. När vi anger en "
            "skillnad 'med hänsyn till svarandegrupperna' är jämförelsen gjord som om "
            "svarandena hade varit likadant sammansatta i alla regioner.",
        ),
        (
            "n och <{k}",
            "n är antalet svarande. Om en grupp har färre än {k} svarande visas siffran inte "
            "(markering <{k}), så att ingen kan identifieras.",
        ),
    ],
    "en": [
        (
            "Who was asked",
            "The respondents are experts and decision-makers in the region (for example "
            "managers and professionals in social and health care, elected officials and "
            "NGO staff). The figures describe their assessments, not the population's own "
            "experience.",
        ),
        (
            "Mean",
            "Answers were given on a scale of 1–5. The higher the mean, the better the "
            "situation was rated. 'Don't know' answers are not counted.",
        ),
        (
            "Shares",
            "Percentages are of those who gave an opinion. The share of 'don't know' answers "
            "is reported separately: it shows how many do not know the group's situation.",
        ),
        (
            "Balance figure",
            "For questions about change, the balance figure is the percentage who saw an "
            "improvement minus the percentage who saw a deterioration (−100 to +100). A "
            "positive figure means more people saw improvement than deterioration.",
        ),
        (
            "Lines around the dots",
            "The line shows the range in which the true value probably lies (confidence "
            "interval). The fewer the respondents, the longer the line.",
        ),
        (
            "Clear difference and no clear difference",
            "We call a difference clear only when a statistical test shows it is unlikely to "
            "be chance. Because many comparisons are made at once, the bar has been raised "
            "(Benjamini–Hochberg correction). 'No clear difference' does not mean the regions "
            "are the same, only that the data cannot tell them apart.",
        ),
        (
            "Respondent groups",
            "Different numbers of each professional group answered in each region. When we "
            "report a difference 'taking respondent groups into account', the comparison is "
            "made as if the respondents had the same mix in every region.",
        ),
        (
            "n and <{k}",
            "n is the number of respondents. If a group has fewer than {k} respondents, its "
            "figure is not shown (marked <{k}), so that no one can be identified.",
        ),
    ],
}

# Finding templates. Values arrive formatted; {region} is the focus region's name.
FINDINGS: dict[str, Texts] = {
    "diff_all": {
        "fi": "{item}: selvä ero alueiden välillä – {values}.",
        "sv": "{item}: tydlig skillnad mellan regionerna – {values}.",
        "en": "{item}: a clear difference between the regions – {values}.",
    },
    "diff_region_high": {
        "fi": "{item}: selvä ero alueiden välillä; {region} on korkein ({values}).",
        "sv": "{item}: tydlig skillnad mellan regionerna; {region} ligger högst ({values}).",
        "en": "{item}: a clear difference between the regions; {region} is highest ({values}).",
    },
    "diff_region_low": {
        "fi": "{item}: selvä ero alueiden välillä; {region} on matalin ({values}).",
        "sv": "{item}: tydlig skillnad mellan regionerna; {region} ligger lägst ({values}).",
        "en": "{item}: a clear difference between the regions; {region} is lowest ({values}).",
    },
    "diff_region_mid": {
        "fi": "{item}: selvä ero alueiden välillä; {region} on keskivaiheilla ({values}).",
        "sv": "{item}: tydlig skillnad mellan regionerna; {region} ligger i mitten ({values}).",
        "en": "{item}: a clear difference between the regions; {region} is in the middle "
        "({values}).",
    },
    "adjusted_yes": {
        "fi": "Ero säilyy, kun vastaajaryhmät huomioidaan.",
        "sv": "Skillnaden kvarstår med hänsyn till svarandegrupperna.",
        "en": "The difference remains when respondent groups are taken into account.",
    },
    "adjusted_no": {
        "fi": "Kun vastaajaryhmät huomioidaan, selvää eroa ei ole.",
        "sv": "Med hänsyn till svarandegrupperna finns ingen tydlig skillnad.",
        "en": "Taking respondent groups into account, there is no clear difference.",
    },
    "adjusted_only": {
        "fi": "{item}: kun vastaajaryhmät huomioidaan, alueiden välillä on selvä ero.",
        "sv": "{item}: med hänsyn till svarandegrupperna finns en tydlig skillnad mellan "
        "regionerna.",
        "en": "{item}: taking respondent groups into account, there is a clear difference "
        "between the regions.",
    },
    "no_diff_items": {
        "fi": "Ei selvää eroa alueiden välillä: {items}.",
        "sv": "Ingen tydlig skillnad mellan regionerna: {items}.",
        "en": "No clear difference between the regions: {items}.",
    },
    "no_diff_one": {
        "fi": "Alueiden välillä ei ole selvää eroa.",
        "sv": "Ingen tydlig skillnad mellan regionerna.",
        "en": "No clear difference between the regions.",
    },
    "diff_one": {
        "fi": "Vastaukset eroavat selvästi alueiden välillä.",
        "sv": "Svaren skiljer sig tydligt mellan regionerna.",
        "en": "The answers differ clearly between the regions.",
    },
    "extremes_all": {
        "fi": "Kaikilla alueilla yhteensä korkein arvio: {hi_item} ({hi}), matalin: "
        "{lo_item} ({lo}).",
        "sv": "I alla regioner sammantaget högst: {hi_item} ({hi}), lägst: {lo_item} ({lo}).",
        "en": "Across all regions the highest is {hi_item} ({hi}), the lowest {lo_item} ({lo}).",
    },
    "extremes_region": {
        "fi": "{region}: korkein arvio {hi_item} ({hi}), matalin {lo_item} ({lo}).",
        "sv": "{region}: högst {hi_item} ({hi}), lägst {lo_item} ({lo}).",
        "en": "{region}: the highest is {hi_item} ({hi}), the lowest {lo_item} ({lo}).",
    },
    "ranking_top": {
        "fi": "{where}: parhaiten arvioidut {items}.",
        "sv": "{where}: bäst bedömda {items}.",
        "en": "{where}: rated highest {items}.",
    },
    "ranking_bottom": {
        "fi": "Heikoimmin arvioidut: {items}.",
        "sv": "Sämst bedömda: {items}.",
        "en": "Rated lowest: {items}.",
    },
    "ranking_top_balance": {
        "fi": "{where}: korkein saldoluku {items}.",
        "sv": "{where}: högst saldotal {items}.",
        "en": "{where}: highest balance figure {items}.",
    },
    "ranking_bottom_balance": {
        "fi": "Matalin saldoluku: {items}.",
        "sv": "Lägst saldotal: {items}.",
        "en": "Lowest balance figure: {items}.",
    },
    "diff_items": {
        "fi": "Alueiden välillä on selvä ero: {items}.",
        "sv": "Tydlig skillnad mellan regionerna: {items}.",
        "en": "A clear difference between the regions: {items}.",
    },
    "no_diff_any": {
        "fi": "Millään näistä alueiden välillä ei ole selvää eroa.",
        "sv": "Ingen tydlig skillnad mellan regionerna för någon av dessa.",
        "en": "No clear difference between the regions for any of these.",
    },
    "extremes_all_balance": {
        "fi": "Kaikilla alueilla yhteensä korkein saldoluku: {hi_item} ({hi}), matalin: "
        "{lo_item} ({lo}).",
        "sv": "I alla regioner sammantaget högst saldotal: {hi_item} ({hi}), lägst: "
        "{lo_item} ({lo}).",
        "en": "Across all regions the highest balance figure is {hi_item} ({hi}), the lowest "
        "{lo_item} ({lo}).",
    },
    "extremes_region_balance": {
        "fi": "{region}: korkein saldoluku {hi_item} ({hi}), matalin {lo_item} ({lo}).",
        "sv": "{region}: högst saldotal {hi_item} ({hi}), lägst {lo_item} ({lo}).",
        "en": "{region}: the highest balance figure is {hi_item} ({hi}), the lowest "
        "{lo_item} ({lo}).",
    },
    "heatmap_extremes_region": {
        "fi": "{where}, {region}: korkein {hi_group} ({hi}), matalin {lo_group} ({lo}).",
        "sv": "{where}, {region}: högst {hi_group} ({hi}), lägst {lo_group} ({lo}).",
        "en": "{where}, {region}: highest {hi_group} ({hi}), lowest {lo_group} ({lo}).",
    },
    "dont_know": {
        "fi": "Moni ei osannut sanoa ({where}): {items}.",
        "sv": "Många kunde inte säga ({where}): {items}.",
        "en": "Many could not say ({where}): {items}.",
    },
    "shares_region": {
        "fi": "{region}: {top} vastasi {top_label}, {bottom} {bottom_label}.",
        "sv": "{region}: {top} svarade {top_label}, {bottom} {bottom_label}.",
        "en": "{region}: {top} answered {top_label}, {bottom} {bottom_label}.",
    },
    "balance_region": {
        "fi": "{region}: saldoluku {value}.",
        "sv": "{region}: saldotal {value}.",
        "en": "{region}: balance figure {value}.",
    },
    "change_clear_up": {
        "fi": "{item}: selvä nousu ({where}), {v_from} vuonna {r_from} → {v_to} vuonna {r_to}.",
        "sv": "{item}: tydlig ökning ({where}), {v_from} år {r_from} → {v_to} år {r_to}.",
        "en": "{item}: a clear rise ({where}), {v_from} in {r_from} → {v_to} in {r_to}.",
    },
    "change_clear_down": {
        "fi": "{item}: selvä lasku ({where}), {v_from} vuonna {r_from} → {v_to} vuonna {r_to}.",
        "sv": "{item}: tydlig minskning ({where}), {v_from} år {r_from} → {v_to} år {r_to}.",
        "en": "{item}: a clear fall ({where}), {v_from} in {r_from} → {v_to} in {r_to}.",
    },
    "change_none_one": {
        "fi": "{item}: ei selvää muutosta ({where}), {v_from} vuonna {r_from} → {v_to} "
        "vuonna {r_to}.",
        "sv": "{item}: ingen tydlig förändring ({where}), {v_from} år {r_from} → {v_to} år {r_to}.",
        "en": "{item}: no clear change ({where}), {v_from} in {r_from} → {v_to} in {r_to}.",
    },
    "change_none": {
        "fi": "Ei selvää muutosta vuodesta {r_from} vuoteen {r_to} ({where}): {items}.",
        "sv": "Ingen tydlig förändring från {r_from} till {r_to} ({where}): {items}.",
        "en": "No clear change from {r_from} to {r_to} ({where}): {items}.",
    },
    "heatmap_extremes": {
        "fi": "{where}: korkein {hi_group}, {hi_region} ({hi}); matalin {lo_group}, "
        "{lo_region} ({lo}).",
        "sv": "{where}: högst {hi_group}, {hi_region} ({hi}); lägst {lo_group}, "
        "{lo_region} ({lo}).",
        "en": "{where}: highest {hi_group}, {hi_region} ({hi}); lowest {lo_group}, "
        "{lo_region} ({lo}).",
    },
    "heatmap_untested": {
        "fi": "Vastaajaryhmien eroja ei ole testattu; pienissä ryhmissä luvut vaihtelevat "
        "sattumaltakin.",
        "sv": "Skillnaderna mellan svarandegrupperna har inte testats; i små grupper varierar "
        "siffrorna också av en slump.",
        "en": "Differences between respondent groups have not been tested; in small groups "
        "figures also vary by chance.",
    },
    "suppressed": {
        "fi": "Osa luvuista on jätetty pois, koska vastaajia oli alle {k}.",
        "sv": "En del siffror har utelämnats eftersom de svarande var färre än {k}.",
        "en": "Some figures are left out because they had fewer than {k} respondents.",
    },
    "not_tested": {
        "fi": "Alueiden eroja ei ole testattu tälle kuviolle.",
        "sv": "Skillnaderna mellan regionerna har inte testats för detta diagram.",
        "en": "Differences between the regions have not been tested for this chart.",
    },
    "activation_region": {
        "fi": "{region} {round}: mediaanikunta {median}, kunnittain {low}–{high}.",
        "sv": "{region} {round}: mediankommunen {median}, per kommun {low}–{high}.",
        "en": "{region} {round}: median municipality {median}, municipalities range {low}–{high}.",
    },
    "activation_change": {
        "fi": "{region}: mediaanikunta {v_from} vuonna {r_from} → {v_to} vuonna {r_to}.",
        "sv": "{region}: mediankommunen {v_from} år {r_from} → {v_to} år {r_to}.",
        "en": "{region}: median municipality {v_from} in {r_from} → {v_to} in {r_to}.",
    },
    "suppressed_activation": {
        "fi": "Osa kuntien luvuista on jätetty pois, koska ne perustuvat alle {k} henkilöön.",
        "sv": "En del kommunala siffror har utelämnats eftersom de bygger på färre än {k} "
        "personer.",
        "en": "Some municipal figures are left out because they rest on fewer than {k} people.",
    },
    "activation_note": {
        "fi": "Kuntien koot vaihtelevat paljon; siksi alueet kuvataan mediaanilla ja "
        "vaihteluvälillä. Eroja ei ole testattu.",
        "sv": "Kommunerna är mycket olika stora; därför beskrivs regionerna med median och "
        "variationsvidd. Skillnaderna har inte testats.",
        "en": "Municipalities differ greatly in size, so regions are described by the median "
        "and range. Differences have not been tested.",
    },
    "no_data": {
        "fi": "Kuviolle ei ole julkaistavia lukuja.",
        "sv": "Det finns inga siffror att publicera för diagrammet.",
        "en": "There are no publishable figures for this chart.",
    },
}

# Default discussion prompts per chart family (a pack may replace them with its own).
PROMPTS: dict[str, dict[str, list[str]]] = {
    "diverging": {
        "fi": [
            "Vastaako jakauma sitä, mitä näette omassa työssänne?",
            "Miksi osa vastaajista ei osannut sanoa? Keneltä tieto puuttuu?",
        ],
        "sv": [
            "Stämmer fördelningen med det ni ser i ert arbete?",
            "Varför kunde en del inte säga? Vem saknar kunskap om gruppen?",
        ],
        "en": [
            "Does this distribution match what you see in your work?",
            "Why could some respondents not say? Who lacks knowledge of this group?",
        ],
    },
    "regional_dots": {
        "fi": [
            "Missä alueiden erot ovat selviä, ja mikä voisi selittää ne?",
            "Mitä voisimme oppia alueelta, jolla tilanne arvioitiin parhaaksi?",
        ],
        "sv": [
            "Var är skillnaderna mellan regionerna tydliga, och vad kan förklara dem?",
            "Vad kan vi lära oss av regionen där läget bedömdes bäst?",
        ],
        "en": [
            "Where are the differences between regions clear, and what might explain them?",
            "What could we learn from the region where the situation was rated best?",
        ],
    },
    "ranking": {
        "fi": [
            "Kenen tilanne huolestuttaa teitä eniten, ja miksi?",
            "Puuttuuko listalta ryhmä, jonka tilanteesta pitäisi puhua?",
        ],
        "sv": [
            "Vilken grupps läge oroar er mest, och varför?",
            "Saknas en grupp på listan som vi borde tala om?",
        ],
        "en": [
            "Whose situation worries you most, and why?",
            "Is a group missing from this list that we should talk about?",
        ],
    },
    "balance": {
        "fi": [
            "Mikä on muuttunut, ja mistä muutos johtuu?",
            "Mitä voisimme tehdä, jotta suunta kääntyisi parempaan?",
        ],
        "sv": [
            "Vad har förändrats, och vad beror förändringen på?",
            "Vad kan vi göra för att vända utvecklingen i rätt riktning?",
        ],
        "en": [
            "What has changed, and what caused the change?",
            "What could we do to turn the direction for the better?",
        ],
    },
    "trend": {
        "fi": [
            "Mitkä muutokset ajan mittaan ovat todellisia, ja mitä niiden takana on?",
            "Mitä odotamme seuraavan kierroksen näyttävän?",
        ],
        "sv": [
            "Vilka förändringar över tid är verkliga, och vad ligger bakom dem?",
            "Vad väntar vi oss att nästa omgång visar?",
        ],
        "en": [
            "Which changes over time are real, and what lies behind them?",
            "What do we expect the next round to show?",
        ],
    },
    "heatmap": {
        "fi": [
            "Näkevätkö eri vastaajaryhmät tilanteen eri tavoin? Miksi?",
            "Kenen näkökulma puuttuu tästä kuvasta?",
        ],
        "sv": [
            "Ser olika svarandegrupper läget på olika sätt? Varför?",
            "Vems perspektiv saknas i bilden?",
        ],
        "en": [
            "Do different respondent groups see the situation differently? Why?",
            "Whose perspective is missing from this picture?",
        ],
    },
    "activation": {
        "fi": [
            "Mikä selittää kuntien väliset erot?",
            "Mitä voimavaroja aktivointityössä tarvittaisiin lisää?",
        ],
        "sv": [
            "Vad förklarar skillnaderna mellan kommunerna?",
            "Vilka resurser behövs mer i aktiveringsarbetet?",
        ],
        "en": [
            "What explains the differences between municipalities?",
            "What resources does activation work need more of?",
        ],
    },
}

# Excel workbook.
EXCEL: dict[str, Texts] = {
    "readme_sheet": {"fi": "Lue minut", "sv": "Läs mig", "en": "Read me"},
    "item": {"fi": "Kysymys", "sv": "Fråga", "en": "Question"},
    "round": {"fi": "Vuosi", "sv": "År", "en": "Year"},
    "statistic": {"fi": "Tunnusluku", "sv": "Mått", "en": "Statistic"},
    "column": {"fi": "Sarake", "sv": "Kolumn", "en": "Column"},
    "meaning": {"fi": "Selitys", "sv": "Förklaring", "en": "Meaning"},
    "mean": {"fi": "Keskiarvo (1–5)", "sv": "Medelvärde (1–5)", "en": "Mean (1–5)"},
    "top2_share": {
        "fi": "Myönteiset (4–5), %",
        "sv": "Positiva (4–5), %",
        "en": "Positive (4–5), %",
    },
    "bottom2_share": {
        "fi": "Kielteiset (1–2), %",
        "sv": "Negativa (1–2), %",
        "en": "Negative (1–2), %",
    },
    "dont_know_share": {
        "fi": "En osaa sanoa, %",
        "sv": "Kan inte säga, %",
        "en": "Don't know, %",
    },
    "balance": {
        "fi": "Saldoluku (paranee − heikkenee)",
        "sv": "Saldotal (förbättrats − försämrats)",
        "en": "Balance figure (improved − worsened)",
    },
}

EXCEL_README: dict[str, list[tuple[str, str]]] = {
    "fi": [
        (
            "{item}",
            "Kysymyksen kohde (väestöryhmä tai palvelu); kysymyksen sanamuoto on lohkon otsikossa.",
        ),
        ("{round}", "Kyselykierroksen vuosi."),
        (
            "{statistic}",
            "Mitä luku kuvaa: keskiarvo asteikolla 1–5, myönteisten (4–5) tai "
            "kielteisten (1–2) vastausten osuus, 'en osaa sanoa' -vastausten osuus tai "
            "saldoluku (paranemista arvioineiden osuus miinus heikkenemistä arvioineiden "
            "osuus).",
        ),
        (
            "<alue>",
            "Arvio alueella. Osuudet ovat prosentteja niistä, jotka ottivat kantaa "
            "('en osaa sanoa' -osuus kaikista vastanneista).",
        ),
        ("n", "Luvun takana olevien vastaajien määrä."),
        ("<{k}", "Alle {k} vastaajaa, tai luvusta voisi päätellä sellaisen: lukua ei julkaista."),
    ],
    "sv": [
        (
            "{item}",
            "Frågans föremål (befolkningsgrupp eller tjänst); frågans ordalydelse står "
            "i blockets rubrik.",
        ),
        ("{round}", "Enkätomgångens år."),
        (
            "{statistic}",
            "Vad siffran beskriver: medelvärde på skalan 1–5, andelen positiva "
            "(4–5) eller negativa (1–2) svar, andelen 'kan inte säga' eller saldotal (andelen "
            "som sett en förbättring minus andelen som sett en försämring).",
        ),
        (
            "<region>",
            "Skattningen i regionen. Andelarna är procent av dem som tog ställning "
            "(andelen 'kan inte säga' av alla som svarade).",
        ),
        ("n", "Antalet svarande bakom siffran."),
        (
            "<{k}",
            "Färre än {k} svarande, eller siffran skulle avslöja en sådan cell: siffran "
            "publiceras inte.",
        ),
    ],
    "en": [
        (
            "{item}",
            "What the question is about (population group or service); the question "
            "wording is in the block's heading.",
        ),
        ("{round}", "Year of the survey round."),
        (
            "{statistic}",
            "What the figure describes: mean on the 1–5 scale, share of positive "
            "(4–5) or negative (1–2) answers, share of 'don't know' answers, or the balance "
            "figure (share who saw improvement minus share who saw deterioration).",
        ),
        (
            "<region>",
            "The estimate in the region. Shares are percent of those who gave an "
            "opinion (the 'don't know' share is of everyone who answered).",
        ),
        ("n", "Number of respondents behind the figure."),
        (
            "<{k}",
            "Fewer than {k} respondents, or the figure would reveal such a cell: it is "
            "not published.",
        ),
    ],
}
EXCEL_DESIGN = {"fi": "Asetelma", "sv": "Design", "en": "Design"}


def ui(key: str, language: str, **fields: Any) -> str:
    text = UI[key][language]
    return text.format(**fields) if fields else text


def finding(key: str, language: str, **fields: Any) -> str:
    return FINDINGS[key][language].format(**fields)


def prompts(family: str, language: str) -> list[str]:
    base = "activation" if family.startswith("activation") else family
    return list(PROMPTS[base][language])


def join_words(words: list[str], language: str) -> str:
    """'A, B and C' in the language."""
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + f" {UI['and'][language]} " + words[-1]
