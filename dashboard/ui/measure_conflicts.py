"""Who may edit a measure, saving with optimistic locking, and the panel for refused saves."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

import pandas as pd
import streamlit as st

from dashboard.auth import guard
from dashboard.auth.roles import User, can
from dashboard.catalogues import Catalogue
from dashboard.errors import LeitbildError
from dashboard.services.measure_edit import (
    conflict_rows,
    display_value,
    merged,
    normalise,
    problems_by_field,
    reapply,
    validate,
)
from dashboard.store import MeasureConflictError, Store
from dashboard.ui import data, login
from dashboard.ui.measure_session import FLASH_KEY, reload_base


def editor_name(tr: Callable[..., str]) -> str | None:
    """The logged-in user's name if they may edit measures at all (recorded on every event)."""
    user = login.current_user()
    return user.display_name if can(user, "measure.edit") else None


def require_editor(
    tr: Callable[..., str],
    measure: Mapping[str, Any] | None = None,
    action: str = "measure.edit",
    quiet: bool = False,
) -> User | None:
    """The user if they may do ``action`` (on ``measure``), else None and a hint why not."""
    user = login.current_user()
    if measure is None or not can(user, action):
        # no scope to check when the role alone decides (lists call this once per measure)
        allowed = can(user, action)
    else:
        try:
            guard.require_measure(user, action, data.store(), measure)
            allowed = True
        except LeitbildError:
            allowed = False
    if allowed:
        return user
    if not quiet:
        reason = "login" if user is None else "role" if not can(user, action) else "scope"
        login.hint(tr, reason)
    return None


def _conflict_key(mid: int) -> str:
    return f"conflict.{mid}"


def save_changes(
    store: Store,
    mid: int,
    base: Mapping[str, Any],
    changes: Mapping[str, Any],
    user: User | None,
    comment: str | None = None,
    kind: str | None = None,
) -> int | None:
    """Save on the version in ``base`` as ``user`` (checked server-side); None on a conflict."""
    try:
        version = guard.update_measure(
            store, user, mid, int(base["version"]), dict(changes), comment or None, kind
        )
    except MeasureConflictError as err:
        st.session_state[_conflict_key(mid)] = {
            "base": normalise(base),
            "changes": normalise(changes),
            "theirs": normalise(err.current),
            "comment": comment,
            "kind": kind,
        }
        return None
    st.session_state.pop(_conflict_key(mid), None)
    return version


def has_conflict(mid: int) -> bool:
    """Whether a refused save of this measure waits for the user's decision."""
    return _conflict_key(mid) in st.session_state


def _conflict_table(
    rows: list[dict[str, Any]],
    theirs: Mapping[str, Any],
    tr: Callable[..., str],
    lang: str,
    names: Mapping[str, str],
) -> pd.DataFrame:
    """The fields either side changed: mine, the stored version, the original, and clashes."""
    return pd.DataFrame(
        {
            tr("mn.conflict.field"): [tr(f"mf.{r['field']}") for r in rows],
            tr("mn.conflict.mine"): [
                display_value(r["field"], r["mine"], tr, lang, names) for r in rows
            ],
            tr("mn.conflict.theirs", version=theirs.get("version")): [
                display_value(r["field"], r["theirs"], tr, lang, names) for r in rows
            ],
            tr("mn.conflict.base"): [
                display_value(r["field"], r["base"], tr, lang, names) for r in rows
            ],
            tr("mn.conflict.clash"): [tr("mn.yes") if r["clash"] else "" for r in rows],
        }
    )


def conflict_panel(
    store: Store,
    mid: int,
    catalogue: Catalogue,
    today: dt.date,
    tr: Callable[..., str],
    lang: str,
    names: Mapping[str, str],
    on_done: Callable[[], None],
) -> None:
    """Both versions side by side; re-apply mine on the stored version, or discard mine."""
    state = st.session_state.get(_conflict_key(mid))
    if not state:
        return
    theirs = state["theirs"]
    st.error(tr("mn.conflict.title", version=theirs.get("version")), icon=":material/sync_problem:")
    st.caption(tr("mn.conflict.explain"))
    rows = conflict_rows(state["base"], {**state["base"], **state["changes"]}, theirs)
    table = _conflict_table(rows, theirs, tr, lang, names)
    st.dataframe(
        table, hide_index=True, placeholder="–", width="stretch", key=f"conflict.table.{mid}"
    )
    needed, overwritten = reapply(state["base"], state["changes"], theirs)
    after = merged(theirs, needed)
    problems = validate(after, catalogue, today)
    if overwritten:
        st.warning(
            tr("mn.conflict.overwrites", fields=", ".join(tr(f"mf.{f}") for f in overwritten))
        )
    for column, texts in problems_by_field(problems).items():
        for text in texts:
            st.error(tr("mn.form.problem", field=tr(f"mf.{column}"), text=text))
    left, right = st.columns(2)
    by = login.current_user()
    reapply_clicked = left.button(
        tr("mn.conflict.reapply"),
        key=f"conflict.reapply.{mid}",
        type="primary",
        disabled=bool(problems) or not by or not (needed or state.get("comment")),
    )
    if reapply_clicked:
        version = save_changes(
            store, mid, theirs, needed, by, state.get("comment"), state.get("kind")
        )
        if version is not None:
            reload_base(mid)
            st.session_state[FLASH_KEY] = tr("mn.saved", version=version)
            on_done()
        st.rerun()
    if right.button(tr("mn.conflict.discard"), key=f"conflict.discard.{mid}"):
        st.session_state.pop(_conflict_key(mid), None)
        reload_base(mid)
        on_done()
        st.rerun()


def stale_notice(
    mid: int, base: Mapping[str, Any], current: Mapping[str, Any], tr: Callable[..., str]
) -> None:
    """Say so when someone saved this measure after this session loaded it."""
    if int(current["version"]) == int(base["version"]) or has_conflict(mid):
        return
    st.warning(tr("mn.stale", version=current["version"]), icon=":material/update:")
    if st.button(tr("mn.stale.reload"), key=f"stale.reload.{mid}"):
        reload_base(mid)
        st.rerun()
