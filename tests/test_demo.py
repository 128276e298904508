"""The demo data generator: deterministic, consistent, realistic and valid by the import rules."""

from __future__ import annotations

import datetime as dt
import math
import time

import pandas as pd
import pytest

from dashboard.analysis.aggregation import reconcile
from dashboard.catalogues import Catalogue
from dashboard.demo import DEFAULT_TODAY, DEMO_SOURCE, DemoData, generate
from dashboard.imports import store_catalogue
from dashboard.ingest.measures import STATUSES, check_measure
from dashboard.ingest.observations import Record, validate_records
from dashboard.ingest.targets import check_target
from dashboard.store import OBSERVATION_COLUMNS, TARGET_COLUMNS, Store

YEARS = list(range(2015, 2026))
KEY = ["indicator_id", "area_code", "period", "grp"]


@pytest.fixture(scope="module")
def demo(catalogue: Catalogue) -> DemoData:
    """The demo data with the default seed."""
    return generate(catalogue)


def _value(obs: pd.DataFrame, indicator: str, area: str, period: int, grp: str) -> float:
    row = obs[
        (obs["indicator_id"] == indicator)
        & (obs["area_code"] == area)
        & (obs["period"] == period)
        & (obs["grp"] == grp)
    ]
    assert len(row) == 1, (indicator, area, period, grp)
    return float(row["value"].iloc[0])


def _stored(catalogue: Catalogue) -> pd.DataFrame:
    ind = catalogue.indicators
    return ind[~ind["numerator_id"].map(lambda v: isinstance(v, str) and bool(v))]


def _clean(x: object) -> object:
    return None if x is None or (isinstance(x, float) and math.isnan(x)) else x


def test_same_seed_gives_identical_data(catalogue: Catalogue, demo: DemoData) -> None:
    again = generate(catalogue, seed=20250213, today=DEFAULT_TODAY)
    pd.testing.assert_frame_equal(demo.observations, again.observations)
    pd.testing.assert_frame_equal(demo.targets, again.targets)
    assert demo.organisations == again.organisations
    assert demo.measures == again.measures


def test_other_seed_gives_other_data_but_same_leitbild_figures(catalogue: Catalogue) -> None:
    a, b = generate(catalogue, seed=1), generate(catalogue, seed=2)
    assert not a.observations["value"].equals(b.observations["value"])
    for data in (a, b):
        obs = data.observations
        share = _value(obs, "bevoelkerung_mv", "91", 2023, "insgesamt") / _value(
            obs, "bevoelkerung", "91", 2023, "insgesamt"
        )
        assert round(100 * share, 1) == 49.6


def test_frame_shapes(demo: DemoData) -> None:
    assert list(demo.observations.columns) == [*OBSERVATION_COLUMNS, "is_demo"]
    assert demo.observations["is_demo"].all()
    assert (demo.observations["source"] == DEMO_SOURCE).all()
    assert not demo.observations.duplicated(KEY).any()
    assert list(demo.targets.columns) == TARGET_COLUMNS
    assert demo.targets["is_demo"].all()
    assert (demo.targets["created_by"] == "Demodaten").all()


@pytest.mark.parametrize(
    ("area", "numerator", "denominator", "expected"),
    [
        ("91", "bevoelkerung_mv", "bevoelkerung", 49.6),
        ("91", "kinder_u18_mv", "kinder_u18", 74.5),
        ("0", "bevoelkerung_mv", "bevoelkerung", 24.6),
    ],
)
def test_leitbild_figures_2023(
    demo: DemoData, area: str, numerator: str, denominator: str, expected: float
) -> None:
    obs = demo.observations
    num = _value(obs, numerator, area, 2023, "insgesamt")
    den = _value(obs, denominator, area, 2023, "insgesamt")
    assert round(100 * num / den, 1) == expected


