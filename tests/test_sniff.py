"""Upload checks by content: size, type per import kind, zip safety, formulas never evaluated."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest

from dashboard.errors import ValidationError
from dashboard.imports import check_file
from dashboard.ingest.sniff import check_upload, sniff
from dashboard.store import Store
from tests.conftest import ASSETS


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


SHAPE = {"b.shp": b"x", "b.shx": b"x", "b.dbf": b"x", "b.prj": b"x"}
GEOJSON = json.dumps({"type": "FeatureCollection", "features": []}).encode()


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ((ASSETS / "stats_good.csv").read_bytes(), "csv"),
        ((ASSETS / "stats_good.xlsx").read_bytes(), "xlsx"),
        ((ASSETS / "areas_good.geojson").read_bytes(), "geojson"),
        ("Gebiet;Wert\nCoerde;5\n".encode("cp1252"), "csv"),
        (b"\xef\xbb\xbf" + GEOJSON, "geojson"),
        (b"SQLite format 3\x00" + b"\x00" * 100, "gpkg"),
        (_zip(SHAPE), "shapefile_zip"),
        (_zip({"karten/b.shp": b"x", "karten/b.shx": b"x", "karten/b.dbf": b"x"}), "shapefile_zip"),
        # refused: binary, unknown zips, zips with path tricks or other files for GDAL
        (b"MZ\x90\x00\x03\x00\x00\x00", None),
        (b"a;b\n1;\x002\n", None),
        (_zip({"readme.txt": b"hi"}), None),
        (_zip({**SHAPE, "../../etc/b.cpg": b"x"}), None),
        (_zip({**SHAPE, "/abs/b.cpg": b"x"}), None),
        (_zip({**SHAPE, "C:/b.cpg": b"x"}), None),
        (_zip({**SHAPE, "layer.vrt": b"<OGRVRTDataSource/>"}), None),
        (_zip({"[Content_Types].xml": b"x"}), None),
        (b"PK\x03\x04 not really a zip", None),
        (b"{not json", "csv"),  # plain text; a table parser reports it properly
    ],
)
def test_sniff_judges_by_content(data: bytes, expected: str | None) -> None:
    assert sniff(data) == expected


@pytest.mark.parametrize(
    ("kind", "data", "ok"),
    [
        ("stats", (ASSETS / "stats_good.csv").read_bytes(), True),
        ("measures", (ASSETS / "stats_good.xlsx").read_bytes(), True),
        ("areas", GEOJSON, True),
        ("areas", _zip(SHAPE), True),
        ("areas", (ASSETS / "stats_good.csv").read_bytes(), False),
        ("stats", GEOJSON, False),
        ("targets", _zip(SHAPE), False),
        ("observations", b"   \n", False),
    ],
)
def test_check_upload_allows_formats_per_kind(kind: str, data: bytes, ok: bool) -> None:
    if ok:
        check_upload(data, "upload", kind)
    else:
        with pytest.raises(ValidationError):
            check_upload(data, "upload", kind)


def test_size_limit_applies_before_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LEITBILD_MAX_UPLOAD_MB", "1")
    with pytest.raises(ValidationError) as err:
        check_upload(b"a;b\n" * 300_000, "gross.csv", "stats")
    assert "höchstens 1 MB" in err.value.user_message()


def test_zip_bomb_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LEITBILD_MAX_UPLOAD_MB", "1")
    bomb = _zip({**SHAPE, "b.dbf": b"\x00" * (11 * 1024 * 1024)})
    assert len(bomb) < 1024 * 1024
    assert sniff(bomb) is None


def test_streamlit_upload_limit_matches_the_setting() -> None:
    import tomllib

    from dashboard import config

    streamlit_config = tomllib.loads((ASSETS.parents[1] / ".streamlit/config.toml").read_text())
    assert streamlit_config["server"]["maxUploadSize"] == config.SETTINGS["max_upload_mb"].default


def test_check_file_refuses_wrong_content_whatever_the_name(empty_store: Store) -> None:
    with pytest.raises(ValidationError) as err:
        check_file(empty_store, "measures", _zip(SHAPE), "massnahmen.xlsx")
    assert "CSV (Text) oder XLSX" in err.value.user_message()


def test_xlsx_formulas_are_read_as_cached_values_never_evaluated(tmp_path: Path) -> None:
    import openpyxl

    from dashboard.ingest.tables import read_table

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Gebiet", "Wert"])
    sheet.append(["Coerde", "=1+1"])
    sheet.append(["Berg Fidel", '=WEBSERVICE("http://example.invalid/")'])
    buffer = io.BytesIO()
    book.save(buffer)
    table = read_table(buffer.getvalue(), "formeln.xlsx")
    # openpyxl stores no cached result: the cells come back empty, the formula never runs
    assert table.rows[1:] == [["Coerde", None], ["Berg Fidel", None]]


def test_upload_names_are_labels_only(
    empty_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    work = tmp_path / "arbeit"
    work.mkdir()
    monkeypatch.chdir(work)
    name = "../../hier/../boese.csv"
    checked = check_file(empty_store, "measures", (ASSETS / "measures_good.csv").read_bytes(), name)
    assert checked.name == name  # kept as the label in the log and the problem list
    assert list(work.iterdir()) == [] and not (tmp_path / "boese.csv").exists()


def test_latin1_geojson_is_named_as_an_encoding_problem() -> None:
    doc = {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {
        "Name": "Münster-Süd"}, "geometry": None}]}  # fmt: skip
    data = json.dumps(doc, ensure_ascii=False).encode("latin-1")
    with pytest.raises(ValidationError) as info:
        check_upload(data, "gebiete.geojson", "areas")
    problem = info.value.problems[0]
    assert "UTF-8" in problem.expected and "CSV" not in problem.found
