"""The Handlungsfelder texts: the overview row per field (present/field_tree.py)."""

from __future__ import annotations

import math

import pandas as pd

from dashboard.present import field_tree as ft


def tr(key: str, **kw: object) -> str:
    """Keys as text: the test reads which column is which."""
    return key


def node(node_id: str, kind: str, field: str, flags: list[str], **counts: object) -> dict:
    base = {"n_items": 0, "n_active": 0, "n_completed": 0, "score": None, "status": "no_data"}
    return {"node_id": node_id, "node_type": kind, "field_id": field, "flags": flags,
            **base, **counts}  # fmt: skip


def test_overview_counts_each_goal_once_and_fills_missing_fields() -> None:
    nodes = pd.DataFrame([
        node("6.1", "field", "6.1", [], n_items=4, n_active=2, n_completed=1, score=1.5),
        node("6.2", "field", "6.2", []),
        node("g1", "leitziel", "6.1", ["off_track_no_measure"]),
        node("g1", "leitziel", "6.1", ["off_track_no_measure"]),  # listed twice in the tree
        node("g2", "teilziel", "6.1", ["no_indicator", "completed_not_moving"]),
        node("g3", "teilziel", "6.2", ["no_indicator"]),
    ])  # fmt: skip
    cover = pd.DataFrame({"share_assessed": [0.25]}, index=pd.Index(["6.1"], name="field_id"))
    labels = {"field": {"6.1": "Rassismus", "6.2": "Sprache"}}
    ctx = ft.TreeText(tr, "de", labels)
    frame = ft.overview_frame(nodes, cover, ["6.1", "6.2"], ctx).set_index("col.field")
    assert frame.loc["6.1", "hf.col.attention"] == 2  # g1 once, g2
    assert frame.loc["6.2", "hf.col.attention"] == 0
    assert list(frame["hf.col.no_indicator"]) == [1, 1]
    assert list(frame["hf.col.coverage"]) == [25.0, 0.0]  # no coverage row: 0 %
    assert frame.loc["6.1", "hf.col.score"] == 1.5 and math.isnan(frame.loc["6.2", "hf.col.score"])
    assert list(frame["hf.col.running"]) == [2, 0] and list(frame["hf.col.completed"]) == [1, 0]
