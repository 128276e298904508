"""Slide content: the neutral objects one slide is made of, the deck's data and its context.

One object per slide feeds the page, the PPTX and the PDF. Every number comes from released
observations (dashboard.readmodel, suppression applied), the stored measures and targets, and
the analysis modules; nothing here imports streamlit. The builders of each kind of slide are in
``city_slides`` and ``area_slides``; ``deck_builder`` puts a deck together.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from dashboard.analysis import gaps, goal_rollup, progress
from dashboard.analysis.profile_scope import default_group
from dashboard.catalogues import Catalogue
from dashboard.domain import measures as measure_status
from dashboard.present.format import fmt_number
from dashboard.present.progress_labels import delta_unit, fmt_value, unit_text
from dashboard.reports.deck import DeckSpec
from dashboard.reports.deck_scope import rollup_areas
from dashboard.services.goal_assessments import IMPLICIT_LEVELS

Tr = Callable[..., str]
CHANGE_YEARS = 5
MAX_LIST = 3  # list items per slide: at 18 pt more do not fit beside a chart
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
    """Everything the slides read, loaded once: catalogue, released values, measures, targets.

    ``values`` holds the released rows the deck reads (``deck_scope.deck_values``) or all."""

    catalogue: Catalogue
    values: pd.DataFrame
    measures: pd.DataFrame
    targets: pd.DataFrame
    summary: dict[str, Any]
    geometry: dict[str, pd.DataFrame]


def load(store: Any, spec: DeckSpec | None = None) -> DeckData:
    """Read a deck's data from a Store (CLI); pages build DeckData from their cached data.

    With a ``spec`` only the released rows that deck reads (``deck_scope``), else all."""
    from dashboard.imports import store_catalogue
    from dashboard.readmodel import StoreRelease, released_observations
    from dashboard.reports.deck_scope import deck_values

    catalogue = store_catalogue(store)
    targets = store.targets()
    layers = store.geometry_layers()
    values = (
        released_observations(store, catalogue)
        if spec is None
        else deck_values(StoreRelease(store, catalogue), catalogue, targets, spec)
    )
    return DeckData(
        catalogue=catalogue,
        values=values,
        measures=store.measures(),
        targets=targets,
        summary=store.summary(),
        geometry={layer: store.geometry(layer) for layer in layers},
    )


# --- shared context -----------------------------------------------------------------------------
@dataclass
class Context:
    """What every slide builder reads: the data up to the period, assessments, labels, language."""

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
    """Every target's assessment, as on the goal pages, and the implicit direction
    assessments of the areas the city roll-up counts (the only slides that read them; at 10x
    assessing every area's took 11 of a deck's 16 s)."""
    catalogue, areas = data.catalogue, data.catalogue.areas
    explicit = gaps.expand_targets(data.targets, areas)
    counted = areas[areas["code"].isin(rollup_areas(catalogue))]
    implicit = gaps.implicit_targets(catalogue.indicators, explicit, counted, IMPLICIT_LEVELS)
    items = pd.concat([explicit, implicit], ignore_index=True) if len(implicit) else explicit
    result = progress.assess_targets(
        items, values, catalogue.indicators, catalogue.areas, "destatis", progress.settings()
    )
    return result[~(result["implicit"] & (result["n_points"] == 0))].reset_index(drop=True)


# --- helpers ------------------------------------------------------------------------------------
def field_short(catalogue: Catalogue, fid: str | None) -> str:
    """The short name of a field ('' if unknown)."""
    # a plain lookup: the slide editor asks once per listed slide, and an index built per
    # call cost ~1 ms each
    fields = catalogue.frames["field"]
    return str(dict(zip(fields["id"], fields["short"], strict=True)).get(fid, ""))


def area_name(catalogue: Catalogue, code: str | None) -> str:
    """The name of an area ('' if unknown)."""
    areas = catalogue.areas
    return str(dict(zip(areas["code"], areas["name"], strict=True)).get(code, ""))


def is_value(value: Any) -> bool:
    """A number that is there (not None, not NaN)."""
    return value is not None and not (isinstance(value, float) and math.isnan(value))


def value_text(value: float | None, ind: dict[str, Any], lang: str, tr: Tr) -> str:
    """A value in the indicator's unit and decimals, in the language."""
    return fmt_value(value, str(ind.get("unit") or ""), int(ind.get("decimals") or 0), lang, tr)


def _series(ctx: Context, indicator_id: str, area: str) -> pd.DataFrame:
    ind = ctx.labels["indicator"].get(indicator_id, {})
    group = default_group(ind.get("groups"))
    rows = ctx.values[
        (ctx.values["indicator_id"] == indicator_id)
        & (ctx.values["area_code"] == area)
        & (ctx.values["grp"] == group)
    ]
    return rows.sort_values("period")


def indicator_figure(ctx: Context, indicator_id: str, area: str) -> KeyFigure | None:
    """The area's value in the period (or hidden), with the change over five years."""
    ind = ctx.labels["indicator"].get(indicator_id)
    rows = _series(ctx, indicator_id, area)
    if ind is None or rows.empty:
        return None
    last = rows.iloc[-1]
    if not is_value(last["value"]):
        return KeyFigure(
            str(ind["short"]),
            ctx.tr("pr.hidden"),
            ctx.tr("pr.kf.city_in", period=int(last["period"])),
        )
    note = ctx.tr("pr.kf.city_in", period=int(last["period"]))
    since = int(last["period"]) - CHANGE_YEARS
    before = rows[rows["period"] == since]
    if len(before) and is_value(before.iloc[0]["value"]):
        unit = str(ind.get("unit") or "")
        diff = float(last["value"]) - float(before.iloc[0]["value"])
        shown = round(diff, int(ind["decimals"]))
        sign = "+" if shown > 0 else "±" if shown == 0 else "−"
        shown_unit = unit_text(delta_unit(unit), ctx.tr)
        change = f"{sign}{fmt_number(abs(diff), int(ind['decimals']), ctx.lang)} {shown_unit}"
        note += " · " + ctx.tr("pr.kf.change", change=change.strip(), since=since)
    return KeyFigure(
        str(ind["short"]), value_text(float(last["value"]), ind, ctx.lang, ctx.tr), note
    )


def measure_lines(ctx: Context, measures: pd.DataFrame) -> list[str]:
    """The count by status, then the running measures furthest along."""
    if measures.empty:
        return [ctx.tr("pr.measures.none")]
    running = measures[measures["status"] == measure_status.RUNNING]
    done = int((measures["status"] == measure_status.COMPLETED).sum())
    lines = [ctx.tr("pr.measures.count", n=len(measures), running=len(running), done=done)]
    shown = running.sort_values("progress", ascending=False).head(MAX_LIST)
    for row in shown.itertuples():
        progress_ = int(row.progress) if is_value(row.progress) else 0
        lines.append(
            ctx.tr("pr.measures.item", title=row.title, status=row.status, progress=progress_)
        )
    return lines
