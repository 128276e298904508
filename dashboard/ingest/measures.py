"""Measures from CSV/XLSX, and the plausibility rules shared with the measure form."""

from __future__ import annotations

import datetime as dt
import unicodedata
from typing import Any

from dashboard import clock
from dashboard.catalogues import Catalogue, normalise_name, slugify
from dashboard.domain import measures as ms
from dashboard.errors import Problem
from dashboard.ingest.rows import data_rows, header_map, require_columns
from dashboard.ingest.tables import RawTable

STATUSES = ms.STATUSES  # kept for the importers of this name; defined in dashboard.domain
ORIGINS = ("Leitbild", "Stadtteilnetzwerk", "Vorschlag", "Sonstiges")
CITY_WIDE = {"stadtweit", "gesamtstadt", "alle", "stadt"}
MEASURE_FILE_COLUMNS = [
    "title", "description", "fields", "goals", "areas", "organisation", "contact", "partners",
    "status", "planned_start", "planned_end", "actual_start", "actual_end", "progress", "reach",
    "budget", "origin", "last_reviewed", "next_step", "next_step_date", "notes",
]  # fmt: skip
MEASURE_ALIASES = {
    "titel": "title", "beschreibung": "description", "handlungsfelder": "fields",
    "handlungsfeld": "fields", "ziele": "goals", "stadtteile": "areas", "gebiete": "areas",
    "organisation": "organisation", "träger": "organisation", "traeger": "organisation",
    "kontakt": "contact", "partner": "partners", "geplanter_beginn": "planned_start",
    "geplantes_ende": "planned_end", "beginn": "actual_start", "ende": "actual_end",
    "fortschritt": "progress", "reichweite": "reach", "herkunft": "origin",
    "zuletzt_geprüft": "last_reviewed", "nächster_schritt": "next_step",
    "notizen": "notes",
}  # fmt: skip


# What the import and the form expect when a status/progress rule of the domain is broken.
RULE_EXPECTED = {
    "completed_needs_end": f"ein tatsächliches Ende bei Status „{ms.COMPLETED}“",
    "full_only_completed": f"{ms.FULL_PROGRESS} % nur bei Status „{ms.COMPLETED}“",
    "planned_no_start": f"keinen tatsächlichen Beginn bei Status „{ms.PLANNED}“",
}


# fields shown on one line: a line break or control character there only serves to smuggle
# rows into CSV exports (a bare CR) or to disguise text; multi-line fields keep their breaks
SINGLE_LINE_FIELDS = ("title", "organisation", "contact", "partners", "origin", "next_step")


def has_control_characters(text: str) -> bool:
    """Whether text holds a control character or a line/paragraph separator (tab included)."""
    return any(unicodedata.category(ch) in ("Cc", "Zl", "Zp") for ch in text)


def organisation_id(name: str) -> str:
    """Stable id of an organisation from its name."""
    return slugify(name, "-")


