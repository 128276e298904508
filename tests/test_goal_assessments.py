"""Stored goal assessments: equal to a computation, never stale, details equal to the full rows."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from types import SimpleNamespace

import pandas as pd
import pytest

from dashboard.analysis import progress
from dashboard.analysis.progress_rules import Settings
from dashboard.imports import store_catalogue
from dashboard.readmodel import released_observations
from dashboard.services import goal_assessments as ga
from dashboard.store import OBSERVATION_COLUMNS, ImportLogEntry, Store
from dashboard.store.assessments import KEEP


def _values(store: Store) -> pd.DataFrame:
    return released_observations(store, store_catalogue(store))


def _never(*_args: object) -> pd.DataFrame:
    raise AssertionError("the stored frame was not used")


@contextmanager
def _stored_only() -> Iterator[None]:
    """Within: any computation of a table or matrix fails (what is read must be stored)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(ga, "assess_items", _never)
        patch.setattr(ga, "assess_from_store", _never)
        patch.setattr(
            ga, "goal_matrix", SimpleNamespace(field_matrix=_never, coverage_matrix=_never)
        )
        yield


def _computed(store: Store, method: str = "destatis", implicit: bool = True) -> pd.DataFrame:
    """The table as a fresh computation gives it (nothing stored involved)."""
    catalogue = store_catalogue(store)
    items = ga.assessment_items(catalogue, store.targets(), implicit)
    full = ga.assess_items(items, _values(store), catalogue, method)
    return full[ga.TABLE_COLUMNS]


@pytest.mark.parametrize("per_read", [1, 7, 1000])
@pytest.mark.parametrize("implicit", [True, False])
def test_assessed_a_few_areas_at_a_time_equals_all_at_once(
    demo_store: Store, monkeypatch: pytest.MonkeyPatch, per_read: int, implicit: bool
) -> None:
    catalogue = store_catalogue(demo_store)
    items = ga.assessment_items(catalogue, demo_store.targets(), implicit)
    assert (items["type"] == "parity").any()  # parity references lie in other areas
    monkeypatch.setattr(ga, "AREAS_PER_READ", per_read)
    parts = ga.assess_from_store(demo_store, catalogue, items, "cagr")
    full = ga.assess_items(items, _values(demo_store), catalogue, "cagr")
    _same(parts, full)
    assert len(parts) >= (100 if implicit else 20)
    table = ga.assess_from_store(demo_store, catalogue, items, "cagr", ga.TABLE_COLUMNS)
    _same(table, full[ga.TABLE_COLUMNS])


def _table(store: Store, method: str = "destatis", implicit: bool = True) -> pd.DataFrame:
    return ga.table(store, store_catalogue(store), store.targets(), method, implicit)


def _same(left: pd.DataFrame, right: pd.DataFrame) -> None:
    pd.testing.assert_frame_equal(left, right)
    # assert_frame_equal takes an array for a list, a NumPy bool for a bool: types must match too
    for column in left.select_dtypes(include="object").columns:
        assert [type(v) for v in left[column]] == [type(v) for v in right[column]], column


@pytest.mark.parametrize(("method", "implicit"), [("destatis", True), ("cagr", False)])
def test_the_stored_table_equals_a_computation(
    demo_store: Store, method: str, implicit: bool
) -> None:
    demo_store.clear_stored_assessments()  # the demo set-up prepared the default views
    made = _table(demo_store, method, implicit)
    with _stored_only():
        read = _table(demo_store, method, implicit)
    _same(made, _computed(demo_store, method, implicit))
    _same(read, made)
    assert len(read) >= (100 if implicit else 20)  # a table worth comparing
    assert read["status"].nunique() >= 4


def test_init_prepares_the_default_views(demo_store: Store) -> None:
    for implicit in (True, False):
        with _stored_only():
            stored = _table(demo_store, "destatis", implicit)
        _same(stored, _computed(demo_store, "destatis", implicit))


def _one_value_changed(store: Store) -> tuple[str, str]:
    """Double the newest value of one assessed series; returns its (indicator, area)."""
    table = _table(store)
    row = table[(table["n_points"] >= 3) & table["implicit"]].iloc[0]
    values = _values(store)
    series = values[
        (values["indicator_id"] == row["indicator_id"])
        & (values["area_code"] == row["area"])
        & (values["grp"] == row["grp"])
    ]
    newest = series.sort_values("period").iloc[-1]
    changed = newest[OBSERVATION_COLUMNS].to_frame().T.assign(value=float(newest["value"]) * 2)
    frame = changed.assign(is_demo=False, flag=None, numerator=None, denominator=None)
    entry = ImportLogEntry(by="test", file="t.csv", sha256="0" * 64, kind="observations", rows=1)
    store.write_observations(frame, entry)
    return row["key"], row["actual"]


