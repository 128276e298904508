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


# the parser's names for what it recognised, where the preview calls it differently
_DETECTED_NAMES = {"skipped_totals": "total_columns"}
# shown by the preview itself (the sheet) or counted by level below (areas)
_DETECTED_SKIPPED = {"sheet", "areas"}


def _detected(checked: Checked) -> dict[str, Any]:
    """What the parser recognised (statistics layout), without empty or duplicated entries."""
    detected = getattr(checked, "layout", None)
    if isinstance(detected, dict):
        items = dict(detected)
    elif detected is not None and hasattr(detected, "__dict__"):
        items = {k: v for k, v in vars(detected).items() if not k.startswith("_")}
    else:
        return {}
    return {
        _DETECTED_NAMES.get(key, key): value
        for key, value in items.items()
        if key not in _DETECTED_SKIPPED and value is not None and value != "" and value != []
    }


def _layout(checked: Checked, store: Store, indicator: str | None) -> dict[str, Any]:
    """What was detected, as far as the parser tells (richer parsers add ``checked.layout``)."""
    frame = checked.payload if isinstance(checked.payload, pd.DataFrame) else None
    layout = _detected(checked)
    if checked.kind not in ("observations", "stats") or frame is None or frame.empty:
        layout.setdefault("rows", checked.rows)
        if checked.layer:
            layout.setdefault("layer", checked.layer)
        return layout
    catalogue = store_catalogue(store)
    levels = dict(zip(catalogue.areas["code"], catalogue.areas["level"], strict=True))
    matched = frame["area_code"].drop_duplicates().map(levels).value_counts()
    layout.setdefault("indicators", sorted(frame["indicator_id"].unique().tolist()))
    layout.setdefault("periods", sorted(int(p) for p in frame["period"].unique()))
    layout.setdefault("groups", sorted(frame["grp"].unique().tolist()))
    layout.setdefault("areas", {str(k): int(v) for k, v in matched.items()})
    if indicator:
        ind = catalogue.indicator(indicator)
        layout.setdefault("unit", None if ind is None else ind["unit"])
    return layout


def _diff(store: Store, checked: Checked) -> tuple[pd.DataFrame, pd.DataFrame]:
    frame = checked.payload.drop(columns="_row", errors="ignore").assign(is_demo=False)
    rows = store.observation_diff(frame)
    counts = (
        rows.groupby(["indicator_id", "period", "status"]).size().unstack(fill_value=0)
        .reindex(columns=["new", "changed", "unchanged"], fill_value=0).reset_index()
    )  # fmt: skip
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
    result.notes = list(checked.notes)
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
