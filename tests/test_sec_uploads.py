"""Issue 20, item 6: uploads need the import role; XLSX measured by streaming; bounded work."""

from __future__ import annotations

import io
import threading
import time
from pathlib import Path

import openpyxl
import pytest
from streamlit.testing.v1 import AppTest

from dashboard.errors import LeitbildError, ValidationError
from dashboard.imports import check_file
from dashboard.ingest import limits
from dashboard.store import Store
from tests.auth_helpers import log_in
from tests.conftest import ASSETS, ROOT

PAGE = str(ROOT / "pages" / "massnahmen.py")


def _uploaders(at: AppTest) -> list[object]:
    return list(at.get("file_uploader"))


def test_anonymous_viewers_get_no_upload(demo_db: Path, fresh_caches: None) -> None:
    at = AppTest.from_file(PAGE, default_timeout=120).run()
    assert not at.exception
    assert _uploaders(at) == []


@pytest.mark.parametrize(("role", "uploads"), [("editor", 0), ("admin", 1)])
def test_only_the_import_role_gets_the_upload(
    demo_db: Path, fresh_caches: None, role: str, uploads: int
) -> None:
    at = AppTest.from_file(PAGE, default_timeout=120)
    log_in(at, f"user_{role}", role, areas=["61"])
    assert not at.exception
    assert len(_uploaders(at)) == uploads


def _workbook(rows: int, columns: int) -> bytes:
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Maßnahmen")
    sheet.append(["title", "status", "fields", *[f"x{i}" for i in range(columns - 3)]])
    for r in range(rows - 1):
        sheet.append([f"M {r}", "geplant", "8.2", *range(columns - 3)])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(("rows", "columns", "what"), [(60, 200, "Zellen"), (300, 3, "Zeilen")])
def test_oversized_workbooks_are_refused_before_the_full_parse(
    demo_store: Store,
    monkeypatch: pytest.MonkeyPatch,
    rows: int,
    columns: int,
    what: str,
) -> None:
    monkeypatch.setenv("LEITBILD_IMPORT_MAX_CELLS", "5000")
    monkeypatch.setenv("LEITBILD_IMPORT_MAX_ROWS", "200")
    opened: list[bool] = []
    original = openpyxl.load_workbook

    def recording(*args: object, **kwargs: object) -> object:
        opened.append(bool(kwargs.get("read_only")))
        return original(*args, **kwargs)

    monkeypatch.setattr(openpyxl, "load_workbook", recording)
    with pytest.raises(ValidationError) as info:
        check_file(demo_store, "measures", _workbook(rows, columns), "gross.xlsx")
    assert what in info.value.user_message() and "gross.xlsx" in info.value.user_message()
    assert opened == []  # refused by the streaming count, before any workbook parser ran


def test_workbooks_within_the_limits_are_read(demo_store: Store) -> None:
    checked = check_file(demo_store, "measures", _workbook(20, 3), "klein.xlsx")
    assert checked.rows == 19 and not checked.errors


def test_problem_lists_stop_with_a_count(demo_store: Store) -> None:
    lines = ["title;status;fields"] + [f"M {i};unbekannt;9.9" for i in range(3000)]
    checked = check_file(demo_store, "measures", "\n".join(lines).encode(), "viele.csv")
    assert len(checked.problems) == limits.MAX_PROBLEMS + 1
    last = checked.problems[-1]
    assert "weitere nicht aufgeführt" in last.found and last.severity == "error"
    assert checked.errors  # still refused


def test_one_file_check_at_a_time(demo_store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(limits, "IMPORT_WAIT_SECONDS", 0.2)
    data = (ASSETS / "measures_good.csv").read_bytes()
    holding, release = threading.Event(), threading.Event()

    def hold() -> None:
        with limits.import_slot():
            holding.set()
            release.wait(10)

    thread = threading.Thread(target=hold)
    thread.start()
    try:
        assert holding.wait(10)
        start = time.perf_counter()
        with pytest.raises(LeitbildError, match="andere Datei"):
            check_file(demo_store, "measures", data, "measures_good.csv")
        assert time.perf_counter() - start < 5
    finally:
        release.set()
        thread.join()
    assert not check_file(demo_store, "measures", data, "measures_good.csv").errors
