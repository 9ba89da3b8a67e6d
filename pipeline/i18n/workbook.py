"""Texts of the packs' Excel workbook: sheet names, column headers and the read-me sheet, in fi,
sv, en."""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    "workbook.readme_sheet": {
        "fi": "Lue minut",
        "sv": "Läs mig",
        "en": "Read me",
    },
    "workbook.item": {
        "fi": "Kysymys",
        "sv": "Fråga",
        "en": "Question",
    },
    "workbook.round": {
        "fi": "Vuosi",
        "sv": "År",
        "en": "Year",
    },
    "workbook.statistic": {
        "fi": "Tunnusluku",
        "sv": "Mått",
        "en": "Statistic",
    },
    "workbook.column": {
        "fi": "Sarake",
        "sv": "Kolumn",
        "en": "Column",
    },
    "workbook.meaning": {
        "fi": "Selitys",
        "sv": "Förklaring",
        "en": "Meaning",
    },
    "workbook.mean": {
        "fi": "Keskiarvo ({scale})",
        "sv": "Medelvärde ({scale})",
        "en": "Mean ({scale})",
    },
    "workbook.top2_share": {
        "fi": "Myönteiset ({codes}), %",
        "sv": "Positiva ({codes}), %",
        "en": "Positive ({codes}), %",
    },
    "workbook.bottom2_share": {
        "fi": "Kielteiset ({codes}), %",
        "sv": "Negativa ({codes}), %",
        "en": "Negative ({codes}), %",
    },
    "workbook.dont_know_share": {
        "fi": "En osaa sanoa, %",
        "sv": "Kan inte säga, %",
        "en": "Don't know, %",
    },
    "workbook.balance": {
        "fi": "Saldoluku (paranee − heikkenee)",
        "sv": "Saldotal (förbättrats − försämrats)",
        "en": "Balance figure (improved − worsened)",
    },
    "workbook.change_sheet": {
        "fi": "Muutos {span}",
        "sv": "Förändring {span}",
        "en": "Change {span}",
    },
    "workbook.change_title": {
        "fi": "Muutos {span}",
        "sv": "Förändring {span}",
        "en": "Change {span}",
    },
    "workbook.change_note": {
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
    "workbook.change": {"fi": "muutos", "sv": "förändring", "en": "change"},
    "workbook.clear": {"fi": "selvä", "sv": "tydlig", "en": "clear"},
    "workbook.clear_mark": {"fi": "selvä", "sv": "tydlig", "en": "clear"},
    "workbook.design": {
        "fi": "Asetelma",
        "sv": "Design",
        "en": "Design",
    },
    "workbook.readme.item.column": {
        "fi": "{item}",
        "sv": "{item}",
        "en": "{item}",
    },
    "workbook.readme.item.meaning": {
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
    "workbook.readme.round.column": {
        "fi": "{round}",
        "sv": "{round}",
        "en": "{round}",
    },
    "workbook.readme.round.meaning": {
        "fi": "Kyselykierroksen vuosi.",
        "sv": "Enkätomgångens år.",
        "en": "Year of the survey round.",
    },
    "workbook.readme.statistic.column": {
        "fi": "{statistic}",
        "sv": "{statistic}",
        "en": "{statistic}",
    },
    "workbook.readme.statistic.meaning": {
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
    "workbook.readme.region.column": {
        "fi": "<alue>",
        "sv": "<region>",
        "en": "<region>",
    },
    "workbook.readme.region.meaning": {
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
    "workbook.readme.n.column": {
        "fi": "n",
        "sv": "n",
        "en": "n",
    },
    "workbook.readme.n.meaning": {
        "fi": "Luvun takana olevien vastaajien määrä.",
        "sv": "Antalet svarande bakom siffran.",
        "en": "Number of respondents behind the figure.",
    },
    "workbook.readme.suppressed.column": {
        "fi": "<{k}",
        "sv": "<{k}",
        "en": "<{k}",
    },
    "workbook.readme.suppressed.meaning": {
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
