"""A deck's slides from its spec: the shared context once, then one builder per slide kind."""

from __future__ import annotations

from collections.abc import Callable

from dashboard.catalogues import Catalogue, display_labels
from dashboard.exports import data_status
from dashboard.present.i18n import t
from dashboard.reports import area_slides, city_slides
from dashboard.reports.deck import DeckSpec, SlideRef
from dashboard.reports.slides import (
    LEITBILD_END,
    Context,
    DeckData,
    Slide,
    Tr,
    area_name,
    assessments,
    field_short,
    latest_period,
)


def _context(data: DeckData, spec: DeckSpec, lang: str) -> Context:
    """The period, the released values up to it and their assessments, in the language."""
    tr: Tr = lambda key, **v: t(key, lang, **v)  # noqa: E731
    newest = latest_period(data.values)
    period = spec.period if spec.period is not None else newest
    if period is None:
        period = LEITBILD_END - 5
    values = data.values[data.values["period"] <= period]
    footer = tr("pr.footer", period=period, status=tr(f"pr.status.{data_status(data.summary)}"))
    return Context(
        data,
        period,
        values,
        assessments(data, values),
        display_labels(data.catalogue),
        lang,
        tr,
        footer,
    )


def build_slides(data: DeckData, spec: DeckSpec, lang: str = "de") -> list[Slide]:
    """Content of every slide of the deck, in order (unknown refs are left out)."""
    ctx = _context(data, spec, lang)
    slides = []
    for ref in spec.refs():
        builder = BUILDERS.get(ref.kind)
        slide = builder(ctx, spec, ref) if builder else None
        if slide is not None:
            slide.footer, slide.data_status = ctx.footer, data_status(ctx.data.summary)
            slides.append(slide)
    return slides


def slide_label(ref: SlideRef, catalogue: Catalogue, lang: str = "de") -> str:
    """Name of a slide in the editor: 'Handlungsfeld 7.1 Arbeit …', 'Stadtteil 91 Berg Fidel'."""
    if ref.kind == "field":
        short = field_short(catalogue, ref.ref)
        return f"{t('pr.kind.field', lang, ref=ref.ref)} {short}".strip()
    if ref.kind == "district":
        name = area_name(catalogue, ref.ref)
        return t("pr.kind.district", lang, ref=f"{ref.ref} {name}".strip())
    return t(f"pr.kind.{ref.kind}", lang)


BUILDERS: dict[str, Callable[[Context, DeckSpec, SlideRef], Slide | None]] = {
    "title": city_slides.title_slide,
    "overview": city_slides.overview_slide,
    "field": city_slides.field_slide,
    "district": area_slides.district_slide,
    "map": area_slides.map_slide,
    "outlook": city_slides.outlook_slide,
}
