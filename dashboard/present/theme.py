"""One palette: every colour the pages, figures, maps, slides and reports draw with.

A colour is named by what it means (a status, the city line, muted text), never by where it is
used, so the same meaning looks the same on the screen, on a slide and in a printed profile.
The map class schemes (ColorBrewer) stay with the classification in
``dashboard.analysis.classify``: which scheme a map gets is part of that rule, and analysis
must not import from presentation. ``tests/test_theme.py`` keeps hex colours out of every
other module.
"""

from __future__ import annotations

from dashboard.analysis.classify import MISSING_COLOUR, RDYLBU
from dashboard.domain.progress import (
    NOT_ASSESSABLE,
    OFF_TRACK,
    ON_TRACK,
    REACHED,
    SLIGHTLY_OFF,
    WRONG_DIRECTION,
)

# --- ink and paper --------------------------------------------------------------------------
WHITE = "#ffffff"
BLACK = "#000000"
INK = "#111827"  # titles and body text on slides: 17.7:1 on white
TEXT = "#1f2937"  # map labels, report body text
TEXT_SOFT = "#374151"  # explanations and notes in presentation mode
MUTED = "#6b7280"  # secondary text in printed reports
MUTED_DARK = "#4b5563"  # secondary text on slides, Stadtbezirk borders
CHART_TEXT = "#262730"  # axis and annotation text of the charts (Streamlit's text colour)
CHART_INK = "#1f2328"  # target marks on progress bars
CAPTION = "#595856"  # captions: 7:1 on white where Streamlit's own grey has 3.9:1
ACCENT = "#005b96"  # slide accent: subtitles and key figure values
ACCENT_DARK = "#003a63"  # key figure values in presentation mode
PANEL = "#f1f5f9"  # key figure panels on slides
PANEL_SOFT = "#eef2f7"  # key figure panels on screen, table heads in reports
DEMO_INK = "#9a3412"  # 'demo data' warnings
DEMO_SLIDE = "#b45309"  # the demo footer line on slides
DEMO_PAPER = "#fff4e5"  # background of the demo banner in reports

# --- lines and grids --------------------------------------------------------------------------
RULE = "#d1d5db"  # table rules in reports
GRID = "#e5e7eb"  # chart gridlines, presentation footer line
GRID_SOFT = "#eeeeee"
GRID_FAINT = "#e6e6e6"  # heading separators in the spine chart
LINE_GREY = "#bbbbbb"  # zero lines and class bounds
EDGE_GREY = "#9e9e9e"  # legend swatch edges, hover label borders
FRAME_GREY = "#d0d0d0"  # legend box
NEUTRAL_GREY = "#8a8a8a"  # the 'no judgement' suffix in the spine chart
RANGE_FILL = "#ececec"  # min-max band
IQR_FILL = "#cfcfcf"  # interquartile band

# --- progress status (the Open SDG weather colours plus grey) ----------------------------------
STATUS_COLOURS = {
    REACHED: "#116329", ON_TRACK: "#2da44e", SLIGHTLY_OFF: "#d4a72c",
    OFF_TRACK: "#e16f24", WRONG_DIRECTION: "#cf222e", NOT_ASSESSABLE: "#8c959f",
}  # fmt: skip
# the same statuses as words on white paper: darker where the fill colour is too light to read
# (the yellow and the grey of the gauges have less than 3:1 on white)
STATUS_TEXT = {**STATUS_COLOURS, SLIGHTLY_OFF: "#b7791f", NOT_ASSESSABLE: MUTED}
STATUS_NONE = STATUS_COLOURS[NOT_ASSESSABLE]  # a status that is not known
NO_DATA = "#f3f4f6"  # an empty cell of the status matrix
TRACK = "#eef0f2"  # the empty track behind a progress bar
SERIES = "#0969da"  # the observed series of an indicator
PROJECTION = "#6e7781"  # its projection
TARGET = "#1a7f37"  # the target line and star

# --- comparison with the city (better, similar, worse) and the social index --------------------
# the ends of the map's RdYlBu scheme, so 'better' and 'worse' look as on the map
WORSE, BETTER = RDYLBU[5][0], RDYLBU[5][-1]
ASSESS_COLOURS = {"better": BETTER, "similar": "#bdbdbd", "worse": WORSE, "neutral": "#525252"}
# RdYlBu (5) from low to high need: blue … red, so red means more need, as on the map
SOCIAL_CLASS_SCHEME = tuple(reversed(RDYLBU[5]))
MISSING = MISSING_COLOUR  # no value: the same grey on maps and charts

# --- areas (Okabe-Ito, colour-blind safe) ------------------------------------------------------
AREA_COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7")
DISTRICT = AREA_COLOURS[0]
CITY = "#1a1a1a"
BAR = "#9ab8d3"  # the other districts' bars

# --- maps ------------------------------------------------------------------------------------
HATCH = "#8c8c8c"  # the hatching of areas without a value
BORDER = MUTED_DARK  # Stadtbezirk outlines over the Stadtteile
# light grey rather than white: the palest classes (#f7f7f7, #ffffcc) must keep an edge
OUTLINE = "#c4c4c4"
LOCATOR_DISTRICT = "#08519c"  # the locator map of a profile: the district
LOCATOR_BEZIRK = "#9ecae1"  # its Stadtbezirk
LOCATOR_OTHER = GRID_SOFT  # the rest of the city


def rgb(colour: str) -> tuple[int, int, int]:
    """'#005b96' → (0, 91, 150), for renderers that take channels (python-pptx, reportlab)."""
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)
