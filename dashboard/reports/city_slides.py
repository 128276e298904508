"""Builders of the city-wide slides: title, the fields at a glance, one field, outlook."""

from __future__ import annotations

import math

import pandas as pd
import plotly.graph_objects as go

from dashboard.analysis import goal_rollup
from dashboard.analysis.gaps import CITY
from dashboard.domain import measures as measure_status
from dashboard.present import progress_charts as pc
from dashboard.present.format import fmt_number
from dashboard.present.progress_labels import (
    NO_DATA_COLOR,
    STATUS_COLORS,
    STATUS_ORDER,
    status_text,
)
from dashboard.present.progress_tables import bullet_rows
from dashboard.reports import slide_figures as sf
from dashboard.reports.deck import DeckSpec, SlideRef
from dashboard.reports.slides import (
    LEITBILD_END,
    Context,
    KeyFigure,
    Slide,
    SlideFigure,
    Tr,
    indicator_figure,
    measure_lines,
)

MAX_KEY_INDICATORS = 2  # beside the field's status: three figures a row hold 18 pt labels
MAX_NAMED_GOALS = 4  # goals named on the outlook slide (the rest are counted)
TARGET_CHART_PX = (922, 432)  # the chart box beside the list on a 1920 px wide slide
LABEL_CHARS = 34  # a progress bar's label wraps after this many characters
MAX_TARGET_BARS = 4  # progress bars on a field slide (more do not fit at 20 px)
TILE_CHARS = 18  # a field's number and short name wrap after this many characters


def _fields_with_measures(measures: pd.DataFrame, fid: str) -> pd.DataFrame:
    if measures.empty:
        return measures
    return measures[measures["fields"].map(lambda f: fid in [str(x) for x in list(f)])]


def title_slide(ctx: Context, spec: DeckSpec, ref: SlideRef) -> Slide:
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
        colour = STATUS_COLORS.get(status or "", NO_DATA_COLOR)
        fig.add_shape(type="rect", x0=x0 + 0.03, x1=x0 + 0.97, y0=y0 + 0.05, y1=y0 + 0.95,
                      fillcolor=colour, line={"width": 0})  # fmt: skip
        name = pc.wrap_label(f"{row.field_id} {row.short}", TILE_CHARS)
        text = f"<b>{name}</b><br>{status_text(status, tr)}"
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
        note.font.color = sf.ink_on(STATUS_COLORS.get(status or "", NO_DATA_COLOR))
    return fig


def overview_slide(ctx: Context, spec: DeckSpec, ref: SlideRef) -> Slide:
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
            status_text(None if s == "none" else s, tr),
            fmt_number(int(counts.get(s, 0)), 0, ctx.lang),
        )
        for s in (*STATUS_ORDER, "none")
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


def _field_bullets(ctx: Context, fid: str) -> pd.DataFrame:
    items = ctx.assessments
    if items.empty:
        return items
    mine = items[(items["field_id"] == fid) & ~items["implicit"].astype(bool)]
    city = mine[mine["area"] == CITY]
    rows = bullet_rows(city if len(city) else mine, ctx.labels, ctx.tr, ctx.lang)
    # on a city slide the area is the same in every row: the label names the series only
    city_name = ctx.labels["area"].get(CITY, "")
    rows["label"] = rows["label"].str.removesuffix(f" · {city_name}")
    return rows


def _target_chart(ctx: Context, rows: pd.DataFrame) -> go.Figure:
    """Progress bars of the field's targets: as many as fit with 20 px labels (at most four)."""
    for n in range(min(MAX_TARGET_BARS, len(rows)), 0, -1):
        fig = sf.for_room(pc.bullet_chart(rows.head(n), ctx.tr, ctx.lang, LABEL_CHARS), ctx.lang)
        per_row, needed = sf.row_room(fig, TARGET_CHART_PX[1])
        if per_row >= needed:
            break
    fig.update_layout(height=None)
    return fig


def field_slide(ctx: Context, spec: DeckSpec, ref: SlideRef) -> Slide | None:
    """One field: status, key indicators of the city, progress to targets, measures."""
    tr, fid = ctx.tr, str(ref.ref)
    fields = ctx.data.catalogue.frames["field"].set_index("id")
    if fid not in fields.index:
        return None
    nodes = ctx.rollup(CITY)
    node = nodes[(nodes["node_type"] == "field") & (nodes["node_id"] == fid)]
    status = node.iloc[0]["status"] if len(node) else None
    key_figures = [KeyFigure(tr("pr.kf.field_status"), status_text(status, tr))]
    indicators = ctx.data.catalogue.indicators
    for indicator_id in indicators.loc[indicators["field_id"] == fid, "id"]:
        if len(key_figures) > MAX_KEY_INDICATORS:
            break
        figure = indicator_figure(ctx, indicator_id, CITY)
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
        bullets=measure_lines(ctx, measures),
        figures=figures,
        method=tr("pr.m.field"),
    )


def _unattended_goals(ctx: Context, nodes: pd.DataFrame) -> list[str]:
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


def outlook_slide(ctx: Context, spec: DeckSpec, ref: SlideRef) -> Slide:
    """Fields needing action, goals off track without a measure, what comes next."""
    tr, lang = ctx.tr, ctx.lang
    nodes = ctx.rollup(CITY)
    fields = nodes[nodes["node_type"] == "field"]
    bad = fields[fields["status"].isin(goal_rollup.BAD)]
    bullets = [
        tr(
            "pr.outlook.attention",
            field=f"{r.node_id} {ctx.labels['field'].get(r.node_id, '')}",
            status=status_text(r.status, tr),
            measures=int(r.n_active),
        )
        for r in bad.itertuples()
    ] or [tr("pr.outlook.all_good")]
    bullets += _unattended_goals(ctx, nodes)
    bullets.append(tr("pr.outlook.next", year=ctx.period + 1))
    measures = ctx.data.measures
    planned = int((measures["status"] == measure_status.PLANNED).sum()) if len(measures) else 0
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
