"""Default discussion prompts of the figure packs, two per chart family, in fi, sv, en
(a pack's own ``prompts`` in params.yaml replace them)."""

from __future__ import annotations

TEXTS: dict[str, dict[str, str]] = {
    "prompts.diverging.1": {
        "fi": "Vastaako jakauma sitä, mitä näette omassa työssänne?",
        "sv": "Stämmer fördelningen med det ni ser i ert arbete?",
        "en": "Does this distribution match what you see in your work?",
    },
    "prompts.diverging.2": {
        "fi": "Miksi osa vastaajista ei osannut sanoa? Keneltä tieto puuttuu?",
        "sv": "Varför kunde en del inte säga? Vem saknar kunskap om gruppen?",
        "en": "Why could some respondents not say? Who lacks knowledge of this group?",
    },
    "prompts.regional_dots.1": {
        "fi": "Missä alueiden erot ovat selviä, ja mikä voisi selittää ne?",
        "sv": "Var är skillnaderna mellan regionerna tydliga, och vad kan förklara dem?",
        "en": "Where are the differences between regions clear, and what might explain them?",
    },
    "prompts.regional_dots.2": {
        "fi": "Mitä voisimme oppia alueelta, jolla tilanne arvioitiin parhaaksi?",
        "sv": "Vad kan vi lära oss av regionen där läget bedömdes bäst?",
        "en": "What could we learn from the region where the situation was rated best?",
    },
    "prompts.ranking.1": {
        "fi": "Kenen tilanne huolestuttaa teitä eniten, ja miksi?",
        "sv": "Vilken grupps läge oroar er mest, och varför?",
        "en": "Whose situation worries you most, and why?",
    },
    "prompts.ranking.2": {
        "fi": "Puuttuuko listalta ryhmä, jonka tilanteesta pitäisi puhua?",
        "sv": "Saknas en grupp på listan som vi borde tala om?",
        "en": "Is a group missing from this list that we should talk about?",
    },
    "prompts.balance.1": {
        "fi": "Mikä on muuttunut, ja mistä muutos johtuu?",
        "sv": "Vad har förändrats, och vad beror förändringen på?",
        "en": "What has changed, and what caused the change?",
    },
    "prompts.balance.2": {
        "fi": "Mitä voisimme tehdä, jotta suunta kääntyisi parempaan?",
        "sv": "Vad kan vi göra för att vända utvecklingen i rätt riktning?",
        "en": "What could we do to turn the direction for the better?",
    },
    "prompts.trend.1": {
        "fi": "Mitkä muutokset ajan mittaan ovat todellisia, ja mitä niiden takana on?",
        "sv": "Vilka förändringar över tid är verkliga, och vad ligger bakom dem?",
        "en": "Which changes over time are real, and what lies behind them?",
    },
    "prompts.trend.2": {
        "fi": "Mitä odotamme seuraavan kierroksen näyttävän?",
        "sv": "Vad väntar vi oss att nästa omgång visar?",
        "en": "What do we expect the next round to show?",
    },
    "prompts.heatmap.1": {
        "fi": "Näkevätkö eri vastaajaryhmät tilanteen eri tavoin? Miksi?",
        "sv": "Ser olika svarandegrupper läget på olika sätt? Varför?",
        "en": "Do different respondent groups see the situation differently? Why?",
    },
    "prompts.heatmap.2": {
        "fi": "Kenen näkökulma puuttuu tästä kuvasta?",
        "sv": "Vems perspektiv saknas i bilden?",
        "en": "Whose perspective is missing from this picture?",
    },
    "prompts.activation.1": {
        "fi": "Mikä selittää kuntien väliset erot?",
        "sv": "Vad förklarar skillnaderna mellan kommunerna?",
        "en": "What explains the differences between municipalities?",
    },
    "prompts.activation.2": {
        "fi": "Mitä voimavaroja aktivointityössä tarvittaisiin lisää?",
        "sv": "Vilka resurser behövs mer i aktiveringsarbetet?",
        "en": "What resources does activation work need more of?",
    },
}
