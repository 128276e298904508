"""Builders of the slides about areas: one Stadtteil, and the map of all Stadtteile."""

from __future__ import annotations

from dashboard.analysis import district_facts, profile
from dashboard.analysis.gaps import CITY
from dashboard.domain import measures as measure_status
from dashboard.present import profile_charts
from dashboard.present.format import fmt_number
from dashboard.reports import slide_figures as sf
from dashboard.reports.deck import DeckSpec, SlideRef
from dashboard.reports.slides import (
    Context,
    KeyFigure,
    Slide,
    SlideFigure,
    area_name,
    is_value,
    measure_lines,
    value_text,
)


def district_slide(ctx: Context, spec: DeckSpec, ref: SlideRef) -> Slide | None:
    """One Stadtteil: residents, share with migration history vs the city, trend, measures."""
    tr, code, lang = ctx.tr, str(ref.ref), ctx.lang
    name = area_name(ctx.data.catalogue, code)
    if not name:
        return None
    roles = ctx.data.catalogue.key_indicators()  # population and headline share
    facts = district_facts.key_facts(ctx.values, code, roles, ctx.period)
    city = district_facts.key_facts(ctx.values, CITY, roles, ctx.period)
    key_figures = []
    pop, pop_period, _ = facts["population"]
    if pop_period is not None:
        key_figures.append(
            KeyFigure(tr("pr.kf.population"), fmt_number(pop, 0, lang), str(pop_period))
        )
    share, share_period, share_flag = facts["headline_share"]
    if share_period is not None:
        shown = (
            tr("pr.hidden")
            if share_flag == "secret" or not is_value(share)
            else fmt_number(share, 1, lang) + " %"
        )
        ref_value = city["headline_share"][0]
        note = f"{share_period} · " + tr(
            "pr.kf.city_ref", value=fmt_number(ref_value, 1, lang) + " %"
        )
        key_figures.append(KeyFigure(tr("pr.kf.share_mv"), shown, note))
    local, _citywide = district_facts.district_measures(ctx.data.measures, code)
    running = int((local["status"] == measure_status.RUNNING).sum()) if len(local) else 0
    key_figures.append(
        KeyFigure(
            tr("pr.kf.local_measures"),
            fmt_number(len(local), 0, lang),
            tr("pr.kf.running", n=running),
        )
    )
    figures = []
    series = profile.trend_series(ctx.values, ctx.data.catalogue.indicators,
                                  roles["headline_share"], [code, CITY])  # fmt: skip
    if series["value"].notna().any():
        names = {code: name, CITY: area_name(ctx.data.catalogue, CITY) or "Stadt"}
        fig = profile_charts.trend_chart(series, names, "%", 1, lang)
        fig.update_layout(height=None, hovermode="closest")
        fig.update_yaxes(title={"text": ""}, automargin=True)
        fig.update_layout(margin={"l": 20, "r": 20, "t": 20, "b": 20})
        figures.append(SlideFigure("trend", sf.for_room(fig, lang), 860, 460))
    return Slide(
        kind=ref.kind,
        ref=code,
        title=tr("pr.t.district", name=name),
        explanation=tr("pr.t.district.explain"),
        key_figures=key_figures,
        bullets=measure_lines(ctx, local),
        figures=figures,
        method=tr("pr.m.district"),
    )


def map_slide(ctx: Context, spec: DeckSpec, ref: SlideRef) -> Slide | None:
    """The share with migration history by Stadtteil (official shapes, else the tile map)."""
    from dashboard.reports.map_figure import district_map

    tr, lang = ctx.tr, ctx.lang
    ind = ctx.labels["indicator"].get(ctx.data.catalogue.key_indicator("headline_share"))
    if ind is None:
        return None
    result = district_map(ctx.data, ctx.values, ind, ctx.period, lang, spec.districts)
    if result is None:
        return None
    fig, table, city, tiles = result
    present = table.dropna(subset=["value"])
    key_figures = [KeyFigure(tr("pr.kf.city"), value_text(city, ind, lang, tr))]
    if len(present):
        high = present.loc[present["value"].idxmax()]
        low = present.loc[present["value"].idxmin()]
        key_figures += [
            KeyFigure(tr("pr.kf.highest"), value_text(high["value"], ind, lang, tr), high["name"]),
            KeyFigure(tr("pr.kf.lowest"), value_text(low["value"], ind, lang, tr), low["name"]),
        ]
    method = tr("pr.m.map") + (" " + tr("pr.m.map.tiles") if tiles else "")
    return Slide(
        kind=ref.kind,
        ref=None,
        title=tr("pr.t.map", indicator=ind["short"]),
        explanation=tr("pr.t.map.explain"),
        key_figures=key_figures,
        figures=[SlideFigure("map", sf.for_room(fig, lang), 900, 600)],
        method=method,
    )
