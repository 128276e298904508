"""Deck model: validation, JSON round trip, the default deck, and the store's deck table."""

from __future__ import annotations

import pytest

from dashboard.catalogues import Catalogue
from dashboard.errors import ConflictError, LeitbildError
from dashboard.reports.deck import DeckSpec, SlideRef, default_deck, valid_name
from dashboard.store import Store

GOOD = DeckSpec("Titel", ("title", "field:7.1", "district:91", "map"), 2024, ("91",))


def test_default_deck_has_the_slides_the_issue_names(catalogue: Catalogue) -> None:
    spec = default_deck(catalogue)
    assert spec.slides == (
        "title", "overview", "field:7.1", "field:7.2", "field:7.3", "district:91",
        "district:61", "map", "outlook",
    )  # fmt: skip
    assert spec.districts == ("91", "61") and spec.period is None
    assert spec.problems(catalogue) == []


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        (GOOD, []),
        (DeckSpec(" ", ("title",)), ["Der Titel fehlt."]),
        (DeckSpec("T", ()), ["Die Präsentation hat keine Folien."]),
        (DeckSpec("T", ("title",), 1850), ["Das Jahr 1850 liegt nicht zwischen 1990 und 2100."]),
        (DeckSpec("T", ("quiz",)), ["Unbekannte Folienart „quiz“."]),
        (DeckSpec("T", ("map:3",)), ["Folie „map:3“ erwartet keinen Zusatz."]),
        (DeckSpec("T", ("field",)), ["Folie „field“ braucht ein Handlungsfeld bzw. einen "
                                     "Stadtteil."]),
        (DeckSpec("T", ("field:9.9",)), ["Unbekanntes Handlungsfeld 9.9."]),
        (DeckSpec("T", ("district:B1",), None, ("B1",)),
         ["Unbekannter Stadtteil B1.", "Unbekannter Stadtteil B1."]),
        (DeckSpec("x" * 121, ("title",) * 41), ["Der Titel ist länger als 120 Zeichen.",
                                                "Mehr als 40 Folien."]),
    ],
)  # fmt: skip
def test_problems_lists_everything_wrong(
    spec: DeckSpec, expected: list[str], catalogue: Catalogue
) -> None:
    assert spec.problems(catalogue) == expected


def test_validated_raises_a_user_error(catalogue: Catalogue) -> None:
    with pytest.raises(LeitbildError, match="Unbekannte Folienart"):
        DeckSpec("T", ("quiz",)).validated(catalogue)
    assert GOOD.validated(catalogue) is GOOD


def test_json_round_trip() -> None:
    assert DeckSpec.from_json(GOOD.to_json()) == GOOD
    assert DeckSpec.from_json(DeckSpec("T", ("title",)).to_json()).period is None


@pytest.mark.parametrize("text", ["", "[1, 2]", '{"period": "zwei"}', "null"])
def test_broken_json_is_a_user_error(text: str) -> None:
    with pytest.raises(LeitbildError, match="beschädigt"):
        DeckSpec.from_json(text)


@pytest.mark.parametrize(
    ("slides", "codes", "expected"),
    [
        (("title", "district:91", "district:61", "map"), ["45"],
         ("title", "district:45", "map")),
        (("title", "map", "outlook"), ["91"], ("title", "district:91", "map", "outlook")),
        (("title", "outlook"), ["91"], ("title", "outlook", "district:91")),
        (("title", "district:91", "map"), [], ("title", "map")),
    ],
)  # fmt: skip
def test_with_districts_replaces_district_slides_in_place(
    slides: tuple[str, ...], codes: list[str], expected: tuple[str, ...]
) -> None:
    spec = DeckSpec("T", slides).with_districts(codes)
    assert spec.slides == expected and spec.districts == tuple(codes)


def test_slide_ref_tokens() -> None:
    assert SlideRef.parse("district:91") == SlideRef("district", "91")
    assert SlideRef.parse("map") == SlideRef("map")
    assert SlideRef("field", "7.1").token == "field:7.1"


@pytest.mark.parametrize(("raw", "name"), [("  Jahresaustausch   2026 ", "Jahresaustausch 2026")])
def test_valid_name(raw: str, name: str) -> None:
    assert valid_name(raw) == name
    for bad in ("", "   ", "x" * 61):
        with pytest.raises(LeitbildError):
            valid_name(bad)


def test_store_saves_decks_with_optimistic_locking(empty_store: Store) -> None:
    store = empty_store
    assert store.decks().empty and store.deck("A") is None
    assert store.save_deck("A", GOOD.to_json(), None, "kim") == 1
    with pytest.raises(ConflictError, match="gibt es schon"):
        store.save_deck("A", GOOD.to_json(), None, "lea")
    assert store.save_deck("A", "{}", 1, "lea") == 2
    with pytest.raises(ConflictError, match="inzwischen"):
        store.save_deck("A", GOOD.to_json(), 1, "kim")
    row = store.deck("A")
    assert row is not None and row["spec"] == "{}" and row["updated_by"] == "lea"
    store.save_deck("b", "{}", None, "kim")
    assert list(store.decks()["name"]) == ["A", "b"]
    assert store.delete_deck("A") and not store.delete_deck("A")
    assert list(store.decks()["name"]) == ["b"]
