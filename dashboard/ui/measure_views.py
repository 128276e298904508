"""The measures register: cached data, the filter panel, the table and the register view.

The rows, links and filters themselves are pure (``dashboard.services.measure_register``);
one measure's detail is in ``measure_detail``, export and import in ``measure_transfer``.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st

from dashboard import config
from dashboard.analysis.lateness import (
    DEFAULT_REVIEW_DAYS,
    FLAGS,
    REVIEW_DAYS_SETTING,
    with_lateness,
)
from dashboard.analysis.review import Review, build_review, category_counts, changes_in_window
from dashboard.config import PROJECT_ROOT
from dashboard.domain.measures import STATUSES
from dashboard.services import measure_edit
from dashboard.services.measure_register import (
    CITY_WIDE,
    filter_measures,
    register_rows,
)
from dashboard.ui import data, downloads, progress_data, url_state

LOG = logging.getLogger(__name__)
TTL_SECONDS = data.TTL_SECONDS
PAGES_DIR = PROJECT_ROOT / "pages"
PAGE = "massnahmen"  # the URL state of the register belongs to the measures page


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


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False, max_entries=8)
def option_labels(path: str, lang: str) -> dict[str, dict[str, str]]:
    """Readable labels of fields, goals, areas, organisations (``lang`` keys the cache)."""
    return measure_edit.option_labels(data.catalogues(path), organisations(path))


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False)
def protocols(path: str) -> pd.DataFrame:
    """Stored review protocols, newest first."""
    return data.get_store(path).protocols()


@st.cache_data(ttl=TTL_SECONDS, show_spinner=False, max_entries=32)
def review(
    path: str,
    today: dt.date,
    start: dt.date,
    end: dt.date,
    field_ids: tuple[str, ...],
    review_days: int,
    off_track_goals: tuple[str, ...],
) -> Review:
    """The weekly review of the stored measures and events (actors not yet masked).

    Computed once per window and data (~40 ms a click before); a write clears it with the
    measures. The page masks the actors of ``changes`` for its viewer.
    """
    return build_review(
        measures(path), events(path), today, start, end, field_ids, review_days, off_track_goals
    )


# the start page asks on every click; measure writes clear it with the events
@st.cache_data(ttl=TTL_SECONDS, show_spinner=False, max_entries=16)
def change_counts(path: str, start: dt.date, end: dt.date) -> tuple[int, dict[str, int]]:
    """Measure entries from ``start`` to ``end``: how many, and how many per category."""
    changes = changes_in_window(events(path), measures(path), start, end)
    return len(changes), category_counts(changes)


# the register asks on every click; measure writes clear it with the measures
@st.cache_data(ttl=TTL_SECONDS, show_spinner=False, max_entries=8)
def flagged_measures(path: str, today: dt.date, days: int) -> pd.DataFrame:
    """Active measures with their lateness columns (analysis.lateness) as of ``today``."""
    return with_lateness(measures(path), today, days)


def clear_caches() -> None:
    """Drop every cached result after a write (the shared ones and this module's).

    The goal roll-ups count measures per goal, so they and what is built on them go too.
    """
    data.clear_caches()
    progress_data.clear_measure_caches()
    for fn in (
        measures,
        events,
        organisations,
        option_labels,
        protocols,
        review,
        change_counts,
        flagged_measures,
    ):
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
    area_opts = [CITY_WIDE, *sorted({a for items in frame["areas"] for a in items})]
    area_names = {CITY_WIDE: tr("mn.citywide"), **labels["areas"]}
    org_opts = sorted(
        set(frame["organisation_id"].dropna()), key=lambda o: labels["organisation_id"].get(o, o)
    )
    _seed_filters(area_opts, list(labels["fields"]), org_opts)
    goals = [g for g in url_state.values("ziel") if g in labels["goals"]]  # a link's preset only
    query = st.text_input(
        tr("mn.filter.search"),
        key="mn.q",
        placeholder=tr("mn.filter.search.placeholder"),
        icon=":material/search:",
    )
    c = st.columns(5)
    out: dict[str, Any] = {"query": query or ""}
    out["fields"] = c[0].multiselect(
        tr("mf.fields"),
        list(labels["fields"]),
        key="mn.f.fields",
        format_func=lambda i: labels["fields"].get(i, i),
        placeholder=tr("mn.filter.all"),
    )
    out["areas"] = c[1].multiselect(
        tr("mf.areas"),
        area_opts,
        key="mn.f.areas",
        format_func=lambda a: area_names.get(a, a),
        placeholder=tr("mn.filter.all"),
    )
    out["organisations"] = c[2].multiselect(
        tr("mf.organisation_id"),
        org_opts,
        key="mn.f.orgs",
        placeholder=tr("mn.filter.all"),
        format_func=lambda o: labels["organisation_id"].get(o, o),
    )
    out["statuses"] = c[3].multiselect(
        tr("mf.status"),
        list(STATUSES),
        key="mn.f.status",
        format_func=lambda s: tr(f"status.{s}"),
        placeholder=tr("mn.filter.all"),
    )
    out["lateness"] = c[4].multiselect(
        tr("mn.filter.lateness"), [*FLAGS, "none"], key="mn.f.late",
        format_func=lambda f: tr(f"flag.short.{f}"), placeholder=tr("mn.filter.all"),
    )  # fmt: skip
    out["goals"] = goals
    if goals:
        names = "; ".join(labels["goals"].get(g, g) for g in goals)
        st.caption(tr("mn.filter.goal_preset", goals=names))
    _filters_to_url(out)
    return out


def _seed_filters(areas: list[str], fields: list[str], organisations: list[str]) -> None:
    """Every filter's state from the URL (?stadtteil=, ?feld=, …) by the one URL rule."""
    _seed("stadtteil", "mn.f.areas", areas)
    _seed("feld", "mn.f.fields", fields)
    _seed("status", "mn.f.status", list(STATUSES))
    _seed("traeger", "mn.f.orgs", organisations)
    _seed("verzug", "mn.f.late", [*FLAGS, "none"])
    url_state.sync(PAGE, "suche", "mn.q", lambda text: text or "")


def _seed(param: str, key: str, allowed: list[str]) -> None:
    """A filter's state from the URL (repeated values, unknown ones dropped) by the one rule."""
    url_state.sync(PAGE, param, key, lambda items: [v for v in items if v in allowed], many=True)


def _filters_to_url(chosen: dict[str, Any]) -> None:
    """Every filter into the URL (repeated keys), so a filtered register can be shared."""
    params = {
        "feld": chosen["fields"], "stadtteil": chosen["areas"],
        "traeger": chosen["organisations"], "status": chosen["statuses"],
        "verzug": chosen["lateness"], "ziel": chosen["goals"],
    }  # fmt: skip
    for key, values in params.items():
        url_state.write(PAGE, key, list(values))
    url_state.write(PAGE, "suche", chosen["query"] or None)  # one text, not a list


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
        rows,
        hide_index=True,
        placeholder="–",
        width="stretch",
        column_config=config_,
        key=key,
        on_select="rerun",
        selection_mode="single-row",
        height=min(38 + 35 * len(rows), 560),
    )
    downloads.offer(
        lambda r=rows: downloads.labelled(r, config_), tr("dl.title.register"), "mn_register"
    )
    selected = event.selection.rows if event is not None else []
    return int(rows.iloc[selected[0]]["id"]) if selected else None


# --- Streamlit: whole views of the measures page ---------------------------------------------
def open_measure(mid: int) -> None:
    """Show one measure (deep link ?id=<id>), keeping the other URL parameters."""
    url_state.write(PAGE, "id", int(mid))


def close_measure() -> None:
    """Back to the register."""
    url_state.write(PAGE, "id", None)


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
    flagged = flagged_measures(db, today, review_days())
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
