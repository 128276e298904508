"""Frames behind the profile page's tables and charts, for downloads: raw numbers, German labels.

The screen shows formatted texts ('47,8 %', 'geheim'); a download carries the numbers
themselves (empty where a value is hidden, with the flag beside it) so a spreadsheet can
compute with them. No Streamlit here: these run in the download thread.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import pandas as pd

from dashboard.analysis.similarity import Similarity
from dashboard.analysis.social_index import SocialIndex
from dashboard.present.i18n import t


def _rounded(values: pd.Series, decimals: pd.Series | int) -> list[float]:
    """Values at the precision the screen shows (as the official tables publish them)."""
    places = decimals if isinstance(decimals, pd.Series) else pd.Series(decimals, values.index)
    return [
        round(float(v), int(d)) if pd.notna(v) else math.nan
        for v, d in zip(values, places, strict=True)
    ]


def _flag(value: object, lang: str) -> str:
    return t(f"stadtteil.flag.{value}", lang) if isinstance(value, str) and value else ""


def profile_frame(
    profile: pd.DataFrame,
    field_titles: dict[str, str],
    bezirk_name: str | None,
    lang: str = "de",
) -> pd.DataFrame:
    """The profile rows (spine chart, profile and counts tables) with raw values."""
    bezirk = f"{t('stadtteil.col.bezirk', lang)} {bezirk_name or ''}".strip()
    judged = profile["comparable"].astype(bool)
    return pd.DataFrame(
        {
            t("stadtteil.col.field_short", lang): [
                f"{f} {field_titles.get(f, '')}".strip() for f in profile["field_id"]
            ],
            t("stadtteil.col.indicator", lang): profile["name"],
            t("dl.col.indicator_id", lang): profile["indicator_id"],
            t("dl.col.year", lang): profile["period"].astype("Int64"),
            t("dl.col.unit", lang): profile["unit"],
            t("stadtteil.col.value", lang): _rounded(profile["value"], profile["decimals"]),
            bezirk: _rounded(profile["bezirk"], profile["decimals"]),
            t("stadtteil.col.city", lang): _rounded(profile["city"], profile["decimals"]),
            t("stadtteil.col.diff_city", lang): _rounded(
                profile["diff_city"].where(judged), profile["decimals"]
            ),
            t("stadtteil.col.assessment", lang): [
                t(f"stadtteil.assess.{a}", lang) if j else ""
                for a, j in zip(profile["assessment"], judged, strict=True)
            ],
            t("stadtteil.col.rank", lang): profile["rank"].astype("Float64").astype("Int64"),
            t("dl.col.flag", lang): [_flag(f, lang) for f in profile["flag"]],
            # where the district's value comes from (official table, computed, demo)
            **(
                {t("stadtteil.col.provenance", lang): profile["provenance"]}
                if "provenance" in profile
                else {}
            ),
        }
    )


def series_frame(
    series: pd.DataFrame, names: dict[str, str], unit: str, lang: str = "de", decimals: int = 1
) -> pd.DataFrame:
    """A time series chart's points: area, year, value (as shown), unit, flag."""
    return pd.DataFrame(
        {
            t("stadtteil.col.area", lang): [names.get(c, c) for c in series["area_code"]],
            t("dl.col.code", lang): series["area_code"],
            t("dl.col.year", lang): series["period"].astype("Int64"),
            t("stadtteil.col.value", lang): _rounded(series["value"], decimals),
            t("dl.col.unit", lang): unit,
            t("dl.col.flag", lang): [_flag(f, lang) for f in series["flag"]],
        }
    )


def compare_frame(frame: pd.DataFrame, names: dict[str, str], lang: str = "de") -> pd.DataFrame:
    """The comparison (chart and table): one row per indicator and area with raw values."""
    return pd.DataFrame(
        {
            t("stadtteil.col.indicator", lang): frame["short"],
            t("dl.col.indicator_id", lang): frame["indicator_id"],
            t("stadtteil.col.area", lang): [names.get(c, c) for c in frame["area_code"]],
            t("dl.col.code", lang): frame["area_code"],
            t("dl.col.year", lang): frame["period"].astype("Int64"),
            t("dl.col.unit", lang): frame["unit"],
            t("stadtteil.col.value", lang): _rounded(frame["value"], frame["decimals"]),
            t("stadtteil.col.city", lang): _rounded(frame["city"], frame["decimals"]),
            t("stadtteil.col.assessment", lang): [
                t(f"stadtteil.assess.{a}", lang) for a in frame["assessment"]
            ],
            t("dl.col.flag", lang): [_flag(f, lang) for f in frame["flag"]],
        }
    )


