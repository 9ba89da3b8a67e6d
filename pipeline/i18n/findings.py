"""Finding sentences of the figure packs ("what the chart shows"), one template per finding
family and case, in fi, sv, en (pipeline/packs/findings/ fills them).

A table of texts only (three languages per key), hence its length."""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    "findings.diff_all": {
        "fi": "{item}: selvä ero alueiden välillä – {values}.",
        "sv": "{item}: tydlig skillnad mellan regionerna – {values}.",
        "en": "{item}: a clear difference between the regions – {values}.",
    },
    "findings.diff_region_high": {
        "fi": "{item}: selvä ero alueiden välillä; {region} on korkein ({values}).",
        "sv": "{item}: tydlig skillnad mellan regionerna; {region} ligger högst ({values}).",
        "en": "{item}: a clear difference between the regions; {region} is highest ({values}).",
    },
    "findings.diff_region_low": {
        "fi": "{item}: selvä ero alueiden välillä; {region} on matalin ({values}).",
        "sv": "{item}: tydlig skillnad mellan regionerna; {region} ligger lägst ({values}).",
        "en": "{item}: a clear difference between the regions; {region} is lowest ({values}).",
    },
    "findings.diff_region_mid": {
        "fi": "{item}: selvä ero alueiden välillä; {region} on keskivaiheilla ({values}).",
        "sv": "{item}: tydlig skillnad mellan regionerna; {region} ligger i mitten ({values}).",
        "en": (
            "{item}: a clear difference between the regions; {region} is in the middle ({values})."
        ),
    },
    "findings.adjusted_yes": {
        "fi": "Ero säilyy, kun vastaajaryhmät huomioidaan.",
        "sv": "Skillnaden kvarstår med hänsyn till svarandegrupperna.",
        "en": "The difference remains when respondent groups are taken into account.",
    },
    "findings.adjusted_no": {
        "fi": "Kun vastaajaryhmät huomioidaan, selvää eroa ei ole.",
        "sv": "Med hänsyn till svarandegrupperna finns ingen tydlig skillnad.",
        "en": "Taking respondent groups into account, there is no clear difference.",
    },
    "findings.adjusted_only": {
        "fi": "{item}: kun vastaajaryhmät huomioidaan, alueiden välillä on selvä ero.",
        "sv": (
            "{item}: med hänsyn till svarandegrupperna finns en tydlig skillnad mellan regionerna."
        ),
        "en": (
            "{item}: taking respondent groups into account, there is a clear difference "
            "between the regions."
        ),
    },
    "findings.no_diff_items": {
        "fi": "Ei selvää eroa alueiden välillä: {items}.",
        "sv": "Ingen tydlig skillnad mellan regionerna: {items}.",
        "en": "No clear difference between the regions: {items}.",
    },
    "findings.no_diff_one": {
        "fi": "Alueiden välillä ei ole selvää eroa.",
        "sv": "Ingen tydlig skillnad mellan regionerna.",
        "en": "No clear difference between the regions.",
    },
    "findings.diff_one": {
        "fi": "Vastaukset eroavat selvästi alueiden välillä.",
        "sv": "Svaren skiljer sig tydligt mellan regionerna.",
        "en": "The answers differ clearly between the regions.",
    },
    "findings.extremes_all": {
        "fi": (
            "Kaikilla alueilla yhteensä korkein arvio: {hi_item} ({hi}), matalin: {lo_item} ({lo})."
        ),
        "sv": "I alla regioner sammantaget högst: {hi_item} ({hi}), lägst: {lo_item} ({lo}).",
        "en": "Across all regions the highest is {hi_item} ({hi}), the lowest {lo_item} ({lo}).",
    },
    "findings.extremes_region": {
        "fi": "{region}: korkein arvio {hi_item} ({hi}), matalin {lo_item} ({lo}).",
        "sv": "{region}: högst {hi_item} ({hi}), lägst {lo_item} ({lo}).",
        "en": "{region}: the highest is {hi_item} ({hi}), the lowest {lo_item} ({lo}).",
    },
    "findings.ranking_top": {
        "fi": "{where}: parhaiten arvioidut {items}.",
        "sv": "{where}: bäst bedömda {items}.",
        "en": "{where}: rated highest {items}.",
    },
    "findings.ranking_bottom": {
        "fi": "Heikoimmin arvioidut: {items}.",
        "sv": "Sämst bedömda: {items}.",
        "en": "Rated lowest: {items}.",
    },
    "findings.ranking_top_balance": {
        "fi": "{where}: korkein saldoluku {items}.",
        "sv": "{where}: högst saldotal {items}.",
        "en": "{where}: highest balance figure {items}.",
    },
    "findings.ranking_bottom_balance": {
        "fi": "Matalin saldoluku: {items}.",
        "sv": "Lägst saldotal: {items}.",
        "en": "Lowest balance figure: {items}.",
    },
    "findings.diff_items": {
        "fi": "Alueiden välillä on selvä ero: {items}.",
        "sv": "Tydlig skillnad mellan regionerna: {items}.",
        "en": "A clear difference between the regions: {items}.",
    },
    "findings.no_diff_any": {
        "fi": "Millään näistä alueiden välillä ei ole selvää eroa.",
        "sv": "Ingen tydlig skillnad mellan regionerna för någon av dessa.",
        "en": "No clear difference between the regions for any of these.",
    },
    "findings.extremes_all_balance": {
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
    "findings.extremes_region_balance": {
        "fi": "{region}: korkein saldoluku {hi_item} ({hi}), matalin {lo_item} ({lo}).",
        "sv": "{region}: högst saldotal {hi_item} ({hi}), lägst {lo_item} ({lo}).",
        "en": (
            "{region}: the highest balance figure is {hi_item} ({hi}), the lowest {lo_item} ({lo})."
        ),
    },
    "findings.heatmap_extremes_region": {
        "fi": "{where}, {region}: korkein {hi_group} ({hi}), matalin {lo_group} ({lo}).",
        "sv": "{where}, {region}: högst {hi_group} ({hi}), lägst {lo_group} ({lo}).",
        "en": "{where}, {region}: highest {hi_group} ({hi}), lowest {lo_group} ({lo}).",
    },
    "findings.dont_know": {
        "fi": "Moni ei osannut sanoa ({where}): {items}.",
        "sv": "Många kunde inte säga ({where}): {items}.",
        "en": "Many could not say ({where}): {items}.",
    },
    "findings.shares_region": {
        "fi": "{region}: {top} vastasi {top_label}, {bottom} {bottom_label}.",
        "sv": "{region}: {top} svarade {top_label}, {bottom} {bottom_label}.",
        "en": "{region}: {top} answered {top_label}, {bottom} {bottom_label}.",
    },
    "findings.balance_region": {
        "fi": "{region}: saldoluku {value}.",
        "sv": "{region}: saldotal {value}.",
        "en": "{region}: balance figure {value}.",
    },
    "findings.trend_item": {
        "fi": "{item} ({where}): {spans}.",
        "sv": "{item} ({where}): {spans}.",
        "en": "{item} ({where}): {spans}.",
    },
    "findings.trend_clear": {
        "fi": "{direction} {span} ({v_from} → {v_to})",
        "sv": "{direction} {span} ({v_from} → {v_to})",
        "en": "{direction} {span} ({v_from} → {v_to})",
    },
    "findings.trend_unclear": {
        "fi": "{span} ei selvää muutosta",
        "sv": "{span} ingen tydlig förändring",
        "en": "{span} no clear change",
    },
    "findings.trend_better": {"fi": "parantunut", "sv": "förbättrats", "en": "improved"},
    "findings.trend_worse": {"fi": "heikentynyt", "sv": "försämrats", "en": "worsened"},
    "findings.trend_none": {
        "fi": "Ei selvää muutosta ({where}; {spans}): {items}.",
        "sv": "Ingen tydlig förändring ({where}; {spans}): {items}.",
        "en": "No clear change ({where}; {spans}): {items}.",
    },
    "findings.heatmap_extremes": {
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
    "findings.heatmap_untested": {
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
    "findings.suppressed": {
        "fi": "Osa luvuista on jätetty pois, koska vastaajia oli alle {k}.",
        "sv": "En del siffror har utelämnats eftersom de svarande var färre än {k}.",
        "en": "Some figures are left out because they had fewer than {k} respondents.",
    },
    "findings.not_tested": {
        "fi": "Alueiden eroja ei ole testattu tälle kuviolle.",
        "sv": "Skillnaderna mellan regionerna har inte testats för detta diagram.",
        "en": "Differences between the regions have not been tested for this chart.",
    },
    "findings.activation_region": {
        "fi": "{region} {round}: mediaanikunta {median}, kunnittain {low}–{high}.",
        "sv": "{region} {round}: mediankommunen {median}, per kommun {low}–{high}.",
        "en": (
            "{region} {round}: median municipality {median}, municipalities range {low}–{high}."
        ),
    },
    "findings.activation_change": {
        "fi": "{region}: mediaanikunta {v_from} vuonna {r_from} → {v_to} vuonna {r_to}.",
        "sv": "{region}: mediankommunen {v_from} år {r_from} → {v_to} år {r_to}.",
        "en": "{region}: median municipality {v_from} in {r_from} → {v_to} in {r_to}.",
    },
    "findings.suppressed_activation": {
        "fi": "Osa kuntien luvuista on jätetty pois, koska ne perustuvat alle {k} henkilöön.",
        "sv": (
            "En del kommunala siffror har utelämnats eftersom de bygger på färre än {k} personer."
        ),
        "en": "Some municipal figures are left out because they rest on fewer than {k} people.",
    },
    "findings.activation_note": {
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
    "findings.no_data": {
        "fi": "Kuviolle ei ole julkaistavia lukuja.",
        "sv": "Det finns inga siffror att publicera för diagrammet.",
        "en": "There are no publishable figures for this chart.",
    },
}