def test_a_changed_value_is_never_answered_from_the_store(demo_store: Store) -> None:
    key, before = _one_value_changed(demo_store)
    after = _table(demo_store)
    _same(after, _computed(demo_store))
    assert after.set_index("key").loc[key, "actual"] == pytest.approx(before * 2)


def test_a_new_target_is_assessed(demo_store: Store) -> None:
    before = _table(demo_store, implicit=False)
    target = {"indicator_id": "anteil_mv", "area_code": "0", "grp": "insgesamt",
              "type": "absolute", "value": 99.0, "target_period": 2030}  # fmt: skip
    new_id = demo_store.create_target(target, "test")
    after = _table(demo_store, implicit=False)
    assert f"t{new_id}@0" in set(after["key"]) - set(before["key"])
    _same(after, _computed(demo_store, implicit=False))


@pytest.mark.parametrize(
    "change",
    ["method", "implicit", "settings", "target", "catalogue", "observations"],
)
def test_every_input_changes_the_fingerprint(
    demo_store: Store, monkeypatch: pytest.MonkeyPatch, change: str
) -> None:
    catalogue, targets = store_catalogue(demo_store), demo_store.targets()
    base = ga.fingerprint(demo_store, catalogue, targets, "destatis", True)
    assert ga.fingerprint(demo_store, catalogue, targets, "destatis", True) == base
    method, implicit = "destatis", True
    if change == "method":
        method = "cagr"
    elif change == "implicit":
        implicit = False
    elif change == "settings":
        monkeypatch.setattr(progress, "settings", lambda: Settings(min_points=5))
    elif change == "target":
        targets = targets.assign(value=targets["value"] + 1)
    elif change == "catalogue":
        indicators = catalogue.indicators.assign(direction="lower_better")
        catalogue = type(catalogue).from_frames({**catalogue.frames, "indicator": indicators})
    else:
        _one_value_changed(demo_store)
    assert ga.fingerprint(demo_store, catalogue, targets, method, implicit) != base


def test_details_equal_the_full_computation(demo_store: Store) -> None:
    catalogue = store_catalogue(demo_store)
    items = ga.assessment_items(catalogue, demo_store.targets(), True)
    full = ga.assess_items(items, _values(demo_store), catalogue, "destatis")
    table = _table(demo_store)
    # targets (parity ones among them), and direction-only rows of several areas
    rows = pd.concat([table[~table["implicit"]], table[table["implicit"]].iloc[::37]])
    assert (rows["type"] == "parity").any() and rows["area"].nunique() > 5
    shown = ga.with_details(demo_store, catalogue, items, rows, "destatis")
    expected = full.set_index("key").loc[list(rows["key"])]
    assert list(shown.index) == list(rows.index)
    for column in ga.DETAIL_COLUMNS:
        assert [repr(x) for x in shown[column]] == [repr(x) for x in expected[column]]


def test_the_store_keeps_the_newest_payloads(empty_store: Store) -> None:
    frame = pd.DataFrame({"key": ["a", "b"], "trend": [[1.0, 2.0], []], "gap": [1.5, None]})
    for n in range(KEEP + 3):
        empty_store.save_assessments(f"fp{n}", frame.assign(n=n))
    assert empty_store.stored_assessments("fp0") is None
    newest = empty_store.stored_assessments(f"fp{KEEP + 2}")
    assert newest is not None and list(newest["n"]) == [KEEP + 2] * 2
    assert list(newest["trend"].map(list)) == [[1.0, 2.0], []]
    assert empty_store.stored_assessments(f"fp{3}") is not None  # KEEP newest of KEEP + 3


