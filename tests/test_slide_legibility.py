"""Exported slides for a room: every chart whole (no clipped labels), large text, contrast.

Renders every figure of the default deck on demo data as the PPTX/PDF export does and checks
(1) the figure's margins against its longest labels, measured in the export font, and (2) the
rendered PNG's outer pixel columns and rows for ink, which is what cut-off text leaves behind.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator

import pytest
from PIL import Image
from pptx import Presentation
from pptx.util import Pt

from dashboard.present import progress_charts as pc
from dashboard.reports import slide_figures as sf
from dashboard.reports import slide_images
from dashboard.reports import slide_layout as L
from dashboard.reports.city_slides import TARGET_CHART_PX
from dashboard.reports.deck import default_deck
from dashboard.reports.deck_builder import build_slides
from dashboard.reports.pdf_export import to_pdf
from dashboard.reports.pptx_export import to_pptx
from dashboard.reports.slides import Slide, load
from dashboard.store import Store
from tests.browser import require_chromium
from tests.conftest import copy_db

EDGE_PX = 3  # CSS px at each edge of a chart image that must stay free of ink
INK_BELOW = 150  # grey level below which a pixel counts as ink (text strokes are ~20)
RAW_ID = re.compile(r"\b\d\.\d-[A-Z]|\b[a-z]+_[a-z_]+\b")


@pytest.fixture(scope="module")
def deck(demo_db_template, tmp_path_factory) -> Iterator[tuple[list[Slide], dict]]:
    """The default deck on demo data with every figure rendered as for the export."""
    require_chromium()
    store = Store(copy_db(demo_db_template, tmp_path_factory.mktemp("legible")))
    try:
        data = load(store)
        spec = default_deck(data.catalogue)
        content = build_slides(data, spec, "de")
    finally:
        store.close()
    yield content, slide_images.render(content)


def _figures(content: list[Slide]):
    return [(i, slide, f) for i, slide in enumerate(content) for f in slide.figures]


def test_every_exported_chart_keeps_its_labels_inside(deck) -> None:
    content, images = deck
    assert len(_figures(content)) == 7  # overview, three fields, two districts, map
    for i, slide, figure in _figures(content):
        fig, where = figure.figure, f"{slide.title} / {figure.name}"
        need = sf.required_margins(fig)
        for side in "lrtb":
            assert getattr(fig.layout.margin, side) >= need[side], (where, side, need)
        image = Image.open(io.BytesIO(images[(i, figure.name)])).convert("L")
        width, height = L.figure_px(slide)
        assert image.size == (2 * width, 2 * height), where  # drawn at its size on the slide
        band = 2 * EDGE_PX
        edges = {
            "left": image.crop((0, 0, band, image.height)),
            "right": image.crop((image.width - band, 0, image.width, image.height)),
            "top": image.crop((0, 0, image.width, band)),
            "bottom": image.crop((0, image.height - band, image.width, image.height)),
        }
        for edge, strip in edges.items():
            ink = sum(strip.histogram()[:INK_BELOW])
            assert ink == 0, f"{where}: {ink} dark pixels at the {edge} edge (cut-off text?)"


def test_bar_labels_do_not_run_into_each_other(deck) -> None:
    content, _images = deck
    for _i, slide, figure in _figures(content):
        per_row, needed = sf.row_room(figure.figure, L.figure_px(slide)[1])
        assert per_row >= needed, (slide.title, figure.name, per_row, needed)
        if figure.name == "targets":  # the bars were chosen for this box
            assert L.figure_px(slide) == TARGET_CHART_PX


def test_the_clipping_check_catches_a_cut_label(deck) -> None:
    """The check above must fail for the old layout: a 10 px margin and a long label."""
    content, _images = deck
    _i, slide, figure = next(x for x in _figures(content) if x[2].name == "targets")
    fig = figure.figure.to_dict()
    import plotly.graph_objects as go

    broken = go.Figure(fig)
    broken.update_layout(margin={"l": 10})
    assert broken.layout.margin.l < sf.required_margins(broken)["l"]
    from dashboard.reports.images import figure_png

    png = figure_png(broken, *L.figure_px(slide))
    strip = Image.open(io.BytesIO(png)).convert("L").crop((0, 0, 2 * EDGE_PX, 10_000))
    assert sum(strip.histogram()[:INK_BELOW]) > 0


def test_chart_text_is_large_and_dark(deck) -> None:
    content, _images = deck
    for _i, slide, figure in _figures(content):
        fig = figure.figure
        assert sf.smallest_text(fig) >= sf.MIN_TEXT_PX, (slide.title, figure.name)
        colours = [fig.layout.font.color, fig.layout.xaxis.tickfont.color,
                   fig.layout.yaxis.tickfont.color, fig.layout.legend.font.color]  # fmt: skip
        for colour in colours:
            assert sf.contrast(colour, "#ffffff") >= 4.5, (slide.title, colour)


def test_field_tiles_read_well_and_fit(deck) -> None:
    content, _images = deck
    overview = next(s for s in content if s.kind == "overview")
    fig = overview.figures[0].figure
    width, _height = L.figure_px(overview)
    tile_px = width / 4 * 0.94
    tiles = [shape for shape in fig.layout.shapes if shape.type == "rect"]
    assert len(tiles) == len(fig.layout.annotations) == 12
    for tile, note in zip(tiles, fig.layout.annotations, strict=True):
        assert sf.contrast(note.font.color, tile.fillcolor) >= 4.5, note.text
        assert sf.text_width(note.text, note.font.size) <= tile_px, note.text


def test_map_names_the_focus_districts(deck) -> None:
    content, _images = deck
    slide = next(s for s in content if s.kind == "map")
    names = {re.sub(r"<[^>]+>", "", a.text) for a in slide.figures[0].figure.layout.annotations}
    assert {"Berg Fidel", "Coerde"} <= names


def _tr(key: str, **values: object) -> str:
    from dashboard.present.i18n import t

    return t(key, "de", **values)


def test_progress_bars_are_coloured_by_status_and_every_colour_is_named(deck) -> None:
    content, _images = deck
    status_of = {pc.status_text(code, _tr): code for code in pc.STATUS_ORDER}
    seen = set()
    for _i, slide, figure in _figures(content):
        if figure.name != "targets":
            continue
        bars = [t for t in figure.figure.data if t.type == "bar" and t.showlegend is not False]
        assert bars, slide.title
        for bar in bars:  # one legend entry per status: its name and its colour
            status = status_of[bar.name]
            assert bar.marker.color == pc.STATUS_COLORS[status], (slide.title, bar.name)
            seen.add(status)
    assert len(seen) >= 2


def test_pptx_body_text_is_at_least_18_pt(deck) -> None:
    content, images = deck
    prs = Presentation(io.BytesIO(to_pptx(content, images, "de")))
    sizes = []
    for number, slide in enumerate(prs.slides, start=1):
        for shape in slide.shapes:
            if not shape.has_text_frame:
                continue
            text = shape.text_frame.text
            footer = f"Folie {number} von" in text
            for para in shape.text_frame.paragraphs:
                for run in para.runs:
                    if not run.text.strip():
                        continue
                    limit = Pt(L.SIZES["footer"]) if footer else Pt(L.BODY_MIN_PT)
                    assert run.font.size is not None and run.font.size >= limit, (number, run.text)
                    sizes.append(run.font.size.pt)
    assert min(sizes) == L.SIZES["footer"] and sorted(set(sizes))[1] >= 18


def test_pdf_leaves_no_text_out(deck) -> None:
    content, images = deck
    dropped: list[str] = []
    to_pdf(content, images, "Test", "de", dropped)
    assert dropped == [], "\n".join(dropped)


def test_outlook_names_the_goals_off_track_without_a_measure(deck) -> None:
    content, _images = deck
    outlook = next(s for s in content if s.kind == "outlook")
    heading = next(i for i, b in enumerate(outlook.bullets) if "ohne dass eine Maßnahme" in b)
    count = int(outlook.bullets[heading].split()[0])
    named = outlook.bullets[heading + 1 : heading + 1 + min(count, 4)]
    assert len(named) == min(count, 4) and all("(" in line for line in named)
    for line in outlook.bullets:
        assert not RAW_ID.search(line), line
