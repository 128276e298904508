"""Exports: formula injection neutralised, workbook sheets."""

from __future__ import annotations

import io

import openpyxl
import pandas as pd
import pytest

from dashboard.exports import (
    data_status,
    frame_files,
    neutralise,
    notes_frame,
    safe_columns,
    to_xlsx,
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [("=HYPERLINK(1)", "'=HYPERLINK(1)"), ("+1", "'+1"), ("-2", "'-2"), ("@SUM", "'@SUM"),
     ("Coerde", "Coerde"), ("", "")],
)  # fmt: skip
def test_neutralise_text_cells(value: str, expected: str) -> None:
    frame = pd.DataFrame({"text": [value], "number": [-5.0]})
    out = neutralise(frame)
    assert out.loc[0, "text"] == expected and out.loc[0, "number"] == -5.0


def test_xlsx_has_one_sheet_per_frame() -> None:
    data = to_xlsx({"A": pd.DataFrame({"x": [1]}), "B": pd.DataFrame({"y": ["'=1"]})})
    book = openpyxl.load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["A", "B"]
    assert book["B"]["A2"].value == "'=1" and book["B"]["A2"].data_type == "s"


# --- downloads of shown frames (issue 6) ---------------------------------------------------------
@pytest.mark.parametrize(
    ("value", "expected"),
    [("\t=1+1", "'\t=1+1"), ("\r=1", "'\r'=1"),
     ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"), ("@SUMME(A1)", "'@SUMME(A1)"),
     ("Berg Fidel", "Berg Fidel"), (" =1", "' =1"), ("47,8 %", "47,8 %")],
)  # fmt: skip
def test_neutralise_user_text_prefixes(value: str, expected: str) -> None:
    out = neutralise(pd.DataFrame({"text": [value]}))
    assert out.loc[0, "text"] == expected


@pytest.mark.parametrize(
    "column",
    [pd.Series([-5.0, 2.5]), pd.Series([-3, 4]), pd.Series([-1.5, None], dtype="Float64"),
     pd.Series([-7, 8], dtype="Int64"), pd.Series([-5.0, "=1"], dtype=object)],
)  # fmt: skip
def test_numbers_stay_numbers(column: pd.Series) -> None:
    out = neutralise(pd.DataFrame({"x": column}))
    assert out["x"].iloc[0] == column.iloc[0] and not isinstance(out["x"].iloc[0], str)


@pytest.mark.parametrize(
    ("summary", "expected"),
    [({}, "empty"), ({"observations": 5, "demo_observations": 5}, "demo"),
     ({"observations": 5, "demo_observations": 0, "measures": 2, "demo_measures": 2}, "mixed"),
     ({"observations": 5, "demo_observations": 0, "measures": 2, "demo_measures": 0}, "real")],
)  # fmt: skip
def test_data_status(summary: dict[str, int], expected: str) -> None:
    assert data_status(summary) == expected


def test_safe_columns_neutralises_headers() -> None:
    out = safe_columns(pd.DataFrame({"=Gebiet": ["x"], "Wert": [1.0]}))
    assert list(out.columns) == ["'=Gebiet", "Wert"]


def test_frame_files_csv_raw_and_xlsx_with_notes() -> None:
    frame = pd.DataFrame(
        {"Gebiet": ['=HYPERLINK("x")', "Coerde"], "Wert (%)": [47.8, None], "Abstand": [-2.5, 1.0]}
    )
    notes = notes_frame([("Quelle", "SMS"), ("Datenart", "DEMODATEN")])
    csv, xlsx = frame_files(frame, "Profil", notes)
    text = csv.decode("utf-8")
    assert text.splitlines()[0] == "Gebiet,Wert (%),Abstand"
    assert "'=HYPERLINK" in text and ",47.8,-2.5" in text  # raw numbers, dot decimal
    assert "Coerde,,1.0" in text  # a hidden value stays empty, never 0
    book = openpyxl.load_workbook(io.BytesIO(xlsx))
    assert book.sheetnames == ["Profil", "Hinweise"]
    sheet = book["Profil"]
    assert sheet["A2"].data_type == "s" and sheet["A2"].value.startswith("'=")
    assert sheet["C2"].value == -2.5 and sheet["C2"].data_type == "n"
    assert sheet["B3"].value is None
    assert [c.value for c in book["Hinweise"][1]] == ["Thema", "Hinweis"]
    assert book["Hinweise"]["B3"].value == "DEMODATEN"


def test_sheet_names_are_made_acceptable_to_excel() -> None:
    import io

    import openpyxl
    import pandas as pd

    from dashboard.exports import sheet_name, to_xlsx

    assert (
        sheet_name("Zeitreihe Ausländer*innen, alle Gebiete") == "Zeitreihe Ausländer_innen, alle"
    )
    assert sheet_name("[a]/b\\c:d?") == "_a__b_c_d_"
    book = openpyxl.load_workbook(
        io.BytesIO(to_xlsx({"Ausländer*innen": pd.DataFrame({"a": [1]})}))
    )
    assert book.sheetnames == ["Ausländer_innen"]