@pytest.mark.parametrize("name", ga.MATRICES)
def test_stored_matrices_equal_a_computation(demo_store: Store, name: str) -> None:
    from dashboard.analysis import goal_matrix

    catalogue, targets = store_catalogue(demo_store), demo_store.targets()
    table = _computed(demo_store)
    view = ("destatis", True, name)
    with _stored_only():
        prepared = ga.matrix(demo_store, catalogue, targets, view)  # made by init
    f, areas = catalogue.frames, ga.matrix_areas(catalogue)
    if name == "field_matrix":
        made = goal_matrix.field_matrix(table, f["goal"], f["goal_indicator"], f["field"], areas)
        assert prepared["keys"].map(len).sum() > 100  # the list column is compared too
    else:
        made = goal_matrix.coverage_matrix(
            table, f["goal"], f["goal_support"], f["goal_indicator"], f["field"], areas
        )
    pd.testing.assert_frame_equal(prepared, made)
    for column in made.columns:
        assert [type(x) for x in prepared[column]] == [type(x) for x in made[column]], column
    _one_value_changed(demo_store)  # a new state: the matrix is made again, not read
    with _stored_only(), pytest.raises(AssertionError, match="not used"):
        ga.matrix(demo_store, catalogue, targets, view)


def test_a_damaged_payload_is_computed_again(demo_store: Store) -> None:
    catalogue = store_catalogue(demo_store)
    key = ga.fingerprint(demo_store, catalogue, demo_store.targets(), "cagr", True)
    frame = _table(demo_store, "cagr")  # computed and stored
    # what another version's writer or a damaged file could leave: not Parquet at all
    demo_store.transaction(
        lambda cur: cur.execute(
            "UPDATE stored_assessment SET payload = ? WHERE fingerprint = ?", [b"nonsense", key]
        )
    )
    assert demo_store.stored_assessments(key) is None
    _same(_table(demo_store, "cagr"), frame)
    assert demo_store.stored_assessments(key) is not None  # stored again


def test_a_failed_save_still_answers(demo_store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    import duckdb

    def refuse(*_args: object) -> None:
        raise duckdb.IOException("disk full")

    monkeypatch.setattr(Store, "save_assessments", refuse)
    _same(_table(demo_store, "cagr", False), _computed(demo_store, "cagr", False))


def test_a_write_while_computing_is_not_stored(
    demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A frame computed while a write lands may mix both states: it answers, but is not kept."""
    catalogue, targets = store_catalogue(demo_store), demo_store.targets()
    key = ga.fingerprint(demo_store, catalogue, targets, "cagr", True)
    assess = ga.assess_from_store

    def assess_during_a_write(*args: object) -> pd.DataFrame:
        frame = assess(*args)
        _one_value_changed(demo_store)  # another session's import, between read and save
        return frame

    monkeypatch.setattr(ga, "assess_from_store", assess_during_a_write)
    ga.table(demo_store, catalogue, targets, "cagr", True)
    assert demo_store.stored_assessments(key) is None


SCOPES = [("61",), ("91",), ("0",), ("0", "61", "91", "B4"), ("unbekannt",), ()]


@pytest.mark.parametrize("implicit", [True, False])
@pytest.mark.parametrize("codes", SCOPES)
def test_items_of_some_areas_are_those_areas_of_all_items(
    demo_store: Store, codes: tuple[str, ...], implicit: bool
) -> None:
    """Items made for some areas assess exactly as those areas' rows of all items."""
    catalogue, targets = store_catalogue(demo_store), demo_store.targets()
    every = ga.assessment_items(catalogue, targets, implicit)
    theirs = every[every["area"].astype(str).isin(codes)]
    mine = ga.assessment_items(catalogue, targets, implicit, codes)
    assert list(mine["area"].astype(str)) == list(theirs["area"].astype(str))
    assert list(mine["indicator_id"]) == list(theirs["indicator_id"])
    values = _values(demo_store)
    expected = ga.assess_items(theirs, values, catalogue, "destatis")
    _same(ga.assess_items(mine, values, catalogue, "destatis"), expected)
    assert (len(expected) > 0) == (codes not in (("unbekannt",), ()))


def test_items_of_every_single_area_assess_as_in_all_items(demo_store: Store) -> None:
    """Every area of the catalogue alone (also those without any target)."""
    catalogue, targets = store_catalogue(demo_store), demo_store.targets()
    every = ga.assessment_items(catalogue, targets, True)
    values = _values(demo_store)
    for code in catalogue.areas["code"].astype(str):
        theirs = every[every["area"].astype(str) == code]
        mine = ga.assessment_items(catalogue, targets, True, (code,))
        expected = ga.assess_items(theirs, values, catalogue, "destatis")
        _same(ga.assess_items(mine, values, catalogue, "destatis"), expected)
