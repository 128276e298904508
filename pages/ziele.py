"""Ziel-Ist-Vergleich: targets, gaps and progress status per district and field of action."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import config
from dashboard.analysis import progress
from dashboard.analysis.gaps import PP, gap_table
from dashboard.escaping import user_markdown
from dashboard.present import export_frames as xf
from dashboard.present import progress_explain as pexplain
from dashboard.present import progress_labels as plabels
from dashboard.present import progress_tables as ptables
from dashboard.present.format import fmt_number
from dashboard.services import note_lines
from dashboard.ui import (
    data,
    downloads,
    matrix_pages,
    progress_data,
    progress_figures,
    progress_method,
    provenance_data,
    share,
    target_form,
    url_state,
)
from dashboard.ui.shell import data_status_badge, figure_row, guarded, language, translator

tr = translator()
lang = language()
db = str(config.db_path())
STATUSES = plabels.STATUS_ORDER


def _on_table_select() -> None:
    """A selected table row opens that target in the detail view."""
    rows = st.session_state["tabelle"].selection.get("rows", [])
    keys = st.session_state.get("_table_keys", [])
    if rows and rows[0] < len(keys):
        st.session_state["ziel"] = keys[rows[0]]


with guarded():
    data.store()
    summary = data.summary(db)
    labels = progress_data.labels(db)
    catalogue_indicators = data.catalogues(db).indicators
    st.title(tr("ziele.title"))
    st.caption(tr("ziele.caption"))
    data_status_badge(summary)

    # --- filters (all in the URL) -------------------------------------------------------------
    fields = list(labels["field"])
    areas = progress_data.matrix_areas(db)
    defaults = {"feld": "", "gebiet": "", "status": [], "methode": "destatis", "ohne_ziel": True}
    url_state.seed("ziele", "feld", fields, "")
    url_state.seed("ziele", "gebiet", areas, "")
    url_state.seed("ziele", "status", STATUSES, [], many=True)
    url_state.seed("ziele", "methode", progress.METHODS, "destatis")
    url_state.seed("ziele", "ohne_ziel", (), True, flag=True)
    cols = st.columns([2, 2, 3])
    field = cols[0].selectbox(
        tr("ziele.filter.field"), ["", *fields], key="feld",
        format_func=lambda f: f"{f} {labels['field'][f]}" if f else tr("ziele.all_fields"),
    )  # fmt: skip
    area = cols[1].selectbox(
        tr("ziele.filter.area"), ["", *areas], key="gebiet",
        format_func=lambda a: labels["area"].get(a, a) if a else tr("ziele.all_areas"),
    )  # fmt: skip
    statuses = cols[2].multiselect(
        tr("ziele.filter.status"),
        list(STATUSES),
        key="status",
        format_func=lambda s: plabels.status_text(s, tr),
        placeholder=tr("ziele.all_statuses"),
    )
    left, right = st.columns([2, 3], vertical_alignment="bottom")
    method = progress_method.choose(left, tr)
    implicit = right.toggle(
        tr("ziele.filter.implicit"), key="ohne_ziel", help=tr("ziele.implicit_help")
    )
    url_state.write_all(
        "ziele",
        {"feld": field, "gebiet": area, "status": statuses, "methode": method,
         "ohne_ziel": implicit},
        defaults,
    )  # fmt: skip
    progress_method.show(tr)

    # in the table's order: a filter keeps it, so no rerun sorts (at 100x ~0.6 s a click)
    assessments = progress_data.in_table_order(db, method, implicit)
    if assessments.empty:
        st.info(tr("ziele.no_targets"))
        target_form.manager(db, tr, lang)
        st.stop()

    # --- matrix ---------------------------------------------------------------------------
    st.subheader(tr("ziele.matrix"))
    st.caption(tr("ziele.matrix_help"))
    st.caption(  # the legend first: a reader needs it before the rows, not after 45 of them
        " · ".join(plabels.status_text(s, tr) for s in STATUSES) + " · " + tr("ziele.matrix_rule")
    )
    matrix = progress_data.matrix(db, method, implicit)
    # the filters filter the matrix too: the chosen area, field and the areas with the status
    shown_matrix = matrix
    if area:
        shown_matrix = shown_matrix[shown_matrix["area"] == area]
    if field:
        shown_matrix = shown_matrix[shown_matrix["field_id"] == field]
    if statuses:
        hit = shown_matrix.loc[shown_matrix["status"].isin(statuses), "area"]
        shown_matrix = shown_matrix[shown_matrix["area"].isin(set(hit))]
    st.caption(
        " · ".join(f"{f} {labels['field'][f]}" for f in dict.fromkeys(shown_matrix["field_id"]))
    )
    field_names = {f: f"{f} {labels['field'][f]}" for f in fields}
    if shown_matrix.empty:
        st.info(tr("ziele.empty_filter"))
    else:
        drawn, page = matrix_pages.matrix_page(shown_matrix, labels["area"], tr, lang)
        fig = progress_figures.heatmap(
            drawn,
            labels["area"],
            field_names,
            lang,
            selected=(area, field) if area and field else None,
            compact=True,
            source=(db, method, implicit, area, field, tuple(sorted(statuses or ())), page),
        )
        st.plotly_chart(
            fig,
            key=matrix_pages.MATRIX_KEY,
            on_select=matrix_pages.on_matrix_select,
            selection_mode="points",
            config={"displayModeBar": False},
        )
    downloads.offer(
        lambda m=shown_matrix, f=field_names: xf.matrix_frame(
            m, labels["area"], f, lambda s: plabels.status_text(s, tr), lang
        ),
        tr("dl.title.matrix"),
        "ziele_matrix",
    )

    # --- table --------------------------------------------------------------------------------
    shown = assessments
    if field:
        keys = set(matrix.loc[matrix["field_id"] == field, "keys"].explode().dropna())
        shown = shown[shown["key"].isin(keys) | (shown["field_id"] == field)]
    if area:
        shown = shown[shown["area"] == area]
    if statuses:
        shown = shown[shown["status"].isin(statuses)]
    st.subheader(tr("ziele.table", n=len(shown)))
    counts = shown["status"].value_counts()
    counts_row = figure_row()  # six columns stacked into six blocks on a phone
    for status in STATUSES:
        count = int(counts.get(status, 0))
        counts_row.metric(plabels.status_text(status, tr), count, width="content")
    if shown.empty:
        st.info(tr("ziele.empty_filter"))
    else:
        # rows a person can scan in the table and the picker; more also slow every rerun (at
        # 450 areas × 300 indicators there are ~86,000); the download always holds every row
        limit = int(config.get("table_limit"))
        listed = shown.head(limit)
        if len(shown) > limit:
            st.caption(
                tr(
                    "ziele.table_limited",
                    shown=fmt_number(limit, lang=lang),
                    total=fmt_number(len(shown), lang=lang),
                )
            )
            wanted = url_state.raw("ziel")  # a deep link beyond the limit still opens
            listed = pd.concat([listed, shown[shown["key"] == wanted].iloc[:1]])
            listed = listed[~listed["key"].duplicated()]
        listed = progress_data.with_details(db, method, implicit, listed)  # reasons, detail
        selection = (db, method, progress_data.digest(listed["key"]))  # names the rows
        table = progress_figures.display_table(listed, labels, lang, source=selection)
        local_notes = note_lines.shown_notes(data.store())  # "Einordnung vor Ort" per row
        table["notes"] = note_lines.row_notes(
            local_notes, listed["area"], listed["indicator_id"], listed.get("goal_id"), lang
        )
        st.session_state["_table_keys"] = list(table["key"])
        st.dataframe(
            # no pandas Styler: formatting every cell of ~800 rows took ~160 ms a rerun; whole
            # percent need no decimal sign, so the browser's format reads right in both languages
            table.drop(columns="key"),
            hide_index=True, placeholder="–", key="tabelle", on_select=_on_table_select,
            selection_mode="single-row",
            column_config={
                "indicator": st.column_config.TextColumn(tr("zi.col.indicator"), width=280),
                "area": tr("zi.col.area"), "field": tr("zi.col.field_short"),
                "target": st.column_config.TextColumn(tr("zi.col.target"), width=300),
                "actual": tr("zi.col.actual"), "gap": tr("zi.col.gap"),
                "gap_relative": st.column_config.NumberColumn(
                    tr("zi.col.gap_relative"), help=tr("zi.col.gap_relative_help"),
                    format="%.0f %%"),
                "status": tr("col.status"),
                "trend": st.column_config.LineChartColumn(tr("zi.col.trend")),
                "years": st.column_config.TextColumn(tr("zi.col.years"),
                                                     help=tr("zi.col.years_help")),
                "reason": st.column_config.TextColumn(tr("zi.col.reason"), width="large"),
                "notes": st.column_config.TextColumn(tr("notes.export.col"), width="large"),
            },
        )  # fmt: skip
        table_sources = downloads.indicator_sources(catalogue_indicators, shown["indicator_id"])
        keys = shown.rename(columns={"area": "area_code"})
        add_details = progress_data.details(db, method, implicit)  # on download, for all rows
        downloads.offer(
            provenance_data.with_column(
                lambda f=shown, n=local_notes, add=add_details: (
                    ptables.download_table(add(f), labels, tr, lang)
                ).assign(
                    **{
                        tr("notes.export.col"): note_lines.row_notes(
                            n, f["area"], f["indicator_id"], f.get("goal_id"), lang
                        )
                    }
                ),
                keys,
                lang,
            ),
            tr("dl.title.targets"),
            "ziele_tabelle",
            table_sources,
            stem="ziel_ist_vergleich",
        )

        # --- detail of one target -------------------------------------------------------------
        st.subheader(tr("ziele.detail"))
        keys = list(listed["key"])
        url_state.seed("ziele", "ziel", keys, keys[0])
        if st.session_state["ziel"] not in keys:
            st.session_state["ziel"] = keys[0]
        by_key = listed.set_index("key", drop=False)

        # every option's text in one pass over the columns (a .loc per option cost ~0.2 ms
        # each, for up to 1,000 options on every rerun)
        option_texts = {
            k: f"{plabels.status_symbol(status)} {ptables.series_label(iid, grp, labels)}"
            f" · {labels['area'].get(area_code, area_code)}"
            for k, status, iid, grp, area_code in zip(
                listed["key"],
                listed["status"],
                listed["indicator_id"],
                listed["grp"],
                listed["area"],
                strict=True,
            )
        }
        choice = st.selectbox(
            tr("ziele.pick"), keys, key="ziel", format_func=option_texts.__getitem__
        )
        url_state.write("ziele", "ziel", choice)
        row = by_key.loc[choice]
        ind = labels["indicator"][row["indicator_id"]]
        unit, decimals = str(ind["unit"]), int(ind["decimals"])
        gap_unit = PP if row["type"] == "parity" else unit
        result, track = row["result"], row["track"]
        st.markdown(
            f"**{ind['name']}** – {labels['area'].get(row['area'], row['area'])}"
            + (
                f" ({labels['group'].get(row['grp'], row['grp'])})"
                if row["grp"] != "insgesamt"
                else ""
            )
        )
        st.caption(
            tr("zi.col.target")
            + ": "
            + ptables.target_description(row, labels, tr, lang)
            + (f" – {user_markdown(row['note'])}" if row["note"] else "")
        )
        figures = figure_row()
        figures.metric(
            tr("zi.col.actual"),
            plabels.fmt_value(row["actual"], unit, decimals, lang, tr),
            help=tr("ziele.period", period=row["period"]) if pd.notna(row["period"]) else None,
            width="content",
        )
        figures.metric(
            tr("zi.col.target"),
            ptables.target_value_text(row, labels, tr, lang),
            help=ptables.target_description(row, labels, tr, lang),
            width="content",
        )
        gap = ptables.gap_text(row, labels, tr, lang)
        figures.metric(tr("zi.col.gap"), gap, help=tr("zi.col.gap_help"), width="content")
        years = ptables.years_text(row, tr, lang)
        figures.metric(tr("zi.col.years"), years, help=tr("zi.col.years_help"), width="content")
        status = f"**{tr('col.status')}**  \n" + plabels.status_markdown(result.code, tr)
        figures.markdown(status, width="content")
        left, right = st.columns([3, 2])
        with left:
            names = {
                "actual": ptables.series_label(row["indicator_id"], row["grp"], labels),
                "reference": ptables.reference_label(row, labels),
            }
            fig = progress_figures.trajectory_chart(
                track, result, names, unit, decimals, lang, source=(db, method, choice)
            )
            st.plotly_chart(fig, key="verlauf", config={"displayModeBar": False})
            sources = downloads.indicator_sources(catalogue_indicators, [row["indicator_id"]])
            track_keys = provenance_data.keys_for(
                catalogue_indicators,
                [row["indicator_id"]] * len(gap_table(track)),
                [row["area"]] * len(gap_table(track)),
                gap_table(track)["period"],
                row["grp"],
            )
            downloads.offer(
                provenance_data.with_column(
                    lambda tk=track: xf.gap_frame(gap_table(tk), None, lang), track_keys, lang
                ),
                tr("dl.title.trajectory", indicator=ind["short"]),
                "ziele_verlauf",
                sources,
            )
        with right, st.container(border=True):
            st.markdown(f"**{tr('ziele.why')}**")
            lines = pexplain.explain_lines(result, gap_unit, decimals, lang, tr, row["implicit"])
            st.markdown("\n".join(f"- {line}" for line in lines))
        history = progress.status_history(track, method, progress.settings())
        if history:
            st.markdown(f"**{tr('ziele.history')}**")
            st.caption(tr("ziele.history_help"))
            fig = progress_figures.history_chart(history, lang, source=(db, method, choice))
            st.plotly_chart(fig, key="historie", config={"displayModeBar": False})
            downloads.offer(
                pd.DataFrame(
                    {
                        tr("zi.col.period"): [s.period for s in history],
                        tr("col.status"): [plabels.status_text(s.code, tr) for s in history],
                    }
                ),
                tr("dl.title.history", indicator=ind["short"]),
                "ziele_historie",
            )
        with st.expander(tr("ziele.values_per_year")):
            table = gap_table(track)
            st.dataframe(
                pd.DataFrame(
                    {
                        tr("zi.col.period"): table["period"],
                        tr("zi.col.actual"): table["actual"].map(
                            lambda v: plabels.fmt_value(v, unit, decimals, lang, tr)
                        ),
                        tr("zi.col.reference"): table["reference"].map(
                            lambda v: plabels.fmt_value(v, unit, decimals, lang, tr)
                        ),
                        tr("zi.col.gap"): table["absolute"].map(
                            lambda v: plabels.fmt_value(v, gap_unit, decimals, lang, tr)
                        ),
                        tr("col.status"): [plabels.status_text(s.code, tr) for s in history],
                    }
                ),
                hide_index=True,
                placeholder="–",
            )
            per_year = [plabels.status_text(s.code, tr) for s in history]
            downloads.offer(
                provenance_data.with_column(
                    lambda g=table, s=per_year: xf.gap_frame(g, s, lang), track_keys, lang
                ),
                tr("dl.title.trajectory", indicator=ind["short"]),
                "ziele_werte",
                sources,
            )

        # --- bullet charts ----------------------------------------------------------------------
        targets_shown = progress_data.with_details(db, method, implicit, shown[~shown["implicit"]])
        bullets = ptables.bullet_rows(targets_shown, labels, tr, lang)
        if not bullets.empty:
            st.subheader(tr("ziele.bullets"))
            st.caption(tr("ziele.bullets_help"))
            st.plotly_chart(progress_figures.bullet_chart(bullets, lang), key="bullets",
                            config={"displayModeBar": False})  # fmt: skip
            downloads.offer(
                lambda b=bullets: xf.bullets_frame(b, lambda s: plabels.status_text(s, tr), lang),
                tr("dl.title.bullets"),
                "ziele_bullets",
            )

    # --- targets management ---------------------------------------------------------------------
    st.divider()
    target_form.manager(db, tr, lang)
    share.share_box("ziele", tr)  # links: short link and iframe snippet
