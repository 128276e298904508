"""The Stadtteil page's cached computations equal the analysis on every released value."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from dashboard.analysis.similarity import similar_districts
from dashboard.analysis.social_index import composition, compute_social_index


def test_the_social_index_reads_only_its_indicators_and_equals_one_on_all_values(
    demo_db: Path, fresh_caches: None
) -> None:
    from dashboard.ui import data, profile_data

    path = str(demo_db)
    cat = data.catalogues(path)
    indicators, reversed_ = composition(cat.indicators, cat.setting("social_index"))
    population = cat.key_indicator("population")
    expected = compute_social_index(
        data.all_values(path), cat.areas, indicators=indicators, min_population=500,
        reversed_indicators=reversed_, population_indicator=population,
    )  # fmt: skip
    got = profile_data.social_index(path, 500)
    assert got.frame["index"].notna().sum() > 10  # a real index, not an empty one
    pd.testing.assert_frame_equal(got.frame, expected.frame)
    assert (got.period, got.indicators, got.missing) == (
        expected.period, expected.indicators, expected.missing,
    )  # fmt: skip
    read = data.values_of(path, profile_data._core_indicators(path))
    expected_ids = {*indicators, population, *cat.setting("similarity")}
    assert set(read["indicator_id"]) == expected_ids  # one slice for the index and neighbours
    assert len(read) < len(data.all_values(path))


@pytest.mark.parametrize("code", ["61", "91", "11"])
def test_similar_districts_equal_those_found_on_all_values(
    demo_db: Path, code: str, fresh_caches: None
) -> None:
    from dashboard.ui import data, profile_data

    path = str(demo_db)
    cat = data.catalogues(path)
    expected = similar_districts(
        data.all_values(path), cat.areas, code, indicators=cat.setting("similarity"),
        excluded={"12"},
    )  # fmt: skip
    got = profile_data.similar(path, code, frozenset({"12"}))
    assert got.available
    pd.testing.assert_frame_equal(got.frame, expected.frame)
    assert (got.indicators, got.periods, got.reference) == (
        expected.indicators, expected.periods, expected.reference,
    )  # fmt: skip
