"""AppTest of 'Link kopieren': the short link names the view with its filters, and ?l= opens it."""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import config
from dashboard.store import Store
from dashboard.store.short_links import ShortLinkRepository
from tests.conftest import ROOT

KARTE = str(ROOT / "pages" / "karte.py")


@pytest.fixture(autouse=True)
def fresh_caches(fresh_caches: None) -> None:
    """Every test starts with empty Streamlit caches."""


def short_code(at: AppTest) -> str:
    """The code of the short link the page shows."""
    for block in at.code:
        found = re.search(r"/\?l=([A-Za-z0-9_-]+)$", block.value)
        if found:
            return found.group(1)
    raise AssertionError("no short link on the page")


def test_karte_short_link_restores_its_filters() -> None:
    at = AppTest.from_file(KARTE, default_timeout=60)
    at.query_params["indikator"] = "arbeitslose_je100"
    at.query_params["token"] = "geheim"
    at.run()
    assert not at.exception
    code = short_code(at)
    assert any("<iframe" in c.value and "embed=true" in c.value for c in at.code)
    page, params = ShortLinkRepository(Store(config.db_path())).resolve(code)
    assert page == "karte"
    assert params["indikator"] == ["arbeitslose_je100"]
    assert "token" not in params
    again = AppTest.from_file(KARTE, default_timeout=60)
    again.query_params["indikator"] = "arbeitslose_je100"
    again.query_params["token"] = "geheim"
    assert short_code(again.run()) == code  # same view, same code
