"""``python -m dashboard backup create --out FILE`` and ``backup restore FILE [--yes]``.

A backup is a byte-for-byte copy of the DuckDB file taken right after a CHECKPOINT under the
store's write lock. Compared with ``EXPORT DATABASE`` (a directory of CSV/Parquet files plus
schema SQL that must be re-imported) the copy is one file, restores in a rename, keeps every
table, sequence and the migration record exactly, and can be verified by opening it. It is
consistent because DuckDB lets only one process open the file and every write in this
process takes the lock the copy holds.

A restore installs only what this application wrote (issue 20): the file must carry a
signature made at backup time with the secret ``LEITBILD_BACKUP_KEY`` (HMAC-SHA256, in
``FILE.sig``), its schema must be exactly the one the code's migrations create (no extra
tables, columns, views or macros), and the released values are recomputed from the restored
observations instead of being trusted. The operator sees accounts and counts and confirms.
"""

from __future__ import annotations

import argparse
import hashlib
import hmac
import json
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from dashboard import config
from dashboard.errors import LeitbildError, UsageError
from dashboard.imports import store_catalogue
from dashboard.readmodel import released_observations
from dashboard.store import Store
from dashboard.store.schema import MIGRATIONS

NAME = "backup"
SIGNATURE_FORMAT = "leitbild-monitor-backup/1"
MIN_KEY_LENGTH = 16
CHUNK = 1 << 20
KINDS = {  # the most alarming first: a view or macro can read files when queried
    "view": "Sicht (VIEW)", "macro": "Makro/Funktion", "table": "Tabelle", "column": "Spalte",
    "constraint": "Bedingung", "sequence": "Sequenz", "index": "Index", "type": "Typ",
    "schema": "Schema",
}  # fmt: skip


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``backup create`` and ``backup restore`` to the CLI."""
    parser = sub.add_parser("backup", help="Datenbank sichern oder wiederherstellen")
    actions = parser.add_subparsers(dest="backup_action", required=True)
    create = actions.add_parser("create", help="konsistente Kopie der ganzen Datenbank schreiben")
    create.add_argument("--out", type=Path, required=True, help="Zieldatei der Sicherung")
    create.add_argument("--force", action="store_true", help="vorhandene Zieldatei ersetzen")
    restore = actions.add_parser("restore", help="Datenbank aus einer Sicherung ersetzen")
    restore.add_argument("file", type=Path, help="Sicherungsdatei (aus `backup create`)")
    restore.add_argument(
        "--yes", action="store_true", help="ohne Rückfrage wiederherstellen (nach der Übersicht)"
    )


def _temp_beside(target: Path) -> Path:
    """A new empty temp path in the target's directory, so os.replace stays one rename."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(handle)
    return Path(name)


# --- signature ------------------------------------------------------------------------------
def backup_key() -> str:
    """The secret that signs backups (setting backup_key); refuses a missing or short one."""
    key = str(config.get("backup_key"))
    if len(key) < MIN_KEY_LENGTH:
        raise UsageError(
            f"Sicherungen werden mit einem geheimen Schlüssel signiert: bitte LEITBILD_BACKUP_KEY "
            f"setzen (mindestens {MIN_KEY_LENGTH} Zeichen, z. B. python -c 'import secrets; "
            "print(secrets.token_urlsafe(32))'), für Sicherung und Wiederherstellung derselbe."
        )
    return key


def signature_path(backup: Path) -> Path:
    """Where the signature of a backup file lives: beside it, ``FILE.sig``."""
    return backup.with_name(backup.name + ".sig")


def _mac(path: Path, key: str) -> str:
    mac = hmac.new(key.encode("utf-8"), digestmod=hashlib.sha256)
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            mac.update(chunk)
    return mac.hexdigest()


def sign(path: Path, key: str, target: Path | None = None) -> Path:
    """Write the signature of ``path`` (to ``target``, default FILE.sig); returns its path."""
    out = target or signature_path(path)
    record = {"format": SIGNATURE_FORMAT, "bytes": path.stat().st_size,
              "hmac_sha256": _mac(path, key)}  # fmt: skip
    out.write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")
    return out


