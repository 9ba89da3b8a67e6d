"""params.yaml -> one frozen, typed :class:`Config`: the dataclasses of every section.

The ``activation`` and ``packs`` sections are parsed by ``pipeline/activation/config.py``
and ``pipeline/packs/config.py`` into the dataclasses defined here.

Every stage receives the Config instead of re-reading YAML. Unknown keys are an error naming
the key (with the closest known key as a suggestion), so a typo never silently falls back to a
default.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from pipeline.codebook import Text
from pipeline.errors import UserError
from pipeline.i18n import LANGUAGES
from pipeline.stats.types import ALL, CHANGE_SPANS, TESTS, DesignSpec
from pipeline.stats.types import SHARE_CI_METHODS as CI_METHODS
from pipeline.yamlcheck import Section, load_yaml

FIGURE_STATISTICS = ("mean", "top2_share")
DESIGN_VARIABLES = {"region": "region_code", "group": "group_code"}
SALT_ENV = "BAROMETER_SALT"
CHART_FAMILIES = (
    "diverging",  # answer distribution per region for one item (diverging stacked bars)
    "regional_dots",  # mean / share with CI per region for the items of a theme
    "ranking",  # items of a theme sorted by mean or balance figure, regions as colours
    "balance",  # balance figure (% improved - % worsened) per region for change items
    "trend",  # estimate across rounds per region with CI, for the items of a theme
    "heatmap",  # region x respondent group for one item, suppressed cells marked
    "activation_municipalities",  # activation ratio per municipality, region facets
    "activation_regions",  # region summary (median, range, pooled) of an activation ratio
    "activation_change",  # change of an activation ratio between rounds
)


# when ingest writes responses.csv: while it fits a spreadsheet, always, or never
RESPONSES_CSV = ("auto", "always", "never")


@dataclass(frozen=True)
class IngestConfig:
    pseudonym_salt: str
    keep_personal: bool = False
    responses_csv: str = "auto"  # auto | always | never (docs/performance.md)


@dataclass(frozen=True)
class AnalyseConfig:
    designs: tuple[DesignSpec, ...]
    ci_methods: tuple[str, ...] = ("logit",)
    confidence: float = 0.95
    min_cell: int = 5
    tests: tuple[str, ...] = TESTS
    changes: tuple[str, ...] = ("consecutive", "first_last")  # round pairs of `changes`
    max_weight_share: float = 0.2  # a respondent's largest share of a domain's weight total

    @property
    def primary_design(self) -> str:
        """The design that charts and packs use (the first one listed)."""
        return self.designs[0].name


@dataclass(frozen=True)
class FiguresConfig:
    languages: tuple[str, ...] = LANGUAGES
    dpi: int = 150  # slide PNGs
    print_dpi: int = 300  # print PNGs of the same figures (handouts)
    statistic: str = "mean"  # mean | top2_share: regional dots, heatmaps
    heatmap_items: tuple[str, ...] = ()
    workers: int = 0  # rendering processes; 0 = one per core
    max_items_per_chart: int = 12  # longer themes are split over several charts
    cache_dir: str = ""  # rendered-chart cache; "" = .cache/charts beside the reports folder
    cache_max_mb: int = 1000  # least recently used charts beyond this are evicted; 0 = no cache


@dataclass(frozen=True)
class RatioSpec:
    id: str
    numerator: tuple[str, ...]
    denominator: tuple[str, ...]
    label: Text
    unit: Text
    per: float = 1.0
    low: float | None = None
    high: float | None = None


@dataclass(frozen=True)
class ActivationConfig:
    ratios: tuple[RatioSpec, ...] = ()
    min_cell: int = 5
    change_factor: float = 2.0
    source: str = "params.yaml"

    def ratio(self, rid: str) -> RatioSpec:
        return next(r for r in self.ratios if r.id == rid)


@dataclass(frozen=True)
class PackSpec:
    name: str
    title: str  # in the pack's language
    language: str
    region: str = ALL  # focus region code or ALL
    themes: tuple[str, ...] = ()  # () = every theme
    families: tuple[str, ...] = ()  # () = every family
    activation: bool = False
    data_date: str = ""  # "" = the latest round
    prompts: tuple[str, ...] = ()  # () = the default prompts of each chart family
    notes_pages: bool = False  # a workshop notes page after each chart in the PDF

    @property
    def key(self) -> str:
        """Where this pack is declared in params.yaml (for error messages)."""
        return f"packs.{self.name}"

    def wants_family(self, family: str) -> bool:
        return not self.families or family in self.families

    def wants_theme(self, theme: str) -> bool:
        return not self.themes or theme in self.themes


@dataclass(frozen=True)
class PacksConfig:
    packs: tuple[PackSpec, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(p.name for p in self.packs)


@dataclass(frozen=True)
class Config:
    classification_year: int
    ingest: IngestConfig
    analyse: AnalyseConfig
    figures: FiguresConfig = field(default_factory=FiguresConfig)
    activation: ActivationConfig = field(default_factory=ActivationConfig)
    source: Path = Path("params.yaml")
    packs: PacksConfig = field(default_factory=PacksConfig)


def load_config(path: Path) -> Config:
    """Parse and validate params.yaml (the activation and packs sections by their modules)."""
    from pipeline.activation.config import parse_activation
    from pipeline.packs.config import parse_packs

    top = Section(load_yaml(path, "params file"), path, "")
    year = top.get("classification_year", int)
    if not 1900 <= year <= 2100:
        raise UserError(path, "classification_year", f"{year} is not a plausible year")
    ingest = _ingest(top.section("ingest"))
    design_specs = _design_specs(top.section("designs", required=True))
    analyse = _analyse(top.section("analyse", required=True), design_specs)
    figures = _figures(top.section("figures"))
    activation = parse_activation(top.section("activation"), analyse.min_cell)
    packs = parse_packs(top.section("packs"))
    top.finish()
    return Config(year, ingest, analyse, figures, activation, path, packs)


def _ingest(sec: Section) -> IngestConfig:
    salt = sec.get("pseudonym_salt", str, "")
    keep = sec.get("keep_personal", bool, False)
    csv_policy = sec.get("responses_csv", str, "auto")
    if csv_policy not in RESPONSES_CSV:
        raise UserError(
            sec.file,
            sec.key_path("responses_csv"),
            f"unknown value {csv_policy!r}",
            f"use one of {', '.join(RESPONSES_CSV)}",
        )
    sec.finish()
    salt = os.environ.get(SALT_ENV) or salt
    if not salt:
        raise sec.error(
            "pseudonym_salt",
            "no pseudonym salt",
            f"set ingest.pseudonym_salt or the environment variable {SALT_ENV}",
        )
    return IngestConfig(salt, keep, csv_policy)


def _design_specs(sec: Section) -> dict[str, DesignSpec]:
    specs: dict[str, DesignSpec] = {}
    for name in list(sec.data):
        specs[str(name)] = _design(sec.section(str(name)), str(name))
    sec.finish()
    if not specs:
        raise UserError(sec.file, sec.path, "no designs declared", "declare at least one")
    return specs


def _variables(sec: Section, key: str) -> tuple[str, ...]:
    raw = sec.get(key, (list, str), [])
    names = [raw] if isinstance(raw, str) else list(raw)
    if names == ["none"]:
        return ()
    out = []
    for v in names:
        if v not in DESIGN_VARIABLES:
            raise sec.error(
                key, f"unknown design variable {v!r}", f"use {sorted(DESIGN_VARIABLES)} or none"
            )
        out.append(DESIGN_VARIABLES[v])
    return tuple(out)


def _design(sec: Section, name: str) -> DesignSpec:
    weights = sec.get("weights", bool, True)
    strata = _variables(sec, "strata")
    fpc = sec.get("fpc", bool, False)
    calibration = sec.get("calibration", str, "none")
    if calibration not in ("none", "poststratify", "rake"):
        raise sec.error(
            "calibration", f"unknown calibration {calibration!r}", "use none, poststratify or rake"
        )
    margins = _variables(sec, "margins")
    if calibration != "none" and not margins:
        raise sec.error(
            "margins", f"calibration {calibration} needs margins", "add margins: [region, group]"
        )
    if fpc and not strata:
        raise UserError(
            sec.file, sec.key_path("fpc"), "fpc needs strata", "add strata: [region, group]"
        )
    epsilon = sec.get("rake_epsilon", float, 1.0)
    maxit = sec.get("rake_maxit", int, 10)
    if epsilon <= 0 or maxit < 1:
        raise UserError(
            sec.file, sec.path, "rake_epsilon must be > 0 and rake_maxit >= 1", "fix the values"
        )
    sec.finish()
    return DesignSpec(
        name,
        weights,
        strata,
        fpc,
        calibration,  # type: ignore[arg-type]
        margins,
        epsilon,
        maxit,
        params_file=str(sec.file),
    )


def _analyse(sec: Section, specs: dict[str, DesignSpec]) -> AnalyseConfig:
    primary = sec.get("design", str)
    compare = sec.get("compare_designs", list, [])
    names = [primary] + [str(c) for c in compare if str(c) != primary]
    designs = []
    for i, n in enumerate(names):
        if n not in specs:
            key = "design" if i == 0 else "compare_designs"
            raise sec.error(
                key, f"unknown design {n!r}", f"declare it under designs (known: {sorted(specs)})"
            )
        designs.append(specs[n])
    methods = _choices(sec, "ci_methods", ("logit",), CI_METHODS, "CI method")
    confidence = sec.get("confidence", float, 0.95)
    if not 0.5 <= confidence < 1:
        raise sec.error("confidence", "must be between 0.5 and 1")
    min_cell = sec.get("min_cell", int, 5)
    if min_cell < 1:
        raise sec.error("min_cell", f"must be at least 1, got {min_cell}")
    tests = _choices(sec, "tests", TESTS, TESTS, "test")
    spans = _choices(sec, "changes", ("consecutive", "first_last"), CHANGE_SPANS, "change span")
    max_share = sec.get("max_weight_share", float, 0.2)
    if not 0 < max_share <= 1:
        raise sec.error("max_weight_share", "must be in (0, 1]")
    sec.finish()
    return AnalyseConfig(tuple(designs), methods, confidence, min_cell, tests, spans, max_share)


def _figures(sec: Section) -> FiguresConfig:
    languages = _choices(sec, "languages", LANGUAGES, LANGUAGES, "language")
    dpi = _positive(sec, "dpi", 150)
    print_dpi = _positive(sec, "print_dpi", 300)
    statistic = sec.choice("statistic", FIGURE_STATISTICS, "mean", "statistic")
    heatmap = tuple(str(i) for i in sec.get("heatmap_items", list, []))
    workers = sec.get("workers", int, 0)
    if workers < 0:
        raise UserError(
            sec.file, sec.key_path("workers"), "negative", "use 0 (one per core) or more"
        )
    max_items = _positive(sec, "max_items_per_chart", 12)
    cache_dir = sec.get("cache_dir", str, "")
    cache_max_mb = sec.get("cache_max_mb", int, 1000)
    if cache_max_mb < 0:
        raise UserError(
            sec.file, sec.key_path("cache_max_mb"), "negative", "use 0 (no cache) or more"
        )
    sec.finish()
    return FiguresConfig(
        languages, dpi, print_dpi, statistic, heatmap, workers, max_items, cache_dir, cache_max_mb
    )


def _choices(
    sec: Section, key: str, default: tuple[str, ...], allowed: tuple[str, ...], what: str
) -> tuple[str, ...]:
    """A list of names from ``allowed`` (one name alone is accepted too), each at most once."""
    raw = sec.get(key, (list, str), list(default))
    values = [raw] if isinstance(raw, str) else [str(v) for v in raw]
    for value in values:
        if value not in allowed:
            raise sec.error(key, f"unknown {what} {value!r}", f"use some of {list(allowed)}")
    if not values or len(set(values)) != len(values):
        raise sec.error(key, "empty or repeated", f"list each {what} once")
    return tuple(values)


def _positive(sec: Section, key: str, default: int) -> int:
    value = sec.get(key, int, default)
    if value < 1:
        raise sec.error(key, f"{value} is not positive", "use 1 or more")
    return value
