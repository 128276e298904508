"""The measures register: cached data, filters and search, the table, the detail and history.

Pure helpers (filtering, search, links, table and timeline rows) come first; the Streamlit
parts below only arrange them. Links follow the app's URL scheme: ``/massnahmen?id=<id>``,
``/stadtteil?stadtteil=<code>`` and ``/handlungsfelder?ziel=<goal id>``.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable, Mapping
from typing import Any
from urllib.parse import quote

import pandas as pd
import streamlit as st

from dashboard import config
from dashboard.analysis.lateness import (
    DEFAULT_REVIEW_DAYS,
    FLAGS,
    REVIEW_DAYS_SETTING,
    has_any_flag,
    with_lateness,
)
from dashboard.analysis.review import CATEGORIES, describe_changes, flag_texts, parse_changes
from dashboard.auth import guard
from dashboard.config import PROJECT_ROOT
from dashboard.errors import LeitbildError
from dashboard.escaping import user_markdown
from dashboard.exports import export_tables, to_csv, to_xlsx
from dashboard.imports import check_file, problems_frame
from dashboard.ingest.measures import STATUSES
from dashboard.present.format import fmt_date
from dashboard.ui import actors, data, downloads, login
from dashboard.ui.measure_form import FORM_FIELDS, display_value

LOG = logging.getLogger(__name__)
TTL_SECONDS = data.TTL_SECONDS
PAGES_DIR = PROJECT_ROOT / "pages"
CITY_WIDE = "stadtweit"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SEARCH_COLUMNS = (
    "title", "description", "organisation", "contact", "partners", "notes", "next_step", "origin",
)  # fmt: skip
KIND_ICONS = {
    "angelegt": ":material/add_circle:", "status": ":material/swap_horiz:",
    "geändert": ":material/edit:", "geprüft": ":material/fact_check:",
    "kommentar": ":material/chat:", "archiviert": ":material/archive:",
    "wiederhergestellt": ":material/unarchive:",
}  # fmt: skip
FLAG_COLORS = {
    "overdue": "red", "started_late": "orange", "next_step_overdue": "orange",
    "needs_review": "violet", "finished_late": "gray",
}  # fmt: skip


# --- cached data ----------------------------------------------------------------------------
@st.cache_data(ttl=TTL_SECONDS, show_spinner=False)
def measures(path: str, include_archived: bool = False) -> pd.DataFrame:
    """Measures with links (archived ones on request)."""
    return data.get_store(path).measures(include_archived)


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False)
def events(path: str) -> pd.DataFrame:
    """The complete event history of all measures."""
    return data.get_store(path).measure_events()


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False)
def organisations(path: str) -> pd.DataFrame:
    """All organisations (id, name, kind)."""
    return data.get_store(path).organisations()


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False)
def protocols(path: str) -> pd.DataFrame:
    """Stored review protocols, newest first."""
    return data.get_store(path).protocols()


def clear_caches() -> None:
    """Drop every cached result after a write (the shared ones and this module's)."""
    data.clear_caches()
    for fn in (measures, events, organisations, protocols):
        fn.clear()


def off_track_goals(path: str) -> set[str] | None:
    """Goals (not fields) whose targets are off track or moving the wrong way, city view.

    Uses the goal roll-up of the Ziele pages over explicit targets (Destatis method); district
    goals count in their own district. None when the assessment is unavailable: the review
    then says so and still shows everything else.
    """
    try:
        from dashboard.analysis.goal_rollup import BAD
        from dashboard.ui import progress_data

        tree = progress_data.rollup(path, "destatis", False)
    except Exception:  # the review must stay usable even if the goal assessment fails
        LOG.exception("goal assessment unavailable for the weekly review")
        return None
    if tree.empty:
        return set()
    bad = (tree["node_type"] != "field") & tree["status"].isin(BAD)
    return set(tree.loc[bad, "node_id"])


def review_days() -> int:
    """Days after which an open measure needs a review (setting, default 28)."""
    if REVIEW_DAYS_SETTING in config.SETTINGS:
        return int(config.get(REVIEW_DAYS_SETTING))
    return DEFAULT_REVIEW_DAYS


# --- pure helpers -------------------------------------------------------------------------------
def measure_url(mid: int) -> str:
    """Deep link to one measure."""
    return f"/massnahmen?id={int(mid)}"


def district_url(code: str, label: str | None = None) -> str:
    """Link to a district profile; ``label`` rides in the fragment for the table's link text."""
    url = f"/stadtteil?stadtteil={quote(str(code))}"
    return f"{url}#{quote(label)}" if label else url


def goal_url(goal_id: str, label: str | None = None) -> str:
    """Link to a goal in the goal tree (label in the fragment, as for districts)."""
    url = f"/handlungsfelder?ziel={quote(str(goal_id))}"
    return f"{url}#{quote(label)}" if label else url


def search_mask(frame: pd.DataFrame, query: str) -> pd.Series:
    """Rows whose text contains every word of the query (case-insensitive), or the id."""
    words = [w for w in query.lower().split() if w]
    if not words:
        return pd.Series(True, index=frame.index)
    cols = [c for c in SEARCH_COLUMNS if c in frame]
    text = (
        frame[cols].astype(object).where(frame[cols].notna(), "").astype(str).agg(" ".join, axis=1)
    )
    text = (text + " " + frame["id"].astype(str) + " " + frame["goals"].map(" ".join)).str.lower()
    mask = pd.Series(True, index=frame.index)
    for word in words:
        mask &= text.str.contains(word, regex=False)
    return mask


def filter_measures(
    frame: pd.DataFrame,
    fields: Iterable[str] = (),
    areas: Iterable[str] = (),
    organisations: Iterable[str] = (),
    statuses: Iterable[str] = (),
    lateness: Iterable[str] = (),
    goals: Iterable[str] = (),
    query: str = "",
) -> pd.DataFrame:
    """Measures matching every given filter (an empty filter matches all).

    Within one filter any value matches; ``areas`` may contain "stadtweit" for measures
    without districts; ``lateness`` takes flag names or "none" and needs lateness columns.
    """
    mask = pd.Series(True, index=frame.index)
    for column, wanted in (("fields", fields), ("goals", goals)):
        chosen = set(wanted)
        if chosen:
            mask &= frame[column].map(lambda items, c=chosen: bool(c & set(items)))
    chosen_areas = set(areas)
    if chosen_areas:
        city = CITY_WIDE in chosen_areas
        mask &= frame["areas"].map(
            lambda items: bool(chosen_areas & set(items)) or (city and len(items) == 0)
        )
    if set(organisations):
        mask &= frame["organisation_id"].isin(set(organisations))
    if set(statuses):
        mask &= frame["status"].isin(set(statuses))
    if list(lateness):
        mask &= has_any_flag(frame, list(lateness))
    mask &= search_mask(frame, query)
    return frame[mask]


def _first_link(
    items: Iterable[str], url: Callable[[str, str], str], names: Mapping[str, str]
) -> str | None:
    items = list(items)
    if not items:
        return None
    label = names.get(items[0], items[0]) + (f" +{len(items) - 1}" if len(items) > 1 else "")
    return url(items[0], label)


def register_rows(
    frame: pd.DataFrame,
    tr: Callable[..., str],
    area_names: Mapping[str, str],
    field_names: Mapping[str, str],
) -> pd.DataFrame:
    """The register as shown: one row per measure with links, flags and key dates."""
    flags = frame.apply(lambda r: ", ".join(tr(f"flag.short.{f}") for f in r["flags"]), axis=1)
    return pd.DataFrame(
        {
            "link": frame["id"].map(measure_url),
            "id": frame["id"].astype(int),
            "title": frame["title"],
            "status": frame["status"].map(lambda s: tr(f"status.{s}")),
            "progress": frame["progress"].astype(int),
            "flags": flags if len(frame) else pd.Series(dtype=str),
            "district": frame["areas"].map(lambda a: _first_link(a, district_url, area_names)),
            "areas": frame["areas"].map(
                lambda a: (
                    ", ".join(area_names.get(c, c) for c in a) if len(a) else tr("mn.citywide")
                )
            ),
            "goal": frame["goals"].map(lambda g: _first_link(g, goal_url, {})),
            "fields": frame["fields"].map(lambda f: ", ".join(field_names.get(i, i) for i in f)),
            "organisation": frame["organisation"],
            "planned_end": pd.to_datetime(frame["planned_end"]),
            "next_step": frame["next_step"],
            "next_step_date": pd.to_datetime(frame["next_step_date"]),
            "last_reviewed": pd.to_datetime(frame["last_reviewed"]),
        }
    ).reset_index(drop=True)


def timeline_rows(
    events: pd.DataFrame,
    field_labels: Mapping[str, str],
    fmt: Callable[[dt.date], str],
) -> list[dict[str, Any]]:
    """One measure's events, newest first, with a readable description of each change."""
    rows = []
    for ev in events.sort_values(["happened_at", "id"], ascending=False).to_dict("records"):
        changes = parse_changes(ev["changes"])
        quiet = ev["kind"] == "angelegt"
        comment = ev.get("comment")
        rows.append(
            {
                "at": pd.Timestamp(ev["happened_at"]).to_pydatetime(),
                "actor": ev["actor"],
                "kind": ev["kind"],
                "category": CATEGORIES.get(ev["kind"], "edit"),
                "text": "" if quiet else describe_changes(changes, field_labels, fmt),
                "comment": comment if isinstance(comment, str) and comment.strip() else None,
                "fields": sorted(changes),
            }
        )
    return rows


def field_labels(tr: Callable[..., str]) -> dict[str, str]:
    """Translated labels of measure fields and event kinds (for change descriptions)."""
    out = {name: tr(f"mf.{name}") for name in [*FORM_FIELDS, "archived"]}
    out.update({f"kind.{k}": tr(f"event.{k}") for k in KIND_ICONS})
    out["changed"] = tr("mn.changed")
    return out


# --- Streamlit: links, filters, table ------------------------------------------------------
def page_link(script: str, label: str, params: dict[str, str], icon: str | None = None) -> None:
    """A link to another page of the app that keeps the session; plain text if unavailable."""
    try:
        st.page_link(str(PAGES_DIR / script), label=label, query_params=params, icon=icon)
    except st.errors.StreamlitAPIException:
        # the page is not registered (not built yet, or the page runs on its own in a test)
        st.markdown(f"{label}")


def filter_panel(
    frame: pd.DataFrame,
    labels: dict[str, dict[str, str]],
    tr: Callable[..., str],
) -> dict[str, Any]:
    """Filters and search; presets come from the URL (?stadtteil=, ?ziel=, ?feld=, ?status=)."""
    qp = st.query_params
    area_opts = [CITY_WIDE, *sorted({a for items in frame["areas"] for a in items})]
    area_names = {CITY_WIDE: tr("mn.citywide"), **labels["areas"]}
    org_opts = sorted(set(frame["organisation_id"].dropna()), key=lambda o: labels[
        "organisation_id"].get(o, o))  # fmt: skip
    preset = {
        "areas": [a for a in qp.get_all("stadtteil") if a in area_opts],
        "goals": [g for g in qp.get_all("ziel") if g in labels["goals"]],
        "fields": [f for f in qp.get_all("feld") if f in labels["fields"]],
        "statuses": [s for s in qp.get_all("status") if s in STATUSES],
        "organisations": [o for o in qp.get_all("traeger") if o in org_opts],
        "lateness": [f for f in qp.get_all("verzug") if f in (*FLAGS, "none")],
    }
    if "mn.q" not in st.session_state:
        st.session_state["mn.q"] = qp.get("suche", "")
    query = st.text_input(
        tr("mn.filter.search"), key="mn.q", placeholder=tr("mn.filter.search.placeholder"),
        icon=":material/search:",
    )  # fmt: skip
    c = st.columns(5)
    out: dict[str, Any] = {"query": query or ""}
    out["fields"] = c[0].multiselect(
        tr("mf.fields"), list(labels["fields"]), default=preset["fields"], key="mn.f.fields",
        format_func=lambda i: labels["fields"].get(i, i), placeholder=tr("mn.filter.all"),
    )  # fmt: skip
    out["areas"] = c[1].multiselect(
        tr("mf.areas"), area_opts, default=preset["areas"], key="mn.f.areas",
        format_func=lambda a: area_names.get(a, a), placeholder=tr("mn.filter.all"),
    )  # fmt: skip
    out["organisations"] = c[2].multiselect(
        tr("mf.organisation_id"), org_opts, key="mn.f.orgs", placeholder=tr("mn.filter.all"),
        default=preset["organisations"],
        format_func=lambda o: labels["organisation_id"].get(o, o),
    )  # fmt: skip
    out["statuses"] = c[3].multiselect(
        tr("mf.status"), list(STATUSES), default=preset["statuses"], key="mn.f.status",
        format_func=lambda s: tr(f"status.{s}"), placeholder=tr("mn.filter.all"),
    )  # fmt: skip
    out["lateness"] = c[4].multiselect(
        tr("mn.filter.lateness"), [*FLAGS, "none"], key="mn.f.late", default=preset["lateness"],
        format_func=lambda f: tr(f"flag.short.{f}"), placeholder=tr("mn.filter.all"),
    )  # fmt: skip
    out["goals"] = preset["goals"]
    if preset["goals"]:
        goals = "; ".join(labels["goals"].get(g, g) for g in preset["goals"])
        st.caption(tr("mn.filter.goal_preset", goals=goals))
    _filters_to_url(out)
    return out


def _filters_to_url(chosen: dict[str, Any]) -> None:
    """Every filter into the URL (repeated keys), so a filtered register can be shared."""
    params = {
        "suche": [chosen["query"]] if chosen["query"] else [], "feld": chosen["fields"],
        "stadtteil": chosen["areas"], "traeger": chosen["organisations"],
        "status": chosen["statuses"], "verzug": chosen["lateness"], "ziel": chosen["goals"],
    }  # fmt: skip
    for key, values in params.items():
        if not values:
            if key in st.query_params:
                del st.query_params[key]
        elif st.query_params.get_all(key) != list(values):
            st.query_params[key] = list(values)


def register_table(rows: pd.DataFrame, tr: Callable[..., str], key: str) -> int | None:
    """The register; selecting a row returns that measure's id."""
    config_ = {
        "link": st.column_config.LinkColumn(
            "", display_text=":material/open_in_new:", width=40, help=tr("mn.col.link.help")
        ),
        "id": st.column_config.NumberColumn(tr("mn.col.id"), width=50, format="%d"),
        "title": st.column_config.TextColumn(tr("mf.title"), width="large"),
        "status": st.column_config.TextColumn(tr("mf.status"), width="small"),
        "progress": st.column_config.ProgressColumn(
            tr("mf.progress"), min_value=0, max_value=100, format="%d %%", width="small"
        ),
        "flags": st.column_config.TextColumn(tr("mn.col.flags"), width="medium"),
        "district": st.column_config.LinkColumn(
            tr("mn.col.district"), display_text=r"#(.*)$", help=tr("mn.col.district.help")
        ),
        "areas": st.column_config.TextColumn(tr("mf.areas")),
        "goal": st.column_config.LinkColumn(
            tr("mn.col.goal"), display_text=r"#(.*)$", help=tr("mn.col.goal.help")
        ),
        "fields": st.column_config.TextColumn(tr("mf.fields")),
        "organisation": st.column_config.TextColumn(tr("mf.organisation_id")),
        "planned_end": st.column_config.DateColumn(tr("mf.planned_end"), format="DD.MM.YYYY"),
        "next_step": st.column_config.TextColumn(tr("mf.next_step")),
        "next_step_date": st.column_config.DateColumn(tr("mf.next_step_date"), format="DD.MM.YYYY"),
        "last_reviewed": st.column_config.DateColumn(tr("mf.last_reviewed"), format="DD.MM.YYYY"),
    }
    event = st.dataframe(
        rows, hide_index=True, placeholder="–", width="stretch", column_config=config_, key=key,
        on_select="rerun", selection_mode="single-row", height=min(38 + 35 * len(rows), 560),
    )  # fmt: skip
    downloads.offer(
        lambda r=rows: downloads.labelled(r, config_), tr("dl.title.register"), "mn_register"
    )
    selected = event.selection.rows if event is not None else []
    return int(rows.iloc[selected[0]]["id"]) if selected else None


# --- Streamlit: the detail of one measure ----------------------------------------------------
def flag_badges(row: Mapping[str, Any], tr: Callable[..., str], lang: str) -> None:
    """Coloured badges for the flags a measure carries, with the days behind them."""
    labels = {f"flag.{f}": tr(f"flag.long.{f}") for f in FLAGS}
    labels["flag.needs_review_never"] = tr("flag.long.needs_review_never")
    texts = flag_texts(row, labels, lambda d: fmt_date(d, lang))
    for flag, text in zip([f for f in FLAGS if row.get(f)], texts, strict=True):
        st.badge(text, color=FLAG_COLORS[flag], icon=":material/schedule:")


def facts(
    m: Mapping[str, Any], tr: Callable[..., str], lang: str, names: dict[str, dict[str, str]]
) -> None:
    """Key facts of a measure in two columns (label: value)."""

    def line(key: str) -> str:
        value = display_value(key, m.get(key), tr, lang, names.get(key, {}))
        return f"**{tr('mf.' + key)}:** {user_markdown(value)}"

    left, right = st.columns(2)
    who = ("organisation_id", "contact", "partners", "origin", "reach", "budget", "fields")
    when = (
        "planned_start", "planned_end", "actual_start", "actual_end", "last_reviewed",
        "next_step", "next_step_date",
    )  # fmt: skip
    left.markdown("  \n".join(line(k) for k in who))
    right.markdown("  \n".join(line(k) for k in when))
    if m.get("description"):
        st.markdown(user_markdown(m["description"]))
    if m.get("notes"):
        st.caption(f"{tr('mf.notes')}: {user_markdown(m['notes'])}")


def links(m: Mapping[str, Any], tr: Callable[..., str], names: dict[str, dict[str, str]]) -> None:
    """Links to every district profile and goal the measure touches."""
    left, right = st.columns(2)
    with left:
        st.markdown(f"**{tr('mf.areas')}**")
        if not m.get("areas"):
            st.caption(tr("mn.citywide"))
        for code in m.get("areas") or []:
            page_link(
                "stadtteil.py", names["areas"].get(code, code), {"stadtteil": code},
                ":material/location_city:",
            )  # fmt: skip
    with right:
        st.markdown(f"**{tr('mf.goals')}**")
        if not m.get("goals"):
            st.caption(tr("mn.no_goals"))
        for goal in m.get("goals") or []:
            page_link(
                "handlungsfelder.py", names["goals"].get(goal, goal), {"ziel": goal},
                ":material/flag:",
            )  # fmt: skip


def timeline(events_of_one: pd.DataFrame, tr: Callable[..., str], lang: str) -> None:
    """The history of one measure as a timeline, newest first."""
    rows = timeline_rows(events_of_one, field_labels(tr), lambda d: fmt_date(d, lang))
    if not rows:
        st.caption(tr("mn.timeline.empty"))
    for row in rows:
        icon = KIND_ICONS.get(row["kind"], ":material/circle:")
        kind = tr("event." + row["kind"])
        body = [f"{icon} **{fmt_date(row['at'], lang)}** · {row['actor']} · {kind}"]
        if row["text"]:
            body.append(row["text"])
        if row["comment"]:
            body.append(f"„{row['comment']}“")
        st.markdown(user_markdown("  \n".join(body)))


# --- Streamlit: whole views of the measures page ---------------------------------------------
def open_measure(mid: int) -> None:
    """Show one measure (deep link ?id=<id>), keeping the other URL parameters."""
    st.query_params["id"] = str(int(mid))


def close_measure() -> None:
    """Back to the register."""
    if "id" in st.query_params:
        del st.query_params["id"]


def register_view(
    db: str,
    labels: dict[str, dict[str, str]],
    today: dt.date,
    tr: Callable[..., str],
    lang: str,
) -> None:
    """Filters, counts and the table; a selected row opens the measure."""
    frame = measures(db)
    if frame.empty:
        st.info(tr("mn.empty"), icon=":material/inbox:")
        return
    flagged = with_lateness(frame, today, review_days())
    chosen = filter_panel(flagged, labels, tr)
    shown = filter_measures(flagged, **chosen)
    late = int(shown["late"].sum())
    due = int(shown["needs_review"].sum())
    st.caption(tr("mn.count", shown=len(shown), total=len(frame), late=late, due=due))
    if shown.empty:
        st.info(tr("mn.filter.none"), icon=":material/filter_alt_off:")
        return
    field_names = {k: k for k in labels["fields"]}
    rows = register_rows(shown, tr, _area_names(labels), field_names)
    round_ = st.session_state.setdefault("mn.register.round", 0)
    selected = register_table(rows, tr, key=f"mn.register.{round_}")
    st.caption(tr("mn.register.hint"))
    if selected is not None:
        # a fresh table key next time, so coming back does not reopen the same row
        st.session_state["mn.register.round"] = round_ + 1
        open_measure(selected)
        st.rerun()


def _area_names(labels: dict[str, dict[str, str]]) -> dict[str, str]:
    """District names without their code prefix ('61 Coerde' → 'Coerde')."""
    return {code: label.split(" ", 1)[-1] for code, label in labels["areas"].items()}


def detail_header(m: Mapping[str, Any], today: dt.date, tr: Callable[..., str], lang: str) -> None:
    """Title, status, flags and the key numbers of one measure."""
    flagged = with_lateness(pd.DataFrame([m]), today, review_days()).iloc[0].to_dict()
    st.subheader(user_markdown(m["title"]))
    badges = st.container(horizontal=True)
    with badges:
        st.badge(tr(f"status.{m['status']}"), color="blue", icon=":material/flag_circle:")
        if m.get("archived"):
            st.badge(tr("mn.archived"), color="gray", icon=":material/archive:")
        flag_badges(flagged, tr, lang)
    cols = st.columns(4)
    cols[0].metric(tr("mf.progress"), f"{int(m.get('progress') or 0)} %")
    cols[1].metric(tr("mf.planned_end"), display_value("planned_end", m.get("planned_end"), tr,
                                                        lang))  # fmt: skip
    cols[2].metric(
        tr("mf.last_reviewed"), display_value("last_reviewed", m.get("last_reviewed"), tr, lang)
    )
    cols[3].metric(tr("mn.version"), int(m["version"]))


def transfer_view(
    store: Any,
    today: dt.date,
    tr: Callable[..., str],
    on_saved: Callable[[], None],
) -> None:
    """Export the register (CSV/XLSX with history) and import measures with full checks."""
    st.markdown(f"#### {tr('mn.export.title')}")
    st.caption(tr("mn.export.explain"))
    sheets = export_tables(store, "measures")
    sheets["Historie"] = actors.public_events(sheets["Historie"], tr)  # no logins for viewers
    stamp = today.isoformat()
    cols = st.columns(3)
    cols[0].download_button(
        tr("mn.export.xlsx"), to_xlsx(sheets), f"massnahmen_{stamp}.xlsx",
        icon=":material/download:", mime=XLSX_MIME, key="mn.x.xlsx",
    )  # fmt: skip
    cols[1].download_button(
        tr("mn.export.csv"), to_csv(sheets["Maßnahmen"]), f"massnahmen_{stamp}.csv",
        mime="text/csv", icon=":material/download:", key="mn.x.csv",
    )  # fmt: skip
    cols[2].download_button(
        tr("mn.export.history_csv"), to_csv(sheets["Historie"]), f"massnahmen_historie_{stamp}.csv",
        mime="text/csv", icon=":material/history:", key="mn.x.hist",
    )  # fmt: skip
    st.markdown(f"#### {tr('mn.import.title')}")
    st.caption(tr("mn.import.explain"))
    if not login.may("import"):  # no upload at all without the role: parsing costs memory
        login.hint(tr, "login" if login.current_user() is None else "admin")
        return
    upload = st.file_uploader(tr("mn.import.file"), type=["csv", "xlsx"], key="mn.i.file")
    if upload is None:
        return
    try:
        checked = check_file(store, "measures", upload.getvalue(), upload.name)
    except LeitbildError as err:
        st.error(tr("error.generic", message=err.user_message()))
        return
    if checked.problems:
        errors = len(checked.errors)
        st.error(tr("mn.import.problems", errors=errors, warnings=len(checked.problems) - errors))
        problems = problems_frame(checked.problems).drop(columns="file")
        problems["severity"] = problems["severity"].map(lambda s: tr(f"mn.import.{s}"))
        problems.columns = [tr(f"mn.import.col.{c}") for c in problems.columns]
        st.dataframe(
            problems, hide_index=True, placeholder="–", width="stretch", key="mn.i.problems"
        )
    else:
        st.success(tr("mn.import.ok", rows=checked.rows), icon=":material/task_alt:")
    if checked.errors:
        return
    if st.button(tr("mn.import.write", rows=checked.rows), type="primary", key="mn.i.write"):
        try:
            entry = guard.write_import(store, login.current_user(), checked)
        except LeitbildError as err:
            st.error(tr("error.generic", message=err.user_message()))
            return
        on_saved()
        st.success(tr("mn.import.done", inserted=entry.inserted, unchanged=entry.unchanged))


# --- weekly review: what changed, who needs attention ---------------------------------------
def change_rows(changes: pd.DataFrame, tr: Callable[..., str], lang: str) -> pd.DataFrame:
    """The events of the review window as a table (newest first, measure linked)."""
    labels = field_labels(tr)
    fmt = lambda d: fmt_date(d, lang)  # noqa: E731
    rows = changes.to_dict("records")
    return pd.DataFrame(
        {
            "at": [pd.Timestamp(r["happened_at"]) for r in rows],
            "measure": [f"{measure_url(r['measure_id'])}#{quote(str(r['title']))}" for r in rows],
            "actor": [r["actor"] for r in rows],
            "kind": [tr(f"event.{r['kind']}") for r in rows],
            "what": [
                ""
                if r["kind"] in ("angelegt", "geprüft")
                else describe_changes(r["diff"], labels, fmt)
                for r in rows
            ],
            "comment": [r["comment"] if isinstance(r["comment"], str) else "" for r in rows],
        },
        columns=["at", "measure", "actor", "kind", "what", "comment"],
    )


def changes_table(rows: pd.DataFrame, tr: Callable[..., str]) -> None:
    """The window's events; the measure column opens the measure."""
    st.dataframe(
        rows, hide_index=True, placeholder="–", width="stretch", key="rv.changes",
        height=min(38 + 35 * len(rows), 420),
        column_config={
            "at": st.column_config.DatetimeColumn(tr("rv.col.at"), format="DD.MM.YYYY, HH:mm"),
            "measure": st.column_config.LinkColumn(
                tr("rv.col.measure"), display_text=r"#(.*)$", width="large"
            ),
            "actor": st.column_config.TextColumn(tr("rv.col.actor")),
            "kind": st.column_config.TextColumn(tr("rv.col.kind")),
            "what": st.column_config.TextColumn(tr("rv.col.what"), width="large"),
            "comment": st.column_config.TextColumn(tr("rv.col.comment"), width="medium"),
        },
    )  # fmt: skip
    labels = {
        "at": tr("rv.col.at"),
        "measure": st.column_config.LinkColumn(tr("rv.col.measure"), display_text=r"#(.*)$"),
        "actor": tr("rv.col.actor"),
        "kind": tr("rv.col.kind"),
        "what": tr("rv.col.what"),
        "comment": tr("rv.col.comment"),
    }
    downloads.offer(
        lambda r=rows: downloads.labelled(r, labels), tr("dl.title.changes"), "rv_changes"
    )  # fmt: skip


def attention_label(row: Mapping[str, Any], tr: Callable[..., str], extra: list[str]) -> str:
    """Expander label of a measure in the review: title, number and its short flags."""
    flags = [tr(f"flag.short.{f}") for f in row["flags"] if f != "finished_late"]
    reasons = " · ".join([*flags, *extra])
    return f"**{user_markdown(row['title'])}** (Nr. {int(row['id'])}) — {reasons}"


def attention_summary(
    row: Mapping[str, Any], tr: Callable[..., str], lang: str, names: dict[str, dict[str, str]]
) -> None:
    """One line of facts and the flag reasons of a measure in the review."""
    org = names["organisation_id"].get(row.get("organisation_id") or "", row.get("organisation"))
    facts_ = [
        tr(f"status.{row['status']}"),
        f"{int(row.get('progress') or 0)} %",
        org or "–",
        f"{tr('mf.areas')}: "
        + (", ".join(names["areas"].get(c, c) for c in row["areas"]) or tr("mn.citywide")),
    ]
    st.caption(" · ".join(str(f) for f in facts_))
    labels = {f"flag.{f}": tr(f"flag.long.{f}") for f in FLAGS}
    labels["flag.needs_review_never"] = tr("flag.long.needs_review_never")
    texts = flag_texts(row, labels, lambda d: fmt_date(d, lang))
    step = user_markdown(row.get("next_step") or tr("rv.no_next_step"))
    step_day = display_value("next_step_date", row.get("next_step_date"), tr, lang)
    st.markdown(
        "  \n".join(
            [f":material/schedule: {t}" for t in texts]
            + [f":material/arrow_forward: **{tr('mf.next_step')}:** {step} ({step_day})"]
        )
    )
    page_link("massnahmen.py", tr("rv.open_measure"), {"id": str(int(row["id"]))},
              ":material/open_in_new:")  # fmt: skip
