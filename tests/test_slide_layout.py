"""One slide layout (issue 14): the PPTX and the PDF draw the same boxes from slide_layout."""

from __future__ import annotations

import io
from dataclasses import astuple

import pypdf
import pytest
from pptx import Presentation
from pptx.util import Emu

from dashboard.reports import exports
from dashboard.reports import slide_layout as L
from dashboard.reports.pdf_export import INCH, to_pdf
from dashboard.reports.pptx_export import to_pptx
from dashboard.reports.slides import KeyFigure, Slide

SLIDE = Slide(
    kind="district",
    ref="61",
    title="Coerde im Überblick",
    explanation="Was die Zahlen über den Stadtteil sagen.",
    key_figures=[KeyFigure("Anteil", "41,3 %", "Stadt 24,6 %"), KeyFigure("Rang", "5 von 45")],
    bullets=["Maßnahmen", "Sprachcafé", "Nachbarschaftsfest"],
    footer="Quelle: Demodaten",
    data_status="demo",
)


def _texts(layout: list[L.Primitive]) -> dict[str, L.Box]:
    """First line of each text block → its box."""
    return {b.lines[0][0]: b.box for b in layout if isinstance(b, L.TextBlock)}


def _pptx_boxes() -> dict[str, L.Box]:
    prs = Presentation(io.BytesIO(to_pptx([SLIDE], {}, "de")))
    found = {}
    for shape in prs.slides[0].shapes:
        if shape.has_text_frame and shape.text_frame.text:
            inch = [Emu(v).inches for v in (shape.left, shape.top, shape.width, shape.height)]
            frame = shape.text_frame
            assert frame.margin_left == frame.margin_top == 0, shape.text_frame.text
            found[frame.paragraphs[0].text] = L.Box(*inch)
    return found


def _plain(text: str) -> str:
    """Whitespace as the PDF's text extraction gives it."""
    return " ".join(text.split())


def _pdf_starts() -> dict[str, tuple[float, float]]:
    """Where the PDF starts each text: (left, baseline from the top), in inches."""
    page = pypdf.PdfReader(io.BytesIO(to_pdf([SLIDE], {}, "T", "de"))).pages[0]
    starts: dict[str, tuple[float, float]] = {}

    def visit(text: str, cm: list, tm: list, _font: object, _size: float) -> None:
        # the text matrix is relative to the current transformation (Paragraph translates)
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        key = _plain(text)
        if key and key not in starts:
            starts[key] = (x / INCH, L.HEIGHT - y / INCH)

    page.extract_text(visitor_text=visit)
    return starts


def test_pptx_draws_every_text_in_its_layout_box() -> None:
    expected = _texts(L.layout(SLIDE, 0, 1, "de"))
    drawn = _pptx_boxes()
    assert set(drawn) == set(expected)
    for text, box in expected.items():
        got = drawn[text]
        assert astuple(got) == pytest.approx(astuple(box), abs=0.01), text


def test_pdf_starts_every_text_at_its_layout_box() -> None:
    layout = L.layout(SLIDE, 0, 1, "de")
    starts = _pdf_starts()
    for block in (b for b in layout if isinstance(b, L.TextBlock)):
        text, size = block.lines[0][0], block.lines[0][1]
        start = starts[_plain(text)]
        assert start[0] == pytest.approx(block.box.left, abs=0.01), text
        # the first baseline lies one line below the box's top
        assert block.box.top < start[1] <= block.box.top + 1.3 * size / INCH, (text, start)


def test_title_body_and_footer_sit_at_the_same_relative_boxes() -> None:
    """Title, first key figure, bullets and footer: the same box in both documents."""
    layout = _texts(L.layout(SLIDE, 0, 1, "de"))
    pptx, pdf = _pptx_boxes(), _pdf_starts()
    for text in (SLIDE.title, "41,3 %", "Maßnahmen", next(k for k in layout if "Folie" in k)):
        box = layout[text]
        left, baseline = pdf[_plain(text)]
        assert (pptx[text].left, pptx[text].top) == pytest.approx((box.left, box.top), abs=0.01)
        assert left == pytest.approx(pptx[text].left, abs=0.01)
        assert 0 < baseline - pptx[text].top < 0.6, text
    footer = next(k for k in layout if "Folie" in k)
    assert layout[footer].height == L.FOOTER_HEIGHT


def test_renderers_are_registered_by_extension() -> None:
    assert {"pptx", "pdf"} <= set(exports.RENDERERS)
    calls = []
    exports.register(".TXT", lambda slides, images, title, lang: calls.append(title) or b"x")
    try:
        assert exports.documents([SLIDE], {}, "Titel", "de")["txt"] == b"x"
        assert calls == ["Titel"]
    finally:
        del exports.RENDERERS["txt"]
