"""Editing a measure without widgets: normalising values, validation, status changes, conflicts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

import pandas as pd

from dashboard.analysis.lateness import as_date
from dashboard.catalogues import Catalogue
from dashboard.domain import measures as ms
from dashboard.ingest.measures import check_measure
from dashboard.present.format import fmt_date, fmt_number
from dashboard.present.i18n import t
from dashboard.store import MEASURE_EDITABLE, MEASURE_LINKS

# The fields of the form, in the order they are shown and compared.
FORM_FIELDS = [
    "title", "description", "fields", "goals", "areas", "organisation_id", "contact", "partners",
    "status", "planned_start", "planned_end", "actual_start", "actual_end", "progress", "reach",
    "budget", "origin", "last_reviewed", "next_step", "next_step_date", "notes",
]  # fmt: skip


EDITABLE = [*MEASURE_EDITABLE, *MEASURE_LINKS]


DATE_FIELDS = (
    "planned_start", "planned_end", "actual_start", "actual_end", "last_reviewed",
    "next_step_date",
)  # fmt: skip


LIST_FIELDS = tuple(MEASURE_LINKS)


TEXT_FIELDS = (
    "title", "description", "organisation_id", "contact", "partners", "status", "origin",
    "next_step", "notes",
)  # fmt: skip


def _missing(value: Any) -> bool:
    if value is None or value is pd.NaT or value is pd.NA:
        return True
    return isinstance(value, float) and value != value


def normalise(measure: Mapping[str, Any]) -> dict[str, Any]:
    """Plain Python values for comparing and saving: dates as date, lists sorted, '' as None."""
    out: dict[str, Any] = dict(measure)
    for key, value in measure.items():
        if key in LIST_FIELDS:
            out[key] = sorted(str(v) for v in (value if value is not None else []))
        elif key in DATE_FIELDS:
            out[key] = None if _missing(value) else as_date(value)
        elif _missing(value):
            out[key] = None
        elif key in TEXT_FIELDS:
            text = str(value).strip()
            out[key] = text or None
        elif key in ("progress", "reach", "version", "id"):
            out[key] = int(value)
        elif key == "budget":
            out[key] = float(value)
        elif hasattr(value, "item"):  # numpy scalars
            out[key] = value.item()
    if "progress" in out and out["progress"] is None:
        out["progress"] = 0
    return out


def changes_between(base: Mapping[str, Any], values: Mapping[str, Any]) -> dict[str, Any]:
    """The editable fields whose value differs between ``base`` and ``values``."""
    old, new = normalise(base), normalise(values)
    return {k: new[k] for k in EDITABLE if k in new and new[k] != old.get(k)}


def validate(
    values: Mapping[str, Any],
    catalogue: Catalogue,
    today: dt.date,
    titles: Mapping[str, int] | None = None,
    own_id: int | None = None,
    tr: Callable[..., str] | None = None,
) -> list[tuple[str, str, object]]:
    """Problems as (field, expected, found): the import's rules plus a unique title."""
    m = normalise(values)
    m.setdefault("fields", [])
    m.setdefault("goals", [])
    problems = list(check_measure(m, catalogue, today))
    title = m.get("title")
    other = (titles or {}).get(title) if title else None
    if other is not None and other != own_id:
        problems.append(("title", (tr or _german)("mf.title.taken", id=other), title))
    return problems


def _german(key: str, **values: Any) -> str:
    """The German text of a message (validation outside a page, e.g. in tests)."""
    return t(key, "de", **values)


def problems_by_field(problems: list[tuple[str, str, object]]) -> dict[str, list[str]]:
    """Problems grouped by field as 'expected (found)' texts, in the order found."""
    out: dict[str, list[str]] = {}
    for column, expected, found in problems:
        shown = "" if _missing(found) or found == "" else f" ({_shown(found)})"
        out.setdefault(column, []).append(f"{expected}{shown}")
    return out


def _shown(value: Any) -> str:
    day = as_date(value) if isinstance(value, dt.date | pd.Timestamp) else None
    return fmt_date(day) if day else str(value)


