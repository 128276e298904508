"""Roll-up of statuses to goals and fields; measures beside it; flags; coverage."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from dashboard.analysis.goal_matrix import coverage, coverage_matrix, field_matrix
from dashboard.analysis.goal_rollup import band, combine, rollup

# A tiny Leitbild: field F with Leitziel L1 (supported by T1, which has the sub-goal T1.1),
# an unattached Teilziel T2, a goal without indicator G3, and a district goal S91 of area 91.
GOALS = pd.DataFrame(
    [
        ("L1", "F", None, "leitziel", "1", None), ("T1", "F", None, "teilziel", "1", None),
        ("T1.1", "F", "T1", "teilziel", "1.1", None), ("T2", "F", None, "teilziel", "2", None),
        ("G3", "F", None, "teilziel", "3", None), ("S91", "F", None, "stadtteilziel", "1", "91"),
        ("L9", "E", None, "leitziel", "1", None),
    ],
    columns=["id", "field_id", "parent_id", "kind", "number", "area_code"],
)  # fmt: skip
SUPPORT = pd.DataFrame([("T1", "L1")], columns=["goal_id", "leitziel_id"])
GOAL_INDICATOR = pd.DataFrame(
    [("T1.1", "a"), ("L1", "b"), ("S91", "c"), ("L9", "e")], columns=["goal_id", "indicator_id"]
)
FIELDS = pd.DataFrame({"id": ["F", "E"], "title": ["Feld", "Anderes"]})
NO_MEASURES = pd.DataFrame(columns=["id", "status", "progress", "fields", "goals", "areas"])


def item(key: str, indicator: str, area: str, status: str, score: float | None,
         goal: str | None = None, moving: bool | None = True,
         field: str = "F") -> dict:  # fmt: skip
    return {"key": key, "indicator_id": indicator, "area": area, "status": status,
            "score": math.nan if score is None else score, "goal_id": goal, "moving": moving,
            "field_id": field, "implicit": goal is None}  # fmt: skip


ITEMS = pd.DataFrame(
    [
        item("a@0", "a", "0", "off_track", -1.25, moving=True),
        item("b@0", "b", "0", "on_track", 3.75),
        item("t1@0", "z", "0", "wrong_direction", -3.75, goal="T2", moving=False),
        item("c@91", "c", "91", "reached", 5.0),
        item("a@91", "a", "91", "on_track", 3.75),
        item("n@0", "n", "0", "not_assessable", None),  # linked to no goal: counts at its field
    ]
)


def measure(mid: int, status: str, goals: list[str], areas: list[str] = (), progress: int = 50,
            fields: list[str] = ()) -> dict:  # fmt: skip
    return {"id": mid, "status": status, "progress": progress, "goals": list(goals),
            "areas": list(areas), "fields": list(fields), "title": f"M{mid}"}  # fmt: skip


def nodes(items: pd.DataFrame = ITEMS, measures: pd.DataFrame = NO_MEASURES,
          area: str = "0") -> pd.DataFrame:  # fmt: skip
    out = rollup(items, GOALS, SUPPORT, GOAL_INDICATOR, FIELDS, measures, area)
    return out.drop_duplicates("node_id").set_index("node_id")


@pytest.mark.parametrize(
    ("statuses", "scores", "status", "score"),
    [
        ([], [], None, None),
        (["not_assessable"], [None], "not_assessable", None),
        (["on_track", "wrong_direction"], [3.75, -3.75], "slightly_off", 0.0),
        (["on_track", "on_track", "not_assessable"], [3.75, 3.75, None], "on_track", 3.75),
        (["reached", "reached"], [5.0, 5.0], "reached", 5.0),
        # reached only if all assessed targets are: otherwise the mean's band
        (["reached", "on_track"], [5.0, 3.75], "on_track", 4.375),
        (["off_track", "wrong_direction"], [-1.25, -3.75], "off_track", -2.5),
        (["wrong_direction"], [-3.75], "wrong_direction", -3.75),
        # Open SDG scores are used as they are
        (["on_track", "off_track"], [2.6, -2.0], "slightly_off", 0.3),
    ],
)  # fmt: skip
def test_combine(statuses, scores, status, score) -> None:
    result = combine(statuses, scores)
    assert result.status == status
    assert result.score == (pytest.approx(score) if score is not None else None)
    assert result.n_items == len(statuses)
    assert result.counts.get("not_assessable", 0) == statuses.count("not_assessable")


@pytest.mark.parametrize(
    ("score", "status"),
    [(5.0, "on_track"), (2.5, "on_track"), (2.49, "slightly_off"), (0.0, "slightly_off"),
     (-0.01, "off_track"), (-2.5, "off_track"), (-2.51, "wrong_direction")],
)  # fmt: skip
def test_bands(score, status) -> None:
    assert band(score) == status


def test_goals_collect_their_children_and_supporting_goals() -> None:
    n = nodes()
    assert n.loc["T1.1", "keys"] == ["a@0"]
    assert n.loc["T1", "keys"] == ["a@0"]  # via its sub-goal
    assert n.loc["L1", "keys"] == ["a@0", "b@0"]  # own indicator + supporting Teilziel
    assert n.loc["L1", "own_keys"] == ["b@0"]
    assert n.loc["T2", "keys"] == ["t1@0"]  # the target names the goal
    # the field: all goals, the city view includes the district goal, and the loose item
    assert n.loc["F", "keys"] == ["a@0", "b@0", "c@91", "n@0", "t1@0"]
    assert n.loc["F", "n_items"] == 5 and n.loc["F", "n_assessed"] == 4
    assert n.loc["F", "score"] == pytest.approx((-1.25 + 3.75 - 3.75 + 5.0) / 4)
    assert n.loc["L1", "status"] == "slightly_off" and n.loc["L1", "score"] == 1.25
    assert pd.isna(n.loc["E", "status"]) and n.loc["E", "n_items"] == 0


def test_tree_order_and_depth() -> None:
    out = rollup(ITEMS, GOALS, SUPPORT, GOAL_INDICATOR, FIELDS, NO_MEASURES, "0")
    f = out[out["field_id"] == "F"]
    assert list(zip(f["node_id"], f["depth"], strict=True)) == [
        ("F", 0), ("L1", 1), ("T1", 2), ("T1.1", 3), ("T2", 1), ("G3", 1), ("S91", 1),
    ]  # fmt: skip


def test_district_goals_belong_to_their_district_and_the_city() -> None:
    city, berg_fidel, coerde = nodes(area="0"), nodes(area="91"), nodes(area="61")
    assert city.loc["S91", "status"] == "reached"
    assert berg_fidel.loc["S91", "status"] == "reached"
    assert "S91" not in coerde.index
    # in Berg Fidel the generic goals see Berg Fidel's items only
    assert berg_fidel.loc["T1.1", "keys"] == ["a@91"]
    assert berg_fidel.loc["F", "keys"] == ["a@91", "c@91"]
    assert coerde.loc["F", "n_items"] == 0


def test_measures_are_counted_beside_and_never_change_the_score() -> None:
    measures = pd.DataFrame(
        [
            measure(1, "laufend", ["T1.1"], progress=40),
            measure(2, "laufend", ["T1"], progress=60),
            measure(3, "abgeschlossen", ["T2"], progress=100),
            measure(4, "geplant", [], fields=["F"]),
            measure(5, "laufend", ["T1.1"], areas=["61"]),  # another district
        ]
    )  # fmt: skip
    without, with_ = nodes(), nodes(measures=measures)
    pd.testing.assert_series_equal(without["score"], with_["score"])
    pd.testing.assert_series_equal(without["status"], with_["status"])
    assert with_.loc["L1", "n_active"] == 3 and with_.loc["L1", "measure_progress"] == 50.0
    assert with_.loc["T1", "own_measures"] == [2]
    assert with_.loc["F", "n_measures"] == 5 and with_.loc["F", "m_geplant"] == 1
    # in Berg Fidel, the measure for Coerde does not count
    assert nodes(measures=measures, area="91").loc["T1.1", "measures"] == [1]


def test_flags() -> None:
    measures = pd.DataFrame([measure(3, "abgeschlossen", ["T2"], progress=100)])
    n = nodes(measures=measures)
    # T2: wrong direction, no running measure, completed measure but the indicator stands
    assert set(n.loc["T2", "flags"]) == {"off_track_no_measure", "completed_not_moving"}
    # T1.1: off track but moving the right way; no measure at all
    assert n.loc["T1.1", "flags"] == ["off_track_no_measure"]
    assert n.loc["G3", "flags"] == ["no_indicator"]
    assert "no_indicator" not in n.loc["T2", "flags"]  # its target names it
    running = pd.DataFrame([measure(1, "laufend", ["T1.1"])])
    assert nodes(measures=running).loc["T1.1", "flags"] == []


def test_field_matrix_agrees_with_the_rollup() -> None:
    matrix = field_matrix(ITEMS, GOALS, GOAL_INDICATOR, FIELDS, ["0", "91", "61"])
    for area in ("0", "91", "61"):
        tree = nodes(area=area)
        for fid in ("F", "E"):
            cell = matrix[(matrix["area"] == area) & (matrix["field_id"] == fid)].iloc[0]
            assert cell["keys"] == tree.loc[fid, "keys"]
            same = cell["status"] == tree.loc[fid, "status"]
            assert same or (pd.isna(cell["status"]) and pd.isna(tree.loc[fid, "status"]))


def test_coverage_per_field_and_district() -> None:
    report = coverage(rollup(ITEMS, GOALS, SUPPORT, GOAL_INDICATOR, FIELDS, NO_MEASURES, "0"))
    f = report.set_index("field_id").loc["F"]
    assert (f["goals"], f["with_indicator"], f["with_assessment"], f["assessed"]) == (6, 5, 5, 5)
    matrix = coverage_matrix(ITEMS, GOALS, SUPPORT, GOAL_INDICATOR, FIELDS, ["0", "91", "61"])
    for area in ("0", "91", "61"):
        expected = coverage(rollup(ITEMS, GOALS, SUPPORT, GOAL_INDICATOR, FIELDS, NO_MEASURES,
                                   area)).set_index("field_id")  # fmt: skip
        got = matrix[matrix["area"] == area].set_index("field_id")
        for col in ("goals", "with_indicator", "with_assessment", "assessed"):
            assert list(got.loc[expected.index, col]) == list(expected[col]), (area, col)
    assert matrix.set_index(["area", "field_id"]).loc[("61", "F"), "goals"] == 5  # no S91


def test_rollup_on_the_real_catalogue_covers_all_12_fields(catalogue) -> None:
    f = catalogue.frames
    out = rollup(ITEMS.iloc[0:0], f["goal"], f["goal_support"], f["goal_indicator"], f["field"],
                 NO_MEASURES, "0")  # fmt: skip
    assert list(out.loc[out["node_type"] == "field", "node_id"]) == list(f["field"]["id"])
    assert set(out["node_id"]) == set(f["goal"]["id"]) | set(f["field"]["id"])
