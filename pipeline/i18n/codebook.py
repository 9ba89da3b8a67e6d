"""Names of the domains that are not in the codebook: all regions, all respondents."""

TEXTS: dict[str, dict[str, str]] = {
    "codebook.all_regions": {"fi": "Kaikki alueet", "sv": "Alla regioner", "en": "All regions"},
    "codebook.all_groups": {
        "fi": "Kaikki vastaajat",
        "sv": "Alla svarande",
        "en": "All respondents",
    },
}