def test_realistic_magnitudes(demo: DemoData) -> None:
    obs = demo.observations
    pop = obs[(obs["indicator_id"] == "bevoelkerung") & (obs["grp"] == "insgesamt")]
    city = pop[pop["area_code"] == "0"].set_index("period")["value"]
    assert 310_000 <= city[2025] <= 330_000
    assert city[2025] > city[2015]
    assert 900 <= _value(obs, "bevoelkerung", "43", 2023, "insgesamt") <= 1_500
    assert 19_000 <= _value(obs, "bevoelkerung", "51", 2023, "insgesamt") <= 24_000
    mv = [
        _value(obs, "bevoelkerung_mv", "0", y, "insgesamt")
        / _value(obs, "bevoelkerung", "0", y, "insgesamt")
        for y in YEARS
    ]
    assert mv == sorted(mv), "city share with MV rises"
    for code in ("61", "63"):
        share = _value(obs, "bevoelkerung_mv", code, 2023, "insgesamt") / _value(
            obs, "bevoelkerung", code, 2023, "insgesamt"
        )
        assert share > 0.4
    unemployment = obs[
        (obs["indicator_id"] == "arbeitslose_je100")
        & (obs["grp"] == "insgesamt")
        & (obs["area_code"].str.len() == 2)
    ]["value"]
    assert unemployment.min() >= 0.5 and unemployment.max() <= 15


def test_derived_indicators_are_never_stored(catalogue: Catalogue, demo: DemoData) -> None:
    ind = catalogue.indicators
    derived = set(ind["id"]) - set(_stored(catalogue)["id"])
    assert derived >= {"anteil_mv", "anteil_kinder_mv", "anteil_auslaender"}
    assert not derived & set(demo.observations["indicator_id"])


def test_every_stored_indicator_and_group_is_covered(catalogue: Catalogue, demo: DemoData) -> None:
    obs = demo.observations
    levels = dict(zip(catalogue.areas["code"], catalogue.areas["level"], strict=True))
    districts = {c for c, lv in levels.items() if lv == "stadtteil"}
    for ind in _stored(catalogue).to_dict("records"):
        rows = obs[obs["indicator_id"] == ind["id"]]
        assert set(rows["grp"]) == set(ind["groups"]), ind["id"]
        periods = set(rows["period"])
        if ind["id"] == "integrationsrat_wahlbeteiligung":
            assert periods == {2020, 2025}  # elections only
        else:
            assert periods == set(YEARS), ind["id"]
        # finer levels (Stadtzellen) exist only once their geometry is imported
        present = set(ind["levels"]) & set(levels.values())
        assert set(rows["area_code"].map(levels)) == present, ind["id"]
        if "stadtteil" in ind["levels"]:
            per_year = rows[rows["area_code"].isin(districts)].groupby(["period", "grp"]).size()
            assert (per_year == len(districts)).all(), ind["id"]


def test_aggregates_reconcile_with_their_districts(catalogue: Catalogue, demo: DemoData) -> None:
    """Counts are sums; shares and rates are ratios of summed numerators and denominators."""
    obs = demo.observations
    aggregate = catalogue.indicators.set_index("id")["aggregate"]
    checked = 0
    for (iid, _grp), part in obs.groupby(["indicator_id", "grp"]):
        if aggregate[iid] == "none" or part["area_code"].nunique() == 1:
            continue
        columns = ["value"] if part["numerator"].isna().all() else ["numerator", "denominator"]
        for column in columns:
            diffs, n = reconcile(part.assign(value=part[column]), catalogue.areas, tolerance=0)
            assert diffs.empty, (iid, column, diffs.head())
            checked += n
    assert checked > 5_000


def test_values_are_ratios_of_numerator_and_denominator(
    catalogue: Catalogue, demo: DemoData
) -> None:
    obs = demo.observations.dropna(subset=["numerator"])
    kind = obs["indicator_id"].map(catalogue.indicators.set_index("id")["kind"])
    factor = kind.map({"share": 100.0, "rate": 100.0, "mean": 1.0})
    expected = obs["numerator"] / obs["denominator"] * factor
    pd.testing.assert_series_equal(obs["value"], expected, check_names=False)


