"""Everything a reader can see in a pack's files, as text: for the pack tests and the privacy
audit (``tests/test_end_to_end.py`` calls :func:`visible_text` on every PDF, PPTX and XLSX under
``reports/``)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


def normalise(text: str) -> str:
    """Collapse whitespace (PDF extraction breaks lines where the layout wrapped them)."""
    return " ".join(text.split())


def pdf_pages(path: Path) -> list[str]:
    """The text of each page of a PDF (pypdf), whitespace collapsed; also the metadata."""
    from pypdf import PdfReader

    reader = PdfReader(str(path))
    return [normalise(page.extract_text() or "") for page in reader.pages]


def pdf_outline(path: Path) -> list[tuple[str, int]]:
    """(title, 0-based page index) of each top-level bookmark of a PDF."""
    from pypdf import PdfReader

    reader = PdfReader(str(path))
    return [(o.title, reader.get_destination_page_number(o)) for o in reader.outline]


def pdf_metadata(path: Path) -> dict[str, str]:
    from pypdf import PdfReader

    meta = PdfReader(str(path)).metadata or {}
    return {str(k): str(v) for k, v in meta.items()}


@dataclass(frozen=True)
class SlideText:
    title: str
    texts: tuple[str, ...]  # every text frame on the slide (title included), in shape order
    notes: str
    pictures: tuple[tuple[int, int], ...]  # (width, height) in EMU of each picture
    alt_texts: tuple[str, ...]


def pptx_slides(path: Path) -> list[SlideText]:
    """Title, texts, speaker notes and pictures of every slide (python-pptx)."""
    from pptx import Presentation
    from pptx.enum.shapes import MSO_SHAPE_TYPE

    out = []
    for slide in Presentation(str(path)).slides:
        title = slide.shapes.title.text_frame.text if slide.shapes.title is not None else ""
        texts = tuple(s.text_frame.text for s in slide.shapes if s.has_text_frame)
        notes = slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else ""
        pics = [s for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
        out.append(
            SlideText(
                title,
                texts,
                notes,
                tuple((int(p.width), int(p.height)) for p in pics),
                tuple(p._element.nvPicPr.cNvPr.get("descr", "") for p in pics),
            )
        )
    return out


def pptx_text(path: Path) -> str:
    """All slide texts and speaker notes of a deck, plus its core properties."""
    from pptx import Presentation

    props = Presentation(str(path)).core_properties
    parts = [str(props.title or ""), str(props.subject or ""), str(props.author or "")]
    for s in pptx_slides(path):
        parts += [*s.texts, s.notes, *s.alt_texts]
    return "\n".join(parts)


def xlsx_cells(path: Path) -> dict[str, list[tuple[int, int, object]]]:
    """(row, column, value) of every non-empty cell of every sheet (openpyxl, 1-based)."""
    import openpyxl

    wb = openpyxl.load_workbook(str(path))
    out: dict[str, list[tuple[int, int, object]]] = {}
    for ws in wb.worksheets:
        out[ws.title] = [
            (c.row, c.column, c.value)
            for row in ws.iter_rows()
            for c in row
            if c.value is not None and c.value != ""
        ]
    return out


def xlsx_text(path: Path) -> str:
    """Sheet names and every cell value of a workbook, one per line."""
    lines = []
    for sheet, cells in xlsx_cells(path).items():
        lines.append(sheet)
        lines += [str(v) for _, _, v in cells]
    return "\n".join(lines)


def visible_text(path: Path) -> str:
    """Everything a reader can see in a PDF, PPTX or XLSX file, as one text."""
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        meta = " ".join(pdf_metadata(path).values())
        outline = [title for title, _ in pdf_outline(path)]
        return "\n".join([meta, *outline, *pdf_pages(path)])
    if suffix == ".pptx":
        return pptx_text(path)
    if suffix == ".xlsx":
        return xlsx_text(path)
    raise ValueError(f"not a pack document: {path}")
