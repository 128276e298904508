"""A bundle of official tables in one step: the source manifest and ``import bundle DIR``.

The manifest (``data/sources/*.yaml``) says what each published table carries: indicator,
unit, groups, periods, reference date, and how category columns map to groups. Every file it
names that exists in the directory goes through the ordinary import pipeline
(``imports.check_file`` → ``imports.write_checked``), all or nothing per file; what the file
says must match the manifest, otherwise the file is refused with the reason.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from dashboard.catalogues import Catalogue
from dashboard.config import DATA_DIR
from dashboard.errors import Problem, ValidationError
from dashboard.imports import Checked, Options, check_file, store_catalogue, write_checked
from dashboard.ingest.stats_layout import group_id
from dashboard.ingest.tables import read_bytes
from dashboard.store import ImportLogEntry, Store

MANIFEST = DATA_DIR / "sources" / "muenster.yaml"
CHECK_ONLY = "="  # a column mapped to "=grp" repeats a value published in another table
KINDS = ("stats", "areas")


@dataclass(frozen=True)
class TableSpec:
    """One published table as the manifest describes it."""

    file: str
    title: str
    kind: str
    indicator: str | None = None
    unit: str | None = None
    groups: tuple[str, ...] = ("insgesamt",)
    periods: tuple[int, ...] = ()
    period: int | None = None
    reference_date: str | None = None
    columns: dict[str, str] = field(default_factory=dict)
    derived: tuple[str, ...] = ()
    group: str | None = None  # the group of the whole table (a sheet of men or of women)

    @property
    def name(self) -> str:
        """The file name (as logged and shown in provenance)."""
        return Path(self.file).name

    def expected_groups(self) -> set[str]:
        """Groups this table may write."""
        mapped = {g for g in self.columns.values() if not g.startswith(CHECK_ONLY)}
        return mapped if self.columns else set(self.groups)

    def reference(self, period: int) -> str:
        """The reference date of one period, e.g. '31.12.2014'."""
        return f"{self.reference_date}{period}" if self.reference_date else str(period)


@dataclass(frozen=True)
class Manifest:
    """The source manifest: office, series and tables."""

    office: str
    series: str
    tables: tuple[TableSpec, ...]
    path: Path

    def table(self, file_name: str) -> TableSpec | None:
        """The table with this file name, if the manifest names it."""
        return next((t for t in self.tables if t.name == file_name), None)

    def source_text(self, spec: TableSpec, period: int) -> str:
        """The source stored with every value of this table (office, table, reference date)."""
        return f"{self.office}: {spec.title} ({spec.name}), Stichtag {spec.reference(period)}"


def official_files(path: Path = MANIFEST) -> set[str]:
    """File names of the official tables the manifest describes (for provenance)."""
    try:
        with path.open(encoding="utf-8") as fh:
            data = yaml.safe_load(fh) or {}
    except FileNotFoundError:
        return set()
    return {Path(str(t.get("file", ""))).name for t in data.get("tables") or []}


@dataclass
class FileResult:
    """What happened to one file of the bundle."""

    spec: TableSpec
    status: str  # ok | unverändert | abgelehnt | fehlt
    entry: ImportLogEntry | None = None
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    reconciled: int = 0


def _spec(item: dict[str, Any], catalogue: Catalogue, problems: list[Problem], file: str) -> None:
    """Check one table entry against the catalogue (appends problems)."""
    line = item.get("__line__")
    if item.get("kind") not in KINDS:
        problems.append(Problem(file, line, "kind", "stats oder areas", repr(item.get("kind"))))
    if item.get("kind") != "stats":
        return
    ind = catalogue.indicator(str(item.get("indicator")))
    if ind is None or ind["numerator_id"] is not None:
        found = repr(item.get("indicator"))
        problems.append(Problem(file, line, "indicator", "ein gespeicherter Indikator", found))
        return
    if item.get("unit") != ind["unit"]:
        problems.append(Problem(file, line, "unit", repr(ind["unit"]), repr(item.get("unit"))))
    columns = item.get("columns") or {}
    groups = [str(g).lstrip(CHECK_ONLY) for k, g in columns.items() if k != "__line__"]
    groups += list(item.get("groups") or [])
    groups += [str(item["group"])] if item.get("group") else []
    for g in groups:
        if g not in ind["groups"]:
            problems.append(Problem(file, line, "groups", f"eine Gruppe von {ind['id']}", g))
    for d in item.get("derived") or []:
        row = catalogue.indicator(str(d))
        if row is None or ind["id"] not in (row["numerator_id"], row["denominator_id"]):
            problems.append(Problem(file, line, "derived", f"berechnet aus {ind['id']}", d))


def load_manifest(catalogue: Catalogue, path: Path = MANIFEST) -> Manifest:
    """Read and check the manifest against the catalogue; raise with every problem."""
    from dashboard.catalogues import LineLoader  # the catalogue's loader keeps line numbers

    with path.open(encoding="utf-8") as fh:
        data = yaml.load(fh, Loader=LineLoader) or {}
    problems: list[Problem] = []
    tables = []
    for item in data.get("tables") or []:
        _spec(item, catalogue, problems, path.name)
        columns = {
            str(k): str(v) for k, v in (item.get("columns") or {}).items() if k != "__line__"
        }
        tables.append(
            TableSpec(
                file=str(item["file"]),
                title=str(item.get("title") or item["file"]),
                kind=str(item.get("kind")),
                indicator=item.get("indicator"),
                unit=item.get("unit"),
                groups=tuple(item.get("groups") or ("insgesamt",)),
                periods=tuple(int(p) for p in item.get("periods") or ()),
                period=item.get("period"),
                reference_date=item.get("reference_date"),
                columns=columns,
                derived=tuple(item.get("derived") or ()),
                group=str(item["group"]) if item.get("group") else None,
            )
        )
    if problems:
        raise ValidationError(problems, f"{path.name}: Manifest ungültig.")
    return Manifest(str(data.get("office", "")), str(data.get("series", "")), tuple(tables), path)


def _map_groups(checked: Checked, spec: TableSpec, store: Store) -> pd.DataFrame:
    """Rename category groups as the manifest says; drop and check repeated total columns."""
    frame = checked.payload
    if not spec.columns:
        return frame
    mapping = {group_id(header): target for header, target in spec.columns.items()}
    mapping.update({t: t for t in spec.expected_groups()})  # a parser that maps already
    unknown = sorted(set(frame["grp"]) - set(mapping))
    for grp in unknown:
        label = checked.group_labels.get(grp, grp)
        checked.problems.append(
            Problem(checked.name, None, label, "eine Spalte aus dem Manifest", repr(label))
        )
    frame = frame.assign(grp=frame["grp"].map(mapping).fillna(frame["grp"]))
    checked.group_labels = {}
    repeated = frame["grp"].str.startswith(CHECK_ONLY)
    if repeated.any():
        _check_repeated(checked, frame[repeated], spec, store)
    return frame[~repeated].reset_index(drop=True)


def _check_repeated(checked: Checked, rows: pd.DataFrame, spec: TableSpec, store: Store) -> None:
    """A total column must equal the value already stored from the table that publishes it."""
    rows = rows.assign(grp=rows["grp"].str.lstrip(CHECK_ONLY))
    stored = store.observations(
        [str(spec.indicator)], periods=sorted(set(rows["period"])), groups=sorted(set(rows["grp"]))
    )
    known = {
        (a, int(p), g): v
        for a, p, g, v in zip(
            stored["area_code"], stored["period"], stored["grp"], stored["value"], strict=True
        )
    }
    compared = 0
    columns = [rows[c].tolist() for c in ("area_code", "period", "grp", "value", "_row")]
    for area, period, grp, value, line in zip(*columns, strict=True):
        key = (area, int(period), grp)
        if key not in known:
            continue
        compared += 1
        if not (pd.isna(known[key]) and pd.isna(value)) and known[key] != value:
            checked.problems.append(
                Problem(
                    checked.name,
                    int(line),
                    grp,
                    f"{known[key]:g} wie bereits gespeichert",
                    f"{value:g}",
                )
            )
    checked.notes.append(f"Gesamtspalte mit gespeicherten Werten verglichen: {compared} Werte")


def _match_spec(checked: Checked, frame: pd.DataFrame, spec: TableSpec) -> None:
    """Periods and groups in the file must be those the manifest announces."""
    allowed = set(spec.periods) if spec.periods else {spec.period}
    for p in sorted(set(frame["period"]) - allowed):
        expected = ", ".join(map(str, sorted(allowed)))
        checked.problems.append(Problem(checked.name, None, str(p), f"Jahre {expected}", str(p)))
    for g in sorted(set(frame["grp"]) - spec.expected_groups()):
        expected = ", ".join(sorted(spec.expected_groups()))
        checked.problems.append(Problem(checked.name, None, g, f"Gruppen {expected}", g))


def check_table(store: Store, manifest: Manifest, spec: TableSpec, data: bytes) -> Checked:
    """Validate one bundle file as the manifest describes it (writes nothing)."""
    if spec.kind == "areas":
        return check_file(store, "areas", data, spec.name)
    opts = Options(indicator=spec.indicator, period=spec.period, group=spec.group)
    checked = check_file(store, "stats", data, spec.name, opts)
    if checked.payload is None or checked.payload.empty:
        return checked
    frame = _map_groups(checked, spec, store)
    _match_spec(checked, frame, spec)
    sources = {p: manifest.source_text(spec, int(p)) for p in set(frame["period"])}
    checked.payload = frame.assign(source=frame["period"].map(sources))
    checked.rows = len(checked.payload)
    return checked


def import_bundle(
    store: Store, directory: Path, by: str, manifest_path: Path = MANIFEST
) -> list[FileResult]:
    """Import every manifest file present in ``directory``; each file all or nothing."""
    manifest = load_manifest(store_catalogue(store), manifest_path)
    results: list[FileResult] = []
    for spec in manifest.tables:
        path = directory / spec.file
        if not path.is_file():
            results.append(FileResult(spec, "fehlt"))
            continue
        checked = check_table(store, manifest, spec, read_bytes(path))
        result = FileResult(spec, "abgelehnt", problems=checked.problems, notes=checked.notes)
        result.reconciled = _reconciled(checked.notes)
        try:
            result.entry = write_checked(store, checked, by)
        except ValidationError:
            results.append(result)
            continue
        result.status = result.entry.status
        results.append(result)
    return results


def _reconciled(notes: list[str]) -> int:
    """Aggregate cells checked, as the stats check reports them in its note."""
    for note in notes:
        if note.startswith("Summenzeilen geprüft:"):
            return int(note.split(":")[1].split(",")[0])
    return 0


def summary(results: list[FileResult]) -> list[str]:
    """One line per file and a total line (German, for the CLI and the app)."""
    lines = []
    for r in results:
        e = r.entry
        what = "Gebiete" if r.spec.kind == "areas" else "Werte"
        counts = (
            f" – {e.rows} {what}, neu {e.inserted}, geändert {e.updated}, unverändert {e.unchanged}"
            if e is not None
            else ""
        )
        lines.append(f"{r.spec.name}: {r.status}{counts}")
        lines += [f"  {n}" for n in r.notes]
        lines += [f"  {p}" for p in r.problems]
    done = [r for r in results if r.status in ("ok", "unverändert")]
    refused = [r for r in results if r.status == "abgelehnt"]
    missing = [r for r in results if r.status == "fehlt"]
    changed = sum((r.entry.inserted + r.entry.updated) for r in done if r.entry is not None)
    lines.append(
        f"Bündel: {len(done)} Dateien importiert ({changed} Werte neu oder geändert), "
        f"{len(refused)} abgelehnt, {len(missing)} nicht vorhanden; "
        f"Summenzeilen geprüft: {sum(r.reconciled for r in results)}"
    )
    return lines
