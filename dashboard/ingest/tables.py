"""Read CSV and XLSX files into a raw grid of cells, robust to the formats people send."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from dashboard import config
from dashboard.errors import Problem, ValidationError
from dashboard.gc_pause import gc_paused

Cell = str | int | float | dt.date | None
ENCODINGS = ("utf-8-sig", "cp1252", "latin-1")
DELIMITERS = (";", ",", "\t", "|")
_BLANK = re.compile(r"[^\S\r\n]")  # whitespace that str.strip removes, except line ends
_ASCII_BLANKS = [chr(i) for i in range(128) if _BLANK.match(chr(i))]  # its ASCII characters


@dataclass
class RawTable:
    """Cells of one sheet: strings from CSV, typed values from XLSX; row numbers as in the file."""

    file: str
    rows: list[list[Cell]]
    line_numbers: list[int]
    sheet: str | None = None
    encoding: str | None = None
    delimiter: str | None = None
    other_sheets: list[str] = field(default_factory=list)  # visible sheets not read


def cell_text(cell: Cell) -> str:
    """A cell as stripped text ('' for empty)."""
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()


def _decode(data: bytes, name: str) -> tuple[str, str]:
    if b"\x00" in data[:4096]:
        raise ValidationError([Problem(name, None, None, "eine Textdatei (CSV)", "Binärdaten")])
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise AssertionError("latin-1 decodes every byte string")


def _first_lines(text: str, count: int, head_size: int = 65536) -> list[str]:
    """text.splitlines()[:count] without splitting a whole large file."""
    head = text[:head_size].splitlines()
    # with more lines than wanted in the head, the first ``count`` ended inside it (complete)
    return head[:count] if len(head) > count else text.splitlines()[:count]


def _has_blank(text: str) -> bool:
    """_BLANK.search(text), without a regex scan over all of an ASCII file (the usual case)."""
    if text.isascii():
        return any(c in text for c in _ASCII_BLANKS)
    return _BLANK.search(text) is not None


def _sniff_delimiter(text: str) -> str:
    """Delimiter that splits the first lines most consistently (quotes respected)."""
    lines = [ln for ln in _first_lines(text, 30) if ln.strip()]
    best, best_score = ",", -1.0
    for delim in DELIMITERS:
        try:
            counts = [len(r) for r in csv.reader(lines, delimiter=delim)]
        except csv.Error:
            continue
        if not counts or max(counts) < 2:
            continue
        # many columns, consistently: favour the delimiter most rows agree on; title and
        # footnote lines of one cell say nothing about the delimiter (a comma in a source
        # line must not outvote the semicolons of the table)
        split = [c for c in counts if c > 1] or counts
        modal = max(set(split), key=lambda c: (split.count(c), c))
        score = counts.count(modal) / len(counts) * modal
        if score > best_score:
            best, best_score = delim, score
    return best


def _only_last_line_may_be_empty(text: str, delimiter: str) -> bool:
    """True when no line of text (split at '\\n') but the last consists of delimiters only.

    Such a line (an empty one too) starts the text, or follows a line end with a delimiter or
    another line end; str searches rule all of them out in a few ms instead of a test per line.
    """
    return not (text.startswith((delimiter, "\n")) or "\n\n" in text or "\n" + delimiter in text)


def _read_plain_csv(text: str, delimiter: str) -> tuple[list[list[Cell]], list[int]] | None:
    """Fast path for the common file without quotes or padded cells; None when it does not apply.

    Without quotes every record is one line, so line numbers are positions; without whitespace
    next to a delimiter or line end no cell needs stripping. Same result as the general loop.
    """
    if '"' in text:
        return None
    if _has_blank(text):  # cheap scan first: most files have no blanks at all
        d = re.escape(delimiter)
        padded = re.compile(rf"(?:\A|[\r\n]|{d})[^\S\r\n]|[^\S\r\n](?:{d}|[\r\n]|\Z)")
        if padded.search(text):
            return None
    if "\x00" in text:
        return None  # the csv module refuses NUL and reports the line
    # without quotes a record is a line and a cell lies between delimiters: str.split does what
    # csv.reader does here, several times faster (tests compare the two)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    if lines and max(map(len, lines)) > csv.field_size_limit():
        return None  # a cell may be over the csv module's limit: its message is the one to give
    if _only_last_line_may_be_empty(text, delimiter):
        if lines[-1] == "":
            lines.pop()
        return [line.split(delimiter) for line in lines], list(range(1, len(lines) + 1))
    # a row is empty when every cell is '', i.e. its line holds delimiters only: strip finds
    # those without splitting every line twice (any() per row was a third of the read)
    line_numbers = [i for i, line in enumerate(lines, start=1) if line.strip(delimiter)]
    if len(line_numbers) == len(lines):
        rows: list[list[Cell]] = [line.split(delimiter) for line in lines]
    else:
        rows = [lines[i - 1].split(delimiter) for i in line_numbers]
    return rows, line_numbers


def _read_csv(data: bytes, name: str) -> RawTable:
    text, encoding = _decode(data, name)
    if not text.strip():
        raise ValidationError([Problem(name, None, None, "Daten", "eine leere Datei")])
    delimiter = _sniff_delimiter(text)
    fast = _read_plain_csv(text, delimiter)
    if fast is not None:
        rows, line_numbers = fast
        if not rows:
            raise ValidationError([Problem(name, None, None, "Daten", "nur leere Zellen")])
        return RawTable(name, rows, line_numbers, encoding=encoding, delimiter=delimiter)
    rows = []
    line_numbers = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        start = 1
        for row in reader:
            if any(c.strip() for c in row):
                rows.append([c.strip() for c in row])
                line_numbers.append(start)
            start = reader.line_num + 1
    except csv.Error as exc:
        line = reader.line_num
        # the csv module's limit for one cell (131,072 characters) is its only other error
        expected = (
            f"Zellen bis {csv.field_size_limit():,} Zeichen".replace(",", ".")
            if "field larger than field limit" in str(exc)
            else "gültiges CSV (Anführungszeichen geschlossen)"
        )
        raise ValidationError([Problem(name, line, None, expected, str(exc))]) from exc
    if not rows:
        raise ValidationError([Problem(name, None, None, "Daten", "nur leere Zellen")])
    return RawTable(name, rows, line_numbers, encoding=encoding, delimiter=delimiter)


def _read_xlsx(data: bytes, name: str, sheet: str | None) -> RawTable:
    import openpyxl  # imported lazily: CSV-only paths stay light
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        # data_only: formulas are never evaluated, only their cached values are read
        book = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except (InvalidFileException, KeyError, OSError, ValueError) as exc:
        raise ValidationError(
            [Problem(name, None, None, "eine XLSX-Arbeitsmappe", type(exc).__name__)]
        ) from exc
    except Exception as exc:  # zipfile/XML errors of damaged files come in many types
        raise ValidationError(
            [Problem(name, None, None, "eine lesbare XLSX-Arbeitsmappe", type(exc).__name__)]
        ) from exc
    visible = [ws.title for ws in book.worksheets if ws.sheet_state == "visible"]
    if sheet is None:
        if not visible:
            raise ValidationError([Problem(name, None, None, "ein sichtbares Blatt", "keines")])
        sheet = visible[0]
    elif sheet not in book.sheetnames:
        raise ValidationError(
            [Problem(name, None, None, "Blatt aus " + ", ".join(book.sheetnames), repr(sheet))]
        )
    ws = book[sheet]
    grid: list[list[Cell]] = [
        [c.value if not isinstance(c.value, str) else c.value.strip() for c in row]
        for row in ws.iter_rows()
    ]
    # merged header cells: every cell of a merged range carries the top-left value
    for merged in ws.merged_cells.ranges:
        value = grid[merged.min_row - 1][merged.min_col - 1]
        for r in range(merged.min_row - 1, merged.max_row):
            for c in range(merged.min_col - 1, merged.max_col):
                grid[r][c] = value
    rows, line_numbers = [], []
    for i, row in enumerate(grid, start=1):
        cells = [v.date() if isinstance(v, dt.datetime) else v for v in row]
        if any(cell_text(c) for c in cells):
            rows.append(cells)
            line_numbers.append(i)
    if not rows:
        raise ValidationError([Problem(name, None, None, "Daten", f"ein leeres Blatt {sheet!r}")])
    others = [title for title in visible if title != sheet]
    return RawTable(name, rows, line_numbers, sheet=sheet, other_sheets=others)


@gc_paused
def read_table(data: bytes, name: str, sheet: str | None = None) -> RawTable:
    """Parse CSV or XLSX content (chosen by content, not by the name) into a RawTable."""
    limit = int(config.get("max_upload_mb")) * 1024 * 1024
    if len(data) > limit:
        raise ValidationError(
            [Problem(name, None, None, f"höchstens {limit // 1024 // 1024} MB", f"{len(data)} B")]
        )
    if not data.strip():
        raise ValidationError([Problem(name, None, None, "Daten", "eine leere Datei")])
    if data[:4] == b"PK\x03\x04":
        return _read_xlsx(data, name, sheet)
    if sheet is not None:
        raise ValidationError([Problem(name, None, None, "eine XLSX-Datei für --sheet", "CSV")])
    return _read_csv(data, name)


def read_bytes(path: Path) -> bytes:
    """File content, or a ValidationError that names the file and the reason."""
    try:
        return path.read_bytes()
    except OSError as exc:
        raise ValidationError(
            [Problem(path.name, None, None, "eine lesbare Datei", exc.strerror or str(exc))]
        ) from exc


def read_path(path: Path, sheet: str | None = None) -> tuple[RawTable, bytes]:
    """Read a file from disk; returns the table and the raw bytes (for the sha256)."""
    data = read_bytes(path)
    return read_table(data, path.name, sheet), data
