"""Slide figures readable in a room: large dark type and margins that hold every label.

Plotly's automatic margins are not applied when kaleido renders a figure to PNG, so a long
category label was cut at the image's left edge and the axis title slid over the tick labels.
Margins are therefore computed here from the labels themselves, measured with the DejaVu Sans
metrics the documents are rendered with (wider than the screen fonts, so safe for both).
"""

from __future__ import annotations

import functools
import html
import math
import re
import textwrap
from typing import Any

import plotly.graph_objects as go
from PIL import ImageFont

from dashboard.present import fonts, theme

MIN_TEXT_PX = 20  # smallest chart text on a slide (CSS px at 1920×1080)
INK = theme.INK  # 17.7:1 on white
FONT = fonts.PRINT
# the font files whose metrics measure the labels (the font the figures are rendered in)
FONT_FILES = {
    False: fonts.FONT_DIRS[0] / fonts.FONT_FILES["regular"][0],
    True: fonts.FONT_DIRS[0] / fonts.FONT_FILES["bold"][0],
}
PAD = 12  # px between a label and the image edge
NARROWEST = 900  # px: the narrowest slide figure (legend rows are counted for this width)
LEGEND_SYMBOL = 50  # px a legend entry needs besides its text (symbol and gap)
TITLE_CHARS = 40  # an axis title wraps after this many characters
TICK_PAD = 8  # px plotly leaves between tick labels and the axis
_TAGS = re.compile(r"<[^>]+>")


