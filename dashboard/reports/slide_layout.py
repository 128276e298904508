"""Where things sit on a 16:9 slide (inches), shared by the PPTX and the PDF export."""

from __future__ import annotations

from dataclasses import dataclass

from dashboard.reports.slides import Slide

WIDTH, HEIGHT = 13.333, 7.5
MARGIN = 0.5
TITLE_TOP, TITLE_HEIGHT = 0.35, 0.8
EXPLAIN_TOP, EXPLAIN_HEIGHT = 1.12, 0.5
FIGURES_TOP, FIGURES_HEIGHT = 1.75, 1.05
BODY_TOP = 3.0
FOOTER_TOP = 7.0
BODY_BOTTOM = 6.85
SIDE_FIGURE_WIDTH = 8.8
INK = (0x11, 0x18, 0x27)
MUTED = (0x4B, 0x55, 0x63)
ACCENT = (0x00, 0x5B, 0x96)
DEMO = (0xB4, 0x53, 0x09)
PANEL = (0xF1, 0xF5, 0xF9)
SIZES = {"title": 30, "cover": 40, "explain": 18, "value": 26, "label": 12, "note": 11,
         "bullet": 14, "footer": 11}  # fmt: skip


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
    """A figure without a list gets the key figures in a column beside it (as on screen)."""
    return bool(slide.figures) and not slide.bullets and bool(slide.key_figures)


def key_figure_column(n: int) -> list[Box]:
    """Key figures stacked at the right, beside a figure."""
    width = WIDTH - 2 * MARGIN - SIDE_FIGURE_WIDTH - 0.3
    left = MARGIN + SIDE_FIGURE_WIDTH + 0.3
    return [Box(left, FIGURES_TOP + i * (FIGURES_HEIGHT + 0.2), width, FIGURES_HEIGHT)
            for i in range(n)]  # fmt: skip


def body_boxes(slide: Slide) -> tuple[Box | None, Box | None]:
    """(figure box, bullet box) below the key figures; each takes the full width alone."""
    if beside(slide):
        return Box(MARGIN, FIGURES_TOP, SIDE_FIGURE_WIDTH, BODY_BOTTOM - FIGURES_TOP), None
    top = BODY_TOP if slide.key_figures else FIGURES_TOP
    height = BODY_BOTTOM - top
    full = Box(MARGIN, top, WIDTH - 2 * MARGIN, height)
    if slide.figures and slide.bullets:
        fig_width = 8.1
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
