"""The start page's tables, built once per language and data version instead of on every click.

Catalogue, import log and map layers change only with an import or a catalogue change, which
moves the data version and clears these caches; the goal counts follow target and measure writes
(registered with both).
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.analysis import glance
from dashboard.analysis.gaps import CITY
from dashboard.present.format import fmt_date, fmt_number
from dashboard.ui import data, progress_data
from dashboard.ui.shell import translator

METHOD = "destatis"
GOAL_KINDS = (
    ("leitziel", "col.leitziele"),
    ("teilziel", "col.teilziele"),
    ("umsetzungsperspektive", "col.umsetzung"),
    ("stadtteilziel", "col.stadtteilziele"),
)


@st.cache_data(ttl=data.TTL_SECONDS, show_spinner=False)
def fields(path: str, lang: str) -> pd.DataFrame:
    """Per field of action: kind, goals per level and indicators (``lang`` keys the cache)."""
    tr = translator()
    field = data.catalogue(path, "field")
    goals = data.catalogue(path, "goal")
    indicators = data.catalogue(path, "indicator")
    top_level = goals[goals["parent_id"].isna()]
    counts = top_level.groupby(["field_id", "kind"]).size().unstack(fill_value=0)
    table = pd.DataFrame(
        {
            tr("col.field"): field["id"],
            tr("col.title"): field["title"],
            tr("col.kind"): field["kind"].map(lambda k: tr(f"kind.{k}")),
        }
    )
    for kind, key in GOAL_KINDS:
        series = counts[kind] if kind in counts else pd.Series(dtype=int)
        table[tr(key)] = field["id"].map(series).fillna(0).astype(int)
    table[tr("col.indicators")] = (
        field["id"].map(indicators.groupby("field_id").size()).fillna(0).astype(int)
    )
    return table


def file_labels(log: pd.DataFrame) -> list[str]:
    """The imports' file names; the demo seed (logged as "Demodaten") in the UI language."""
    tr = translator()
    return [
        tr("data.demo") if kind == "demo" else name
        for name, kind in zip(log["file"], log["kind"], strict=True)
    ]


@st.cache_data(ttl=data.TTL_SECONDS, show_spinner=False)
def imports(path: str, lang: str) -> pd.DataFrame:
    """The newest imports: when, who, file, kind and row counts (empty: none yet)."""
    tr = translator()
    log = data.import_log(path)
    if log.empty:
        return pd.DataFrame()
    return pd.DataFrame(
        {
            tr("col.when"): log["logged_at"].map(
                lambda v: fmt_date(pd.Timestamp(v).to_pydatetime(), lang)
            ),
            tr("col.who"): log["actor"],
            tr("col.file"): file_labels(log),
            tr("col.importkind"): log["kind"],
            tr("col.rows"): log["rows"].map(lambda v: fmt_number(v, lang=lang)),
            tr("col.inserted"): log["inserted"].map(lambda v: fmt_number(v, lang=lang)),
            tr("col.updated"): log["updated"].map(lambda v: fmt_number(v, lang=lang)),
            tr("col.status"): log["status"],
        }
    )


@st.cache_data(ttl=data.TTL_SECONDS, show_spinner=False)
def layers(path: str, lang: str) -> pd.DataFrame:
    """The map layers and how many areas each has."""
    tr = translator()
    found = data.geometry_layers(path)
    return pd.DataFrame(
        {
            tr("col.layer"): [tr(f"layer.{name}") for name in found],
            tr("col.areas"): list(found.values()),
        }
    )


@data.register_cache
@progress_data.measure_dependent
@st.cache_data(ttl=data.TTL_SECONDS, show_spinner=False)
def goal_counts(path: str) -> pd.DataFrame:
    """Goals per field of the city by status group (glance.field_counts of the city's roll-up)."""
    field_ids = list(data.catalogue(path, "field")["id"])
    return glance.field_counts(progress_data.rollup(path, METHOD, True, CITY), field_ids)
