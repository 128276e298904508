"""The small exception family and the problem record every validation reports."""

from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class Problem:
    """One finding of a validation: where it is, what was expected, what was found."""

    file: str
    row: int | None
    column: str | None
    expected: str
    found: str
    severity: str = "error"  # "error" blocks the import, "warning" is reported only

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"Zeile {self.row}")
        if self.column is not None:
            where.append(f"Spalte „{self.column}“")
        kind = "Fehler" if self.severity == "error" else "Hinweis"
        return f"{kind}: {', '.join(where)}: erwartet {self.expected}, gefunden {self.found}"

    def as_dict(self) -> dict[str, object]:
        """Plain dict for JSON logs and tables."""
        return asdict(self)


class LeitbildError(Exception):
    """Base of all errors the user should see as a clear message, never as a traceback."""

    exit_code = 1

    def user_message(self) -> str:
        """The text shown in the UI or printed by the CLI."""
        return str(self)


class ValidationError(LeitbildError):
    """Input was rejected; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem], summary: str = "Die Eingabe ist ungültig.") -> None:
        self.problems = problems
        self.summary = summary
        super().__init__(summary)

    def user_message(self) -> str:
        """Summary followed by one line per problem."""
        lines = [f"{self.summary} ({len(self.errors)} Fehler, {len(self.warnings)} Hinweise)"]
        lines += [f"  - {p}" for p in self.problems]
        return "\n".join(lines)

    @property
    def errors(self) -> list[Problem]:
        """Only the blocking problems."""
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        """Only the non-blocking notes."""
        return [p for p in self.problems if p.severity != "error"]


class StoreLockedError(LeitbildError):
    """The DuckDB file is held by another process (usually the running app)."""

    def __init__(self, path: str) -> None:
        super().__init__(
            f"Die Datenbank {path} ist von einem anderen Prozess geöffnet "
            "(meist die laufende App). Nichts wurde geändert. Importieren Sie in der App auf "
            "der Seite „Daten“ (/daten): dort geht dasselbe, mit Vorschau und Rückgängig. "
            "Oder beenden Sie die App und rufen Sie den Befehl erneut auf; oder setzen Sie "
            "LEITBILD_DB auf eine andere Datei."
        )


class UsageError(LeitbildError):
    """The command was called wrongly (unknown indicator, missing option …)."""

    exit_code = 2


class ConflictError(LeitbildError):
    """A record was changed by someone else since it was read (optimistic locking)."""


class PermissionDenied(LeitbildError):
    """The logged-in user (or nobody) may not do this; checked on the server for every write."""

    exit_code = 3
