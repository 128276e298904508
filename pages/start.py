"""Start page: the Leitbild at a glance (per field, focus districts, what changed since last
month), "Mein Stadtteil" (?stadtteil=) and, folded away, what is loaded."""

from __future__ import annotations

from functools import partial

import pandas as pd
import streamlit as st

from dashboard import clock, config
from dashboard.analysis import glance
from dashboard.analysis import profile as prof
from dashboard.present.format import fmt_date, fmt_number
from dashboard.ui import (
    data,
    downloads,
    glossary,
    links,
    progress_data,
    share,
    start_tables,
    url_state,
    whats_new_view,
)
from dashboard.ui import measure_views as views
from dashboard.ui.shell import data_status_badge, guarded, language, translator
from dashboard.ui.tables import show_table

tr = translator()
lang = language()
db = str(config.db_path())
METHOD = "destatis"


def counts_text(counts: dict[str, int]) -> str:
    """'3 auf Kurs, 2 abseits, 5 ohne Daten'."""
    return tr("start.glance.counts", good=counts["good"], off=counts["off"], none=counts["none"])


def my_district(names: dict[str, str], districts: list[str]) -> None:
    """'Mein Stadtteil': a picker remembered in the URL (?stadtteil=), with its on-track line."""
    st.subheader(tr("start.mine"))
    url_state.restore("start", "stadtteil", "start_district", districts, None)
    code = st.selectbox(
        tr("start.mine.pick"),
        districts,
        index=None,
        key="start_district",
        format_func=lambda c: f"{names[c]} ({c})",
        placeholder=tr("start.mine.placeholder"),
        help=tr("start.mine.help"),
    )
    url_state.write("start", "stadtteil", code)
    if code is not None:
        district_line(code, names[code])
        whats_new_view.section(db, code, names[code], tr, lang)  # "Neu seit …"


def district_line(code: str, name: str) -> None:
    """One line per district: how many of its target values are on track, and a link."""
    mine = progress_data.area_assessments(db, METHOD, code)  # the district's alone: cheap
    counts = glance.target_counts(mine["status"])
    st.markdown(tr("start.district_line", name=name, n=counts["total"], counts=counts_text(counts)))
    links.page_link(
        "stadtteil.py",
        "stadtteil",
        tr("start.open_district", name=name),
        ":material/location_city:",
        {"stadtteil": code},
    )


def at_a_glance() -> None:
    """One headline sentence per field of action (goals on track / off / no data)."""
    fields = data.catalogues(db).frames["field"]
    table = start_tables.goal_counts(db)
    total = {g: int(table[g].sum()) for g in (*glance.GROUPS, "total")}
    st.subheader(tr("start.glance"))
    st.markdown(tr("start.glance.total", n=total["total"], counts=counts_text(total)))
    st.caption(tr("start.glance.help"))
    lines = []
    for fid, title in zip(fields["id"], fields["title"], strict=True):
        row = table.loc[fid]
        lines.append(
            f"- **{fid} {title}**: "
            + tr("start.glance.field", n=int(row["total"]), counts=counts_text(row.to_dict()))
        )
    st.markdown("\n".join(lines))
    links.page_link(
        "handlungsfelder.py", "handlungsfelder", tr("start.open_fields"), ":material/account_tree:"
    )


def focus(names: dict[str, str], districts: tuple[str, ...]) -> None:
    """The catalogue's focus districts, each with its on-track line and a link."""
    st.subheader(tr("start.focus"))
    for code in districts:
        if code in names:
            district_line(code, names[code])


def changed() -> None:
    """What changed in the last month: imports and measure entries."""
    today = clock.today()
    st.subheader(tr("start.changed"))
    log = glance.recent(data.import_log(db, 200), "logged_at", today)
    start = today - pd.Timedelta(days=glance.RECENT_DAYS - 1)
    n_events, counts = views.change_counts(db, start, today)
    files = ", ".join(dict.fromkeys(start_tables.file_labels(log)))[:200]
    one = "_one" if len(log) == 1 else ""
    items = [
        tr("start.changed.imports" + one, n=len(log), files=files)
        if len(log)
        else tr("start.changed.no_imports"),
        tr("start.changed.measures", n=n_events, new=counts["new"], status=counts["status"]),
    ]
    st.markdown("\n".join(f"- {item}" for item in items))
    st.caption(tr("start.changed.since", date=fmt_date(start, lang)))
    links.page_link("review.py", "review", tr("start.open_review"), ":material/event_note:")


def inventory(summary: dict) -> None:
    """What is loaded: counts, fields, import log, map layers."""
    key_figures(summary)
    fields_table()
    left, right = st.columns([2, 1])
    with left:
        import_table()
    with right:
        layers_table()


def key_figures(summary: dict) -> None:
    """Districts, indicators with data, periods, measures, targets and the last import."""
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


def fields_table() -> None:
    """Per field of action: kind, goals per level and indicators."""
    st.subheader(tr("start.fields"))
    table = start_tables.fields(db, lang)
    show_table(table, hide_index=True, placeholder="–", width="stretch")
    downloads.offer(table, tr("dl.title.fields"), "start_fields")


def import_table() -> None:
    """The newest imports: when, who, file, kind and row counts."""
    st.subheader(tr("start.imports"))
    shown_log = start_tables.imports(db, lang)
    if shown_log.empty:
        st.caption(tr("start.no_imports"))
        return
    show_table(shown_log, hide_index=True, placeholder="–", width="stretch")
    downloads.offer(shown_log, tr("dl.title.imports"), "start_imports")


def layers_table() -> None:
    """The map layers and how many areas each has."""
    st.subheader(tr("start.geometry"))
    shown_layers = start_tables.layers(db, lang)
    show_table(shown_layers, hide_index=True, placeholder="–", width="stretch")
    downloads.offer(shown_layers, tr("dl.title.layers"), "start_layers")


with guarded():
    data.store()
    summary = data.summary(db)
    catalogue_ = data.catalogues(db)
    names_ = dict(zip(catalogue_.areas["code"], catalogue_.areas["name"], strict=True))
    st.title(tr("app.title"))
    st.caption(tr("app.subtitle"))
    data_status_badge(summary)
    if not summary["observations"] and not summary["measures"]:
        st.info(tr("data.empty"))
    # "Mein Stadtteil" first: on a phone the columns stack and a district network finds its
    # entry without scrolling past the twelve fields
    left, right = st.columns([2, 3], gap="large")
    with left:
        my_district(names_, prof.district_codes(catalogue_.areas))
        focus(names_, catalogue_.focus_districts())
        changed()
    with right:
        at_a_glance()
    glossary.section(tr, lang)
    with st.expander(tr("start.loaded")):
        inventory(summary)
    share.share_box("start", tr)  # links: short link and iframe snippet
