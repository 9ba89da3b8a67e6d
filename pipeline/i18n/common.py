"""Words every area uses: the names of the all-regions and all-respondents domains and the
list joiners."""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    "common.all_regions": {
        "fi": "Kaikki alueet",
        "sv": "Alla regioner",
        "en": "All regions",
    },
    "common.all_groups": {
        "fi": "Kaikki vastaajat",
        "sv": "Alla svarande",
        "en": "All respondents",
    },
    "common.and": {
        "fi": "ja",
        "sv": "och",
        "en": "and",
    },
    "common.or": {
        "fi": "tai",
        "sv": "eller",
        "en": "or",
    },
}
