"""Tables that leave the database (CLI now, downloads later): suppressed, injection-safe."""

from __future__ import annotations

import io
import json
import re

import pandas as pd

from dashboard import config
from dashboard.catalogues import Catalogue
from dashboard.errors import UsageError
from dashboard.imports import store_catalogue
from dashboard.readmodel import released_observations
from dashboard.store import Store

EXPORT_KINDS = ("observations", "goals", "indicators", "measures", "areas")
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
_FORMULA_STARTS = ("=", "+", "-", "@", "\uff1d", "\uff0b", "\uff0d", "\uff20")  # also full-width
_LINE_BREAK = re.compile(r"(\r\n|\r|\n)")
CANONICAL_EXPORT = {
    "indicator_id": "indicator", "area_code": "area", "period": "period", "grp": "group",
    "value": "value", "numerator": "numerator", "denominator": "denominator", "flag": "flag",
    "source": "source", "provenance": "provenance",
}  # fmt: skip


def neutral_text(text: str) -> str:
    """Text that no spreadsheet runs as a formula: an apostrophe before every risky line.

    Spreadsheets start a new row at a bare CR or LF and skip leading spaces, and some read the
    full-width ``＝`` as ``=``: every line of the text is checked, after its leading spaces.
    """
    if text.startswith(("\t", "\r")):
        text = "'" + text
    parts = _LINE_BREAK.split(text)  # lines at even positions, the breaks between them
    for i in range(0, len(parts), 2):
        if parts[i].lstrip(" \t\u3000").startswith(_FORMULA_STARTS):
            parts[i] = "'" + parts[i]
    return "".join(parts)


def with_provenance(
    store: Store,
    catalogue: Catalogue,
    frame: pd.DataFrame,
    lang: str = "de",
    area_codes: list[str] | None = None,
) -> pd.Series:
    """The provenance text of every row (indicator_id, area_code, period, grp[, origin]).

    ``area_codes`` narrows the stored rows read (a district page); roll-ups need all areas.
    """
    from dashboard.analysis.derived import base_indicators
    from dashboard.analysis.provenance import describe
    from dashboard.bundle import official_files

    if frame.empty:
        return pd.Series([], dtype=object)
    ids = list(dict.fromkeys(frame["indicator_id"]))
    bases = base_indicators(ids, catalogue.indicators)
    periods = sorted({int(p) for p in frame["period"]})
    parts = store.provenance(bases, periods, area_codes)
    return describe(frame, parts, catalogue.indicators, official_files(), lang)


def neutralise(frame: pd.DataFrame) -> pd.DataFrame:
    """Text cells that a spreadsheet would run as a formula, neutralised (see neutral_text)."""
    out = frame.copy()
    for col in out.columns:
        if out[col].dtype == object or pd.api.types.is_string_dtype(out[col]):
            out[col] = out[col].map(lambda v: neutral_text(v) if isinstance(v, str) else v)
    return out


def observations_table(
    store: Store, indicator: str | None = None, area: str | None = None
) -> pd.DataFrame:
    """Observations in the canonical format, derived indicators included, suppression applied."""
    catalogue = store_catalogue(store)
    indicators = catalogue.indicators
    if indicator is not None and indicator not in set(indicators["id"]):
        raise UsageError(f"Unbekannter Indikator {indicator!r}.")
    area_code = None
    if area is not None:
        area_code = catalogue.resolve_area(area)
        if area_code is None:
            raise UsageError(f"Unbekanntes Gebiet {area!r}.")
    frame = released_observations(store, catalogue, [indicator] if indicator else None)
    if area_code is not None:
        frame = frame[frame["area_code"] == area_code]
    decimals = indicators.set_index("id")["decimals"]
    derived = set(indicators.loc[indicators["numerator_id"].notna(), "id"])
    is_derived = frame["indicator_id"].isin(derived)
    # derived values are published rounded, like the official tables; stored values stay raw
    rounded = [
        round(v, int(decimals[i])) if pd.notna(v) else v
        for v, i in zip(frame["value"], frame["indicator_id"], strict=True)
    ]
    frame = frame.assign(value=frame["value"].where(~is_derived, rounded))
    # every exported value says where it comes from (official, computed, imported, demo)
    frame = frame.reset_index(drop=True)
    frame["provenance"] = with_provenance(store, catalogue, frame).to_numpy()
    order = {iid: i for i, iid in enumerate(indicators["id"])}
    frame = frame.sort_values(
        ["indicator_id", "area_code", "period", "grp"],
        key=lambda s: s.map(order) if s.name == "indicator_id" else s,
    )
    return frame.rename(columns=CANONICAL_EXPORT)[list(CANONICAL_EXPORT.values())].reset_index(
        drop=True
    )


def goals_table(store: Store) -> pd.DataFrame:
    """The Leitbild structure: one row per goal with its field, hierarchy and indicators."""
    goals = store.catalogue("goal")
    fields = store.catalogue("field").set_index("id")
    links = store.catalogue("goal_indicator").groupby("goal_id")["indicator_id"].agg(";".join)
    return pd.DataFrame(
        {
            "field": goals["field_id"],
            "field_title": goals["field_id"].map(fields["title"]),
            "kind": goals["kind"],
            "id": goals["id"],
            "number": goals["number"],
            "parent": goals["parent_id"],
            "group": goals["grp"],
            "name": goals["name"],
            "area": goals["area_code"],
            "label": goals["label"],
            "indicators": goals["id"].map(links).fillna(""),
        }
    )


