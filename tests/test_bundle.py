"""`import bundle`: every official table of ../shared/muenster in one step, as the manifest says."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from dashboard.bundle import MANIFEST, import_bundle, load_manifest, summary
from dashboard.cli import main
from dashboard.imports import store_catalogue
from dashboard.store import Store

BANDS = ("0_9", "10_19", "20_29", "30_39", "40_49", "50_59", "60_69", "70_79", "80_89",
         "90_plus")  # fmt: skip


def _value(store: Store, indicator: str, area: str, grp: str = "insgesamt") -> float:
    frame = store.observations([indicator], [area], [2014], [grp])
    assert len(frame) == 1, (indicator, area, grp)
    return float(frame["value"].iloc[0])


def test_acceptance_figures_2014(bundle_db: Path, capsys: pytest.CaptureFixture) -> None:
    from dashboard.readmodel import released_observations

    store = Store(bundle_db)
    assert _value(store, "bevoelkerung", "61") == 10555
    assert _value(store, "bevoelkerung_mv", "61") == 5242
    assert _value(store, "arbeitslose", "61") == 698
    assert _value(store, "haushalte", "61") == 4885
    assert _value(store, "beschaeftigte_svp", "61") == 3062
    assert (_value(store, "bevoelkerung", "91"), _value(store, "bevoelkerung_mv", "91")) == (
        5640, 2694,
    )  # fmt: skip
    assert (_value(store, "bevoelkerung", "0"), _value(store, "bevoelkerung_mv", "0")) == (
        300267, 65205,
    )  # fmt: skip
    shares = released_observations(store, store_catalogue(store), ["anteil_mv"], ["61", "91", "0"])
    shares = shares[(shares["period"] == 2014) & (shares["grp"] == "insgesamt")]
    by_area = {a: round(v, 1) for a, v in zip(shares["area_code"], shares["value"], strict=True)}
    assert by_area == {"61": 49.7, "91": 47.8, "0": 21.7}
    store.close()


def test_second_bundle_import_changes_nothing(bundle_db: Path, muenster: Path) -> None:
    store = Store(bundle_db)
    before = store.fingerprint()
    results = import_bundle(store, muenster, "t")
    assert [r.status for r in results] == ["unverändert"] * len(results)
    assert all(r.entry.inserted == r.entry.updated == 0 for r in results)
    lines = summary(results)
    assert "(0 Werte neu oder geändert), 0 abgelehnt, 0 nicht vorhanden" in lines[-1]
    assert store.fingerprint()["observation"] == before["observation"]
    store.close()


def test_every_aggregate_row_reconciles(bundle_db: Path, muenster: Path) -> None:
    store = Store(bundle_db)
    results = import_bundle(store, muenster, "t")
    stats = [r for r in results if r.spec.kind == "stats"]
    assert len(stats) == 8
    assert all("davon abweichend: 0" in " ".join(r.notes) for r in stats)
    # 5 year tables × 55 aggregate cells + the total table 121 + the sex tables 111 each (the
    # cells of an aggregate with a secret district cannot be added up)
    assert sum(r.reconciled for r in stats) == 5 * 55 + 121 + 2 * 111 == 618
    store.close()


def test_age_bands_are_groups_and_the_sexes_add_up(bundle_db: Path, muenster: Path) -> None:
    store = Store(bundle_db)
    frame = store.observations(["bevoelkerung"], periods=[2014])
    cells = {(a, g): (v, f) for a, g, v, f in frame[["area_code", "grp", "value", "flag"]].values}
    checked = 0
    for area in set(frame["area_code"]):
        pairs = [("insgesamt", "maennlich", "weiblich")]
        pairs += [(f"alter_{b}", f"maennlich_alter_{b}", f"weiblich_alter_{b}") for b in BANDS]
        for total, male, female in pairs:
            parts = [cells[(area, g)] for g in (total, male, female)]
            if any(f == "secret" for _, f in parts):
                continue
            assert parts[1][0] + parts[2][0] == parts[0][0], (area, total)
            checked += 1
    assert checked > 500
    # '.' in the female table: Überwasser 80–89 stays secret, never 0
    value, flag = cells[("12", "weiblich_alter_80_89")]
    assert flag == "secret" and value != value
    assert cells[("61", "alter_20_29")][0] > 0
    store.close()


def test_a_file_contradicting_the_manifest_is_refused_alone(
    empty_store: Store, muenster: Path, tmp_path: Path
) -> None:
    bundle = tmp_path / "bundle"
    (bundle / "stats").mkdir(parents=True)
    for name in ("ms_wohnberechtigte.csv", "ms_wohnberechtigte_nach_alter.csv"):
        shutil.copy(muenster / "stats" / name, bundle / "stats" / name)
    age = bundle / "stats" / "ms_wohnberechtigte_nach_alter.csv"
    # Coerde's total in the age table no longer matches the population table
    age.write_text(age.read_text(encoding="utf-8").replace("Coerde,61,10555", "Coerde,61,10556"))
    results = {r.spec.name: r for r in import_bundle(empty_store, bundle, "t")}
    assert results["ms_wohnberechtigte.csv"].status == "ok"
    refused = results["ms_wohnberechtigte_nach_alter.csv"]
    assert refused.status == "abgelehnt"
    assert any("10555 wie bereits gespeichert" in str(p) for p in refused.problems)
    assert results["ms_arbeitslose.csv"].status == "fehlt"
    assert empty_store.observations(["bevoelkerung"], groups=["alter_0_9"]).empty


def test_manifest_names_indicator_unit_period_and_reference_date(empty_store: Store) -> None:
    manifest = load_manifest(store_catalogue(empty_store), MANIFEST)
    spec = manifest.table("ms_arbeitslose.csv")
    assert (spec.indicator, spec.unit, spec.periods[-1]) == ("arbeitslose", "Personen", 2014)
    assert manifest.source_text(spec, 2014) == (
        "Stadt Münster, Statistikdienststelle: Arbeitslose (ms_arbeitslose.csv), "
        "Stichtag 31.12.2014"
    )
    assert "arbeitslosendichte_20_59" in spec.derived


def test_cli_bundle_needs_a_directory(bundle_db: Path, tmp_path: Path) -> None:
    assert main(["import", "bundle", str(tmp_path / "nope")]) == 2
