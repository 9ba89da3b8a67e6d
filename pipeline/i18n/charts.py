"""Texts of the charts (titles, subtitles, footers, legends, axis words) in fi, sv, en."""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    "charts.mean": {
        "fi": "Keskiarvo",
        "sv": "Medelvärde",
        "en": "Mean",
    },
    "charts.top2_share": {
        "fi": "Myönteisten vastausten osuus (%)",
        "sv": "Andel positiva svar (%)",
        "en": "Share of positive answers (%)",
    },
    "charts.balance": {
        "fi": "Saldoluku (% parantunut − % heikentynyt)",
        "sv": "Saldotal (% förbättrats − % försämrats)",
        "en": "Balance figure (% improved − % worsened)",
    },
    "charts.n_range": {
        "fi": "n = {lo}–{hi} vastaajaa",
        "sv": "n = {lo}–{hi} svarande",
        "en": "n = {lo}–{hi} respondents",
    },
    "charts.n_one": {
        "fi": "n = {lo} vastaajaa",
        "sv": "n = {lo} svarande",
        "en": "n = {lo} respondents",
    },
    "charts.round": {
        "fi": "Kierros {round}",
        "sv": "Omgång {round}",
        "en": "Round {round}",
    },
    "charts.rounds": {
        "fi": "Kierrokset {rounds}",
        "sv": "Omgångar {rounds}",
        "en": "Rounds {rounds}",
    },
    "charts.suppressed": {
        "fi": "Alle {k} vastaajan solut on jätetty pois tai merkitty ”<{k}”.",
        "sv": "Celler med färre än {k} svarande har utelämnats eller markerats ”<{k}”.",
        "en": "Cells with fewer than {k} respondents are left out or marked “<{k}”.",
    },
    "charts.secondary": {
        "fi": "”×” = piilotettu, jotta pieni solu ei paljastu laskemalla.",
        "sv": "”×” = dold så att en liten cell inte kan räknas fram.",
        "en": "“×” = hidden so that a small cell cannot be worked out.",
    },
    "charts.dont_know": {
        "fi": "En osaa\nsanoa",
        "sv": "Kan inte\nsäga",
        "en": "Don't\nknow",
    },
    "charts.dont_know_note": {
        "fi": "En osaa sanoa -vastaukset näkyvät oikealla, eivät sisälly prosentteihin.",
        "sv": "Kan inte säga-svaren visas till höger och ingår inte i procenten.",
        "en": "Don't-know answers are shown on the right, not in the percentages.",
    },
    "charts.pct_note": {
        "fi": "Alle {share}:n osuuksia ei merkitty lukuina.",
        "sv": "Andelar under {share} är inte utskrivna.",
        "en": "Shares below {share} are not labelled.",
    },
    "charts.scale_note": {
        "fi": "Asteikko {lo}–{hi}, en osaa sanoa -vastaukset poistettu.",
        "sv": "Skala {lo}–{hi}, kan inte säga-svar borttagna.",
        "en": "Scale {lo}–{hi}, don't-know answers excluded.",
    },
    "charts.ci_note": {
        "fi": "Viiva = {level}:n luottamusväli.",
        "sv": "Linje = {level} konfidensintervall.",
        "en": "Line = {level} confidence interval.",
    },
    "charts.sig_region": {
        "fi": "{m} selvä ero alueiden välillä (BH-korjattu p < 0,05)",
        "sv": "{m} tydlig skillnad mellan regionerna (BH-korrigerat p < 0,05)",
        "en": "{m} clear difference between regions (BH-adjusted p < 0.05)",
    },
    "charts.sig_adjusted": {
        "fi": "{m} ero säilyy, kun alueiden erilainen vastaajajoukko otetaan huomioon",
        "sv": "{m} skillnaden kvarstår med hänsyn till regionernas olika svarandegrupper",
        "en": "{m} difference remains after allowing for each region's mix of respondent groups",
    },
    "charts.sig_none": {
        "fi": "ilman merkkiä: ero voi olla sattumaa",
        "sv": "utan markering: skillnaden kan vara slumpmässig",
        "en": "no marker: the difference may be due to chance",
    },
    "charts.diverging_title": {
        "fi": "{theme}: {item}",
        "sv": "{theme}: {item}",
        "en": "{theme}: {item}",
    },
    "charts.diverging_sub": {
        "fi": "Vastausten jakauma alueittain (%)",
        "sv": "Svarsfördelning per region (%)",
        "en": "Answers by region (%)",
    },
    "charts.dots_title": {
        "fi": "{theme}: {stat} alueittain",
        "sv": "{theme}: {stat} per region",
        "en": "{theme}: {stat} by region",
    },
    "charts.ranking_title": {
        "fi": "{theme}: järjestys",
        "sv": "{theme}: rangordning",
        "en": "{theme}: ranking",
    },
    "charts.ranking_sub": {
        "fi": "Musta vinoneliö = kaikki alueet, pisteet = alueet",
        "sv": "Svart romb = alla regioner, punkter = regionerna",
        "en": "Black diamond = all regions, dots = regions",
    },
    "charts.balance_title": {
        "fi": "{theme}: saldoluku alueittain",
        "sv": "{theme}: saldotal per region",
        "en": "{theme}: balance figure by region",
    },
    "charts.balance_sub": {
        "fi": "Positiivinen = useampi arvioi parantuneen kuin heikentyneen",
        "sv": "Positivt = fler bedömer att det förbättrats än försämrats",
        "en": "Positive = more say it has improved than worsened",
    },
    "charts.trend_title": {
        "fi": "{theme}: {stat} kierroksittain",
        "sv": "{theme}: {stat} per omgång",
        "en": "{theme}: {stat} by round",
    },
    "charts.trend_marker": {
        "fi": "{m} = selvä muutos edellisestä kierroksesta (BH-korjattu p < 0,05).",
        "sv": "{m} = tydlig förändring från föregående omgång (BH-korrigerat p < 0,05).",
        "en": "{m} = clear change from the previous round (BH-adjusted p < 0.05).",
    },
    "charts.heatmap_title": {
        "fi": "{item}: {stat} alueen ja vastaajaryhmän mukaan",
        "sv": "{item}: {stat} per region och svarandegrupp",
        "en": "{item}: {stat} by region and respondent group",
    },
    "charts.part": {
        "fi": " ({i}/{k})",
        "sv": " ({i}/{k})",
        "en": " ({i}/{k})",
    },
    "charts.balance_pos": {
        "fi": "Useampi arvioi parantuneen",
        "sv": "Fler bedömer att det förbättrats",
        "en": "More say improved",
    },
    "charts.balance_neg": {
        "fi": "Useampi arvioi heikentyneen",
        "sv": "Fler bedömer att det försämrats",
        "en": "More say worsened",
    },
    "charts.highlight": {
        "fi": "Musta = kaikki alueet, harmaa = yksittäiset alueet.",
        "sv": "Svart = alla regioner, grått = enskilda regioner.",
        "en": "Black = all regions, grey = single regions.",
    },
    "charts.stat_word.mean": {
        "fi": "keskiarvo",
        "sv": "medelvärde",
        "en": "mean",
    },
    "charts.stat_word.top2_share": {
        "fi": "myönteisten osuus",
        "sv": "andel positiva",
        "en": "share positive",
    },
    "charts.stat_word.balance": {
        "fi": "saldoluku",
        "sv": "saldotal",
        "en": "balance figure",
    },
    "charts.activation_muni_sub": {
        "fi": "Kunnat suuruusjärjestyksessä maakunnittain, pystyviiva = maakunnan mediaani",
        "sv": "Kommunerna i storleksordning per landskap, lodrät linje = landskapets median",
        "en": "Municipalities sorted within each region, vertical line = region median",
    },
    "charts.activation_regions_sub": {
        "fi": (
            "Viiva = kuntien vaihteluväli (pienin–suurin), ympyrä = mediaani, vinoneliö = "
            "koko maakunta (summat suhteutettuna)"
        ),
        "sv": (
            "Linje = kommunernas variationsvidd (minst–störst), cirkel = median, romb = hela "
            "landskapet (summor i relation)"
        ),
        "en": (
            "Line = range over municipalities (lowest–highest), circle = median, diamond = "
            "whole region (ratio of sums)"
        ),
    },
    "charts.activation_change_sub": {
        "fi": "Koko maakunnan luku {a} ja {b} (summat suhteutettuna)",
        "sv": "Hela landskapets tal {a} och {b} (summor i relation)",
        "en": "Whole-region ratio {a} and {b} (ratio of sums)",
    },
    "charts.activation_no_answer": {
        "fi": "Ei vastannut: {names}.",
        "sv": "Svarade inte: {names}.",
        "en": "Did not answer: {names}.",
    },
    "charts.activation_no_value": {
        "fi": "Ei lukua (tieto puuttuu tai nimittäjä 0): {names}.",
        "sv": "Inget tal (uppgift saknas eller nämnaren 0): {names}.",
        "en": "No value (data missing or denominator 0): {names}.",
    },
    "charts.activation_flagged": {
        "fi": "Avoin ympyrä = epäuskottava arvo, ei mukana maakunnan luvuissa.",
        "sv": "Öppen cirkel = osannolikt värde, ingår inte i landskapets tal.",
        "en": "Open circle = implausible value, left out of the region figures.",
    },
    "charts.activation_suppressed": {
        "fi": (
            "”<{k}” = alle {k} asiakasta, luku piilotettu (myös toinen kunta voi olla "
            "piilotettu, ettei luku paljastu laskemalla)."
        ),
        "sv": (
            "”<{k}” = färre än {k} klienter, talet dolt (även en annan kommun kan vara dold "
            "så att talet inte kan räknas fram)."
        ),
        "en": (
            '"<{k}" = fewer than {k} clients, value hidden (another municipality may be '
            "hidden too, so that it cannot be worked out)."
        ),
    },
    "charts.activation_n_regions": {
        "fi": "Vastanneita kuntia: {parts}.",
        "sv": "Svarande kommuner: {parts}.",
        "en": "Municipalities answering: {parts}.",
    },
    "charts.activation_pooled_hidden": {
        "fi": "Maakunnan luku piilotettu pienten asiakasmäärien vuoksi: {names}.",
        "sv": "Landskapets tal dolt på grund av få klienter: {names}.",
        "en": "Region figure hidden because of small client counts: {names}.",
    },
}