def indicators_table(store: Store) -> pd.DataFrame:
    """The indicator catalogue as a flat table."""
    frame = store.catalogue("indicator").drop(columns="sort")
    for col in ("levels", "groups"):
        frame[col] = frame[col].map(lambda v: ";".join(v))
    return frame


def areas_table(store: Store) -> pd.DataFrame:
    """Areas with level, parent and the geometry layers that contain them."""
    frame = store.catalogue("area").drop(columns="sort")
    frame["aliases"] = frame["aliases"].map(lambda v: ";".join(v))
    for layer in store.geometry_layers():
        codes = set(store.geometry(layer)["area_code"])
        frame[f"geometrie_{layer}"] = frame["code"].isin(codes)
    return frame


def measures_tables(store: Store) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Measures (lists joined with ';') and their full event history."""
    measures = store.measures()
    for col in ("fields", "goals", "areas"):
        measures[col] = measures[col].map(lambda v: ";".join(v) if len(v) else "")
    events = store.measure_events()
    events["changes"] = events["changes"].map(
        lambda s: "; ".join(f"{k}: {b} → {a}" for k, (b, a) in json.loads(s).items())
    )
    return measures, events


NOTES = [
    ("Quelle", "Leitbild-Monitor Münster"),
    ("Geheimhaltung", "Fallzahlen unter {min_count} und Anteile mit Nenner unter {min_den} "
     "sind unterdrückt (flag = secret), ebenso Zellen, aus denen sie sich errechnen ließen."),
    ("Zahlenformat", "Rohwerte mit Dezimalpunkt; abgeleitete Anteile gerundet."),
]  # fmt: skip


def export_tables(
    store: Store, kind: str, indicator: str | None = None, area: str | None = None
) -> dict[str, pd.DataFrame]:
    """Sheets of one export (the first sheet is the CSV content)."""
    if kind not in EXPORT_KINDS:
        raise UsageError(f"Unbekannter Export {kind!r}; erlaubt: {', '.join(EXPORT_KINDS)}.")
    if kind == "observations":
        sheets = {"Beobachtungen": observations_table(store, indicator, area)}
    elif kind == "goals":
        sheets = {"Ziele": goals_table(store)}
    elif kind == "indicators":
        sheets = {"Indikatoren": indicators_table(store)}
    elif kind == "areas":
        sheets = {"Gebiete": areas_table(store)}
    else:
        measures, events = measures_tables(store)
        sheets = {"Maßnahmen": measures, "Historie": events}
    notes = [
        (k, v.format(min_count=config.get("min_count"), min_den=config.get("min_denominator")))
        for k, v in NOTES
    ]
    sheets["Hinweise"] = pd.DataFrame(notes, columns=["Thema", "Hinweis"])
    return {name: neutralise(frame) for name, frame in sheets.items()}


def to_csv(frame: pd.DataFrame) -> bytes:
    """UTF-8 CSV with a header row (raw numbers, dot as decimal separator), CRLF line ends."""
    # with CRLF as the line end the writer quotes every field holding a CR or LF: a bare CR
    # inside an unquoted field would start a new row in spreadsheet programs
    return frame.to_csv(index=False, lineterminator="\r\n").encode("utf-8")


# characters Excel refuses in a sheet name
_SHEET_FORBIDDEN = str.maketrans({ch: "_" for ch in "[]:*?/\\"})


def sheet_name(name: str) -> str:
    """A name Excel accepts for a sheet: forbidden characters replaced, at most 31 long."""
    return name.translate(_SHEET_FORBIDDEN).strip("'")[:31] or "Daten"


def to_xlsx(sheets: dict[str, pd.DataFrame]) -> bytes:
    """An XLSX workbook with one sheet per frame."""
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        for name, frame in sheets.items():
            out = frame.copy()
            for col in out.columns:
                if pd.api.types.is_datetime64_any_dtype(out[col]) and getattr(
                    out[col].dt, "tz", None
                ):
                    out[col] = out[col].dt.tz_localize(None)
            out.to_excel(writer, sheet_name=sheet_name(name), index=False)
    return buffer.getvalue()


# --- downloads of what a page shows (issue 6) ----------------------------------------------------
NOTES_COLUMNS = ("Thema", "Hinweis")


def data_status(summary: dict[str, object]) -> str:
    """'demo', 'mixed', 'real' or 'empty': what kind of data a summary says is loaded."""
    demo = int(summary.get("demo_observations") or 0) + int(summary.get("demo_measures") or 0)
    total = int(summary.get("observations") or 0) + int(summary.get("measures") or 0)
    if total == 0:
        return "empty"
    return "demo" if demo == total else ("mixed" if demo else "real")


def notes_frame(
    notes: list[tuple[str, str]], columns: tuple[str, str] = NOTES_COLUMNS
) -> pd.DataFrame:
    """The notes/sources sheet: one (topic, note) row each."""
    return pd.DataFrame(notes, columns=list(columns))


def safe_columns(frame: pd.DataFrame) -> pd.DataFrame:
    """Neutralised cells and neutralised column headers (headers may be area names too)."""
    out = neutralise(frame)
    out.columns = [neutral_text(c) if isinstance(c, str) else c for c in out.columns]
    return out


def frame_files(
    frame: pd.DataFrame, sheet: str, notes: pd.DataFrame, notes_sheet: str = "Hinweise"
) -> tuple[bytes, bytes]:
    """CSV of one shown frame and an XLSX with it and a notes sheet, both formula-safe."""
    safe = safe_columns(frame)
    workbook = {sheet[:31] or "Daten": safe, notes_sheet[:31]: safe_columns(notes)}
    return to_csv(safe), to_xlsx(workbook)