def similar_frame(
    result: Similarity, code: str, names: dict[str, str], indicators: pd.DataFrame, lang: str
) -> pd.DataFrame:
    """The district and its nearest neighbours: distance and the raw values compared."""
    shorts = dict(zip(indicators["id"], indicators["short"], strict=True))
    own = {"area_code": code, "distance": math.nan}
    own.update({f"value_{i}": v for i, v in result.reference.items()})
    rows = []
    for r in [own, *result.frame.to_dict("records")]:
        row = {
            t("dl.col.code", lang): r["area_code"],
            t("stadtteil.col.area", lang): names.get(r["area_code"], r["area_code"]),
            t("stadtteil.col.distance", lang): r["distance"],
        }
        for ind in result.indicators:
            row[shorts.get(ind, ind)] = r.get(f"value_{ind}", math.nan)
        rows.append(row)
    return pd.DataFrame(rows)


def social_index_frame(result: SocialIndex, names: dict[str, str], lang: str) -> pd.DataFrame:
    """The social index of every Stadtteil: population, index, class, rank, dynamics."""
    f = result.frame
    return pd.DataFrame(
        {
            t("dl.col.code", lang): f["area_code"],
            t("stadtteil.col.area", lang): [names.get(c, c) for c in f["area_code"]],
            t("dl.col.year", lang): result.period,
            t("dl.col.population", lang): f["population"],
            t("dl.col.index", lang): f["index"],
            t("dl.col.index_sd", lang): f["index_sd"],
            t("dl.col.class", lang): [
                t(f"stadtteil.class.{k}", lang) if isinstance(k, str) else ""
                for k in f["class_key"]
            ],
            t("dl.col.rank", lang): f["rank"].astype("Float64").astype("Int64"),
            t("dl.col.dynamics", lang): f.get("dynamics", math.nan),
            t("dl.col.left_out", lang): [r if isinstance(r, str) else "" for r in f["reason"]],
        }
    )


def contributions_frame(
    row: pd.Series, indicators: tuple[str, ...], shorts: dict[str, str], lang: str
) -> pd.DataFrame:
    """What each core indicator adds to one district's index."""
    return pd.DataFrame(
        {
            t("stadtteil.col.indicator", lang): [shorts.get(i, i) for i in indicators],
            t("dl.col.indicator_id", lang): list(indicators),
            t("dl.col.contribution", lang): [row.get(f"contrib_{i}", math.nan) for i in indicators],
        }
    )


# --- goal pages (Ziel-Ist-Vergleich, Handlungsfelder) ------------------------------------------
def matrix_frame(
    matrix: pd.DataFrame,
    area_labels: dict[str, str],
    field_labels: dict[str, str],
    status_text: Callable[[object], str],
    lang: str = "de",
) -> pd.DataFrame:
    """The districts × fields matrix: one row per area and field with status and score."""
    return pd.DataFrame(
        {
            t("dl.col.code", lang): matrix["area"],
            t("stadtteil.col.area", lang): [area_labels.get(a, a) for a in matrix["area"]],
            t("dl.col.field", lang): [field_labels.get(f, f) for f in matrix["field_id"]],
            t("dl.col.status", lang): [status_text(s) for s in matrix["status"]],
            t("dl.col.score", lang): matrix["score"].astype("Float64"),
            t("dl.col.assessments", lang): matrix["n_items"],
        }
    )


def gap_frame(
    table: pd.DataFrame, statuses: list[str] | None = None, lang: str = "de"
) -> pd.DataFrame:
    """A target's values per year: actual, reference, target level, gaps (and the status)."""
    out = pd.DataFrame(
        {
            t("dl.col.year", lang): table["period"],
            t("dl.col.actual", lang): table["actual"],
            t("dl.col.reference", lang): table["reference"],
            t("dl.col.target_level", lang): table["target_level"],
            t("dl.col.gap", lang): table["absolute"],
            t("dl.col.gap_relative", lang): table["relative"],
            t("dl.col.unit", lang): table["unit"],
        }
    )
    if statuses is not None and len(statuses) == len(out):
        out[t("dl.col.status", lang)] = statuses
    return out


def bullets_frame(
    bullets: pd.DataFrame, status_text: Callable[[object], str], lang: str = "de"
) -> pd.DataFrame:
    """The bullet chart: share of the way to the target achieved and expected by now."""
    return pd.DataFrame(
        {
            t("dl.col.target", lang): bullets["label"],
            t("dl.col.status", lang): [status_text(s) for s in bullets["status"]],
            t("dl.col.achieved", lang): bullets["achieved"],
            t("dl.col.expected", lang): bullets["expected"],
        }
    )
