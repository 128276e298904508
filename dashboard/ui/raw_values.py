"""Raw (unsuppressed) values for admins: asked for explicitly, clearly labelled, logged.

Nobody else sees the toggle, and the read itself (guard.raw_observations) refuses non-admins.
Raw values are never part of downloads, presentations or exports.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import streamlit as st

from dashboard.auth import guard
from dashboard.ui import data, login

Tr = Callable[..., str]


def offer(indicator: dict, area_codes: Sequence[str], period: int, tr: Tr, key: str) -> None:
    """An admin-only toggle under a map table: one indicator (with its parts), raw."""
    ids = [str(indicator["id"])]
    ids += [str(indicator[k]) for k in ("numerator_id", "denominator_id") if indicator.get(k)]
    offer_many(ids, area_codes, period, tr, key)


def offer_many(
    indicator_ids: Sequence[str], area_codes: Sequence[str], period: int | None, tr: Tr, key: str
) -> None:
    """An admin-only toggle; when on, the stored values without suppression (logged).

    ``period`` None: every period (e.g. the profile's "latest for each indicator").
    """
    if not login.may("raw.view"):
        return
    if not st.toggle(tr("auth.raw.toggle"), key=key, help=tr("auth.raw.help")):
        return
    frame = guard.raw_observations(
        data.store(),
        login.current_user(),
        [str(i) for i in indicator_ids],
        [str(c) for c in area_codes],
        None if period is None else [int(period)],
    )
    st.warning(tr("auth.raw.warning"), icon=":material/visibility:")
    st.markdown(f"**{tr('auth.raw.title')}**")
    columns = ["indicator_id", "area_code", "period", "grp", "value", "numerator", "denominator"]
    st.dataframe(
        frame[[c for c in columns if c in frame.columns]],
        hide_index=True,
        placeholder="–",
        key=f"{key}.t",
    )
