"""Indicator sheet: definition, source, goals, all districts, time series and origin.

URL state (shareable): ``?id=<indicator id>``, ``stadtteil=<code>`` (the district compared with
the city) and ``gruppe=<group id>``.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import config
from dashboard.catalogues import Catalogue
from dashboard.domain.notes import NoteTarget
from dashboard.present.format import fmt_number
from dashboard.present.indicator_figures import ranking_figure, series_figure
from dashboard.present.profile_format import fmt_value
from dashboard.services.indicator_sheet import (
    DISTRICT_LEVEL,
    IndicatorSheet,
    build_sheet,
    group_labels,
    parse_indicator_id,
)
from dashboard.ui import (
    data,
    downloads,
    footnotes,
    login,
    notes,
    provenance_data,
    share,
    url_state,
)
from dashboard.ui.shell import data_status_badge, guarded, language, translator

tr = translator()
lang = language()
db = str(config.db_path())
CHART_CONFIG = {"displayModeBar": False}


def _url_choice(param: str, key: str, options: list[str], fallback: str | None) -> None:
    """Let the URL decide the widget's value when it changed since the page last wrote it."""
    url_state.sync("indikator", param, key, lambda text: url_state.parse(text, options, fallback))


def _write_url(param: str, value: str | None) -> None:
    """Write one URL parameter (None removes it) and remember it."""
    url_state.write("indikator", param, value)


def pick_indicator(cat: Catalogue) -> str | None:
    """Indicator selectbox in catalogue order, synced with ?id=."""
    indicators = cat.indicators.sort_values(["field_id", "sort"])
    ids = list(indicators["id"])
    names = dict(zip(indicators["id"], indicators["name"], strict=True))
    raw = url_state.raw("id")
    if raw is not None and parse_indicator_id(raw, set(ids)) is None:
        st.warning(tr("indikator.unknown", raw=raw[:60]))
    _url_choice("id", "ind_id", ids, None)
    chosen = st.selectbox(
        tr("indikator.pick"),
        ids,
        key="ind_id",
        format_func=names.__getitem__,
        help=tr("indikator.pick_help"),
        index=None,
        placeholder=tr("indikator.pick"),
    )
    _write_url("id", chosen)
    return chosen


def facts(sheet: IndicatorSheet, group_labels: dict[str, str]) -> pd.DataFrame:
    """The reference rows: label and text."""
    ind = sheet.indicator
    rows = [
        (tr("indikator.fact.definition"), ind["definition"]),
        (tr("indikator.fact.field"), sheet.field_title),
        (tr("indikator.fact.unit"), ind["unit"]),
        (tr("indikator.fact.kind"), tr(f"indikator.kind.{ind['kind']}")),
        (tr("indikator.fact.direction"), tr(f"indikator.direction.{ind['direction']}")),
        (tr("indikator.fact.source"), ind["source"]),
    ]
    if sheet.parts:
        parts = " / ".join(sheet.parts)
        rows.append(
            (tr("indikator.fact.computed"), tr("indikator.fact.computed_text", parts=parts))
        )
    for key in ("cycle", "as_of"):
        if isinstance(ind.get(key), str) and ind[key]:
            rows.append((tr(f"indikator.fact.{key}"), ind[key]))
    levels = ", ".join(tr(f"indikator.level.{level}") for level in ind["levels"])
    groups = ", ".join(group_labels.get(g, g) for g in ind["groups"])
    periods = (
        f"{sheet.periods[0]}–{sheet.periods[1]}"
        if sheet.periods
        else tr("indikator.fact.no_periods")
    )
    rows += [
        (tr("indikator.fact.levels"), levels),
        (tr("indikator.fact.groups"), groups),
        (tr("indikator.fact.periods"), periods),
        (tr("indikator.fact.flags"), flag_text(sheet.flag_counts)),
    ]
    return pd.DataFrame(rows, columns=[tr("indikator.fact.topic"), tr("indikator.fact.text")])


def flag_text(counts: dict[str, int]) -> str:
    """'12 Werte geheim …; 3 Werte vorläufig' or 'keine'."""
    texts = []
    for flag, n in sorted(counts.items()):
        values = tr("indikator.values_one" if n == 1 else "indikator.values_many")
        key = f"indikator.flag.{flag}"
        text = tr(key, n=fmt_number(n, lang=lang), values=values)
        texts.append(
            text if text != key else tr("indikator.flag.other", n=n, values=values, flag=flag)
        )
    return "; ".join(texts) or tr("indikator.fact.no_flags")


