"""Sections of the measures pages: each shows a form, writes through the guard, then reloads."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

import streamlit as st

from dashboard.analysis.lateness import as_date
from dashboard.auth import guard
from dashboard.catalogues import Catalogue
from dashboard.domain import measures as ms
from dashboard.services.measure_edit import EDITABLE, changes_between
from dashboard.store import Store
from dashboard.ui import login
from dashboard.ui.measure_conflicts import has_conflict, save_changes
from dashboard.ui.measure_form import (
    DATE_MAX,
    DATE_MIN,
    measure_form,
    resolve_organisation,
    write_guarded,
)
from dashboard.ui.measure_session import FLASH_KEY, reload_base
from dashboard.ui.measure_status_form import archive_form, status_form


def _after_write(mid: int) -> None:
    # a refused save waits in the conflict panel (shown after a rerun); any other refusal
    # (e.g. PermissionDenied) keeps its message on screen, which a rerun would wipe
    if has_conflict(mid):
        st.rerun()


def _done(message: str, on_saved: Callable[[], None]) -> None:
    st.session_state[FLASH_KEY] = message
    on_saved()
    st.rerun()


def edit_section(
    store: Store,
    base: dict[str, Any],
    catalogue: Catalogue,
    labels: dict[str, dict[str, str]],
    titles: Mapping[str, int],
    today: dt.date,
    tr: Callable[..., str],
    on_saved: Callable[[], None],
) -> None:
    """The edit form of one measure; saves only the fields that changed."""
    mid, by = int(base["id"]), login.current_user()
    result = measure_form(
        f"mf.{mid}.v{base['version']}", base, catalogue, labels, titles, today, tr, create=False
    )
    if result is None:
        return
    values, comment = result
    if not by:
        login.hint(tr)
        return
    resolve_organisation(store, values, labels["organisation_id"], by)
    changes = changes_between(base, values)
    if not changes and not comment:
        st.info(tr("mn.form.nothing"))
        return
    version = write_guarded(lambda: save_changes(store, mid, base, changes, by, comment), tr)
    if version is not None:
        reload_base(mid)
        _done(tr("mn.saved", version=version), on_saved)
    _after_write(mid)


def status_section(
    store: Store,
    base: dict[str, Any],
    catalogue: Catalogue,
    today: dt.date,
    tr: Callable[..., str],
    lang: str,
    on_saved: Callable[[], None],
    key: str | None = None,
    compact: bool = False,
) -> None:
    """Change the status with a comment (recorded as a 'status' event)."""
    mid, by = int(base["id"]), login.current_user()
    key = key or f"sc.{mid}.v{base['version']}"
    result = status_form(key, base, catalogue, today, tr, lang, compact=compact)
    if result is None or not by:
        return
    changes, comment = result
    version = write_guarded(lambda: save_changes(store, mid, base, changes, by, comment), tr)
    if version is not None:
        reload_base(mid)
        _done(tr("mn.status.saved", status=tr(f"status.{changes['status']}")), on_saved)
    _after_write(mid)


def comment_section(
    store: Store, base: dict[str, Any], tr: Callable[..., str], on_saved: Callable[[], None]
) -> None:
    """Add a comment to the history without changing anything else."""
    mid, by = int(base["id"]), login.current_user()
    key = f"cm.{mid}.v{base['version']}"
    text = st.text_area(tr("mn.comment.add"), key=f"{key}.text", height=68)
    if not st.button(tr("mn.comment.save"), key=f"{key}.save", disabled=not (text or "").strip()):
        return
    if not by:
        return
    version = write_guarded(
        lambda: save_changes(store, mid, base, {}, by, text.strip(), "kommentar"), tr
    )
    if version is not None:
        reload_base(mid)
        _done(tr("mn.comment.saved"), on_saved)
    _after_write(mid)


def archive_section(
    store: Store, base: dict[str, Any], tr: Callable[..., str], on_saved: Callable[[], None]
) -> None:
    """Archive (or restore) a measure with a reason; nothing is ever deleted."""
    mid, by = int(base["id"]), login.current_user()
    key = f"ar.{mid}.v{base['version']}"
    if base.get("archived"):
        st.info(tr("mn.archive.is_archived"), icon=":material/inventory_2:")
        if st.button(tr("mn.archive.restore"), key=f"{key}.restore") and by:
            version = write_guarded(
                lambda: save_changes(
                    store, mid, base, {"archived": False}, by, None, "wiederhergestellt"
                ),
                tr,
            )
            if version is not None:
                reload_base(mid)
                _done(tr("mn.archive.restored"), on_saved)
            _after_write(mid)
        return
    reason = archive_form(key, tr)
    if reason is None or not by:
        return
    version = write_guarded(
        lambda: save_changes(store, mid, base, {"archived": True}, by, reason, "archiviert"), tr
    )
    if version is not None:
        reload_base(mid)
        _done(tr("mn.archive.done"), on_saved)
    _after_write(mid)


def create_section(
    store: Store,
    catalogue: Catalogue,
    labels: dict[str, dict[str, str]],
    titles: Mapping[str, int],
    today: dt.date,
    tr: Callable[..., str],
    on_created: Callable[[int], None],
) -> None:
    """The form for a new measure; on success the new measure opens."""
    by = login.current_user()
    round_ = st.session_state.setdefault("mf.new.round", 0)
    result = measure_form(
        f"mf.new.{round_}", {"status": ms.INITIAL, "progress": 0}, catalogue, labels, titles,
        today, tr, create=True,
    )  # fmt: skip
    if result is None:
        return
    if not by:
        login.hint(tr)
        return
    values, _comment = result
    resolve_organisation(store, values, labels["organisation_id"], by)
    record = {k: values.get(k) for k in EDITABLE}
    mid = write_guarded(lambda: guard.create_measure(store, by, record), tr)
    if mid is None:
        return
    st.session_state["mf.new.round"] = round_ + 1
    st.session_state[FLASH_KEY] = tr("mn.created", id=mid, title=values["title"])
    on_created(int(mid))
    st.rerun()


def review_section(
    store: Store,
    base: dict[str, Any],
    today: dt.date,
    tr: Callable[..., str],
    on_saved: Callable[[], None],
) -> None:
    """Mark a measure as reviewed today, with an optional note (a 'geprüft' event)."""
    mid, by = int(base["id"]), login.current_user()
    key = f"rv.{mid}.v{base['version']}.ok"
    note = st.text_input(tr("rv.action.review_note"), key=f"{key}.note")
    if not st.button(
        tr("rv.action.reviewed"),
        key=f"{key}.button",
        icon=":material/fact_check:",
        type="primary",
        disabled=not by,
    ):
        return
    changes = {"last_reviewed": today}
    version = write_guarded(
        lambda: save_changes(store, mid, base, changes, by, note.strip(), "geprüft"), tr
    )
    if version is not None:
        _done(tr("rv.action.reviewed.done", title=base["title"]), on_saved)
    _after_write(mid)


def next_step_section(
    store: Store,
    base: dict[str, Any],
    today: dt.date,
    tr: Callable[..., str],
    on_saved: Callable[[], None],
) -> None:
    """Set the next step and its date in place."""
    mid = int(base["id"])
    key = f"rv.{mid}.v{base['version']}.step"
    text = st.text_input(tr("mf.next_step"), base.get("next_step") or "", key=f"{key}.text")
    day = st.date_input(
        tr("mf.next_step_date"),
        value=as_date(base.get("next_step_date")),
        key=f"{key}.day",
        min_value=DATE_MIN,
        max_value=DATE_MAX,
        format="DD.MM.YYYY",
    )
    changes = changes_between(base, {**base, "next_step": text, "next_step_date": day})
    if "next_step_date" in changes and day is not None and day < today:
        st.caption(tr("rv.action.step_past"))
    _save_button(store, base, changes, tr, on_saved, ("step", key, ":material/event:"))


def planned_end_section(
    store: Store,
    base: dict[str, Any],
    tr: Callable[..., str],
    on_saved: Callable[[], None],
) -> None:
    """Move the planned end in place (a measure moved later is no longer overdue)."""
    mid = int(base["id"])
    key = f"rv.{mid}.v{base['version']}.end"
    day = st.date_input(
        tr("rv.action.plan"),
        value=as_date(base.get("planned_end")),
        key=f"{key}.day",
        min_value=DATE_MIN,
        max_value=DATE_MAX,
        format="DD.MM.YYYY",
    )
    changes = changes_between(base, {**base, "planned_end": day})
    _save_button(store, base, changes, tr, on_saved, ("plan", key, ":material/event_available:"))


def _save_button(
    store: Store,
    base: dict[str, Any],
    changes: dict[str, Any],
    tr: Callable[..., str],
    on_saved: Callable[[], None],
    action: tuple[str, str, str],
) -> None:
    """A quick action's save button: writes the changes (guarded) and reports ``rv.action.*``."""
    name, key, icon = action
    mid, by = int(base["id"]), login.current_user()
    if not st.button(
        tr(f"rv.action.{name}_save"),
        key=f"{key}.button",
        icon=icon,
        disabled=not (by and changes),
    ):
        return
    version = write_guarded(lambda: save_changes(store, mid, base, changes, by), tr)
    if version is not None:
        _done(tr(f"rv.action.{name}_saved", title=base["title"]), on_saved)
    _after_write(mid)
