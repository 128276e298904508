"""Reading CSV and XLSX into a raw grid: encodings, delimiters, damaged files, workbooks."""

from __future__ import annotations

import datetime as dt
import importlib.util
import io
import re
import zipfile
from pathlib import Path
from types import ModuleType

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dashboard.errors import ValidationError
from dashboard.ingest.tables import ENCODINGS, Cell, RawTable, read_path, read_table
from tests.conftest import ASSETS

Sheet = list[list[Cell]]


def xlsx(
    sheets: dict[str, Sheet],
    merges: dict[str, list[str]] | None = None,
    states: dict[str, str] | None = None,
) -> bytes:
    """An XLSX workbook with the given sheets (in order), merged ranges and sheet states."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        ws = book.create_sheet(title)
        for row in rows:
            ws.append(row)
        for cell_range in (merges or {}).get(title, []):
            ws.merge_cells(cell_range)
        ws.sheet_state = (states or {}).get(title, "visible")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def patch_zip(data: bytes, member: str, old: str, new: str) -> bytes:
    """Replace text in one member of a zip archive (to write what openpyxl cannot).

    ``old`` is a regular expression: openpyxl writes an empty element as ``<v />`` or
    ``<v></v>`` depending on whether lxml is installed.
    """
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            content = src.read(info.filename)
            if info.filename == member:
                content, count = re.subn(old.encode(), new.encode(), content)
                assert count, f"{old!r} not in {member}"
            dst.writestr(info, content)
    return out.getvalue()


def rejected(data: bytes, name: str = "upload.csv", sheet: str | None = None) -> ValidationError:
    """The ValidationError read_table raises for the data (fails the test if none)."""
    with pytest.raises(ValidationError) as info:
        read_table(data, name, sheet)
    assert info.value.problems, "a ValidationError must carry at least one Problem"
    for problem in info.value.problems:
        assert problem.file == name
        assert problem.expected and problem.found
        assert problem.severity == "error"
    return info.value


# --- CSV: encodings ----------------------------------------------------------------------------

UEBERWASSER = "Gebiet;Wert\r\nÜberwasser;1.354\r\nDüesberg;16,1\r\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (UEBERWASSER.encode("utf-8-sig"), "utf-8-sig"),
        (UEBERWASSER.encode("utf-8"), "utf-8-sig"),  # utf-8-sig also reads plain UTF-8
        (UEBERWASSER.encode("cp1252"), "cp1252"),
        # Latin-1 and cp1252 share every letter of German text; cp1252 is tried first
        (UEBERWASSER.encode("latin-1"), "cp1252"),
    ],
    ids=["utf-8-bom", "utf-8", "cp1252", "latin-1"],
)
def test_umlauts_decode_in_every_encoding(data: bytes, encoding: str) -> None:
    table = read_table(data, "t.csv")
    assert table.encoding == encoding
    assert table.rows == [["Gebiet", "Wert"], ["Überwasser", "1.354"], ["Düesberg", "16,1"]]


def test_cp1252_only_characters() -> None:
    data = "Gebiet;Notiz\n„Überwasser“;Kosten 5 € … geschätzt\n".encode("cp1252")
    table = read_table(data, "t.csv")
    assert table.encoding == "cp1252"
    assert table.rows[1] == ["„Überwasser“", "Kosten 5 € … geschätzt"]


def test_bytes_undefined_in_cp1252_fall_back_to_latin1() -> None:
    # 0x81 has no cp1252 character; Latin-1 maps it to U+0081
    data = "Gebiet;Wert\nÜberwasser;1\n".encode("latin-1") + b"Dom\x81;2\n"
    table = read_table(data, "t.csv")
    assert table.encoding == "latin-1"
    assert table.rows == [["Gebiet", "Wert"], ["Überwasser", "1"], ["Dom\x81", "2"]]


def test_stats_asset_is_windows_encoded_and_reads_correctly() -> None:
    data = (ASSETS / "stats_good.csv").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    table = read_table(data, "stats_good.csv")
    assert table.encoding == "cp1252"
    assert table.rows[0][0] == "Wohnberechtigte Bevölkerung mit Migrationsvorgeschichte in Münster"
    assert ["12 Überwasser", "221", "236", "247,0"] in table.rows
    assert table.rows[-3] == ["Stadt Münster", "13.508", "13.914", "…"]


# --- CSV: delimiters, quoting, line numbers -----------------------------------------------------


@pytest.mark.parametrize(
    ("text", "delimiter", "rows"),
    [
        (
            "Gebiet;2013;2014\nCoerde;16,1;2,5\nSprakel;1,5;3,5\n",
            ";",
            [["Gebiet", "2013", "2014"], ["Coerde", "16,1", "2,5"], ["Sprakel", "1,5", "3,5"]],
        ),
        (
            'Gebiet,2013,2014\nCoerde,"16,1","2,5"\nSprakel,1450,3\n',
            ",",
            [["Gebiet", "2013", "2014"], ["Coerde", "16,1", "2,5"], ["Sprakel", "1450", "3"]],
        ),
        (
            "Gebiet\t2013\t2014\nCoerde\t16,1\t2,5\n",
            "\t",
            [["Gebiet", "2013", "2014"], ["Coerde", "16,1", "2,5"]],
        ),
        ("Gebiet|Wert\nCoerde|1 450\n", "|", [["Gebiet", "Wert"], ["Coerde", "1 450"]]),
        # a title row without delimiters must not confuse the sniffer
        (
            "Bevölkerung, Stand 2014\nGebiet;Wert;Anteil\nCoerde;1.450;16,1\nDom;2;3,5\n",
            ";",
            [
                ["Bevölkerung, Stand 2014"],
                ["Gebiet", "Wert", "Anteil"],
                ["Coerde", "1.450", "16,1"],
                ["Dom", "2", "3,5"],
            ],
        ),
    ],
    ids=["semicolon", "comma", "tab", "pipe", "title-row"],
)
def test_delimiter_is_sniffed(text: str, delimiter: str, rows: list[list[str]]) -> None:
    table = read_table(text.encode("utf-8"), "t.csv")
    assert table.delimiter == delimiter
    assert table.rows == rows


def test_quoted_multiline_cells_and_line_numbers() -> None:
    text = (
        "Titel;;\r\n"
        "\r\n"
        '"Stadtteil /\nTeilbereich /\nStadtbezirk";"Wert; mit Semikolon";"Zitat ""so"""\r\n'
        ";;\r\n"
        "61 Coerde;1.450;x\r\n"
    )
    table = read_table(text.encode("utf-8"), "t.csv")
    assert table.rows == [
        ["Titel", "", ""],
        ["Stadtteil /\nTeilbereich /\nStadtbezirk", "Wert; mit Semikolon", 'Zitat "so"'],
        ["61 Coerde", "1.450", "x"],
    ]
    # blank lines are dropped, but every row keeps the line where it starts in the file
    assert table.line_numbers == [1, 3, 7]


