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


GROUP_AT = 4  # this many problems with the same cause become one message


def _span(numbers: list[int]) -> str:
    low, high = min(numbers), max(numbers)
    return f"Zeile {low}" if low == high else f"Zeilen {low}–{high}"


def _grouped(same: list[Problem]) -> str:
    """One message for many problems with one cause: how many, where, a few examples."""
    first = same[0]
    kind = "Fehler" if first.severity == "error" else "Hinweis"
    rows = [p.row for p in same if p.row is not None]
    where = [first.file, f"{len(same)} Stellen"]
    if rows:
        where.append(_span(rows))
    columns = list(dict.fromkeys(p.column for p in same if p.column is not None))
    if columns:
        shown = ", ".join(f"„{c}“" for c in columns[:4]) + (" …" if len(columns) > 4 else "")
        where.append(f"Spalte{'n' if len(columns) > 1 else ''} {shown}")
    found = list(dict.fromkeys(p.found for p in same))
    examples = ", ".join(found[:3]) + (f" und {len(found) - 3} weitere" if len(found) > 3 else "")
    return f"{kind}: {', '.join(where)}: erwartet {first.expected}, gefunden {examples}"


def summarise(problems: list[Problem]) -> list[str]:
    """Problems as message lines; one line for every cause seen GROUP_AT times or more."""
    causes: dict[tuple[str, str, str], list[Problem]] = {}
    for p in problems:
        causes.setdefault((p.file, p.expected, p.severity), []).append(p)
    lines: list[str] = []
    for p in problems:
        same = causes[(p.file, p.expected, p.severity)]
        if len(same) < GROUP_AT:
            lines.append(str(p))
        elif same[0] is p:
            lines.append(_grouped(same))
    return lines


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
        """Summary followed by one line per problem (one per cause where many share it)."""
        lines = [f"{self.summary} ({len(self.errors)} Fehler, {len(self.warnings)} Hinweise)"]
        lines += [f"  - {line}" for line in summarise(self.problems)]
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
