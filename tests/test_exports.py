"""Exports: formula injection neutralised, workbook sheets."""

from __future__ import annotations

import io

import openpyxl
import pandas as pd
import pytest

from dashboard.exports import neutralise, to_xlsx


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
