"""Every download of every page: no value leaves the app without its provenance (issue 16).

The pages run in AppTest; every download button's file is recorded (direct and deferred), and
each CSV holding values must carry the column "Herkunft" filled on every value row. A download
the test does not know fails: it must be classified (values or no values) here.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.testing.v1 import AppTest

from dashboard.bootstrap import load_catalogues_into, load_tiles
from dashboard.imports import Options, import_file
from dashboard.store import Store
from tests.conftest import ROOT
from tests.test_stadtzellen import TILES, _cells_file, _observations

COLUMN = "Herkunft"
# downloads whose rows carry values from the data: each row needs a provenance
VALUES = {
    "spine", "counts", "profile_table", "trend", "compare", "similar", "social_index",
    "contributions", "measures", "measures_citywide", "karte", "karte_social",
    "indikator_series", "ziele_tabelle", "ziele_verlauf", "ziele_werte", "cells",
}  # fmt: skip
# downloads without values from the data (statuses, structure, logs, registers, files)
NO_VALUES = {
    "start_fields", "start_imports", "start_layers", "ziele_matrix", "ziele_historie",
    "ziele_bullets", "hf_overview", "hf_coverage", "mn_register", "rv_counts", "rv_changes",
    "tf_retired", "dt_log", "st_profile_pdf", "mn.x", "rv.dl", "rv.old",
}  # fmt: skip
# rows that hold no value (a target without data has no year): nothing to trace
NO_VALUE_ROW = {"ziele_tabelle": "period"}
PAGES: list[tuple[str, dict[str, str]]] = [
    ("start", {}),
    ("karte", {}),
    ("karte", {"ansicht": "sozialindex"}),
    ("stadtteil", {"stadtteil": "91"}),
    ("indikator", {"id": "anteil_mv", "stadtteil": "91"}),
    ("ziele", {}),
    ("handlungsfelder", {}),
    ("massnahmen", {}),
    ("review", {}),
]


@pytest.fixture(autouse=True)
def fresh_caches(fresh_caches: None) -> None:
    """Every test starts with empty Streamlit caches."""


@pytest.fixture
def files(monkeypatch: pytest.MonkeyPatch) -> dict[str, object]:
    """Every download's data by the id its button carries (direct bytes or a callable)."""
    seen: dict[str, object] = {}
    add, add_deferred = MediaFileManager.add, MediaFileManager.add_deferred

    def recording(self: MediaFileManager, data: object, *args: object, **kw: object) -> str:
        url = add(self, data, *args, **kw)  # type: ignore[arg-type]
        seen[url] = data
        return url

    def recording_deferred(self: MediaFileManager, call: object, *args: object, **kw: object):
        file_id = add_deferred(self, call, *args, **kw)  # type: ignore[arg-type]
        seen[file_id] = call
        return file_id

    monkeypatch.setattr(MediaFileManager, "add", recording)
    monkeypatch.setattr(MediaFileManager, "add_deferred", recording_deferred)
    return seen


def _key(button_key: str) -> str:
    """'dl_trend_csv' → 'trend'; 'karte_csv' → 'karte'; 'tf_history_3' → 'tf_history';
    'mn.x.csv' → 'mn.x' (the register's and protocol's own files)."""
    if "." in button_key:
        return button_key.rsplit(".", 1)[0]
    key = button_key.removeprefix("dl_").removesuffix("_csv").removesuffix("_xlsx")
    return "tf_history" if key.startswith("tf_history") else key


def csv_downloads(page: str, query: dict[str, str], files: dict[str, object]) -> Iterator:
    """(download key, rows) of every CSV download of one page."""
    at = AppTest.from_file(str(ROOT / "pages" / f"{page}.py"), default_timeout=300)
    for name, value in query.items():
        at.query_params[name] = value
    at.run()
    assert not at.exception, (page, [e.value for e in at.exception])
    for button in at.get("download_button"):
        key = _key(button.key)
        assert key in VALUES | NO_VALUES | {"tf_history"}, f"unclassified download {key!r}"
        proto = button.proto
        if key not in VALUES or not (proto.url.endswith(".csv") or button.key.endswith("csv")):
            continue
        data = files.get(proto.deferred_file_id) or files.get(proto.url)
        assert data is not None, key
        raw = data() if isinstance(data, Callable) else data
        text = raw.decode("utf-8-sig") if isinstance(raw, bytes) else str(raw)
        yield key, list(csv.DictReader(io.StringIO(text)))