def test_cells_are_stripped_and_ragged_rows_kept() -> None:
    table = read_table(b"  a ; b \n 1 \n1;2;3\n", "t.csv")
    assert table.rows == [["a", "b"], ["1"], ["1", "2", "3"]]


# --- rejected input -----------------------------------------------------------------------------


def _zip_with(member: str, content: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr(member, content)
    return out.getvalue()


_WORKBOOK = xlsx({"Tabelle 1": [["Gebiet", "Wert"], ["Coerde", 1]]})


@pytest.mark.parametrize(
    ("data", "row", "found"),
    [
        (b"", None, "eine leere Datei"),
        (b"   \r\n\t\n  ", None, "eine leere Datei"),
        ("\ufeff".encode("utf-8"), None, "eine leere Datei"),
        ("\u00a0\u2003\n".encode("utf-8"), None, "eine leere Datei"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", None, "Binärdaten"),
        ("Gebiet;Wert".encode("utf-16"), None, "Binärdaten"),
        (b'Gebiet;Wert\nCoerde;"1.450\n', 2, "unexpected end of data"),
        (b'Gebiet;Wert\n"Coerde"x;1\n', 2, "';' expected after '\"'"),
        (b"PK\x03\x04" + b"\x00garbage" * 20, None, "BadZipFile"),
        (_WORKBOOK[: len(_WORKBOOK) // 2], None, "BadZipFile"),
        (_zip_with("hello.txt", b"kein Excel"), None, "KeyError"),
    ],
    ids=[
        "empty",
        "whitespace",
        "bom-only",
        "unicode-whitespace",
        "png",
        "utf-16",
        "truncated-quote",
        "text-after-quote",
        "pk-header-junk",
        "truncated-xlsx",
        "zip-not-xlsx",
    ],
)
def test_unreadable_input_is_one_clear_problem(data: bytes, row: int | None, found: str) -> None:
    error = rejected(data)
    assert [(p.row, p.column, p.found) for p in error.problems] == [(row, None, found)]


def test_sheet_option_on_csv_is_rejected() -> None:
    error = rejected(b"a;b\n1;2\n", sheet="Tabelle 1")
    assert error.problems[0].found == "CSV"


@pytest.mark.parametrize(
    ("size", "accepted"),
    [(1024 * 1024 - 4, True), (1024 * 1024, True), (1024 * 1024 + 4, False)],
)
def test_size_limit_from_environment(
    monkeypatch: pytest.MonkeyPatch, size: int, accepted: bool
) -> None:
    monkeypatch.setenv("LEITBILD_MAX_UPLOAD_MB", "1")
    data = b"a;b\n" * (size // 4)
    assert len(data) == size
    if accepted:
        assert len(read_table(data, "big.csv").rows) == size // 4
    else:
        error = rejected(data, "big.csv")
        assert [(p.expected, p.found) for p in error.problems] == [("höchstens 1 MB", f"{size} B")]


def test_read_path_reports_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ValidationError) as info:
        read_path(tmp_path / "fehlt.csv")
    assert [(p.file, p.expected) for p in info.value.problems] == [
        ("fehlt.csv", "eine lesbare Datei")
    ]


def test_read_path_returns_table_and_bytes(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_bytes(b"a;b\n1;2\n")
    table, data = read_path(path)
    assert (table.file, table.rows, data) == ("t.csv", [["a", "b"], ["1", "2"]], b"a;b\n1;2\n")


@pytest.mark.parametrize("data", [b";", b";;;\n;;;\n", b',,\n"",""\n', b" ; ;\r\n"])
def test_csv_with_only_empty_cells_is_rejected(data: bytes) -> None:
    # like an XLSX sheet without values: no RawTable without rows reaches the parsers
    error = rejected(data)
    assert [(p.row, p.expected, p.found) for p in error.problems] == [
        (None, "Daten", "nur leere Zellen")
    ]


# --- XLSX ---------------------------------------------------------------------------------------


def test_xlsx_is_detected_by_content_not_name() -> None:
    table = read_table(_WORKBOOK, "heisst_aber_csv.csv")
    assert (table.sheet, table.encoding, table.delimiter) == ("Tabelle 1", None, None)
    assert table.rows == [["Gebiet", "Wert"], ["Coerde", 1]]


def test_xlsx_merged_cells_carry_the_top_left_value() -> None:
    rows: Sheet = [
        ["Titel"],
        ["Stadtteil", "Anzahl", None, None],
        [None, 2012, 2013, 2014],
        ["61 Coerde", 1, 2, 3],
        ["Block", None, None, None],
        [None, None, None, None],
    ]
    data = xlsx({"T": rows}, merges={"T": ["B2:D2", "A2:A3", "A5:B6"]})
    table = read_table(data, "m.xlsx")
    assert table.rows == [
        ["Titel", None, None, None],
        ["Stadtteil", "Anzahl", "Anzahl", "Anzahl"],
        ["Stadtteil", 2012, 2013, 2014],
        ["61 Coerde", 1, 2, 3],
        ["Block", "Block", None, None],
        ["Block", "Block", None, None],
    ]
    assert table.line_numbers == [1, 2, 3, 4, 5, 6]


def test_xlsx_types_dates_and_empty_rows() -> None:
    rows: Sheet = [
        ["  Gebiet  ", "Stichtag", "Wert"],
        [],
        ["Coerde", dt.datetime(2014, 12, 31, 0, 0), 16.1],
        ["Dom", dt.date(2013, 12, 31), "1.450"],
    ]
    table = read_table(xlsx({"T": rows}), "t.xlsx")
    assert table.rows == [
        ["Gebiet", "Stichtag", "Wert"],
        ["Coerde", dt.date(2014, 12, 31), 16.1],
        ["Dom", dt.date(2013, 12, 31), "1.450"],
    ]
    assert type(table.rows[1][1]) is dt.date
    assert table.line_numbers == [1, 3, 4]


_HIDDEN_FIRST = xlsx(
    {
        "Alt": [["veraltet", 1]],
        "Geheim": [["sehr versteckt", 2]],
        "Tabelle 2": [["aktuell", 3]],
        "Tabelle 3": [["später", 4]],
    },
    states={"Alt": "hidden", "Geheim": "veryHidden"},
)


@pytest.mark.parametrize(
    ("sheet", "first_row"),
    [
        (None, ["aktuell", 3]),  # the first *visible* sheet
        ("Tabelle 3", ["später", 4]),
        ("Alt", ["veraltet", 1]),  # hidden sheets can still be chosen by name
        ("Geheim", ["sehr versteckt", 2]),
    ],
)
def test_xlsx_sheet_choice(sheet: str | None, first_row: list[Cell]) -> None:
    table = read_table(_HIDDEN_FIRST, "h.xlsx", sheet)
    assert table.rows == [first_row]
    assert table.sheet == (sheet or "Tabelle 2")


def test_xlsx_unknown_sheet_lists_the_available_ones() -> None:
    error = rejected(_HIDDEN_FIRST, "h.xlsx", sheet="Tabelle 9")
    assert [(p.expected, p.found) for p in error.problems] == [
        ("Blatt aus Alt, Geheim, Tabelle 2, Tabelle 3", "'Tabelle 9'")
    ]


def test_xlsx_with_only_hidden_sheets_is_rejected() -> None:
    data = xlsx({"A": [["a", 1]], "B": [["b", 2]]}, states={"A": "hidden"})
    # openpyxl refuses to save a workbook without a visible sheet; Excel files can have one
    visible, hidden = 'sheetId="2" state="visible"', 'sheetId="2" state="hidden"'
    data = patch_zip(data, "xl/workbook.xml", visible, hidden)
    error = rejected(data, "h.xlsx")
    assert [(p.expected, p.found) for p in error.problems] == [("ein sichtbares Blatt", "keines")]


def test_xlsx_empty_sheet_is_rejected() -> None:
    error = rejected(xlsx({"Leer": [], "Voll": [["x"]]}), "e.xlsx")
    assert [p.found for p in error.problems] == ["ein leeres Blatt 'Leer'"]


def test_xlsx_formula_without_cached_value_is_none_never_evaluated() -> None:
    data = xlsx({"T": [["Summe", "=1+1"], ["Text", "'=1+1"]]})
    table = read_table(data, "f.xlsx")
    # openpyxl stores no cached value; the formula text is not returned either
    assert table.rows[0] == ["Summe", None]
    assert table.rows[1] == ["Text", "'=1+1"]  # quoted text stays text


def test_xlsx_formula_reads_the_cached_value_not_a_recomputation() -> None:
    # A cached value that disagrees with the formula proves nothing is evaluated.
    data = xlsx({"T": [["Summe", "=1+1"]]})
    data = patch_zip(
        data, "xl/worksheets/sheet1.xml", r"<f>1\+1</f>(?:<v\s*/>|<v></v>)", "<f>1+1</f><v>7</v>"
    )
    assert read_table(data, "f.xlsx").rows == [["Summe", 7]]


# --- the XLSX assets and their generator --------------------------------------------------------


def _make_xlsx_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_xlsx", ASSETS / "make_xlsx.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(
    ("asset", "builder"),
    [("stats_good.xlsx", "build_stats"), ("observations_good.xlsx", "build_observations")],
)
def test_xlsx_assets_match_their_generator(asset: str, builder: str) -> None:
    make = _make_xlsx_module()
    first = make.deterministic_bytes(getattr(make, builder)())
    second = make.deterministic_bytes(getattr(make, builder)())
    assert first == second, "the generator must be deterministic"
    committed = (ASSETS / asset).read_bytes()
    with zipfile.ZipFile(io.BytesIO(committed)) as archive:
        core = archive.read("docProps/core.xml").decode()
    assert "2025-02-13T12:00:00Z" in core
    for sheet in openpyxl.load_workbook(io.BytesIO(committed)).sheetnames:
        assert read_table(committed, asset, sheet).rows == read_table(first, asset, sheet).rows


# --- robustness ---------------------------------------------------------------------------------

_TEXT_ENCODINGS = ["utf-8", "utf-8-sig", "cp1252", "latin-1", "utf-16", "cp437", "mac-roman"]
_CSV_PIECES = ["", "a", "1.450", "16,1", ".", "…", '"', '""', "\n", "\r\n", ";", ",", "\t", "Ü"]


def _check_table(table: RawTable) -> None:
    assert table.rows, "a table without rows must be a ValidationError"
    assert all(any(str(c).strip() for c in row if c is not None) for row in table.rows)
    assert len(table.rows) == len(table.line_numbers)
    assert all(a < b for a, b in zip(table.line_numbers, table.line_numbers[1:], strict=False))
    assert all(n >= 1 for n in table.line_numbers)
    assert table.encoding is None or table.encoding in ENCODINGS


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=st.one_of(
        st.binary(max_size=400),
        st.binary(max_size=400).map(lambda b: b"PK\x03\x04" + b),
        st.tuples(st.text(max_size=300), st.sampled_from(_TEXT_ENCODINGS)).map(
            lambda t: t[0].encode(t[1], errors="replace")
        ),
        st.lists(st.sampled_from(_CSV_PIECES), max_size=60).map(lambda p: "".join(p).encode()),
        st.integers(min_value=0, max_value=len(_WORKBOOK)).map(lambda n: _WORKBOOK[:n]),
    )
)
def test_read_table_raises_only_validation_errors(data: bytes) -> None:
    try:
        table = read_table(data, "random.bin")
    except ValidationError as error:
        assert error.problems
        return
    _check_table(table)


def test_a_cell_beyond_the_csv_limit_is_named_as_too_long() -> None:
    data = ('a;b\n"' + "x" * 200_000 + '";1\n').encode()
    with pytest.raises(ValidationError) as info:
        read_table(data, "riesig.csv")
    problem = info.value.problems[0]
    assert problem.expected == "Zellen bis 131.072 Zeichen" and problem.row == 2


def _plain_by_csv_module(text: str, delimiter: str) -> tuple[list[list[str]], list[int]] | None:
    """The fast path as it was, on the csv module: the reference for the str.split version."""
    import csv

    if '"' in text:
        return None
    try:
        raw = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True))
    except csv.Error:
        return None
    return [r for r in raw if any(r)], [i for i, r in enumerate(raw, start=1) if any(r)]


_PLAIN_PIECES = ["a", "1.450", "16,1", "", ";", ",", "\t", "\n", "\r", "\r\n", "\x0c", "\x1c",
                 "\x85", "\u2028", "Ü", "\x00", " "]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(
    pieces=st.lists(st.sampled_from(_PLAIN_PIECES), max_size=40),
    delimiter=st.sampled_from([";", ",", "\t", "|"]),
)
def test_plain_fast_path_splits_exactly_like_the_csv_module(
    pieces: list[str], delimiter: str
) -> None:
    from dashboard.ingest.tables import _read_plain_csv

    text = "".join(pieces)
    fast = _read_plain_csv(text, delimiter)
    if fast is not None:  # where the fast path applies it must agree with the csv module
        assert fast == _plain_by_csv_module(text, delimiter)


def test_plain_fast_path_leaves_over_long_lines_to_the_csv_module() -> None:
    from dashboard.ingest.tables import _read_plain_csv

    assert _read_plain_csv("a;b\n" + "x" * 200_000 + ";1\n", ";") is None
    assert _read_plain_csv("a;b\n1;2\r\n\r\n3;4\r", ";") == ([["a", "b"], ["1", "2"], ["3", "4"]],
                                                          [1, 2, 4])  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab;\r\n\x0b\x1c\x85\u2028 ", max_size=60), st.integers(0, 12))
def test_first_lines_are_those_of_splitlines(text: str, head: int) -> None:
    """The delimiter sniffer's first lines: read from a head of the text, as if from all of it."""
    from dashboard.ingest.tables import _first_lines

    assert _first_lines(text, 3, head) == text.splitlines()[:3]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=30))
def test_blank_check_equals_the_regex(text: str) -> None:
    """The ASCII shortcut finds whitespace (not line ends) exactly where the regex does."""
    from dashboard.ingest.tables import _BLANK, _has_blank

    assert _has_blank(text) == (_BLANK.search(text) is not None)
    ascii_text = text.encode("ascii", errors="ignore").decode()
    assert _has_blank(ascii_text) == (_BLANK.search(ascii_text) is not None)
