"""What a presentation deck holds: title, period, districts and the ordered slides (pure).

A slide is named by a token: ``title``, ``overview`` (the Leitbild at a glance), ``field:7.1``
(one field of action), ``district:91`` (one Stadtteil), ``map`` and ``outlook``. The spec is
stored as JSON in the database (see Store.save_deck) and turned into slide content by
dashboard.reports.deck_builder, so the page, the PPTX and the PDF always show the same.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from dashboard.catalogues import Catalogue
from dashboard.errors import LeitbildError

PLAIN_KINDS = ("title", "overview", "map", "outlook")
REF_KINDS = ("field", "district")
DEFAULT_TITLE = "Migrationsleitbild Münster – Stand der Umsetzung"
MAX_SLIDES = 40
MAX_TITLE = 120
MAX_NAME = 60
FIRST_PERIOD, LAST_PERIOD = 1990, 2100
FORMAT_VERSION = 1


@dataclass(frozen=True)
class SlideRef:
    """One slide of a deck: its kind and, for fields and districts, what it shows."""

    kind: str
    ref: str | None = None

    @property
    def token(self) -> str:
        """The slide as stored: 'map' or 'field:7.1'."""
        return self.kind if self.ref is None else f"{self.kind}:{self.ref}"

    @classmethod
    def parse(cls, token: str) -> SlideRef:
        """'district:91' → SlideRef('district', '91')."""
        kind, _, ref = str(token).partition(":")
        return cls(kind, ref or None)


@dataclass(frozen=True)
class DeckSpec:
    """A deck: title, data period (None = latest), the districts chosen, and the slides."""

    title: str
    slides: tuple[str, ...]
    period: int | None = None
    districts: tuple[str, ...] = field(default_factory=tuple)

    def refs(self) -> list[SlideRef]:
        """The slides as parsed references, in order."""
        return [SlideRef.parse(s) for s in self.slides]

    def problems(self, catalogue: Catalogue | None = None) -> list[str]:
        """Everything wrong with the spec (empty when valid); with a catalogue, refs checked."""
        found: list[str] = []
        if not self.title.strip():
            found.append("Der Titel fehlt.")
        if len(self.title) > MAX_TITLE:
            found.append(f"Der Titel ist länger als {MAX_TITLE} Zeichen.")
        if not self.slides:
            found.append("Die Präsentation hat keine Folien.")
        if len(self.slides) > MAX_SLIDES:
            found.append(f"Mehr als {MAX_SLIDES} Folien.")
        if self.period is not None and not FIRST_PERIOD <= self.period <= LAST_PERIOD:
            found.append(f"Das Jahr {self.period} liegt nicht zwischen 1990 und 2100.")
        fields = set(catalogue.frames["field"]["id"]) if catalogue is not None else None
        districts = _district_codes(catalogue) if catalogue is not None else None
        for ref in self.refs():
            found += _slide_problems(ref, fields, districts)
        if districts is not None:
            found += [f"Unbekannter Stadtteil {c}." for c in self.districts if c not in districts]
        return found

    def validated(self, catalogue: Catalogue | None = None) -> DeckSpec:
        """The spec itself, or a LeitbildError listing every problem."""
        found = self.problems(catalogue)
        if found:
            raise LeitbildError("Die Präsentation ist ungültig: " + " ".join(found))
        return self

    def to_json(self) -> str:
        """The spec as JSON text (stored in the database)."""
        return json.dumps(
            {
                "format": FORMAT_VERSION,
                "title": self.title,
                "period": self.period,
                "districts": list(self.districts),
                "slides": list(self.slides),
            },
            ensure_ascii=False,
        )

    @classmethod
    def from_json(cls, text: str) -> DeckSpec:
        """Parse stored JSON; a LeitbildError (not a traceback) when it is not a deck."""
        try:
            raw = json.loads(text)
            if not isinstance(raw, dict):
                raise TypeError("not an object")
            period = raw.get("period")
            return cls(
                title=str(raw.get("title", "")),
                slides=tuple(str(s) for s in raw.get("slides", [])),
                period=None if period is None else int(period),
                districts=tuple(str(c) for c in raw.get("districts", [])),
            )
        except (ValueError, TypeError, AttributeError) as exc:
            raise LeitbildError(f"Die gespeicherte Präsentation ist beschädigt: {exc}") from exc

    def with_districts(self, codes: list[str]) -> DeckSpec:
        """Same deck with other districts: their slides replace the old district slides.

        The district slides keep their place (where the first one was, or before the map).
        """
        slides = list(self.slides)
        first = next((i for i, s in enumerate(slides) if s.startswith("district:")), None)
        kept = [s for s in slides if not s.startswith("district:")]
        if first is None:
            first = kept.index("map") if "map" in kept else len(kept)
        else:
            first = len([s for s in slides[:first] if not s.startswith("district:")])
        new = [f"district:{c}" for c in codes]
        return DeckSpec(
            self.title, tuple(kept[:first] + new + kept[first:]), self.period, tuple(codes)
        )


def _district_codes(catalogue: Catalogue) -> set[str]:
    areas = catalogue.areas
    return set(areas.loc[areas["level"] == "stadtteil", "code"])


def _slide_problems(ref: SlideRef, fields: set[str] | None, districts: set[str] | None) -> list:
    if ref.kind in PLAIN_KINDS:
        return [] if ref.ref is None else [f"Folie „{ref.token}“ erwartet keinen Zusatz."]
    if ref.kind not in REF_KINDS:
        return [f"Unbekannte Folienart „{ref.kind}“."]
    if ref.ref is None:
        return [f"Folie „{ref.kind}“ braucht ein Handlungsfeld bzw. einen Stadtteil."]
    known = fields if ref.kind == "field" else districts
    if known is not None and ref.ref not in known:
        what = "Unbekanntes Handlungsfeld" if ref.kind == "field" else "Unbekannter Stadtteil"
        return [f"{what} {ref.ref}."]
    return []


def valid_name(name: str) -> str:
    """A deck name as stored (trimmed), or a LeitbildError when empty or too long."""
    text = " ".join(str(name).split())
    if not text:
        raise LeitbildError("Bitte einen Namen für die Präsentation angeben.")
    if len(text) > MAX_NAME:
        raise LeitbildError(f"Der Name ist länger als {MAX_NAME} Zeichen.")
    return text


def default_districts(catalogue: Catalogue) -> tuple[str, ...]:
    """The districts of the default deck (the catalogue's ``deck_districts``)."""
    return catalogue.focus_districts("deck_districts")


def default_deck(catalogue: Catalogue) -> DeckSpec:
    """Title, Leitbild at a glance, the focus fields and districts, map, outlook."""
    districts = default_districts(catalogue)
    slides = [
        "title",
        "overview",
        *(f"field:{f}" for f in catalogue.focus_fields()),
        *(f"district:{c}" for c in districts),
        "map",
        "outlook",
    ]
    return DeckSpec(DEFAULT_TITLE, tuple(slides), None, districts)
