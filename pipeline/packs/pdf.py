"""The A4 handout (fpdf2): title page, "how to read these charts", then one chart per page with
its findings and discussion prompts. Byte-identical for the same plan and date: fixed creation
date, embedded DejaVu fonts from matplotlib, no random ids (the /ID is a hash of the content)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pipeline.i18n import t
from pipeline.packs.plan import ChartPage, PackPlan
from pipeline.packs.prose import how_to_read

MARGIN = 18.0  # mm
FONT = "DejaVu"
BODY = 11.0  # pt
MIN_BODY = 8.0
INK = (34, 34, 34)
MUTED = (90, 90, 90)
ACCENT = (0, 114, 178)  # Okabe-Ito blue, as in the charts


def _fonts() -> tuple[Path, Path]:
    import matplotlib

    folder = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    return folder / "DejaVuSans.ttf", folder / "DejaVuSans-Bold.ttf"


def _handout(plan: PackPlan, when: dt.datetime):  # -> fpdf.FPDF
    from fpdf import FPDF

    lang = plan.language

    class Handout(FPDF):
        def footer(self) -> None:
            if self.page_no() == 1:
                return
            self.set_y(-13)
            self.set_font(FONT, "", 8)
            self.set_text_color(*MUTED)
            width = self.epw - 30
            self.cell(width, 5, getattr(self, "page_source", plan.source), align="L")
            page = t("packs.page", lang, page=self.page_no(), pages="{nb}")
            self.cell(30, 5, page, align="R")

    pdf = Handout(orientation="P", unit="mm", format="A4")
    regular, bold = _fonts()
    pdf.add_font(FONT, "", str(regular))
    pdf.add_font(FONT, "B", str(bold))
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.set_auto_page_break(True, margin=18)
    pdf.set_creation_date(when)
    pdf.set_title(plan.spec.title)
    pdf.set_subject(plan.survey_title)
    pdf.set_creator("welfare-barometer")
    pdf.set_producer("welfare-barometer")
    pdf.set_lang(lang)
    pdf.alias_nb_pages()
    return pdf


def _title_page(pdf, plan: PackPlan) -> None:
    lang = plan.language
    pdf.add_page()
    pdf.set_y(60)
    pdf.set_text_color(*ACCENT)
    pdf.set_font(FONT, "B", 26)
    pdf.multi_cell(0, 12, plan.spec.title, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_text_color(*INK)
    pdf.set_font(FONT, "", 15)
    pdf.multi_cell(0, 8, plan.survey_title, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(10)
    rows = [
        (t("packs.focus", lang), plan.focus_name),
        (t("packs.rounds", lang), ", ".join(str(r) for r in plan.rounds)),
        (t("packs.data_date", lang), plan.data_date),
        (t("packs.charts", lang), str(len(plan.charts))),
    ]
    for key, value in rows:
        pdf.set_font(FONT, "B", 12)
        pdf.cell(50, 8, key)
        pdf.set_font(FONT, "", 12)
        pdf.multi_cell(0, 8, value, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(12)
    pdf.set_font(FONT, "", 10)
    pdf.set_text_color(*MUTED)
    pdf.multi_cell(0, 5.5, t("packs.title_note", lang, k=plan.min_cell), align="L")
    pdf.ln(3)
    pdf.multi_cell(0, 5.5, plan.source, align="L")
    pdf.set_text_color(*INK)


def _how_to_read(pdf, plan: PackPlan) -> None:
    lang = plan.language
    pdf.add_page()
    pdf.set_font(FONT, "B", 18)
    pdf.set_text_color(*ACCENT)
    pdf.cell(0, 10, t("packs.how_title", lang), new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    pdf.set_text_color(*INK)
    items = {i for page in plan.charts if page.survey == "barometer" for i in page.items}
    pairs = how_to_read(plan.codebook, lang, plan.min_cell, plan.confidence, items)
    for heading, text in pairs:
        pdf.set_font(FONT, "B", 11.5)
        pdf.multi_cell(0, 6, heading, align="L", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(FONT, "", 10.5)
        pdf.multi_cell(0, 5.3, text, align="L", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2.5)


def _bullets(pdf, lines: list[str], size: float, dry: bool = False) -> float:
    """Write (or measure, with ``dry``) bulleted lines; returns the height used in mm."""
    height = 0.0
    line_h = size * 0.47
    indent = 5.0
    for line in lines:
        pdf.set_font(FONT, "", size)
        if not dry:
            pdf.set_x(pdf.l_margin)
            pdf.cell(indent, line_h, "•")
        lines_out = pdf.multi_cell(
            pdf.epw - indent,
            line_h,
            line,
            align="L",
            dry_run=dry,
            output="LINES",
            new_x="LMARGIN",
            new_y="NEXT",
        )
        height += len(lines_out) * line_h + 1.2
        if not dry:
            pdf.ln(1.2)
    return height


def _chart_page(pdf, page: ChartPage, plan: PackPlan, folder: Path, number: int) -> None:
    """The chart carries its own title; the page shows a small running head (section and chart
    number) and the title goes into the PDF outline and the image's alt text."""
    from PIL import Image

    lang = plan.language
    pdf.add_page()
    pdf.page_source = page.source  # the footer of this page names its data source
    pdf.start_section(page.title)
    pdf.set_text_color(*MUTED)
    pdf.set_font(FONT, "", 9)
    head = f"{page.section} · {number}/{len(plan.charts)}"
    pdf.cell(0, 5, head, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(2)
    pdf.set_text_color(*INK)
    image = folder / page.pack_png_print
    with Image.open(image) as im:
        w_px, h_px = im.size
    width = pdf.epw
    height = width * h_px / w_px
    pdf.image(str(image), x=pdf.l_margin, y=pdf.get_y(), w=width, h=height, alt_text=page.title)
    pdf.set_y(pdf.get_y() + height + 4)
    findings = [f.text for f in page.findings]
    prompts = list(page.prompts)
    # Shrink the text until findings and prompts fit below the chart on this page.
    room = pdf.h - pdf.b_margin - pdf.get_y() - 2 * 9
    size = BODY
    while size > MIN_BODY:
        need = _bullets(pdf, findings, size, dry=True) + _bullets(pdf, prompts, size, dry=True)
        if need <= room:
            break
        size -= 0.5
    for heading, lines in (
        (t("packs.findings", lang), findings),
        (t("packs.discuss", lang), prompts),
    ):
        pdf.set_font(FONT, "B", 12)
        pdf.set_text_color(*ACCENT)
        pdf.cell(0, 7, heading, new_x="LMARGIN", new_y="NEXT")
        pdf.set_text_color(*INK)
        _bullets(pdf, lines, size)
        pdf.ln(2)


def _notes_page(pdf, page: ChartPage, plan: PackPlan) -> None:
    """A page for the workshop's notes on the chart before it: the worksheet's open questions
    with ruled space to write in (docs/workshop.md)."""
    from pipeline.i18n import t

    lang = plan.language
    pdf.add_page()
    pdf.set_font(FONT, "B", 14)
    pdf.set_text_color(*ACCENT)
    pdf.multi_cell(
        0,
        7,
        t("workshop.notes_title", lang, title=page.title),
        align="L",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.set_text_color(*MUTED)
    pdf.set_font(FONT, "", 9)
    pdf.multi_cell(0, 5, t("workshop.notes_hint", lang), align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(*INK)
    from pipeline.packs.worksheet import PRIORITIES, role_labels

    choices = {
        "priority": [str(p) for p in PRIORITIES],
        "perspective": list(role_labels(lang).values()),
    }
    columns = ("interpretation", "lived", "proposal", "who")
    room = (pdf.h - pdf.b_margin - pdf.get_y() - 4 - 2 * 16) / len(columns)
    for column in columns:
        pdf.ln(2)
        pdf.set_font(FONT, "B", 11)
        pdf.cell(0, 6, t(f"workshop.col_{column}", lang), new_x="LMARGIN", new_y="NEXT")
        top, lines = pdf.get_y(), max(1, int((room - 8) // 8))
        pdf.set_draw_color(*MUTED)
        for i in range(1, lines + 1):
            pdf.line(pdf.l_margin, top + 8 * i, pdf.w - pdf.r_margin, top + 8 * i)
        pdf.set_y(top + 8 * lines)
    for column, options in choices.items():  # tick boxes, as the worksheet's drop-downs
        pdf.ln(3)
        pdf.set_font(FONT, "B", 11)
        pdf.cell(0, 6, t(f"workshop.col_{column}", lang), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font(FONT, "", 10.5)
        boxes = "     ".join(f"\u2610 {o}" for o in options)
        pdf.multi_cell(0, 6, boxes, align="L", new_x="LMARGIN", new_y="NEXT")


def write_pdf(plan: PackPlan, folder: Path, target: Path, when: dt.datetime) -> int:
    """Write the handout to ``target`` with the print PNGs copied into the pack ``folder``;
    returns the number of pages."""
    pdf = _handout(plan, when)
    _title_page(pdf, plan)
    _how_to_read(pdf, plan)
    for number, page in enumerate(plan.charts, start=1):
        _chart_page(pdf, page, plan, folder, number)
        if plan.spec.notes_pages:
            _notes_page(pdf, page, plan)
    pdf.output(str(target))
    return pdf.page_no()
