"""Command line: ``python -m dashboard init|import|check|export`` (exit 0, 1 invalid, 2 usage)."""

from __future__ import annotations

import argparse
import getpass
import importlib
import sys
import time
from pathlib import Path
from types import ModuleType

import duckdb

from dashboard import config
from dashboard.bootstrap import initialise
from dashboard.errors import (
    LeitbildError,
    StoreLockedError,
    UsageError,
    ValidationError,
    summarise,
)
from dashboard.exports import EXPORT_KINDS, export_tables, to_csv, to_xlsx
from dashboard.imports import KINDS, Options, check_file, import_file
from dashboard.services.prepared import prepare_after_write
from dashboard.store import Store

# Further commands live in their own modules; a module not written yet is simply left out.
COMMAND_MODULES = ("dashboard.commands.deck", "dashboard.commands.profile",
                   "dashboard.commands.user", "dashboard.commands.backup")  # fmt: skip


def _command_modules() -> dict[str, ModuleType]:
    modules = {}
    for name in COMMAND_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name != name:
                raise
            continue
        modules[module.NAME] = module
    return modules


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m dashboard",
        description="Leitbild-Monitor Münster. Datenbank: LEITBILD_DB (Standard "
        "data/leitbild.duckdb).",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    init = sub.add_parser("init", help="Datenbank anlegen/aktualisieren, Kataloge und Demodaten")
    init.add_argument("--no-demo", action="store_true", help="ohne (bzw. Entfernen der) Demodaten")

    def file_options(p: argparse.ArgumentParser) -> None:
        p.add_argument("--indicator", help="Indikator-ID (für stats)")
        p.add_argument("--sheet", help="Blattname bei XLSX")
        p.add_argument("--id-column", help="Spalte mit dem Gebietsschlüssel (für areas)")
        p.add_argument(
            "--period", type=int, help="Jahr, wenn die Tabelle Kategorien als Spalten hat"
        )
        p.add_argument(
            "--group", help="Gruppe der ganzen Tabelle (für stats, z. B. maennlich, weiblich)"
        )

    imp = sub.add_parser("import", help="Dateien prüfen und importieren (alles oder nichts)")
    # bundle: a directory of official tables described by the source manifest
    imp.add_argument("kind", choices=(*KINDS, "bundle"))
    imp.add_argument("files", nargs="+", type=Path)
    imp.add_argument("--by", default=None, help="wer importiert (Standard: Benutzername)")
    file_options(imp)
    check = sub.add_parser("check", help="Datei nur prüfen, nichts schreiben")
    check.add_argument("kind", choices=KINDS)
    check.add_argument("file", type=Path)
    file_options(check)
    exp = sub.add_parser("export", help="Daten exportieren (CSV oder XLSX)")
    exp.add_argument("kind", choices=EXPORT_KINDS)
    exp.add_argument("--indicator")
    exp.add_argument("--area")
    exp.add_argument("--format", choices=("csv", "xlsx"), default="csv")
    exp.add_argument("--out", type=Path, help="Zieldatei (Standard: Standardausgabe)")
    for module in _command_modules().values():
        module.register(sub)
    return parser


def _options(args: argparse.Namespace) -> Options:
    return Options(args.indicator, args.sheet, args.id_column, args.period, args.group)


def _print_problems(err: ValidationError) -> None:
    print(err.user_message(), file=sys.stderr)


def _cmd_bundle(store: Store, args: argparse.Namespace, by: str) -> int:
    from dashboard.bundle import import_bundle, summary

    status = 0
    for directory in args.files:
        if not directory.is_dir():
            raise UsageError(f"{directory}: kein Verzeichnis.")
        results = import_bundle(store, directory, by)
        for line in summary(results):
            print(line)
        if any(r.status == "abgelehnt" for r in results):
            status = 1
    return status


def _cmd_import(store: Store, args: argparse.Namespace) -> int:
    by = args.by or getpass.getuser()
    if args.kind == "bundle":
        return _cmd_bundle(store, args, by)
    status = 0
    for path in args.files:
        try:
            checked, entry = import_file(store, args.kind, path, by, _options(args))
        except ValidationError as err:
            _print_problems(err)
            status = 1
            continue
        print(
            f"{path.name}: {entry.status} – {entry.rows} Zeilen, neu {entry.inserted}, "
            f"geändert {entry.updated}, unverändert {entry.unchanged}"
        )
        for note in checked.notes:
            print(f"  {note}")
        for line in summarise(checked.problems):
            print(f"  {line}")
    return status


def _cmd_check(store: Store, args: argparse.Namespace) -> int:
    try:
        data = args.file.read_bytes()
    except OSError as exc:
        raise UsageError(f"{args.file}: {exc.strerror}") from exc
    checked = check_file(store, args.kind, data, args.file.name, _options(args))
    for note in checked.notes:
        print(note)
    if checked.errors:
        _print_problems(ValidationError(checked.problems, f"{args.file.name}: ungültig."))
        return 1
    for line in summarise(checked.problems):
        print(line)
    print(f"{args.file.name}: gültig, {checked.rows} Zeilen.")
    return 0


def _cmd_export(store: Store, args: argparse.Namespace) -> int:
    sheets = export_tables(store, args.kind, args.indicator, args.area)
    data = to_xlsx(sheets) if args.format == "xlsx" else to_csv(next(iter(sheets.values())))
    if args.out is not None:
        args.out.write_bytes(data)
    elif args.format == "xlsx" and sys.stdout.isatty():
        raise UsageError("XLSX nicht ins Terminal schreiben: bitte --out DATEI angeben.")
    else:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    return 0


def _open_store() -> Store:
    """Open the database, waiting (bounded) while another process holds it."""
    deadline = time.monotonic() + float(config.get("lock_wait_seconds"))
    while True:
        try:
            return Store(config.db_path())
        except StoreLockedError:
            # the running app holds the file for good; a short CLI call may let go soon
            if time.monotonic() >= deadline:
                raise
            time.sleep(0.25)


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; returns the exit code."""
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
        return int(exc.code or 0)
    store: Store | None = None
    try:
        store = _open_store()
        if args.command == "init":
            for message in initialise(store, demo=not args.no_demo):
                print(message)
            return 0
        store.migrate()
        extra = _command_modules().get(args.command)
        if extra is not None:
            return int(extra.run(store, args))
        if args.command == "import":
            status = _cmd_import(store, args)
            prepare_after_write(store)  # now, not on the first page view after the import
            return status
        if args.command == "check":
            return _cmd_check(store, args)
        return _cmd_export(store, args)
    except ValidationError as err:
        _print_problems(err)
        return 1
    except LeitbildError as err:
        print(err.user_message(), file=sys.stderr)
        return err.exit_code
    except duckdb.Error as err:
        print(f"Datenbankfehler: {str(err).splitlines()[0]}", file=sys.stderr)
        return 1
    finally:
        if store is not None and store.owns_root:
            store.close()
