"""Limits that keep one upload from taking the server: XLSX size, problem lists, one at a time.

An 8.6 MB XLSX with 3.8 million inline cells once took 146 s and 2.8 GB to parse and slowed
every other session (issue 20). Before a workbook is parsed in full, its worksheets are
decompressed as a stream and their rows and cells counted; the count stops at the limit.
Problem lists keep the first ``MAX_PROBLEMS`` and say how many more there were, and one
process checks one file at a time.
"""

from __future__ import annotations

import io
import re
import threading
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO

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


# a cell or row element, also with a namespace prefix (<x:c r="A1">); "<col" and "<cols" do not
_CELL = re.compile(rb"<(?:[A-Za-z_][\w.-]{0,30}:)?c[\s/>]")
_ROW = re.compile(rb"<(?:[A-Za-z_][\w.-]{0,30}:)?row[\s/>]")
_TAIL = 64  # longer than any match: a match cut by a chunk border is counted in the next one
_CHUNK = 1 << 20


def _count(stream: IO[bytes], pattern: re.Pattern[bytes], limit: int) -> int:
    """Matches in a stream, read in chunks; stops as soon as the count exceeds ``limit``."""
    count, buffer = 0, b""
    while True:
        chunk = stream.read(_CHUNK)
        buffer += chunk
        cut = len(buffer) if not chunk else max(len(buffer) - _TAIL, 0)
        count += sum(1 for m in pattern.finditer(buffer) if m.start() < cut)
        if count > limit or not chunk:
            return count
        buffer = buffer[cut:]


def check_xlsx_size(data: bytes, name: str, sheet: str | None = None) -> None:
    """Refuse a workbook with more rows or cells than allowed, before any XLSX parser runs.

    The full reader loads every sheet, so every worksheet counts. The XML is decompressed and
    scanned as a stream (bounded memory, about 1 s for 4 million cells); openpyxl's own
    read-only mode needed ~100 s for the first million cells here.
    """
    max_rows = int(config.get("import_max_rows"))
    max_cells = int(config.get("import_max_cells"))
    rows = cells = 0
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            parts = [n for n in archive.namelist() if _is_worksheet(n)]
            for part in parts:
                with archive.open(part) as stream:
                    cells += _count(stream, _CELL, max_cells - cells)
                if cells > max_cells:
                    raise _too_big(name, sheet, "Zellen", max_cells, f"mehr als {_fmt(max_cells)}")
                with archive.open(part) as stream:
                    rows += _count(stream, _ROW, max_rows - rows)
                if rows > max_rows:
                    raise _too_big(name, sheet, "Zeilen", max_rows, f"mehr als {_fmt(max_rows)}")
    except (zipfile.BadZipFile, OSError, ValueError, RuntimeError, EOFError):
        return  # damaged: the full reader refuses it with its reason


def _is_worksheet(part: str) -> bool:
    return part.startswith("xl/worksheets/") and part.endswith(".xml") and "/_rels/" not in part


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
            first,
            None,
            None,
            f"höchstens {_fmt(MAX_PROBLEMS)} einzeln aufgeführte Probleme",
            f"{_fmt(rest)} weitere nicht aufgeführt (davon {_fmt(more_errors)} Fehler)",
            "error" if more_errors else "warning",
        )
    )
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
