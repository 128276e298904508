"""The one import path (CLI now, UI later): validate everything, then write all or nothing."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from dashboard import config
from dashboard.analysis.aggregation import district_members, reconcile
from dashboard.catalogues import Catalogue, finer_levels
from dashboard.errors import Problem, UsageError, ValidationError
from dashboard.ingest.finer_areas import new_areas, parent_layer
from dashboard.ingest.geometry import parse_geometry
from dashboard.ingest.limits import bounded, check_xlsx_size, import_slot
from dashboard.ingest.measures import parse_measures
from dashboard.ingest.observations import parse_canonical
from dashboard.ingest.plausibility import jump_warnings, ratio_aggregate_problems
from dashboard.ingest.sniff import ZIP_HEADER, check_upload
from dashboard.ingest.stats_layout import StatsLayout, parse_stats
from dashboard.ingest.tables import read_bytes, read_table
from dashboard.ingest.targets import parse_targets
from dashboard.store import ImportLogEntry, Store, sha256_of

KINDS = ("observations", "stats", "areas", "targets", "measures")
KIND_LABELS = {
    "observations": "Beobachtungen (Langformat)",
    "stats": "Statistiktabelle (SMS-Layout)",
    "areas": "Gebietsgeometrie",
    "targets": "Zielwerte",
    "measures": "Maßnahmen",
}


@dataclass
class Options:
    """What the user says about a file beyond its content."""

    indicator: str | None = None
    sheet: str | None = None
    id_column: str | None = None
    period: int | None = None
    group: str | None = None  # the group a whole statistics table is in (e.g. maennlich)


@dataclass
class Checked:
    """A validated file, ready to write."""

    kind: str
    name: str
    sha256: str
    rows: int
    problems: list[Problem]
    payload: Any = None
    layer: str | None = None
    group_labels: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    layout: StatsLayout | None = None  # statistics tables: what was recognised (preview)
    new_areas: pd.DataFrame | None = None  # areas a finer-level geometry creates

    @property
    def errors(self) -> list[Problem]:
        """Blocking problems."""
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        """Problems that do not block the import but must be shown before it (e.g. jumps)."""
        return [p for p in self.problems if p.severity != "error"]


def store_catalogue(store: Store) -> Catalogue:
    """The catalogues as stored in the database, with lookups."""
    tables = (
        "area", "field", "goal", "goal_support", "group_label", "indicator", "goal_indicator",
        "analysis_setting", "additive_set",
    )  # fmt: skip
    return Catalogue.from_frames({t: store.catalogue(t) for t in tables})


def _check_stats(data: bytes, name: str, catalogue: Catalogue, opts: Options) -> Checked:
    if not opts.indicator:
        raise UsageError("Für eine Statistiktabelle bitte den Indikator angeben (--indicator ID).")
    ind = catalogue.indicator(opts.indicator)
    if ind is None:
        raise UsageError(f"Unbekannter Indikator {opts.indicator!r}.")
    if ind["numerator_id"] is not None:
        raise UsageError(
            f"{opts.indicator!r} wird berechnet ({ind['numerator_id']} / {ind['denominator_id']});"
            " bitte Zähler und Nenner importieren."
        )
    if opts.group is not None and opts.group not in catalogue.group_ids():
        known = ", ".join(sorted(catalogue.group_ids()))
        raise UsageError(f"Unbekannte Gruppe {opts.group!r} (--group); bekannt: {known}.")
    table = read_table(data, name, opts.sheet)
    result = parse_stats(table, catalogue, opts.indicator, opts.period, opts.group)
    checked = Checked("stats", name, sha256_of(data), len(result.frame), result.problems)
    checked.payload, checked.group_labels = result.frame, result.group_labels
    checked.layout = result.layout
    checked.notes += layout_notes(result.layout)
    if ind["aggregate"] == "sum" and len(result.frame):
        _reconcile(checked, result.frame, catalogue)
    members = district_members(catalogue.areas)
    checked.problems += ratio_aggregate_problems(result.frame, members, ind, name)
    return checked


def _reconcile(checked: Checked, frame: pd.DataFrame, catalogue: Catalogue) -> None:
    """Aggregate rows (and Stadtteile with cells) against the sum of their parts, as notes."""
    tolerance = float(config.get("aggregate_tolerance"))
    diffs, n_checked = reconcile(frame, catalogue.areas, tolerance)
    keys = zip(
        frame["area_code"].tolist(), frame["period"].tolist(), frame["grp"].tolist(), strict=True
    )
    rows = dict(zip(keys, frame["_row"].tolist(), strict=True))
    level = dict(zip(catalogue.areas["code"], catalogue.areas["level"], strict=True))
    for d in diffs.itertuples():
        parts = "Stadtzellen" if level.get(d.area_code) == "stadtteil" else "Stadtteile"
        checked.problems.append(
            Problem(
                checked.name,
                int(rows[(d.area_code, d.period, d.grp)]),
                str(d.period),
                f"Summe der {parts} {d.sum:g}",
                f"{d.found:g}",
                "warning",
            )
        )
    checked.notes.append(f"Summenzeilen geprüft: {n_checked}, davon abweichend: {len(diffs)}")


def layout_notes(layout: StatsLayout) -> list[str]:
    """What was recognised in a statistics table, as lines for the CLI and the preview."""
    notes = []
    if layout.sheet is not None:
        line = f"Blatt „{layout.sheet}“ gelesen"
        if layout.other_sheets:
            others = ", ".join(f"„{s}“" for s in layout.other_sheets)
            line += f"; weitere Blätter: {others} (Auswahl mit --sheet)"
        notes.append(line)
    if layout.title:
        notes.append(f"Titel: {layout.title}")
    if layout.unit:
        notes.append(f"Einheit: {layout.unit}")
    if layout.year_columns:
        notes.append("Jahresspalten: " + ", ".join(layout.year_columns))
    if layout.category_columns:
        notes.append("Kategorienspalten: " + ", ".join(layout.category_columns))
    if layout.skipped_totals:
        totals = ", ".join(layout.skipped_totals)
        notes.append(f"Summenspalte über die Jahre nicht importiert: {totals}")
    if layout.file_group:
        notes.append(f"Gruppe der Tabelle: {layout.file_group}")
    if layout.groups:
        notes.append("Gruppen: " + ", ".join(layout.groups))
    if layout.areas:
        notes.append(f"Gebiete erkannt: {layout.areas}")
    if layout.source:
        notes.append(f"Quelle: {layout.source}")
    notes += [f"Anmerkung: {n}" for n in layout.notes]
    if layout.series_break is not None:
        notes.append(f"Zeitreihenbruch ab {layout.series_break} (wird mit den Werten gespeichert)")
    return notes


def _add_jump_warnings(store: Store, checked: Checked) -> None:
    """Warn about values far from the stored previous period (possible but implausible)."""
    frame = checked.payload
    if not isinstance(frame, pd.DataFrame) or frame.empty:
        return
    previous = store.previous_values(frame[["indicator_id", "area_code", "period", "grp"]])
    checked.problems += jump_warnings(frame, previous, checked.name)


def check_file(
    store: Store, kind: str, data: bytes, name: str, opts: Options | None = None
) -> Checked:
    """Validate one file of the given kind against the stored catalogues (writes nothing).

    One file at a time per process; a workbook is measured by streaming before it is parsed
    in full, and the problem list is bounded (see dashboard.ingest.limits).
    """
    with import_slot():
        if kind != "areas" and data[:4] == ZIP_HEADER:
            check_upload(data, name, kind)  # zip safety before the workbook is opened
            check_xlsx_size(data, name, (opts or Options()).sheet)
        checked = _check_file(store, kind, data, name, opts)
        if kind in ("observations", "stats"):
            _add_jump_warnings(store, checked)
    checked.problems = bounded(checked.problems)
    return checked


def _check_file(
    store: Store, kind: str, data: bytes, name: str, opts: Options | None = None
) -> Checked:
    """check_file without the limits."""
    opts = opts or Options()
    if kind not in KINDS:
        raise UsageError(f"Unbekannte Importart {kind!r}; erlaubt: {', '.join(KINDS)}.")
    catalogue = store_catalogue(store)
    if catalogue.areas.empty:
        raise UsageError("Die Datenbank ist leer. Bitte zuerst `python -m dashboard init`.")
    check_upload(data, name, kind)  # size and type by content, before any parser runs
    digest = sha256_of(data)
    if kind == "stats":
        return _check_stats(data, name, catalogue, opts)
    if kind == "areas":
        return _check_areas(store, data, name, catalogue, opts)
    table = read_table(data, name, opts.sheet)
    if kind == "observations":
        frame, problems = parse_canonical(table, catalogue)
        checked = Checked(kind, name, digest, len(frame), problems, payload=frame)
        summed = catalogue.indicators.loc[catalogue.indicators["aggregate"] == "sum", "id"]
        additive = frame[frame["indicator_id"].isin(set(summed))] if len(frame) else frame
        areas = catalogue.areas
        cells = set(areas.loc[areas["level"] == "stadtzelle", "code"])
        # Stadtteile against their cells (finer level); long files are not reconciled otherwise
        if len(additive) and additive["area_code"].isin(cells).any():
            for _iid, part in additive.groupby("indicator_id"):
                _reconcile(checked, part, catalogue)
        return checked
    if kind == "targets":
        frame, problems = parse_targets(table, catalogue, by="import")
        return Checked(kind, name, digest, len(frame), problems, payload=frame)
    measures, problems = parse_measures(table, catalogue)
    return Checked(kind, name, digest, len(measures), problems, payload=measures)


def write_checked(store: Store, checked: Checked, by: str) -> ImportLogEntry:
    """Write a validated file in one transaction and log it; refuses files with errors."""
    entry = ImportLogEntry(
        by=by,
        file=checked.name,
        sha256=checked.sha256,
        kind=checked.kind,
        rows=checked.rows,
        problems=checked.problems,
    )
    if checked.errors:
        store.log_rejected(entry)
        raise ValidationError(
            checked.problems, f"{checked.name}: Import abgelehnt, nichts geändert."
        )
    payload = checked.payload
    if checked.kind in ("observations", "stats"):
        frame = payload.drop(columns="_row").assign(is_demo=False)
        # undoable: the page Daten can put back what the import replaced (issue 13)
        return store.write_observations_undoable(frame, entry, checked.group_labels)
    if checked.kind == "areas":
        return store.replace_geometry_undoable(
            str(checked.layer), payload, entry, checked.new_areas
        )
    if checked.kind == "targets":
        frame = payload.assign(created_by=by)
        store.insert_targets(frame, entry)
        return entry
    orgs = {
        (m["organisation_id"], m["organisation"], None) for m in payload if m["organisation_id"]
    }
    store.upsert_organisations(sorted(orgs, key=lambda o: o[0]))
    store.insert_measures(payload, entry, by)
    return entry


def write_demo(
    store: Store, checked: Checked, by: str, organisations: list[tuple[str, str, str | None]]
) -> ImportLogEntry:
    """Write a validated demo file like ``write_checked``, labelled demo (and not undoable)."""
    entry = ImportLogEntry(
        by=by,
        file=checked.name,
        sha256=checked.sha256,
        kind="demo",
        rows=checked.rows,
        problems=checked.problems,
    )
    if checked.errors:
        store.log_rejected(entry)
        raise ValidationError(checked.problems, f"{checked.name}: Demodaten abgelehnt.")
    if checked.kind == "observations":
        store.write_observations(checked.payload.drop(columns="_row").assign(is_demo=True), entry)
    elif checked.kind == "targets":
        store.insert_targets(checked.payload.assign(created_by=by, is_demo=True), entry)
    elif checked.kind == "measures":
        # organisations the measures name but the demo does not describe: as an import would
        known = {o[0] for o in organisations}
        named = {
            (m["organisation_id"], m["organisation"], None)
            for m in checked.payload
            if m["organisation_id"] and m["organisation_id"] not in known
        }
        store.upsert_organisations([*organisations, *sorted(named, key=lambda o: o[0])])
        for m in checked.payload:
            m["is_demo"] = True
        store.insert_measures(checked.payload, entry, by)
    else:
        raise UsageError(f"Demodaten der Art {checked.kind!r} gibt es nicht.")
    return entry


def import_file(
    store: Store, kind: str, path: Path, by: str, opts: Options | None = None
) -> tuple[Checked, ImportLogEntry]:
    """Validate and write one file from disk (CLI)."""
    data = read_bytes(path)
    if kind == "areas" and path.suffix.lower() == ".shp":
        # a Shapefile is several files: let GDAL read it beside its siblings
        checked = _check_shapefile(store, path, opts or Options())
    else:
        checked = check_file(store, kind, data, path.name, opts)
    return checked, write_checked(store, checked, by)


def _check_shapefile(store: Store, path: Path, opts: Options) -> Checked:
    checked = _check_areas(store, path, path.name, store_catalogue(store), opts)
    checked.sha256 = sha256_of(read_bytes(path))
    return checked


def _check_areas(
    store: Store, data: bytes | Path, name: str, catalogue: Catalogue, opts: Options
) -> Checked:
    """A geometry; codes of a finer level (Stadtzellen) create their areas under their parent."""
    rules = finer_levels()
    shapes = {}
    for rule in rules:
        layer = parent_layer(rule.parent_level)
        if layer and store.geometry_layers().get(layer):
            shapes[rule.parent_level] = store.geometry(layer)
    created, more = new_areas(data, name, catalogue, rules, shapes, opts.id_column)
    if len(created):
        areas = pd.concat([catalogue.areas, created], ignore_index=True)
        catalogue = Catalogue.from_frames({**catalogue.frames, "area": areas})
    frame, layer, problems = parse_geometry(data, name, catalogue, opts.id_column)
    digest = sha256_of(data) if isinstance(data, bytes) else ""
    checked = Checked("areas", name, digest, len(frame), more + problems, payload=frame)
    checked.layer, checked.new_areas = layer, created
    if len(created):
        checked.notes.append(f"Neue Gebiete: {len(created)} ({', '.join(created['code'])})")
    return checked


def problems_frame(problems: list[Problem]) -> pd.DataFrame:
    """Problems as a table (for the UI and CSV reports)."""
    return pd.DataFrame([p.as_dict() for p in problems])
