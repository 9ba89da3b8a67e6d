"""Texts of the figure packs (PDF handout, slide deck, Excel workbook): title page, the "how
to read" page, finding templates, discussion prompts and workbook headers, in fi, sv, en.

A table of texts only (three languages per key), hence its length."""

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
    "packs.finding.diff_all": {
        "fi": "{item}: selvä ero alueiden välillä – {values}.",
        "sv": "{item}: tydlig skillnad mellan regionerna – {values}.",
        "en": "{item}: a clear difference between the regions – {values}.",
    },
    "packs.finding.diff_region_high": {
        "fi": "{item}: selvä ero alueiden välillä; {region} on korkein ({values}).",
        "sv": "{item}: tydlig skillnad mellan regionerna; {region} ligger högst ({values}).",
        "en": "{item}: a clear difference between the regions; {region} is highest ({values}).",
    },
    "packs.finding.diff_region_low": {
        "fi": "{item}: selvä ero alueiden välillä; {region} on matalin ({values}).",
        "sv": "{item}: tydlig skillnad mellan regionerna; {region} ligger lägst ({values}).",
        "en": "{item}: a clear difference between the regions; {region} is lowest ({values}).",
    },
    "packs.finding.diff_region_mid": {
        "fi": "{item}: selvä ero alueiden välillä; {region} on keskivaiheilla ({values}).",
        "sv": "{item}: tydlig skillnad mellan regionerna; {region} ligger i mitten ({values}).",
        "en": (
            "{item}: a clear difference between the regions; {region} is in the middle ({values})."
        ),
    },
    "packs.finding.adjusted_yes": {
        "fi": "Ero säilyy, kun vastaajaryhmät huomioidaan.",
        "sv": "Skillnaden kvarstår med hänsyn till svarandegrupperna.",
        "en": "The difference remains when respondent groups are taken into account.",
    },
    "packs.finding.adjusted_no": {
        "fi": "Kun vastaajaryhmät huomioidaan, selvää eroa ei ole.",
        "sv": "Med hänsyn till svarandegrupperna finns ingen tydlig skillnad.",
        "en": "Taking respondent groups into account, there is no clear difference.",
    },
    "packs.finding.adjusted_only": {
        "fi": "{item}: kun vastaajaryhmät huomioidaan, alueiden välillä on selvä ero.",
        "sv": (
            "{item}: med hänsyn till svarandegrupperna finns en tydlig skillnad mellan regionerna."
        ),
        "en": (
            "{item}: taking respondent groups into account, there is a clear difference "
            "between the regions."
        ),
    },
    "packs.finding.no_diff_items": {
        "fi": "Ei selvää eroa alueiden välillä: {items}.",
        "sv": "Ingen tydlig skillnad mellan regionerna: {items}.",
        "en": "No clear difference between the regions: {items}.",
    },
    "packs.finding.no_diff_one": {
        "fi": "Alueiden välillä ei ole selvää eroa.",
        "sv": "Ingen tydlig skillnad mellan regionerna.",
        "en": "No clear difference between the regions.",
    },
    "packs.finding.diff_one": {
        "fi": "Vastaukset eroavat selvästi alueiden välillä.",
        "sv": "Svaren skiljer sig tydligt mellan regionerna.",
        "en": "The answers differ clearly between the regions.",
    },
    "packs.finding.extremes_all": {
        "fi": (
            "Kaikilla alueilla yhteensä korkein arvio: {hi_item} ({hi}), matalin: {lo_item} ({lo})."
        ),
        "sv": "I alla regioner sammantaget högst: {hi_item} ({hi}), lägst: {lo_item} ({lo}).",
        "en": "Across all regions the highest is {hi_item} ({hi}), the lowest {lo_item} ({lo}).",
    },
    "packs.finding.extremes_region": {
        "fi": "{region}: korkein arvio {hi_item} ({hi}), matalin {lo_item} ({lo}).",
        "sv": "{region}: högst {hi_item} ({hi}), lägst {lo_item} ({lo}).",
        "en": "{region}: the highest is {hi_item} ({hi}), the lowest {lo_item} ({lo}).",
    },
    "packs.finding.ranking_top": {
        "fi": "{where}: parhaiten arvioidut {items}.",
        "sv": "{where}: bäst bedömda {items}.",
        "en": "{where}: rated highest {items}.",
    },
    "packs.finding.ranking_bottom": {
        "fi": "Heikoimmin arvioidut: {items}.",
        "sv": "Sämst bedömda: {items}.",
        "en": "Rated lowest: {items}.",
    },
    "packs.finding.ranking_top_balance": {
        "fi": "{where}: korkein saldoluku {items}.",
        "sv": "{where}: högst saldotal {items}.",
        "en": "{where}: highest balance figure {items}.",
    },
    "packs.finding.ranking_bottom_balance": {
        "fi": "Matalin saldoluku: {items}.",
        "sv": "Lägst saldotal: {items}.",
        "en": "Lowest balance figure: {items}.",
    },
    "packs.finding.diff_items": {
        "fi": "Alueiden välillä on selvä ero: {items}.",
        "sv": "Tydlig skillnad mellan regionerna: {items}.",
        "en": "A clear difference between the regions: {items}.",
    },
    "packs.finding.no_diff_any": {
        "fi": "Millään näistä alueiden välillä ei ole selvää eroa.",
        "sv": "Ingen tydlig skillnad mellan regionerna för någon av dessa.",
        "en": "No clear difference between the regions for any of these.",
    },
    "packs.finding.extremes_all_balance": {
        "fi": (
            "Kaikilla alueilla yhteensä korkein saldoluku: {hi_item} ({hi}), matalin: "
            "{lo_item} ({lo})."
        ),
        "sv": (
            "I alla regioner sammantaget högst saldotal: {hi_item} ({hi}), lägst: {lo_item} ({lo})."
        ),
        "en": (
            "Across all regions the highest balance figure is {hi_item} ({hi}), the lowest "
            "{lo_item} ({lo})."
        ),
    },
    "packs.finding.extremes_region_balance": {
        "fi": "{region}: korkein saldoluku {hi_item} ({hi}), matalin {lo_item} ({lo}).",
        "sv": "{region}: högst saldotal {hi_item} ({hi}), lägst {lo_item} ({lo}).",
        "en": (
            "{region}: the highest balance figure is {hi_item} ({hi}), the lowest {lo_item} ({lo})."
        ),
    },
    "packs.finding.heatmap_extremes_region": {
        "fi": "{where}, {region}: korkein {hi_group} ({hi}), matalin {lo_group} ({lo}).",
        "sv": "{where}, {region}: högst {hi_group} ({hi}), lägst {lo_group} ({lo}).",
        "en": "{where}, {region}: highest {hi_group} ({hi}), lowest {lo_group} ({lo}).",
    },
    "packs.finding.dont_know": {
        "fi": "Moni ei osannut sanoa ({where}): {items}.",
        "sv": "Många kunde inte säga ({where}): {items}.",
        "en": "Many could not say ({where}): {items}.",
    },
    "packs.finding.shares_region": {
        "fi": "{region}: {top} vastasi {top_label}, {bottom} {bottom_label}.",
        "sv": "{region}: {top} svarade {top_label}, {bottom} {bottom_label}.",
        "en": "{region}: {top} answered {top_label}, {bottom} {bottom_label}.",
    },
    "packs.finding.balance_region": {
        "fi": "{region}: saldoluku {value}.",
        "sv": "{region}: saldotal {value}.",
        "en": "{region}: balance figure {value}.",
    },
    "packs.finding.trend_item": {
        "fi": "{item} ({where}): {spans}.",
        "sv": "{item} ({where}): {spans}.",
        "en": "{item} ({where}): {spans}.",
    },
    "packs.finding.trend_clear": {
        "fi": "{direction} {span} ({v_from} → {v_to})",
        "sv": "{direction} {span} ({v_from} → {v_to})",
        "en": "{direction} {span} ({v_from} → {v_to})",
    },
    "packs.finding.trend_unclear": {
        "fi": "{span} ei selvää muutosta",
        "sv": "{span} ingen tydlig förändring",
        "en": "{span} no clear change",
    },
    "packs.finding.trend_better": {"fi": "parantunut", "sv": "förbättrats", "en": "improved"},
    "packs.finding.trend_worse": {"fi": "heikentynyt", "sv": "försämrats", "en": "worsened"},
    "packs.finding.trend_none": {
        "fi": "Ei selvää muutosta ({where}; {spans}): {items}.",
        "sv": "Ingen tydlig förändring ({where}; {spans}): {items}.",
        "en": "No clear change ({where}; {spans}): {items}.",
    },
    "packs.finding.heatmap_extremes": {
        "fi": (
            "{where}: korkein {hi_group}, {hi_region} ({hi}); matalin {lo_group}, "
            "{lo_region} ({lo})."
        ),
        "sv": (
            "{where}: högst {hi_group}, {hi_region} ({hi}); lägst {lo_group}, {lo_region} ({lo})."
        ),
        "en": (
            "{where}: highest {hi_group}, {hi_region} ({hi}); lowest {lo_group}, {lo_region} "
            "({lo})."
        ),
    },
    "packs.finding.heatmap_untested": {
        "fi": (
            "Vastaajaryhmien eroja ei ole testattu; pienissä ryhmissä luvut vaihtelevat "
            "sattumaltakin."
        ),
        "sv": (
            "Skillnaderna mellan svarandegrupperna har inte testats; i små grupper varierar "
            "siffrorna också av en slump."
        ),
        "en": (
            "Differences between respondent groups have not been tested; in small groups "
            "figures also vary by chance."
        ),
    },
    "packs.finding.suppressed": {
        "fi": "Osa luvuista on jätetty pois, koska vastaajia oli alle {k}.",
        "sv": "En del siffror har utelämnats eftersom de svarande var färre än {k}.",
        "en": "Some figures are left out because they had fewer than {k} respondents.",
    },
    "packs.finding.not_tested": {
        "fi": "Alueiden eroja ei ole testattu tälle kuviolle.",
        "sv": "Skillnaderna mellan regionerna har inte testats för detta diagram.",
        "en": "Differences between the regions have not been tested for this chart.",
    },
    "packs.finding.activation_region": {
        "fi": "{region} {round}: mediaanikunta {median}, kunnittain {low}–{high}.",
        "sv": "{region} {round}: mediankommunen {median}, per kommun {low}–{high}.",
        "en": (
            "{region} {round}: median municipality {median}, municipalities range {low}–{high}."
        ),
    },
    "packs.finding.activation_change": {
        "fi": "{region}: mediaanikunta {v_from} vuonna {r_from} → {v_to} vuonna {r_to}.",
        "sv": "{region}: mediankommunen {v_from} år {r_from} → {v_to} år {r_to}.",
        "en": "{region}: median municipality {v_from} in {r_from} → {v_to} in {r_to}.",
    },
    "packs.finding.suppressed_activation": {
        "fi": "Osa kuntien luvuista on jätetty pois, koska ne perustuvat alle {k} henkilöön.",
        "sv": (
            "En del kommunala siffror har utelämnats eftersom de bygger på färre än {k} personer."
        ),
        "en": "Some municipal figures are left out because they rest on fewer than {k} people.",
    },
    "packs.finding.activation_note": {
        "fi": (
            "Kuntien koot vaihtelevat paljon; siksi alueet kuvataan mediaanilla ja "
            "vaihteluvälillä. Eroja ei ole testattu."
        ),
        "sv": (
            "Kommunerna är mycket olika stora; därför beskrivs regionerna med median och "
            "variationsvidd. Skillnaderna har inte testats."
        ),
        "en": (
            "Municipalities differ greatly in size, so regions are described by the median "
            "and range. Differences have not been tested."
        ),
    },
    "packs.finding.no_data": {
        "fi": "Kuviolle ei ole julkaistavia lukuja.",
        "sv": "Det finns inga siffror att publicera för diagrammet.",
        "en": "There are no publishable figures for this chart.",
    },
    "packs.prompt.diverging.1": {
        "fi": "Vastaako jakauma sitä, mitä näette omassa työssänne?",
        "sv": "Stämmer fördelningen med det ni ser i ert arbete?",
        "en": "Does this distribution match what you see in your work?",
    },
    "packs.prompt.diverging.2": {
        "fi": "Miksi osa vastaajista ei osannut sanoa? Keneltä tieto puuttuu?",
        "sv": "Varför kunde en del inte säga? Vem saknar kunskap om gruppen?",
        "en": "Why could some respondents not say? Who lacks knowledge of this group?",
    },
    "packs.prompt.regional_dots.1": {
        "fi": "Missä alueiden erot ovat selviä, ja mikä voisi selittää ne?",
        "sv": "Var är skillnaderna mellan regionerna tydliga, och vad kan förklara dem?",
        "en": "Where are the differences between regions clear, and what might explain them?",
    },
    "packs.prompt.regional_dots.2": {
        "fi": "Mitä voisimme oppia alueelta, jolla tilanne arvioitiin parhaaksi?",
        "sv": "Vad kan vi lära oss av regionen där läget bedömdes bäst?",
        "en": "What could we learn from the region where the situation was rated best?",
    },
    "packs.prompt.ranking.1": {
        "fi": "Kenen tilanne huolestuttaa teitä eniten, ja miksi?",
        "sv": "Vilken grupps läge oroar er mest, och varför?",
        "en": "Whose situation worries you most, and why?",
    },
    "packs.prompt.ranking.2": {
        "fi": "Puuttuuko listalta ryhmä, jonka tilanteesta pitäisi puhua?",
        "sv": "Saknas en grupp på listan som vi borde tala om?",
        "en": "Is a group missing from this list that we should talk about?",
    },
    "packs.prompt.balance.1": {
        "fi": "Mikä on muuttunut, ja mistä muutos johtuu?",
        "sv": "Vad har förändrats, och vad beror förändringen på?",
        "en": "What has changed, and what caused the change?",
    },
    "packs.prompt.balance.2": {
        "fi": "Mitä voisimme tehdä, jotta suunta kääntyisi parempaan?",
        "sv": "Vad kan vi göra för att vända utvecklingen i rätt riktning?",
        "en": "What could we do to turn the direction for the better?",
    },
    "packs.prompt.trend.1": {
        "fi": "Mitkä muutokset ajan mittaan ovat todellisia, ja mitä niiden takana on?",
        "sv": "Vilka förändringar över tid är verkliga, och vad ligger bakom dem?",
        "en": "Which changes over time are real, and what lies behind them?",
    },
    "packs.prompt.trend.2": {
        "fi": "Mitä odotamme seuraavan kierroksen näyttävän?",
        "sv": "Vad väntar vi oss att nästa omgång visar?",
        "en": "What do we expect the next round to show?",
    },
    "packs.prompt.heatmap.1": {
        "fi": "Näkevätkö eri vastaajaryhmät tilanteen eri tavoin? Miksi?",
        "sv": "Ser olika svarandegrupper läget på olika sätt? Varför?",
        "en": "Do different respondent groups see the situation differently? Why?",
    },
    "packs.prompt.heatmap.2": {
        "fi": "Kenen näkökulma puuttuu tästä kuvasta?",
        "sv": "Vems perspektiv saknas i bilden?",
        "en": "Whose perspective is missing from this picture?",
    },
    "packs.prompt.activation.1": {
        "fi": "Mikä selittää kuntien väliset erot?",
        "sv": "Vad förklarar skillnaderna mellan kommunerna?",
        "en": "What explains the differences between municipalities?",
    },
    "packs.prompt.activation.2": {
        "fi": "Mitä voimavaroja aktivointityössä tarvittaisiin lisää?",
        "sv": "Vilka resurser behövs mer i aktiveringsarbetet?",
        "en": "What resources does activation work need more of?",
    },
    "packs.excel.readme_sheet": {
        "fi": "Lue minut",
        "sv": "Läs mig",
        "en": "Read me",
    },
    "packs.excel.item": {
        "fi": "Kysymys",
        "sv": "Fråga",
        "en": "Question",
    },
    "packs.excel.round": {
        "fi": "Vuosi",
        "sv": "År",
        "en": "Year",
    },
    "packs.excel.statistic": {
        "fi": "Tunnusluku",
        "sv": "Mått",
        "en": "Statistic",
    },
    "packs.excel.column": {
        "fi": "Sarake",
        "sv": "Kolumn",
        "en": "Column",
    },
    "packs.excel.meaning": {
        "fi": "Selitys",
        "sv": "Förklaring",
        "en": "Meaning",
    },
    "packs.excel.mean": {
        "fi": "Keskiarvo ({scale})",
        "sv": "Medelvärde ({scale})",
        "en": "Mean ({scale})",
    },
    "packs.excel.top2_share": {
        "fi": "Myönteiset ({codes}), %",
        "sv": "Positiva ({codes}), %",
        "en": "Positive ({codes}), %",
    },
    "packs.excel.bottom2_share": {
        "fi": "Kielteiset ({codes}), %",
        "sv": "Negativa ({codes}), %",
        "en": "Negative ({codes}), %",
    },
    "packs.excel.dont_know_share": {
        "fi": "En osaa sanoa, %",
        "sv": "Kan inte säga, %",
        "en": "Don't know, %",
    },
    "packs.excel.balance": {
        "fi": "Saldoluku (paranee − heikkenee)",
        "sv": "Saldotal (förbättrats − försämrats)",
        "en": "Balance figure (improved − worsened)",
    },
    "packs.excel.change_sheet": {
        "fi": "Muutos {span}",
        "sv": "Förändring {span}",
        "en": "Change {span}",
    },
    "packs.excel.change_title": {
        "fi": "Muutos {span}",
        "sv": "Förändring {span}",
        "en": "Change {span}",
    },
    "packs.excel.change_note": {
        "fi": (
            "Muutos = vuoden {r_to} luku miinus vuoden {r_from} luku. Selvä = muutos ei "
            "todennäköisesti johdu sattumasta (Benjaminin–Hochbergin korjaus). <{k} = alle "
            "{k} vastaajaa, lukua ei julkaista."
        ),
        "sv": (
            "Förändring = talet för {r_to} minus talet för {r_from}. Tydlig = förändringen "
            "beror sannolikt inte på slumpen (Benjamini–Hochberg-korrigering). <{k} = färre "
            "än {k} svarande, siffran publiceras inte."
        ),
        "en": (
            "Change = the {r_to} figure minus the {r_from} figure. Clear = the change is "
            "unlikely to be chance (Benjamini–Hochberg correction). <{k} = fewer than {k} "
            "respondents, not published."
        ),
    },
    "packs.excel.change": {"fi": "muutos", "sv": "förändring", "en": "change"},
    "packs.excel.clear": {"fi": "selvä", "sv": "tydlig", "en": "clear"},
    "packs.excel.clear_mark": {"fi": "selvä", "sv": "tydlig", "en": "clear"},
    "packs.excel.design": {
        "fi": "Asetelma",
        "sv": "Design",
        "en": "Design",
    },
    "packs.excel_readme.item.column": {
        "fi": "{item}",
        "sv": "{item}",
        "en": "{item}",
    },
    "packs.excel_readme.item.meaning": {
        "fi": (
            "Kysymyksen kohde (väestöryhmä tai palvelu); kysymyksen sanamuoto on lohkon otsikossa."
        ),
        "sv": (
            "Frågans föremål (befolkningsgrupp eller tjänst); frågans ordalydelse står i "
            "blockets rubrik."
        ),
        "en": (
            "What the question is about (population group or service); the question wording "
            "is in the block's heading."
        ),
    },
    "packs.excel_readme.round.column": {
        "fi": "{round}",
        "sv": "{round}",
        "en": "{round}",
    },
    "packs.excel_readme.round.meaning": {
        "fi": "Kyselykierroksen vuosi.",
        "sv": "Enkätomgångens år.",
        "en": "Year of the survey round.",
    },
    "packs.excel_readme.statistic.column": {
        "fi": "{statistic}",
        "sv": "{statistic}",
        "en": "{statistic}",
    },
    "packs.excel_readme.statistic.meaning": {
        "fi": (
            "Mitä luku kuvaa: keskiarvo asteikolla {scale}, myönteisten ({top}) tai "
            "kielteisten ({bottom}) vastausten osuus, 'en osaa sanoa' -vastausten osuus tai "
            "saldoluku (paranemista arvioineiden osuus miinus heikkenemistä arvioineiden "
            "osuus)."
        ),
        "sv": (
            "Vad siffran beskriver: medelvärde på skalan {scale}, andelen positiva ({top}) "
            "eller negativa ({bottom}) svar, andelen 'kan inte säga' eller saldotal (andelen "
            "som sett en förbättring minus andelen som sett en försämring)."
        ),
        "en": (
            "What the figure describes: mean on the {scale} scale, share of positive ({top}) "
            "or negative ({bottom}) answers, share of 'don't know' answers, or the balance "
            "figure (share who saw improvement minus share who saw deterioration)."
        ),
    },
    "packs.excel_readme.region.column": {
        "fi": "<alue>",
        "sv": "<region>",
        "en": "<region>",
    },
    "packs.excel_readme.region.meaning": {
        "fi": (
            "Arvio alueella. Osuudet ovat prosentteja niistä, jotka ottivat kantaa ('en osaa "
            "sanoa' -osuus kaikista vastanneista)."
        ),
        "sv": (
            "Skattningen i regionen. Andelarna är procent av dem som tog ställning (andelen "
            "'kan inte säga' av alla som svarade)."
        ),
        "en": (
            "The estimate in the region. Shares are percent of those who gave an opinion "
            "(the 'don't know' share is of everyone who answered)."
        ),
    },
    "packs.excel_readme.n.column": {
        "fi": "n",
        "sv": "n",
        "en": "n",
    },
    "packs.excel_readme.n.meaning": {
        "fi": "Luvun takana olevien vastaajien määrä.",
        "sv": "Antalet svarande bakom siffran.",
        "en": "Number of respondents behind the figure.",
    },
    "packs.excel_readme.suppressed.column": {
        "fi": "<{k}",
        "sv": "<{k}",
        "en": "<{k}",
    },
    "packs.excel_readme.suppressed.meaning": {
        "fi": "Alle {k} vastaajaa, tai luvusta voisi päätellä sellaisen: lukua ei julkaista.",
        "sv": (
            "Färre än {k} svarande, eller siffran skulle avslöja en sådan cell: siffran "
            "publiceras inte."
        ),
        "en": (
            "Fewer than {k} respondents, or the figure would reveal such a cell: it is not "
            "published."
        ),
    },
}
