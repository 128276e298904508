"""Slide content from live data: one neutral object per slide for the page, PPTX and PDF.

Every number comes from released observations (dashboard.readmodel, suppression applied), the
stored measures and targets, and the analysis modules; nothing here imports streamlit (the map
slide uses the Karte page's view model, dashboard.services.map_view).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from dashboard.analysis import gaps, goal_rollup, profile, progress
from dashboard.analysis.gaps import CITY
from dashboard.catalogues import Catalogue, display_labels
from dashboard.exports import data_status
from dashboard.present import (
    profile_charts,
)
from dashboard.present import progress_charts as pc
from dashboard.present.format import fmt_number
from dashboard.present.i18n import t
from dashboard.reports import slide_figures as sf
from dashboard.reports.deck import DeckSpec, SlideRef

Tr = Callable[..., str]
IMPLICIT_LEVELS = ("stadt", "stadtbezirk", "stadtteil")
CHANGE_YEARS = 5
MAX_KEY_INDICATORS = 2  # beside the field's status: three figures a row hold 18 pt labels
MAX_LIST = 3  # list items per slide: at 18 pt more do not fit beside a chart
MAX_NAMED_GOALS = 4  # goals named on the outlook slide (the rest are counted)
TARGET_CHART_PX = (922, 432)  # the chart box beside the list on a 1920 px wide slide
LABEL_CHARS = 34  # a progress bar's label wraps after this many characters
MAX_TARGET_BARS = 4  # progress bars on a field slide (more do not fit at 20 px)
TILE_CHARS = 18  # a field's number and short name wrap after this many characters
LEITBILD_END = 2030


@dataclass(frozen=True)
class KeyFigure:
    """One big number with its label and a small note ('Stadt: 21,7 %')."""

    label: str
    value: str
    note: str = ""


@dataclass
class SlideFigure:
    """A plotly figure with the size it is drawn at in documents (CSS pixels)."""

    name: str
    figure: go.Figure
    width: int = 1100
    height: int = 520


@dataclass
class Slide:
    """Neutral content of one slide: the same object feeds the page, the PPTX and the PDF."""

    kind: str
    ref: str | None
    title: str
    explanation: str
    key_figures: list[KeyFigure] = field(default_factory=list)
    bullets: list[str] = field(default_factory=list)
    figures: list[SlideFigure] = field(default_factory=list)
    method: str = ""
    footer: str = ""
    subtitle: str = ""
    data_status: str = "real"  # demo | mixed | real | empty: documents mark demo data
    provenance_notes: list[str] = field(default_factory=list)  # origin and local notes


@dataclass
class DeckData:
    """Everything the slides read, loaded once: catalogue, released values, measures, targets."""

    catalogue: Catalogue
    values: pd.DataFrame
    measures: pd.DataFrame
    targets: pd.DataFrame
    summary: dict[str, Any]
    geometry: dict[str, pd.DataFrame]


def load(store: Any) -> DeckData:
    """Read the deck's data from a Store (CLI); pages build DeckData from their cached data."""
    from dashboard.imports import store_catalogue
    from dashboard.readmodel import released_observations

    catalogue = store_catalogue(store)
    layers = store.geometry_layers()
    return DeckData(
        catalogue=catalogue,
        values=released_observations(store, catalogue),
        measures=store.measures(),
        targets=store.targets(),
        summary=store.summary(),
        geometry={layer: store.geometry(layer) for layer in layers},
    )


# --- shared context -----------------------------------------------------------------------------
@dataclass
class _Context:
    data: DeckData
    period: int
    values: pd.DataFrame  # released values up to the period
    assessments: pd.DataFrame
    labels: dict[str, dict[str, Any]]
    lang: str
    tr: Tr
    footer: str
    rollups: dict[str, pd.DataFrame] = field(default_factory=dict)

    def rollup(self, area: str) -> pd.DataFrame:
        """The goal roll-up of one area (computed once)."""
        if area not in self.rollups:
            f = self.data.catalogue.frames
            self.rollups[area] = goal_rollup.rollup(
                self.assessments,
                f["goal"],
                f["goal_support"],
                f["goal_indicator"],
                f["field"],
                self.data.measures,
                area,
            )
        return self.rollups[area]


