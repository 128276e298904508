"""Fail when a tracked file holds something that looks like a secret (run by `make lint`).

Usage: ``python tools/check_secrets.py [ROOT]`` scans ``git ls-files`` of ROOT (default: the
repository of this file) and exits 1 with one line per finding. A line that legitimately
contains such a string (a documented placeholder the rules do not recognise, a test fixture)
can carry the marker ``secret-check: ignore``. Values that are obviously placeholders
(``<…>``, ``...``, ``changeme``, ``example``, ``{template}`` …), values read from the
environment and literal test passwords under ``tests/`` are fine.
Stdlib only, so it runs before the virtual environment exists.
"""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

IGNORE_MARKER = "secret-check: ignore"
TEST_DIRS = ("tests/",)
MAX_BYTES = 2_000_000
SHAPES = {
    "private key block": re.compile(r"-----BEGIN (?:[A-Z]+ )*PRIVATE KEY(?: BLOCK)?-----"),
    "AWS access key id": re.compile(r"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b"),
    "GitHub token": re.compile(r"\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{40,})"),
    "Slack token": re.compile(r"\bxox[abprs]-[A-Za-z0-9-]{10,}"),
}
ASSIGNMENT = re.compile(
    r"""(?ix)
    ["']?(?P<key>[a-z_]*(?:client_secret|cookie_secret|secret_key|password|passwd|api_key
          |access_token|auth_token))["']?
    \s*(?::\s*[a-z_\[\]| ]+)?\s*(?:=|:)\s*
    (?P<quote>["'])(?P<value>[^"'\n]{4,})(?P=quote)
    """
)
PLACEHOLDER = re.compile(
    r"(?i)^(?:<.*>|\$\{?\w+\}?|x+|\*+|\.+|…)$|\{[^}]*\}"
    r"|\.\.\.|…|change|example|placeholder|your[-_ ]|dummy|ersetzen|hier[-_ ]|redacted"
)
# files that must never be committed, and the patterns .gitignore must hold for them
REQUIRED_IGNORES = (".streamlit/secrets.toml", "*.duckdb", "*.duckdb.wal")


@dataclass(frozen=True)
class Finding:
    """One suspicious line of a tracked file."""

    path: str
    line: int
    what: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.what}"


def scan_text(path: str, text: str) -> list[Finding]:
    """Secret-looking strings in one file's text (placeholders and marked lines excepted).

    Key and token shapes count everywhere; literal password/secret assignments not in tests/,
    whose fixtures use throwaway values on purpose.
    """
    findings: list[Finding] = []
    check_assignments = not path.startswith(TEST_DIRS)
    for number, line in enumerate(text.splitlines(), start=1):
        if IGNORE_MARKER in line:
            continue
        for what, pattern in SHAPES.items():
            if pattern.search(line):
                findings.append(Finding(path, number, what))
        for match in ASSIGNMENT.finditer(line) if check_assignments else ():
            if not PLACEHOLDER.search(match["value"].strip()):
                findings.append(Finding(path, number, f"{match['key']} with a literal value"))
    return findings


def tracked_files(root: Path) -> list[str]:
    """Paths git tracks or would track (not ignored) under root, relative."""
    out = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=root,
        capture_output=True,
        check=True,
    ).stdout
    return [p for p in out.decode("utf-8", "replace").split("\0") if p]


def check_gitignore(root: Path) -> list[Finding]:
    """Findings for secret and database files that .gitignore does not exclude."""
    path = root / ".gitignore"
    lines = set(path.read_text().splitlines()) if path.exists() else set()
    return [
        Finding(".gitignore", 0, f"must list {pattern}")
        for pattern in REQUIRED_IGNORES
        if pattern not in lines
    ]


def scan(root: Path) -> list[Finding]:
    """All findings in the tracked files of root, plus missing .gitignore entries."""
    findings = check_gitignore(root)
    for rel in tracked_files(root):
        if rel.endswith("secrets.toml"):
            findings.append(Finding(rel, 0, "secrets file is tracked"))
        file = root / rel
        if not file.is_file() or file.stat().st_size > MAX_BYTES:
            continue
        data = file.read_bytes()
        if b"\0" in data[:8192]:
            continue  # binary
        findings.extend(scan_text(rel, data.decode("utf-8", "replace")))
    return findings


def main(argv: list[str] | None = None) -> int:
    """Print findings; exit 1 if there are any."""
    args = sys.argv[1:] if argv is None else argv
    root = Path(args[0]) if args else Path(__file__).resolve().parents[1]
    findings = scan(root)
    for finding in findings:
        print(finding, file=sys.stderr)
    if findings:
        print(
            f"{len(findings)} secret-looking string(s): move secrets to .streamlit/secrets.toml "
            f"or the environment (or mark a harmless line with '{IGNORE_MARKER}').",
            file=sys.stderr,
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
