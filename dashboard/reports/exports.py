"""One entry point for deck exports (CLI and page): spec lookup, rendering, PPTX/PDF bytes."""

from __future__ import annotations

from typing import Any

from dashboard.catalogues import Catalogue
from dashboard.errors import UsageError
from dashboard.reports.deck import DeckSpec, default_deck
from dashboard.reports.slide_images import Images, render
from dashboard.reports.slides import DeckData, Slide, build_slides, load
from dashboard.store import Store


def deck_data(store: Any) -> DeckData:
    """The data every slide reads (released values only)."""
    return load(store)


def saved_or_default(store: Any, catalogue: Catalogue, name: str | None) -> DeckSpec:
    """The saved deck of that name (validated), or the default deck when no name is given."""
    if name is None:
        return default_deck(catalogue)
    row = store.deck(name)
    if row is None:
        known = ", ".join(store.decks()["name"]) or "keine"
        raise UsageError(f"Eine Präsentation „{name}“ gibt es nicht (gespeichert: {known}).")
    return DeckSpec.from_json(str(row["spec"])).validated(catalogue)


def documents(slides: list[Slide], images: Images, title: str, lang: str) -> dict[str, bytes]:
    """PPTX and PDF of the same slides and images."""
    from dashboard.reports.pdf_export import to_pdf
    from dashboard.reports.pptx_export import to_pptx

    return {"pptx": to_pptx(slides, images, lang), "pdf": to_pdf(slides, images, title, lang)}


def export(
    data: DeckData, spec: DeckSpec, fmt: str, lang: str = "de", store: Store | None = None
) -> bytes:
    """One document ('pptx' or 'pdf'); each figure is rendered once (``store``: with the
    provenance of the values and the local notes on the slides)."""
    slides = build_slides(data, spec, lang)
    if store is not None:
        from dashboard.reports.slide_provenance import annotate

        annotate(slides, store, data.catalogue, data.values, lang, spec.period)
    images = render(slides)
    if fmt == "pptx":
        from dashboard.reports.pptx_export import to_pptx

        return to_pptx(slides, images, lang)
    from dashboard.reports.pdf_export import to_pdf

    return to_pdf(slides, images, spec.title, lang)
