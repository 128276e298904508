"""The Karte page's controls: indicator, period, group and display, each kept in the URL.

State lives in the URL and is written back after every change, so every view can be shared
and bookmarked; the rule (a link wins, else the session's choice) is dashboard.ui.url_state's.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import pandas as pd
import streamlit as st

from dashboard import config
from dashboard.analysis.classify import MAX_CLASSES, METHODS, MIN_CLASSES
from dashboard.ids import parse_id
from dashboard.services.map_view import GEOMETRIES
from dashboard.ui import data, maps, url_state
from dashboard.ui.shell import translator

PAGE = "karte"
KEEP = url_state.KEEP  # widget choices survive a visit to another page


def _tr(key: str, **values: object) -> str:
    """A message in the current language."""
    return translator()(key, **values)


def _db() -> str:
    return str(config.db_path())


def restore(
    param: str, options: Sequence[Any], default: Any, cast: Callable[[str], Any] = str
) -> str:
    """The widget key ``karte_<param>``, its state set by the one URL rule (url_state)."""
    return url_state.restore(PAGE, param, f"karte_{param}", options, default, cast)


def remember(param: str, value: object) -> None:
    """Write the current choice into the URL (and note it as this page's own)."""
    url_state.write(PAGE, param, value)


def url_choice(container: Any, param: str, name: str, options: Sequence[str], default: str) -> str:
    """A segmented control whose choice lives in the URL as ``param`` (labels karte.<name>.*)."""
    key = restore(param, options, default)
    choice = container.segmented_control(
        _tr(f"karte.{name}"),
        options,
        key=key,
        persist_state=KEEP,
        required=True,
        format_func=lambda v: _tr(f"karte.{name}.{v}"),
        help=_tr(f"karte.{name}.help"),
    )
    remember(param, choice)
    return choice


def pick_indicator(
    indicators: pd.DataFrame, fields: pd.DataFrame, headline: str | None = None
) -> dict[str, Any]:
    """Field, then indicator (first the catalogue's headline share), definition one click away."""
    titles = dict(zip(fields["id"], fields["title"], strict=True))
    field_of = dict(zip(indicators["id"], indicators["field_id"], strict=True))
    ids = list(indicators["id"])
    default_id = headline if headline in ids else ids[0]
    field_ids = list(dict.fromkeys(indicators["field_id"]))
    raw = url_state.raw("indikator")
    if raw in field_of and url_state.from_outside(PAGE, "indikator"):
        st.session_state["karte_feld"] = field_of[raw]  # a link names the indicator: show its field
    elif st.session_state.get("karte_feld") not in field_ids:
        current = st.session_state.get("karte_indikator", default_id)
        st.session_state["karte_feld"] = field_of.get(current, field_of[default_id])
    left, middle, right = st.columns([2, 3, 0.8], vertical_alignment="bottom")
    field = left.selectbox(
        _tr("karte.field"),
        field_ids,
        key="karte_feld",
        persist_state=KEEP,
        format_func=lambda f: f"{f} {titles.get(f, '')}",
    )
    in_field = [i for i in ids if field_of[i] == field]
    names = dict(zip(indicators["id"], indicators["name"], strict=True))
    key = restore("indikator", in_field, default_id if default_id in in_field else in_field[0])
    chosen = middle.selectbox(
        _tr("karte.indicator"), in_field, key=key, persist_state=KEEP, format_func=names.get
    )
    remember("indikator", chosen)
    indicator = indicators[indicators["id"] == chosen].iloc[0].to_dict()
    with right.popover(_tr("karte.about"), icon=":material/info:", width="stretch"):
        about(indicator, titles.get(indicator["field_id"], ""))
    return indicator


def about(indicator: dict[str, Any], field_title: str) -> None:
    """Definition, source, unit, reading and aggregation of an indicator."""
    st.markdown(f"**{indicator['name']}**  \n{indicator['field_id']} {field_title}")
    st.markdown(f"**{_tr('karte.about.definition')}:** {indicator['definition']}")
    st.markdown(f"**{_tr('karte.about.source')}:** {indicator['source']}")
    st.markdown(
        f"**{_tr('karte.about.unit')}:** {indicator['unit']} · "
        f"**{_tr('karte.about.direction')}:** {_tr('karte.direction.' + indicator['direction'])}"
    )
    st.markdown(
        f"**{_tr('karte.about.aggregate')}:** {_tr('karte.aggregate.' + indicator['aggregate'])}"
    )


def pick_period_and_group(
    values: pd.DataFrame, indicator: dict[str, Any], left: Any, right: Any
) -> tuple[int, str]:
    """Year (latest by default) and group (where the indicator has several)."""
    groups_order = list(indicator["groups"])
    # unique() first: iterating every value of an Arrow column cost more than the rest here
    periods = sorted(int(p) for p in values["period"].unique())
    present = set(values["grp"].unique())
    groups = [g for g in groups_order if g in present] or sorted(present)
    label_frame = data.catalogue(_db(), "group_label")
    labels = dict(zip(label_frame["id"], label_frame["label"], strict=True))
    key = restore("periode", periods, periods[-1], parse_id)
    if len(periods) > 1:
        period = left.select_slider(_tr("karte.period"), periods, key=key, persist_state=KEEP)
    else:
        period = left.selectbox(_tr("karte.period"), periods, key=key, persist_state=KEEP)
    remember("periode", period)
    key = restore("gruppe", groups, groups[0])
    group = right.selectbox(
        _tr("karte.group"),
        groups,
        key=key,
        persist_state=KEEP,
        format_func=lambda g: labels.get(g, g),
        disabled=len(groups) < 2,
    )
    remember("gruppe", group)
    return int(period), str(group)


def pick_display(indicator: dict[str, Any], level_col: Any) -> dict[str, Any]:
    """Level, base map, classification method, number of classes and labels."""
    official = maps.official_available(_db())
    geometries = list(GEOMETRIES) if official else ["kacheln"]
    levels = maps.levels(_db(), str(indicator["id"]))
    level = url_choice(level_col, "ebene", "level", levels, "stadtteile")
    # folded away: on a phone the map would otherwise start below ten controls
    with st.expander(_tr("karte.display_options"), icon=":material/tune:"):
        cols = st.columns([2.3, 2.2, 1.6, 1], vertical_alignment="bottom")

    geometry = url_choice(cols[0], "geometrie", "geometry", geometries, geometries[0])
    key = restore("klassen", list(METHODS), "quantile")
    method = cols[1].selectbox(
        _tr("karte.method"),
        METHODS,
        key=key,
        persist_state=KEEP,
        format_func=lambda m: _tr(f"karte.method.{m}"),
        help=_tr("karte.method.help"),
    )
    remember("klassen", method)
    counts = list(range(MIN_CLASSES, MAX_CLASSES + 1))
    key = restore("anzahl", counts, 5, parse_id)
    k = cols[2].select_slider(_tr("karte.classes"), counts, key=key, persist_state=KEEP)
    remember("anzahl", k)
    key = restore("beschriftung", [True, False], True, url_state.yes_no)
    labels = cols[3].toggle(_tr("karte.labels"), key=key, persist_state=KEEP)
    remember("beschriftung", url_state.YES if labels else url_state.NO)
    notes = []
    if not official:
        notes.append(_tr("karte.geometry.missing"))
    if len(levels) == 1:
        notes.append(_tr("karte.level.unavailable"))
    return {
        "geometry": geometry,
        "level": level,
        "method": method,
        "k": int(k),
        "labels": labels,
        "notes": notes,
    }