@pytest.mark.parametrize(
    ("indicator", "total", "parts"),
    [
        ("bevoelkerung", "insgesamt", ["maennlich", "weiblich"]),
        ("arbeitslose_je100", "insgesamt", ["deutsch", "nichtdeutsch"]),
        ("arbeitslose_je100", "insgesamt", ["maennlich", "weiblich"]),
        ("kita_besuch_3_6", "insgesamt", ["mit_mv", "ohne_mv"]),
        ("migrationsberatung_faelle", "insgesamt", ["mbe", "jmd"]),
    ],
)
def test_groups_partition_the_total(
    demo: DemoData, indicator: str, total: str, parts: list[str]
) -> None:
    obs = demo.observations[demo.observations["indicator_id"] == indicator]
    column = "value" if obs["numerator"].isna().all() else "numerator"
    wide = obs.pivot_table(index=["area_code", "period"], columns="grp", values=column)
    assert (wide[parts].sum(axis=1) == wide[total]).all()
    if column == "numerator":
        den = obs.pivot_table(index=["area_code", "period"], columns="grp", values="denominator")
        assert (den[parts].sum(axis=1) == den[total]).all()


def test_mv_parts_add_up_to_population_with_mv(demo: DemoData) -> None:
    obs = demo.observations[demo.observations["grp"] == "insgesamt"]
    wide = obs.pivot_table(index=["area_code", "period"], columns="indicator_id", values="value")
    parts = [
        "bevoelkerung_auslaender",
        "bevoelkerung_dt_mv_persoenlich",
        "bevoelkerung_dt_mv_vererbt",
    ]
    assert (wide[parts].sum(axis=1) == wide["bevoelkerung_mv"]).all()
    assert (wide["bevoelkerung_dt_mv_vererbt"] <= wide["kinder_u18_mv"]).all()
    assert (wide["kinder_u18_mv"] <= wide["kinder_u18"]).all()


def test_small_counts_and_official_flags_exist(catalogue: Catalogue, demo: DemoData) -> None:
    obs = demo.observations
    kind = obs["indicator_id"].map(catalogue.indicators.set_index("id")["kind"])
    small = ((kind == "count") & obs["value"].between(1, 2)) | obs["numerator"].between(1, 2)
    assert small.sum() >= 10
    flags = obs["flag"].value_counts()
    assert flags["corrected"] == 1
    assert flags["provisional"] > 0
    assert set(obs.loc[obs["flag"] == "provisional", "period"]) == {2025}
    # a missing value always says why: 0/0 ("X") or too few survey answers
    assert obs.loc[obs["value"].isna(), "flag"].isin(["not_meaningful", "not_reliable"]).all()
    assert (obs.loc[obs["flag"] == "not_meaningful", "denominator"] == 0).all()


def test_observations_pass_the_import_validation(catalogue: Catalogue, demo: DemoData) -> None:
    records = [
        Record(
            row=i,
            indicator=r.indicator_id,
            area=r.area_code,
            period=int(r.period),
            group=r.grp,
            value=_clean(r.value),
            numerator=_clean(r.numerator),
            denominator=_clean(r.denominator),
            flag=_clean(r.flag) or "",
            source=r.source,
        )
        for i, r in enumerate(demo.observations.itertuples(index=False), start=1)
    ]
    frame, problems = validate_records(records, catalogue, "demo")
    assert problems == []
    assert len(frame) == len(demo.observations)


