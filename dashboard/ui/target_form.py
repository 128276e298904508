"""Managing targets in the app: create, edit and retire with a reason; import from CSV/XLSX.

Nothing is overwritten: an edit retires the old version and stores a new one linked to it, so
the history of every target stays visible. Edits carry the version the user saw; if someone
else saved in between, the store refuses and the page says so.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st

from dashboard import clock, config
from dashboard.auth import guard
from dashboard.catalogues import TARGET_TYPES
from dashboard.errors import ConflictError, LeitbildError
from dashboard.imports import check_file, problems_frame
from dashboard.ingest.targets import check_target
from dashboard.present.format import fmt_date
from dashboard.ui import data, downloads, login, progress_data

Tr = Callable[..., str]
ALL_DISTRICTS = ""  # area choice meaning "every Stadtteil" (stored as NULL)
FIELDS = [
    "indicator_id", "area_code", "grp", "type", "value", "reference_indicator", "reference_grp",
    "baseline_period", "baseline_value", "target_period", "goal_id", "note",
]  # fmt: skip


def _none(value: Any) -> Any:
    return None if value is None or (isinstance(value, float) and pd.isna(value)) else value


def target_label(target: dict[str, Any], labels: dict[str, dict[str, Any]], tr: Tr) -> str:
    """'#12 Arbeitslosendichte (Nichtdeutsche) · 61 Coerde · bis 2030'."""
    ind = labels["indicator"].get(target["indicator_id"], {})
    grp = target.get("grp") or "insgesamt"
    name = ind.get("short", target["indicator_id"])
    if grp != "insgesamt":
        name += f" ({labels['group'].get(grp, grp)})"
    area = _none(target.get("area_code"))
    where = labels["area"].get(area, area) if area is not None else tr("tf.all_districts")
    until = tr("zi.target.until", period=target["target_period"])
    return f"#{target['id']} {name} · {where} · {until}"


Labels = dict[str, dict[str, Any]]


def _series_inputs(prefix: str, tr: Tr, labels: Labels, current: dict[str, Any]) -> dict[str, Any]:
    """First row: indicator, area (or every Stadtteil) and population group."""
    indicators = list(labels["indicator"])
    areas = [ALL_DISTRICTS, *labels["area"]]
    c1, c2, c3 = st.columns(3)
    indicator = c1.selectbox(
        tr("tf.indicator"),
        indicators,
        key=f"{prefix}_indicator",
        index=indicators.index(current["indicator_id"])
        if current.get("indicator_id") in indicators
        else 0,
        format_func=lambda i: f"{labels['indicator'][i]['short']} ({i})",
    )
    ind = labels["indicator"][indicator]
    area_now = _none(current.get("area_code")) or ALL_DISTRICTS
    area = c2.selectbox(
        tr("tf.area"),
        areas,
        key=f"{prefix}_area",
        index=areas.index(area_now),
        format_func=lambda a: labels["area"].get(a, a) if a else tr("tf.all_districts"),
    )
    groups = list(ind["groups"])
    grp_now = current.get("grp") if current.get("grp") in groups else groups[0]
    grp = c3.selectbox(
        tr("tf.group"),
        groups,
        key=f"{prefix}_grp_{indicator}",
        index=groups.index(grp_now),
        format_func=lambda g: labels["group"].get(g, g),
    )
    return {"indicator_id": indicator, "area_code": area or None, "grp": grp}


def _level_inputs(prefix: str, tr: Tr, current: dict[str, Any]) -> dict[str, Any]:
    """Second row: kind of target, its value and the target year."""
    c4, c5, c6 = st.columns(3)
    types = list(TARGET_TYPES)
    kind = c4.selectbox(
        tr("tf.type"),
        types,
        key=f"{prefix}_type",
        index=types.index(current["type"]) if current.get("type") in types else 0,
        format_func=lambda k: tr(f"zi.type.{k}"),
        help=tr("tf.type_help"),
    )
    value = c5.number_input(
        tr("tf.value"),
        value=_none(current.get("value")),
        key=f"{prefix}_value",
        format="%.2f",
        help=tr("tf.value_help"),
    )
    target_period = c6.number_input(
        tr("tf.target_period"),
        min_value=2000,
        max_value=2100,
        step=1,
        value=int(_none(current.get("target_period")) or 2030),
        key=f"{prefix}_period",
    )
    value = None if value is None else float(value)
    return {"type": kind, "value": value, "target_period": int(target_period)}


def _baseline_inputs(
    prefix: str, tr: Tr, labels: Labels, current: dict[str, Any]
) -> dict[str, Any]:
    """Third row: baseline year and value, and the goal the target belongs to."""
    goals = ["", *labels["goal"]]
    c7, c8, c9 = st.columns(3)
    base_period = c7.number_input(
        tr("tf.baseline_period"),
        min_value=1990,
        max_value=2100,
        step=1,
        value=_none(current.get("baseline_period")),
        key=f"{prefix}_base_period",
    )
    base_value = c8.number_input(
        tr("tf.baseline_value"),
        value=_none(current.get("baseline_value")),
        key=f"{prefix}_base_value",
        format="%.2f",
        help=tr("tf.baseline_value_help"),
    )
    goal_now = _none(current.get("goal_id")) or ""
    goal = c9.selectbox(
        tr("tf.goal"),
        goals,
        key=f"{prefix}_goal",
        index=goals.index(goal_now) if goal_now in goals else 0,
        format_func=lambda g: f"{g} – {labels['goal'][g]['label']}" if g else tr("tf.no_goal"),
    )
    return {
        "baseline_period": None if base_period is None else int(base_period),
        "baseline_value": None if base_value is None else float(base_value),
        "goal_id": goal or None,
    }


def _reference_inputs(
    prefix: str, tr: Tr, labels: Labels, current: dict[str, Any], indicator: str
) -> dict[str, Any]:
    """A parity target's reference: indicator (default from the catalogue) and group."""
    indicators = list(labels["indicator"])
    r1, r2 = st.columns(2)
    ref_now = _none(current.get("reference_indicator")) or labels["indicator"][indicator].get(
        "parity_reference"
    )
    ref_now = ref_now if ref_now in indicators else indicator
    reference = r1.selectbox(
        tr("tf.reference"),
        indicators,
        key=f"{prefix}_ref",
        index=indicators.index(ref_now),
        format_func=lambda i: f"{labels['indicator'][i]['short']} ({i})",
        help=tr("tf.reference_help"),
    )
    ref_groups = list(labels["indicator"][reference]["groups"])
    ref_grp_now = _none(current.get("reference_grp"))
    ref_grp = r2.selectbox(
        tr("tf.reference_group"),
        ref_groups,
        key=f"{prefix}_ref_grp_{reference}",
        index=ref_groups.index(ref_grp_now) if ref_grp_now in ref_groups else 0,
        format_func=lambda g: labels["group"].get(g, g),
    )
    return {"reference_indicator": reference, "reference_grp": ref_grp}


