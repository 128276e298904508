"""The deck as PowerPoint (16:9): title, explanation, key figures, chart image, notes."""

from __future__ import annotations

import io

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Inches, Pt

from dashboard.present.i18n import t
from dashboard.reports import slide_layout as L
from dashboard.reports.slide_images import Images
from dashboard.reports.slides import KeyFigure, Slide


def _rgb(colour: tuple[int, int, int]) -> RGBColor:
    return RGBColor(*colour)


def _text(slide, box: L.Box, lines: list[tuple[str, int, bool, tuple]], align=PP_ALIGN.LEFT):
    """A text box; ``lines`` are (text, size, bold, colour) paragraphs."""
    shape = slide.shapes.add_textbox(
        Inches(box.left), Inches(box.top), Inches(box.width), Inches(box.height)
    )
    frame = shape.text_frame
    frame.word_wrap = True
    frame.vertical_anchor = MSO_ANCHOR.TOP
    for i, (text, size, bold, colour) in enumerate(lines):
        para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        para.alignment = align
        run = para.add_run()
        run.text = text
        run.font.size, run.font.bold = Pt(size), bold
        run.font.color.rgb = _rgb(colour)
    return shape


def _key_figure(slide, box: L.Box, figure: KeyFigure) -> None:
    panel = slide.shapes.add_shape(
        1, Inches(box.left), Inches(box.top), Inches(box.width), Inches(box.height)
    )  # 1 = rectangle
    panel.fill.solid()
    panel.fill.fore_color.rgb = _rgb(L.PANEL)
    panel.line.fill.background()
    lines = [(figure.value, L.SIZES["value"], True, L.ACCENT),
             (figure.label, L.SIZES["label"], True, L.INK)]  # fmt: skip
    if figure.note:
        lines.append((figure.note, L.SIZES["note"], False, L.MUTED))
    _text(slide, L.Box(box.left + 0.1, box.top + 0.02, box.width - 0.2, box.height), lines)


def _notes(content: Slide, lang: str) -> str:
    parts = [content.explanation]
    parts += [f"{k.label}: {k.value}" + (f" ({k.note})" if k.note else "")
              for k in content.key_figures]  # fmt: skip
    parts += content.bullets
    if content.method:
        parts.append(t("pr.export.method", lang, text=content.method))
    parts.append(content.footer)
    parts += content.provenance_notes  # where the values come from, the networks' notes
    return "\n".join(p for p in parts if p)


def _slide(prs: Presentation, content: Slide, index: int, total: int, images: Images,
           lang: str) -> None:  # fmt: skip
    slide = prs.slides.add_slide(prs.slide_layouts[5])  # "Title Only": the title is a placeholder
    cover = content.kind == "title"
    title = slide.shapes.title
    top = 2.0 if cover else L.TITLE_TOP
    title.left, title.top = Inches(L.MARGIN), Inches(top)
    height = L.TITLE_HEIGHT * (1.6 if cover else 1)
    title.width, title.height = Inches(L.WIDTH - 2 * L.MARGIN), Inches(height)
    title.text = content.title
    para = title.text_frame.paragraphs[0]
    para.alignment = PP_ALIGN.LEFT
    for run in para.runs:
        run.font.size = Pt(L.title_size(content.title, cover))
        run.font.bold = True
        run.font.color.rgb = _rgb(L.INK)
    explain_top = top + (1.45 if cover else L.EXPLAIN_TOP - L.TITLE_TOP)
    lines = [(content.explanation, L.SIZES["explain"], False, L.MUTED)]
    if content.subtitle:
        lines.insert(0, (content.subtitle, L.SIZES["explain"], True, L.ACCENT))
    _text(
        slide,
        L.Box(
            L.MARGIN, explain_top, L.WIDTH - 2 * L.MARGIN, L.COVER_EXPLAIN_HEIGHT if cover else 1.0
        ),
        lines,
    )
    figures_top = explain_top + L.COVER_EXPLAIN_HEIGHT + 0.2 if cover else L.FIGURES_TOP
    n = len(content.key_figures)
    boxes = L.key_figure_column(n) if L.beside(content) else L.key_figure_boxes(n, figures_top)
    for box, figure in zip(boxes, content.key_figures, strict=True):
        _key_figure(slide, box, figure)
    fig_box, bullet_box = L.body_boxes(content)
    if fig_box is not None and content.figures:
        figure = content.figures[0]
        png = images.get((index, figure.name))
        if png is not None:
            size = L.figure_px(content) or (figure.width, figure.height)
            place = L.fit(fig_box, *size)
            slide.shapes.add_picture(io.BytesIO(png), Inches(place.left), Inches(place.top),
                                     Inches(place.width), Inches(place.height))  # fmt: skip
    if bullet_box is not None:
        _text(slide, bullet_box,
              [(("• " if i else "") + b, L.SIZES["bullet"], i == 0, L.INK)
               for i, b in enumerate(content.bullets)])  # fmt: skip
    demo = content.data_status != "real"
    footer = f"{content.footer}   ·   {t('pr.export.slide', lang, n=index + 1, total=total)}"
    _text(slide, L.Box(L.MARGIN, L.FOOTER_TOP, L.WIDTH - 2 * L.MARGIN, 0.35),
          [(footer, L.SIZES["footer"], demo, L.DEMO if demo else L.MUTED)])  # fmt: skip
    slide.notes_slide.notes_text_frame.text = _notes(content, lang)


def to_pptx(slides: list[Slide], images: Images, lang: str = "de") -> bytes:
    """The deck as a .pptx file (16:9); slide titles are the slides' titles."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(L.WIDTH), Inches(L.HEIGHT)
    for i, content in enumerate(slides):
        _slide(prs, content, i, len(slides), images, lang)
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()
