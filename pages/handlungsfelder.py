"""Handlungsfelder: the Leitbild as a tree (field → Leitziel → Teilziel) with statuses and flags."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd
import streamlit as st

from dashboard import config
from dashboard.analysis import goal_rollup, progress
from dashboard.analysis.gaps import CITY
from dashboard.escaping import user_markdown
from dashboard.present import progress_explain as pexplain
from dashboard.present import progress_labels as plabels
from dashboard.present import progress_tables as ptables
from dashboard.present.format import fmt_number, styled
from dashboard.ui import data, downloads, progress_data, progress_method, share, url_state
from dashboard.ui.shell import data_status_badge, guarded, language, translator

tr = translator()
lang = language()
db = str(config.db_path())
STATUSES = goal_rollup.STATUS_ORDER


def counts_text(node: Mapping[str, Any]) -> str:
    """'Punktwert 1,3 aus 4 Bewertungen: 2 ☀ auf Kurs, 1 ⚡ falsche Richtung, …'."""
    if not node["n_items"]:
        return tr("hf.no_assessment")
    parts = ", ".join(
        f"{int(node['n_' + s])} {plabels.status_text(s, tr)}" for s in STATUSES if node["n_" + s]
    )
    n = tr("hf.n_one") if node["n_items"] == 1 else tr("hf.n_many", n=int(node["n_items"]))
    if node["score"] is None or pd.isna(node["score"]):
        return tr("hf.counts_only", n=n, parts=parts)
    return tr("hf.counts", score=fmt_number(node["score"], 1, lang), n=n, parts=parts)


def measures_text(node: Mapping[str, Any]) -> str:
    """Measures beside the status: '3 laufend, 1 abgeschlossen (Ø Fortschritt 40 %)'."""
    if not node["n_measures"]:
        return tr("hf.no_measures")
    parts = ", ".join(
        f"{int(node['m_' + s])} {tr('zi.measure.' + s)}"
        for s in goal_rollup.MEASURE_STATUSES
        if node["m_" + s]
    )
    progress_part = ""
    if node["measure_progress"] is not None and not pd.isna(node["measure_progress"]):
        progress_part = tr("hf.progress", value=fmt_number(node["measure_progress"], 0, lang))
    return tr("hf.measures", parts=parts) + progress_part


def flags_text(flags: list[str]) -> str:
    """Flags as coloured markdown."""
    return " ".join(f":orange[:material/warning: {tr('zi.flag.' + f)}]" for f in flags)


def item_text(row: Mapping[str, Any]) -> str:
    """One linked assessment: status, series, area, short reason."""
    name = ptables.series_label(row["indicator_id"], row["grp"], labels)
    where = labels["area"].get(row["area"], row["area"])
    kind = (
        tr("hf.implicit") if row["implicit"] else ptables.target_description(row, labels, tr, lang)
    )
    return (
        f"{plabels.status_markdown(row['status'], tr)} {name} · {where} · {kind} — "
        f"*{pexplain.short_reason(row['result'], tr, lang)}*"
    )


def goal_block(node: Mapping[str, Any]) -> str:
    """Markdown of one goal: status, our summary of its text, indicators, measures, flags."""
    goal = labels["goal"][node["node_id"]]
    indent = "    " * (int(node["depth"]) - 1)
    kind = tr(f"zi.goalkind.{goal['kind']}")
    head = (
        f"{indent}- {plabels.status_markdown(node['status'], tr)} **{kind} {goal['number']}**"
        f" – {goal['label']}"
    )
    if not node["n_items"] and not node["own_measures"] and list(node["flags"]) == ["no_indicator"]:
        # nothing measured and nothing done: one line is enough
        return f"{head} · :gray[{tr('zi.flag.no_indicator')}]"
    lines = [head, f"{indent}    - {counts_text(node)}"]
    # rows in the assessments' order, from the lookup built once per rerun (see below)
    positions = sorted({i for k in node["own_keys"] for i in rows_of_key.get(k, ())})
    own = [assessment_rows[i] for i in positions]
    for row in own:
        lines.append(f"{indent}    - {item_text(row)}")
    missing = [i for i in node["indicators"] if i not in {r["indicator_id"] for r in own}]
    if missing:
        names = ", ".join(labels["indicator"][i]["short"] for i in missing)
        lines.append(f"{indent}    - {tr('hf.indicators_without', names=names)}")
    if node["own_measures"]:
        titles = "; ".join(
            f"{user_markdown(measure_titles.get(m, m))} "
            f"({tr('zi.measure.' + measure_status.get(m, ''))})"
            for m in node["own_measures"]
        )
        lines.append(f"{indent}    - {tr('hf.linked_measures', titles=titles)}")
    if node["flags"]:
        lines.append(f"{indent}    - {flags_text(node['flags'])}")
    return "\n".join(lines)


with guarded():
    data.store()
    summary = data.summary(db)
    labels = progress_data.labels(db)
    st.title(tr("hf.title"))
    st.caption(tr("hf.caption"))
    data_status_badge(summary)

    areas = progress_data.matrix_areas(db)
    fields = list(labels["field"])
    defaults = {"gebiet": CITY, "feld": "", "methode": "destatis", "ohne_ziel": True,
                "hinweise": False}  # fmt: skip
    url_state.seed("handlungsfelder", "gebiet", areas, CITY)
    url_state.seed("handlungsfelder", "feld", fields, "")
    url_state.seed("handlungsfelder", "methode", progress.METHODS, "destatis")
    url_state.seed("handlungsfelder", "ohne_ziel", (), True, flag=True)
    url_state.seed("handlungsfelder", "hinweise", (), False, flag=True)
    cols = st.columns([2, 2, 3])
    area = (
        cols[0].selectbox(
            tr("ziele.filter.area"),
            areas,
            key="gebiet",
            format_func=lambda a: labels["area"].get(a, a),
        )
        or CITY
    )
    field = cols[1].selectbox(
        tr("hf.filter.field"), ["", *fields], key="feld",
        format_func=lambda f: f"{f} {labels['field'][f]}" if f else tr("hf.all_fields_open"),
    )  # fmt: skip
    method = progress_method.choose(cols[2], tr)
    t1, t2 = st.columns(2)
    implicit = t1.toggle(
        tr("ziele.filter.implicit"), key="ohne_ziel", help=tr("ziele.implicit_help")
    )
    only_flags = t2.toggle(tr("hf.filter.flags"), key="hinweise", help=tr("hf.filter.flags_help"))
    url_state.write_all(
        "handlungsfelder",
        {"gebiet": area, "feld": field, "methode": method, "ohne_ziel": implicit,
         "hinweise": only_flags},
        defaults,
    )  # fmt: skip

    nodes = progress_data.rollup(db, method, implicit, area)
    assessments = progress_data.selected(db, method, implicit)
    # goal_block lists each goal's own assessments: one pass here instead of a mask and a
    # to_dict per goal (hundreds of goals a rerun), only over the keys this area's goals own
    wanted = {k for keys in nodes["own_keys"] for k in keys}
    assessment_rows = assessments[assessments["key"].isin(wanted)].to_dict("records")
    rows_of_key: dict[object, list[int]] = {}
    for i, row in enumerate(assessment_rows):
        rows_of_key.setdefault(row["key"], []).append(i)
    measures = data.measures(db)
    measure_titles = dict(zip(measures["id"].astype(int), measures["title"], strict=True))
    measure_status = dict(zip(measures["id"].astype(int), measures["status"], strict=True))

    with st.expander(tr("hf.rule_title"), icon=":material/rule:"):
        st.markdown(tr("hf.rule"))

    # --- overview of the 12 fields ----------------------------------------------------------
    field_nodes = nodes[nodes["node_type"] == "field"].set_index("node_id")
    cover = progress_data.coverage(db, method, implicit)
    cover = cover[cover["area"] == area].set_index("field_id")
    st.subheader(tr("hf.overview", area=labels["area"].get(area, area)))
    goal_nodes = nodes[nodes["node_type"] != "field"].drop_duplicates("node_id")

    def flagged(fid: str, flags: tuple[str, ...]) -> int:
        part = goal_nodes[goal_nodes["field_id"] == fid]
        return int(part["flags"].map(lambda f: any(x in flags for x in f)).sum())

    def score_of(fid: str) -> float:
        value = field_nodes.loc[fid, "score"]
        return float("nan") if value is None or pd.isna(value) else float(value)

    overview = pd.DataFrame({
        tr("col.field"): fields,
        tr("col.title"): [labels["field"][f] for f in fields],
        tr("col.status"): [plabels.status_text(field_nodes.loc[f, "status"], tr)
                           for f in fields],
        tr("hf.col.score"): [score_of(f) for f in fields],
        # what the review asks first (status, coverage, what to watch) before the counts: at
        # 1440 px the last columns sit behind the table's horizontal scroll
        tr("hf.col.coverage"): [float(cover.loc[f, "share_assessed"]) * 100
                                if f in cover.index else 0.0 for f in fields],
        tr("hf.col.attention"): [
            flagged(f, ("off_track_no_measure", "completed_not_moving")) for f in fields],
        tr("hf.col.assessments"): [int(field_nodes.loc[f, "n_items"]) for f in fields],
        tr("hf.col.running"): [int(field_nodes.loc[f, "n_active"]) for f in fields],
        tr("hf.col.completed"): [int(field_nodes.loc[f, "n_completed"]) for f in fields],
        tr("hf.col.no_indicator"): [flagged(f, ("no_indicator",)) for f in fields],
    })  # fmt: skip
    st.dataframe(
        styled(overview, {tr("hf.col.score"): 1}, lang),
        hide_index=True,
        placeholder="–",
        height=35 * (len(fields) + 1) + 3,
        column_config={
            tr("hf.col.score"): st.column_config.NumberColumn(help=tr("hf.col.score_help")),
            tr("hf.col.attention"): st.column_config.NumberColumn(
                help=tr("hf.col.attention_help")),
            tr("hf.col.coverage"): st.column_config.ProgressColumn(
                format="%.0f %%", min_value=0, max_value=100, help=tr("hf.col.coverage_help")),
        },
    )  # fmt: skip
    area_name = labels["area"].get(area, area)
    downloads.offer(overview, tr("dl.title.overview", area=area_name), "hf_overview")

    # --- the tree -------------------------------------------------------------------------------
    st.subheader(tr("hf.tree"))
    for fid in fields:
        fnode = field_nodes.loc[fid]
        title = (
            f"{plabels.status_symbol(fnode['status'])} {fid} "
            f"{labels['field_title'][fid]} — {tr(plabels.status_key(fnode['status']))}"
        )
        with st.expander(title, expanded=field == fid):
            st.markdown(plabels.status_markdown(fnode["status"], tr) + " · " + counts_text(fnode))
            st.caption(measures_text(fnode) + " · " + tr("hf.measures_beside"))
            if fid in cover.index:
                c = cover.loc[fid]
                st.caption(
                    tr(
                        "hf.coverage_line",
                        goals=int(c["goals"]),
                        with_indicator=int(c["with_indicator"]),
                        assessed=int(c["assessed"]),
                    )
                )
            if fnode["flags"]:
                st.markdown(flags_text(fnode["flags"]))
            part = nodes[(nodes["field_id"] == fid) & (nodes["node_type"] != "field")]
            if only_flags:
                part = part[part["flags"].map(bool)]
                if part.empty:
                    st.caption(tr("hf.no_flags"))
            if only_flags:
                # without the tree around them, flagged goals are listed flat
                part = part.assign(depth=1)
            # plain dict rows: a Series per goal and per assessment cost ~0.4 ms each (hundreds a
            # rerun, expanders are drawn closed too)
            st.markdown("\n".join(goal_block(node) for node in part.to_dict("records")))

    # --- coverage report per district -------------------------------------------------------
    st.subheader(tr("hf.coverage_title"))
    st.caption(tr("hf.coverage_help"))
    full = progress_data.coverage(db, method, implicit)
    pivot = (
        full.pivot(index="area", columns="field_id", values="share_assessed").reindex(
            index=areas, columns=fields
        )
        * 100
    )
    pivot.index = [labels["area"].get(a, a) for a in pivot.index]
    st.dataframe(
        pivot,
        placeholder="–",
        column_config={
            f: st.column_config.ProgressColumn(
                f"{f}", format="%.0f %%", min_value=0, max_value=100, help=labels["field"][f]
            )
            for f in fields
        },
    )
    downloads.offer(
        lambda p=pivot: p.rename_axis(tr("stadtteil.col.area")).reset_index(),
        tr("dl.title.coverage"),
        "hf_coverage",
    )
    share.share_box("handlungsfelder", tr)  # links: short link and iframe snippet