def _widgets(
    prefix: str, tr: Tr, labels: Labels, current: dict[str, Any], lang: str
) -> dict[str, Any]:
    """The input widgets of one target; returns the target dict as entered."""
    series = _series_inputs(prefix, tr, labels, current)
    level = _level_inputs(prefix, tr, current)
    baseline = _baseline_inputs(prefix, tr, labels, current)
    reference: dict[str, Any] = {"reference_indicator": None, "reference_grp": None}
    if level["type"] == "parity":
        reference = _reference_inputs(prefix, tr, labels, current, series["indicator_id"])
    note = st.text_input(
        tr("tf.note"), value=_none(current.get("note")) or "", key=f"{prefix}_note"
    )
    target = {**series, **level, **reference, **baseline, "note": note.strip() or None}
    return {name: target[name] for name in FIELDS}


def _problems(target: dict[str, Any], db: str, tr: Tr) -> bool:
    """Show every rule the target breaks; True if it may be saved."""
    issues = check_target(target, data.catalogues(db))
    for column, expected, found in issues:
        st.error(tr("tf.problem", column=column, expected=expected, found=found))
    return not issues


def _create(db: str, tr: Tr, lang: str, labels: dict[str, dict[str, Any]]) -> None:
    target = _widgets("tf_new", tr, labels, {}, lang)
    clicked = st.button(tr("tf.create"), key="tf_create", type="primary", icon=":material/add:")
    if clicked and _problems(target, db, tr):
        try:
            new_id = guard.create_target(data.store(), login.current_user(), target)
        except LeitbildError as err:
            st.error(err.user_message())
            return
        st.session_state["tf_pick_next"] = new_id
        _done(tr("tf.created", id=new_id))


