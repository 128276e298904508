"""The Leitbild at a glance: goals per field by status group, and what changed recently."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from dashboard.domain import progress as progress_status

GOOD = progress_status.GOOD
OFF = progress_status.OFF
GROUPS = ("good", "off", "none")  # on track / off track / no data (or not assessable)
RECENT_DAYS = 30  # "since last month"


def status_group(status: object) -> str:
    """good | off | none for a roll-up or target status."""
    if status in GOOD:
        return "good"
    if status in OFF:
        return "off"
    return "none"


def field_counts(tree: pd.DataFrame, field_ids: list[str]) -> pd.DataFrame:
    """Goals per field (each goal once) by status group: columns good, off, none, total."""
    goals = tree[tree["node_type"] != "field"].drop_duplicates("node_id") if len(tree) else tree
    groups = goals["status"].map(status_group) if len(goals) else pd.Series(dtype=str)
    table = pd.crosstab(goals["field_id"], groups) if len(goals) else pd.DataFrame()
    table = table.reindex(index=field_ids, columns=list(GROUPS), fill_value=0).fillna(0)
    table = table.astype(int)
    table["total"] = table.sum(axis=1)
    return table


def target_counts(statuses: pd.Series) -> dict[str, int]:
    """Target values by status group (good, off, none) and in total."""
    groups = statuses.map(status_group).value_counts()
    counts = {g: int(groups.get(g, 0)) for g in GROUPS}
    counts["total"] = len(statuses)
    return counts


def recent(
    frame: pd.DataFrame, column: str, today: dt.date, days: int = RECENT_DAYS
) -> pd.DataFrame:
    """Rows whose ``column`` (a timestamp) lies within the last ``days`` days up to today."""
    if frame.empty:
        return frame
    day = pd.to_datetime(frame[column]).dt.date
    return frame[(day > today - dt.timedelta(days=days)) & (day <= today)]
