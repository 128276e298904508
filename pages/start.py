"""Start page: what is loaded (areas, indicators, periods, measures, demo or real, imports)."""

from __future__ import annotations

from functools import partial

import pandas as pd
import streamlit as st

from dashboard import config
from dashboard.ui import data, downloads
from dashboard.ui.format import fmt_date, fmt_number
from dashboard.ui.shell import data_status_badge, guarded, language, translator

tr = translator()
lang = language()
db = str(config.db_path())

with guarded():
    data.store()
    summary = data.summary(db)
    st.title(tr("app.title"))
    st.caption(tr("app.subtitle"))
    data_status_badge(summary)

    if not summary["observations"] and not summary["measures"]:
        st.info(tr("data.empty"))

    st.subheader(tr("start.loaded"))
    # a wrapping row: on narrow screens the figures move down instead of being cut off
    row = st.container(horizontal=True, gap="large")
    metric = partial(row.metric, width="content")
    period = (
        f"{summary['first_period']}–{summary['last_period']}" if summary["first_period"] else "–"
    )
    last_import = summary["last_import"]
    metric(tr("start.districts"), fmt_number(summary["districts"], lang=lang))
    metric(
        tr("start.indicators"),
        f"{summary['indicators_with_data']} / {summary['indicators']}",
        help=tr(
            "start.indicators_help",
            with_data=summary["indicators_with_data"],
            total=summary["indicators"],
        ),
    )
    metric(tr("start.periods"), period)
    metric(tr("start.measures"), fmt_number(summary["measures"], lang=lang))
    metric(tr("start.targets"), fmt_number(summary["targets"], lang=lang))
    metric(
        tr("start.last_import"),
        fmt_date(pd.Timestamp(last_import).date(), lang) if last_import else tr("start.none"),
    )

    st.subheader(tr("start.fields"))
    fields = data.catalogue(db, "field")
    goals = data.catalogue(db, "goal")
    indicators = data.catalogue(db, "indicator")
    top_level = goals[goals["parent_id"].isna()]
    counts = top_level.groupby(["field_id", "kind"]).size().unstack(fill_value=0)
    table = pd.DataFrame(
        {
            tr("col.field"): fields["id"],
            tr("col.title"): fields["title"],
            tr("col.kind"): fields["kind"].map(lambda k: tr(f"kind.{k}")),
        }
    )
    for kind, key in (
        ("leitziel", "col.leitziele"),
        ("teilziel", "col.teilziele"),
        ("umsetzungsperspektive", "col.umsetzung"),
        ("stadtteilziel", "col.stadtteilziele"),
    ):
        series = counts[kind] if kind in counts else pd.Series(dtype=int)
        table[tr(key)] = fields["id"].map(series).fillna(0).astype(int)
    table[tr("col.indicators")] = (
        fields["id"].map(indicators.groupby("field_id").size()).fillna(0).astype(int)
    )
    st.dataframe(table, hide_index=True, placeholder="–", width="stretch")
    downloads.offer(table, tr("dl.title.fields"), "start_fields")

    left, right = st.columns([2, 1])
    with left:
        st.subheader(tr("start.imports"))
        log = data.import_log(db)
        if log.empty:
            st.caption(tr("start.no_imports"))
        else:
            shown_log = pd.DataFrame(
                {
                    tr("col.when"): log["logged_at"].map(
                        lambda v: fmt_date(pd.Timestamp(v).to_pydatetime(), lang)
                    ),
                    tr("col.who"): log["actor"],
                    tr("col.file"): log["file"],
                    tr("col.importkind"): log["kind"],
                    tr("col.rows"): log["rows"],
                    tr("col.inserted"): log["inserted"],
                    tr("col.updated"): log["updated"],
                    tr("col.status"): log["status"],
                }
            )
            st.dataframe(shown_log, hide_index=True, placeholder="–", width="stretch")
            downloads.offer(shown_log, tr("dl.title.imports"), "start_imports")
    with right:
        st.subheader(tr("start.geometry"))
        layers = data.geometry_layers(db)
        shown_layers = pd.DataFrame(
            {
                tr("col.layer"): [tr(f"layer.{name}") for name in layers],
                tr("col.areas"): list(layers.values()),
            }
        )
        st.dataframe(shown_layers, hide_index=True, placeholder="–", width="stretch")
        downloads.offer(shown_layers, tr("dl.title.layers"), "start_layers")
