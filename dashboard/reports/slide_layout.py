"""Where things sit on a 16:9 slide (inches): one layout, drawn by the PPTX and the PDF export.

``layout`` turns a slide into primitives (text blocks, panels, pictures) in inches from the top
left corner; each renderer only draws them, so both documents put every line in the same box
with the same padding. Text boxes have no inner margin: the box is where the text starts.
"""

from __future__ import annotations

from dataclasses import dataclass

from dashboard.present import theme
from dashboard.present.i18n import t
from dashboard.reports.slides import KeyFigure, Slide

WIDTH, HEIGHT = 13.333, 7.5
MARGIN = 0.5
TITLE_TOP, TITLE_HEIGHT = 0.35, 0.8
EXPLAIN_TOP, EXPLAIN_HEIGHT = 1.12, 0.5
FIGURES_TOP, FIGURES_HEIGHT = 1.75, 1.9  # room for a two-line label and a two-line note
BODY_TOP = 3.85
FOOTER_TOP = 7.0
BODY_BOTTOM = 6.85
SIDE_FIGURE_WIDTH = 8.8
FOOTER_HEIGHT = 0.4
COVER_TOP = 2.0  # the title slide's title sits lower, as on a cover
TITLE_BOX_HEIGHT = 1.4  # room for a two-line title (the explanation starts on its second line)
EXPLAIN_BOX_HEIGHT = 1.0
KEY_PAD_X, KEY_PAD_Y = 0.12, 0.08  # text inside a key figure's panel
INK = theme.rgb(theme.INK)
MUTED = theme.rgb(theme.MUTED_DARK)
ACCENT = theme.rgb(theme.ACCENT)
DEMO = theme.rgb(theme.DEMO_SLIDE)
PANEL = theme.rgb(theme.PANEL)
# body text at least 18 pt for a room; only the footer's source line is smaller
SIZES = {"title": 30, "cover": 40, "explain": 20, "value": 26, "label": 18, "note": 18,
         "bullet": 18, "footer": 14}  # fmt: skip
BODY_MIN_PT = 18
COVER_EXPLAIN_HEIGHT = 1.3  # subtitle and a two-line explanation on the title slide
PX_PER_INCH = 1920 / WIDTH  # a slide shown at 1920×1080: 144 px per inch


@dataclass(frozen=True)
class Box:
    """A rectangle in inches from the top left corner."""

    left: float
    top: float
    width: float
    height: float


def title_size(title: str, cover: bool = False) -> int:
    """Title type size: long titles get smaller type so they stay on one or two lines."""
    base = SIZES["cover" if cover else "title"]
    if len(title) <= 45:
        return base
    return base - 6 if len(title) <= 60 else base - 10


def key_figure_boxes(n: int, top: float = FIGURES_TOP) -> list[Box]:
    """Up to four key figures side by side across the slide."""
    if n == 0:
        return []
    gap = 0.2
    width = (WIDTH - 2 * MARGIN - gap * (n - 1)) / n
    return [Box(MARGIN + i * (width + gap), top, width, FIGURES_HEIGHT) for i in range(n)]


def beside(slide: Slide) -> bool:
    """A figure or a list alone gets the key figures in a column beside it (as on screen)."""
    return bool(slide.key_figures) and bool(slide.figures) != bool(slide.bullets)


def key_figure_column(n: int) -> list[Box]:
    """Key figures stacked at the right, beside a figure."""
    width = WIDTH - 2 * MARGIN - SIDE_FIGURE_WIDTH - 0.3
    left = MARGIN + SIDE_FIGURE_WIDTH + 0.3
    gap = 0.2
    height = min(FIGURES_HEIGHT, (BODY_BOTTOM - FIGURES_TOP - gap * (n - 1)) / max(n, 1))
    return [Box(left, FIGURES_TOP + i * (height + gap), width, height) for i in range(n)]


def body_boxes(slide: Slide) -> tuple[Box | None, Box | None]:
    """(figure box, bullet box) below the key figures; each takes the full width alone."""
    if beside(slide):
        box = Box(MARGIN, FIGURES_TOP, SIDE_FIGURE_WIDTH, BODY_BOTTOM - FIGURES_TOP)
        return (box, None) if slide.figures else (None, box)
    top = BODY_TOP if slide.key_figures else FIGURES_TOP
    height = BODY_BOTTOM - top
    full = Box(MARGIN, top, WIDTH - 2 * MARGIN, height)
    if slide.figures and slide.bullets:
        fig_width = 6.4
        return (
            Box(MARGIN, top, fig_width, height),
            Box(MARGIN + fig_width + 0.25, top, WIDTH - 2 * MARGIN - fig_width - 0.25, height),
        )
    if slide.figures:
        return full, None
    return None, full if slide.bullets else None