def value_text(sheet: IndicatorSheet, value: float | None, flag: object = None) -> str:
    """A value with its unit in the page language ('geheim' when hidden)."""
    ind = sheet.indicator
    return fmt_value(value, ind["unit"], int(ind["decimals"]), lang, flag)


def show_ranking(sheet: IndicatorSheet, city_name: str) -> None:
    """All districts in the latest period: chart, its text alternative and the table."""
    st.subheader(tr("indikator.ranking", period=sheet.latest_period))
    ranking = sheet.ranking
    texts = [
        value_text(sheet, v, f) for v, f in zip(ranking["value"], ranking["flag"], strict=True)
    ]
    city = sheet.city[sheet.city["period"] == sheet.latest_period]
    city_value = float(city["value"].iloc[0]) if not city.empty else None
    city_label = tr("indikator.city_line", value=value_text(sheet, city_value))
    decimals = int(sheet.indicator["decimals"])
    bar_texts = [fmt_number(v, decimals, lang) if pd.notna(v) else "" for v in ranking["value"]]
    unit = str(sheet.indicator["unit"])
    fig = ranking_figure(
        ranking, city_value, city_label, bar_texts, lang, highlight=sheet.district_code, unit=unit
    )
    st.plotly_chart(fig, config=CHART_CONFIG, key="ind_ranking")
    shown = ranking[ranking["value"].notna()]
    top, low = shown.loc[shown["value"].idxmax()], shown.loc[shown["value"].idxmin()]
    st.caption(
        tr(
            "indikator.ranking_alt",
            n=len(shown),
            top=top["name"],
            top_value=value_text(sheet, top["value"]),
            low=low["name"],
            low_value=value_text(sheet, low["value"]),
            city=value_text(sheet, city_value),
        )
    )
    with st.expander(tr("indikator.ranking_table")):
        table = pd.DataFrame(
            {
                tr("indikator.col.rank"): range(1, len(ranking) + 1),
                tr("indikator.col.area"): ranking["name"],
                tr("indikator.col.value"): texts,
            }
        )
        st.dataframe(table, hide_index=True, width="stretch")


def show_series(sheet: IndicatorSheet, city_name: str) -> None:
    """City (and the chosen district) over the years, with the table behind it."""
    series = {city_name: sheet.city}
    if sheet.district_name is not None and not sheet.district.empty:
        series[sheet.district_name] = sheet.district
    if sheet.city.empty and len(series) == 1:
        return
    st.plotly_chart(series_figure(series, lang), config=CHART_CONFIG, key="ind_series")
    periods = pd.concat(series.values())["period"]
    st.caption(
        tr("indikator.series_alt", areas=", ".join(series), first=periods.min(), last=periods.max())
    )
    with st.expander(tr("indikator.series_table")):
        table = pd.DataFrame({tr("indikator.col.period"): sorted(periods.unique())})
        for name, frame in series.items():
            cells = frame.set_index("period")
            table[name] = [
                value_text(sheet, cells["value"].get(p), cells["flag"].get(p))
                for p in table[tr("indikator.col.period")]
            ]
        st.dataframe(table, hide_index=True, width="stretch")


def series_download(values: pd.DataFrame, cat: Catalogue, indicator_id: str) -> pd.DataFrame:
    """The indicator's whole released series, every area, period and group (ids in own columns)."""
    rows = values[values["indicator_id"] == indicator_id]
    names = dict(zip(cat.areas["code"], cat.areas["name"], strict=True))
    labels = group_labels(cat)
    return pd.DataFrame(
        {
            tr("indikator.col.indicator_id"): rows["indicator_id"],
            tr("indikator.col.area"): rows["area_code"].map(names),
            tr("indikator.col.area_code"): rows["area_code"],
            tr("indikator.col.period"): rows["period"],
            tr("indikator.col.group"): rows["grp"].map(labels),
            tr("indikator.col.value"): rows["value"],
            tr("indikator.col.numerator"): rows["numerator"],
            tr("indikator.col.denominator"): rows["denominator"],
            tr("indikator.col.flag"): rows["flag"],
            tr("indikator.col.source"): rows["source"],
        }
    ).reset_index(drop=True)


def show_notes(cat: Catalogue, sheet: IndicatorSheet, indicator_id: str) -> None:
    """The district network's notes on this indicator in the chosen district."""
    assert sheet.district_code is not None and sheet.district_name is not None
    names = dict(zip(cat.indicators["id"], cat.indicators["name"], strict=True))
    periods = list(range(sheet.periods[0], sheet.periods[1] + 1)) if sheet.periods else None
    target = NoteTarget(sheet.district_code, indicator_id)
    notes.notes_section(
        data.store(),
        login.current_user(),
        target,
        sheet.district_name,
        tr,
        lang,
        names,
        {},
        periods,
    )


