"""Area hierarchy and reconciliation of aggregate rows."""

from __future__ import annotations

import pandas as pd

from dashboard.analysis.aggregation import district_members, reconcile


def test_members_follow_the_hierarchy(catalogue) -> None:
    members = district_members(catalogue.areas)
    assert sorted(members["1"]) == ["11", "12", "13", "14", "15"]
    assert len(members["B1"]) == 5 + 9 + 4 + 5
    assert len([m for m in members["0"] if m != "00"]) == 45 and "00" in members["0"]


def test_reconcile_reports_only_differences(catalogue) -> None:
    rows = [("11", 1.0), ("12", 2.0), ("13", 3.0), ("14", 4.0), ("15", 5.0), ("1", 15.0)]
    frame = pd.DataFrame(
        [{"area_code": a, "period": 2014, "grp": "insgesamt", "value": v} for a, v in rows]
    )
    diffs, checked = reconcile(frame, catalogue.areas)
    assert (checked, len(diffs)) == (1, 0)
    frame.loc[frame["area_code"] == "1", "value"] = 16.0
    diffs, checked = reconcile(frame, catalogue.areas)
    assert (checked, diffs.loc[0, "sum"], diffs.loc[0, "found"]) == (1, 15.0, 16.0)


def test_aggregate_with_missing_member_is_not_checked(catalogue) -> None:
    frame = pd.DataFrame(
        [{"area_code": a, "period": 2014, "grp": "insgesamt", "value": 1.0} for a in ("11", "1")]
    )
    assert reconcile(frame, catalogue.areas)[1] == 0
