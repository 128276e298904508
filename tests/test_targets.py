"""Target import and the target plausibility rules."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.catalogues import Catalogue
from dashboard.ingest.tables import read_table
from dashboard.ingest.targets import check_target, parse_targets
from tests.conftest import ASSETS


def _parse(name: str, catalogue: Catalogue):
    table = read_table((ASSETS / name).read_bytes(), name)
    return parse_targets(table, catalogue, by="test")


def test_good_targets(catalogue: Catalogue) -> None:
    frame, problems = _parse("targets_good.csv", catalogue)
    assert [p for p in problems if p.severity == "error"] == []
    assert list(frame["type"]) == ["parity", "parity", "absolute", "relative_change", "direction"]
    assert frame.loc[1, "reference_indicator"] == "anteil_mv"  # taken from the catalogue
    assert frame.loc[2, "value"] == 6.5 and frame.loc[2, "area_code"] == "91"
    assert pd.isna(frame.loc[3, "area_code"])  # all districts


def test_bad_targets_report_every_row(catalogue: Catalogue) -> None:
    _, problems = _parse("targets_bad.csv", catalogue)
    found = {(p.row, p.column) for p in problems}
    expected = {
        (2, "indicator"), (3, "area"), (4, "type"), (5, "value"), (6, "baseline_period"),
        (7, "value"), (8, "target_period"), (9, "goal"), (10, "value"),
    }  # fmt: skip
    assert expected <= found, sorted(found)


@pytest.mark.parametrize(
    ("change", "column"),
    [({"type": "absolute", "value": None}, "value"),
     ({"type": "parity", "reference_indicator": None}, "reference_indicator"),
     ({"target_period": None}, "target_period"),
     ({"grp": "nirgendwo"}, "group")],
)  # fmt: skip
def test_check_target_rules(catalogue: Catalogue, change: dict, column: str) -> None:
    base = {"indicator_id": "arbeitslose_je100", "grp": "insgesamt", "type": "absolute",
            "value": 5.0, "target_period": 2030}  # fmt: skip
    assert check_target(base, catalogue) == []
    assert column in {c for c, _, _ in check_target({**base, **change}, catalogue)}
