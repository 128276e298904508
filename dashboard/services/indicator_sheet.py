"""The indicator sheet: everything one indicator is, where it stands and where it comes from.

A pure view model over released values (suppression already applied) and the catalogues, used
by the page ``/indikator`` and usable by reports. No Streamlit, no SQL.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from dashboard.catalogues import Catalogue

# indicator ids are catalogue slugs; anything else in ?id= is refused before a lookup
_ID_PATTERN = re.compile(r"[a-z][a-z0-9_]{0,63}")
DISTRICT_LEVEL = "stadtteil"
CITY_LEVEL = "stadt"
TOTAL_GROUP = "insgesamt"


@dataclass(frozen=True)
class IndicatorSheet:
    """One indicator's reference sheet, ready for presentation (values already released)."""

    indicator: dict[str, Any]
    field_title: str
    group: str
    goals: pd.DataFrame  # columns: field_id, field_title, label
    periods: tuple[int, int] | None
    latest_period: int | None
    ranking: pd.DataFrame  # columns: area_code, name, value, flag (latest period, districts)
    city: pd.DataFrame  # columns: period, value, flag
    district: pd.DataFrame  # columns: period, value, flag (empty without a chosen district)
    district_code: str | None
    district_name: str | None
    parts: list[str]  # names of the stored indicators a derived one is computed from
    sources: list[str]  # distinct sources of the values (provenance)
    flag_counts: dict[str, int] = field(default_factory=dict)


def parse_indicator_id(raw: object, known: set[str]) -> str | None:
    """The indicator id from a URL value, or None if it is malformed or not in the catalogue."""
    if not isinstance(raw, str) or not _ID_PATTERN.fullmatch(raw):
        return None
    return raw if raw in known else None


def group_labels(catalogue: Catalogue) -> dict[str, str]:
    """Display label of every declared group."""
    frame = catalogue.frames["group_label"]
    return dict(zip(frame["id"], frame["label"], strict=True))


def sheet_group(indicator: dict[str, Any], requested: str | None) -> str:
    """The group shown: the requested one if the indicator has it, else its total."""
    stored = indicator.get("groups")
    groups = [str(g) for g in stored] if stored is not None and len(stored) else [TOTAL_GROUP]
    if requested in groups:
        return str(requested)
    return TOTAL_GROUP if TOTAL_GROUP in groups else str(groups[0])


def build_sheet(
    catalogue: Catalogue,
    values: pd.DataFrame,
    goals: pd.DataFrame,
    fields: pd.DataFrame,
    indicator_id: str,
    district: str | None = None,
    group: str | None = None,
) -> IndicatorSheet:
    """The sheet of one indicator from its released values and the catalogues."""
    indicator = catalogue.indicator(indicator_id)
    if indicator is None:
        raise KeyError(indicator_id)
    chosen = sheet_group(indicator, group)
    rows = values[(values["indicator_id"] == indicator_id) & (values["grp"] == chosen)]
    areas = catalogue.areas
    districts = areas[areas["level"] == DISTRICT_LEVEL]
    city_codes = set(areas.loc[areas["level"] == CITY_LEVEL, "code"])
    titles = dict(zip(fields["id"], fields["title"], strict=True))
    periods = sorted(int(p) for p in rows["period"].dropna().unique())
    latest = _latest_with_values(rows, set(districts["code"]))
    district_code = district if district in set(districts["code"]) else None
    return IndicatorSheet(
        indicator=indicator,
        field_title=titles.get(indicator["field_id"], ""),
        group=chosen,
        goals=_goals_using(catalogue, goals, titles, indicator_id),
        periods=(periods[0], periods[-1]) if periods else None,
        latest_period=latest,
        ranking=_ranking(rows, districts, latest, str(indicator["direction"])),
        city=_series(rows, city_codes),
        district=_series(rows, {district_code} if district_code else set()),
        district_code=district_code,
        district_name=_name(districts, district_code),
        parts=_parts(catalogue, indicator),
        sources=sorted({str(s) for s in rows["source"].dropna() if str(s).strip()}),
        flag_counts={str(k): int(v) for k, v in rows["flag"].dropna().value_counts().items()},
    )


def _latest_with_values(rows: pd.DataFrame, district_codes: set[str]) -> int | None:
    """The newest period in which at least one district has a shown value."""
    shown = rows[rows["area_code"].isin(district_codes) & rows["value"].notna()]
    return int(shown["period"].max()) if not shown.empty else None


def _ranking(
    rows: pd.DataFrame, districts: pd.DataFrame, period: int | None, direction: str
) -> pd.DataFrame:
    """Every district's value in the period, best first (highest first when neutral)."""
    columns = ["area_code", "name", "value", "flag"]
    if period is None:
        return pd.DataFrame(columns=columns)
    cells = rows[rows["period"] == period].set_index("area_code")
    frame = districts[["code", "name"]].rename(columns={"code": "area_code"}).copy()
    frame["value"] = frame["area_code"].map(cells["value"]).astype(float)
    frame["flag"] = frame["area_code"].map(cells["flag"])
    ascending = direction == "lower_better"
    frame = frame.sort_values(["value", "name"], ascending=[ascending, True], na_position="last")
    return frame[columns].reset_index(drop=True)


def _series(rows: pd.DataFrame, codes: set[str]) -> pd.DataFrame:
    """The time series of one area (empty when no code is given)."""
    picked = rows[rows["area_code"].isin(codes)]
    frame = picked[["period", "value", "flag"]].sort_values("period")
    return frame.astype({"period": int, "value": float}).reset_index(drop=True)


def _goals_using(
    catalogue: Catalogue, goals: pd.DataFrame, titles: dict[str, str], indicator_id: str
) -> pd.DataFrame:
    """The Leitbild goals that name this indicator, in catalogue order."""
    links = catalogue.frames.get("goal_indicator", pd.DataFrame(columns=["goal_id"]))
    ids = set(links.loc[links["indicator_id"] == indicator_id, "goal_id"])
    picked = goals[goals["id"].isin(ids)].sort_values("sort")
    return pd.DataFrame(
        {
            "field_id": picked["field_id"].to_numpy(),
            "field_title": picked["field_id"].map(titles).to_numpy(),
            "label": picked["label"].to_numpy(),
        }
    )


def _parts(catalogue: Catalogue, indicator: dict[str, Any]) -> list[str]:
    """Names of the numerator and denominator a derived indicator is computed from."""
    names = []
    for key in ("numerator_id", "denominator_id"):
        ref = indicator.get(key)
        if isinstance(ref, str):
            part = catalogue.indicator(ref)
            names.append(str(part["name"]) if part else ref)
    return names


def _name(districts: pd.DataFrame, code: str | None) -> str | None:
    """A district's name, or None."""
    if code is None:
        return None
    return str(districts.loc[districts["code"] == code, "name"].iloc[0])
