"""Karte: one indicator for all Stadtteile (or Bezirke), classified, with the city as reference.

State lives in the URL (``?indikator=anteil_mv&periode=2014&gruppe=insgesamt&geometrie=amtlich
&ebene=stadtteile&klassen=quantile&anzahl=5&beschriftung=ja``; ``ansicht=sozialindex`` maps the
social status index of the Stadtteile instead) and is written back after every
change, so every view can be shared and bookmarked. A URL value that this page did not write
itself (a shared link, a link from another page) wins over the session's choice; without
parameters the page keeps the choices made earlier in the session.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import pandas as pd
import streamlit as st

from dashboard import config
from dashboard.analysis.classify import CENTRED, MAX_CLASSES, METHODS, MIN_CLASSES, classify
from dashboard.analysis.map_table import (
    aggregable,
    display_table,
    map_table,
    mappable,
    reference_value,
)
from dashboard.analysis.rollup import FINER, LEVELS, city_value, level_codes, rollup
from dashboard.analysis.social_index import (
    CORE_INDICATORS,
    MIN_POPULATION_SETTING,
    SocialIndex,
    method_text,
)
from dashboard.ids import parse_id
from dashboard.present import export_frames as xf
from dashboard.present.format import styled
from dashboard.ui import (
    data,
    footnotes,
    maps,
    profile_data,
    provenance_data,
    raw_values,
)
from dashboard.ui import downloads as table_downloads
from dashboard.ui import notes as local_notes
from dashboard.ui.shell import data_status_badge, guarded, language, translator

tr = translator()
lang = language()
db = str(config.db_path())
PROFILE = config.PROJECT_ROOT / "pages" / "stadtteil.py"
WRITTEN = "karte_url_written"
KEEP = "session"  # widget choices survive a visit to another page
VIEWS = ("indikator", "sozialindex")
LIMITS = {
    "min_count": int(config.get("min_count")),
    "min_denominator": int(config.get("min_denominator")),
}


def restore(
    param: str, options: Sequence[Any], default: Any, cast: Callable[[str], Any] = str
) -> str:
    """Set the widget's state from the URL (when it changed) or keep the session's choice.

    A URL value that differs from the one this page last wrote comes from outside (a shared
    link, another page): it wins. Otherwise the session's choice wins, also when the page is
    reopened without parameters. Invalid values fall back to the default.
    """
    key = f"karte_{param}"
    raw = st.query_params.get(param)
    written = st.session_state.setdefault(WRITTEN, {})
    from_url = raw is not None and raw != written.get(param)
    if not from_url and st.session_state.get(key) in options:
        return key
    try:
        value = cast(raw) if raw is not None else default
    except ValueError:
        value = default
    st.session_state[key] = value if value in options else default
    return key


def remember(param: str, value: object) -> None:
    """Write the current choice into the URL (and note it as this page's own)."""
    st.session_state.setdefault(WRITTEN, {})[param] = str(value)
    if st.query_params.get(param) != str(value):
        st.query_params[param] = str(value)


def url_choice(container: Any, param: str, name: str, options: Sequence[str], default: str) -> str:
    """A segmented control whose choice lives in the URL as ``param`` (labels karte.<name>.*)."""
    key = restore(param, options, default)
    choice = container.segmented_control(
        tr(f"karte.{name}"),
        options,
        key=key,
        persist_state=KEEP,
        required=True,
        format_func=lambda v: tr(f"karte.{name}.{v}"),
        help=tr(f"karte.{name}.help"),
    )
    remember(param, choice)
    return choice


def yes_no(raw: str) -> bool:
    """'ja' / 'nein' from the URL."""
    if raw not in ("ja", "nein"):
        raise ValueError(raw)
    return raw == "ja"


def pick_indicator(indicators: pd.DataFrame, fields: pd.DataFrame) -> dict[str, Any]:
    """Field, then indicator, with the definition one click away."""
    titles = fields.set_index("id")["title"]
    field_of = dict(zip(indicators["id"], indicators["field_id"], strict=True))
    ids = list(indicators["id"])
    default_id = "anteil_mv" if "anteil_mv" in ids else ids[0]
    field_ids = list(dict.fromkeys(indicators["field_id"]))
    raw = st.query_params.get("indikator")
    if raw in field_of and raw != st.session_state.get(WRITTEN, {}).get("indikator"):
        st.session_state["karte_feld"] = field_of[raw]  # a link names the indicator: show its field
    elif st.session_state.get("karte_feld") not in field_ids:
        current = st.session_state.get("karte_indikator", default_id)
        st.session_state["karte_feld"] = field_of.get(current, field_of[default_id])
    left, middle, right = st.columns([2, 3, 0.8], vertical_alignment="bottom")
    field = left.selectbox(
        tr("karte.field"),
        field_ids,
        key="karte_feld",
        persist_state=KEEP,
        format_func=lambda f: f"{f} {titles.get(f, '')}",
    )
    in_field = [i for i in ids if field_of[i] == field]
    names = dict(zip(indicators["id"], indicators["name"], strict=True))
    key = restore("indikator", in_field, default_id if default_id in in_field else in_field[0])
    chosen = middle.selectbox(
        tr("karte.indicator"), in_field, key=key, persist_state=KEEP, format_func=names.get
    )
    remember("indikator", chosen)
    indicator = indicators[indicators["id"] == chosen].iloc[0].to_dict()
    with right.popover(tr("karte.about"), icon=":material/info:", width="stretch"):
        about(indicator, titles.get(indicator["field_id"], ""))
    return indicator


def about(indicator: dict[str, Any], field_title: str) -> None:
    """Definition, source, unit, reading and aggregation of an indicator."""
    st.markdown(f"**{indicator['name']}**  \n{indicator['field_id']} {field_title}")
    st.markdown(f"**{tr('karte.about.definition')}:** {indicator['definition']}")
    st.markdown(f"**{tr('karte.about.source')}:** {indicator['source']}")
    st.markdown(
        f"**{tr('karte.about.unit')}:** {indicator['unit']} · "
        f"**{tr('karte.about.direction')}:** {tr('karte.direction.' + indicator['direction'])}"
    )
    st.markdown(
        f"**{tr('karte.about.aggregate')}:** {tr('karte.aggregate.' + indicator['aggregate'])}"
    )


def pick_period_and_group(
    values: pd.DataFrame, indicator: dict[str, Any], left: Any, right: Any
) -> tuple[int, str]:
    """Year (latest by default) and group (where the indicator has several)."""
    groups_order = list(indicator["groups"])
    periods = sorted({int(p) for p in values["period"]})
    present = set(values["grp"])
    groups = [g for g in groups_order if g in present] or sorted(present)
    labels = data.catalogue(db, "group_label").set_index("id")["label"]
    key = restore("periode", periods, periods[-1], parse_id)
    if len(periods) > 1:
        period = left.select_slider(tr("karte.period"), periods, key=key, persist_state=KEEP)
    else:
        period = left.selectbox(tr("karte.period"), periods, key=key, persist_state=KEEP)
    remember("periode", period)
    key = restore("gruppe", groups, groups[0])
    group = right.selectbox(
        tr("karte.group"),
        groups,
        key=key,
        persist_state=KEEP,
        format_func=lambda g: labels.get(g, g),
        disabled=len(groups) < 2,
    )
    remember("gruppe", group)
    return int(period), str(group)


def pick_display(indicator: dict[str, Any], values: pd.DataFrame, level_col: Any) -> dict[str, Any]:
    """Level, base map, classification method, number of classes and labels."""
    areas = data.catalogues(db).areas
    official = maps.official_available(db)
    geometries = list(maps.GEOMETRIES) if official else ["kacheln"]
    levels = [
        lv
        for lv in LEVELS
        if lv == "stadtteile" or aggregable(indicator, values, level_codes(areas, lv))
    ]
    # finer levels (Stadtzellen) only where the indicator has values for them
    levels = [
        lv
        for lv in levels
        if lv not in FINER or values["area_code"].isin(level_codes(areas, lv)).any()
    ]
    level = url_choice(level_col, "ebene", "level", levels, "stadtteile")
    # folded away: on a phone the map would otherwise start below ten controls
    with st.expander(tr("karte.display_options"), icon=":material/tune:"):
        cols = st.columns([2.3, 2.2, 1.6, 1], vertical_alignment="bottom")

    geometry = url_choice(cols[0], "geometrie", "geometry", geometries, geometries[0])
    key = restore("klassen", list(METHODS), "quantile")
    method = cols[1].selectbox(
        tr("karte.method"),
        METHODS,
        key=key,
        persist_state=KEEP,
        format_func=lambda m: tr(f"karte.method.{m}"),
        help=tr("karte.method.help"),
    )
    remember("klassen", method)
    counts = list(range(MIN_CLASSES, MAX_CLASSES + 1))
    key = restore("anzahl", counts, 5, parse_id)
    k = cols[2].select_slider(tr("karte.classes"), counts, key=key, persist_state=KEEP)
    remember("anzahl", k)
    key = restore("beschriftung", [True, False], True, yes_no)
    labels = cols[3].toggle(tr("karte.labels"), key=key, persist_state=KEEP)
    remember("beschriftung", "ja" if labels else "nein")
    notes = []
    if not official:
        notes.append(tr("karte.geometry.missing"))
    if len(levels) == 1:
        notes.append(tr("karte.level.unavailable"))
    return {
        "geometry": geometry,
        "level": level,
        "method": method,
        "k": int(k),
        "labels": labels,
        "notes": notes,
    }


def part_names(indicator: dict[str, Any], indicators: pd.DataFrame) -> tuple[str, str]:
    """Names of numerator and denominator (the input indicators of a derived one)."""
    short = indicators.set_index("id")["short"]
    num, den = indicator.get("numerator_id"), indicator.get("denominator_id")
    if isinstance(num, str) and isinstance(den, str):
        return str(short.get(num, num)), str(short.get(den, den))
    return tr("karte.col.numerator"), tr("karte.col.denominator")


def key_figures(table: pd.DataFrame, indicator: dict[str, Any], city: float | None) -> None:
    """Key numbers above the map: the city, highest, lowest, areas with a value."""
    decimals, unit = int(indicator["decimals"]), str(indicator["unit"])
    cols = st.columns(4)
    cols[0].metric(tr("karte.side.city"), maps.fmt_value(city, decimals, unit, lang), border=True)
    shown = table.dropna(subset=["value"]).sort_values("value", ascending=False)
    if not shown.empty:
        for col, row, key in (
            (cols[1], shown.iloc[0], "karte.side.highest"),
            (cols[2], shown.iloc[-1], "karte.side.lowest"),
        ):
            col.metric(
                f"{tr(key)}: {row['code']} {row['name']}",
                maps.fmt_value(row["value"], decimals, unit, lang),
                border=True,
            )
    cols[3].metric(tr("karte.side.areas"), f"{len(shown)} / {len(table)}", border=True)


def table_frame(
    table: pd.DataFrame, classes: pd.Series, legend: list[str], indicator: dict[str, Any]
) -> pd.DataFrame:
    """The table under the map with German headings (same values, rounded as displayed)."""
    unit = str(indicator["unit"])
    diff_unit = tr("karte.unit.pp") if unit == "%" else unit
    headings = {
        "code": tr("karte.col.code"),
        "name": tr("karte.col.name"),
        "value": f"{tr('karte.col.value')} ({unit})" if unit else tr("karte.col.value"),
        "numerator": tr("karte.col.numerator"),
        "denominator": tr("karte.col.denominator"),
        "rank": tr("karte.col.rank"),
        "diff": f"{tr('karte.col.diff')} ({diff_unit})",
        "share_of_city": tr("karte.col.share_of_city"),
        "class": tr("karte.col.class"),
        "flag": tr("karte.col.flag"),
        "provenance": tr("karte.col.provenance"),
    }
    labels = [label.rsplit(" (", 1)[0] for label in legend]
    class_names = [labels[c] if c >= 0 else tr("karte.legend.missing") for c in classes]
    return display_table(
        table,
        class_names,
        headings,
        lambda f: maps.flag_text(f, lang),
        kind=str(indicator["kind"]),
        decimals=int(indicator["decimals"]),
    )


def downloads(frame: pd.DataFrame, notes: list[tuple[str, str]], stem: str) -> None:
    """CSV and XLSX of the table (formula-safe), the workbook with a notes sheet."""
    csv, xlsx = maps.download_files(frame, notes, lang)
    row = st.container(horizontal=True)
    row.download_button(
        tr("karte.download.csv"),
        csv,
        f"{stem}.csv",
        "text/csv",
        icon=":material/download:",
        key="karte_csv",
        on_click="ignore",
    )
    row.download_button(
        tr("karte.download.xlsx"),
        xlsx,
        f"{stem}.xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        icon=":material/download:",
        key="karte_xlsx",
        on_click="ignore",
    )


def label_kind(display: dict[str, Any]) -> str:
    """Numbers on the official Stadtteil map, number and name on tiles, names for Bezirke."""
    if display["level"] != "stadtteile":
        return "name"
    return "both" if display["geometry"] == "kacheln" else "code"


def areas_word(n: int) -> str:
    """'Gebiet' or 'Gebiete'."""
    return tr("karte.areas.one") if n == 1 else tr("karte.areas.many")


def main() -> None:
    """Render the page."""
    data.store()
    catalogue = data.catalogues(db)
    st.title(tr("karte.title"))
    st.caption(tr("karte.caption"))
    data_status_badge(data.summary(db))
    view = url_choice(st, "ansicht", "view", VIEWS, VIEWS[0])
    if view == "sozialindex":
        social_map(catalogue)
        return
    indicators = mappable(catalogue.indicators)
    if indicators.empty:
        st.info(tr("karte.no_indicators"))
        st.stop()
    indicator = pick_indicator(indicators, catalogue.frames["field"])
    values = data.indicator_values(db, indicator["id"])
    if values.empty:
        st.info(tr("karte.empty", indicator=indicator["name"]))
        st.stop()
    row = st.columns([2.6, 1.6, 2.3], vertical_alignment="bottom")
    period, group = pick_period_and_group(values, indicator, row[0], row[1])
    display = pick_display(indicator, values, row[2])
    frame = values[(values["period"] == period) & (values["grp"] == group)]
    areas = catalogue.areas
    codes = level_codes(areas, display["level"])
    rows = rollup(frame, areas, indicator, codes, indicators=catalogue.indicators, **LIMITS)
    city, _flag = city_value(frame, areas, indicator, indicators=catalogue.indicators, **LIMITS)
    decimals = int(indicator["decimals"])
    table = map_table(rows, codes, areas, city=city, kind=indicator["kind"], decimals=decimals)
    # where every value comes from: official table and reference date, computed, or demo
    table["provenance"] = provenance_data.texts(
        db, indicator["id"], int(period), group, tuple(table["code"]),
        tuple(table["origin"].fillna("")), lang,
    )  # fmt: skip
    if table["value"].isna().all() and (table["flag"] == "not_available").all():
        group_label = data.catalogue(db, "group_label").set_index("id")["label"].get(group, group)
        st.info(
            tr("karte.empty_period", indicator=indicator["name"], period=period, group=group_label)
        )
        st.stop()
    reference, ref_kind = reference_value(city, table["value"], indicator["kind"])
    classes = classify(
        table["value"],
        display["method"],
        display["k"],
        reference=reference,
        direction=indicator["direction"],
        decimals=decimals,
    )
    render_map(indicator, table, classes, display, city, reference, ref_kind, catalogue)


def render_map(
    indicator: dict[str, Any],
    table: pd.DataFrame,
    classes: Any,
    display: dict[str, Any],
    city: float | None,
    reference: float | None,
    ref_kind: str,
    catalogue: Any,
) -> None:
    """Key figures, the map, notes under it, the table and its downloads."""
    decimals, unit = int(indicator["decimals"]), str(indicator["unit"])
    marker = tr("karte.legend.marker_city" if ref_kind == "city" else "karte.legend.marker_mean")
    legend = maps.legend_labels(classes, unit, decimals, lang, marker)
    ref_key = "karte.legend.city" if ref_kind == "city" else "karte.legend.mean"
    ref_text = tr(ref_key, value=maps.fmt_value(reference, decimals, unit, lang))
    period = st.session_state["karte_periode"]
    title = f"<b>{indicator['short']}</b> {period}<br>{ref_text}"
    clickable = display["level"] == "stadtteile" and PROFILE.exists()
    spec = maps.MapSpec(
        classes=classes,
        title=title,
        legend_labels=legend,
        missing_label=tr("karte.legend.missing"),
        show_labels=display["labels"],
        label_kind=label_kind(display),
    )
    shapes = maps.shapes(db, display["geometry"], display["level"])
    texts = maps.hover_texts(
        table, indicator, city=city, parts=part_names(indicator, catalogue.indicators), lang=lang
    )
    counts = local_notes.indicator_note_counts(data.store(), str(indicator["id"]))
    texts = local_notes.with_note_markers(texts, list(table["code"]), counts, tr)
    fig = maps.figure(shapes, table, texts, spec, lang)
    key_figures(table, indicator, city)
    event = st.plotly_chart(
        fig,
        key="karte_map",
        on_select="rerun" if clickable else "ignore",
        selection_mode="points",
        config=maps.plot_config(),
        width="stretch",
    )
    code = maps.selected_code(event) if clickable else None
    if code:
        st.switch_page(PROFILE, query_params={"stadtteil": code})
    small = set(table["code"]) - maps.labelled(shapes, spec.label_kind)
    unlabelled = [f"{r.code} {r.name}" for r in table.itertuples() if r.code in small]
    captions(table, classes, display, indicator, clickable, unlabelled)
    footnote_lines = footnotes.show([str(indicator["id"])])
    st.subheader(tr("karte.table"), help=tr("karte.table.help"))
    frame = table_frame(table, classes.classes, legend, indicator)
    places = maps.column_decimals(frame, int(indicator["decimals"]), tr)
    st.dataframe(styled(frame, places, lang), hide_index=True, width="stretch", placeholder="–")
    # the workbook's notes also say which data are loaded (demo or real) and their Stand
    notes = download_notes(indicator, display, ref_text) + table_downloads.status_notes()
    notes += footnotes.download_rows(footnote_lines)
    downloads(frame, notes, f"karte_{indicator['id']}_{period}")
    raw_values.offer(indicator, list(table["code"]), int(period), tr, key="karte_raw")


def captions(
    table: pd.DataFrame,
    classes: Any,
    display: dict[str, Any],
    indicator: dict[str, Any],
    clickable: bool,
    unlabelled: list[str],
) -> None:
    """Short notes under the map: what grey means, tiles, counts, computed aggregates."""
    notes = list(display["notes"])
    missing = int((classes.classes < 0).sum())
    if missing:
        notes.append(
            tr(
                "karte.note.hidden",
                n=missing,
                areas=areas_word(missing),
                min_count=LIMITS["min_count"],
                min_den=LIMITS["min_denominator"],
            )
        )
    computed = int((table["origin"] == "computed").sum())
    if computed:
        notes.append(tr("karte.note.computed", n=computed, areas=areas_word(computed)))
    if display["geometry"] == "kacheln":
        notes.append(tr("karte.note.tiles"))
    elif display["labels"] and unlabelled:
        notes.append(tr("karte.note.unlabelled", codes=", ".join(unlabelled)))
    if indicator["kind"] == "count" and display["method"] in CENTRED:
        notes.append(tr("karte.note.counts"))
    if clickable:
        notes.append(tr("karte.note.click"))
    st.caption("  \n".join(notes))


def download_notes(
    indicator: dict[str, Any], display: dict[str, Any], ref_text: str
) -> list[tuple[str, str]]:
    """The notes sheet of the workbook: what the table shows and how it was made."""
    group = st.session_state["karte_gruppe"]
    return [
        (tr("karte.notes.indicator"), f"{indicator['name']} ({indicator['id']})"),
        (tr("karte.notes.definition"), str(indicator["definition"])),
        (tr("karte.notes.source"), str(indicator["source"])),
        (tr("karte.notes.period"), str(st.session_state["karte_periode"])),
        (tr("karte.notes.group"), str(group)),
        (tr("karte.notes.level"), tr(f"karte.level.{display['level']}")),
        (
            tr("karte.notes.method"),
            f"{tr('karte.method.' + display['method'])}, {display['k']} {tr('karte.classes')}",
        ),
        (tr("karte.notes.reference"), ref_text),
        (
            tr("karte.notes.privacy"),
            tr(
                "karte.notes.privacy_text",
                min_count=LIMITS["min_count"],
                min_den=LIMITS["min_denominator"],
            ),
        ),
    ]


def social_map(catalogue: Any) -> None:
    """The social status index of the Stadtteile as a map, with its method one click away."""
    population = int(config.get(MIN_POPULATION_SETTING))
    # the same cached index as the district page, composed as the catalogue says
    result = profile_data.social_index(db, population)
    ind = catalogue.indicators
    shorts = dict(zip(ind["id"], ind["short"], strict=True))
    if result.available:
        render_social(result, catalogue)
    else:
        missing = ", ".join(shorts.get(i, i) for i in (result.missing or CORE_INDICATORS))
        st.info(tr("karte.social.unavailable", missing=missing))
    with st.expander(tr("karte.social.method")):
        st.markdown(method_text(result, shorts, lang))


def render_social(result: SocialIndex, catalogue: Any) -> None:
    """Base map choice, the class map (grey = left out) and the reasons under it."""
    geometries = list(maps.GEOMETRIES) if maps.official_available(db) else ["kacheln"]
    geometry = url_choice(st, "geometrie", "geometry", geometries, geometries[0])
    codes = level_codes(catalogue.areas, "stadtteile")
    names = catalogue.areas.set_index("code")["name"]
    table = pd.DataFrame({"code": codes, "name": [str(names.get(c, c)) for c in codes]})
    classes = maps.social_classes(result, codes)
    spec = maps.MapSpec(
        classes=classes,
        title=tr("karte.social.title", period=result.period),
        legend_labels=maps.social_legend(classes, lang),
        missing_label=tr("karte.social.missing"),
        show_labels=True,
        label_kind="both" if geometry == "kacheln" else "code",
    )
    shapes = maps.shapes(db, geometry, "stadtteile")
    texts = maps.social_hover_texts(table, result, lang)
    fig = maps.figure(shapes, table, texts, spec, lang)
    st.plotly_chart(fig, key="karte_social_map", config=maps.plot_config(), width="stretch")
    area_names = dict(zip(catalogue.areas["code"], catalogue.areas["name"], strict=True))
    table_downloads.offer(
        lambda r=result: xf.social_index_frame(r, area_names, lang),
        tr("dl.title.social_map", period=result.period), "karte_social",
        table_downloads.indicator_sources(catalogue.indicators, result.indicators),
    )  # fmt: skip
    st.caption("  \n".join([tr("karte.social.note"), *left_out(result, table)]))


def left_out(result: SocialIndex, table: pd.DataFrame) -> list[str]:
    """One note per reason why Stadtteile are grey on the index map."""
    frame = result.frame.set_index("area_code")
    grouped: dict[str, list[str]] = {}
    for code, name in zip(table["code"], table["name"], strict=True):
        row = frame.loc[code] if code in frame.index else None
        if row is not None and not pd.isna(row["class_no"]):
            continue
        reason = row["reason"] if row is not None and isinstance(row["reason"], str) else "none"
        grouped.setdefault(reason, []).append(f"{code} {name}")
    return [
        tr(
            "karte.social.left_out",
            reason=tr(f"karte.social.reason.{reason}", n=result.min_population),
            areas=", ".join(areas),
        )
        for reason, areas in grouped.items()
    ]


with guarded():
    main()