def pick_view(
    cat: Catalogue, indicator: dict[str, object], labels: dict[str, str]
) -> tuple[str, str | None]:
    """Group and comparison district (only for indicators with district values), URL-synced."""
    groups = [str(g) for g in indicator["groups"]]  # type: ignore[union-attr]
    districts = cat.areas[cat.areas["level"] == DISTRICT_LEVEL]
    names = dict(zip(districts["code"], districts["name"], strict=True))
    left, right = st.columns(2)
    with left:
        _url_choice("gruppe", "ind_group", groups, groups[0])
        group = st.selectbox(
            tr("indikator.group"), groups, key="ind_group", format_func=lambda g: labels.get(g, g)
        )
        _write_url("gruppe", None if group == groups[0] else group)
    if DISTRICT_LEVEL not in list(indicator["levels"]):  # type: ignore[call-overload]
        return group, None
    with right:
        _url_choice("stadtteil", "ind_district", list(names), None)
        district = st.selectbox(
            tr("indikator.district"),
            list(names),
            key="ind_district",
            index=None,
            format_func=lambda c: f"{names[c]} ({c})",
            placeholder=tr("indikator.district_placeholder"),
        )
        _write_url("stadtteil", district)
    return group, district


def main() -> None:
    """Render the page: pick, then facts and goals, values, origin and download."""
    data.store()
    cat = data.catalogues(db)
    st.title(tr("indikator.title"))
    st.caption(tr("indikator.caption"))
    data_status_badge(data.summary(db))
    indicator_id = pick_indicator(cat)
    if indicator_id is None:
        return
    indicator = cat.indicator(indicator_id)
    labels = group_labels(cat)
    group, district = pick_view(cat, indicator, labels)
    values = data.indicator_values(db, indicator_id)
    sheet = build_sheet(
        cat,
        values,
        data.catalogue(db, "goal"),
        data.catalogue(db, "field"),
        indicator_id,
        district,
        group,
    )
    st.header(indicator["name"])
    facts_and_goals(sheet, labels)
    show_values(cat, sheet, indicator_id)
    origin_and_download(cat, sheet, values, indicator_id, str(indicator["short"]))


def facts_and_goals(sheet: IndicatorSheet, labels: dict[str, str]) -> None:
    """The reference table beside the Leitbild goals that use the indicator."""
    left, right = st.columns([3, 2], gap="large")
    with left:
        st.subheader(tr("indikator.facts"))
        st.table(facts(sheet, labels).set_index(tr("indikator.fact.topic")))
    with right:
        st.subheader(tr("indikator.goals"))
        if sheet.goals.empty:
            st.caption(tr("indikator.no_goals"))
        for row in sheet.goals.itertuples():
            line = tr("indikator.goal_line", field_title=row.field_title, label=row.label)
            st.markdown(f"- {line}")


def show_values(cat: Catalogue, sheet: IndicatorSheet, indicator_id: str) -> None:
    """Ranking of the districts, time series of city and district, and the local notes."""
    city_name = str(cat.areas.loc[cat.areas["level"] == "stadt", "name"].iloc[0])
    if sheet.latest_period is None and sheet.city.empty:
        st.info(tr("indikator.no_values"))
    elif sheet.latest_period is None:
        st.caption(tr("indikator.city_only"))
    else:
        show_ranking(sheet, city_name)
    if not sheet.city.empty or not sheet.district.empty:
        st.subheader(tr("indikator.series"))
        show_series(sheet, city_name)
    if sheet.district_code is not None:
        show_notes(cat, sheet, indicator_id)


def origin_and_download(
    cat: Catalogue, sheet: IndicatorSheet, values: pd.DataFrame, indicator_id: str, short: str
) -> None:
    """Sources, footnotes and the download of the whole series."""
    st.subheader(tr("indikator.provenance"))
    for source in sheet.sources or [tr("indikator.provenance_none")]:
        st.markdown(f"- {source}")
    lines = footnotes.show([indicator_id])
    keys = values.loc[
        values["indicator_id"] == indicator_id, ["indicator_id", "area_code", "period", "grp"]
    ]
    downloads.offer(
        provenance_data.with_column(lambda: series_download(values, cat, indicator_id), keys, lang),
        tr("indikator.download", name=short),
        "indikator_series",
        sources=downloads.indicator_sources(cat.indicators, [indicator_id]),
        extra=footnotes.download_rows(lines),
    )


with guarded():
    main()
    share.share_box("indikator", tr)  # links: short link and iframe snippet
