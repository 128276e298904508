"""The deck as PDF: one landscape 16:9 page per slide, laid out like the PPTX."""

from __future__ import annotations

import io
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.colors import Color
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from dashboard.present.i18n import t
from dashboard.reports import slide_layout as L
from dashboard.reports.slide_images import Images
from dashboard.reports.slides import KeyFigure, Slide

INCH = 72.0
# DejaVu has every glyph we print (status symbols ☀ ◐ ☁ ⚡, „“, −); Helvetica is the fallback
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONT, FONT_BOLD = "DeckSans", "DeckSans-Bold"


def _fonts() -> tuple[str, str]:
    if FONT in pdfmetrics.getRegisteredFontNames():
        return FONT, FONT_BOLD
    regular, bold = FONT_DIR / "DejaVuSans.ttf", FONT_DIR / "DejaVuSans-Bold.ttf"
    if not (regular.exists() and bold.exists()):
        return "Helvetica", "Helvetica-Bold"
    pdfmetrics.registerFont(TTFont(FONT, str(regular)))
    pdfmetrics.registerFont(TTFont(FONT_BOLD, str(bold)))
    return FONT, FONT_BOLD


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
            style = ParagraphStyle("p", fontName=self.bold if bold else self.font,
                                   fontSize=size, leading=size * 1.22,
                                   textColor=_colour(colour), spaceAfter=0)  # fmt: skip
            para = Paragraph(escape(text), style)
            _, height = para.wrap(box.width * INCH, box.height * INCH)
            if y + height / INCH > box.top + box.height + 0.01:
                self.dropped += [line[0] for line in lines[index:]]
                break
            para.drawOn(self.canvas, box.left * INCH, self.y(y) - height)
            y += height / INCH + size * 0.35 / INCH

    def panel(self, box: L.Box, colour: tuple[int, int, int]) -> None:
        self.canvas.setFillColor(_colour(colour))
        self.canvas.rect(box.left * INCH, self.y(box.top + box.height), box.width * INCH,
                         box.height * INCH, stroke=0, fill=1)  # fmt: skip

    def image(self, box: L.Box, png: bytes) -> None:
        self.canvas.drawImage(
            ImageReader(io.BytesIO(png)),
            box.left * INCH,
            self.y(box.top + box.height),
            box.width * INCH,
            box.height * INCH,
        )


def _key_figure(page: _Page, box: L.Box, figure: KeyFigure) -> None:
    page.panel(box, L.PANEL)
    lines = [(figure.value, L.SIZES["value"], True, L.ACCENT),
             (figure.label, L.SIZES["label"], True, L.INK)]  # fmt: skip
    if figure.note:
        lines.append((figure.note, L.SIZES["note"], False, L.MUTED))
    page.paragraphs(L.Box(box.left + 0.12, box.top + 0.08, box.width - 0.24, box.height), lines)


def _slide(page: _Page, content: Slide, index: int, total: int, images: Images,
           lang: str) -> None:  # fmt: skip
    cover = content.kind == "title"
    top = 2.0 if cover else L.TITLE_TOP
    size = L.title_size(content.title, cover)
    page.paragraphs(L.Box(L.MARGIN, top, L.WIDTH - 2 * L.MARGIN, 1.4),
                    [(content.title, size, True, L.INK)])  # fmt: skip
    explain_top = top + (1.45 if cover else L.EXPLAIN_TOP - L.TITLE_TOP)
    lines = [(content.explanation, L.SIZES["explain"], False, L.MUTED)]
    if content.subtitle:
        lines.insert(0, (content.subtitle, L.SIZES["explain"], True, L.ACCENT))
    page.paragraphs(
        L.Box(
            L.MARGIN, explain_top, L.WIDTH - 2 * L.MARGIN, L.COVER_EXPLAIN_HEIGHT if cover else 1.0
        ),
        lines,
    )
    figures_top = explain_top + L.COVER_EXPLAIN_HEIGHT + 0.2 if cover else L.FIGURES_TOP
    n = len(content.key_figures)
    boxes = L.key_figure_column(n) if L.beside(content) else L.key_figure_boxes(n, figures_top)
    for box, figure in zip(boxes, content.key_figures, strict=True):
        _key_figure(page, box, figure)
    fig_box, bullet_box = L.body_boxes(content)
    if fig_box is not None and content.figures:
        figure = content.figures[0]
        png = images.get((index, figure.name))
        if png is not None:
            size = L.figure_px(content) or (figure.width, figure.height)
            page.image(L.fit(fig_box, *size), png)
    if bullet_box is not None:
        page.paragraphs(bullet_box, [(("• " if i else "") + b, L.SIZES["bullet"], i == 0, L.INK)
                                     for i, b in enumerate(content.bullets)])  # fmt: skip
    footer = f"{content.footer}   ·   {t('pr.export.slide', lang, n=index + 1, total=total)}"
    demo = content.data_status != "real"
    page.paragraphs(L.Box(L.MARGIN, L.FOOTER_TOP, L.WIDTH - 2 * L.MARGIN, 0.4),
                    [(footer, L.SIZES["footer"], demo, L.DEMO if demo else L.MUTED)])  # fmt: skip


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
    page = _Page(canvas, _fonts())
    for i, content in enumerate(slides):
        _slide(page, content, i, len(slides), images, lang)
        canvas.showPage()
    canvas.save()
    if dropped is not None:
        dropped += page.dropped
    return out.getvalue()
