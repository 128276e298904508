"""``python -m dashboard backup create --out FILE`` and ``backup restore FILE``.

A backup is a byte-for-byte copy of the DuckDB file taken right after a CHECKPOINT under the
store's write lock. Compared with ``EXPORT DATABASE`` (a directory of CSV/Parquet files plus
schema SQL that must be re-imported) the copy is one file, restores in a rename, keeps every
table, sequence and the migration record exactly, and can be verified by opening it. It is
consistent because DuckDB lets only one process open the file and every write in this
process takes the lock the copy holds.
"""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path

from dashboard.errors import LeitbildError, UsageError
from dashboard.schema import MIGRATIONS
from dashboard.store import Store

NAME = "backup"


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``backup create`` and ``backup restore`` to the CLI."""
    parser = sub.add_parser("backup", help="Datenbank sichern oder wiederherstellen")
    actions = parser.add_subparsers(dest="backup_action", required=True)
    create = actions.add_parser("create", help="konsistente Kopie der ganzen Datenbank schreiben")
    create.add_argument("--out", type=Path, required=True, help="Zieldatei der Sicherung")
    create.add_argument("--force", action="store_true", help="vorhandene Zieldatei ersetzen")
    restore = actions.add_parser("restore", help="Datenbank aus einer Sicherung ersetzen")
    restore.add_argument("file", type=Path, help="Sicherungsdatei (aus `backup create`)")


def _temp_beside(target: Path) -> Path:
    """A new empty temp path in the target's directory, so os.replace stays one rename."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(handle)
    return Path(name)


def check_backup(path: Path) -> list[str]:
    """Migrations of a valid backup file; raises LeitbildError for anything else."""
    names, _ = Store.inspect_file(path)
    unknown = sorted(set(names) - {name for name, _ in MIGRATIONS})
    if unknown:
        raise LeitbildError(
            f"{path.name} stammt aus einer neueren Version (Migrationen {', '.join(unknown)}); "
            "bitte zuerst die Anwendung aktualisieren."
        )
    return names


def create(store: Store, out: Path, force: bool = False) -> Path:
    """Write a verified backup of the store to ``out`` (atomically); returns the path."""
    out = out.resolve()
    if out == store.path:
        raise UsageError("Die Sicherung darf nicht die Datenbank selbst überschreiben.")
    if out.exists() and not force:
        raise UsageError(f"{out} existiert bereits (mit --force ersetzen).")
    temp = _temp_beside(out)
    try:
        store.copy_to(temp)
        _, copied = Store.inspect_file(temp)
        if copied != store.fingerprint():
            raise LeitbildError("Die Sicherung weicht von der Datenbank ab; bitte wiederholen.")
        os.replace(temp, out)
    finally:
        temp.unlink(missing_ok=True)
    return out


def restore(store: Store, source: Path) -> list[str]:
    """Replace the store's database file with a validated backup; returns pending migrations."""
    source = source.resolve()
    if not source.is_file():
        raise UsageError(f"{source}: Datei nicht gefunden.")
    if source == store.path:
        raise UsageError("Sicherung und Datenbank sind dieselbe Datei.")
    if not store.owns_root:
        # another part of this process works on the file: closing it would pull it away
        raise LeitbildError(
            f"Die Datenbank {store.path} wird gerade verwendet; bitte die App beenden und "
            "erneut versuchen."
        )
    temp = _temp_beside(store.path)
    try:
        # validate the very bytes that will be installed, not the file they came from
        temp.write_bytes(source.read_bytes())
        check_backup(temp)
        store.close()
        wal = store.path.with_name(store.path.name + ".wal")
        wal.unlink(missing_ok=True)  # the closed database checkpointed it; a stale one would replay
        os.replace(temp, store.path)
    finally:
        temp.unlink(missing_ok=True)
    restored = Store(store.path)
    try:
        return restored.migrate()
    finally:
        restored.close()


def run(store: Store, args: argparse.Namespace) -> int:
    """Run the chosen backup action."""
    if args.backup_action == "create":
        out = create(store, args.out, args.force)
        print(f"Sicherung geschrieben: {out} ({out.stat().st_size / 1e6:.1f} MB)")
        return 0
    applied = restore(store, args.file)
    print(f"Datenbank {store.path} aus {args.file.name} wiederhergestellt.")
    if applied:
        print(f"  Migrationen nachgezogen: {', '.join(applied)}")
    return 0
