"""The PowerPoint deck (python-pptx): 16:9, a title slide, then one chart per slide with the
findings and discussion prompts in the speaker notes.

Byte-identical for the same plan and date: the core properties are fixed, and because
python-pptx stamps every zip entry with the current time, the saved file is rewritten with a
fixed timestamp in the same entry order."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

from pipeline.i18n import t
from pipeline.packs.plan import ChartPage, PackPlan

WIDTH_IN = 13.333
HEIGHT_IN = 7.5
TITLE_H_IN = 0.7
PAD_IN = 0.05


def _notes(page: ChartPage, language: str) -> str:
    lines = [t("packs.notes_findings", language)]
    lines += [f"• {f.text}" for f in page.findings]
    lines += ["", t("packs.notes_discuss", language)]
    lines += [f"• {p}" for p in page.prompts]
    return "\n".join(lines)


def _title_slide(prs, plan: PackPlan) -> None:
    from pptx.util import Inches, Pt

    lang = plan.language
    slide = prs.slides.add_slide(prs.slide_layouts[0])
    title, subtitle = slide.shapes.title, slide.placeholders[1]
    title.left, title.top = Inches(0.8), Inches(1.6)
    title.width, title.height = Inches(WIDTH_IN - 1.6), Inches(2.0)
    title.text = plan.spec.title
    subtitle.left, subtitle.top = Inches(0.8), Inches(3.9)
    subtitle.width, subtitle.height = Inches(WIDTH_IN - 1.6), Inches(2.6)
    lines = [
        plan.survey_title,
        f"{t('packs.focus', lang)}: {plan.focus_name}",
        f"{t('packs.rounds', lang)}: {', '.join(str(r) for r in plan.rounds)} · "
        f"{t('packs.data_date', lang)}: {plan.data_date}",
        plan.source,
    ]
    frame = subtitle.text_frame
    frame.text = lines[0]
    for line in lines[1:]:
        frame.add_paragraph().text = line
    for para in frame.paragraphs:
        for run in para.runs:
            run.font.size = Pt(20)


def _chart_slide(prs, page: ChartPage, plan: PackPlan, folder: Path) -> None:
    from PIL import Image
    from pptx.util import Emu, Inches, Pt

    slide = prs.slides.add_slide(prs.slide_layouts[5])  # "Title Only"
    # The chart carries its own title. The slide title (for the outline, navigation and screen
    # readers) is placed just above the slide, where it is not shown (as Microsoft recommends
    # for hidden slide titles), so the chart can fill the slide.
    title = slide.shapes.title
    title.left, title.top = Inches(0.4), -Inches(TITLE_H_IN)
    title.width, title.height = Inches(WIDTH_IN - 0.8), Inches(TITLE_H_IN - 0.05)
    title.text = page.title
    for para in title.text_frame.paragraphs:
        for run in para.runs:
            run.font.size = Pt(20)
    image = folder / page.pack_png
    with Image.open(image) as im:
        w_px, h_px = im.size
    box_w = Inches(WIDTH_IN - 2 * PAD_IN)
    box_h = Inches(HEIGHT_IN - 2 * PAD_IN)
    scale = min(box_w / w_px, box_h / h_px)
    w, h = int(w_px * scale), int(h_px * scale)
    left = (Inches(WIDTH_IN) - w) // 2
    top = (Inches(HEIGHT_IN) - h) // 2
    pic = slide.shapes.add_picture(str(image), Emu(left), Emu(top), Emu(w), Emu(h))
    pic._element.nvPicPr.cNvPr.set("descr", page.title)  # alt text for screen readers
    slide.notes_slide.notes_text_frame.text = _notes(page, plan.language)


def normalise_zip(data: bytes, when: dt.datetime) -> bytes:
    """The same zip with every entry stamped ``when`` (entry order and contents unchanged)."""
    stamp = max(when, dt.datetime(1980, 1, 1, tzinfo=when.tzinfo)).timetuple()[:6]
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=stamp)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


def write_deck(plan: PackPlan, folder: Path, target: Path, when: dt.datetime) -> int:
    """Write the deck to ``target`` with the slide PNGs copied into the pack ``folder``;
    returns the number of slides."""
    from pptx import Presentation
    from pptx.util import Inches

    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(WIDTH_IN), Inches(HEIGHT_IN)
    props = prs.core_properties
    props.title = plan.spec.title
    props.subject = plan.survey_title
    props.author = "welfare-barometer"
    props.last_modified_by = "welfare-barometer"
    props.language = plan.language
    props.revision = 1
    naive = when.replace(tzinfo=None)
    props.created = naive
    props.modified = naive
    props.last_printed = naive
    _title_slide(prs, plan)
    for page in plan.charts:
        _chart_slide(prs, page, plan, folder)
    buffer = io.BytesIO()
    prs.save(buffer)
    target.write_bytes(normalise_zip(buffer.getvalue(), when))
    return len(prs.slides)
