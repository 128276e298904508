"""Classification of map values: class bounds, class per value, direction-aware colours.

Values are classified as they are displayed: rounded to the indicator's decimals first, so a
legend such as "12,5 – 20,1" is exact for every number a user sees in the hover or table.
Classes are closed at the top (a value equal to a bound belongs to the lower class), as in
mapclassify; the next class starts one display step above the bound.

Methods:
- ``quantile``: (about) equally many areas per class (percentiles, as mapclassify.Quantiles).
- ``equal``: equal-width classes between the minimum and the maximum.
- ``natural``: natural breaks, Fisher-Jenks optimal (mapclassify.FisherJenks).
- ``stddev``: classes one standard deviation wide around the reference (the city value);
  with an odd number of classes the middle class straddles the reference, with an even number
  the reference is a bound. The outer classes are open.
- ``diverging``: equal-width classes symmetric around the reference, reaching the farthest
  value; the same colour step means the same distance on both sides.
Without a reference (no city value) the centred methods centre on the mean of the values.

Colours (ColorBrewer, all marked colour-blind safe): judged indicators use RdYlBu turned so
that the worse end is red whatever the sign; neutral indicators use the sequential YlGnBu or,
for the methods centred on the reference, the non-judgemental diverging PuOr.
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass

import numpy as np
import pandas as pd

METHODS = ("quantile", "equal", "natural", "stddev", "diverging")
CENTRED = ("stddev", "diverging")
MIN_CLASSES = 3
MAX_CLASSES = 7
MISSING_COLOUR = "#d4d4d4"

# ColorBrewer schemes by number of classes, ordered from low to high values.
YLGNBU = {
    3: ("#edf8b1", "#7fcdbb", "#2c7fb8"),
    4: ("#ffffcc", "#a1dab4", "#41b6c4", "#225ea8"),
    5: ("#ffffcc", "#a1dab4", "#41b6c4", "#2c7fb8", "#253494"),
    6: ("#ffffcc", "#c7e9b4", "#7fcdbb", "#41b6c4", "#2c7fb8", "#253494"),
    7: ("#ffffcc", "#c7e9b4", "#7fcdbb", "#41b6c4", "#1d91c0", "#225ea8", "#0c2c84"),
}
RDYLBU = {
    3: ("#fc8d59", "#ffffbf", "#91bfdb"),
    4: ("#d7191c", "#fdae61", "#abd9e9", "#2c7bb6"),
    5: ("#d7191c", "#fdae61", "#ffffbf", "#abd9e9", "#2c7bb6"),
    6: ("#d73027", "#fc8d59", "#fee090", "#e0f3f8", "#91bfdb", "#4575b4"),
    7: ("#d73027", "#fc8d59", "#fee090", "#ffffbf", "#e0f3f8", "#91bfdb", "#4575b4"),
}
PUOR = {
    3: ("#f1a340", "#f7f7f7", "#998ec3"),
    4: ("#e66101", "#fdb863", "#b2abd2", "#5e3c99"),
    5: ("#e66101", "#fdb863", "#f7f7f7", "#b2abd2", "#5e3c99"),
    6: ("#b35806", "#f1a340", "#fee0b6", "#d8daeb", "#998ec3", "#542788"),
    7: ("#b35806", "#f1a340", "#fee0b6", "#f7f7f7", "#d8daeb", "#998ec3", "#542788"),
}


@dataclass(frozen=True)
class Classification:
    """Class bounds, colours and the class of every value (-1 = no value)."""

    method: str
    edges: tuple[float, ...]
    colours: tuple[str, ...]
    classes: pd.Series
    reference: float | None
    step: float
    open_ended: bool

    @property
    def k(self) -> int:
        """Number of classes."""
        return len(self.colours)

    def counts(self) -> list[int]:
        """Number of values in each class."""
        found = self.classes[self.classes >= 0].value_counts()
        return [int(found.get(i, 0)) for i in range(self.k)]

    def ranges(self) -> list[tuple[float | None, float | None]]:
        """Displayed (lower, upper) bound per class; None where a centred class is open."""
        out: list[tuple[float | None, float | None]] = []
        for i in range(self.k):
            lower = self.edges[i] if i == 0 else _round(self.edges[i] + self.step, self.step)
            upper: float | None = self.edges[i + 1]
            if self.open_ended and i == 0:
                lower = None
            if self.open_ended and i == self.k - 1:
                upper = None
            out.append((lower, upper))
        return out

    def class_of(self, value: float | None) -> int:
        """Class index a value would fall into (-1 for None/NaN)."""
        if value is None or math.isnan(value):
            return -1
        return int(_assign(pd.Series([round(value, _places(self.step))]), list(self.edges))[0])

    def colour_of(self, index: int) -> str:
        """Colour of a class index; grey for -1 (no value)."""
        return MISSING_COLOUR if index < 0 else self.colours[index]


def _places(step: float) -> int:
    return max(0, -round(math.log10(step)))


def _round(value: float, step: float) -> float:
    return round(float(value), _places(step))


def display_step(decimals: int) -> float:
    """Smallest displayed difference for an indicator shown with ``decimals`` places."""
    return 10.0 ** -max(0, int(decimals))


def _natural_breaks(values: np.ndarray, k: int) -> list[float]:
    """Upper bounds of Fisher-Jenks optimal classes (mapclassify, imported on first use)."""
    with warnings.catch_warnings():
        # "Numba not installed": the pure Python path is fast enough for 45 districts
        warnings.simplefilter("ignore")
        import mapclassify

        return [float(b) for b in mapclassify.FisherJenks(values, k=k).bins]


def _quantiles(values: np.ndarray, k: int) -> list[float]:
    """Upper bounds of quantile classes (as mapclassify.Quantiles, without its import cost)."""
    return [float(b) for b in np.percentile(values, np.linspace(100 / k, 100, k))]


def _data_edges(values: np.ndarray, method: str, k: int) -> list[float]:
    """Edges (k+1, from min to max) of the data-driven methods."""
    low, high = float(values.min()), float(values.max())
    if method == "equal":
        width = (high - low) / k
        return [low + i * width for i in range(k)] + [high]
    k = min(k, len(np.unique(values)))
    return [low, *(_quantiles(values, k) if method == "quantile" else _natural_breaks(values, k))]


def _centred_edges(values: np.ndarray, method: str, k: int, reference: float) -> list[float]:
    """Edges (k+1) symmetric around the reference; outer edges reach the data."""
    low, high = float(values.min()), float(values.max())
    if method == "stddev":
        width = float(values.std())
        if k % 2:
            inner = [reference + (m + 0.5) * width for m in range(-(k // 2), k // 2)]
        else:
            inner = [reference + m * width for m in range(-(k // 2) + 1, k // 2)]
    else:
        reach = max(abs(high - reference), abs(low - reference))
        width = 2 * reach / k
        inner = [reference - reach + i * width for i in range(1, k)]
    if width <= 0:
        return [low, high]
    # the outer classes are open: their far edges only have to lie beyond the data and the
    # inner edges, so that a class stays in place (and in colour) even when it is empty
    return [min(low, inner[0] - width), *inner, max(high, inner[-1] + width)]


def _floor(value: float, step: float) -> float:
    """Round down to the display step (the epsilon absorbs float noise such as 21.7 / 0.1)."""
    return _round(math.floor(value / step + 1e-9) * step, step)


def _dedupe(edges: list[float], step: float) -> list[float]:
    """Edges on the display grid, increasing (tied quantiles collapse into one class).

    Rounding down keeps every split: an edge between two displayed values a < e < b moves to
    a value in [a, b), which separates them the same way. The first class may consist of the
    minimum alone (first inner edge equal to the minimum); all other edges strictly increase.
    """
    snapped = [_floor(edge, step) for edge in edges]
    out = [snapped[0]]
    for i, edge in enumerate(snapped[1:], start=1):
        first_inner = len(out) == 1 and i < len(snapped) - 1
        if edge > out[-1] or (first_inner and edge == out[0]):
            out.append(edge)
    return out if len(out) >= 2 else [out[0], out[0]]


def _assign(values: pd.Series, edges: list[float]) -> pd.Series:
    """Class index per value (upper bound inclusive; -1 for missing values)."""
    inner = np.asarray(edges[1:-1], dtype=float)
    index = np.searchsorted(inner, values.to_numpy(dtype=float), side="left")
    return pd.Series(np.where(values.notna(), index, -1), index=values.index, dtype=int)


def palette(k: int, direction: str, centred: bool) -> tuple[str, ...]:
    """Colours from low to high values: worse is red for judged indicators."""
    size = min(max(k, MIN_CLASSES), MAX_CLASSES)
    if direction == "neutral":
        colours = (PUOR if centred else YLGNBU)[size]
    else:
        # RdYlBu runs red → blue; red must sit on the worse end
        colours = RDYLBU[size] if direction == "higher_better" else RDYLBU[size][::-1]
    if k >= size:
        return colours
    # fewer classes than the smallest scheme: keep the ends (and the middle for k == 1)
    return (colours[size // 2],) if k == 1 else (colours[0], colours[-1])


def classify(
    values: pd.Series,
    method: str = "quantile",
    k: int = 5,
    *,
    reference: float | None = None,
    direction: str = "neutral",
    decimals: int = 1,
) -> Classification:
    """Classify values (NaN = suppressed or missing) for a choropleth map."""
    if method not in METHODS:
        raise ValueError(f"unknown classification method {method!r}")
    k = min(max(int(k), MIN_CLASSES), MAX_CLASSES)
    step = display_step(decimals)
    shown = values.astype(float).round(max(0, int(decimals)))
    present = shown.dropna().to_numpy()
    centred = method in CENTRED
    if centred and (reference is None or math.isnan(reference)) and present.size:
        # without a city value the centred methods centre on the mean of the areas shown
        reference = float(present.mean())
    if present.size == 0:
        edges = [0.0, 0.0]
    elif present.min() == present.max():
        edges = [float(present.min())] * 2
    elif centred:
        edges = _dedupe(_centred_edges(present, method, k, float(reference)), step)
    else:
        edges = _dedupe(_data_edges(present, method, k), step)
    n_classes = len(edges) - 1
    open_ended = centred and n_classes > 1
    return Classification(
        method=method,
        edges=tuple(edges),
        colours=palette(n_classes, direction, centred and n_classes == k),
        classes=_assign(shown, edges),
        reference=float(reference) if reference is not None else None,
        step=step,
        open_ended=open_ended,
    )
