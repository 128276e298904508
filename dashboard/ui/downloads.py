"""CSV and XLSX downloads of exactly what a table or chart shows.

Pages pass the frame behind a table or chart (released values, so suppression is already
applied; raw numbers; German column labels). The files are built only when the reader clicks
(Streamlit calls the data callables then), formula-safe through dashboard.exports, and the
workbook carries a "Hinweise" sheet: content, sources, data status (Stand), the suppression
rule and the demo label.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any
from urllib.parse import unquote

import pandas as pd
import streamlit as st

from dashboard import clock, config
from dashboard.exports import data_status, frame_files, notes_frame
from dashboard.present.format import fmt_date
from dashboard.present.i18n import t
from dashboard.ui import a11y, data
from dashboard.ui.shell import language, translator

CSV_MIME = "text/csv"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def file_stem(text: str) -> str:
    """A safe file name stem: 'Ziel-Ist 2024' → 'ziel-ist_2024'."""
    replaced = text.lower().translate(str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"}))
    stem = re.sub(r"[^a-z0-9_-]+", "_", replaced).strip("_")
    return stem or "download"


def status_notes() -> list[tuple[str, str]]:
    """Notes rows on the data: Stand (years, last import, export date) and demo or real."""
    summary = data.summary(str(config.db_path()))
    first, last = summary.get("first_period"), summary.get("last_period")
    status = data_status(summary)
    imported = summary.get("last_import")
    return list(_status_rows(language(), first, last, imported, status, clock.today()))


# every download button asks (~9 on a district page, each click): the rows are a pure function
# of these values, so equal values give the same rows
@functools.lru_cache(maxsize=64)
def _status_rows(
    lang: str, first: object, last: object, imported: object, status: str, today: dt.date
) -> tuple[tuple[str, str], ...]:
    as_of = t(
        "dl.notes.as_of_text",
        lang,
        periods=(f"{first}–{last}" if first != last else str(first)) if first else "–",
        imported=fmt_date(pd.Timestamp(imported).date(), lang) if imported else "–",
        today=fmt_date(today, lang),
    )
    return (
        (t("dl.notes.as_of", lang), as_of),
        (t("dl.notes.data", lang), t(f"dl.notes.data.{status}", lang)),
    )


def notes(
    title: str, sources: Iterable[str] = (), extra: Iterable[tuple[str, str]] = ()
) -> list[tuple[str, str]]:
    """Notes sheet rows: content, sources, data status, kind of data, suppression, numbers."""
    tr = translator()
    listed = sorted({s for s in sources if isinstance(s, str) and s.strip()})
    rows = [(tr("dl.notes.view"), title)]
    rows += [(tr("dl.notes.source"), s) for s in listed] or [
        (tr("dl.notes.source"), tr("dl.notes.source_default"))
    ]
    rows += [
        *status_notes(),
        (
            tr("dl.notes.privacy"),
            tr(
                "dl.notes.privacy_text",
                min_count=config.get("min_count"),
                min_den=config.get("min_denominator"),
            ),
        ),
        (tr("dl.notes.numbers"), tr("dl.notes.numbers_text")),
    ]
    return rows + list(extra)


def files(
    frame: pd.DataFrame,
    title: str,
    note_rows: list[tuple[str, str]],
    labels: tuple[str, str, str] = ("Thema", "Hinweis", "Hinweise"),
) -> tuple[bytes, bytes]:
    """CSV and XLSX (with the notes sheet) of one frame; no Streamlit calls (download thread)."""
    topic, note, sheet_name = labels
    return frame_files(frame, title[:31], notes_frame(note_rows, (topic, note)), sheet_name)


def offer(
    frame: pd.DataFrame | Callable[[], pd.DataFrame],
    title: str,
    key: str,
    sources: Iterable[str] = (),
    extra: Iterable[tuple[str, str]] = (),
    stem: str | None = None,
) -> None:
    """Two small download buttons (CSV, XLSX) under a table or chart.

    ``frame`` may be a callable (pure: it runs in Streamlit's download thread), so that
    building it costs nothing until someone downloads.
    """
    tr = translator()
    name = stem or file_stem(title)
    # everything that needs the script context is resolved now, not in the download thread
    note_rows = notes(title, sources, extra)
    labels = (tr("dl.notes.topic"), tr("dl.notes.note"), tr("dl.sheet.notes"))
    cache: dict[str, tuple[bytes, bytes]] = {}

    def built() -> tuple[bytes, bytes]:
        if "files" not in cache:
            shown = frame() if callable(frame) else frame
            cache["files"] = files(shown, title, note_rows, labels)
        return cache["files"]

    row = st.container(horizontal=True, gap="small")
    row.download_button(
        tr("dl.csv"),
        lambda: built()[0],
        f"{name}.csv",
        CSV_MIME,
        key=f"dl_{key}_csv",
        help=tr("dl.csv_help"),
        on_click="ignore",
        type="tertiary",
        icon=":material/download:",
    )
    row.download_button(
        tr("dl.xlsx"),
        lambda: built()[1],
        f"{name}.xlsx",
        XLSX_MIME,
        key=f"dl_{key}_xlsx",
        help=tr("dl.xlsx_help"),
        on_click="ignore",
        type="tertiary",
        icon=":material/download:",
    )
    # 25 buttons all named "CSV" cannot be told apart by a screen reader: name them by content
    with row:
        a11y.labels(
            (f"dl_{key}_{kind}", tr("a11y.download", kind=tr(f"dl.{kind}"), title=title))
            for kind in ("csv", "xlsx")
        )


def indicator_sources(indicators: pd.DataFrame, ids: Iterable[str]) -> list[str]:
    """Catalogue sources of the given indicators (for the notes sheet)."""
    # the distinct ids first (vectorised): a table's 3,000 rows name a few hundred indicators,
    # and isin/set on arrow strings box every value (~15 ms for 3,000); then one pass over the
    # catalogue in its order (a boolean mask and a frame per call cost ~1 ms, 9 calls a click)
    values = ids if isinstance(ids, pd.Series) else pd.Series(list(ids), dtype=object)
    wanted = set(values.dropna().unique().tolist())
    columns = zip(
        indicators["id"].tolist(),
        indicators["short"].tolist(),
        indicators["source"].tolist(),
        strict=True,
    )
    return [f"{short}: {source}" for i, short, source in columns if i in wanted]


def labelled(frame: pd.DataFrame, column_config: Mapping[str, Any]) -> pd.DataFrame:
    """A shown frame with the column labels of its column_config; link-only columns dropped.

    Link columns that show the part after '#' (``display_text=r"#(.*)$"``) keep that text.
    """
    out = pd.DataFrame(index=frame.index)
    for col in frame.columns:
        cfg = column_config.get(col)
        label = (
            cfg.get("label") if isinstance(cfg, Mapping) else (cfg if isinstance(cfg, str) else col)
        )
        if label is None and isinstance(cfg, Mapping):
            label = col
        if not label:
            continue  # an icon-only link column says nothing in a spreadsheet
        values = frame[col]
        kind = (cfg.get("type_config") or {}) if isinstance(cfg, Mapping) else {}
        if kind.get("type") == "link" and kind.get("display_text") == r"#(.*)$":
            values = values.map(
                lambda v: unquote(v.split("#", 1)[1]) if isinstance(v, str) and "#" in v else v
            )
        out[label] = values
    return out.reset_index(drop=True)
