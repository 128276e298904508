"""Data care in the running app (page Daten): preview a file's change, import it, undo an import.

The preview runs the one validation path (``imports.check_file``), then compares the rows with
the stored ones (``Store.observation_diff``): what is new, changed or unchanged per indicator
and period, with every changed value before and after. Nothing is written until ``commit``;
each write goes through the guard (role check, actor recorded) and is undoable.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from dashboard import imports
from dashboard.auth import guard
from dashboard.auth.roles import User, require
from dashboard.errors import ConflictError, LeitbildError, Problem, UsageError, ValidationError
from dashboard.imports import Checked, Options, check_file, store_catalogue
from dashboard.store import ImportLogEntry, Store, sha256_of

SUMMARY_COLUMNS = ["indicator_id", "period", "new", "changed", "unchanged"]
CHANGE_COLUMNS = ["indicator_id", "area_code", "period", "grp", "old_value", "new_value",
                  "old_flag", "new_flag"]  # fmt: skip


@dataclass
class Preview:
    """One file (or one sheet of a workbook) checked against the store, nothing written."""

    kind: str
    file: str
    sheet: str | None
    checked: Checked | None
    problems: list[Problem]
    version: str  # the store's data version the comparison was made against
    summary: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=SUMMARY_COLUMNS))
    changes: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=CHANGE_COLUMNS))
    layout: dict[str, Any] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        """Problems that block the import."""
        return [p for p in self.problems if p.severity == "error"]

    @property
    def ready(self) -> bool:
        """Whether this part can be imported."""
        return self.checked is not None and not self.errors

    @property
    def label(self) -> str:
        """File name, with the sheet when one was chosen (as recorded in the import log)."""
        return f"{self.file} [{self.sheet}]" if self.sheet else self.file


def sheet_names(data: bytes) -> list[str]:
    """The visible sheets of an XLSX workbook (an empty list for CSV or unreadable files)."""
    if data[:4] != b"PK\x03\x04":
        return []
    import openpyxl  # lazily: CSV paths stay light

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    except Exception:  # a broken workbook: the check names the problem with the file
        return []
    try:
        return [ws.title for ws in book.worksheets if ws.sheet_state == "visible"]
    finally:
        book.close()


# what a reader may report about a statistics table (``checked.layout``), in display order;
# groups and areas are taken from the rows themselves (with the area levels)
DETECTED = ("title", "unit_in_file", "year_columns", "category_columns", "skipped_totals",
            "file_group", "source", "notes", "series_break")  # fmt: skip


def _detected(checked: Checked) -> dict[str, Any]:
    """The reader's own report of the layout, when it gives one (empty values left out)."""
    detected = getattr(checked, "layout", None)
    if detected is None:
        return {}
    raw = dict(detected) if isinstance(detected, dict) else dict(vars(detected))
    if "unit" in raw:  # the unit the table states, beside the indicator's own unit
        raw["unit_in_file"] = raw.pop("unit")
    return {k: raw[k] for k in DETECTED if raw.get(k) not in (None, "", [], 0)}


def _layout(checked: Checked, store: Store, indicator: str | None) -> dict[str, Any]:
    """What was detected: the reader's report and the facts of the rows (areas per level …)."""
    frame = checked.payload if isinstance(checked.payload, pd.DataFrame) else None
    if checked.kind not in ("observations", "stats") or frame is None or frame.empty:
        layout: dict[str, Any] = {"rows": checked.rows}
        if checked.layer:
            layout["layer"] = checked.layer
        return layout
    catalogue = store_catalogue(store)
    levels = dict(zip(catalogue.areas["code"], catalogue.areas["level"], strict=True))
    matched = frame["area_code"].drop_duplicates().map(levels).value_counts()
    layout = {"indicators": sorted(frame["indicator_id"].unique().tolist())}
    ind = catalogue.indicator(indicator) if indicator else None
    if ind is not None:
        layout["unit"] = ind["unit"]
    detected = _detected(checked)
    layout.update({k: detected.pop(k) for k in ("title", "unit_in_file") if k in detected})
    layout["periods"] = sorted(int(p) for p in frame["period"].unique())
    layout["groups"] = sorted(frame["grp"].unique().tolist())
    layout["areas"] = {str(k): int(v) for k, v in matched.items()}
    layout.update(detected)
    return layout


def _checks(checked: Checked) -> list[str]:
    """The notes that are checks, not the layout lines the table above shows already."""
    describe = getattr(imports, "layout_notes", None)
    detected = getattr(checked, "layout", None)
    shown = set(describe(detected)) if describe and detected is not None else set()
    return [n for n in checked.notes if n not in shown]


def _diff(store: Store, checked: Checked) -> tuple[pd.DataFrame, pd.DataFrame]:
    frame = checked.payload.drop(columns="_row", errors="ignore").assign(is_demo=False)
    rows = store.observation_diff(frame)
    counts = (
        rows.groupby(["indicator_id", "period", "status"])
        .size()
        .unstack(fill_value=0)
        .reindex(columns=["new", "changed", "unchanged"], fill_value=0)
        .reset_index()
    )
    counts.columns.name = None
    changed = rows[rows["status"] == "changed"][CHANGE_COLUMNS].reset_index(drop=True)
    return counts[SUMMARY_COLUMNS], changed


def preview(
    store: Store, kind: str, data: bytes, name: str, opts: Options | None = None
) -> Preview:
    """Check one file (or one sheet, ``opts.sheet``) and compute the change it would make."""
    opts = opts or Options()
    version = store.data_version()
    try:
        checked = check_file(store, kind, data, name, opts)
    except UsageError:
        raise  # e.g. no indicator chosen: the page asks for it
    except ValidationError as err:  # unreadable, not a table, wrong sheet …
        return Preview(kind, name, opts.sheet, None, list(err.problems), version)
    result = Preview(kind, name, opts.sheet, checked, list(checked.problems), version)
    result.notes = _checks(checked)
    warnings = getattr(checked, "warnings", None) or []
    result.problems += [w for w in warnings if isinstance(w, Problem) and w not in result.problems]
    result.layout = _layout(checked, store, opts.indicator)
    if kind in ("observations", "stats") and not result.errors and len(checked.payload):
        result.summary, result.changes = _diff(store, checked)
    return result


def commit(store: Store, user: User | None, previews: list[Preview]) -> list[ImportLogEntry]:
    """Import the previewed parts (each its own, undoable log entry); refuses if any has errors.

    When the stored data changed since the preview, nothing is written and the caller shows a
    fresh preview (ConflictError): the user must see the change that will really land.
    """
    require(user, "import")
    if not previews or any(not p.ready for p in previews):
        raise LeitbildError("Die Vorschau enthält Fehler; es wurde nichts importiert.")
    if store.data_version() != previews[0].version:
        raise ConflictError(
            "Die Daten wurden seit der Vorschau geändert. Bitte die neue Vorschau prüfen; "
            "es wurde nichts importiert."
        )
    entries = []
    for part in previews:
        checked = part.checked
        assert checked is not None  # ready
        checked.name = part.label
        entries.append(guard.write_import(store, user, checked))
    return entries


def undo(store: Store, user: User | None, import_id: int) -> ImportLogEntry:
    """Undo one import (data stewards and admins); the undo is logged with the user."""
    who = require(user, "import.undo")
    return store.undo_import(import_id, who.actor)


def file_digest(data: bytes) -> str:
    """The sha256 recorded for an uploaded file."""
    return sha256_of(data)
