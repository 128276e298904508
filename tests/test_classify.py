"""Map classification: methods, bounds as displayed, open classes, direction-aware colours."""

from __future__ import annotations

import itertools
import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard.analysis.classify import (
    METHODS,
    MISSING_COLOUR,
    PUOR,
    RDYLBU,
    YLGNBU,
    classify,
    display_step,
    palette,
)

SHARES = pd.Series([2.94, 5.0, 10.2, 21.7, 30.0, 47.8, 49.66, np.nan])


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("k", [3, 4, 5, 6, 7])
def test_every_method_gives_k_ordered_classes(method: str, k: int) -> None:
    values = pd.Series(np.linspace(1, 100, 45))
    result = classify(values, method, k, reference=40.0)
    assert result.k == k
    assert list(result.edges) == sorted(set(result.edges))
    assert sum(result.counts()) == 45
    assert (result.classes.diff().dropna() >= 0).all()  # sorted values, sorted classes


@pytest.mark.parametrize(
    ("method", "expected_counts"),
    [("quantile", [2, 2, 2, 2, 2]), ("equal", [2, 2, 2, 2, 2]), ("natural", [2, 2, 2, 2, 2])],
)
def test_data_driven_methods_on_an_even_spread(method: str, expected_counts: list[int]) -> None:
    result = classify(pd.Series(range(1, 11), dtype=float), method, 5, decimals=0)
    assert result.counts() == expected_counts


def test_natural_breaks_find_the_clusters() -> None:
    values = pd.Series([1.0, 2, 3, 10, 11, 12, 30, 31])
    result = classify(values, "natural", 3, decimals=0)
    assert list(result.classes) == [0, 0, 0, 1, 1, 1, 2, 2]
    assert result.edges == (1.0, 3.0, 12.0, 31.0)


def test_missing_values_have_no_class() -> None:
    result = classify(SHARES, "quantile", 5)
    assert result.classes.iloc[-1] == -1
    assert result.colour_of(-1) == MISSING_COLOUR
    assert sum(result.counts()) == 7


@pytest.mark.parametrize(
    ("k", "reference_class", "reference_is_edge"),
    [(3, 1, False), (5, 2, False), (7, 3, False), (4, None, True), (6, None, True)],
)
def test_stddev_classes_centre_on_the_reference(
    k: int, reference_class: int | None, reference_is_edge: bool
) -> None:
    result = classify(SHARES, "stddev", k, reference=21.7)
    width = float(SHARES.round(1).dropna().std(ddof=0))
    inner = np.diff(result.edges[1:-1])
    assert np.allclose(inner, width, atol=0.11)
    if reference_is_edge:
        assert 21.7 in result.edges
    else:
        low, high = result.edges[reference_class], result.edges[reference_class + 1]
        assert low < 21.7 <= high
    assert result.open_ended
    ranges = result.ranges()
    assert ranges[0][0] is None and ranges[-1][1] is None


def test_diverging_classes_are_symmetric_around_the_reference() -> None:
    result = classify(SHARES, "diverging", 5, reference=21.7)
    widths = np.diff(result.edges)
    assert np.allclose(widths, widths[0], atol=0.11)
    middle = result.edges[2], result.edges[3]
    assert math.isclose(21.7 - middle[0], middle[1] - 21.7, abs_tol=0.11)


def test_centred_methods_without_reference_use_the_mean() -> None:
    values = pd.Series([10.0, 20, 30, 40, 50])
    result = classify(values, "diverging", 3, reference=None, decimals=0)
    assert result.reference == 30.0
    assert result.classes.tolist() == [0, 0, 1, 2, 2]


def test_ranges_are_exact_for_displayed_values() -> None:
    result = classify(SHARES, "quantile", 5)
    ranges = result.ranges()
    for (_, upper), (lower, _) in itertools.pairwise(ranges):
        assert math.isclose(lower, upper + 0.1)
    assert ranges[0][0] == 2.9 and ranges[-1][1] == 49.7


@pytest.mark.parametrize(
    ("values", "k", "expected_k"),
    [([5.0, 5.0, 5.0], 5, 1), ([1.0, 1.0, 2.0, 2.0], 5, 2), ([np.nan, np.nan], 5, 1)],
)
def test_degenerate_inputs(values: list[float], k: int, expected_k: int) -> None:
    result = classify(pd.Series(values), "quantile", k, decimals=0)
    assert result.k == expected_k
    assert len(result.colours) == expected_k


def test_unknown_method_is_rejected() -> None:
    with pytest.raises(ValueError, match="unknown"):
        classify(SHARES, "jenks-ish")


@pytest.mark.parametrize(
    ("direction", "centred", "low_colour", "high_colour"),
    [
        ("higher_better", False, RDYLBU[5][0], RDYLBU[5][-1]),  # low = worse = red
        ("lower_better", False, RDYLBU[5][-1], RDYLBU[5][0]),  # high = worse = red
        ("neutral", False, YLGNBU[5][0], YLGNBU[5][-1]),
        ("neutral", True, PUOR[5][0], PUOR[5][-1]),
        ("higher_better", True, RDYLBU[5][0], RDYLBU[5][-1]),
    ],
)
def test_palette_puts_red_on_the_worse_end(
    direction: str, centred: bool, low_colour: str, high_colour: str
) -> None:
    colours = palette(5, direction, centred)
    assert (colours[0], colours[-1]) == (low_colour, high_colour)
    if direction != "neutral":
        worse = colours[0] if direction == "higher_better" else colours[-1]
        assert worse in ("#d7191c", "#d73027")


def test_display_step() -> None:
    assert display_step(1) == 0.1 and display_step(0) == 1.0 and display_step(-2) == 1.0


@settings(max_examples=80, deadline=None)
@given(
    values=st.lists(
        st.one_of(st.floats(0, 1000, allow_nan=False), st.just(float("nan"))),
        min_size=1,
        max_size=45,
    ),
    method=st.sampled_from(METHODS),
    k=st.integers(3, 7),
    decimals=st.integers(0, 2),
)
def test_every_value_lies_in_its_class_range(
    values: list[float], method: str, k: int, decimals: int
) -> None:
    series = pd.Series(values, dtype=float)
    result = classify(
        series,
        method,
        k,
        reference=float(np.nanmedian(values) if not series.isna().all() else 0.0),
        decimals=decimals,
    )
    ranges = result.ranges()
    for value, index in zip(series.round(decimals), result.classes, strict=True):
        if math.isnan(value):
            assert index == -1
            continue
        low, high = ranges[index]
        assert low is None or value >= low - 1e-9
        assert high is None or value <= high + 1e-9
