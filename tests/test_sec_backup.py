"""Issue 20, item 12: restore only what the project wrote (signature, exact schema, recompute)."""

from __future__ import annotations

import io
import sys
from collections.abc import Callable
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from dashboard.cli import main
from dashboard.commands import backup
from dashboard.imports import store_catalogue
from dashboard.readmodel import released_observations
from dashboard.store import Store

KEY = "test-backup-key-0123456789abcdef"


@pytest.fixture
def keyed(demo_db: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The demo database with a backup key in the settings."""
    monkeypatch.setenv("LEITBILD_BACKUP_KEY", KEY)
    return demo_db


def _fingerprint(path: Path) -> dict[str, tuple[int, int]]:
    store = Store(path)
    try:
        return store.fingerprint()
    finally:
        store.close()


def _backup(tmp_path: Path) -> Path:
    out = tmp_path / "sicherung" / "leitbild.duckdb"
    assert main(["backup", "create", "--out", str(out)]) == 0
    return out


def _tamper(path: Path, *statements: str) -> None:
    con = duckdb.connect(str(path))
    try:
        for sql in statements:
            con.execute(sql)
        con.execute("CHECKPOINT")
    finally:
        con.close()


def _flip_byte(path: Path, position: int) -> None:
    data = bytearray(path.read_bytes())
    data[position] ^= 0xFF
    path.write_bytes(bytes(data))


def _restore(path: Path, answer: str | None = None) -> int:
    if answer is None:
        return main(["backup", "restore", str(path), "--yes"])
    old = sys.stdin
    sys.stdin = io.StringIO(answer + "\n")
    try:
        return main(["backup", "restore", str(path)])
    finally:
        sys.stdin = old


def test_a_signed_backup_restores(keyed: Path, tmp_path: Path) -> None:
    before = _fingerprint(keyed)
    out = _backup(tmp_path)
    assert backup.signature_path(out).is_file()
    store = Store(keyed)
    store.delete_demo()
    store.close()
    assert _restore(out) == 0
    assert _fingerprint(keyed) == before


def test_backups_need_a_key(demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["backup", "create", "--out", str(tmp_path / "b.duckdb")]) == 2
    assert "LEITBILD_BACKUP_KEY" in capsys.readouterr().err


BACKDOOR = [
    "INSERT INTO app_user (username, display_name, role, password_hash) "
    "VALUES ('backdoor', 'x', 'admin', '$argon2id$v=19$m=65536,t=3,p=4$x$y')",
]


@pytest.mark.parametrize(
    "change",
    [
        lambda p: _tamper(p, *BACKDOOR),
        lambda p: backup.signature_path(p).unlink(),
        lambda p: _flip_byte(p, 20000),
    ],
    ids=["backdoor-admin", "signature-missing", "bytes-changed"],
)
def test_a_changed_or_unsigned_backup_is_refused(
    keyed: Path, tmp_path: Path, capsys: pytest.CaptureFixture, change: Callable[[Path], None]
) -> None:
    before = _fingerprint(keyed)
    out = _backup(tmp_path)
    change(out)
    assert _restore(out) == 1
    assert "Signatur" in capsys.readouterr().err
    assert _fingerprint(keyed) == before
    assert Store(keyed).user("backdoor") is None


def test_a_backup_signed_with_another_key_is_refused(
    keyed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    out = _backup(tmp_path)
    monkeypatch.setenv("LEITBILD_BACKUP_KEY", "another-key-0123456789abcdefghij")
    assert _restore(out) == 1
    assert "Signatur" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("statements", "named"),
    [
        (["CREATE TABLE extra (x INTEGER)"], "extra"),
        (["ALTER TABLE app_user ADD COLUMN note VARCHAR"], "app_user"),
        (["CREATE MACRO evil(x) AS x + 1"], "evil"),
        (["DROP TABLE deck", "CREATE VIEW deck AS SELECT * FROM read_text('{secret}')"], "deck"),
    ],
    ids=["extra-table", "extra-column", "macro", "view-reads-a-file"],
)
def test_only_the_projects_schema_is_restored(
    keyed: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture,
    statements: list[str],
    named: str,
) -> None:
    secret = tmp_path / "geheim.txt"
    secret.write_text("GEHEIMER-INHALT")
    before = _fingerprint(keyed)
    out = _backup(tmp_path)
    _tamper(out, *[s.format(secret=secret) for s in statements])
    backup.sign(out, KEY)  # even with the key: the schema must be exactly the project's
    capsys.readouterr()
    assert _restore(out) == 1
    captured = capsys.readouterr()
    assert "Schema" in captured.err and named in captured.err
    if "VIEW" in statements[-1]:
        assert "Sicht (VIEW) deck" in captured.err
    assert "GEHEIMER-INHALT" not in captured.out + captured.err
    assert str(tmp_path) not in captured.out + captured.err
    assert _fingerprint(keyed) == before


def test_released_values_are_recomputed_after_restore(keyed: Path, tmp_path: Path) -> None:
    store = Store(keyed)
    expected = released_observations(store, store_catalogue(store))
    store.close()
    out = _backup(tmp_path)
    # released values replaced by the raw values: every secret cell would be shown
    _tamper(
        out,
        "UPDATE released_observation r SET value = o.value, numerator = o.numerator, "
        "denominator = o.denominator, flag = NULL FROM observation o "
        "WHERE r.indicator_id = o.indicator_id AND r.area_code = o.area_code "
        "AND r.period = o.period AND r.grp = o.grp",
    )
    backup.sign(out, KEY)
    assert _restore(out) == 0
    store = Store(keyed)
    try:
        got = store.released(list(store_catalogue(store).indicators["id"]))
    finally:
        store.close()
    assert (got["flag"] == "secret").sum() == (expected["flag"] == "secret").sum() > 0
    key = ["indicator_id", "area_code", "period", "grp"]
    merged = expected.merge(got, on=key, suffixes=("", "_got"))
    assert len(merged) == len(expected)
    pd.testing.assert_series_equal(
        merged["value"], merged["value_got"], check_names=False, check_dtype=False
    )


def test_restore_shows_a_summary_and_asks(
    keyed: Path, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    store = Store(keyed)
    store.add_user("ada", "Ada", "admin", None, [], [])
    summary = store.summary()
    store.close()
    out = _backup(tmp_path)
    store = Store(keyed)
    store.delete_demo()
    store.close()
    changed = _fingerprint(keyed)
    capsys.readouterr()
    assert _restore(out, answer="nein") == 1
    text = capsys.readouterr().out
    assert "ada (admin)" in text and f"Maßnahmen: {summary['measures']}" in text
    assert _fingerprint(keyed) == changed
    assert _restore(out, answer="ja") == 0


def test_the_projects_connections_have_no_replacement_scans(empty_store: Store) -> None:
    assert empty_store.setting("python_enable_replacements") is False
