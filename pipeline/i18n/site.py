"""Texts of the published web review (reports/site/)."""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    "site.title": {
        "fi": "Hyvinvointikatsaus",
        "sv": "Välfärdsöversikt",
        "en": "Well-being review",
    },
    "site.language_name": {"fi": "Suomeksi", "sv": "På svenska", "en": "In English"},
    "site.choose_language": {
        "fi": "Valitse kieli",
        "sv": "Välj språk",
        "en": "Choose a language",
    },
    "site.languages": {"fi": "Kieli", "sv": "Språk", "en": "Language"},
    "site.skip": {"fi": "Siirry sisältöön", "sv": "Gå till innehållet", "en": "Skip to content"},
    "site.home": {"fi": "Etusivu", "sv": "Startsida", "en": "Home"},
    "site.index_intro": {
        "fi": "Alueiden hyvinvointibarometrin tulokset ja työpajojen tulkinnat. Luvut ovat "
        "asiantuntijoiden ja päättäjien arvioita; työpajojen tulkinnat ja ehdotukset on "
        "merkitty erikseen.",
        "sv": "Resultaten av regionernas välfärdsbarometer och workshoparnas tolkningar. "
        "Siffrorna är experters och beslutsfattares bedömningar; workshoparnas tolkningar och "
        "förslag är märkta för sig.",
        "en": "Results of the regional welfare barometer and the workshops' interpretations. "
        "The numbers are assessments by experts and decision-makers; the workshops' "
        "interpretations and proposals are marked separately.",
    },
    "site.regions": {"fi": "Alueet", "sv": "Regioner", "en": "Regions"},
    "site.themes": {"fi": "Teemat", "sv": "Teman", "en": "Themes"},
    "site.theme_in": {
        "fi": "{theme}: alueittain",
        "sv": "{theme}: per region",
        "en": "{theme}: by region",
    },
    "site.pack_summary": {
        "fi": "{charts} kuviota, {proposals} työpajan kehittämisehdotusta",
        "sv": "{charts} diagram, {proposals} utvecklingsförslag från workshopen",
        "en": "{charts} charts, {proposals} development proposals from the workshop",
    },
    "site.contents": {"fi": "Sisältö", "sv": "Innehåll", "en": "Contents"},
    "site.key_findings": {
        "fi": "Keskeiset havainnot",
        "sv": "Viktiga iakttagelser",
        "en": "Key findings",
    },
    "site.what_it_shows": {
        "fi": "Mitä kuvio kertoo",
        "sv": "Vad diagrammet visar",
        "en": "What the chart shows",
    },
    "site.chart_alt": {
        "fi": "{title}. {findings}",
        "sv": "{title}. {findings}",
        "en": "{title}. {findings}",
    },
    "site.workshop_title": {
        "fi": "Työpajan tulkinnat",
        "sv": "Workshopens tolkningar",
        "en": "The workshop's interpretations",
    },
    "site.workshop_note": {
        "fi": "Työpajan osallistujien näkemyksiä, eivät kyselyn tuloksia.",
        "sv": "Deltagarnas synpunkter i workshopen, inte enkätens resultat.",
        "en": "Views of the workshop's participants, not results of the survey.",
    },
    "site.about": {"fi": "Havainto", "sv": "Iakttagelse", "en": "Finding"},
    "site.interpretation": {"fi": "Tulkinta", "sv": "Tolkning", "en": "Interpretation"},
    "site.lived": {
        "fi": "Kokemusasiantuntijan näkökulma",
        "sv": "Erfarenhetsexpertens synvinkel",
        "en": "Lived-experience view",
    },
    "site.proposal": {
        "fi": "Kehittämisehdotus",
        "sv": "Utvecklingsförslag",
        "en": "Development proposal",
    },
    "site.who": {"fi": "Kenen pitäisi toimia", "sv": "Vem borde agera", "en": "Who should act"},
    "site.perspective": {"fi": "Näkökulma", "sv": "Perspektiv", "en": "Perspective"},
    "site.no_perspective": {"fi": "ei kerrottu", "sv": "inte angivet", "en": "not given"},
    "site.priority": {"fi": "Kiireellisyys", "sv": "Prioritet", "en": "Priority"},
    "site.changed": {
        "fi": "Tulkittu aiempien lukujen pohjalta: kuvion luvut ovat muuttuneet työpajan jälkeen.",
        "sv": "Tolkat utifrån tidigare siffror: diagrammets siffror har ändrats efter workshopen.",
        "en": "Interpreted against earlier numbers: the chart's numbers have changed since the "
        "workshop.",
    },
    "site.written_in": {
        "fi": "Työpaja kirjoitti tekstinsä kielellä: {language}.",
        "sv": "Workshopen skrev sina texter på: {language}.",
        "en": "The workshop wrote its texts in: {language}.",
    },
    "site.lang_fi": {"fi": "suomi", "sv": "finska", "en": "Finnish"},
    "site.lang_sv": {"fi": "ruotsi", "sv": "svenska", "en": "Swedish"},
    "site.lang_en": {"fi": "englanti", "sv": "engelska", "en": "English"},
    "site.proposals_title": {
        "fi": "Kehittämisehdotukset kiireellisyyden mukaan",
        "sv": "Utvecklingsförslag efter prioritet",
        "en": "Development proposals by priority",
    },
    "site.priority_n": {
        "fi": "Kiireellisyys {n}",
        "sv": "Prioritet {n}",
        "en": "Priority {n}",
    },
    "site.priority_none": {
        "fi": "Kiireellisyyttä ei arvioitu",
        "sv": "Prioritet inte bedömd",
        "en": "Priority not assessed",
    },
    "site.priority_scale": {
        "fi": "1 = kiireellisin, 3 = vähiten kiireellinen.",
        "sv": "1 = mest brådskande, 3 = minst brådskande.",
        "en": "1 = most urgent, 3 = least urgent.",
    },
    "site.no_workshop": {
        "fi": "Tämän alueen työpajan tulkintoja ei ole (vielä) julkaistu.",
        "sv": "Workshopens tolkningar för den här regionen har inte (ännu) publicerats.",
        "en": "No interpretations of this region's workshop have been published (yet).",
    },
    "site.to_chart": {
        "fi": "Kuvioon: {title}",
        "sv": "Till diagrammet: {title}",
        "en": "To the chart: {title}",
    },
    "site.numbers_title": {
        "fi": "Luvut taulukkona",
        "sv": "Siffrorna i tabellform",
        "en": "The numbers as a table",
    },
    "site.table_caption": {
        "fi": "{theme}: {statistic} alueittain vuonna {round}. {note}",
        "sv": "{theme}: {statistic} per region år {round}. {note}",
        "en": "{theme}: {statistic} by region, {round}. {note}",
    },
    "site.suppressed_note": {
        "fi": "”<{k}” = alle {k} vastaajaa, lukua ei julkaista.",
        "sv": "”<{k}” = färre än {k} svarande, siffran publiceras inte.",
        "en": "“<{k}” = fewer than {k} respondents, not published.",
    },
    "site.item": {"fi": "Kohde", "sv": "Objekt", "en": "Item"},
    "site.stat_mean": {"fi": "keskiarvo (1–5)", "sv": "medelvärde (1–5)", "en": "mean (1–5)"},
    "site.stat_balance": {
        "fi": "saldoluku (−100…+100)",
        "sv": "saldotal (−100…+100)",
        "en": "balance (−100…+100)",
    },
    "site.stat_mixed": {
        "fi": "keskiarvo tai saldoluku",
        "sv": "medelvärde eller saldotal",
        "en": "mean or balance",
    },
    "site.how_title": {
        "fi": "Näin luet tuloksia",
        "sv": "Så läser du resultaten",
        "en": "How to read the results",
    },
    "site.how_1": {
        "fi": "Vastaajat ovat alueen asiantuntijoita ja päättäjiä. Luvut kertovat heidän "
        "arvioistaan, eivät väestön omista kokemuksista.",
        "sv": "De svarande är regionens experter och beslutsfattare. Siffrorna visar deras "
        "bedömningar, inte befolkningens egna erfarenheter.",
        "en": "The respondents are the region's experts and decision-makers. The numbers show "
        "their assessments, not the population's own experiences.",
    },
    "site.how_2": {
        "fi": "Keskiarvo on asteikolla 1–5: mitä suurempi, sitä paremmaksi tilanne arvioitiin. "
        "Saldoluku on paranemista arvioineiden osuus miinus heikkenemistä arvioineiden osuus. "
        "’En osaa sanoa’ -vastaukset eivät ole mukana luvuissa.",
        "sv": "Medelvärdet är på skalan 1–5: ju högre, desto bättre bedömdes läget. Saldotalet "
        "är andelen som bedömde en förbättring minus andelen som bedömde en försämring. "
        "Svaren ’kan inte säga’ ingår inte i siffrorna.",
        "en": "Means are on a 1–5 scale: the higher, the better the situation was rated. A "
        "balance is the share who saw an improvement minus the share who saw a worsening. "
        "‘Don’t know’ answers are not in the numbers.",
    },
    "site.how_3": {
        "fi": "Ero tai muutos sanotaan selväksi vain, kun se on tilastollisesti merkitsevä "
        "monivertailukorjauksen jälkeen. Pienet erot voivat johtua sattumasta.",
        "sv": "En skillnad eller förändring kallas tydlig bara när den är statistiskt "
        "signifikant efter korrigering för multipla jämförelser. Små skillnader kan bero på "
        "slumpen.",
        "en": "A difference or change is called clear only when it is statistically "
        "significant after correcting for multiple comparisons. Small differences may be "
        "due to chance.",
    },
    "site.how_4": {
        "fi": "Työpajan tulkinnat ja ehdotukset ovat osallistujien näkemyksiä. Ne on erotettu "
        "tilastoista ja merkitty sen mukaan, kenen näkökulmasta ne on kirjoitettu.",
        "sv": "Workshopens tolkningar och förslag är deltagarnas synpunkter. De är skilda från "
        "statistiken och märkta med ur vems perspektiv de skrevs.",
        "en": "The workshop's interpretations and proposals are the participants' views. They "
        "are set apart from the statistics and marked with the perspective they were "
        "written from.",
    },
    "site.methods_title": {"fi": "Menetelmät", "sv": "Metoder", "en": "Methods"},
    "site.methods_design": {
        "fi": "Estimointiasetelma: {design} ({details}). Keskivirheet on laskettu "
        "asetelmaperusteisesti, ja tulokset vastaavat R:n survey-paketin tuloksia.",
        "sv": "Skattningsdesign: {design} ({details}). Medelfelen är designbaserade och "
        "resultaten stämmer med R-paketet survey.",
        "en": "Estimation design: {design} ({details}). Standard errors are design-based and "
        "the results agree with R's survey package.",
    },
    "site.design_weights": {"fi": "painot", "sv": "vikter", "en": "weights"},
    "site.design_no_weights": {"fi": "ei painoja", "sv": "inga vikter", "en": "no weights"},
    "site.design_strata": {"fi": "ositus", "sv": "stratifiering", "en": "strata"},
    "site.design_fpc": {
        "fi": "äärellisen perusjoukon korjaus",
        "sv": "korrektion för ändlig population",
        "en": "finite population correction",
    },
    "site.design_calibration": {"fi": "kalibrointi", "sv": "kalibrering", "en": "calibration"},
    "site.methods_confidence": {
        "fi": "Luottamusvälit ovat {level}:n luottamusvälejä: näin lasketut välit osuvat "
        "todelliseen arvoon {level}:ssa otoksista.",
        "sv": "Konfidensintervallen har konfidensnivån {level}: intervall som beräknas så "
        "täcker det sanna värdet i {level} av urvalen.",
        "en": "Confidence intervals are at the {level} level: intervals computed this way "
        "contain the true value in {level} of samples.",
    },
    "site.methods_bh": {
        "fi": "Alueiden välisten erojen ja kierrosten välisten muutosten p-arvot on korjattu "
        "Benjaminin–Hochbergin menetelmällä; ero on selvä, kun korjattu p-arvo on alle 0,05.",
        "sv": "P-värdena för skillnader mellan regioner och förändringar mellan omgångar är "
        "korrigerade med Benjamini–Hochbergs metod; en skillnad är tydlig när det korrigerade "
        "p-värdet är under 0,05.",
        "en": "P-values of differences between regions and changes between rounds are adjusted "
        "with the Benjamini–Hochberg method; a difference is clear when the adjusted p-value "
        "is below 0.05.",
    },
    "site.methods_suppression": {
        "fi": "Lukua ei julkaista, jos sen takana on alle {k} vastaajaa, eikä silloinkaan, kun "
        "sen voisi päätellä muista luvuista (toissijainen salaus). Tällaiset solut näkyvät "
        "merkinnällä ”<{k}”.",
        "sv": "En siffra publiceras inte om färre än {k} har svarat, och inte heller när den "
        "kunde räknas ut ur andra siffror (sekundär skyddsåtgärd). Sådana celler visas som "
        "”<{k}”.",
        "en": "A number is not published when fewer than {k} answered, nor when it could be "
        "worked out from other numbers (secondary suppression). Such cells show as “<{k}”.",
    },
    "site.downloads_title": {
        "fi": "Taulukot ladattaviksi",
        "sv": "Tabeller att ladda ner",
        "en": "Tables to download",
    },
    "site.download_csv": {
        "fi": "Estimaatit CSV-tiedostona ({size})",
        "sv": "Skattningarna som CSV-fil ({size})",
        "en": "Estimates as a CSV file ({size})",
    },
    "site.download_xlsx": {
        "fi": "Estimaatit Excel-työkirjana ({size})",
        "sv": "Skattningarna som Excel-arbetsbok ({size})",
        "en": "Estimates as an Excel workbook ({size})",
    },
    "site.downloads_note": {
        "fi": "Salatut solut näkyvät tiedostoissa merkinnällä ”<{k}”.",
        "sv": "Skyddade celler visas i filerna som ”<{k}”.",
        "en": "Suppressed cells show as “<{k}” in the files.",
    },
    "site.source": {"fi": "Lähde", "sv": "Källa", "en": "Source"},
    "site.footer": {
        "fi": "Tehty welfare-barometer-putkella. Sivusto toimii ilman JavaScriptiä.",
        "sv": "Gjord med welfare-barometer-pipelinen. Webbplatsen fungerar utan JavaScript.",
        "en": "Made with the welfare-barometer pipeline. The site works without JavaScript.",
    },
}
