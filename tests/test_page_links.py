"""AppTest of 'Link kopieren': the short link names the view with its filters, and ?l= opens it."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard import config
from dashboard.reports.deck import DeckSpec
from dashboard.store import Store
from dashboard.store.short_links import ShortLinkRepository
from dashboard.ui import share
from tests.auth_helpers import log_in
from tests.conftest import ROOT

KARTE = str(ROOT / "pages" / "karte.py")


@pytest.fixture(autouse=True)
def fresh_caches(fresh_caches: None) -> None:
    """Every test starts with empty Streamlit caches."""


def short_code(at: AppTest, page: str) -> str:
    """The code of the short link the page shows once its share box is opened."""
    assert not at.code  # closed, the box holds nothing (and wrote no short link)
    at.session_state[share.share_key(page)] = True  # what a click on the expander does
    at.run()
    for block in at.code:
        found = re.search(r"/\?l=([A-Za-z0-9_-]+)$", block.value)
        if found:
            return found.group(1)
    raise AssertionError("no short link on the page")


def test_karte_short_link_restores_its_filters(monkeypatch: pytest.MonkeyPatch) -> None:
    made: list[str] = []
    code_for = ShortLinkRepository.code_for
    monkeypatch.setattr(
        ShortLinkRepository,
        "code_for",
        lambda self, page, p: made.append(page) or code_for(self, page, p),
    )
    at = AppTest.from_file(KARTE, default_timeout=60)
    at.query_params["indikator"] = "arbeitslose_je100"
    at.query_params["token"] = "geheim"
    at.run()
    assert not at.exception
    assert made == []  # the closed box asks the database for nothing
    code = short_code(at, "karte")
    assert made == ["karte"]
    assert any("<iframe" in c.value and "embed=true" in c.value for c in at.code)
    page, params = ShortLinkRepository(Store(config.db_path())).resolve(code)
    assert page == "karte"
    assert params["indikator"] == ["arbeitslose_je100"]
    assert "token" not in params
    again = AppTest.from_file(KARTE, default_timeout=60)
    again.query_params["indikator"] = "arbeitslose_je100"
    again.query_params["token"] = "geheim"
    assert short_code(again.run(), "karte") == code  # same view, same code


# --- every page: its URL restores the view (filters included) and it offers the short link ---
# (page script, URL parameters, {(widget kind, key): value the widget must show}, login role)
VIEWS = [
    ("start.py", {"stadtteil": "61"}, {("selectbox", "start_district"): "61"}, None),
    (
        "karte.py",
        {"indikator": "sgb2_quote", "klassen": "equal", "beschriftung": "nein"},
        {("selectbox", "karte_indikator"): "sgb2_quote", ("selectbox", "karte_klassen"): "equal",
         ("toggle", "karte_beschriftung"): False},
        None,
    ),
    (
        "stadtteil.py",
        {"stadtteil": "61", "vergleich": "11"},
        {("selectbox", "st_district"): "61", ("multiselect", "st_compare"): ["11"]},
        None,
    ),
    (
        "ziele.py",
        {"feld": "7.1", "gebiet": "61", "ohne_ziel": "0"},
        {("selectbox", "feld"): "7.1", ("selectbox", "gebiet"): "61",
         ("toggle", "ohne_ziel"): False},
        None,
    ),
    (
        "handlungsfelder.py",
        {"gebiet": "91", "feld": "6.3", "hinweise": "1"},
        {("selectbox", "gebiet"): "91", ("selectbox", "feld"): "6.3",
         ("toggle", "hinweise"): True},
        None,
    ),
    (
        "indikator.py",
        {"id": "arbeitslose_je100", "stadtteil": "61"},
        {("selectbox", "ind_id"): "arbeitslose_je100", ("selectbox", "ind_district"): "61"},
        None,
    ),
    (
        "massnahmen.py",
        {"status": "laufend", "suche": "Kita"},
        {("multiselect", "mn.f.status"): ["laufend"], ("text_input", "mn.q"): "Kita"},
        None,
    ),
    ("praesentation.py", {"deck": "kurz"}, {("selectbox", "pr.deck.kurz"): "kurz"}, None),
    (
        "review.py",
        {"zeitraum": "2026-05-01,2026-05-31", "tage": "14"},
        {("date_input", "rv.window"): (dt.date(2026, 5, 1), dt.date(2026, 5, 31)),
         ("number_input", "rv.days"): 14},
        None,
    ),
    ("daten.py", {"art": "measures"}, {("selectbox", "dt_kind"): "measures"}, "steward"),
]  # fmt: skip


def first(value: object) -> object:
    """One URL value as the page wrote it (AppTest lists repeated ones)."""
    return value[0] if isinstance(value, list) and len(value) == 1 else value


@pytest.mark.parametrize(("script", "query", "shown", "role"), VIEWS, ids=[v[0] for v in VIEWS])
def test_every_page_restores_its_view_from_the_url_and_offers_a_short_link(
    script: str,
    query: dict[str, str],
    shown: dict[tuple[str, str], object],
    role: str | None,
    demo_db: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("LEITBILD_TODAY", "2026-06-15")
    deck = DeckSpec("Kurz", ("title", "outlook")).to_json()
    Store(demo_db).save_deck("kurz", deck, None, "t")  # the presentation page opens a saved deck
    at = AppTest.from_file(str(ROOT / "pages" / script), default_timeout=120)
    for key, value in query.items():
        at.query_params[key] = value
    at = log_in(at, "Bea", role) if role else at.run()
    assert not at.exception, [e.stack_trace for e in at.exception]
    for (kind, key), value in shown.items():
        assert at.get(kind)  # the widget is on the page
        widget = next(w for w in at.get(kind) if w.key == key)
        assert widget.value == value, (kind, key)
    # the page writes its view back: the URL still names every filter it was opened with
    assert {k: first(at.query_params.get(k)) for k in query} == query
    links = ShortLinkRepository(Store(config.db_path()))
    page, params = links.resolve(short_code(at, script.removesuffix(".py")))
    assert page == script.removesuffix(".py")
    assert {k: v[0] for k, v in params.items() if k in query} == query


def test_a_choice_survives_a_visit_to_another_page(demo_db: Path) -> None:
    at = AppTest.from_file(str(ROOT / "dashboard" / "app.py"), default_timeout=120).run()
    at.switch_page("../pages/ziele.py").run()
    at.selectbox(key="feld").select("7.1").run()
    assert first(at.query_params["feld"]) == "7.1"
    at.query_params.clear()  # the navigation's links carry no parameters
    at.switch_page("../pages/karte.py").run()
    assert "feld" not in at.query_params
    at.query_params.clear()
    at.switch_page("../pages/ziele.py").run()
    assert not at.exception
    assert at.selectbox(key="feld").value == "7.1"
    assert first(at.query_params["feld"]) == "7.1"