def check_measure(
    m: dict[str, Any], catalogue: Catalogue, today: dt.date | None = None
) -> list[tuple[str, str, object]]:
    """Plausibility rules for one measure: (column, expected, found) for every violation."""
    today = today or clock.today()
    issues: list[tuple[str, str, object]] = []
    if not str(m.get("title") or "").strip():
        issues.append(("title", "einen Titel", m.get("title")))
    if m.get("status") not in STATUSES:
        issues.append(("status", "einen Status aus " + ", ".join(STATUSES), m.get("status")))
    fields = set(catalogue.frames["field"]["id"])
    if not m.get("fields"):
        issues.append(("fields", "mindestens ein Handlungsfeld", None))
    issues += [
        ("fields", "ein Handlungsfeld wie 7.1", f) for f in m.get("fields", []) if f not in fields
    ]
    goals = set(catalogue.frames["goal"]["id"])
    issues += [
        ("goals", "eine Ziel-ID aus dem Leitbild", g) for g in m.get("goals", []) if g not in goals
    ]
    for a, b, label in (
        ("planned_start", "planned_end", "geplantes Ende nicht vor dem geplanten Beginn"),
        ("actual_start", "actual_end", "Ende nicht vor dem Beginn"),
    ):
        if m.get(a) and m.get(b) and m[b] < m[a]:
            issues.append((b, label, m[b]))
    progress = m.get("progress") or 0
    if not 0 <= progress <= 100:
        issues.append(("progress", "einen Fortschritt von 0 bis 100 %", progress))
    found = {"completed_needs_end": None, "full_only_completed": progress,
             "planned_no_start": m.get("actual_start")}  # fmt: skip
    issues += [
        (ms.RULES[rule], RULE_EXPECTED[rule], found[rule]) for rule in ms.progress_rule_breaks(m)
    ]
    if m.get("actual_end") and not m.get("actual_start"):
        issues.append(
            ("actual_start", "einen tatsächlichen Beginn, wenn ein Ende gesetzt ist", None)
        )
    for key in ("actual_start", "actual_end", "last_reviewed"):
        if m.get(key) and m[key] > today:
            issues.append((key, "ein Datum nicht in der Zukunft", m[key]))
    for key in ("reach", "budget"):
        if m.get(key) is not None and m[key] < 0:
            issues.append((key, "einen Wert ≥ 0", m[key]))
    if m.get("origin") and m["origin"] not in ORIGINS:
        issues.append(("origin", "eine Herkunft aus " + ", ".join(ORIGINS), m["origin"]))
    for key in SINGLE_LINE_FIELDS:
        if isinstance(m.get(key), str) and has_control_characters(m[key]):
            issues.append((key, "eine Zeile ohne Zeilenumbruch oder Steuerzeichen", repr(m[key])))
    return issues


def parse_measures(
    table: RawTable, catalogue: Catalogue, today: dt.date | None = None
) -> tuple[list[dict[str, Any]], list[Problem]]:
    """Validate a measures table with the same rules as the form; every problem is reported."""
    positions, names, problems = header_map(table, MEASURE_FILE_COLUMNS, MEASURE_ALIASES)
    problems += require_columns(table, positions, ("title", "status", "fields"))
    if any(p.severity == "error" for p in problems):
        return [], problems
    measures: list[dict[str, Any]] = []
    titles: dict[str, int] = {}
    for r in data_rows(table, positions, names, problems):
        areas: list[str] = []
        for text in r.items("areas"):
            if normalise_name(text) in CITY_WIDE:
                continue
            code = catalogue.resolve_area(text)
            if code is None:
                r.problem("areas", "Stadtteile oder „stadtweit“", text)
            else:
                areas.append(code)
        org = r.text("organisation")
        progress = r.number("progress")
        reach = r.number("reach")
        m: dict[str, Any] = {
            "title": r.text("title") or "",
            "description": r.text("description"),
            "fields": r.items("fields"),
            "goals": r.items("goals"),
            "areas": areas,
            "organisation": org,
            "organisation_id": organisation_id(org) if org else None,
            "contact": r.text("contact"),
            "partners": r.text("partners"),
            "status": (r.text("status") or "").lower(),
            "planned_start": r.date("planned_start"),
            "planned_end": r.date("planned_end"),
            "actual_start": r.date("actual_start"),
            "actual_end": r.date("actual_end"),
            "progress": int(progress) if progress is not None else 0,
            "reach": int(reach) if reach is not None else None,
            "budget": r.number("budget"),
            "origin": r.text("origin"),
            "last_reviewed": r.date("last_reviewed"),
            "next_step": r.text("next_step"),
            "next_step_date": r.date("next_step_date"),
            "notes": r.text("notes"),
            "is_demo": False,
        }
        for column, expected, found in check_measure(m, catalogue, today):
            r.problem(column, expected, found)
        if m["title"] in titles:
            r.problem("title", f"eindeutiger Titel (schon Zeile {titles[m['title']]})", m["title"])
        titles[m["title"]] = r.line
        measures.append(m)
    if not measures:
        problems.append(Problem(table.file, None, None, "mindestens eine Datenzeile", "keine"))
    return measures, problems
