"""The secret checker: shapes and assignments found, placeholders and marked lines let through."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

_spec = importlib.util.spec_from_file_location("check_secrets", ROOT / "tools/check_secrets.py")
assert _spec is not None and _spec.loader is not None
check_secrets = importlib.util.module_from_spec(_spec)
sys.modules["check_secrets"] = check_secrets
_spec.loader.exec_module(check_secrets)

# secret-looking samples are assembled at run time, so this file itself stays clean
KEY_BLOCK = "-----BEGIN " + "RSA PRIVATE KEY-----"
AWS = "AKIA" + "ABCDEFGHIJKLMNOP"
GITHUB = "ghp_" + "a1" * 18
CS = "client" + "_secret"
PW = "pass" + "word"
CK = "cookie" + "_secret"


@pytest.mark.parametrize(
    ("line", "found"),
    [
        (KEY_BLOCK, "private key block"),
        (f"key = '{AWS}'", "AWS access key id"),
        (f"TOKEN={GITHUB}", "GitHub token"),
        (f'{CS} = "s3cr3t-Wert-4711"', f"{CS} with a literal value"),
        (f'{CK} = "Zq9pLk2"', f"{CK} with a literal value"),
        (f'    "{PW}": "hunter22",', f"{PW} with a literal value"),
        (f"db_{PW}: 'Hunter2Hunter2'", f"db_{PW} with a literal value"),
        # placeholders, environment, code and marked lines are fine
        (f'{CS} = "<vom Identity Provider>"', None),
        (f'{CK} = "..."', None),
        (f'{CS} = "xxxxxxxx"', None),
        (f'{PW} = "changeme-please"', None),
        (f'{CS} = "${{OIDC_CLIENT_SECRET}}"', None),
        (f"{PW} = os.environ['LEITBILD_PW']", None),
        (f'st.text_input("Passwort", type="{PW}")', None),
        (f'{PW} = ""', None),
        (f'{PW} = "geheim-im-test"  # secret-check: ignore', None),
    ],
)
def test_scan_text(line: str, found: str | None) -> None:
    findings = check_secrets.scan_text("f.py", f"x = 1\n{line}\n")
    assert [f.what for f in findings] == ([found] if found else [])
    assert all(f.line == 2 for f in findings)


def _repo(tmp_path: Path, files: dict[str, str]) -> Path:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    for name, text in files.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return tmp_path


IGNORES = ".streamlit/secrets.toml\n*.duckdb\n*.duckdb.wal\n"


def test_repository_scan_exits_non_zero_on_a_finding(tmp_path: Path) -> None:
    root = _repo(tmp_path, {".gitignore": IGNORES, "app/conf.py": f'{CS} = "abc123def"\n'})
    assert check_secrets.main([str(root)]) == 1
    (root / "app/conf.py").write_text(f'{CS} = "<secret>"\n')
    assert check_secrets.main([str(root)]) == 0


def test_ignored_secrets_file_is_not_scanned_but_required_in_gitignore(tmp_path: Path) -> None:
    secrets = {".streamlit/secrets.toml": f'[auth]\n{CS} = "real-value-42"\n'}
    root = _repo(tmp_path, {".gitignore": IGNORES, **secrets})
    assert check_secrets.scan(root) == []
    (root / ".gitignore").write_text("*.duckdb\n")
    whats = {f.what for f in check_secrets.scan(root)}
    assert "must list .streamlit/secrets.toml" in whats
    assert "must list *.duckdb.wal" in whats


def test_this_repository_is_clean() -> None:
    assert [str(f) for f in check_secrets.scan(ROOT)] == []


def test_test_fixtures_may_hold_throwaway_passwords_but_no_keys() -> None:
    assert check_secrets.scan_text("tests/test_x.py", f'{PW.upper()} = "ein-testpasswort"') == []
    found = check_secrets.scan_text("tests/test_x.py", KEY_BLOCK)
    assert [f.what for f in found] == ["private key block"]
    assert check_secrets.scan_text("app.py", f'{CS} = "{{secrets.token_urlsafe(24)}}"') == []
