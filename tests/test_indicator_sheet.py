"""The indicator sheet's view model on small inline frames."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from dashboard.catalogues import Catalogue
from dashboard.services.indicator_sheet import build_sheet, parse_indicator_id, sheet_group

KNOWN = {"anteil_mv", "arbeitslose_je100"}


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("anteil_mv", "anteil_mv"),
        ("arbeitslose_je100", "arbeitslose_je100"),
        ("unbekannt", None),  # well-formed, not in the catalogue
        ("²", None),  # "²".isdigit() is true: the pattern must not rely on str methods
        ("../anteil_mv", None),
        ("Anteil_MV", None),
        ("anteil_mv\n", None),
        ("", None),
        (None, None),
        (["anteil_mv"], None),
    ],
)
def test_parse_indicator_id_is_strict(raw: object, expected: str | None) -> None:
    assert parse_indicator_id(raw, KNOWN) == expected


def _catalogue(direction: str) -> Catalogue:
    areas = pd.DataFrame(
        {
            "code": ["0", "61", "91", "11"],
            "level": ["stadt", "stadtteil", "stadtteil", "stadtteil"],
            "name": ["Stadt Münster", "Coerde", "Berg Fidel", "Aegidii"],
            "parent_code": [None, "0", "0", "0"],
            "aliases": [[], [], [], []],
            "sort": [0, 1, 2, 3],
        }
    )
    indicator = {
        "id": "quote", "name": "Eine Quote", "short": "Quote", "field_id": "7.1", "unit": "je 100",
        "kind": "rate", "direction": direction, "target_type": "direction",
        "levels": ["stadt", "stadtteil"], "groups": ["insgesamt", "weiblich"], "decimals": 1,
        "definition": "Test", "source": "Test", "numerator_id": None, "denominator_id": None,
        "factor": None, "parity_reference": None, "aggregate": "ratio", "sort": 0,
    }  # fmt: skip
    frames = {
        "area": areas,
        "indicator": pd.DataFrame([indicator]),
        "group_label": pd.DataFrame({"id": ["insgesamt", "weiblich"], "label": ["Alle", "Frauen"]}),
        "goal_indicator": pd.DataFrame({"goal_id": ["7.1-L1"], "indicator_id": ["quote"]}),
    }
    return Catalogue.from_frames(frames)


GOALS = pd.DataFrame(
    {"id": ["7.1-L1", "7.1-L2"], "field_id": ["7.1", "7.1"], "label": ["Arbeit für alle", "x"],
     "sort": [1, 2]}
)  # fmt: skip
FIELDS = pd.DataFrame({"id": ["7.1"], "title": ["Arbeit und Wirtschaft"]})


def _values(rows: list[tuple[str, int, str, float | None, str | None]]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=["area_code", "period", "grp", "value", "flag"])
    frame["indicator_id"] = "quote"
    frame["source"] = "Amt für Statistik"
    return frame


VALUES = _values(
    [
        ("0", 2023, "insgesamt", 5.0, None),
        ("0", 2024, "insgesamt", 4.0, None),
        ("61", 2023, "insgesamt", 9.0, None),
        ("61", 2024, "insgesamt", 8.0, "provisional"),
        ("91", 2024, "insgesamt", 3.0, None),
        ("11", 2024, "insgesamt", None, "secret"),
        ("61", 2025, "insgesamt", None, "secret"),  # only hidden: not the latest shown period
        ("61", 2024, "weiblich", 7.5, None),
    ]
)


def test_ranking_orders_best_first_and_keeps_hidden_last() -> None:
    sheet = build_sheet(_catalogue("lower_better"), VALUES, GOALS, FIELDS, "quote")
    assert sheet.latest_period == 2024
    assert list(sheet.ranking["name"]) == ["Berg Fidel", "Coerde", "Aegidii"]
    assert math.isnan(sheet.ranking["value"].iloc[-1])
    assert sheet.ranking["flag"].iloc[-1] == "secret"
    higher = build_sheet(_catalogue("higher_better"), VALUES, GOALS, FIELDS, "quote")
    assert list(higher.ranking["name"]) == ["Coerde", "Berg Fidel", "Aegidii"]


def test_series_goals_sources_and_flags() -> None:
    sheet = build_sheet(_catalogue("neutral"), VALUES, GOALS, FIELDS, "quote", district="61")
    assert list(sheet.city["value"]) == [5.0, 4.0]
    assert list(sheet.district["period"]) == [2023, 2024, 2025]
    assert sheet.district_name == "Coerde"
    assert list(sheet.goals["label"]) == ["Arbeit für alle"]
    assert list(sheet.goals["field_title"]) == ["Arbeit und Wirtschaft"]
    assert sheet.sources == ["Amt für Statistik"]
    assert sheet.flag_counts == {"secret": 2, "provisional": 1}
    assert sheet.periods == (2023, 2025)


def test_group_choice_and_unknown_district() -> None:
    catalogue = _catalogue("neutral")
    women = build_sheet(catalogue, VALUES, GOALS, FIELDS, "quote", district="99", group="weiblich")
    assert women.group == "weiblich" and women.district_name is None and women.district.empty
    assert list(women.ranking["value"].dropna()) == [7.5]
    indicator = catalogue.indicator("quote")
    assert indicator is not None
    assert sheet_group(indicator, "maennlich") == "insgesamt"


def test_unknown_indicator_is_an_error() -> None:
    with pytest.raises(KeyError):
        build_sheet(_catalogue("neutral"), VALUES, GOALS, FIELDS, "fehlt")
