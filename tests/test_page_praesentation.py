"""AppTest of the Präsentation page: editor, saving with locking, show view and URL state."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard.auth.roles import User
from dashboard.reports.deck import DeckSpec
from dashboard.store import Store
from dashboard.ui import login, presentation
from tests.conftest import ROOT

PAGE = str(ROOT / "pages" / "praesentation.py")


@pytest.fixture(autouse=True)
def fresh_caches(fresh_caches: None) -> None:
    """Every test starts with empty Streamlit caches."""


@pytest.fixture
def as_editor(monkeypatch: pytest.MonkeyPatch) -> str:
    """A signed-in editor (who may edit is the login module's business, tested there)."""
    monkeypatch.setattr(presentation, "editor", lambda tr: "Kim")
    kim = User("Kim", "Kim", "editor", areas=frozenset({"0"}))
    monkeypatch.setattr(login, "current_user", lambda: kim)  # saving checks the login itself
    return "Kim"


def _run(**query: str) -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=180)
    for key, value in query.items():
        at.query_params[key] = value
    return at.run()


def _button(at: AppTest, key: str):
    return next(b for b in at.button if b.key == key)


def test_editor_lists_the_default_deck(demo_db: Path) -> None:
    at = _run()
    assert not at.exception and not at.error
    assert at.title[0].value == "Präsentation"
    labels = [m.value for m in at.markdown]
    assert "Stadtteil 91 Berg Fidel" in labels and "Karte" in labels
    assert sum(1 for b in at.button if b.key and b.key.startswith("pr.rm.")) == 9
    # saving needs a name of the editor first
    assert _button(at, "pr.save").disabled


def test_move_remove_and_save_then_conflict(demo_db: Path, as_editor: str) -> None:
    at = _run()
    _button(at, "pr.down.0").click().run()
    _button(at, "pr.rm.8").click().run()
    assert sum(1 for b in at.button if b.key and b.key.startswith("pr.rm.")) == 8
    at.text_input(key="pr.name.").set_value("Jahresaustausch")
    _button(at, "pr.save").click().run()
    assert not at.exception
    store = Store(demo_db)
    row = store.deck("Jahresaustausch")
    assert row is not None and row["updated_by"] == "Kim" and row["version"] == 1
    spec = DeckSpec.from_json(str(row["spec"]))
    assert spec.slides[:2] == ("overview", "title") and "outlook" not in spec.slides
    assert at.query_params["deck"] == "Jahresaustausch"
    # someone else saves in between: our next save must not overwrite it
    store.save_deck("Jahresaustausch", spec.to_json(), 1, "Lea")
    _button(at, "pr.save").click().run()
    assert any("inzwischen" in e.value for e in at.error)
    assert store.deck("Jahresaustausch")["updated_by"] == "Lea"


def test_show_view_navigates_with_buttons(demo_db: Path) -> None:
    at = _run(folie="1")
    assert not at.exception and not at.error
    assert _button(at, "pr-back").disabled
    _button(at, "pr-next").click().run()
    assert at.query_params["folie"] == "2"
    assert any("Das Leitbild auf einen Blick" in h.proto.body for h in at.get("html"))
    _button(at, "pr-exit").click().run()
    assert "folie" not in at.query_params and at.title[0].value == "Präsentation"


@pytest.mark.parametrize(("folie", "title"), [("abc", "Kurz"), ("99", "Ausblick")])
def test_bad_slide_numbers_are_clamped(folie: str, title: str, demo_db: Path) -> None:
    store = Store(demo_db)
    store.save_deck("kurz", DeckSpec("Kurz", ("title", "outlook")).to_json(), None, "t")
    at = _run(deck="kurz", folie=folie)
    assert not at.exception
    assert any("class='pr-title" in h.proto.body and title in h.proto.body for h in at.get("html"))


def test_unknown_deck_falls_back_to_the_default(demo_db: Path) -> None:
    at = _run(deck="gibtsnicht")
    assert not at.exception
    assert any("gibtsnicht" in w.value for w in at.warning)
    assert sum(1 for b in at.button if b.key and b.key.startswith("pr.rm.")) == 9


def test_saved_deck_is_shown_from_the_url(demo_db: Path) -> None:
    store = Store(demo_db)
    store.save_deck("kurz", DeckSpec("Kurz", ("title", "outlook")).to_json(), None, "t")
    at = _run(deck="kurz", folie="2")
    assert not at.exception
    assert any("Ausblick" in h.proto.body for h in at.get("html"))
    assert _button(at, "pr-next").disabled


def test_downloads_offer_pptx_and_pdf(demo_db: Path) -> None:
    store = Store(demo_db)
    store.save_deck("kurz", DeckSpec("Kurz", ("title", "outlook")).to_json(), None, "t")
    at = _run(deck="kurz")
    _button(at, "pr.make").click().run()
    assert not at.exception and not at.error
    names = [d.proto.label for d in at.get("download_button")]
    assert names == ["PowerPoint (PPTX)", "PDF"]