def fit(box: Box, width_px: int, height_px: int) -> Box:
    """The largest box of the image's aspect inside ``box``, centred horizontally."""
    aspect = width_px / height_px
    width = min(box.width, box.height * aspect)
    height = width / aspect
    return Box(box.left + (box.width - width) / 2, box.top, width, height)


def figure_px(slide: Slide) -> tuple[int, int] | None:
    """Size (CSS px) to render the slide's figure at: its box at 1920 px per slide width.

    Rendered at the size it is shown at, 20 px chart text stays 20 px on a 1920×1080 screen
    (an image scaled down to its box would shrink the text with it).
    """
    box = body_boxes(slide)[0]
    if box is None:
        return None
    return round(box.width * PX_PER_INCH), round(box.height * PX_PER_INCH)


RGB = tuple[int, int, int]
Line = tuple[str, int, bool, RGB]  # text, size in pt, bold, colour


@dataclass(frozen=True)
class TextBlock:
    """Paragraphs from the top of ``box``; ``role`` 'title' is the slide's title."""

    box: Box
    lines: tuple[Line, ...]
    role: str = "text"


@dataclass(frozen=True)
class Panel:
    """A filled rectangle (behind a key figure)."""

    box: Box
    colour: RGB


@dataclass(frozen=True)
class Picture:
    """The image of the slide's figure ``name`` (drawn when it was rendered)."""

    box: Box
    name: str


Primitive = TextBlock | Panel | Picture


def _key_figure(box: Box, figure: KeyFigure) -> list[Primitive]:
    """A panel with value, label and note."""
    lines: list[Line] = [(figure.value, SIZES["value"], True, ACCENT),
                         (figure.label, SIZES["label"], True, INK)]  # fmt: skip
    if figure.note:
        lines.append((figure.note, SIZES["note"], False, MUTED))
    # the text may use the panel's full height below the padding: the last line's descent
    # reaching into the bottom padding still reads as inside the panel
    inner = Box(box.left + KEY_PAD_X, box.top + KEY_PAD_Y, box.width - 2 * KEY_PAD_X, box.height)
    return [Panel(box, PANEL), TextBlock(inner, tuple(lines))]


def _head(slide: Slide) -> tuple[list[Primitive], float]:
    """Title and explanation; the second value is where the key figures start."""
    cover = slide.kind == "title"
    top = COVER_TOP if cover else TITLE_TOP
    width = WIDTH - 2 * MARGIN
    title = (slide.title, title_size(slide.title, cover), True, INK)
    explain_top = top + (1.45 if cover else EXPLAIN_TOP - TITLE_TOP)
    lines: list[Line] = [(slide.explanation, SIZES["explain"], False, MUTED)]
    if slide.subtitle:
        lines.insert(0, (slide.subtitle, SIZES["explain"], True, ACCENT))
    height = COVER_EXPLAIN_HEIGHT if cover else EXPLAIN_BOX_HEIGHT
    figures_top = explain_top + COVER_EXPLAIN_HEIGHT + 0.2 if cover else FIGURES_TOP
    return [
        TextBlock(Box(MARGIN, top, width, TITLE_BOX_HEIGHT), (title,), "title"),
        TextBlock(Box(MARGIN, explain_top, width, height), tuple(lines)),
    ], figures_top


def layout(slide: Slide, index: int, total: int, lang: str) -> list[Primitive]:
    """Everything on slide ``index`` (0-based) of ``total``, in drawing order."""
    shapes, figures_top = _head(slide)
    n = len(slide.key_figures)
    boxes = key_figure_column(n) if beside(slide) else key_figure_boxes(n, figures_top)
    for box, figure in zip(boxes, slide.key_figures, strict=True):
        shapes += _key_figure(box, figure)
    fig_box, bullet_box = body_boxes(slide)
    if fig_box is not None and slide.figures:
        figure = slide.figures[0]
        size = figure_px(slide) or (figure.width, figure.height)
        shapes.append(Picture(fit(fig_box, *size), figure.name))
    if bullet_box is not None:
        bullets = tuple(
            (("• " if i else "") + b, SIZES["bullet"], i == 0, INK)
            for i, b in enumerate(slide.bullets)
        )
        shapes.append(TextBlock(bullet_box, bullets))
    footer = f"{slide.footer}   ·   {t('pr.export.slide', lang, n=index + 1, total=total)}"
    demo = slide.data_status != "real"
    line = (footer, SIZES["footer"], demo, DEMO if demo else MUTED)
    box = Box(MARGIN, FOOTER_TOP, WIDTH - 2 * MARGIN, FOOTER_HEIGHT)
    shapes.append(TextBlock(box, (line,), "footer"))
    return shapes
