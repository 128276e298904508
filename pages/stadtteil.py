"""District profile: a Stadtteil against the city and its Stadtbezirk, trends, goals, measures,
comparison, similar districts and the social index.

URL state (shareable): ``?stadtteil=91`` (code, or a name such as ``Berg Fidel``),
``vergleich=61,63,0`` (comma-separated; repeated ``vergleich=`` keys are read too; absent = the
default comparison, ``vergleich=-`` = none), ``periode=2014`` (absent = latest per indicator),
``gruppe=mit_mv`` and ``trend=<indicator id>``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pandas as pd
import streamlit as st

from dashboard import config
from dashboard.analysis import profile as prof
from dashboard.analysis.social_index import (
    DEFAULT_MIN_POPULATION,
    MIN_POPULATION_SETTING,
    THIN_BELOW,
    SocialIndex,
    method_text,
)
from dashboard.catalogues import Catalogue
from dashboard.ids import parse_id
from dashboard.present import export_frames as xf
from dashboard.present import profile_charts as charts
from dashboard.present.format import fmt_number, fmt_percent
from dashboard.reports.profile_report import profile_pdf
from dashboard.ui import (
    cells_view,
    data,
    downloads,
    footnotes,
    login,
    notes,
    on_track_view,
    profile_data,
    provenance_data,
    raw_values,
    share,
    url_state,
)
from dashboard.ui.shell import data_status_badge, guarded, language, translator

tr = translator()
lang = language()
db = str(config.db_path())
NONE = "-"  # URL value for an explicitly empty comparison
LATEST = "latest"  # period option: the latest period of each indicator
TOTAL = "insgesamt"  # group option: each indicator's default group (its total)
CHART_CONFIG = {"displayModeBar": False}
# session keys of this page (prefixed: the session is shared with the other pages)
UNKNOWN_DISTRICT = "_stadtteil_unknown_district"  # the unknown ?stadtteil= value, for the warning
UNKNOWN_COMPARE = "_stadtteil_unknown_compare"  # unknown codes in ?vergleich=
COMPARE_FOR = "_stadtteil_compare_for"  # district the comparison was last set up for


def _synced(param: str, widget_key: str, resolve: Callable[[str | None], Any]) -> None:
    """Let the URL win when it changed since we last wrote it (links, back button, sharing)."""
    url_state.sync("stadtteil", param, widget_key, resolve, joined=True)


def _write(param: str, value: str | None) -> None:
    """Write one URL parameter (None removes it) and remember what was written."""
    url_state.write("stadtteil", param, value)


def _min_population() -> int:
    """The population minimum of the social index (setting, with the analysis default)."""
    if MIN_POPULATION_SETTING in config.SETTINGS:
        return int(config.get(MIN_POPULATION_SETTING))
    return DEFAULT_MIN_POPULATION


def pick_district(cat: Catalogue, districts: list[str], names: dict[str, str]) -> str | None:
    """District selectbox, searchable by name or number, synced with ?stadtteil=."""

    def resolve(raw: str | None) -> str | None:
        if raw is None:
            return cat.focus_districts()[0]
        code = raw if raw in districts else cat.resolve_area(raw)
        st.session_state[UNKNOWN_DISTRICT] = None if code in districts else raw
        return code if code in districts else None

    _synced("stadtteil", "st_district", resolve)
    code = st.selectbox(
        tr("stadtteil.pick"),
        districts,
        format_func=lambda c: f"{names[c]} ({c})",
        key="st_district",
        placeholder=tr("stadtteil.pick_placeholder"),
        help=tr("stadtteil.pick_help"),
        index=None,
    )
    if code is not None:
        st.session_state[UNKNOWN_DISTRICT] = None
    _write("stadtteil", code if code is not None else st.session_state.get(UNKNOWN_DISTRICT))
    return code


def pick_period(values: pd.DataFrame, code: str) -> int | None:
    """Period picker ('latest for each' or one year), synced with ?periode=."""
    periods = sorted({int(p) for p in values.loc[values["area_code"] == code, "period"]})[::-1]
    options = [LATEST, *periods]
    _synced("periode", "st_period", lambda raw: parse_id(raw) or LATEST)
    if st.session_state.get("st_period") not in options:
        st.session_state["st_period"] = LATEST
    period = st.selectbox(
        tr("stadtteil.period"),
        options,
        format_func=lambda p: tr("stadtteil.period_latest") if p == LATEST else str(p),
        key="st_period",
        help=tr("stadtteil.period_help"),
    )
    _write("periode", None if period == LATEST else str(period))
    return None if period == LATEST else int(period)


def pick_group(values: pd.DataFrame, code: str, labels: dict[str, str]) -> str | None:
    """Population group picker (default: each indicator's total), synced with ?gruppe=."""
    present = set(values.loc[values["area_code"] == code, "grp"])
    options = [TOTAL, *[g for g in labels if g in present and g != TOTAL]]
    _synced("gruppe", "st_group", lambda raw: raw if raw in options else TOTAL)
    if st.session_state.get("st_group") not in options:
        st.session_state["st_group"] = TOTAL
    group = st.selectbox(
        tr("stadtteil.group"),
        options,
        format_func=lambda g: labels.get(g, g),
        key="st_group",
        help=tr("stadtteil.group_help"),
    )
    _write("gruppe", None if group == TOTAL else group)
    return None if group == TOTAL else group


@dataclass(frozen=True)
class View:
    """What the sections of the page share: the data and the chosen district and filters."""

    values: pd.DataFrame
    cat: Catalogue
    names: dict[str, str]
    fields: dict[str, str]
    code: str
    period: int | None
    group: str | None
    group_label: str = ""

    @property
    def name(self) -> str:
        """Name of the chosen district."""
        return self.names[self.code]

    @property
    def bezirk(self) -> str | None:
        """Code of the district's Stadtbezirk."""
        return prof.stadtbezirk_of(self.cat.areas, self.code)

    @property
    def bezirk_name(self) -> str | None:
        """Name of the district's Stadtbezirk."""
        return self.names.get(self.bezirk) if self.bezirk else None

    @property
    def shorts(self) -> dict[str, str]:
        """Short indicator names."""
        ids, shorts = self.cat.indicators["id"], self.cat.indicators["short"]
        return dict(zip(ids, shorts, strict=True))


def header(view: View, summary: dict[str, Any]) -> None:
    """Name, key facts (population, share with migration history, borough) and data status."""
    values, code = view.values, view.code
    # the tiles follow the chosen population group, as the charts below do
    roles = view.cat.key_indicators()  # population and headline share, as the catalogue says
    facts = prof.key_facts(values, code, roles, group=view.group)
    city = prof.key_facts(values, prof.CITY, roles, group=view.group)
    st.header(f"{view.name} ({code})")
    cols = st.columns(4)
    pop, pop_period, pop_flag = facts["population"]
    share, share_period, share_flag = facts["headline_share"]
    suffix = f" ({view.group_label})" if view.group else ""
    cols[0].metric(
        tr("stadtteil.fact.population") + suffix,
        charts.fmt_value(pop, "Personen", 0, lang, pop_flag),
        help=tr("stadtteil.fact.as_of", period=pop_period) if pop_period else None,
    )
    city_share = city["headline_share"][0]
    cols[1].metric(
        tr("stadtteil.fact.mv_share") + suffix,
        charts.fmt_value(share, "%", 1, lang, share_flag),
        delta=None
        if pd.isna(city_share)
        else tr("stadtteil.fact.city_delta", value=fmt_percent(city_share)),
        delta_color="off",
        delta_arrow="off",
        help=tr("stadtteil.fact.as_of", period=share_period) if share_period else None,
    )
    cols[2].metric(tr("stadtteil.fact.bezirk"), view.bezirk_name or "–")
    latest = values.loc[values["area_code"] == code, "period"].max()
    cols[3].metric(tr("stadtteil.fact.latest"), "–" if pd.isna(latest) else str(int(latest)))
    data_status_badge(summary)
    report_button(view)
    if not pd.isna(latest):
        flags = prof.flag_counts(values, code, int(latest))
        if flags:
            listed = ", ".join(
                tr(
                    "ux.flag_count" + ("_one" if n == 1 else ""),
                    n=n,
                    flag=tr("stadtteil.flag." + f),
                )
                for f, n in sorted(flags.items())
            )
            st.caption(tr("stadtteil.fact.flags", period=int(latest), flags=listed))
        else:
            st.caption(tr("stadtteil.fact.no_flags", period=int(latest)))


def report_button(view: View) -> None:
    """The district profile as a printable PDF, built only when clicked."""
    store, code, period, language_ = data.store(), view.code, view.period, lang
    values = view.values  # released values the page already holds (suppression applied)
    st.download_button(
        tr("rp.download"),
        lambda: profile_pdf(store, code, period, language_, values=values),
        f"stadtteilprofil_{code}.pdf",
        "application/pdf",
        key="st_profile_pdf",
        help=tr("rp.download_help"),
        on_click="ignore",
        icon=":material/picture_as_pdf:",
    )


def _offer_profile(view: View, profile: pd.DataFrame, key: str, title_key: str) -> None:
    """Downloads of profile rows (raw values) with the sources and footnotes of their indicators."""
    sources = downloads.indicator_sources(view.cat.indicators, profile["indicator_id"])
    fields, bezirk = view.fields, view.bezirk_name
    notes = footnotes.download_rows(footnotes.lines_for(profile["indicator_id"]))
    downloads.offer(
        lambda: xf.profile_frame(profile, fields, bezirk, lang),
        tr(title_key, name=view.name),
        key,
        sources,
        notes,
    )


def _value_vs_city(row: pd.Series) -> str:
    """'Short name value (Stadt value)'; counts without the city, whose size differs."""
    value = charts.fmt_value(row["value"], row["unit"], row["decimals"], lang, row["flag"])
    if not row["comparable"]:
        return f"{row['short']} {value}"
    city = charts.fmt_value(row["city"], row["unit"], row["decimals"], lang, row["city_flag"])
    return tr("stadtteil.standout.item", indicator=row["short"], value=value, city=city)


def standouts_box(profile: pd.DataFrame) -> None:
    """What stands out: the largest gaps to the city on the worse and on the better side."""
    worse, better = prof.standouts(profile)
    lines = [f"**{tr('stadtteil.standout.heading')}**"]
    for colour, key, rows in (
        ("red", "stadtteil.standout.worse", worse),
        ("blue", "stadtteil.standout.better", better),
    ):
        listed = "; ".join(_value_vs_city(r) for _, r in rows.iterrows()) or tr(
            "stadtteil.standout.none"
        )
        lines.append(f"- :{colour}[**{tr(key)}**] {listed}")
    st.markdown("\n".join(lines))


def indicators_section(view: View, profile: pd.DataFrame) -> None:
    """Spine chart of all comparable indicators, counts, and the accessible table."""
    st.subheader(tr("stadtteil.profile.heading"))
    counts = prof.assessment_counts(profile)
    if counts["better"] + counts["similar"] + counts["worse"]:
        st.markdown(tr("stadtteil.profile.summary", name=view.name, **counts))
        standouts_box(profile)
    else:
        st.markdown(tr("stadtteil.profile.only_neutral", name=view.name))
    if profile["comparable"].astype(bool).any():
        st.caption(tr("stadtteil.profile.how_to_read"))
        fig = profile_data.spine_figure(db, view.code, view.period, view.group, lang)
        st.plotly_chart(fig, config=CHART_CONFIG, key="spine")
        judged = profile[profile["comparable"].astype(bool)]
        _offer_profile(view, judged, "spine", "dl.title.profile")
    if (profile["flag"] == "secret").any():
        st.caption(tr("stadtteil.value.hidden_help"))
    counts_frame = charts.counts_table(profile, view.bezirk_name, lang)
    if not counts_frame.empty:
        with st.expander(tr("stadtteil.profile.counts")):
            st.dataframe(counts_frame, hide_index=True, placeholder="–")
            counted = profile[~profile["comparable"].astype(bool)]
            _offer_profile(view, counted, "counts", "dl.title.counts")
    with st.expander(tr("stadtteil.profile.table")):
        table = charts.profile_table(profile, view.fields, view.bezirk_name, lang)
        st.dataframe(table, hide_index=True, placeholder="–")
        _offer_profile(view, profile, "profile_table", "dl.title.profile")
        ids = list(view.cat.indicators["id"])
        raw_values.offer_many(ids, [view.code], view.period, tr, key="stadtteil_raw")
    footnotes.show(profile["indicator_id"])


def trends_section(view: View, profile: pd.DataFrame) -> None:
    """Line chart of one indicator over time: district, city, borough (?trend=)."""
    st.subheader(tr("stadtteil.trends.heading"))
    judged = profile[profile["comparable"].astype(bool)]
    # offer only what has a time series here (e.g. the age-band rates exist for one year)
    with_series = prof.indicators_with_series(view.values, view.code)
    if judged["indicator_id"].isin(with_series).any():
        judged = judged[judged["indicator_id"].isin(with_series)]
    options = list(judged["indicator_id"])
    if not options:
        st.info(tr("stadtteil.trends.empty"))
        return
    worst = judged[judged["assessment"] == "worse"].sort_values("position")
    default = worst["indicator_id"].iloc[0] if not worst.empty else options[0]
    _synced("trend", "st_trend", lambda raw: raw if raw in options else default)
    if st.session_state.get("st_trend") not in options:
        st.session_state["st_trend"] = default
    full_names = dict(zip(judged["indicator_id"], judged["name"], strict=True))
    chosen = st.selectbox(
        tr("stadtteil.trends.pick"), options, format_func=lambda i: full_names[i], key="st_trend"
    )
    _write("trend", None if chosen == default else chosen)
    codes = [view.code, prof.CITY] + ([view.bezirk] if view.bezirk else [])
    series = prof.trend_series(view.values, view.cat.indicators, chosen, codes, view.group)
    if series[series["area_code"] == view.code]["period"].nunique() < 2:
        st.info(tr("stadtteil.trends.empty"))
        return
    info = judged.set_index("indicator_id").loc[chosen]
    fig = charts.trend_chart(series, view.names, info["unit"], int(info["decimals"]), lang)
    st.plotly_chart(fig, config=CHART_CONFIG, key="trend_chart")
    unit, names = str(info["unit"]), view.names
    keys = provenance_data.keys_for(
        view.cat.indicators,
        [chosen] * len(series),
        series["area_code"],
        series["period"],
        str(info["grp"]),
    )
    downloads.offer(
        provenance_data.with_column(
            lambda: xf.series_frame(series, names, unit, lang, int(info["decimals"])), keys, lang
        ),
        tr("dl.title.trend", indicator=full_names[chosen]),
        "trend",
        downloads.indicator_sources(view.cat.indicators, [chosen]),
    )
    st.caption(tr("stadtteil.trends.caption", name=view.name))


def goals_section(view: View) -> None:
    """Are we on track? Every goal and target value of the district with status and city gap."""
    on_track_view.section(db, view.code, view.name, tr)
    on_track_view.topic_finder(db, tr)


def measures_section(view: View, measures: pd.DataFrame) -> None:
    """Measures naming the district; city-wide measures behind a toggle."""
    st.subheader(tr("stadtteil.measures.heading"))
    local, citywide = prof.district_measures(measures, view.code)
    progress = {
        tr("stadtteil.col.progress"): st.column_config.ProgressColumn(format="%d %%", max_value=100)
    }
    if local.empty:
        st.info(tr("stadtteil.measures.empty", name=view.name))
    else:
        st.caption(tr("stadtteil.measures.count", n=len(local), name=view.name))
        st.dataframe(
            charts.measures_table(local, lang),
            hide_index=True,
            placeholder="–",
            column_config=progress,
        )
        downloads.offer(
            lambda: provenance_data.with_measure_column(
                charts.measures_table(local, lang), local, lang
            ),
            tr("dl.title.measures", name=view.name),
            "measures",
        )
    if st.toggle(tr("stadtteil.measures.citywide", n=len(citywide)), key="st_citywide"):
        st.markdown(f"**{tr('stadtteil.measures.citywide_heading')}**")
        if citywide.empty:
            st.caption(tr("stadtteil.measures.citywide_empty"))
        else:
            table = charts.measures_table(citywide, lang)
            st.dataframe(table, hide_index=True, placeholder="–", column_config=progress)
            table = provenance_data.with_measure_column(table, citywide, lang)
            downloads.offer(table, tr("dl.title.measures_citywide"), "measures_citywide")


def pick_comparison(view: View, options: list[str]) -> list[str]:
    """Multiselect of up to three areas besides the district, synced with ?vergleich=."""
    code, names = view.code, view.names
    default = prof.default_comparison(code, view.cat.focus_districts())[1:]

    def resolve(raw: str | None) -> list[str]:
        st.session_state[UNKNOWN_COMPARE] = []
        if raw is None:
            return default
        valid, unknown = prof.parse_codes(raw, set(options))
        st.session_state[UNKNOWN_COMPARE] = [u for u in unknown if u != NONE]
        return [c for c in valid if c != code][: prof.MAX_COMPARE - 1]

    _synced("vergleich", "st_compare", resolve)
    if st.session_state.get(COMPARE_FOR) != code:
        # another district: keep an explicit choice (minus the district), else its default
        explicit = url_state.written("stadtteil", "vergleich") is not None
        current = st.session_state.get("st_compare", default) if explicit else default
        st.session_state["st_compare"] = [c for c in current if c != code]
        st.session_state[COMPARE_FOR] = code
    if st.session_state.get(UNKNOWN_COMPARE):
        listed = ", ".join(st.session_state[UNKNOWN_COMPARE])
        st.caption(tr("stadtteil.unknown_compare", codes=listed))
    chosen = st.multiselect(
        tr("stadtteil.compare.pick"),
        [c for c in options if c != code],
        format_func=lambda c: names.get(c, c) if c == prof.CITY else f"{names.get(c, c)} ({c})",
        key="st_compare",
        max_selections=prof.MAX_COMPARE - 1,
    )
    _write("vergleich", None if chosen == default else (",".join(chosen) or NONE))
    return [code, *chosen]


def compare_section(view: View) -> None:
    """Up to four areas on the spine scale, with the values as a table."""
    st.subheader(tr("stadtteil.compare.heading"))
    areas = view.cat.areas
    options = list(areas.loc[areas["level"].isin(["stadt", "stadtbezirk", "stadtteil"]), "code"])
    codes = pick_comparison(view, options)
    frame = profile_data.comparison(db, tuple(codes), view.period, view.group)
    if frame.empty:
        st.info(tr("stadtteil.compare.empty"))
        return
    st.caption(tr("stadtteil.compare.caption"))
    fig = profile_data.compare_figure(db, tuple(codes), view.period, view.group, lang)
    st.plotly_chart(fig, config=CHART_CONFIG, key="compare_chart")
    st.dataframe(charts.compare_table(frame, view.names, lang), hide_index=True, placeholder="–")
    names = view.names
    keys = provenance_data.keys_for(
        view.cat.indicators, frame["indicator_id"], frame["area_code"], frame["period"], view.group
    )
    downloads.offer(
        provenance_data.with_column(lambda: xf.compare_frame(frame, names, lang), keys, lang),
        tr("dl.title.compare", name=view.name),
        "compare",
        downloads.indicator_sources(view.cat.indicators, frame["indicator_id"]),
    )


def _use_similar(codes: list[str]) -> None:
    st.session_state["st_compare"] = codes


def similar_section(view: View, excluded: set[str]) -> None:
    """Nearest neighbours on the core indicators, and a button to compare with them."""
    st.subheader(tr("stadtteil.similar.heading"))
    result = profile_data.similar(db, view.code, frozenset(excluded))
    if not result.available:
        st.info(tr("stadtteil.similar.empty"))
        return
    used = ", ".join(view.shorts[i] for i in result.indicators)
    st.caption(tr("stadtteil.similar.caption", indicators=used))
    table = charts.similar_table(result, view.code, view.names, view.cat.indicators, lang)
    st.dataframe(table, hide_index=True, placeholder="–")
    code, names, indicators = view.code, view.names, view.cat.indicators
    areas = [code, *result.frame["area_code"]]
    downloads.offer(
        provenance_data.with_wide_column(
            lambda: xf.similar_frame(result, code, names, indicators, lang),
            areas,
            result.periods,
            lang,
        ),
        tr("dl.title.similar", name=view.name),
        "similar",
        downloads.indicator_sources(indicators, result.indicators),
    )
    top = [*result.frame["area_code"].head(2), prof.CITY]
    st.button(tr("stadtteil.similar.use"), on_click=_use_similar, args=(top,), key="st_use_similar")


def index_section(view: View) -> set[str]:
    """The social index: the district's figures, all districts and the method.

    Returns the districts left out of the index (too small), which are not proposed as similar.
    """
    st.subheader(tr("stadtteil.index.heading"))
    result = profile_data.social_index(db, _min_population())
    frame = result.frame
    excluded = set(frame.loc[~frame["included"].astype(bool), "area_code"]) if len(frame) else set()
    if not result.available:
        missing = ", ".join(view.shorts.get(i, i) for i in result.missing)
        st.info(tr("stadtteil.index.unavailable", missing=missing))
    else:
        used = ", ".join(view.shorts.get(i, i) for i in result.indicators)
        thin = tr("stadtteil.index.thin") if len(result.indicators) < THIN_BELOW else ""
        st.caption(tr("stadtteil.index.composition", indicators=used, thin=thin))
        _index_facts(view, result)
        fig = charts.social_index_chart(result, view.names, view.code, lang)
        st.plotly_chart(fig, config=CHART_CONFIG, key="index_chart")
        names = view.names
        downloads.offer(
            provenance_data.with_wide_column(
                lambda: xf.social_index_frame(result, names, lang),
                list(result.frame["area_code"]),
                dict.fromkeys(result.indicators, result.period),
                lang,
                computed=True,
            ),
            tr("dl.title.social_index", period=result.period),
            "social_index",
            downloads.indicator_sources(view.cat.indicators, result.indicators),
        )
    with st.expander(tr("stadtteil.index.method")):
        st.markdown(method_text(result, view.shorts, lang))
    return excluded


def _index_facts(view: View, result: SocialIndex) -> None:
    """Index, class, rank and dynamics of the district, and the indicators' contributions."""
    row = result.row(view.code)
    if row is None or row["reason"] == "small_population":
        n = fmt_number(result.min_population, lang=lang)
        st.info(tr("stadtteil.index.small", name=view.name, n=n))
        return
    if pd.isna(row["index"]):
        st.info(tr("stadtteil.index.too_few", name=view.name))
        return
    left, right = st.columns([1, 1])
    with left:
        c1, c2 = st.columns(2)
        c1.metric(
            tr("stadtteil.index.value", period=result.period),
            fmt_number(row["index"], 2, lang),
            help=tr("stadtteil.index.value_help"),
        )
        c2.metric(tr("stadtteil.index.class"), tr(f"stadtteil.class.{row['class_key']}"))
        c3, c4 = st.columns(2)
        n = int(result.frame["index"].notna().sum())
        c3.metric(tr("stadtteil.index.rank"), tr("stadtteil.rank.of", rank=int(row["rank"]), n=n))
        if pd.isna(row["dynamics"]):
            c4.metric(tr("stadtteil.index.dynamics_none"), "–")
        else:
            c4.metric(
                tr("stadtteil.index.dynamics", period=int(row["previous_period"])),
                tr(f"stadtteil.dyn.{row['dynamics_key']}"),
                delta=fmt_number(row["dynamics"], 2, lang),
                delta_color="inverse",
            )
    with right:
        st.markdown(f"**{tr('stadtteil.index.contrib')}**")
        fig = charts.contributions_chart(row, result.indicators, view.shorts, lang)
        st.plotly_chart(fig, config=CHART_CONFIG, key="contrib_chart")
        shorts = view.shorts
        keys = provenance_data.keys_for(
            view.cat.indicators,
            result.indicators,
            [view.code] * len(result.indicators),
            [result.period] * len(result.indicators),
            "insgesamt",
        )
        downloads.offer(
            provenance_data.with_column(
                lambda: xf.contributions_frame(row, result.indicators, shorts, lang),
                keys,
                lang,
                computed=True,
            ),
            tr("dl.title.contributions", name=view.name),
            "contributions",
        )


with guarded():
    data.store()
    cat = data.catalogues(db)
    summary = data.summary(db)
    values = data.all_values(db)
    names = dict(zip(cat.areas["code"], cat.areas["name"], strict=True))
    districts = prof.district_codes(cat.areas)
    fields = dict(zip(cat.frames["field"]["id"], cat.frames["field"]["short"], strict=True))
    group_labels = dict(
        zip(cat.frames["group_label"]["id"], cat.frames["group_label"]["label"], strict=True)
    )

    st.title(tr("stadtteil.title"))
    st.caption(tr("stadtteil.caption"))
    pick_col, period_col, group_col = st.columns([2, 1, 1])
    with pick_col:
        code = pick_district(cat, districts, names)
    if code is None:
        unknown = st.session_state.get(UNKNOWN_DISTRICT)
        if unknown:
            st.warning(tr("stadtteil.unknown", code=unknown))
        else:
            st.info(tr("stadtteil.choose"))
        st.stop()
    if values[values["area_code"] == code].empty:
        st.info(tr("stadtteil.no_data", name=names[code]))
        st.stop()
    with period_col:
        period = pick_period(values, code)
    with group_col:
        group = pick_group(values, code, group_labels)

    view = View(values, cat, names, fields, code, period, group, group_labels.get(group or "", ""))
    header(view, summary)
    profile = profile_data.district_profile(db, code, period, group)
    profile = provenance_data.with_district_provenance(db, code, profile, lang)
    if profile.empty:
        label = group_labels.get(group or "", group)
        st.info(tr("stadtteil.profile.empty_group", group=label, name=view.name))
        st.stop()
    goals_section(view)
    st.divider()
    indicators_section(view, profile)
    cells_view.cells_section(values, cat, code, view.name, view.period, lang)  # Stadtzellen
    trends_section(view, profile)
    st.divider()
    measures_section(view, data.measures(db))
    notes.district_notes(data.store(), login.current_user(), cat.frames, code, view.name, tr, lang)
    st.divider()
    excluded = index_section(view)
    st.divider()
    similar_section(view, excluded)
    compare_section(view)
    st.caption(tr("stadtteil.share_link"))
    share.share_box("stadtteil", tr)  # links: short link and iframe snippet
