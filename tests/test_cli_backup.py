"""Backup and restore through the CLI: round trip, validation, atomic writes, lock refusal."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from dashboard.cli import main
from dashboard.commands import backup as backup_command
from dashboard.store import Store
from tests.conftest import ROOT

KEY = "test-backup-key-0123456789abcdef"


@pytest.fixture(autouse=True)
def backup_key(monkeypatch: pytest.MonkeyPatch) -> None:
    """Backups are signed with the key from the settings (issue 20)."""
    monkeypatch.setenv("LEITBILD_BACKUP_KEY", KEY)


def _fingerprint(path: Path) -> dict[str, tuple[int, int]]:
    store = Store(path)
    try:
        return store.fingerprint()
    finally:
        store.close()


def test_backup_round_trip_restores_every_table(demo_db: Path, tmp_path: Path) -> None:
    before = _fingerprint(demo_db)
    backup = tmp_path / "sicherung" / "leitbild.duckdb"
    assert main(["backup", "create", "--out", str(backup)]) == 0
    store = Store(demo_db)
    store.delete_demo()
    store.close()
    assert _fingerprint(demo_db) != before
    assert main(["backup", "restore", str(backup), "--yes"]) == 0
    assert _fingerprint(demo_db) == before
    # no temp files are left beside either file
    assert sorted(p.name for p in backup.parent.iterdir()) == [
        "leitbild.duckdb",
        "leitbild.duckdb.sig",
    ]
    assert not [p for p in demo_db.parent.iterdir() if p.name.endswith(".tmp")]


def test_backup_refuses_to_overwrite_without_force(demo_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "b.duckdb"
    out.write_bytes(b"keep")
    assert main(["backup", "create", "--out", str(out)]) == 2
    assert out.read_bytes() == b"keep"
    assert main(["backup", "create", "--out", str(out), "--force"]) == 0
    assert _fingerprint(out) == _fingerprint(demo_db)
    assert main(["backup", "create", "--out", str(demo_db), "--force"]) == 2


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"Name;Wert\nx;1\n", "keine DuckDB-Datenbank"),
        (None, "keine Datenbank des Leitbild-Monitors"),
    ],
)
def test_restore_validates_the_file(
    demo_db: Path,
    tmp_path: Path,
    content: bytes | None,
    message: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    before = _fingerprint(demo_db)
    bad = tmp_path / "bad.duckdb"
    if content is None:
        Store(bad).close()  # a DuckDB file without our schema
    else:
        bad.write_bytes(content)
    backup_command.sign(bad, KEY)  # signed: the checks of the content are reached
    assert main(["backup", "restore", str(bad), "--yes"]) == 1
    assert message in capsys.readouterr().err
    assert _fingerprint(demo_db) == before


def test_restore_refuses_a_database_held_by_another_process(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    backup = tmp_path / "b.duckdb"
    assert main(["backup", "create", "--out", str(backup)]) == 0
    holder = textwrap.dedent(
        f"""
        import sys, duckdb
        con = duckdb.connect({str(demo_db)!r})
        print("ready", flush=True)
        sys.stdin.read()
        """
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", holder], cwd=ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE
    )
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == b"ready"
        assert main(["backup", "restore", str(backup), "--yes"]) == 1
        assert "anderen Prozess" in capsys.readouterr().err
    finally:
        proc.communicate(b"", timeout=30)
    assert _fingerprint(demo_db) == _fingerprint(backup)


def test_restore_refuses_while_this_process_uses_the_database(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    backup = tmp_path / "b.duckdb"
    assert main(["backup", "create", "--out", str(backup)]) == 0
    store = Store(demo_db)  # like the running app in the same process
    try:
        assert main(["backup", "restore", str(backup), "--yes"]) == 1
        assert "wird gerade verwendet" in capsys.readouterr().err
        assert store.summary()["areas"] > 0
    finally:
        store.close()
