"""data/raw/activation/codebook.yaml -> a typed :class:`ActivationCodebook`.

The activation survey is a table of numbers per municipality, not answers on scales, so its
codebook declares *fields* (kind ``count``, ``amount``, ``fte`` or ``yes_no``) instead of items
and scales; texts, column references and the export options are read with the helpers of the
barometer codebook (:mod:`pipeline.codebook`). Format: docs/activation.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pipeline.codebook.exports import (
    ColumnRef,
    ExportFile,
    column_ref,
    export_entries,
    file_options,
    mapped_columns,
)
from pipeline.codebook.text import Text, read_text, survey_heading
from pipeline.errors import UserError
from pipeline.yamlcheck import Section, load_yaml

KINDS = ("count", "amount", "fte", "yes_no")
JOINT_MODES = ("split", "attribute")
# Municipal statistics (reference/municipal_stats.csv) usable in ratios and for splitting.
STATS = (
    "residents",
    "residents_15_64",
    "long_term_unemployed",
    "benefit_days_300",
    "benefit_days_1000",
)
DEFAULT_DONT_KNOW = ("en osaa sanoa", "eos", "vet ej", "kan inte säga", "don't know")
DEFAULT_YES = ("kyllä", "ja", "yes", "1")
DEFAULT_NO = ("ei", "nej", "no", "0")


@dataclass(frozen=True)
class Field:
    id: str
    kind: Literal["count", "amount", "fte", "yes_no"]
    label: Text
    disclosive: bool = False  # client counts: below min_cell shown as "<k"

    @property
    def numeric(self) -> bool:
        return self.kind != "yes_no"


@dataclass(frozen=True, kw_only=True)
class ActivationExport(ExportFile):
    municipality: ColumnRef
    fields: dict[str, ColumnRef]


@dataclass(frozen=True)
class ActivationCodebook:
    path: Path
    survey: str
    title: Text
    source: Text
    fields: dict[str, Field]
    exports: tuple[ActivationExport, ...]
    joint: Literal["split", "attribute"] = "split"
    split_by: str = "residents_15_64"
    dont_know: tuple[str, ...] = DEFAULT_DONT_KNOW
    yes: tuple[str, ...] = DEFAULT_YES
    no: tuple[str, ...] = DEFAULT_NO

    def rounds(self) -> list[int]:
        return sorted({e.round for e in self.exports})

    def snapshot(self) -> dict[str, Any]:
        return {
            **survey_heading(self.survey, self.title, self.source, self.rounds()),
            "joint": self.joint,
            "fields": {
                f.id: {"kind": f.kind, "label": f.label.as_dict(), "disclosive": f.disclosive}
                for f in self.fields.values()
            },
            "exports": [{"file": e.file.name, "round": e.round} for e in self.exports],
        }


def _texts(sec: Section, key: str, default: tuple[str, ...]) -> tuple[str, ...]:
    values = sec.get(key, list, None)
    if values is None:
        return default
    if not all(isinstance(v, str | int) for v in values):
        raise sec.error(key, "must be a list of texts")
    # YAML reads a bare yes / no as true / false
    return tuple(("yes" if v else "no") if isinstance(v, bool) else str(v) for v in values)


def _fields(sec: Section) -> dict[str, Field]:
    out: dict[str, Field] = {}
    for fid in list(sec.data):
        fid_s = str(fid)
        if fid_s in STATS:
            raise sec.error(
                fid, "is the name of a municipal statistic", "give the field another id"
            )
        s = sec.section(fid_s, required=True)
        kind = s.choice("kind", KINDS, what="field kind")
        label = read_text(s, "label", required=True)
        disclosive = s.get("disclosive", bool, False)
        if disclosive and kind != "count":
            raise s.error("disclosive", "only count fields can be disclosive")
        s.finish()
        out[fid_s] = Field(fid_s, kind, label, disclosive)  # type: ignore[arg-type]
    sec.finish()
    if not out:
        raise UserError(sec.file, sec.path, "no fields declared", "declare at least one field")
    return out


def _exports(top: Section, folder: Path, fields: dict[str, Field]) -> tuple[ActivationExport, ...]:
    out = []
    for i, s in enumerate(export_entries(top)):
        file = s.get("file", str)
        rnd = s.get("round", int)
        mapped = mapped_columns(s, "fields", fields, "field", "declare it under fields")
        export = ActivationExport(
            index=i,
            file=folder / file,
            round=rnd,
            municipality=column_ref(s, "municipality", required=True),  # type: ignore[arg-type]
            fields=mapped,
            **file_options(s),
        )
        s.finish()
        out.append(export)
    rounds = [e.round for e in out]
    dup = next((r for r in rounds if rounds.count(r) > 1), None)
    if dup is not None:
        raise UserError(
            top.file, "exports", f"round {dup} is listed twice", "list one export per round"
        )
    return tuple(out)


def load_activation_codebook(path: Path) -> ActivationCodebook:
    top = Section(load_yaml(path, "codebook"), path, "")
    survey = top.get("survey", str, "activation")
    title = read_text(top, "title", required=True)
    assert title is not None
    source = read_text(top, "source", required=False) or title
    joint = top.choice("joint_authorities", JOINT_MODES, "split", "mode")
    split_by = top.choice("split_by", STATS, "residents_15_64", "statistic")
    dont_know = _texts(top, "dont_know", DEFAULT_DONT_KNOW)
    yes = _texts(top, "answers_yes", DEFAULT_YES)
    no = _texts(top, "answers_no", DEFAULT_NO)
    fields = _fields(top.section("fields", required=True))
    exports = _exports(top, path.parent, fields)
    top.finish()
    return ActivationCodebook(
        path,
        survey,
        title,
        source,
        fields,
        exports,
        joint,
        split_by,
        dont_know,
        yes,
        no,  # type: ignore[arg-type]
    )