def latest_period(values: pd.DataFrame) -> int | None:
    """Newest period with any released value."""
    present = values.dropna(subset=["value"])
    return int(present["period"].max()) if len(present) else None


def assessments(data: DeckData, values: pd.DataFrame) -> pd.DataFrame:
    """Every target and implicit direction assessment, as on the goal pages."""
    catalogue = data.catalogue
    explicit = gaps.expand_targets(data.targets, catalogue.areas)
    implicit = gaps.implicit_targets(
        catalogue.indicators, explicit, catalogue.areas, IMPLICIT_LEVELS
    )
    items = pd.concat([explicit, implicit], ignore_index=True) if len(implicit) else explicit
    result = progress.assess_targets(
        items, values, catalogue.indicators, catalogue.areas, "destatis", progress.settings()
    )
    return result[~(result["implicit"] & (result["n_points"] == 0))].reset_index(drop=True)


def _context(data: DeckData, spec: DeckSpec, lang: str) -> _Context:
    tr: Tr = lambda key, **v: t(key, lang, **v)  # noqa: E731
    newest = latest_period(data.values)
    period = spec.period if spec.period is not None else newest
    if period is None:
        period = LEITBILD_END - 5
    values = data.values[data.values["period"] <= period]
    footer = tr("pr.footer", period=period, status=tr(f"pr.status.{data_status(data.summary)}"))
    return _Context(
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
        short = _field_short(catalogue, ref.ref)
        return f"{t('pr.kind.field', lang, ref=ref.ref)} {short}".strip()
    if ref.kind == "district":
        name = _area_name(catalogue, ref.ref)
        return t("pr.kind.district", lang, ref=f"{ref.ref} {name}".strip())
    return t(f"pr.kind.{ref.kind}", lang)


# --- helpers ------------------------------------------------------------------------------------
def _field_short(catalogue: Catalogue, fid: str | None) -> str:
    fields = catalogue.frames["field"].set_index("id")
    return str(fields["short"].get(fid, "")) if fid in fields.index else ""


def _area_name(catalogue: Catalogue, code: str | None) -> str:
    names = catalogue.areas.set_index("code")["name"]
    return str(names.get(code, "")) if code in names.index else ""


def _is(value: Any) -> bool:
    return value is not None and not (isinstance(value, float) and math.isnan(value))


def _value_text(value: float | None, ind: dict[str, Any], lang: str, tr: Tr) -> str:
    return pc.fmt_value(value, str(ind.get("unit") or ""), int(ind.get("decimals") or 0), lang, tr)


def _series(ctx: _Context, indicator_id: str, area: str) -> pd.DataFrame:
    ind = ctx.labels["indicator"].get(indicator_id, {})
    group = profile.default_group(ind.get("groups"))
    rows = ctx.values[
        (ctx.values["indicator_id"] == indicator_id)
        & (ctx.values["area_code"] == area)
        & (ctx.values["grp"] == group)
    ]
    return rows.sort_values("period")


def _indicator_figure(ctx: _Context, indicator_id: str, area: str) -> KeyFigure | None:
    """The area's value in the period (or hidden), with the change over five years."""
    ind = ctx.labels["indicator"].get(indicator_id)
    rows = _series(ctx, indicator_id, area)
    if ind is None or rows.empty:
        return None
    last = rows.iloc[-1]
    if not _is(last["value"]):
        return KeyFigure(
            str(ind["short"]),
            ctx.tr("pr.hidden"),
            ctx.tr("pr.kf.city_in", period=int(last["period"])),
        )
    note = ctx.tr("pr.kf.city_in", period=int(last["period"]))
    since = int(last["period"]) - CHANGE_YEARS
    before = rows[rows["period"] == since]
    if len(before) and _is(before.iloc[0]["value"]):
        unit = str(ind.get("unit") or "")
        diff = float(last["value"]) - float(before.iloc[0]["value"])
        shown = round(diff, int(ind["decimals"]))
        sign = "+" if shown > 0 else "±" if shown == 0 else "−"
        unit_text = pc.unit_text(pc.delta_unit(unit), ctx.tr)
        change = f"{sign}{fmt_number(abs(diff), int(ind['decimals']), ctx.lang)} {unit_text}"
        note += " · " + ctx.tr("pr.kf.change", change=change.strip(), since=since)
    return KeyFigure(
        str(ind["short"]), _value_text(float(last["value"]), ind, ctx.lang, ctx.tr), note
    )


def _measure_lines(ctx: _Context, measures: pd.DataFrame) -> list[str]:
    """The count by status, then the running measures furthest along."""
    if measures.empty:
        return [ctx.tr("pr.measures.none")]
    running = measures[measures["status"] == "laufend"]
    done = int((measures["status"] == "abgeschlossen").sum())
    lines = [ctx.tr("pr.measures.count", n=len(measures), running=len(running), done=done)]
    shown = running.sort_values("progress", ascending=False).head(MAX_LIST)
    for row in shown.itertuples():
        progress_ = int(row.progress) if _is(row.progress) else 0
        lines.append(
            ctx.tr("pr.measures.item", title=row.title, status=row.status, progress=progress_)
        )
    return lines


def _fields_with_measures(measures: pd.DataFrame, fid: str) -> pd.DataFrame:
    if measures.empty:
        return measures
    return measures[measures["fields"].map(lambda f: fid in [str(x) for x in list(f)])]


# --- slide builders -----------------------------------------------------------------------------
def title_slide(ctx: _Context, spec: DeckSpec, ref: SlideRef) -> Slide:
    """Title, subtitle and what the deck is based on."""
    tr, data = ctx.tr, ctx.data
    fields = data.catalogue.frames["field"]
    return Slide(
        kind=ref.kind,
        ref=None,
        title=spec.title,
        subtitle=tr("pr.t.title.subtitle"),
        explanation=tr("pr.t.title.explain"),
        key_figures=[
            KeyFigure(tr("pr.kf.period"), str(ctx.period)),
            KeyFigure(tr("pr.kf.fields"), fmt_number(len(fields), 0, ctx.lang)),
            KeyFigure(tr("pr.kf.measures"), fmt_number(len(data.measures), 0, ctx.lang)),
            KeyFigure(tr("pr.kf.targets"), fmt_number(len(data.targets), 0, ctx.lang)),
        ],
        method=tr("pr.m.title"),
    )


def field_tiles(rows: pd.DataFrame, tr: Tr, lang: str, columns: int = 4) -> go.Figure:
    """The fields as coloured tiles (status colour, number, short name, status in words).

    Text is 20 px or more and dark or white, whichever contrasts more with the tile (≥ 4.5:1);
    the short name is wrapped so that it stays inside its tile.
    """
    fig = go.Figure()
    n_rows = math.ceil(len(rows) / columns) if len(rows) else 1
    for i, row in enumerate(rows.itertuples()):
        x0, y0 = i % columns, n_rows - 1 - i // columns
        status = row.status if isinstance(row.status, str) else None
        colour = pc.STATUS_COLORS.get(status or "", pc.NO_DATA_COLOR)
        fig.add_shape(type="rect", x0=x0 + 0.03, x1=x0 + 0.97, y0=y0 + 0.05, y1=y0 + 0.95,
                      fillcolor=colour, line={"width": 0})  # fmt: skip
        name = pc.wrap_label(f"{row.field_id} {row.short}", TILE_CHARS)
        text = f"<b>{name}</b><br>{pc.status_text(status, tr)}"
        fig.add_annotation(
            x=x0 + 0.5,
            y=y0 + 0.5,
            text=text,
            showarrow=False,
            font={"size": sf.MIN_TEXT_PX, "color": sf.ink_on(colour)},
            align="center",
        )
    axis = {"visible": False, "fixedrange": True}
    fig.update_xaxes(range=[0, columns], **axis)
    fig.update_yaxes(range=[0, n_rows], **axis)
    fig.update_layout(margin={"l": 0, "r": 0, "t": 0, "b": 0}, height=150 * n_rows,
                      showlegend=False)  # fmt: skip
    sf.for_room(fig, lang)
    for note, row in zip(fig.layout.annotations, rows.itertuples(), strict=True):
        status = row.status if isinstance(row.status, str) else None
        note.font.color = sf.ink_on(pc.STATUS_COLORS.get(status or "", pc.NO_DATA_COLOR))
    return fig


def overview_slide(ctx: _Context, spec: DeckSpec, ref: SlideRef) -> Slide:
    """The twelve fields with their roll-up status."""
    tr = ctx.tr
    nodes = ctx.rollup(CITY)
    fields = ctx.data.catalogue.frames["field"]
    rows = (
        fields[["id", "short"]]
        .rename(columns={"id": "field_id"})
        .merge(
            nodes[nodes["node_type"] == "field"][["field_id", "status", "n_items"]],
            on="field_id",
            how="left",
        )
    )
    rows["n_items"] = rows["n_items"].fillna(0)
    counts = rows["status"].fillna("none").value_counts()
    key_figures = [
        KeyFigure(
            pc.status_text(None if s == "none" else s, tr),
            fmt_number(int(counts.get(s, 0)), 0, ctx.lang),
        )
        for s in (*pc.STATUS_ORDER, "none")
        if counts.get(s, 0)
    ][:4]
    return Slide(
        kind=ref.kind,
        ref=None,
        title=tr("pr.t.overview"),
        explanation=tr("pr.t.overview.explain"),
        key_figures=key_figures,
        figures=[SlideFigure("fields", field_tiles(rows, tr, ctx.lang), 1000, 480)],
        method=tr("pr.m.overview"),
    )


def _field_bullets(ctx: _Context, fid: str) -> pd.DataFrame:
    items = ctx.assessments
    if items.empty:
        return items
    mine = items[(items["field_id"] == fid) & ~items["implicit"].astype(bool)]
    city = mine[mine["area"] == CITY]
    rows = pc.bullet_rows(city if len(city) else mine, ctx.labels, ctx.tr, ctx.lang)
    # on a city slide the area is the same in every row: the label names the series only
    city_name = ctx.labels["area"].get(CITY, "")
    rows["label"] = rows["label"].str.removesuffix(f" · {city_name}")
    return rows


def _target_chart(ctx: _Context, rows: pd.DataFrame) -> go.Figure:
    """Progress bars of the field's targets: as many as fit with 20 px labels (at most four)."""
    for n in range(min(MAX_TARGET_BARS, len(rows)), 0, -1):
        fig = sf.for_room(pc.bullet_chart(rows.head(n), ctx.tr, ctx.lang, LABEL_CHARS), ctx.lang)
        per_row, needed = sf.row_room(fig, TARGET_CHART_PX[1])
        if per_row >= needed:
            break
    fig.update_layout(height=None)
    return fig


def field_slide(ctx: _Context, spec: DeckSpec, ref: SlideRef) -> Slide | None:
    """One field: status, key indicators of the city, progress to targets, measures."""
    tr, fid = ctx.tr, str(ref.ref)
    fields = ctx.data.catalogue.frames["field"].set_index("id")
    if fid not in fields.index:
        return None
    nodes = ctx.rollup(CITY)
    node = nodes[(nodes["node_type"] == "field") & (nodes["node_id"] == fid)]
    status = node.iloc[0]["status"] if len(node) else None
    key_figures = [KeyFigure(tr("pr.kf.field_status"), pc.status_text(status, tr))]
    indicators = ctx.data.catalogue.indicators
    for indicator_id in indicators.loc[indicators["field_id"] == fid, "id"]:
        if len(key_figures) > MAX_KEY_INDICATORS:
            break
        figure = _indicator_figure(ctx, indicator_id, CITY)
        if figure is not None:
            key_figures.append(figure)
    figures = []
    rows = _field_bullets(ctx, fid)
    if len(rows):
        figures.append(SlideFigure("targets", _target_chart(ctx, rows), *TARGET_CHART_PX))
    measures = _fields_with_measures(ctx.data.measures, fid)
    return Slide(
        kind=ref.kind,
        ref=fid,
        title=tr("pr.t.field", id=fid, title=fields.loc[fid, "title"]),
        explanation=tr("pr.t.field.explain"),
        key_figures=key_figures,
        bullets=_measure_lines(ctx, measures),
        figures=figures,
        method=tr("pr.m.field"),
    )


def district_slide(ctx: _Context, spec: DeckSpec, ref: SlideRef) -> Slide | None:
    """One Stadtteil: residents, share with migration history vs the city, trend, measures."""
    tr, code, lang = ctx.tr, str(ref.ref), ctx.lang
    name = _area_name(ctx.data.catalogue, code)
    if not name:
        return None
    roles = ctx.data.catalogue.key_indicators()  # population and headline share
    facts = profile.key_facts(ctx.values, code, roles, ctx.period)
    city = profile.key_facts(ctx.values, CITY, roles, ctx.period)
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
            if share_flag == "secret" or not _is(share)
            else fmt_number(share, 1, lang) + " %"
        )
        ref_value = city["headline_share"][0]
        note = f"{share_period} · " + tr(
            "pr.kf.city_ref", value=fmt_number(ref_value, 1, lang) + " %"
        )
        key_figures.append(KeyFigure(tr("pr.kf.share_mv"), shown, note))
    local, _citywide = profile.district_measures(ctx.data.measures, code)
    running = int((local["status"] == "laufend").sum()) if len(local) else 0
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
        names = {code: name, CITY: _area_name(ctx.data.catalogue, CITY) or "Stadt"}
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
        bullets=_measure_lines(ctx, local),
        figures=figures,
        method=tr("pr.m.district"),
    )


