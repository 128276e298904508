"""``python -m dashboard user …``: accounts from the command line, passwords never as arguments."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from argon2 import PasswordHasher

from dashboard.auth import passwords
from dashboard.cli import main
from dashboard.store import Store
from tests.conftest import ROOT

PASSWORD = "ein-langes-testpasswort"


@pytest.fixture
def db(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Iterator[Path]:
    """The demo database as LEITBILD_DB, with cheap argon2 parameters for speed."""
    monkeypatch.setattr(passwords, "_HASHER", PasswordHasher(time_cost=1, memory_cost=64))
    yield demo_db
    Store(demo_db).close()


def _add(monkeypatch: pytest.MonkeyPatch, *args: str, password: str = PASSWORD) -> int:
    monkeypatch.setattr(sys, "stdin", io.StringIO(password + "\n"))
    return main(["user", "add", *args, "--password-stdin"])


def test_add_list_set_role_disable(
    db: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _add(monkeypatch, "cora", "--role", "editor", "--area", "61", "--field", "8.2",
                "--display-name", "Cora C.") == 0  # fmt: skip
    assert _add(monkeypatch, "ada", "--role", "admin") == 0
    record = Store(db).user("cora")
    assert record["display_name"] == "Cora C." and record["password_hash"].startswith("$argon2")
    assert passwords.verify_password(record["password_hash"], PASSWORD)
    capsys.readouterr()
    assert main(["user", "list"]) == 0
    listing = capsys.readouterr().out
    assert "cora\teditor\taktiv\tPasswort\t61, 8.2" in listing and "ada\tadmin" in listing
    assert PASSWORD not in listing and "argon2" not in listing

    assert main(["user", "set-role", "cora", "admin"]) == 0
    assert Store(db).user("cora")["role"] == "admin"
    assert main(["user", "set-role", "cora", "editor", "--area", "91"]) == 0
    assert Store(db).user("cora")["areas"] == ["91"]
    assert main(["user", "disable", "cora"]) == 0
    assert Store(db).user("cora")["disabled"]
    assert main(["user", "enable", "cora"]) == 0
    assert not Store(db).user("cora")["disabled"]


@pytest.mark.parametrize(
    ("args", "password", "fragment"),
    [
        (["x", "--role", "editor"], PASSWORD, "mindestens ein Gebiet"),
        (["x", "--role", "editor", "--area", "999"], PASSWORD, "Unbekannte Gebiete"),
        (["x", "--role", "editor", "--field", "9.9"], PASSWORD, "Unbekannte Gebiete"),
        (["x", "--role", "admin"], "kurz", "mindestens 10 Zeichen"),
        (["x y", "--role", "admin"], PASSWORD, "keine Leerzeichen"),
    ],
)
def test_add_refuses_bad_input(
    db: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    password: str,
    fragment: str,
) -> None:
    assert _add(monkeypatch, *args, password=password) == 2
    assert fragment in capsys.readouterr().err
    assert Store(db).users().empty


def test_duplicate_and_unknown_accounts(
    db: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _add(monkeypatch, "ada", "--role", "admin") == 0
    assert _add(monkeypatch, "ada", "--role", "admin") == 1
    assert "gibt es schon" in capsys.readouterr().err
    assert main(["user", "set-role", "niemand", "admin"]) == 2
    assert main(["user", "disable", "niemand"]) == 1


def test_password_is_never_an_argument(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["user", "add", "x", "--role", "admin", "--password", PASSWORD]) == 2
    assert "unrecognized arguments" in capsys.readouterr().err


def test_prompt_asks_twice(
    db: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = iter([PASSWORD, PASSWORD + "x"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    assert main(["user", "add", "ada", "--role", "admin"]) == 2
    assert "stimmen nicht überein" in capsys.readouterr().err
    answers = iter([PASSWORD, PASSWORD])
    assert main(["user", "add", "ada", "--role", "admin"]) == 0


def test_oidc_only_accounts_and_claim_mapping(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["user", "add", "eva@stadt-muenster.de", "--role", "admin", "--no-password"]) == 0
    assert Store(db).user("eva@stadt-muenster.de")["password_hash"] is None
    assert main(["user", "map-claim", "leitbild-coerde", "editor", "--area", "61"]) == 0
    assert main(["user", "map-claim", "leitbild-x", "editor"]) == 2
    capsys.readouterr()
    main(["user", "list"])
    out = capsys.readouterr().out
    assert "eva@stadt-muenster.de\tadmin\taktiv\tStadt-Login" in out
    assert "claim:leitbild-coerde\teditor" in out


def test_real_process_reads_the_password_from_stdin(db: Path) -> None:
    env = {**os.environ, "LEITBILD_DB": str(db)}
    Store(db).close()  # the subprocess needs the file
    done = subprocess.run(
        [sys.executable, "-m", "dashboard", "user", "add", "ada", "--role", "admin",
         "--password-stdin"],
        input=PASSWORD + "\n", capture_output=True, text=True, env=env, cwd=ROOT, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "angelegt" in done.stdout