def _history(db: str, target_id: int, tr: Tr, lang: str) -> None:
    history = progress_data.target_history(db, target_id)
    if history.empty:
        return

    def when(v: Any) -> str:
        return fmt_date(pd.Timestamp(v).to_pydatetime(), lang) if pd.notna(v) else "–"

    shown = pd.DataFrame({
        tr("tf.h.id"): history["id"],
        tr("tf.h.created"): history["created_at"].map(when),
        tr("tf.h.by"): history["created_by"],
        tr("tf.h.type"): history["type"].map(lambda k: tr(f"zi.type.{k}")),
        tr("tf.h.value"): history["value"].map(lambda v: "–" if pd.isna(v) else f"{v:g}"),
        tr("tf.h.baseline"): history["baseline_period"],
        tr("tf.h.target_period"): history["target_period"],
        tr("tf.h.active"): history["active"].map(
            lambda a: tr("tf.h.yes") if a else tr("tf.h.no")),
        tr("tf.h.retired"): history["retired_at"].map(when),
        tr("tf.h.retired_by"): history["retired_by"].fillna("–"),
        tr("tf.h.reason"): history["retire_reason"].fillna("–"),
    })  # fmt: skip
    st.dataframe(shown, hide_index=True, placeholder="–")
    downloads.offer(shown, tr("dl.title.target_history", id=target_id), f"tf_history_{target_id}")


def _edit(db: str, tr: Tr, lang: str, labels: dict[str, dict[str, Any]]) -> None:
    targets = progress_data.all_targets(db)
    active = targets[targets["active"]]
    if active.empty:
        st.info(tr("tf.none_active"))
        return
    records = {int(r["id"]): r for r in active.to_dict("records")}
    ids = list(records)
    if "tf_pick_next" in st.session_state:
        st.session_state["tf_pick"] = st.session_state.pop("tf_pick_next")
    if st.session_state.get("tf_pick") not in ids:
        st.session_state["tf_pick"] = ids[0]
    tid = st.selectbox(
        tr("tf.pick"),
        ids,
        key="tf_pick",
        format_func=lambda i: target_label(records[i], labels, tr),
    )
    current = records[tid]
    # the version the user is looking at; a save with an older one is refused by the store
    loaded = st.session_state.setdefault(f"tf_version_{tid}", int(current["version"]))
    st.caption(tr("tf.history"))
    _history(db, tid, tr, lang)
    edited = _widgets(f"tf_edit_{tid}", tr, labels, current, lang)
    reason = st.text_input(tr("tf.reason"), key=f"tf_reason_{tid}", help=tr("tf.reason_help"))
    b1, b2, _ = st.columns([1, 1, 2])
    save = b1.button(tr("tf.save"), key=f"tf_save_{tid}", type="primary", icon=":material/save:")
    retire = b2.button(tr("tf.retire"), key=f"tf_retire_{tid}", icon=":material/archive:")
    if not (save or retire):
        return
    if not reason.strip():
        st.error(tr("tf.need_reason"))
        return
    store, user = data.store(), login.current_user()
    try:
        if save and _problems({**edited, "is_demo": False}, db, tr):
            new_id = guard.replace_target(store, user, tid, loaded, edited, reason.strip())
            st.session_state["tf_pick_next"] = new_id
            _done(tr("tf.saved", old=tid, new=new_id), tid)
        elif retire:
            guard.retire_target(store, user, tid, loaded, reason.strip())
            _done(tr("tf.retired", id=tid), tid)
    except ConflictError:
        st.session_state.pop(f"tf_version_{tid}", None)
        progress_data.clear_caches()
        st.error(tr("tf.conflict"))
    except LeitbildError as err:  # e.g. PermissionDenied: the write checks the role itself
        st.error(err.user_message())


