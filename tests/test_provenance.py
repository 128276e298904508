"""Provenance on every value: official (table, reference date, import), computed, or demo."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard.analysis.provenance import describe
from dashboard.bundle import import_bundle
from dashboard.cli import main
from dashboard.store import Store
from dashboard.ui import maps
from tests.conftest import ROOT

TABLE = (
    "Stadt Münster, Statistikdienststelle: Arbeitslose (ms_arbeitslose.csv), Stichtag 31.12.2014"
)
PARTS_COLUMNS = ["indicator_id", "area_code", "period", "grp", "source", "is_demo", "file",
                 "logged_at", "actor"]  # fmt: skip


@pytest.fixture(autouse=True)
def fresh_caches(fresh_caches: None) -> None:
    """Every test starts with empty Streamlit caches."""


def _parts() -> pd.DataFrame:
    when = pd.Timestamp("2026-12-01 10:00")
    band = "Wohnberechtigte nach Alter (ms_wohnberechtigte_nach_alter.csv), Stichtag 31.12.2014"
    rows = [
        ("arbeitslose", "61", 2014, "insgesamt", TABLE, False, "ms_arbeitslose.csv", when, "kiz"),
        ("bevoelkerung", "61", 2014, "alter_20_29", band, False,
         "ms_wohnberechtigte_nach_alter.csv", when, "kiz"),
        ("bevoelkerung", "91", 2014, "insgesamt", "Demodaten (generiert)", True, None, None, None),
        ("bevoelkerung", "63", 2014, "insgesamt", "Umfrage KI", False, "eigene.csv", when, "anna"),
    ]  # fmt: skip
    return pd.DataFrame(rows, columns=PARTS_COLUMNS)


def test_each_kind_of_value_says_where_it_comes_from(catalogue) -> None:
    frame = pd.DataFrame(
        {"indicator_id": ["arbeitslose", "bevoelkerung", "bevoelkerung", "arbeitslosendichte_20_59",
                          "arbeitslose"],
         "area_code": ["61", "91", "63", "61", "11"], "period": 2014, "grp": "insgesamt"}
    )  # fmt: skip
    official = {"ms_arbeitslose.csv", "ms_wohnberechtigte_nach_alter.csv"}
    texts = describe(frame, _parts(), catalogue.indicators, official).tolist()
    assert texts[0] == f"amtlich – {TABLE}; importiert am 01.12.2026 von kiz"
    assert texts[1] == "Demodaten"
    assert texts[2] == "importiert – Umfrage KI; aus eigene.csv; importiert am 01.12.2026 von anna"
    assert texts[3].startswith(f"berechnet aus amtlichen Werten – {TABLE}; Wohnberechtigte")
    assert texts[4] is None  # nothing stored: nothing claimed
    rolled = frame.iloc[[0, 4]].assign(origin=["stored", "computed"])
    texts = describe(rolled, _parts(), catalogue.indicators, official).tolist()
    assert texts[1] == f"Summe bzw. Verhältnis der Stadtteilwerte: {texts[0]}"
    # a map level made only of computed roll-ups still names the districts' provenance
    only = pd.DataFrame({"indicator_id": ["arbeitslose"], "area_code": ["B3"], "period": [2014],
                         "grp": ["insgesamt"], "origin": ["computed"]})  # fmt: skip
    alone = describe(only, _parts(), catalogue.indicators, official).tolist()
    assert alone == [f"Summe bzw. Verhältnis der Stadtteilwerte: {texts[0]}"]


def test_a_file_without_source_is_named_once(catalogue) -> None:
    when = pd.Timestamp("2026-12-01 10:00")
    parts = [
        (indicator, "611", 2014, "insgesamt", None, False, "zellen.csv", when, "kiz")
        for indicator in ("bevoelkerung", "bevoelkerung_mv")
    ]
    keys = {"area_code": "611", "period": 2014, "grp": "insgesamt"}
    frame = pd.DataFrame({"indicator_id": ["bevoelkerung", "anteil_mv"], **keys})
    texts = describe(frame, pd.DataFrame(parts, columns=PARTS_COLUMNS), catalogue.indicators, set())
    assert texts.tolist() == [
        "importiert – aus zellen.csv; importiert am 01.12.2026 von kiz",
        "berechnet aus – zellen.csv",
    ]


def test_no_exported_value_lacks_provenance(bundle_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "all.csv"
    assert main(["export", "observations", "--out", str(out)]) == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert len(rows) > 4000
    assert [r for r in rows if not r["provenance"]] == []
    kinds = {r["provenance"].split(" – ")[0] for r in rows}
    assert kinds == {"amtlich", "berechnet aus amtlichen Werten"}
    coerde = next(r for r in rows if (r["indicator"], r["area"], r["period"]) ==
                  ("arbeitslose", "61", "2014"))  # fmt: skip
    assert coerde["provenance"].startswith(f"amtlich – {TABLE}; importiert am ")
    assert coerde["provenance"].endswith(" von test")


def _map(**query: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "pages" / "karte.py"), default_timeout=180)
    for key, value in query.items():
        at.query_params[key] = value
    return at.run()


@pytest.mark.realdata
def test_real_map_table_download_names_table_and_reference_date(bundle_db: Path) -> None:
    at = _map(indikator="arbeitslose", ebene="stadtteile")
    assert not at.exception
    frame = at.dataframe[0].value
    assert len(frame) == 45
    assert all(TABLE in text for text in frame["Herkunft"])
    csv_bytes, _xlsx = maps.download_files(frame, [], "de")
    rows = list(csv.DictReader(io.StringIO(csv_bytes.decode("utf-8-sig"))))
    assert len(rows) == 45 and all("Stichtag 31.12.2014" in r["Herkunft"] for r in rows)
    derived = _map(indikator="anteil_mv").dataframe[0].value
    assert all(t.startswith("berechnet aus amtlichen Werten") for t in derived["Herkunft"])


@pytest.mark.realdata
def test_mixed_data_say_partly_demo_at_the_top(demo_db: Path, muenster: Path, tmp_path) -> None:
    bundle = tmp_path / "one" / "stats"
    bundle.mkdir(parents=True)
    shutil.copy(muenster / "stats" / "ms_arbeitslose.csv", bundle)
    store = Store(demo_db)
    results = import_bundle(store, bundle.parent, "test")
    assert [r.status for r in results if r.status != "fehlt"] == ["ok"]
    store.close()
    at = _map(indikator="arbeitslose", periode="2014")
    assert not at.exception
    top = "\n".join(m.value for m in at.markdown[:3])  # the badge is the page's first markdown
    assert "Echte Daten, teils Demodaten" in top
    assert "Spalte „Herkunft“" in at.caption[1].value
    frame = at.dataframe[0].value
    assert all(t.startswith("amtlich") for t in frame["Herkunft"])
    demo = _map(indikator="anteil_mv", periode="2014").dataframe[0].value
    assert any(t.startswith("berechnet aus Demodaten") for t in demo["Herkunft"])