def map_slide(ctx: _Context, spec: DeckSpec, ref: SlideRef) -> Slide | None:
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
    key_figures = [KeyFigure(tr("pr.kf.city"), _value_text(city, ind, lang, tr))]
    if len(present):
        high = present.loc[present["value"].idxmax()]
        low = present.loc[present["value"].idxmin()]
        key_figures += [
            KeyFigure(tr("pr.kf.highest"), _value_text(high["value"], ind, lang, tr), high["name"]),
            KeyFigure(tr("pr.kf.lowest"), _value_text(low["value"], ind, lang, tr), low["name"]),
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


def _unattended_goals(ctx: _Context, nodes: pd.DataFrame) -> list[str]:
    """'n goals off track without a measure:' and their names (no ids), the rest counted."""
    goals = nodes[nodes["node_type"] != "field"].drop_duplicates("node_id")
    flagged = goals[goals["flags"].map(lambda f: "off_track_no_measure" in f)]
    if flagged.empty:
        return []
    lines = [ctx.tr("pr.outlook.no_measure", n=len(flagged))]
    for row in flagged.head(MAX_NAMED_GOALS).itertuples():
        goal = ctx.labels["goal"].get(row.node_id, {})
        lines.append(
            ctx.tr(
                "pr.outlook.goal",
                goal=goal.get("label", ""),
                field=ctx.labels["field"].get(row.field_id, ""),
            )
        )
    if len(flagged) > MAX_NAMED_GOALS:
        lines.append(ctx.tr("pr.outlook.more", n=len(flagged) - MAX_NAMED_GOALS))
    return lines


def outlook_slide(ctx: _Context, spec: DeckSpec, ref: SlideRef) -> Slide:
    """Fields needing action, goals off track without a measure, what comes next."""
    tr, lang = ctx.tr, ctx.lang
    nodes = ctx.rollup(CITY)
    fields = nodes[nodes["node_type"] == "field"]
    bad = fields[fields["status"].isin(goal_rollup.BAD)]
    bullets = [
        tr(
            "pr.outlook.attention",
            field=f"{r.node_id} {ctx.labels['field'].get(r.node_id, '')}",
            status=pc.status_text(r.status, tr),
            measures=int(r.n_active),
        )
        for r in bad.itertuples()
    ] or [tr("pr.outlook.all_good")]
    bullets += _unattended_goals(ctx, nodes)
    bullets.append(tr("pr.outlook.next", year=ctx.period + 1))
    measures = ctx.data.measures
    planned = int((measures["status"] == "geplant").sum()) if len(measures) else 0
    return Slide(
        kind=ref.kind,
        ref=None,
        title=tr("pr.t.outlook"),
        explanation=tr("pr.t.outlook.explain"),
        key_figures=[
            KeyFigure(
                tr("pr.kf.years_left", year=LEITBILD_END),
                fmt_number(max(0, LEITBILD_END - ctx.period), 0, lang),
            ),
            KeyFigure(tr("pr.kf.attention"), fmt_number(len(bad), 0, lang)),
            KeyFigure(tr("pr.kf.planned"), fmt_number(planned, 0, lang)),
        ],
        bullets=bullets,
        method=tr("pr.m.outlook"),
    )


BUILDERS: dict[str, Callable[[_Context, DeckSpec, SlideRef], Slide | None]] = {
    "title": title_slide,
    "overview": overview_slide,
    "field": field_slide,
    "district": district_slide,
    "map": map_slide,
    "outlook": outlook_slide,
}
