"""Measures out and in: the register as CSV/XLSX and the import of a measures file."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st

from dashboard.auth import guard
from dashboard.errors import LeitbildError
from dashboard.exports import export_tables, to_csv, to_xlsx
from dashboard.imports import check_file, problems_frame
from dashboard.ui import actors, login

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def transfer_view(
    store: Any,
    today: dt.date,
    tr: Callable[..., str],
    on_saved: Callable[[], None],
) -> None:
    """Export the register (CSV/XLSX with history) and import measures with full checks."""
    _export(store, today, tr)
    st.markdown(f"#### {tr('mn.import.title')}")
    st.caption(tr("mn.import.explain"))
    if not login.may("import"):  # no upload at all without the role: parsing costs memory
        login.hint(tr, "login" if login.current_user() is None else "admin")
        return
    _import(store, tr, on_saved)


def _export(store: Any, today: dt.date, tr: Callable[..., str]) -> None:
    """The register as XLSX (all sheets), as CSV, and its history as CSV."""
    st.markdown(f"#### {tr('mn.export.title')}")
    st.caption(tr("mn.export.explain"))
    public = actors.events_for_viewer(tr)  # no logins for viewers; decided in this run
    read: dict[str, dict[str, pd.DataFrame]] = {}

    def sheets() -> dict[str, pd.DataFrame]:
        # read and written when someone downloads (Streamlit's download thread; the store's
        # cursors are per call): building the XLSX on every rerun took most of the page's time
        if "sheets" not in read:
            tables = export_tables(store, "measures")
            read["sheets"] = {**tables, "Historie": public(tables["Historie"])}
        return read["sheets"]

    stamp = today.isoformat()
    cols = st.columns(3)
    cols[0].download_button(
        tr("mn.export.xlsx"),
        lambda: to_xlsx(sheets()),
        f"massnahmen_{stamp}.xlsx",
        icon=":material/download:",
        mime=XLSX_MIME,
        key="mn.x.xlsx",
        on_click="ignore",
    )
    cols[1].download_button(
        tr("mn.export.csv"),
        lambda: to_csv(sheets()["Maßnahmen"]),
        f"massnahmen_{stamp}.csv",
        mime="text/csv",
        icon=":material/download:",
        key="mn.x.csv",
        on_click="ignore",
    )
    cols[2].download_button(
        tr("mn.export.history_csv"),
        lambda: to_csv(sheets()["Historie"]),
        f"massnahmen_historie_{stamp}.csv",
        mime="text/csv",
        icon=":material/history:",
        key="mn.x.hist",
        on_click="ignore",
    )


def _import(store: Any, tr: Callable[..., str], on_saved: Callable[[], None]) -> None:
    """Upload, check (problems listed by row and column), then write on request."""
    upload = st.file_uploader(tr("mn.import.file"), type=["csv", "xlsx"], key="mn.i.file")
    if upload is None:
        return
    try:
        checked = check_file(store, "measures", upload.getvalue(), upload.name)
    except LeitbildError as err:
        st.error(tr("error.generic", message=err.user_message()))
        return
    if checked.problems:
        errors = len(checked.errors)
        st.error(tr("mn.import.problems", errors=errors, warnings=len(checked.problems) - errors))
        problems = problems_frame(checked.problems).drop(columns="file")
        problems["severity"] = problems["severity"].map(lambda s: tr(f"mn.import.{s}"))
        problems.columns = [tr(f"mn.import.col.{c}") for c in problems.columns]
        st.dataframe(
            problems, hide_index=True, placeholder="–", width="stretch", key="mn.i.problems"
        )
    else:
        st.success(tr("mn.import.ok", rows=checked.rows), icon=":material/task_alt:")
    if checked.errors:
        return
    if st.button(tr("mn.import.write", rows=checked.rows), type="primary", key="mn.i.write"):
        try:
            entry = guard.write_import(store, login.current_user(), checked)
        except LeitbildError as err:
            st.error(tr("error.generic", message=err.user_message()))
            return
        on_saved()
        st.success(tr("mn.import.done", inserted=entry.inserted, unchanged=entry.unchanged))
