"""One entry point for deck exports (CLI and page): spec lookup, rendering, document bytes.

Document formats register a renderer by file extension in ``RENDERERS`` (the built-in PPTX and
PDF ones too, below); the page's buttons and the CLI's ``--out`` accept what is registered.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from dashboard.catalogues import Catalogue
from dashboard.errors import UsageError
from dashboard.reports.deck import DeckSpec, default_deck
from dashboard.reports.deck_builder import build_slides
from dashboard.reports.slide_images import Images, render
from dashboard.reports.slides import DeckData, Slide, load
from dashboard.store import Store

# (slides, rendered figures, document title, language) → the document's bytes
Renderer = Callable[[list[Slide], Images, str, str], bytes]
RENDERERS: dict[str, Renderer] = {}


def register(extension: str, renderer: Renderer) -> None:
    """Offer a document format: ``extension`` without the dot ('pdf'), lower case."""
    RENDERERS[extension.lower().lstrip(".")] = renderer


def _pptx(slides: list[Slide], images: Images, _title: str, lang: str) -> bytes:
    from dashboard.reports.pptx_export import to_pptx  # python-pptx loads only when needed

    return to_pptx(slides, images, lang)


def _pdf(slides: list[Slide], images: Images, title: str, lang: str) -> bytes:
    from dashboard.reports.pdf_export import to_pdf  # reportlab loads only when needed

    return to_pdf(slides, images, title, lang)


register("pptx", _pptx)
register("pdf", _pdf)


def deck_data(store: Any, spec: DeckSpec) -> DeckData:
    """The data the deck's slides read (the released rows it shows only)."""
    return load(store, spec)


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
    """Every registered format of the same slides and images."""
    return {ext: render_doc(slides, images, title, lang) for ext, render_doc in RENDERERS.items()}


def export(
    data: DeckData, spec: DeckSpec, fmt: str, lang: str = "de", store: Store | None = None
) -> bytes:
    """One document of a registered format ('pptx', 'pdf'); each figure is rendered once
    (``store``: with the provenance of the values and the local notes on the slides)."""
    renderer = RENDERERS.get(fmt.lower().lstrip("."))
    if renderer is None:
        known = ", ".join(f".{ext}" for ext in RENDERERS)
        raise UsageError(f"Format {fmt!r} gibt es nicht (möglich: {known}).")
    slides = build_slides(data, spec, lang)
    if store is not None:
        from dashboard.reports.slide_provenance import annotate

        annotate(slides, store, data.catalogue, data.values, lang, spec.period)
    return renderer(slides, render(slides), spec.title, lang)
