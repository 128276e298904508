"""District page section 'Sind wir auf Kurs?': every goal and target value of the district with
its status (symbol, word, plain sentence) and, separately, the comparison with the city; and the
topic finder for questions without an indicator."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st

from dashboard.analysis import goal_rollup, on_track
from dashboard.domain.progress import SLIGHTLY_OFF
from dashboard.present import progress_labels as plabels
from dashboard.present import progress_tables as ptables
from dashboard.ui import data, progress_data, url_state
from dashboard.ui.shell import language, translator

Tr = Callable[..., str]
METHOD = "destatis"
GOOD = on_track.GOOD_STATUSES
OFF = (*goal_rollup.BAD, SLIGHTLY_OFF)


def _fmt(value: Any, indicator: dict[str, Any], tr: Tr) -> str:
    """A value in the indicator's unit and precision."""
    decimals = int(indicator.get("decimals") or 0)
    return plabels.fmt_value(value, str(indicator.get("unit") or ""), decimals, language(), tr)


def city_phrase(row: pd.Series | dict, indicator: dict[str, Any], tr: Tr) -> str:
    """The city comparison as its own clause: 'aber etwa dreimal so hoch wie in der Stadt (…)'.

    The conjunction is 'aber' when status and city judgement point in different directions
    (on track but worse than the city, or off track but better), else 'und'.
    """
    judged, key = row.get("city_judgement"), row.get("ratio_key")
    if not isinstance(judged, str) or not isinstance(key, str):
        return ""
    good = row.get("status") in GOOD
    conj = tr("ot.city.but") if good == (judged == "worse") and judged != "similar" else ""
    conj = conj or tr("ot.city.and")
    city = _fmt(row.get("city"), indicator, tr)
    if judged == "similar":
        return tr("ot.city.similar_phrase", conj=conj, city=city)
    return tr(
        "ot.city.phrase",
        conj=conj,
        ratio=tr(f"ot.ratio.{key}"),
        city=city,
        judgement=tr(f"ot.judgement.{judged}"),
    )


def sentence(row: pd.Series | dict, indicator: dict[str, Any], tr: Tr) -> str:
    """'Auf Kurs, aber etwa dreimal so hoch wie in der Stadt (…) – ungünstiger als der
    Stadtdurchschnitt. Der Wert entwickelt sich so, dass das Ziel erreicht wird.'"""
    status = row.get("status") if isinstance(row.get("status"), str) else None
    word = tr(plabels.status_key(status))
    word = word[:1].upper() + word[1:]
    city = city_phrase(row, indicator, tr)
    explained = tr(f"ot.sentence.{status or 'none'}")
    return f"{word}, {city}. {explained}." if city else f"{explained}."


def target_markdown(row: pd.Series, labels: ptables.Labels, tr: Tr) -> str:
    """One target value: status badge, indicator value, target, plain sentence."""
    indicator = labels["indicator"].get(row["indicator_id"], {})
    period = int(row["period"]) if pd.notna(row["period"]) else "–"
    value = tr(
        "ot.value_line",
        indicator=ptables.series_label(row["indicator_id"], row["grp"], labels),
        value=_fmt(row["actual"], indicator, tr),
        period=period,
    )
    target = tr("ot.target_line", target=ptables.target_description(row, labels, tr, language()))
    return (
        f"{plabels.status_markdown(row['status'], tr)} · **{value}** · {target}  \n"
        f"{sentence(row, indicator, tr)}"
    )


def _belongs(rows: pd.DataFrame, goal_id: str, linked: list[str]) -> pd.Series:
    """The roll-up's rule: targets naming the goal and assessments of its linked indicators."""
    return (rows["goal_id"] == goal_id) | rows["indicator_id"].isin(linked)


def _goal_block(goal: Any, rows: pd.DataFrame, linked: list[str], ctx: dict[str, Any]) -> None:
    """A district goal: its combined status, its target values, or why there is no status."""
    tr, labels, name = ctx["tr"], ctx["labels"], ctx["name"]
    mine = rows[_belongs(rows, goal.id, linked)]
    combined = goal_rollup.combine(mine["status"], mine["score"])
    with st.container(border=True):
        st.markdown(
            f"**{tr('ot.goal_status', number=goal.number)}: {goal.label}**  \n"
            + plabels.status_markdown(combined.status, tr)
        )
        if not linked:
            nearest = progress_data.nearest_indicators(ctx["path"], goal.label, language())
            names = ", ".join(labels["indicator"][i]["short"] for i in nearest[:4]) or "–"
            st.caption(tr("ot.goal_no_indicator", nearest=names))
        unassessed = [i for i in linked if i not in set(mine["indicator_id"])]
        no_data = [i for i in unassessed if i not in ctx["with_data"]]
        descriptive = [i for i in unassessed if i in ctx["with_data"]]
        if no_data:
            names = ", ".join(labels["indicator"][i]["short"] for i in no_data)
            st.caption(tr("ot.goal_no_values", name=name, indicators=names))
        if descriptive:
            names = ", ".join(labels["indicator"][i]["short"] for i in descriptive)
            st.caption(tr("ot.goal_descriptive", indicators=names))
        for _, row in mine.iterrows():
            st.markdown(target_markdown(row, labels, tr))
    ctx["shown"].update(mine["key"])


def section(path: str, code: str, name: str, tr: Tr) -> None:
    """'Sind wir auf Kurs?': summary, district goals with status, every further target value."""
    _section(path, code, name, tr, language())