def status_changes(
    base: Mapping[str, Any],
    new_status: str,
    day: dt.date,
    progress: int | None = None,
    actual_start: dt.date | None = None,
) -> dict[str, Any]:
    """The field changes a status change implies (rules: ``domain.measures.implied_by_status``)."""
    b = normalise(base)
    out = ms.implied_by_status(b, new_status, day, progress, actual_start)
    return {k: v for k, v in out.items() if normalise({k: v}).get(k) != b.get(k)}


def conflict_rows(
    base: Mapping[str, Any], mine: Mapping[str, Any], theirs: Mapping[str, Any]
) -> list[dict[str, Any]]:
    """Fields that either side changed: original, mine, stored, and whether both did."""
    b, m, t = normalise(base), normalise(mine), normalise(theirs)
    rows = []
    for key in [*FORM_FIELDS, "archived"]:
        mine_changed = key in m and m.get(key) != b.get(key)
        theirs_changed = t.get(key) != b.get(key)
        if not (mine_changed or theirs_changed):
            continue
        rows.append(
            {
                "field": key,
                "base": b.get(key),
                "mine": m.get(key) if mine_changed else b.get(key),
                "theirs": t.get(key),
                "mine_changed": mine_changed,
                "theirs_changed": theirs_changed,
                "clash": mine_changed and theirs_changed and m.get(key) != t.get(key),
            }
        )
    return rows


def reapply(
    base: Mapping[str, Any], changes: Mapping[str, Any], theirs: Mapping[str, Any]
) -> tuple[dict[str, Any], list[str]]:
    """My changes applied on the stored version: (changes still needed, fields I overwrite)."""
    t = normalise(theirs)
    b = normalise(base)
    mine = normalise(changes)
    needed = {k: v for k, v in mine.items() if v != t.get(k)}
    overwritten = [k for k in needed if t.get(k) != b.get(k)]
    return needed, overwritten


def merged(theirs: Mapping[str, Any], changes: Mapping[str, Any]) -> dict[str, Any]:
    """The measure as it would be stored after applying ``changes`` on ``theirs``."""
    return {**normalise(theirs), **normalise(changes)}


def display_value(
    key: str, value: Any, tr: Callable[..., str], lang: str, names: Mapping[str, str] | None = None
) -> str:
    """A field value for people: dates formatted, statuses translated, ids as names."""
    if value is None or value == [] or value == "":
        return "–"
    names = names or {}
    if key in DATE_FIELDS:
        day = as_date(value)
        return fmt_date(day, lang) if day else "–"
    if key == "status":
        return tr(f"status.{value}")
    if key == "progress":
        return f"{value} %"
    if key == "archived":
        return tr("mn.yes") if value else tr("mn.no")
    if key == "reach":
        return fmt_number(value, 0, lang)
    if key == "budget":
        return fmt_number(value, 0 if float(value).is_integer() else 2, lang) + " €"
    if isinstance(value, list):
        return ", ".join(names.get(str(v), str(v)) for v in value)
    return names.get(str(value), str(value))


def _labels(frame: pd.DataFrame, key: str, label: Callable[[dict[str, Any]], str]) -> dict:
    return {row[key]: label(row) for row in frame.to_dict("records")}


def option_labels(catalogue: Catalogue, organisations: pd.DataFrame) -> dict[str, dict[str, str]]:
    """Readable labels of the choices: fields, goals, areas and organisations by id."""
    goals = catalogue.frames["goal"]
    areas = catalogue.areas
    areas = areas[~areas["level"].isin(["stadt", "nicht_zuzuordnen"])]
    return {
        "fields": _labels(catalogue.frames["field"], "id", lambda r: f"{r['id']} {r['short']}"),
        # field and words, no raw id (the number alone is ambiguous across goal levels)
        "goals": _labels(goals, "id", lambda r: f"{r['field_id']} {_short(r['label'])}"),
        "areas": _labels(areas, "code", lambda r: f"{r['code']} {r['name']}"),
        "organisation_id": dict(zip(organisations["id"], organisations["name"], strict=True)),
    }


def _short(text: str, limit: int = 70) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
