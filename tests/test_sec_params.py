"""Issue 20, item 11: URL parameters that become numbers are parsed with one strict pattern."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.ids import parse_id
from tests.conftest import ROOT

APP = str(ROOT / "dashboard" / "app.py")


@pytest.mark.parametrize(
    "raw",
    ["²", "¹²", "١٢", "１２", " 12", "12 ", "1_2", "+3", "-3", "", None, "1e3", "0x1", "9" * 19],
)
def test_parse_id_refuses_everything_but_plain_ascii_digits(raw: str | None) -> None:
    assert parse_id(raw) is None


@pytest.mark.parametrize(("raw", "value"), [("0", 0), ("7", 7), ("0042", 42), ("2014", 2014)])
def test_parse_id_reads_plain_digits(raw: str, value: int) -> None:
    assert parse_id(raw) == value


@pytest.mark.parametrize(
    ("page", "param"),
    [("massnahmen.py", "id"), ("stadtteil.py", "periode"), ("praesentation.py", "folie")],
)
def test_superscript_digit_in_the_url_is_no_error(
    demo_db: Path, fresh_caches: None, page: str, param: str
) -> None:
    at = AppTest.from_file(APP, default_timeout=180)
    at.query_params[param] = "²"
    at.switch_page(str(ROOT / "pages" / page))
    at.run()
    assert not at.exception, [e.value for e in at.exception]
