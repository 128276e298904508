"""Karte: one indicator for all Stadtteile (or Bezirke), classified, with the city as reference.

State lives in the URL (``?indikator=anteil_mv&periode=2014&gruppe=insgesamt&geometrie=amtlich
&ebene=stadtteile&klassen=quantile&anzahl=5&beschriftung=ja``; ``ansicht=sozialindex`` maps the
social status index of the Stadtteile instead) and is written back after every
change, so every view can be shared and bookmarked. A URL value that this page did not write
itself (a shared link, a link from another page) wins over the session's choice; without
parameters the page keeps the choices made earlier in the session.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from dashboard import config
from dashboard.analysis.classify import CENTRED
from dashboard.analysis.map_table import mappable
from dashboard.analysis.rollup import level_codes
from dashboard.analysis.social_index import (
    MIN_POPULATION_SETTING,
    SocialIndex,
    method_text,
)
from dashboard.present import export_frames as xf
from dashboard.present import map_figure, map_text
from dashboard.services import map_view
from dashboard.services.map_view import MapView
from dashboard.ui import (
    data,
    footnotes,
    map_parts,
    maps,
    profile_data,
    provenance_data,
    raw_values,
    share,
)
from dashboard.ui import downloads as table_downloads
from dashboard.ui import notes as local_notes
from dashboard.ui.map_controls import (
    pick_display,
    pick_indicator,
    pick_period_and_group,
    url_choice,
)
from dashboard.ui.shell import data_status_badge, guarded, language, status_title, translator
from dashboard.ui.tables import show_table

tr = translator()
lang = language()
db = str(config.db_path())
PROFILE = config.PROJECT_ROOT / "pages" / "stadtteil.py"
VIEWS = ("indikator", "sozialindex")
LIMITS = map_view.limits()


def key_figures(cards: list[map_parts.KeyFigure], unit: str | None) -> None:
    """Key numbers above the map: the city, highest, lowest, areas with a value."""
    if unit:
        st.caption(unit)
    cols = st.columns(4)
    for col, card in zip(cols, cards, strict=False):
        # the area as a grey line under the value (no arrow: it is not a change)
        col.metric(
            card.label,
            card.value,
            card.place,
            delta_color="off",
            delta_arrow="off",
            border=True,
            height="stretch",
        )


def downloads(frame: pd.DataFrame, notes: list[tuple[str, str]], stem: str) -> None:
    """CSV and XLSX of the table (formula-safe), the workbook with a notes sheet."""
    csv, xlsx = maps.deferred_download_files(frame, notes, lang)
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
    indicator = pick_indicator(
        indicators, catalogue.frames["field"], catalogue.key_indicator("headline_share")
    )
    values = data.indicator_values(db, indicator["id"])
    if values.empty:
        st.info(tr("karte.empty", indicator=indicator["name"]))
        st.stop()
    row = st.columns([2.6, 1.6, 2.3], vertical_alignment="bottom")
    period, group = pick_period_and_group(values, indicator, row[0], row[1])
    display = pick_display(indicator, row[2])
    view = maps.indicator_view(db, indicator, int(period), group, display)
    if view.empty:
        group_label = data.catalogue(db, "group_label").set_index("id")["label"].get(group, group)
        st.info(
            tr("karte.empty_period", indicator=indicator["name"], period=period, group=group_label)
        )
        st.stop()
    # the same indicator object as for the view: its arrays are hashed by identity, so an
    # unpickled copy (view.indicator) would miss the cache on every click
    render_map(view, map_parts.parts(db, indicator, int(period), group, display), display)


def render_map(view: MapView, made: map_parts.MapParts, display: dict[str, Any]) -> None:
    """Key figures, the map, notes under it, the table and its downloads."""
    indicator, table, classes = view.indicator, made.table, view.classes
    legend = view.legend(lang)
    ref_text = view.reference_text(lang)
    period = st.session_state["karte_periode"]
    title = status_title(f"<b>{indicator['short']}</b> {period}<br>{ref_text}", data.summary(db))
    clickable = display["level"] == "stadtteile" and PROFILE.exists()
    spec = map_figure.MapSpec(
        classes=classes,
        title=title,
        legend_labels=legend,
        missing_label=tr("karte.legend.missing"),
        show_labels=display["labels"],
        label_kind=label_kind(display),
    )
    shapes = maps.shapes(db, display["geometry"], display["level"])
    counts = local_notes.indicator_note_counts(data.store(), str(indicator["id"]))
    texts = local_notes.with_note_markers(made.texts, list(table["code"]), counts, tr)
    where = (display["geometry"], display["level"])
    fig = maps.figure(db, where, shapes, table, texts, spec, lang)
    key_figures(made.cards, made.unit)
    event = st.plotly_chart(
        fig,
        key="karte_map",
        on_select="rerun" if clickable else "ignore",
        selection_mode="points",
        config=map_figure.plot_config(),
        width="stretch",
    )
    code = map_figure.area_of_click(event, fig) if clickable else None
    if code:
        st.switch_page(PROFILE, query_params={"stadtteil": code})
    small = set(table["code"]) - map_figure.labelled(shapes, spec.label_kind)
    rows = table[table["code"].isin(small)]
    unlabelled = [f"{c} {n}" for c, n in zip(rows["code"], rows["name"], strict=True)]
    captions(table, classes, display, indicator, clickable, unlabelled, made.common)
    footnote_lines = footnotes.show([str(indicator["id"])])
    st.subheader(tr("karte.table"), help=tr("karte.table.help"))
    frame = made.frame
    show_table(frame, made.places, lang, hide_index=True, width="stretch", placeholder="–")
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
    common: str | None,
) -> None:
    """Short notes under the map: what grey means, tiles, counts, computed aggregates, source."""
    notes = list(display["notes"])
    if missing := int((classes.classes < 0).sum()):
        limits = {"min_count": LIMITS["min_count"], "min_den": LIMITS["min_denominator"]}
        notes.append(tr("karte.note.hidden", n=missing, areas=areas_word(missing), **limits))
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
    notes.append(map_text.provenance_note(list(table["provenance"]), common, lang))
    st.caption("  \n".join(n for n in notes if n))


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
        listed = result.missing or catalogue.setting("social_index")
        missing = ", ".join(shorts.get(i, i) for i in listed)
        st.info(tr("karte.social.unavailable", missing=missing))
    with st.expander(tr("karte.social.method")):
        st.markdown(method_text(result, shorts, lang))


def render_social(result: SocialIndex, catalogue: Any) -> None:
    """Base map choice, the class map (grey = left out) and the reasons under it."""
    geometries = list(map_view.GEOMETRIES) if maps.official_available(db) else ["kacheln"]
    geometry = url_choice(st, "geometrie", "geometry", geometries, geometries[0])
    codes = level_codes(catalogue.areas, "stadtteile")
    names = catalogue.areas.set_index("code")["name"]
    table = pd.DataFrame({"code": codes, "name": [str(names.get(c, c)) for c in codes]})
    classes = map_view.social_classes(result, codes)
    spec = map_figure.MapSpec(
        classes=classes,
        title=status_title(tr("karte.social.title", period=result.period), data.summary(db)),
        legend_labels=map_text.social_legend(classes, lang),
        missing_label=tr("karte.social.missing"),
        show_labels=True,
        label_kind="both" if geometry == "kacheln" else "code",
    )
    shapes = maps.shapes(db, geometry, "stadtteile")
    texts = map_text.social_hover_texts(table, result, lang)
    fig = map_figure.figure(shapes, table, texts, spec, lang)
    st.plotly_chart(fig, key="karte_social_map", config=map_figure.plot_config(), width="stretch")
    area_names = dict(zip(catalogue.areas["code"], catalogue.areas["name"], strict=True))
    table_downloads.offer(
        provenance_data.with_wide_column(
            lambda r=result: xf.social_index_frame(r, area_names, lang),
            list(result.frame["area_code"]),
            dict.fromkeys(result.indicators, result.period),
            lang,
            computed=True,
        ),
        tr("dl.title.social_map", period=result.period),
        "karte_social",
        table_downloads.indicator_sources(catalogue.indicators, result.indicators),
    )
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
    share.share_box("karte", tr)  # links: short link and iframe snippet
