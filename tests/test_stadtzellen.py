"""Stadtzellen: a finer area level created by its geometry, with observations and disclosure."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
import shapely
from shapely.geometry import box, mapping

from dashboard.bootstrap import load_catalogues_into, load_tiles
from dashboard.config import GEO_DIR
from dashboard.errors import ValidationError
from dashboard.imports import Options, import_file, store_catalogue
from dashboard.readmodel import released_observations
from dashboard.store import Store
from tests.karte_data import shown_hovers

TILES = GEO_DIR / "stadtteile_kacheln.geojson"
# residents and residents with migration history of the five cells of Coerde and Berg Fidel
COERDE = {"611": (2500, 1300), "612": (2100, 1000), "613": (900, 2), "614": (2555, 1440),
          "615": (2500, 1500)}  # fmt: skip
BERG_FIDEL = {"911": (1200, 600), "912": (1100, 500), "913": (1140, 594), "914": (1200, 500),
              "915": (1000, 500)}  # fmt: skip


def _strips(code: str, n: int = 5) -> list[object]:
    """The tile of a Stadtteil cut into n vertical strips (generated cells)."""
    tiles = json.loads(TILES.read_text(encoding="utf-8"))
    tile = next(f for f in tiles["features"] if str(f["properties"]["code"]) == code)
    minx, miny, maxx, maxy = shapely.geometry.shape(tile["geometry"]).bounds
    step = (maxx - minx) / n
    return [box(minx + i * step, miny, minx + (i + 1) * step, maxy) for i in range(n)]


def _cells_file(folder: Path, extra: dict[str, object] | None = None) -> Path:
    features = []
    for parent, name in (("61", "Coerde"), ("91", "Berg Fidel")):
        for i, geom in enumerate(_strips(parent), start=1):
            properties = {"Nr": int(f"{parent}{i}"), "Name": f"{name} {i}"}
            features.append(
                {"type": "Feature", "geometry": mapping(geom), "properties": properties}
            )
    for code, geom in (extra or {}).items():
        features.append({"type": "Feature", "geometry": mapping(geom),
                         "properties": {"Nr": int(code), "Name": f"Zelle {code}"}})  # fmt: skip
    path = folder / "stadtzellen.geojson"
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}))
    return path


@pytest.fixture
def store(tmp_path: Path) -> Store:
    store = Store(tmp_path / "cells.duckdb")
    store.migrate()
    load_catalogues_into(store)
    load_tiles(store)
    # the tile map stands in for the official Stadtteil shapes the cells are checked against
    import_file(store, "areas", TILES, "test", Options(id_column="code"))
    return store


def test_cell_geometry_creates_the_cells_under_their_parents(store: Store, tmp_path: Path) -> None:
    checked, entry = import_file(store, "areas", _cells_file(tmp_path), "test")
    assert entry.status == "ok" and checked.layer == "amtlich_stadtzellen"
    assert "Neue Gebiete: 10" in checked.notes[0]
    areas = store.catalogue("area").set_index("code")
    assert areas.loc["613", "level"] == "stadtzelle" and areas.loc["613", "parent_code"] == "61"
    assert areas.loc["915", "name"] == "Berg Fidel 5"
    assert store.geometry_layers()["amtlich_stadtzellen"] == 10
    load_catalogues_into(store)  # `init` again: the imported cells stay
    assert "613" in set(store.catalogue("area")["code"])


def test_a_cell_outside_its_parent_is_refused(store: Store, tmp_path: Path) -> None:
    stray = _strips("91")[0]  # in Berg Fidel, but numbered as a cell of Coerde
    with pytest.raises(ValidationError) as err:
        import_file(store, "areas", _cells_file(tmp_path, {"616": stray}), "test")
    assert any("616 liegt außerhalb" in str(p) for p in err.value.problems)
    assert "611" not in set(store.catalogue("area")["code"])


def _observations(folder: Path, coerde_total: int = 10555) -> Path:
    lines = ["indicator;area;period;value"]
    for cells, totals in ((COERDE, (coerde_total, 5242)), (BERG_FIDEL, (5640, 2694))):
        parent = next(iter(cells))[:2]
        lines += [f"bevoelkerung;{parent};2014;{totals[0]}", f"bevoelkerung_mv;{parent};2014;"
                  f"{totals[1]}"]  # fmt: skip
        for code, (pop, mv) in cells.items():
            lines += [f"bevoelkerung;{code};2014;{pop}", f"bevoelkerung_mv;{code};2014;{mv}"]
    path = folder / "zellen.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_cell_observations_reconcile_and_small_cells_are_hidden_with_a_sibling(
    store: Store, tmp_path: Path
) -> None:
    import_file(store, "areas", _cells_file(tmp_path), "test")
    checked, entry = import_file(store, "observations", _observations(tmp_path), "test")
    assert entry.inserted == 24
    # each Stadtteil equals the sum of its cells, for both counts
    assert "Summenzeilen geprüft: 2, davon abweichend: 0" in checked.notes
    catalogue = store_catalogue(store)
    released = released_observations(store, catalogue, ["bevoelkerung_mv", "anteil_mv"])
    mv = released[released["indicator_id"] == "bevoelkerung_mv"].set_index("area_code")
    assert mv.loc["613", "flag"] == "secret" and math.isnan(mv.loc["613", "value"])
    hidden_cells = [c for c in COERDE if mv.loc[c, "flag"] == "secret"]
    # the sibling too: otherwise 5.242 minus the other four cells gives the 2 away
    assert len(hidden_cells) == 2 and mv.loc["61", "value"] == 5242
    assert all(mv.loc[c, "flag"] != "secret" for c in BERG_FIDEL)
    share = released[released["indicator_id"] == "anteil_mv"].set_index("area_code")
    assert all(share.loc[c, "flag"] == "secret" for c in hidden_cells)


def test_a_stadtteil_that_differs_from_its_cells_is_reported(store: Store, tmp_path) -> None:
    import_file(store, "areas", _cells_file(tmp_path), "test")
    checked, _ = import_file(store, "observations", _observations(tmp_path, 10556), "test")
    assert "Summenzeilen geprüft: 2, davon abweichend: 1" in checked.notes
    assert any("Summe der Stadtzellen 10555" in str(p) for p in checked.problems)


def test_map_shows_the_cells_and_hides_the_small_one_and_its_sibling(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_caches: None
) -> None:
    from streamlit.testing.v1 import AppTest

    from tests.conftest import ROOT

    import_file(store, "areas", _cells_file(tmp_path), "test")
    import_file(store, "observations", _observations(tmp_path), "test")
    path = store.path
    store.close()
    monkeypatch.setenv("LEITBILD_DB", str(path))
    at = AppTest.from_file(str(ROOT / "pages" / "karte.py"), default_timeout=180)
    for key, value in {"indikator": "bevoelkerung_mv", "ebene": "stadtzellen",
                       "periode": "2014"}.items():  # fmt: skip
        at.query_params[key] = value
    at.run()
    assert not at.exception
    table = at.dataframe[0].value.set_index("Nr.")
    assert len(table) == 10
    hidden = table[table["Wert (Personen)"].isna()].index.tolist()
    assert "613" in hidden and len(hidden) == 2
    assert set(table.loc[hidden, "Kennzeichen"]) == {"geheim"}
    hovers = shown_hovers(json.loads(at.get("plotly_chart")[0].proto.spec))
    assert "613 Coerde 3" in hovers["613"] and "Personen" not in hovers["613"]
    assert not any("<b>2 Personen</b>" in h for h in hovers.values())
    assert "<b>1.300 Personen</b>" in " ".join(hovers.values())  # a visible cell shows its value


def test_stadtteil_without_own_value_is_the_sum_of_its_cells(store: Store, tmp_path) -> None:
    from dashboard.analysis.rollup import level_codes, rollup

    import_file(store, "areas", _cells_file(tmp_path), "test")
    lines = ["indicator;area;period;value"]
    lines += [f"bevoelkerung;{c};2014;{pop}" for c, (pop, _) in COERDE.items()]
    lines += [f"bevoelkerung_mv;{c};2014;{mv}" for c, (_, mv) in COERDE.items()]
    path = tmp_path / "nur_zellen.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    import_file(store, "observations", path, "test")
    catalogue = store_catalogue(store)
    codes = level_codes(catalogue.areas, "stadtteile")
    for indicator_id, expected in (("bevoelkerung", 10555.0), ("bevoelkerung_mv", None)):
        values = released_observations(store, catalogue, [indicator_id])
        indicator = catalogue.indicator(indicator_id)
        rows = rollup(values, catalogue.areas, indicator, codes, indicators=catalogue.indicators)
        coerde = rows.set_index("area_code").loc["61"]
        assert coerde["origin"] == "computed"
        if expected is None:  # a hidden cell makes the sum hidden too
            assert coerde["flag"] == "secret" and math.isnan(coerde["value"])
        else:
            assert coerde["value"] == expected


def test_district_page_shows_its_cells(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_caches: None
) -> None:
    from streamlit.testing.v1 import AppTest

    from tests.conftest import ROOT

    import_file(store, "areas", _cells_file(tmp_path), "test")
    import_file(store, "observations", _observations(tmp_path), "test")
    path = store.path
    store.close()
    monkeypatch.setenv("LEITBILD_DB", str(path))
    at = AppTest.from_file(str(ROOT / "pages" / "stadtteil.py"), default_timeout=180)
    at.query_params["stadtteil"] = "61"
    at.run()
    assert not at.exception
    assert "Stadtzellen von Coerde" in [h.value for h in at.subheader]
    table = next(d.value for d in at.dataframe if "Stadtzelle" in d.value.columns)
    assert list(table["Stadtzelle"]) == [f"61{i} Coerde {i}" for i in range(1, 6)]
    row = table.set_index("Stadtzelle").loc["611 Coerde 1"]
    assert row["Bevölkerung"] == "2.500" and row["Bevölkerung mit MV"] == "1.300"
    hidden = table.set_index("Stadtzelle")["Bevölkerung mit MV"]
    assert (hidden == "geheim").sum() == 2 and hidden["613 Coerde 3"] == "geheim"