def assert_traced(key: str, rows: list[dict[str, str]]) -> int:
    """Every value row of a download has a provenance; returns the number of rows checked."""
    assert rows, f"{key}: empty download"
    assert COLUMN in rows[0], f"{key}: no column {COLUMN!r} in {list(rows[0])}"
    empty_marker = NO_VALUE_ROW.get(key)
    lacking = [r for r in rows if not r[COLUMN] and not (empty_marker and not r[empty_marker])]
    assert lacking == [], f"{key}: {len(lacking)} rows without provenance, e.g. {lacking[0]}"
    return len(rows)


def walk(pages: list[tuple[str, dict[str, str]]], files: dict[str, object]) -> dict[str, int]:
    """Rows checked per value download over the pages."""
    checked: dict[str, int] = {}
    for page, query in pages:
        for key, rows in csv_downloads(page, query, files):
            checked[key] = checked.get(key, 0) + assert_traced(key, rows)
    return checked


def test_every_download_on_demo_data_carries_provenance(
    demo_db: Path, files: dict[str, object]
) -> None:
    checked = walk(PAGES, files)
    expected = VALUES - {"cells", "measures_citywide"}  # no cells in the demo; toggle off
    assert expected <= set(checked), expected - set(checked)


def test_demo_values_say_demo(demo_db: Path, files: dict[str, object]) -> None:
    found = dict(csv_downloads("stadtteil", {"stadtteil": "91"}, files))
    assert {r[COLUMN] for r in found["trend"]} == {"Demodaten"}
    assert all(r[COLUMN].startswith("berechnet aus: Demodaten") for r in found["social_index"])


@pytest.fixture
def cells_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Catalogues, the tile map as districts, generated Stadtzellen of Coerde with values."""
    store = Store(tmp_path / "cells.duckdb")
    store.migrate()
    load_catalogues_into(store)
    load_tiles(store)
    import_file(store, "areas", TILES, "test", Options(id_column="code"))
    import_file(store, "areas", _cells_file(tmp_path), "test")
    import_file(store, "observations", _observations(tmp_path), "test")
    store.close()
    monkeypatch.setenv("LEITBILD_DB", str(tmp_path / "cells.duckdb"))
    return tmp_path / "cells.duckdb"


def test_cells_download_names_the_file_of_every_cell(
    cells_db: Path, files: dict[str, object]
) -> None:
    found = dict(csv_downloads("stadtteil", {"stadtteil": "61"}, files))
    rows = found["cells"]
    assert len(rows) == 5 and all("zellen.csv" in r[COLUMN] for r in rows)
    assert assert_traced("cells", rows) == 5


@pytest.mark.realdata
def test_every_download_on_real_data_carries_provenance(
    bundle_db: Path, files: dict[str, object]
) -> None:
    pages = [
        ("karte", {"indikator": "arbeitslose"}),
        ("karte", {"ansicht": "sozialindex"}),
        ("stadtteil", {"stadtteil": "61"}),
        ("indikator", {"id": "arbeitslose", "stadtteil": "61"}),
    ]
    checked = walk(pages, files)
    wanted = {"karte", "karte_social", "trend", "compare", "similar", "social_index",
              "contributions", "indikator_series", "profile_table"}  # fmt: skip
    assert wanted <= set(checked), wanted - set(checked)
    found = dict(csv_downloads("stadtteil", {"stadtteil": "61"}, files))
    trend = found["trend"]
    coerde = [r for r in trend if r["Gebietsnummer"] == "61"]
    assert coerde and all("Stadt Münster, Statistikdienststelle" in r[COLUMN] for r in coerde)
    assert all("Stichtag" in r[COLUMN] for r in coerde)


def test_cell_downloads_hide_the_small_cell_and_its_sibling(
    cells_db: Path, files: dict[str, object]
) -> None:
    """Issue 16: the cell with 2 persons with migration history and one sibling are hidden in
    the map table's download and the district page's cell download, never shown as a number."""
    query = {"indikator": "bevoelkerung_mv", "ebene": "stadtzellen", "periode": "2014"}
    karte = {r["Nr."]: r for r in dict(csv_downloads("karte", query, files))["karte"]}
    hidden = sorted(code for code, r in karte.items() if r["Kennzeichen"] == "geheim")
    assert len(karte) == 10 and "613" in hidden and len(hidden) == 2
    assert all(karte[c]["Wert (Personen)"] == "" for c in hidden)
    assert float(karte["611"]["Wert (Personen)"]) == 1300
    cells = dict(csv_downloads("stadtteil", {"stadtteil": "61"}, files))["cells"]
    mv = {r["Stadtzelle"].split()[0]: r["Bevölkerung mit MV"] for r in cells}
    assert sorted(c for c, v in mv.items() if v == "geheim") == hidden
    assert mv["611"] == "1.300"
    # the file is named once (it was "aus zellen.csv; aus zellen.csv")
    assert all(
        r["Herkunft"].startswith("importiert – aus zellen.csv; importiert am ")
        for r in karte.values()
    )
