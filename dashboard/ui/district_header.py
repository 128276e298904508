"""The head of the Stadtteil page: name, key facts, data status, the PDF profile, flags."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from dashboard import config
from dashboard.analysis import district_facts
from dashboard.analysis.profile import CITY
from dashboard.present.format import fmt_percent
from dashboard.present.profile_format import fmt_value
from dashboard.ui import data
from dashboard.ui.district_view import View
from dashboard.ui.shell import data_status_badge, figure_row, language, translator


def header(view: View, summary: dict[str, Any]) -> None:
    """Name, key facts (population, share with migration history, borough) and data status."""
    tr, lang = translator(), language()
    code, path = view.code, str(config.db_path())
    facts, city, latest, flags = _facts(path, code, view.group)
    st.header(f"{view.name} ({code})")
    row = figure_row()
    pop, pop_period, pop_flag = facts["population"]
    share, share_period, share_flag = facts["headline_share"]
    suffix = f" ({view.group_label})" if view.group else ""
    row.metric(
        tr("stadtteil.fact.population") + suffix,
        fmt_value(pop, "Personen", 0, lang, pop_flag),
        help=tr("stadtteil.fact.as_of", period=pop_period) if pop_period else None,
        width="content",
    )
    city_share = city["headline_share"][0]
    row.metric(
        tr("stadtteil.fact.mv_share") + suffix,
        fmt_value(share, "%", 1, lang, share_flag),
        delta=None
        if pd.isna(city_share)
        else tr("stadtteil.fact.city_delta", value=fmt_percent(city_share)),
        delta_color="off",
        delta_arrow="off",
        help=tr("stadtteil.fact.as_of", period=share_period) if share_period else None,
        width="content",
    )
    row.metric(tr("stadtteil.fact.bezirk"), view.bezirk_name or "–", width="content")
    latest_text = "–" if latest is None else str(latest)
    row.metric(tr("stadtteil.fact.latest"), latest_text, width="content")
    data_status_badge(summary)
    report_button(view)
    if latest is not None:
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


Facts = dict[str, tuple[float, int | None, object]]


@st.cache_data(ttl=data.TTL_SECONDS, show_spinner=False, max_entries=64)
def _facts(path: str, code: str, group: str | None) -> tuple[Facts, Facts, int | None, dict]:
    """The district's and the city's key facts, its latest year and that year's flag counts."""
    # the district's and the city's rows only: each filter of the full frame is slow at scale
    values = data.area_values(path, (code,))
    # the tiles follow the chosen population group, as the charts below do
    roles = data.catalogues(path).key_indicators()  # population and headline share
    facts = district_facts.key_facts(values, code, roles, group=group)
    city = district_facts.key_facts(data.area_values(path, (CITY,)), CITY, roles, group=group)
    latest = values.loc[values["area_code"] == code, "period"].max()
    if pd.isna(latest):
        return facts, city, None, {}
    return facts, city, int(latest), district_facts.flag_counts(values, code, int(latest))


def report_button(view: View) -> None:
    """The district profile as a printable PDF, built only when clicked."""
    tr, store, code, period, language_ = (
        translator(),
        data.store(),
        view.code,
        view.period,
        language(),
    )

    def pdf() -> bytes:
        # imported on the click: the PDF module loads reportlab (~0.2 s of a first page view)
        from dashboard.reports.profile_report import profile_pdf

        return profile_pdf(store, code, period, language_)

    st.download_button(
        tr("rp.download"),
        pdf,
        f"stadtteilprofil_{code}.pdf",
        "application/pdf",
        key="st_profile_pdf",
        help=tr("rp.download_help"),
        on_click="ignore",
        icon=":material/picture_as_pdf:",
    )
