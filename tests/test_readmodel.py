"""The read model: released values are materialised per indicator and never go stale."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard import readmodel
from dashboard.analysis import disclosure
from dashboard.catalogues import Catalogue
from dashboard.imports import store_catalogue
from dashboard.readmodel import released_observations
from dashboard.store import OBSERVATION_COLUMNS, ImportLogEntry, Store

MEMBERS = ["11", "12", "13", "14"]  # Stadtteile of one Stadtbezirk in the demo catalogue


def _write(store: Store, rows: list[tuple]) -> None:
    frame = pd.DataFrame(rows, columns=OBSERVATION_COLUMNS).assign(is_demo=False)
    entry = ImportLogEntry(by="test", file="t.csv", sha256="0" * 64, kind="observations", rows=1)
    store.write_observations(frame, entry)


def _direct(store: Store, catalogue: Catalogue, ids: list[str]) -> pd.DataFrame:
    """What the read model answers without any stored released values."""
    frame, _ = readmodel._compute(store, catalogue, ids)
    return frame[frame["indicator_id"].isin(ids)].reset_index(drop=True)


def _same(left: pd.DataFrame, right: pd.DataFrame) -> None:
    # a computed flag column that happens to be all None is object, the stored one is string
    def text_flags(frame: pd.DataFrame) -> pd.DataFrame:
        return frame.assign(flag=frame["flag"].astype("str"))

    pd.testing.assert_frame_equal(text_flags(left), text_flags(right))


def _value(frame: pd.DataFrame, indicator: str, area: str) -> float:
    row = frame[(frame["indicator_id"] == indicator) & (frame["area_code"] == area)]
    return float(row["value"].iloc[0])


def test_materialised_values_equal_a_direct_computation(demo_store: Store) -> None:
    catalogue = store_catalogue(demo_store)
    first = released_observations(demo_store, catalogue)
    assert first["flag"].eq("secret").sum() > 0  # the demo data does exercise suppression
    again = released_observations(demo_store, catalogue)
    pd.testing.assert_frame_equal(first, again)
    all_ids = list(catalogue.indicators["id"])
    pd.testing.assert_frame_equal(again, _direct(demo_store, catalogue, all_ids))


@pytest.mark.parametrize(
    "ids", [["anteil_mv"], ["bevoelkerung", "anteil_mv"], ["anteil_mv", "bevoelkerung_mv"]]
)
def test_subsets_come_back_in_the_requested_order(demo_store: Store, ids: list[str]) -> None:
    catalogue = store_catalogue(demo_store)
    released_observations(demo_store, catalogue)  # everything stored
    subset = released_observations(demo_store, catalogue, ids)
    assert list(dict.fromkeys(subset["indicator_id"])) == ids
    _same(subset, _direct(demo_store, catalogue, ids))


def test_second_read_does_not_recompute(demo_store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    catalogue = store_catalogue(demo_store)
    released_observations(demo_store, catalogue)

    def fail(*_args: object) -> None:
        raise AssertionError("recomputed although nothing changed")

    monkeypatch.setattr(readmodel, "_compute", fail)
    assert len(released_observations(demo_store, catalogue)) > 0


def test_an_import_of_a_count_restales_the_count_and_its_shares(empty_store: Store) -> None:
    catalogue = store_catalogue(empty_store)
    _write(
        empty_store,
        [("bevoelkerung", a, 2024, "insgesamt", 1000.0, None, None, None, "s") for a in MEMBERS]
        + [
            ("bevoelkerung_mv", a, 2024, "insgesamt", 300.0, None, None, None, "s") for a in MEMBERS
        ],
    )
    ids = ["bevoelkerung", "bevoelkerung_mv", "anteil_mv"]
    before = released_observations(empty_store, catalogue, ids)
    assert _value(before, "anteil_mv", "11") == pytest.approx(30.0)
    # a small count now: the count and the share built on it must both be hidden
    _write(empty_store, [("bevoelkerung_mv", "11", 2024, "insgesamt", 2.0, None, None, None, "s")])
    after = released_observations(empty_store, catalogue, ids)
    hidden = after[after["area_code"] == "11"].set_index("indicator_id")["flag"]
    assert hidden["bevoelkerung_mv"] == "secret" and hidden["anteil_mv"] == "secret"
    _same(after, _direct(empty_store, catalogue, ids))


def test_catalogue_replacement_and_demo_deletion_restale_everything(demo_store: Store) -> None:
    catalogue = store_catalogue(demo_store)
    released_observations(demo_store, catalogue)
    demo_store.replace_catalogues({"group_label": demo_store.catalogue("group_label")})
    assert demo_store.released_state(readmodel.release_rule())[1] == set()
    released_observations(demo_store, catalogue)
    demo_store.delete_demo()
    assert released_observations(demo_store, catalogue).empty


def test_a_changed_threshold_is_a_different_rule(
    demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    catalogue = store_catalogue(demo_store)
    strict_before = released_observations(demo_store, catalogue)
    monkeypatch.setenv("LEITBILD_MIN_COUNT", "5")
    stricter = released_observations(demo_store, catalogue)
    assert stricter["flag"].eq("secret").sum() > strict_before["flag"].eq("secret").sum()
    ids = list(catalogue.indicators["id"])
    pd.testing.assert_frame_equal(stricter, _direct(demo_store, catalogue, ids))


def test_a_write_during_the_computation_is_not_stored_as_fresh(
    empty_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An import that lands while values are computed wins: the stale result is not kept."""
    catalogue = store_catalogue(empty_store)
    _write(empty_store, [("bevoelkerung", a, 2024, "insgesamt", 900.0, None, None, None, "s")
                         for a in MEMBERS])  # fmt: skip
    compute = readmodel._compute
    calls = []

    def compute_then_import(*args: object) -> tuple[pd.DataFrame, list[str]]:
        result = compute(*args)
        if not calls:
            _write(empty_store, [("bevoelkerung", "11", 2024, "insgesamt", 1.0, None, None, None,
                                  "s")])  # fmt: skip
        calls.append(1)
        return result

    monkeypatch.setattr(readmodel, "_compute", compute_then_import)
    answer = released_observations(empty_store, catalogue, ["bevoelkerung"])
    assert answer[answer["area_code"] == "11"]["flag"].tolist() == ["secret"]
    assert len(calls) == 2  # the first result was thrown away
    monkeypatch.setattr(readmodel, "_compute", compute)
    _same(released_observations(empty_store, catalogue, ["bevoelkerung"]), answer)


