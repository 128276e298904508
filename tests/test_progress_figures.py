"""The goal matrix figure is cached by what it was made from; a target write drops it."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import pytest


def test_a_target_write_drops_the_matrix_figure_cached_by_its_source(
    monkeypatch: pytest.MonkeyPatch, fresh_caches: None
) -> None:
    from dashboard.ui import progress_data, progress_figures

    def heatmap(matrix: pd.DataFrame, *args: object, **kwargs: object) -> go.Figure:
        return go.Figure(layout={"title": {"text": f"{len(matrix)} Zeilen"}})

    monkeypatch.setattr(progress_figures.charts, "heatmap", heatmap)
    monkeypatch.setattr(progress_figures, "translator", lambda: lambda key, **kw: key)
    source = ("db", "explicit", True, None, None, ())

    def title(rows: int) -> str:
        matrix = pd.DataFrame({"area": ["0"] * rows})
        return progress_figures.heatmap(matrix, {}, {}, "de", source=source).layout.title.text

    assert title(2) == "2 Zeilen"
    assert title(3) == "2 Zeilen"  # same source, same data version: the cached figure
    progress_data.clear_caches()  # what the target form does after a write
    assert title(3) == "3 Zeilen"


@pytest.mark.parametrize("code", ["61", "91", "0"])
def test_one_area_assessed_alone_is_that_area_of_all(
    demo_db: object, code: str, fresh_caches: None
) -> None:
    from dashboard.ui import progress_data

    every = progress_data.assessments(str(demo_db), "destatis", True)
    mine = every[every["area"].astype(str) == code].reset_index(drop=True)
    alone = progress_data.area_assessments(str(demo_db), "destatis", code)
    assert len(alone) > 0
    _same_rows(alone, mine, str(demo_db))


def _same_rows(alone: pd.DataFrame, mine: pd.DataFrame, path: str) -> None:
    """Equal table columns, and details equal to those ``with_details`` adds to the table's rows."""
    from dashboard.services.goal_assessments import DETAIL_COLUMNS, TABLE_COLUMNS
    from dashboard.ui import progress_data

    # the same values; a column missing everywhere in one area is object, not string, dtype
    def plain(frame: pd.DataFrame) -> pd.DataFrame:
        return frame.astype(object).where(frame.notna(), None)

    pd.testing.assert_frame_equal(plain(alone[TABLE_COLUMNS]), plain(mine))
    detailed = progress_data.with_details(path, "destatis", True, mine)
    for column in DETAIL_COLUMNS:
        assert [repr(x) for x in alone[column]] == [repr(x) for x in detailed[column]]


@pytest.mark.parametrize("implicit", [True, False])
@pytest.mark.parametrize("area", ["0", "61", "91", "11"])
def test_roll_up_from_the_counting_areas_alone_is_the_roll_up_from_all(
    demo_db: object, area: str, implicit: bool, fresh_caches: None
) -> None:
    """The roll-up reads only the areas that count in it (the city: it and the district goals'
    districts); which goals have a target anywhere comes from the targets."""
    from dashboard.analysis import goal_rollup
    from dashboard.ui import data, progress_data

    path = str(demo_db)
    f = data.catalogues(path).frames
    every = progress_data.selected(path, "destatis", implicit)
    whole = goal_rollup.rollup(every, f["goal"], f["goal_support"], f["goal_indicator"],
                               f["field"], data.measures(path), area)  # fmt: skip
    scoped = progress_data.rollup(path, "destatis", implicit, area)
    assert len(scoped) > 200
    pd.testing.assert_frame_equal(scoped, whole)
    # a page that needs all assessments anyway reads the roll-up's rows from them
    pd.testing.assert_frame_equal(
        progress_data.rollup(path, "destatis", implicit, area, True), whole
    )


def test_parity_with_the_city_assessed_alone_reads_the_city(
    demo_db: object, fresh_caches: None
) -> None:
    """A district assessed alone reads only its own series and its parity references': a
    comparison of a series with itself means the city (gaps.reference_of)."""
    from dashboard.store import Store
    from dashboard.ui import progress_data

    path = str(demo_db)
    new = Store(path).create_target(
        {"indicator_id": "sgb2_quote", "area_code": "61", "grp": "insgesamt",
         "type": "parity", "target_period": 2030},
        "test",
    )  # fmt: skip
    alone = progress_data.area_assessments(path, "destatis", "61")
    every = progress_data.assessments(path, "destatis", True)
    mine = every[every["area"].astype(str) == "61"].reset_index(drop=True)
    row = alone[alone["target_id"] == new].iloc[0]
    assert row["reference_area"] == "0" and pd.notna(row["reference"])  # the city's quota
    _same_rows(alone, mine, path)


@pytest.mark.parametrize("implicit", [True, False])
def test_a_target_write_reaches_the_cached_items_and_assessments(
    demo_db: object, implicit: bool, fresh_caches: None
) -> None:
    """The items to assess are a shared cache: after a target write (the target form clears the
    caches) the new target is assessed, on the goal pages and in the city's roll-up."""
    from dashboard.store import Store
    from dashboard.ui import progress_data

    path = str(demo_db)
    before = progress_data.selected(path, "destatis", implicit)
    new = Store(path).create_target(
        {"indicator_id": "sgb2_quote", "area_code": "61", "grp": "insgesamt",
         "type": "absolute", "value": 10.0, "target_period": 2030},
        "test",
    )  # fmt: skip
    progress_data.clear_caches()  # what the target form does after a write
    after = progress_data.selected(path, "destatis", implicit)
    assert new not in set(before["target_id"].dropna())
    assert (after["target_id"] == new).sum() == 1
    assert len(progress_data.scoped_assessments(path, "destatis", implicit, ("61",))) > 0


def test_details_refuse_rows_that_are_not_assessments(demo_db: object, fresh_caches: None) -> None:
    from dashboard.ui import progress_data

    every = progress_data.assessments(str(demo_db), "destatis", True)
    strange = every.head(2).assign(key=["t999@0", every["key"].iloc[1]])
    with pytest.raises(KeyError, match="not among the assessments"):
        progress_data.with_details(str(demo_db), "destatis", True, strange)
