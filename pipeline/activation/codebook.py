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

from pipeline.codebook import ColumnRef, Text, _ref, _text
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


@dataclass(frozen=True)
class ActivationExport:
    index: int
    file: Path
    round: int
    municipality: ColumnRef
    fields: dict[str, ColumnRef]
    personal: tuple[ColumnRef, ...] = ()
    header_rows: int = 1
    sheet: str | None = None
    separator: str | None = None
    encoding: str = "auto"
    decimal: str = ","
    thousands: str | None = None  # declared thousands separator of numbers; None: no grouping

    @property
    def where(self) -> str:
        return f"exports[{self.index}]"


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
            "survey": self.survey,
            "title": self.title.as_dict(),
            "source": self.source.as_dict(),
            "rounds": self.rounds(),
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
        raise UserError(sec.file, sec.key_path(key), "must be a list of texts")
    # YAML reads a bare yes / no as true / false
    return tuple(("yes" if v else "no") if isinstance(v, bool) else str(v) for v in values)


def _fields(sec: Section) -> dict[str, Field]:
    out: dict[str, Field] = {}
    for fid in list(sec.data):
        fid_s = str(fid)
        if fid_s in STATS:
            raise UserError(
                sec.file,
                sec.key_path(fid),
                "is the name of a municipal statistic",
                "give the field another id",
            )
        s = sec.section(fid_s, required=True)
        kind = s.get("kind", str)
        if kind not in KINDS:
            raise UserError(
                s.file, s.key_path("kind"), f"unknown field kind {kind!r}", f"use one of {KINDS}"
            )
        label = _text(s, "label", required=True)
        disclosive = s.get("disclosive", bool, False)
        if disclosive and kind != "count":
            raise UserError(s.file, s.key_path("disclosive"), "only count fields can be disclosive")
        s.finish()
        out[fid_s] = Field(fid_s, kind, label, disclosive)  # type: ignore[arg-type]
    sec.finish()
    if not out:
        raise UserError(sec.file, sec.path, "no fields declared", "declare at least one field")
    return out


def _exports(top: Section, folder: Path, fields: dict[str, Field]) -> tuple[ActivationExport, ...]:
    raw = top.get("exports", list)
    if not raw:
        raise UserError(top.file, "exports", "no exports listed", "list at least one file")
    out = []
    for i, entry in enumerate(raw):
        s = Section(entry, top.file, f"exports[{i}]")
        file = s.get("file", str)
        rnd = s.get("round", int)
        fsec = s.section("fields", required=True)
        mapped: dict[str, ColumnRef] = {}
        for fid in list(fsec.data):
            if str(fid) not in fields:
                raise UserError(
                    fsec.file, fsec.key_path(fid), "unknown field id", "declare it under fields"
                )
            mapped[str(fid)] = _ref(fsec, str(fid), required=True)  # type: ignore[assignment]
        fsec.finish()
        if not mapped:
            raise UserError(s.file, s.key_path("fields"), "maps no fields", "map at least one")
        header_rows = s.get("header_rows", int, 1)
        if header_rows not in (1, 2):
            raise UserError(s.file, s.key_path("header_rows"), "must be 1 or 2")
        decimal = s.get("decimal", str, ",")
        if decimal not in (",", "."):
            raise UserError(s.file, s.key_path("decimal"), "must be ',' or '.'")
        thousands = s.get("thousands", str, None)
        if thousands not in (None, " ", ".", ",") or thousands == decimal:
            raise UserError(
                s.file,
                s.key_path("thousands"),
                f"must be ' ', '.' or ',' and differ from the decimal mark {decimal!r}",
            )
        personal = s.get("personal", list, [])
        export = ActivationExport(
            index=i,
            file=folder / file,
            round=rnd,
            municipality=_ref(s, "municipality", required=True),  # type: ignore[arg-type]
            fields=mapped,
            personal=tuple(personal),
            header_rows=header_rows,
            sheet=s.get("sheet", str, None),
            separator=s.get("separator", str, None),
            encoding=s.get("encoding", str, "auto"),
            decimal=decimal,
            thousands=thousands,
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
    title = _text(top, "title", required=True)
    assert title is not None
    source = _text(top, "source", required=False) or title
    joint = top.get("joint_authorities", str, "split")
    if joint not in JOINT_MODES:
        raise UserError(
            path, "joint_authorities", f"unknown mode {joint!r}", f"use one of {JOINT_MODES}"
        )
    split_by = top.get("split_by", str, "residents_15_64")
    if split_by not in STATS:
        raise UserError(path, "split_by", f"unknown statistic {split_by!r}", f"use one of {STATS}")
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
