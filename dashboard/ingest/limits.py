"""Limits that keep one upload from taking the server: XLSX size, problem lists, one at a time.

An 8.6 MB XLSX with 3.8 million inline cells once took 146 s and 2.8 GB to parse and slowed
every other session (issue 20). Before a workbook is parsed in full, the chosen sheet is
streamed (openpyxl ``read_only``) and rows and cells are counted; the count stops at the
limit. Problem lists keep the first ``MAX_PROBLEMS`` and say how many more there were, and
one process checks one file at a time.
"""

from __future__ import annotations

import io
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from dashboard import config
from dashboard.errors import LeitbildError, Problem, ValidationError

MAX_PROBLEMS = 1000
IMPORT_WAIT_SECONDS = 10.0
_IMPORT_SLOT = threading.Lock()


def _fmt(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def _too_big(name: str, sheet: str | None, what: str, limit: int, found: str) -> ValidationError:
    where = f"Blatt „{sheet}“" if sheet else None
    return ValidationError(
        [Problem(name, None, where, f"höchstens {_fmt(limit)} {what}", found)],
        f"{name}: zu groß für einen Import (höchstens {_fmt(limit)} {what}); nichts geändert.",
    )


def check_xlsx_size(data: bytes, name: str, sheet: str | None = None) -> None:
    """Refuse a workbook whose sheet has more rows or cells than allowed, by streaming it."""
    import openpyxl  # lazily, like the XLSX reader

    max_rows = int(config.get("import_max_rows"))
    max_cells = int(config.get("import_max_cells"))
    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # the full reader reports a damaged file with its reason
        return
    try:
        visible = [ws.title for ws in book.worksheets if ws.sheet_state == "visible"]
        title = sheet if sheet is not None else (visible[0] if visible else None)
        if title is None or title not in book.sheetnames:
            return  # the full reader names the missing sheet
        ws = book[title]
        cells = 0
        for rows, row in enumerate(ws.iter_rows(), start=1):  # streamed: one row at a time
            cells += len(row)
            if rows > max_rows:
                raise _too_big(name, title, "Zeilen", max_rows, f"mehr als {_fmt(max_rows)}")
            if cells > max_cells:
                raise _too_big(name, title, "Zellen", max_cells, f"mehr als {_fmt(max_cells)}")
    finally:
        book.close()


def bounded(problems: list[Problem]) -> list[Problem]:
    """At most MAX_PROBLEMS problems (errors first kept), plus one line counting the rest."""
    if len(problems) <= MAX_PROBLEMS:
        return problems
    errors = [p for p in problems if p.severity == "error"]
    kept = (errors + [p for p in problems if p.severity != "error"])[:MAX_PROBLEMS]
    kept_ids = {id(p) for p in kept}
    shown = [p for p in problems if id(p) in kept_ids]  # in file order
    rest = len(problems) - len(shown)
    more_errors = len(errors) - sum(p.severity == "error" for p in shown)
    first = problems[0].file
    shown.append(
        Problem(
            first, None, None, f"höchstens {_fmt(MAX_PROBLEMS)} einzeln aufgeführte Probleme",
            f"{_fmt(rest)} weitere nicht aufgeführt (davon {_fmt(more_errors)} Fehler)",
            "error" if more_errors else "warning",
        )
    )  # fmt: skip
    return shown


@contextmanager
def import_slot() -> Iterator[None]:
    """One file check at a time in this process; a second waits briefly, then is refused."""
    if not _IMPORT_SLOT.acquire(timeout=IMPORT_WAIT_SECONDS):
        raise LeitbildError(
            "Gerade wird eine andere Datei geprüft. Bitte in einer Minute erneut versuchen."
        )
    try:
        yield
    finally:
        _IMPORT_SLOT.release()