def test_targets_pass_the_target_rules(catalogue: Catalogue, demo: DemoData) -> None:
    targets = demo.targets.to_dict("records")
    assert all(check_target(t, catalogue) == [] for t in targets)
    assert {t["type"] for t in targets} == {"absolute", "parity", "relative_change", "direction"}
    assert {t["target_period"] for t in targets} == {2030}
    parity = [t for t in targets if t["type"] == "parity"]
    assert {t["indicator_id"] for t in parity} >= {
        "azubi_anteil_international",
        "personal_anteil_international",
        "neueinstellungen_anteil_international",
    }
    for t in parity:
        expected = catalogue.indicator(t["indicator_id"])["parity_reference"]
        assert t["reference_indicator"] in (expected, t["indicator_id"])
    fields = {catalogue.indicator(t["indicator_id"])["field_id"] for t in targets}
    assert fields >= {"7.1", "7.2", "7.3"}
    for area, prefix in (("91", "6.3-S91-"), ("61", "6.3-S61-")):
        local = [t for t in targets if t["area_code"] == area]
        assert local and all(t["goal_id"].startswith(prefix) for t in local)


def test_measures_are_plausible(catalogue: Catalogue, demo: DemoData) -> None:
    measures = demo.measures
    assert 55 <= len(measures) <= 65
    assert {m["status"] for m in measures} == set(STATUSES)
    assert len({m["title"] for m in measures}) == len(measures)
    for m in measures:
        assert check_measure(m, catalogue, DEFAULT_TODAY) == [], m["title"]
        assert m["is_demo"]
    orgs = {o[0] for o in demo.organisations}
    assert 12 <= len(orgs) <= 20
    assert {m["organisation_id"] for m in measures} <= orgs
    areas = [a for m in measures for a in m["areas"]]
    assert areas.count("91") >= 8 and areas.count("61") >= 8
    assert any(not m["areas"] for m in measures), "some measures are city-wide"
    late = [m for m in measures if m["status"] == "laufend" and m["planned_end"] < DEFAULT_TODAY]
    assert late, "some running measures are overdue"


def test_measure_histories_are_ordered_and_explain_the_status(demo: DemoData) -> None:
    end_of_today = pd.Timestamp(DEFAULT_TODAY) + pd.Timedelta(days=1)
    for m in demo.measures:
        events = m["events"]
        assert events[0]["kind"] == "angelegt"
        times = [e["at"] for e in events]
        assert times == sorted(times) and times[-1] < end_of_today, m["title"]
        changes = [e["changes"]["status"] for e in events if "status" in e["changes"]]
        if m["status"] == "geplant":
            assert changes == []
        else:
            assert changes[0] == ["geplant", "laufend"]
            assert changes[-1][1] == m["status"]
        assert all(e["by"].endswith("(Demo)") for e in events)


def test_fixed_today_keeps_dates_stable(catalogue: Catalogue) -> None:
    later = generate(catalogue, today=dt.date(2026, 6, 1))
    assert all(check_measure(m, catalogue, dt.date(2026, 6, 1)) == [] for m in later.measures)
    assert generate(catalogue).measures == generate(catalogue, today=DEFAULT_TODAY).measures


def test_generation_is_fast(catalogue: Catalogue) -> None:
    start = time.perf_counter()
    generate(catalogue, seed=7)
    assert time.perf_counter() - start < 2.0


def test_demo_loads_into_the_store(empty_store: Store, demo: DemoData) -> None:
    """The store's catalogue (as read back from DuckDB) yields the same data, and it loads."""
    from_store = generate(store_catalogue(empty_store))
    pd.testing.assert_frame_equal(from_store.observations, demo.observations)
    pd.testing.assert_frame_equal(from_store.targets, demo.targets)
    empty_store.upsert_organisations(demo.organisations)
    empty_store.insert_targets(demo.targets, None)
    assert empty_store.insert_measures(demo.measures, None, by="Demodaten") == len(demo.measures)
    assert len(empty_store.targets()) == len(demo.targets)
    events = empty_store.measure_events()
    assert len(events) == sum(len(m["events"]) for m in demo.measures)