def verify_signature(data: Path, signature: Path, label: str, key: str) -> None:
    """Refuse ``data`` unless ``signature`` is a valid signature of it with this key."""
    refused = (
        f"{label}: Signatur fehlt oder stimmt nicht – die Datei wurde nicht mit diesem "
        "Schlüssel (LEITBILD_BACKUP_KEY) von `backup create` geschrieben oder danach verändert. "
        "Nichts wurde wiederhergestellt."
    )
    try:
        record = json.loads(signature.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise LeitbildError(refused) from exc
    if not isinstance(record, dict) or record.get("format") != SIGNATURE_FORMAT:
        raise LeitbildError(refused)
    expected = str(record.get("hmac_sha256", ""))
    if not hmac.compare_digest(expected.encode(), _mac(data, key).encode()):
        raise LeitbildError(refused)


# --- schema ---------------------------------------------------------------------------------
def _item_name(kind: str, item: tuple[str, ...]) -> str:
    if kind == "column":
        return f"{item[0]}.{item[1]} ({item[2]})"
    if kind == "constraint":
        return f"{item[0]}: {item[2]}"
    return item[1]


def schema_difference(
    expected: dict[str, set[tuple[str, ...]]], found: dict[str, set[tuple[str, ...]]]
) -> list[str]:
    """Every extra and every missing schema item, named ('zusätzlich: Tabelle extra')."""
    lines = []
    for kind, label in KINDS.items():
        for what, items in (
            ("zusätzlich", found.get(kind, set()) - expected.get(kind, set())),
            ("fehlt", expected.get(kind, set()) - found.get(kind, set())),
        ):
            lines += [f"{what}: {label} {_item_name(kind, i)}" for i in sorted(items)]
    return lines


def check_backup(path: Path, label: str | None = None) -> list[str]:
    """Migrations of a file whose schema is exactly this application's; else LeitbildError."""
    label = label or path.name
    with path.open("rb") as handle:
        if handle.read(16)[8:12] != b"DUCK":
            raise LeitbildError(f"{label} ist keine DuckDB-Datenbank.")
    found = Store.file_schema(path)
    if ("main", "schema_migration") not in found["table"]:
        raise LeitbildError(f"{label} ist keine Datenbank des Leitbild-Monitors.")
    names = Store.file_migrations(path)
    unknown = sorted(set(names) - {name for name, _ in MIGRATIONS})
    if unknown:
        raise LeitbildError(
            f"{label} stammt aus einer neueren Version (Migrationen {', '.join(unknown)}); "
            "bitte zuerst die Anwendung aktualisieren."
        )
    differences = schema_difference(Store.reference_schema(names), found)
    if differences:
        shown = "; ".join(differences[:12])
        more = f" (und {len(differences) - 12} weitere)" if len(differences) > 12 else ""
        raise LeitbildError(
            f"{label}: Das Schema weicht von dem des Leitbild-Monitors ab, nichts wurde "
            f"wiederhergestellt: {shown}{more}."
        )
    return names


def summary_text(summary: dict[str, object], label: str) -> str:
    """What a restore would install: accounts with roles, counts, migrations."""
    accounts = summary.get("accounts") or []
    names = ", ".join(
        f"{name} ({role}{', gesperrt' if disabled else ''})"
        for name, role, disabled in accounts  # type: ignore[attr-defined]
    )
    lines = [
        f"Sicherung {label}:",
        f"  Konten: {len(accounts) or 'keine'}{': ' + names if names else ''}",  # type: ignore[arg-type]
        f"  Werte: {summary.get('observations', 0)} (davon Demodaten "
        f"{summary.get('demo_observations', 0)}), Gebiete: {summary.get('areas', 0)}",
        f"  Maßnahmen: {summary.get('measures', 0)}, Zielwerte: {summary.get('targets', 0)}, "
        f"Review-Protokolle: {summary.get('protocols', 0)}, Importe: {summary.get('imports', 0)}",
    ]
    return "\n".join(lines)


# --- create and restore ---------------------------------------------------------------------
def create(store: Store, out: Path, force: bool = False) -> Path:
    """Write a verified, signed backup of the store to ``out`` (atomically); returns the path."""
    key = backup_key()
    out = out.resolve()
    if out == store.path:
        raise UsageError("Die Sicherung darf nicht die Datenbank selbst überschreiben.")
    if (out.exists() or signature_path(out).exists()) and not force:
        raise UsageError(f"{out} existiert bereits (mit --force ersetzen).")
    temp = _temp_beside(out)
    temp_sig = _temp_beside(signature_path(out))
    try:
        store.copy_to(temp)
        _, copied = Store.inspect_file(temp)
        if copied != store.fingerprint():
            raise LeitbildError("Die Sicherung weicht von der Datenbank ab; bitte wiederholen.")
        sign(temp, key, temp_sig)
        os.replace(temp, out)
        os.replace(temp_sig, signature_path(out))
    finally:
        temp.unlink(missing_ok=True)
        temp_sig.unlink(missing_ok=True)
    return out


def restore(
    store: Store, source: Path, confirm: Callable[[str], bool] = lambda _text: True
) -> tuple[list[str], int]:
    """Replace the database with a verified backup; returns (migrations applied, values released).

    ``confirm`` gets the summary of the backup and decides; False changes nothing.
    """
    key = backup_key()
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
        # check the very bytes that will be installed, not the file they came from
        temp.write_bytes(source.read_bytes())
        verify_signature(temp, signature_path(source), source.name, key)
        check_backup(temp, source.name)
        if not confirm(summary_text(Store.file_summary(temp), source.name)):
            raise LeitbildError("Wiederherstellung abgebrochen; nichts wurde geändert.")
        store.close()
        wal = store.path.with_name(store.path.name + ".wal")
        wal.unlink(missing_ok=True)  # the closed database checkpointed it; a stale one would replay
        os.replace(temp, store.path)
    finally:
        temp.unlink(missing_ok=True)
    restored = Store(store.path)
    try:
        applied = restored.migrate()
        # released values are derived data: recompute them instead of trusting the file
        restored.clear_released()
        restored.clear_stored_assessments()
        released = released_observations(restored, store_catalogue(restored))
        return applied, len(released)
    finally:
        restored.close()


def _ask(text: str) -> bool:
    print(text)
    print("Diese Sicherung wiederherstellen und die jetzige Datenbank ersetzen? [ja/nein] ", end="")
    sys.stdout.flush()
    return sys.stdin.readline().strip().lower() in ("ja", "j", "yes", "y")


def _shown(text: str) -> bool:
    print(text)
    return True


def run(store: Store, args: argparse.Namespace) -> int:
    """Run the chosen backup action."""
    if args.backup_action == "create":
        out = create(store, args.out, args.force)
        print(f"Sicherung geschrieben: {out} ({out.stat().st_size / 1e6:.1f} MB)")
        print(f"  Signatur: {signature_path(out)} (beide Dateien zusammen aufbewahren)")
        return 0
    applied, released = restore(store, args.file, _shown if args.yes else _ask)
    print(f"Datenbank {store.path} aus {args.file.name} wiederhergestellt.")
    if applied:
        print(f"  Migrationen nachgezogen: {', '.join(applied)}")
    print(f"  Freigegebene Werte neu berechnet: {released}")
    return 0
