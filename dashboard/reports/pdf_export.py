"""The deck as PDF: one landscape 16:9 page per slide, drawing ``slide_layout``'s primitives."""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from reportlab.lib.colors import Color
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from dashboard.reports import slide_layout as L
from dashboard.reports.pdf_fonts import register_fonts
from dashboard.reports.slide_images import Images
from dashboard.reports.slides import Slide

INCH = 72.0


def _colour(rgb: tuple[int, int, int]) -> Color:
    return Color(*(c / 255 for c in rgb))


class _Page:
    """Drawing helpers in inches from the top left, as slide_layout measures."""

    def __init__(self, canvas: Canvas, fonts: tuple[str, str]) -> None:
        self.canvas, (self.font, self.bold) = canvas, fonts
        self.dropped: list[str] = []  # text that did not fit its box (a layout error)

    def y(self, top: float) -> float:
        return (L.HEIGHT - top) * INCH

    def paragraphs(self, box: L.Box, lines: list[tuple[str, int, bool, tuple]]) -> None:
        """Wrapped paragraphs from the box's top; what does not fit is left out."""
        y = box.top
        for index, (text, size, bold, colour) in enumerate(lines):
            style = ParagraphStyle(
                "p",
                fontName=self.bold if bold else self.font,
                fontSize=size,
                leading=size * 1.22,
                textColor=_colour(colour),
                spaceAfter=0,
            )
            para = Paragraph(escape(text), style)
            _, height = para.wrap(box.width * INCH, box.height * INCH)
            if y + height / INCH > box.top + box.height + 0.01:
                self.dropped += [line[0] for line in lines[index:]]
                break
            para.drawOn(self.canvas, box.left * INCH, self.y(y) - height)
            y += height / INCH + size * 0.35 / INCH

    def panel(self, box: L.Box, colour: tuple[int, int, int]) -> None:
        self.canvas.setFillColor(_colour(colour))
        self.canvas.rect(
            box.left * INCH,
            self.y(box.top + box.height),
            box.width * INCH,
            box.height * INCH,
            stroke=0,
            fill=1,
        )

    def image(self, box: L.Box, png: bytes) -> None:
        self.canvas.drawImage(
            ImageReader(io.BytesIO(png)),
            box.left * INCH,
            self.y(box.top + box.height),
            box.width * INCH,
            box.height * INCH,
        )


def _slide(page: _Page, content: Slide, index: int, total: int, images: Images, lang: str) -> None:
    """Draw the slide's layout primitives."""
    for shape in L.layout(content, index, total, lang):
        if isinstance(shape, L.Panel):
            page.panel(shape.box, shape.colour)
        elif isinstance(shape, L.Picture):
            png = images.get((index, shape.name))
            if png is not None:
                page.image(shape.box, png)
        else:
            page.paragraphs(shape.box, list(shape.lines))


def to_pdf(
    slides: list[Slide],
    images: Images,
    title: str = "",
    lang: str = "de",
    dropped: list[str] | None = None,
) -> bytes:
    """The deck as a PDF, one 16:9 landscape page per slide; ``dropped`` collects overflow."""
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=(L.WIDTH * INCH, L.HEIGHT * INCH))
    canvas.setTitle(title or (slides[0].title if slides else ""))
    page = _Page(canvas, register_fonts())
    for i, content in enumerate(slides):
        _slide(page, content, i, len(slides), images, lang)
        canvas.showPage()
    canvas.save()
    if dropped is not None:
        dropped += page.dropped
    return out.getvalue()