# Cached with its elements: Streamlit replays what the section drew (static text, no widgets),
# so a rerun in the same district costs no pandas work; target writes clear it (registered).
@data.register_cache
@st.cache_data(ttl=data.TTL_SECONDS, show_spinner=False, max_entries=64)
def _section(path: str, code: str, name: str, _tr: Tr, lang: str) -> None:
    """The section for one district and language (``lang`` keys the cache, ``_tr`` follows it)."""
    tr = _tr
    catalogue = data.catalogues(path)
    labels = progress_data.labels(path)
    values = data.area_values(path, (code,))
    rows = progress_data.district_targets(path, METHOD, code)
    st.subheader(tr("ot.heading", name=name), help=tr("ot.status_help"))
    if rows.empty:  # e.g. real data without targets: say so instead of "0 Zielwerte"
        st.info(tr("ot.none", name=name))
    counts = rows["status"].value_counts() if len(rows) else pd.Series(dtype=int)
    good = int(counts.reindex(GOOD).fillna(0).sum())
    off = int(counts.reindex(OFF).fillna(0).sum())
    if len(rows):
        none = len(rows) - good - off
        st.markdown(tr("ot.summary", n=len(rows), name=name, good=good, off=off, none=none))
    conflicts = int(rows["conflict"].sum()) if len(rows) else 0
    if conflicts:
        st.markdown(":orange[" + tr("ot.conflicts", n=conflicts, name=name) + "]")
    if len(rows):
        st.caption(tr("ot.same_as_ziele", n=len(rows), name=name, code=code))
    frames = catalogue.frames
    goals = frames["goal"]
    mine = goals[(goals["kind"] == "stadtteilziel") & (goals["area_code"] == code)]
    ctx = {
        "tr": tr, "labels": labels, "name": name, "goals": goals, "path": path,
        "indicators": catalogue.indicators, "shown": set(),
        "with_data": set(values.loc[values["area_code"] == code, "indicator_id"]),
    }  # fmt: skip
    links = frames["goal_indicator"]
    if mine.empty:
        st.info(_no_district_goals(goals, catalogue.areas, name, tr))
    else:
        st.markdown(f"**{tr('ot.district_goals')}**")
        for goal in mine.sort_values("sort").itertuples():
            linked = list(links.loc[links["goal_id"] == goal.id, "indicator_id"])
            _goal_block(goal, rows, linked, ctx)
    shown = tuple(sorted(ctx["shown"]))
    if (~rows["key"].isin(shown)).any():
        st.markdown(f"**{tr('ot.other_targets', name=name)}**")
        st.markdown(_other_targets(path, code, shown, language()))


# cached: at 10x a district has hundreds of further target values, each a formatted sentence;
# registered, so a target write drops it with the assessments it was made from
@data.register_cache
@st.cache_data(ttl=data.TTL_SECONDS, show_spinner=False, max_entries=64)
def _other_targets(path: str, code: str, shown: tuple[str, ...], lang: str) -> str:
    """The district's target values not shown under a goal, as a list (``lang`` keys the cache)."""
    rows = progress_data.district_targets(path, METHOD, code)
    rest = rows[~rows["key"].isin(shown)]
    labels, tr = progress_data.labels(path), translator()
    return "\n".join(f"- {target_markdown(r, labels, tr)}" for _, r in rest.iterrows())


def topic_finder(path: str, tr: Tr, key: str = "frage", page: str = "stadtteil") -> None:
    """'Ihre Frage ist nicht dabei?': what the Leitbild has on a topic, or that it has no
    indicator for it yet, and the nearest indicators (?frage= in the URL)."""
    catalogue = data.catalogues(path)
    labels = progress_data.labels(path)
    st.markdown(f"**{tr('topic.heading')}**")
    url_state.sync(page, key, key, lambda text: text or "")
    query = st.text_input(
        tr("topic.input"), key=key, placeholder=tr("topic.placeholder"), help=tr("topic.help")
    ).strip()
    url_state.write(page, key, query or None)
    if not query:
        return
    frames = catalogue.frames
    answer = on_track.find_topic(
        query, frames["goal"], frames["goal_indicator"], catalogue.indicators
    )
    if answer.goals.empty and not answer.nearest:
        st.info(tr("topic.nothing", query=query))
        return

    def listed(goals: pd.DataFrame) -> str:
        return "; ".join(
            tr("topic.goal_item", field=g.field_id, label=g.label) for g in goals.itertuples()
        )

    if not answer.without_indicator.empty:
        st.warning(tr("topic.no_indicator", query=query, goals=listed(answer.without_indicator)))
    with_indicator = answer.goals[answer.goals["indicators"].map(len) > 0]
    if not with_indicator.empty:
        st.markdown(tr("topic.goals", goals=listed(with_indicator)))
    if answer.nearest:
        names = ", ".join(labels["indicator"][i]["short"] for i in answer.nearest[:6])
        st.markdown(tr("topic.nearest", indicators=names))


def _no_district_goals(goals: pd.DataFrame, areas: pd.DataFrame, name: str, tr: Tr) -> str:
    """Which districts the catalogue gives goals of their own ('Berg Fidel (4 Ziele) und …')."""
    local = goals[goals["kind"] == "stadtteilziel"].sort_values("sort")
    if local.empty:
        return tr("catalogue.goals.none", name=name)
    names = dict(zip(areas["code"], areas["name"], strict=True))
    counts = local.groupby("area_code", sort=False).size()
    items = [
        tr(
            "catalogue.goals.count_one" if n == 1 else "catalogue.goals.count",
            name=names.get(code, code),
            n=n,
        )
        for code, n in counts.items()
    ]
    listed = items[0] if len(items) == 1 else ", ".join(items[:-1])
    if len(items) > 1:
        listed += f" {tr('catalogue.and')} {items[-1]}"
    return tr("catalogue.goals.empty", districts=listed, name=name)
