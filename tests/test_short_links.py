"""Short links: same view, same code; only whitelisted parameters; unknown codes resolve to None."""

from __future__ import annotations

import pytest

from dashboard.store import Store
from dashboard.store.short_links import ShortLinkRepository, canonical


def test_same_view_gets_the_same_code_and_restores_it(empty_store: Store) -> None:
    repo = ShortLinkRepository(empty_store)
    params = {"indikator": "anteil_mv", "periode": "2024", "token": "geheim"}
    code = repo.code_for("karte", params)
    assert len(code) >= 12
    assert repo.code_for("karte", {"periode": "2024", "indikator": "anteil_mv"}) == code
    assert repo.code_for("karte", {"indikator": "arbeitslose_je100"}) != code
    assert repo.resolve(code) == ("karte", {"indikator": ["anteil_mv"], "periode": ["2024"]})


def test_repeated_values_and_unknown_codes(empty_store: Store) -> None:
    repo = ShortLinkRepository(empty_store)
    code = repo.code_for("stadtteil", {"stadtteil": "61", "vergleich": ["11", "12"]})
    assert repo.resolve(code) == ("stadtteil", {"stadtteil": ["61"], "vergleich": ["11", "12"]})
    assert repo.resolve("nichtda") is None
    assert repo.resolve("") is None
    assert repo.resolve("x" * 100) is None


def test_unknown_page_and_overlong_query_are_refused() -> None:
    with pytest.raises(ValueError):
        canonical("admin", {})
    with pytest.raises(ValueError):
        canonical("karte", {"suche": "x" * 3000})
    assert canonical("karte", {"zzz": "1", "lang": "en"}) == "lang=en"


def test_a_known_view_is_read_without_a_write(empty_store: Store, monkeypatch) -> None:
    """Every page run shows its link: a view seen before must not take the write lock."""
    repo = ShortLinkRepository(empty_store)
    code = repo.code_for("ziele", {"gebiet": "61"})

    def no_write(*args: object, **kwargs: object) -> None:
        raise AssertionError("a known view opened a write transaction")

    monkeypatch.setattr(empty_store, "transaction", no_write)
    assert repo.code_for("ziele", {"gebiet": "61"}) == code
    with pytest.raises(AssertionError):  # a new view still writes
        repo.code_for("ziele", {"gebiet": "91"})
