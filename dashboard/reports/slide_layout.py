"""Where things sit on a 16:9 slide (inches), shared by the PPTX and the PDF export."""

from __future__ import annotations

from dataclasses import dataclass

from dashboard.reports.slides import Slide

WIDTH, HEIGHT = 13.333, 7.5
MARGIN = 0.5
TITLE_TOP, TITLE_HEIGHT = 0.35, 0.8
EXPLAIN_TOP, EXPLAIN_HEIGHT = 1.12, 0.5
FIGURES_TOP, FIGURES_HEIGHT = 1.75, 1.9  # room for a two-line label and a two-line note
BODY_TOP = 3.85
FOOTER_TOP = 7.0
BODY_BOTTOM = 6.85
SIDE_FIGURE_WIDTH = 8.8
INK = (0x11, 0x18, 0x27)
MUTED = (0x4B, 0x55, 0x63)
ACCENT = (0x00, 0x5B, 0x96)
DEMO = (0xB4, 0x53, 0x09)
PANEL = (0xF1, 0xF5, 0xF9)
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
        return (Box(MARGIN, top, fig_width, height),
                Box(MARGIN + fig_width + 0.25, top, WIDTH - 2 * MARGIN - fig_width - 0.25,
                    height))  # fmt: skip
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