def test_writes_that_never_stop_still_get_a_correct_unstored_answer(
    demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    catalogue = store_catalogue(demo_store)
    ids = ["anteil_mv", "bevoelkerung", "anteil_auslaender"]
    expected = _direct(demo_store, catalogue, ids)
    monkeypatch.setattr(demo_store, "save_released", lambda *_args: False)
    _same(released_observations(demo_store, catalogue, ids), expected)
    areas = ["11", "12"]
    narrowed = released_observations(demo_store, catalogue, ids, areas)
    _same(narrowed, expected[expected["area_code"].isin(areas)].reset_index(drop=True))


@pytest.mark.parametrize("batch", [1, 2, 3, 5, 100])
def test_batches_keep_shares_with_their_counts_and_lose_nothing(
    catalogue: Catalogue, monkeypatch: pytest.MonkeyPatch, batch: int
) -> None:
    monkeypatch.setattr(readmodel, "BATCH_INDICATORS", batch)
    ids = list(catalogue.indicators["id"])
    batches = list(readmodel._batches(ids, catalogue))
    assert sorted(i for b in batches for i in b) == sorted(ids)
    where = {i: n for n, b in enumerate(batches) for i in b}
    for row in catalogue.indicators.dropna(subset=["numerator_id"]).itertuples():
        assert where[row.id] == where[row.numerator_id] == where[row.denominator_id]
    monkeypatch.setattr(readmodel, "BATCH_INDICATORS", 1)  # then every batch is one family
    families = [sorted(b) for b in readmodel._batches(ids, catalogue)]
    assert all(len(b) <= batch or sorted(b) in families for b in batches)


def test_area_filter_narrows_only_the_answer(demo_store: Store) -> None:
    catalogue = store_catalogue(demo_store)
    everything = released_observations(demo_store, catalogue, ["bevoelkerung_mv"])
    one = released_observations(demo_store, catalogue, ["bevoelkerung_mv"], ["11"])
    _same(one, everything[everything["area_code"] == "11"].reset_index(drop=True))


def test_the_algorithm_version_is_part_of_the_rule(demo_store: Store) -> None:
    # issue 14/20: values released by an older algorithm are never reused
    assert f"algorithm={readmodel.ALGORITHM_VERSION};" in readmodel.release_rule()
    catalogue = store_catalogue(demo_store)
    released_observations(demo_store, catalogue)
    assert demo_store.released_state(readmodel.release_rule())[1]
    assert demo_store.released_state("min_count=3;min_denominator=20")[1] == set()


def test_an_import_of_one_part_restales_its_identity(empty_store: Store) -> None:
    # bevoelkerung_mv = foreigners + own + inherited history: suppressed together
    catalogue = store_catalogue(empty_store)
    parts = [
        "bevoelkerung_auslaender",
        "bevoelkerung_dt_mv_persoenlich",
        "bevoelkerung_dt_mv_vererbt",
    ]
    amounts = {"bevoelkerung_mv": 100.0, parts[0]: 60.0, parts[1]: 38.0, parts[2]: 2.0}
    _write(
        empty_store,
        [
            (i, a, 2024, "insgesamt", v, None, None, None, "s")
            for i, v in amounts.items()
            for a in MEMBERS
        ],
    )
    ids = list(amounts)
    released_observations(empty_store, catalogue, ids)
    _write(empty_store, [(parts[0], "11", 2024, "insgesamt", 61.0, None, None, None, "s")])
    fresh = empty_store.released_state(readmodel.release_rule())[1]
    assert not fresh & {*ids, "anteil_mv", "bevoelkerung"}
    after = released_observations(empty_store, catalogue, ids)
    _same(after, _direct(empty_store, catalogue, ids))
    # 2 is hidden, and so is another part of the same identity (60 + 38 + ? = 100)
    flags = after[after["area_code"] == "12"].set_index("indicator_id")["flag"]
    assert flags[parts[2]] == "secret" and (
        flags[parts[1]] == "secret" or flags[parts[0]] == "secret"
    )


def test_batches_keep_identities_together(
    catalogue: Catalogue, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(readmodel, "BATCH_INDICATORS", 1)
    ids = list(catalogue.indicators["id"])
    where = {i: n for n, b in enumerate(readmodel._batches(ids, catalogue)) for i in b}
    family = ["bevoelkerung_mv", "bevoelkerung_auslaender", "bevoelkerung_dt_mv_vererbt"]
    assert len({where[i] for i in family}) == 1


def test_a_new_algorithm_version_invalidates_stored_released_values(
    demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    # issue 14: the version is defined beside the rule; a bump recomputes everything
    catalogue = store_catalogue(demo_store)
    before = released_observations(demo_store, catalogue)
    assert demo_store.released_state(readmodel.release_rule())[1]
    monkeypatch.setattr(disclosure, "ALGORITHM_VERSION", disclosure.ALGORITHM_VERSION + 1)
    assert demo_store.released_state(readmodel.release_rule())[1] == set()
    calls = []
    compute = readmodel._compute

    def counted(*args: object) -> tuple[pd.DataFrame, list[str]]:
        calls.append(1)
        return compute(*args)

    monkeypatch.setattr(readmodel, "_compute", counted)
    _same(released_observations(demo_store, catalogue), before)
    assert calls, "stored values of the old version were served"


@pytest.mark.parametrize("stored", [True, False])
def test_near_and_shown_are_exactly_those_rows_of_the_release(
    demo_store: Store, monkeypatch: pytest.MonkeyPatch, stored: bool
) -> None:
    """The near areas' rows (all periods) and every area's row in each shown period, in
    release order, from the stored values and from an unstored computation alike."""
    catalogue = store_catalogue(demo_store)
    everything = released_observations(demo_store, catalogue)
    first = everything.groupby("indicator_id")["period"].min()
    near, shown = ["61", "0"], {"anteil_mv": int(first["anteil_mv"]) + 1, "bevoelkerung": 2020}
    if not stored:
        monkeypatch.setattr(demo_store, "clear_released", lambda: None)
        monkeypatch.setattr(demo_store, "released_state", lambda _rule: (0, set()))
        monkeypatch.setattr(demo_store, "save_released", lambda *_args: False)
    rows = readmodel.released_near_and_shown(demo_store, catalogue, near, shown)
    at_shown = everything["indicator_id"].map(shown).eq(everything["period"])
    expected = everything[everything["area_code"].isin(near) | at_shown]
    _same(rows, expected.reset_index(drop=True))
    assert set(rows.loc[~rows["area_code"].isin(near), "indicator_id"]) == set(shown)
    assert rows["area_code"].nunique() > 40  # every area in the shown periods


@pytest.mark.parametrize("stored", [True, False])
def test_deck_rows_are_exactly_those_rows_of_the_release(
    demo_store: Store, monkeypatch: pytest.MonkeyPatch, stored: bool
) -> None:
    """The near areas' rows, every row of one period and the whole indicators' rows, once
    each and in release order, from the stored values and from an unstored computation."""
    catalogue = store_catalogue(demo_store)
    everything = released_observations(demo_store, catalogue)
    near, period, whole = ["61", "0"], 2019, ["bevoelkerung", "anteil_mv"]
    if not stored:
        monkeypatch.setattr(demo_store, "released_state", lambda _rule: (0, set()))
        monkeypatch.setattr(demo_store, "save_released", lambda *_args: False)
    rows = readmodel.released_deck(demo_store, catalogue, near, period, whole)
    keep = (
        everything["area_code"].isin(near)
        | everything["period"].eq(period)
        | everything["indicator_id"].isin(whole)
    )
    _same(rows, everything[keep].reset_index(drop=True))
    assert 1000 < len(rows) < len(everything) / 2
    none = readmodel.released_deck(demo_store, catalogue, near, None, [])
    _same(none, everything[everything["area_code"].isin(near)].reset_index(drop=True))


@pytest.mark.parametrize("stored", [True, False])
def test_released_periods_are_those_with_a_value(
    demo_store: Store, monkeypatch: pytest.MonkeyPatch, stored: bool
) -> None:
    """Periods with a released (not suppressed) value, stored or computed now alike."""
    catalogue = store_catalogue(demo_store)
    everything = released_observations(demo_store, catalogue)
    expected = sorted({int(p) for p in everything.loc[everything["value"].notna(), "period"]})
    if not stored:
        monkeypatch.setattr(demo_store, "released_state", lambda _rule: (0, set()))
        monkeypatch.setattr(demo_store, "save_released", lambda *_args: False)
    assert readmodel.released_periods(demo_store, catalogue) == expected
    assert len(expected) > 5


def test_prepare_counts_what_it_released_without_reading_it_back(
    demo_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    catalogue = store_catalogue(demo_store)
    demo_store.clear_released()
    released = readmodel.prepare_released(demo_store, catalogue)
    assert released == len(released_observations(demo_store, catalogue)) > 1000
    monkeypatch.setattr(demo_store, "released", lambda *_args: pytest.fail("read back"))
    assert readmodel.prepare_released(demo_store, catalogue) == released
    monkeypatch.setattr(demo_store, "save_released", lambda *_args: False)
    demo_store.clear_released()  # and writes keep landing: counted from the computation
    assert readmodel.prepare_released(demo_store, catalogue) == released
