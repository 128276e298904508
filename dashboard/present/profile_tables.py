"""Tables of a district profile: indicators, counts, comparison, similar districts, measures."""

from __future__ import annotations

import math

import pandas as pd

from dashboard.analysis import profile as prof
from dashboard.analysis.similarity import Similarity
from dashboard.present.format import fmt_date, fmt_number
from dashboard.present.i18n import t
from dashboard.present.profile_format import fmt_diff, fmt_value, rank_text, row_value


def profile_table(
    profile: pd.DataFrame, field_titles: dict[str, str], bezirk_name: str | None, lang: str = "de"
) -> pd.DataFrame:
    """The profile as a readable table (German formats; hidden values as 'geheim')."""
    bezirk_col = f"{t('stadtteil.col.bezirk', lang)} {bezirk_name or ''}".strip()
    rows = []
    for _, r in profile.iterrows():
        judged = bool(r["comparable"])
        trend = r.get("gap_trend")
        rows.append(
            {
                t(
                    "stadtteil.col.field_short", lang
                ): f"{r['field_id']} {field_titles.get(r['field_id'], '')}",
                t("stadtteil.col.indicator", lang): r["name"],
                t("stadtteil.col.period", lang): str(r["period"]),
                t("stadtteil.col.value", lang): row_value(r, "value", "flag", lang),
                t("stadtteil.col.city", lang): row_value(r, "city", "city_flag", lang),
                bezirk_col: row_value(r, "bezirk", "bezirk_flag", lang),
                t("stadtteil.col.diff_city", lang): (
                    fmt_diff(r["diff_city"], r["unit"], r["decimals"], lang) if judged else "–"
                ),
                t("stadtteil.col.assessment", lang): t(f"stadtteil.assess.{r['assessment']}", lang)
                if judged
                else "–",
                t("stadtteil.col.rank", lang): rank_text(r, lang),
                t("stadtteil.col.gap_trend", lang): t(f"stadtteil.gap.{trend}", lang)
                if isinstance(trend, str)
                else "–",
            }
        )
        if "provenance" in profile:  # where the district's value comes from
            origin = r["provenance"]
            rows[-1][t("stadtteil.col.provenance", lang)] = (
                origin if isinstance(origin, str) else "–"
            )
    return pd.DataFrame(rows)


def counts_table(profile: pd.DataFrame, bezirk_name: str | None, lang: str = "de") -> pd.DataFrame:
    """The profile's counts (not comparable with the city): value, borough, city."""
    bezirk_col = f"{t('stadtteil.col.bezirk', lang)} {bezirk_name or ''}".strip()
    counts = profile[~profile["comparable"].astype(bool)]
    rows = [
        {
            t("stadtteil.col.indicator", lang): r["name"],
            t("stadtteil.col.period", lang): str(r["period"]),
            t("stadtteil.col.value", lang): row_value(r, "value", "flag", lang),
            bezirk_col: row_value(r, "bezirk", "bezirk_flag", lang),
            t("stadtteil.col.city", lang): row_value(r, "city", "city_flag", lang),
        }
        for _, r in counts.iterrows()
    ]
    return pd.DataFrame(rows)


def compare_table(frame: pd.DataFrame, names: dict[str, str], lang: str = "de") -> pd.DataFrame:
    """Indicators × areas with formatted values (the period in its own column)."""
    rows: list[dict[str, str]] = []
    for _, block in frame.groupby("indicator_id", sort=False):
        first = block.iloc[0]
        row = {
            t("stadtteil.col.indicator", lang): first["short"],
            t("stadtteil.col.period", lang): str(first["period"]),
        }
        for _, r in block.iterrows():
            label = names.get(r["area_code"], r["area_code"])
            row[label] = fmt_value(r["value"], r["unit"], r["decimals"], lang, r["flag"])
        rows.append(row)
    return pd.DataFrame(rows)


def similar_table(
    result: Similarity,
    code: str,
    names: dict[str, str],
    indicators: pd.DataFrame,
    lang: str = "de",
) -> pd.DataFrame:
    """The district itself (for reference), then its neighbours with distance and values."""
    meta = indicators.set_index("id")
    own = {"area_code": code, "distance": math.nan}
    own.update({f"value_{ind}": v for ind, v in result.reference.items()})
    rows = []
    for r in [own, *result.frame.to_dict("records")]:
        label = f"{r['area_code']} {names.get(r['area_code'], '')}".strip()
        row = {
            t("stadtteil.col.area", lang): label
            if r is not own
            else f"{label} ({t('stadtteil.similar.self', lang)})",
            t("stadtteil.col.distance", lang): fmt_number(r["distance"], 2, lang),
        }
        for ind in result.indicators:
            info = meta.loc[ind]
            row[info["short"]] = fmt_value(
                r.get(f"value_{ind}"), info["unit"], info["decimals"], lang
            )
        rows.append(row)
    return pd.DataFrame(rows)


def measures_table(measures: pd.DataFrame, lang: str = "de") -> pd.DataFrame:
    """Measures as a compact table: title, status, responsible, planned end, progress, goals."""

    def _date(value: object) -> str:
        return (
            "–" if value is None or pd.isna(value) else fmt_date(pd.Timestamp(value).date(), lang)
        )

    return pd.DataFrame(
        {
            t("stadtteil.col.measure", lang): measures["title"],
            t("stadtteil.col.m_status", lang): measures["status"],
            t("stadtteil.col.organisation", lang): measures["organisation"],
            t("stadtteil.col.end", lang): measures["planned_end"].map(_date),
            t("stadtteil.col.progress", lang): measures["progress"],
            t("stadtteil.col.goals", lang): measures["goals"].map(
                lambda g: ", ".join(map(str, g)) if g is not None and len(g) else "–"
            ),
        }
    )


def _value_vs_city(row: pd.Series, lang: str) -> str:
    """'Short name value (Stadt value)'; counts without the city, whose size differs."""
    value = fmt_value(row["value"], row["unit"], row["decimals"], lang, row["flag"])
    if not row["comparable"]:
        return f"{row['short']} {value}"
    city = fmt_value(row["city"], row["unit"], row["decimals"], lang, row["city_flag"])
    return t("stadtteil.standout.item", lang, indicator=row["short"], value=value, city=city)


def summary_markdown(profile: pd.DataFrame, name: str, lang: str = "de") -> tuple[str, str]:
    """The profile in a sentence and what stands out ('' when nothing is judged)."""
    counts = prof.assessment_counts(profile)
    if not counts["better"] + counts["similar"] + counts["worse"]:
        return t("stadtteil.profile.only_neutral", lang, name=name), ""
    worse, better = prof.standouts(profile)
    lines = [f"**{t('stadtteil.standout.heading', lang)}**"]
    for colour, key, rows in (
        ("red", "stadtteil.standout.worse", worse),
        ("blue", "stadtteil.standout.better", better),
    ):
        listed = "; ".join(_value_vs_city(r, lang) for _, r in rows.iterrows())
        lines.append(
            f"- :{colour}[**{t(key, lang)}**] {listed or t('stadtteil.standout.none', lang)}"
        )
    return t("stadtteil.profile.summary", lang, name=name, **counts), "\n".join(lines)
