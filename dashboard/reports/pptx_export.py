"""The deck as PowerPoint (16:9): ``slide_layout``'s primitives, the title as the slide title."""

from __future__ import annotations

import io
from typing import Any

from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.util import Inches, Pt

from dashboard.present.i18n import t
from dashboard.reports import slide_layout as L
from dashboard.reports.slide_images import Images
from dashboard.reports.slides import Slide


def _rgb(colour: tuple[int, int, int]) -> RGBColor:
    return RGBColor(*colour)


def _frame(frame: Any, lines: tuple[L.Line, ...], align: Any = PP_ALIGN.LEFT) -> None:
    """Fill a text frame; ``lines`` are (text, size, bold, colour) paragraphs from the top."""
    frame.word_wrap = True
    frame.vertical_anchor = MSO_ANCHOR.TOP
    # no inner margin: the layout's box is where the text starts, as in the PDF
    frame.margin_left = frame.margin_right = frame.margin_top = frame.margin_bottom = 0
    frame.clear()
    for i, (text, size, bold, colour) in enumerate(lines):
        para = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
        para.alignment = align
        run = para.add_run()
        run.text = text
        run.font.size, run.font.bold = Pt(size), bold
        run.font.color.rgb = _rgb(colour)


def _place(shape: Any, box: L.Box) -> None:
    shape.left, shape.top = Inches(box.left), Inches(box.top)
    shape.width, shape.height = Inches(box.width), Inches(box.height)


def _draw(slide: Any, shape: L.Primitive, png: bytes | None) -> None:
    """One layout primitive on a PowerPoint slide."""
    box = shape.box
    at = (Inches(box.left), Inches(box.top), Inches(box.width), Inches(box.height))
    if isinstance(shape, L.Panel):
        panel = slide.shapes.add_shape(1, *at)  # 1 = rectangle
        panel.fill.solid()
        panel.fill.fore_color.rgb = _rgb(shape.colour)
        panel.line.fill.background()
    elif isinstance(shape, L.Picture):
        if png is not None:
            slide.shapes.add_picture(io.BytesIO(png), *at)
    elif shape.role == "title":
        # the title placeholder: PowerPoint's outline and screen readers read it as the title
        _place(slide.shapes.title, box)
        _frame(slide.shapes.title.text_frame, shape.lines)
    else:
        _frame(slide.shapes.add_textbox(*at).text_frame, shape.lines)


def _notes(content: Slide, lang: str) -> str:
    parts = [content.explanation]
    parts += [
        f"{k.label}: {k.value}" + (f" ({k.note})" if k.note else "") for k in content.key_figures
    ]
    parts += content.bullets
    if content.method:
        parts.append(t("pr.export.method", lang, text=content.method))
    parts.append(content.footer)
    parts += content.provenance_notes  # where the values come from, the networks' notes
    return "\n".join(p for p in parts if p)


def _slide(
    prs: Presentation, content: Slide, index: int, total: int, images: Images, lang: str
) -> None:
    slide = prs.slides.add_slide(prs.slide_layouts[5])  # "Title Only": the title is a placeholder
    for shape in L.layout(content, index, total, lang):
        png = images.get((index, shape.name)) if isinstance(shape, L.Picture) else None
        _draw(slide, shape, png)
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