@functools.lru_cache(maxsize=8)
def _font(size: int, bold: bool) -> Any:
    path = FONT_FILES[bold]
    if not path.exists():  # no DejaVu: a rough width per character instead
        return None
    return ImageFont.truetype(str(path), size)


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Width in px of the widest line of a (plotly HTML) text at ``size`` px."""
    widest = 0.0
    for line in re.split(r"<br\s*/?>", str(text)):
        plain = html.unescape(_TAGS.sub("", line))
        bold_line = bold or "<b>" in line
        font = _font(round(size), bold_line)
        width = font.getlength(plain) if font else len(plain) * size * 0.62
        widest = max(widest, width)
    return widest


def text_lines(text: str) -> int:
    """Number of lines of a plotly text."""
    return len(re.split(r"<br\s*/?>", str(text)))


def _size(font: Any, default: float) -> float:
    size = getattr(font, "size", None) if font is not None else None
    return float(size) if size else default


def _category_labels(fig: go.Figure) -> list[str]:
    """The y labels of horizontal bars (the labels that used to be cut on the left)."""
    labels: list[str] = []
    for trace in fig.data:
        if trace.type == "bar" and trace.orientation == "h" and trace.y is not None:
            labels += [str(v) for v in trace.y]
    return labels


def _numeric_y_label(fig: go.Figure) -> str:
    """A label as wide as the widest numeric y tick (the largest value, rounded up)."""
    values = [
        abs(float(v))
        for trace in fig.data
        if trace.type == "scatter" and trace.y is not None
        for v in trace.y
        if v is not None and v == v  # not NaN
    ]
    top = max(values, default=100.0)
    return f"−{int(top) + 10}{fig.layout.yaxis.ticksuffix or ''}"


def required_margins(fig: go.Figure) -> dict[str, float]:
    """The smallest margins (px) that keep every tick label, axis title and legend inside."""
    base = _size(fig.layout.font, 12)
    need = {"l": 0.0, "r": 0.0, "t": 0.0, "b": 0.0}
    ya, xa = fig.layout.yaxis, fig.layout.xaxis
    if ya.visible is not False:
        y_size = _size(ya.tickfont, base)
        labels = _category_labels(fig) or [_numeric_y_label(fig)]
        need["l"] = max(text_width(s, y_size) for s in labels) + TICK_PAD + PAD
        y_title = ya.title.text if ya.title else None
        if y_title:
            need["l"] += _size(ya.title.font, base) * 1.4 + 8
    if xa.visible is not False:
        x_size = _size(xa.tickfont, base)
        need["b"] = x_size * 1.3 + TICK_PAD + PAD
        # the last tick label sits centred on the right edge of the plot
        need["r"] = text_width("120 %", x_size) / 2 + PAD
        x_title = xa.title.text if xa.title else None
        if x_title:
            lines = text_lines(x_title)
            need["b"] += _size(xa.title.font, base) * 1.3 * lines + (xa.title.standoff or 0) + 6
    legend = fig.layout.legend
    if fig.layout.showlegend is not False and legend.y is not None and legend.y >= 1:
        room = NARROWEST - need["l"] - need["r"]  # the legend starts at the plot's left edge
        need["t"] = _size(legend.font, base) * 1.5 * _legend_rows(fig, base, room) + PAD
    return need


def _legend_rows(fig: go.Figure, base: float, room: float) -> int:
    """Rows of a horizontal legend above the plot (title on its own row), packed greedily."""
    legend = fig.layout.legend
    size = _size(legend.font, base)
    names = [t.name for t in fig.data if t.name and t.showlegend is not False]
    rows, used = 1, 0.0
    for name in names:
        width = text_width(name, size) + LEGEND_SYMBOL
        if used and used + width > room:
            rows, used = rows + 1, 0.0
        used += width
    has_title = bool(legend.title and legend.title.text)
    return rows + (1 if has_title else 0)


def fit_margins(fig: go.Figure) -> go.Figure:
    """Widen the margins to what the labels need (never narrower than they are)."""
    need = required_margins(fig)
    margin = fig.layout.margin
    fig.update_layout(
        margin={side: max(getattr(margin, side) or 0, math.ceil(need[side])) for side in need}
    )
    return fig


def _at_least(font: Any, size: int = MIN_TEXT_PX) -> dict[str, Any]:
    return {"size": max(_size(font, size), size), "color": INK}


def for_room(fig: go.Figure, lang: str) -> go.Figure:
    """Dark type of at least 20 px everywhere, white background, margins that fit the labels."""
    fig.update_layout(
        font={"family": FONT, "size": MIN_TEXT_PX, "color": INK},
        paper_bgcolor="white",
        plot_bgcolor="white",
        separators=",." if lang == "de" else ".,",
        legend={"font": _at_least(fig.layout.legend.font)},
    )
    if fig.layout.legend.title and fig.layout.legend.title.text:
        # the title on its own row leaves the full width to the entries
        fig.update_layout(
            legend={"title": {"font": _at_least(fig.layout.legend.title.font), "side": "top"}}
        )
    for axis in (fig.layout.xaxis, fig.layout.yaxis):
        axis.update(tickfont=_at_least(axis.tickfont))
        if axis.title and axis.title.text:
            plain = _TAGS.sub("", axis.title.text.replace("<br>", " "))  # re-wrapped for 20 px
            text = "<br>".join(textwrap.wrap(plain, TITLE_CHARS))
            axis.update(title={"text": text, "font": _at_least(axis.title.font), "standoff": 10})
    for note in fig.layout.annotations:
        note.update(font=_at_least(note.font))
    for trace in fig.data:
        if trace.type == "scatter" and trace.mode == "text":
            trace.update(textfont={"size": max(_size(trace.textfont, MIN_TEXT_PX), MIN_TEXT_PX)})
    return fit_margins(fig)


def smallest_text(fig: go.Figure) -> float:
    """The smallest font size any text of the figure is drawn at (px)."""
    base = _size(fig.layout.font, 12)
    sizes = [base, _size(fig.layout.legend.font, base)]
    for axis in (fig.layout.xaxis, fig.layout.yaxis):
        if axis.visible is not False:
            sizes.append(_size(axis.tickfont, base))
    sizes += [_size(note.font, base) for note in fig.layout.annotations]
    for note in fig.layout.annotations:
        sizes += [float(s) for s in re.findall(r"font-size:\s*(\d+(?:\.\d+)?)px", note.text or "")]
    sizes += [
        _size(trace.textfont, base)
        for trace in fig.data
        if trace.type == "scatter" and trace.mode == "text"
    ]
    return min(sizes)


def _luminance(colour: str) -> float:
    """WCAG relative luminance of '#rrggbb'."""
    channels = [int(colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def contrast(foreground: str, background: str) -> float:
    """WCAG contrast ratio of two '#rrggbb' colours (1–21)."""
    a, b = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def ink_on(background: str) -> str:
    """Dark ink or white, whichever reads better on ``background``."""
    return INK if contrast(INK, background) >= contrast(theme.WHITE, background) else theme.WHITE


def row_room(fig: go.Figure, height: float) -> tuple[float, float]:
    """(px per bar row, px the tallest row label needs) of a horizontal bar chart."""
    labels = list(dict.fromkeys(_category_labels(fig)))
    if not labels:
        return float("inf"), 0.0
    margin = fig.layout.margin
    plot = height - (margin.t or 0) - (margin.b or 0)
    size = _size(fig.layout.yaxis.tickfont, _size(fig.layout.font, 12))
    return plot / len(labels), max(text_lines(s) for s in labels) * size * 1.2
