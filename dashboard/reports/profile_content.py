"""What a district profile report holds, gathered from the store (released values only).

Every value comes through dashboard.readmodel.released_observations, so the report applies the
same small-count suppression as the screen. The analysis is the pages' own: the profile of
dashboard.analysis.profile and the goal roll-up of dashboard.analysis.goal_rollup.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from dashboard import clock
from dashboard.analysis import district_facts, gaps, goal_rollup, progress
from dashboard.analysis import profile as prof
from dashboard.analysis import profile_scope as scope
from dashboard.catalogues import Catalogue
from dashboard.errors import UsageError
from dashboard.exports import with_provenance
from dashboard.imports import store_catalogue
from dashboard.readmodel import released_near_and_shown, released_observations
from dashboard.reports.locator_map import preferred_layer
from dashboard.services import note_lines
from dashboard.services.goal_assessments import IMPLICIT_LEVELS, read_scope  # as the pages
from dashboard.store import Store

METHOD = "destatis"


@dataclass(frozen=True)
class ProfileContent:
    """Everything the report shows about one Stadtteil."""

    code: str
    name: str
    bezirk_code: str | None
    bezirk_name: str | None
    period: int | None  # the chosen year, None = latest per indicator
    profile: pd.DataFrame  # dashboard.analysis.profile.profile rows
    facts: dict[str, tuple[float, int | None, object]]  # key_facts of the district
    city_facts: dict[str, tuple[float, int | None, object]]
    goals: pd.DataFrame  # district goals with status, n_items and linked indicators
    fields: pd.DataFrame  # field roll-up rows of the district (node_id, status, …)
    field_titles: dict[str, str]
    sources: dict[str, str]  # catalogue source per indicator
    shorts: dict[str, str]  # short name per indicator
    measures: pd.DataFrame  # measures naming the district
    n_citywide: int
    summary: dict[str, Any]
    layer: str | None  # geometry layer of the locator map
    geometry: pd.DataFrame  # area_code, wkb of that layer
    bezirk_members: list[str]
    today: dt.date
    provenance: dict[str, str] = field(default_factory=dict)  # of the district's value
    # the district network's notes every reader sees ("Einordnung vor Ort") and their subjects
    local_notes: pd.DataFrame = field(default_factory=pd.DataFrame)
    goal_labels: dict[str, str] = field(default_factory=dict)


def resolve_district(catalogue: Catalogue, text: str) -> str:
    """The Stadtteil code for a code or name ('91', 'Berg Fidel'); UsageError otherwise."""
    districts = prof.district_codes(catalogue.areas)
    code = text if text in districts else catalogue.resolve_area(text)
    if code not in districts:
        raise UsageError(f"Unbekannter Stadtteil {text!r}: erwartet Nummer oder Name.")
    return str(code)


def _items(targets: pd.DataFrame, catalogue: Catalogue) -> pd.DataFrame:
    """What the goal pages assess: every target per area and the implicit direction items."""
    explicit = gaps.expand_targets(targets, catalogue.areas)
    implicit = gaps.implicit_targets(
        catalogue.indicators, explicit, catalogue.areas, IMPLICIT_LEVELS
    )
    return pd.concat([explicit, implicit], ignore_index=True) if len(implicit) else explicit


def district_items(targets: pd.DataFrame, catalogue: Catalogue, code: str) -> pd.DataFrame:
    """What is assessed for one district: its targets and its implicit direction items."""
    items = _items(targets, catalogue)
    return items if items.empty else items[items["area"].astype(str) == code]


def district_assessments(
    values: pd.DataFrame, targets: pd.DataFrame, catalogue: Catalogue, code: str
) -> pd.DataFrame:
    """Target and direction assessments of one district (as the goal pages make them)."""
    items = _items(targets, catalogue)
    if items.empty:
        return progress.assess_targets(items, values, catalogue.indicators, catalogue.areas, METHOD)
    items = items[items["area"].astype(str) == code]
    result = progress.assess_targets(
        items, values, catalogue.indicators, catalogue.areas, METHOD, progress.settings()
    )
    if result.empty:
        return result
    # an indicator without a target and without data says nothing: leave it out
    return result[~(result["implicit"] & (result["n_points"] == 0))].reset_index(drop=True)


def goal_statuses(rollup: pd.DataFrame, goals: pd.DataFrame, links: pd.DataFrame) -> pd.DataFrame:
    """District goals with their roll-up status and linked indicators."""
    by_node = rollup.set_index("node_id") if len(rollup) else pd.DataFrame()
    rows = []
    for goal in goals.itertuples():
        node = by_node.loc[goal.id] if goal.id in by_node.index else None
        rows.append(
            {
                "id": goal.id,
                "number": goal.number,
                "label": goal.label,
                "status": node["status"] if node is not None else None,
                "n_items": int(node["n_items"]) if node is not None else 0,
                "indicators": list(links.loc[links["goal_id"] == goal.id, "indicator_id"]),
            }
        )
    columns = ["id", "number", "label", "status", "n_items", "indicators"]
    return pd.DataFrame(rows, columns=columns)


def _rollup(
    store: Store, values: pd.DataFrame, catalogue: Catalogue, measures: pd.DataFrame, code: str
) -> pd.DataFrame:
    """The goal roll-up of the district: its targets assessed, rolled up to goals and fields."""
    frames = catalogue.frames
    assessments = district_assessments(values, store.targets(), catalogue, code)
    return goal_rollup.rollup(
        assessments,
        frames["goal"],
        frames["goal_support"],
        frames["goal_indicator"],
        frames["field"],
        measures,
        code,
    )


def district_values(
    store: Store, catalogue: Catalogue, code: str, period: int | None
) -> pd.DataFrame:
    """The released values the report reads: the profile's (its areas' series and every area
    in each shown period) and the series its assessments read (parity references too); at
    100x a small part of the 28 million released values."""
    _, assessed = read_scope(district_items(store.targets(), catalogue, code))
    own = released_observations(store, catalogue, None, [code])
    shown = scope.profile_periods(own, catalogue.indicators, code, period)
    near = list(dict.fromkeys([*scope.profile_near(catalogue.areas, code), *assessed]))
    periods = {str(iid): int(p) for iid, p in shown.items()}
    return released_near_and_shown(store, catalogue, near, periods)


def gather(store: Store, area: str, period: int | None = None) -> ProfileContent:
    """Collect the report's content for a Stadtteil given by code or name."""
    catalogue = store_catalogue(store)
    code = resolve_district(catalogue, area)
    areas = catalogue.areas
    names = dict(zip(areas["code"], areas["name"], strict=True))
    values = district_values(store, catalogue, code, period)
    bezirk = prof.stadtbezirk_of(areas, code)
    frames = catalogue.frames
    measures = store.measures()
    rollup = _rollup(store, values, catalogue, measures, code)
    local, citywide = district_facts.district_measures(measures, code)
    layer = preferred_layer(store.geometry_layers())
    districts = prof.district_codes(areas)
    members = [c for c in districts if bezirk and prof.stadtbezirk_of(areas, c) == bezirk]
    profile = prof.profile(values, catalogue.indicators, areas, code, period)
    return ProfileContent(
        code=code,
        name=names[code],
        bezirk_code=bezirk,
        bezirk_name=names.get(bezirk) if bezirk else None,
        period=period,
        profile=profile,
        facts=district_facts.key_facts(values, code, catalogue.key_indicators(), period),
        city_facts=district_facts.key_facts(values, prof.CITY, catalogue.key_indicators(), period),
        goals=goal_statuses(
            rollup, district_facts.district_goals(frames["goal"], code), frames["goal_indicator"]
        ),
        fields=rollup[rollup["node_type"] == "field"].reset_index(drop=True)
        if len(rollup)
        else rollup,
        field_titles=dict(zip(frames["field"]["id"], frames["field"]["title"], strict=True)),
        sources=dict(zip(catalogue.indicators["id"], catalogue.indicators["source"], strict=True)),
        shorts=dict(zip(catalogue.indicators["id"], catalogue.indicators["short"], strict=True)),
        measures=local,
        n_citywide=len(citywide),
        summary=store.summary(),
        layer=layer,
        geometry=store.geometry(layer) if layer else pd.DataFrame(columns=["area_code", "wkb"]),
        bezirk_members=members,
        today=clock.today(),
        provenance=_provenance(store, catalogue, profile, code),
        local_notes=note_lines.shown_notes(store, code),
        goal_labels=dict(zip(frames["goal"]["id"], frames["goal"]["label"], strict=True)),
    )


def _provenance(
    store: Store, catalogue: Catalogue, profile: pd.DataFrame, code: str
) -> dict[str, str]:
    """Per indicator: where the district's value in the report comes from."""
    rows = profile.dropna(subset=["period"])
    if rows.empty:
        return {}
    frame = pd.DataFrame(
        {"indicator_id": rows["indicator_id"].to_numpy(), "area_code": code,
         "period": rows["period"].astype(int).to_numpy(), "grp": rows["grp"].to_numpy()}
    )  # fmt: skip
    texts = with_provenance(store, catalogue, frame, area_codes=[code])
    return {i: str(x) for i, x in zip(frame["indicator_id"], texts, strict=True) if x}
