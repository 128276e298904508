"""The cells (finer areas such as Stadtzellen) of a Stadtteil on its profile page."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard.catalogues import Catalogue
from dashboard.present.format import fmt_number
from dashboard.present.i18n import t
from dashboard.ui import downloads, provenance_data
from dashboard.ui.tables import show_table

_t = t


def cell_codes(catalogue: Catalogue, code: str) -> tuple[str, ...]:
    """Codes of the district's cells (Stadtzellen), in catalogue order."""
    areas = catalogue.areas
    cells = areas[(areas["parent_code"] == code) & (areas["level"] == "stadtzelle")]
    return tuple(cells["code"])


def cells_table(
    values: pd.DataFrame, catalogue: Catalogue, code: str, period: int | None, lang: str
) -> tuple[pd.DataFrame, int | None]:
    """One row per cell of the district, one column per indicator with cell values."""
    areas = catalogue.areas
    cells = areas[areas["parent_code"] == code]
    cells = cells[cells["level"] == "stadtzelle"]
    rows = values[values["area_code"].isin(cells["code"]) & (values["grp"] == "insgesamt")]
    if rows.empty:
        return pd.DataFrame(), None
    chosen = period if period in set(rows["period"]) else int(rows["period"].max())
    rows = rows[rows["period"] == chosen]
    indicators = catalogue.indicators.set_index("id")
    table = pd.DataFrame({_t("stadtteil.cells.cell", lang): [
        f"{c} {n}" for c, n in zip(cells["code"], cells["name"], strict=True)]})  # fmt: skip
    for iid in [i for i in catalogue.indicators["id"] if i in set(rows["indicator_id"])]:
        ind = indicators.loc[iid]
        own = rows[rows["indicator_id"] == iid].set_index("area_code")
        texts = []
        for cell in cells["code"]:
            if cell not in own.index:
                texts.append("–")
            elif own.loc[cell, "flag"] == "secret":
                texts.append(_t("stadtteil.cells.secret", lang))
            else:
                texts.append(fmt_number(own.loc[cell, "value"], int(ind["decimals"]), lang))
        unit = "" if ind["unit"] in ("Personen", "Haushalte") else f" ({ind['unit']})"
        table[f"{ind['short']}{unit}"] = texts
    return table, chosen


def cells_section(
    values: pd.DataFrame,
    catalogue: Catalogue,
    code: str,
    name: str,
    period: int | None,
    lang: str,
) -> None:
    """The table of the district's cells; nothing when it has none with values."""
    table, chosen = cells_table(values, catalogue, code, period, lang)
    if table.empty:
        return
    st.subheader(_t("stadtteil.cells.heading", lang, name=name))
    st.caption(_t("stadtteil.cells.caption", lang, period=chosen))
    show_table(table, hide_index=True, placeholder="–")
    # the download says where each cell's values come from (one text per cell row)
    areas = catalogue.areas
    cells = areas[(areas["parent_code"] == code) & (areas["level"] == "stadtzelle")]
    shown = values[values["area_code"].isin(cells["code"]) & (values["period"] == chosen)]
    periods = dict.fromkeys(
        [i for i in catalogue.indicators["id"] if i in set(shown["indicator_id"])], chosen
    )
    downloads.offer(
        provenance_data.with_wide_column(table, list(cells["code"]), periods, lang),
        _t("stadtteil.cells.heading", lang, name=name),
        "cells",
    )