def _done(message: str, target_id: int | None = None) -> None:
    """After a write: forget the loaded version, clear caches, rerun with a success message."""
    if target_id is not None:
        st.session_state.pop(f"tf_version_{target_id}", None)
    progress_data.clear_caches()
    st.session_state["tf_flash"] = message
    st.rerun()


def _import(db: str, tr: Tr) -> None:
    st.caption(tr("tf.import_help"))
    upload = st.file_uploader(tr("tf.file"), type=["csv", "xlsx", "xls"], key="tf_file")
    if upload is None:
        return
    raw = upload.getvalue()
    limit = float(config.get("max_upload_mb")) * 1024 * 1024
    if len(raw) > limit:
        st.error(tr("tf.too_large", mb=config.get("max_upload_mb")))
        return
    store = data.store()
    try:
        checked = check_file(store, "targets", raw, upload.name)
    except LeitbildError as err:
        st.error(err.user_message())
        return
    errors = checked.errors
    if checked.problems:
        (st.error if errors else st.warning)(
            tr("tf.import_problems", errors=len(errors), total=len(checked.problems))
        )
        frame = problems_frame(checked.problems).rename(
            columns={"file": tr("tf.p.file"), "row": tr("tf.p.row"), "column": tr("tf.p.column"),
                     "expected": tr("tf.p.expected"), "found": tr("tf.p.found"),
                     "severity": tr("tf.p.severity")})  # fmt: skip
        st.dataframe(frame, hide_index=True, placeholder="–")
    if errors:
        st.info(tr("tf.import_refused"))
        return
    st.success(tr("tf.import_ready", rows=checked.rows))
    if st.button(tr("tf.import"), key="tf_import", type="primary", icon=":material/upload:"):
        try:
            entry = guard.write_import(store, login.current_user(), checked)
        except LeitbildError as err:
            st.error(err.user_message())
            return
        _done(tr("tf.imported", inserted=entry.inserted, unchanged=entry.unchanged))


def _retired(db: str, tr: Tr, lang: str, labels: dict[str, dict[str, Any]]) -> None:
    targets = progress_data.all_targets(db)
    retired = targets[~targets["active"]]
    if retired.empty:
        st.caption(tr("tf.none_retired"))
        return
    shown = pd.DataFrame({
        tr("tf.h.target"): [target_label(r, labels, tr) for r in retired.to_dict("records")],
        tr("tf.h.retired"): retired["retired_at"].map(
            lambda v: fmt_date(pd.Timestamp(v).to_pydatetime(), lang) if pd.notna(v)
            else "–"),
        tr("tf.h.retired_by"): retired["retired_by"],
        tr("tf.h.reason"): retired["retire_reason"],
    })  # fmt: skip
    st.dataframe(shown, hide_index=True, placeholder="–")
    downloads.offer(shown, tr("dl.title.retired"), "tf_retired")


def manager(db: str, tr: Tr, lang: str) -> None:
    """The targets management section: create, edit/retire, import, retired targets."""
    labels = progress_data.labels(db)
    st.subheader(tr("tf.title"))
    st.caption(tr("tf.caption", today=fmt_date(clock.today(), lang)))
    if "tf_flash" in st.session_state:
        st.success(st.session_state.pop("tf_flash"), icon=":material/check:")
    tabs = st.tabs([tr("tf.tab.edit"), tr("tf.tab.new"), tr("tf.tab.import"),
                    tr("tf.tab.retired")])  # fmt: skip
    allowed = login.may("target.edit")
    reason = "login" if login.current_user() is None else "admin"
    for tab, section in zip(tabs[:2], (_edit, _create), strict=True):
        with tab:
            if allowed:
                section(db, tr, lang, labels)
            else:
                login.hint(tr, reason)
    with tabs[2]:
        if login.may("import"):
            _import(db, tr)
        else:
            login.hint(tr, reason)
    with tabs[3]:
        _retired(db, tr, lang, labels)
