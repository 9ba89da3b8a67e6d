"""Texts of the workshop worksheet (reports/packs/<pack>/<pack>_worksheet.xlsx) and of the
review stage that reads filled worksheets back. The role labels are also what the perspective
drop-down offers, so each must be unique within its language and contain no comma."""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    # worksheet sheets and header
    "workshop.sheet": {"fi": "Työpaja", "sv": "Workshop", "en": "Workshop"},
    "workshop.guide_sheet": {"fi": "Ohje", "sv": "Anvisning", "en": "Guide"},
    "workshop.col_no": {"fi": "Nro", "sv": "Nr", "en": "No."},
    "workshop.col_chart": {"fi": "Kuvio", "sv": "Diagram", "en": "Chart"},
    "workshop.col_finding": {"fi": "Havainto", "sv": "Iakttagelse", "en": "Finding"},
    "workshop.col_numbers": {"fi": "Luvut", "sv": "Siffror", "en": "Numbers"},
    "workshop.col_interpretation": {
        "fi": "Tulkinta: mikä tätä selittää?",
        "sv": "Tolkning: vad förklarar detta?",
        "en": "Interpretation: what explains this?",
    },
    "workshop.col_lived": {
        "fi": "Kokemusasiantuntijan näkökulma",
        "sv": "Erfarenhetsexpertens synvinkel",
        "en": "Lived-experience view",
    },
    "workshop.col_proposal": {
        "fi": "Kehittämisehdotus",
        "sv": "Utvecklingsförslag",
        "en": "Development proposal",
    },
    "workshop.col_priority": {
        "fi": "Kiireellisyys (1–3)",
        "sv": "Prioritet (1–3)",
        "en": "Priority (1–3)",
    },
    "workshop.col_who": {
        "fi": "Kenen pitäisi toimia",
        "sv": "Vem borde agera",
        "en": "Who should act",
    },
    "workshop.col_perspective": {"fi": "Näkökulma", "sv": "Perspektiv", "en": "Perspective"},
    "workshop.col_publish": {"fi": "Julkaistaan", "sv": "Publiceras", "en": "Publish"},
    "workshop.col_key": {"fi": "avain", "sv": "nyckel", "en": "key"},
    "workshop.col_fingerprint": {"fi": "tunniste", "sv": "kontrollsumma", "en": "fingerprint"},
    "workshop.yes": {"fi": "kyllä", "sv": "ja", "en": "yes"},
    "workshop.no": {"fi": "ei", "sv": "nej", "en": "no"},
    # roles (perspective drop-down): never a person's name
    "workshop.role_lived": {
        "fi": "Kokemusasiantuntija",
        "sv": "Erfarenhetsexpert",
        "en": "Lived-experience expert",
    },
    "workshop.role_professional": {
        "fi": "Ammattilainen",
        "sv": "Yrkesperson",
        "en": "Professional",
    },
    "workshop.role_manager": {"fi": "Johtaja", "sv": "Chef", "en": "Manager"},
    "workshop.role_elected": {
        "fi": "Luottamushenkilö",
        "sv": "Förtroendevald",
        "en": "Elected official",
    },
    "workshop.role_organisation": {"fi": "Järjestö", "sv": "Organisation", "en": "Organisation"},
    # drop-down prompts and errors shown by Excel / LibreOffice
    "workshop.priority_prompt": {
        "fi": "1 = kiireellisin, 3 = vähiten kiireellinen",
        "sv": "1 = mest brådskande, 3 = minst brådskande",
        "en": "1 = most urgent, 3 = least urgent",
    },
    "workshop.priority_error": {
        "fi": "Valitse 1, 2 tai 3.",
        "sv": "Välj 1, 2 eller 3.",
        "en": "Choose 1, 2 or 3.",
    },
    "workshop.perspective_prompt": {
        "fi": "Kenen näkökulmasta? Rooli, ei koskaan nimeä.",
        "sv": "Ur vems perspektiv? En roll, aldrig ett namn.",
        "en": "Whose perspective? A role, never a name.",
    },
    "workshop.perspective_error": {
        "fi": "Valitse rooli luettelosta.",
        "sv": "Välj en roll i listan.",
        "en": "Choose a role from the list.",
    },
    "workshop.publish_prompt": {
        "fi": "Vain 'kyllä'-rivit julkaistaan verkkokatsauksessa.",
        "sv": "Endast rader med 'ja' publiceras i webbrapporten.",
        "en": "Only rows marked 'yes' are published in the web report.",
    },
    # guide sheet
    "workshop.guide_title": {
        "fi": "Työpajan tulkintalomake: {title}",
        "sv": "Workshopens tolkningsblad: {title}",
        "en": "Workshop worksheet: {title}",
    },
    "workshop.guide_1": {
        "fi": "Jokainen rivi on yksi kuvion havainto. Harmaat sarakkeet on lukittu; kirjoita "
        "valkoisiin sarakkeisiin.",
        "sv": "Varje rad är en iakttagelse i ett diagram. De grå kolumnerna är låsta; skriv i "
        "de vita kolumnerna.",
        "en": "Each row is one finding of a chart. The grey columns are locked; write in the "
        "white columns.",
    },
    "workshop.guide_2": {
        "fi": "Kirjoita tulkinnat ja ehdotukset ilman henkilöiden nimiä, sähköpostiosoitteita, "
        "puhelinnumeroita tai henkilötunnuksia. Näkökulma on rooli, ei nimi.",
        "sv": "Skriv tolkningar och förslag utan personnamn, e-postadresser, telefonnummer "
        "eller personbeteckningar. Perspektivet är en roll, inte ett namn.",
        "en": "Write interpretations and proposals without names of people, e-mail addresses, "
        "phone numbers or personal identity codes. The perspective is a role, not a name.",
    },
    "workshop.guide_3": {
        "fi": "Vain rivit, joiden Julkaistaan-sarakkeessa on 'kyllä', julkaistaan. Oletus on 'ei'.",
        "sv": "Endast rader med 'ja' i kolumnen Publiceras publiceras. Standard är 'nej'.",
        "en": "Only rows with 'yes' in the Publish column are published. The default is 'no'.",
    },
    "workshop.guide_4": {
        "fi": "Samasta havainnosta voi kirjoittaa useamman rivin: kopioi rivi kokonaan "
        "(myös piilotetut sarakkeet).",
        "sv": "Man kan skriva flera rader om samma iakttagelse: kopiera hela raden (även de "
        "dolda kolumnerna).",
        "en": "To write more than one row about a finding, copy the whole row (the hidden "
        "columns too).",
    },
    "workshop.guide_5": {
        "fi": "Palauta täytetty lomake tiedostoksi data/raw/workshop/{pack}.xlsx.",
        "sv": "Lämna tillbaka det ifyllda bladet som filen data/raw/workshop/{pack}.xlsx.",
        "en": "Return the filled worksheet as the file data/raw/workshop/{pack}.xlsx.",
    },
    # PDF notes pages (packs.<pack>.notes_pages)
    "workshop.notes_title": {
        "fi": "Muistiinpanot: {title}",
        "sv": "Anteckningar: {title}",
        "en": "Notes: {title}",
    },
    "workshop.notes_hint": {
        "fi": "Kirjatkaa keskustelu tähän ja siirtäkää se työpajan tulkintalomakkeelle. Älkää "
        "kirjoittako henkilöiden nimiä tai yhteystietoja.",
        "sv": "Anteckna diskussionen här och för över den till workshopens tolkningsblad. Skriv "
        "inte personnamn eller kontaktuppgifter.",
        "en": "Note the discussion here and copy it into the workshop worksheet. Do not write "
        "names of people or contact details.",
    },
    # review stage
    "workshop.changed_note": {
        "fi": "tulkittu aiempien lukujen pohjalta",
        "sv": "tolkat utifrån tidigare siffror",
        "en": "interpreted against earlier numbers",
    },
}
