"""Tables: numbers in the page language's format while the columns stay numeric; no "None"."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pytest
from streamlit.testing.v1 import AppTest

from dashboard.present.format import styled
from tests.conftest import ROOT

FRAME = pd.DataFrame({"name": ["a", "b", "c"], "score": [2.45, -1.0, float("nan")],
                      "gap": [12.34, 1234.5, 0.0], "n": [1, 2, 3]})  # fmt: skip


@pytest.mark.parametrize(
    ("lang", "percent", "expected"),
    [
        ("de", [], ["a;2,5;12,3;1", "b;-1,0;1.234,5;2", "c;–;0,0;3"]),
        ("de", ["gap"], ["a;2,5;12,3 %;1", "b;-1,0;1.234,5 %;2", "c;–;0,0 %;3"]),
        ("en", [], ["a;2.5;12.3;1", "b;-1.0;1,234.5;2", "c;–;0.0;3"]),
    ],
)
def test_styled_shows_numbers_in_the_page_language(
    lang: str, percent: list[str], expected: list[str]
) -> None:
    shown = styled(FRAME, {"score": 1, "gap": 1}, lang, percent=percent)
    rows = shown.hide(axis="index").to_string(delimiter=";").splitlines()
    assert rows[1:] == expected
    assert shown.data is FRAME  # the values themselves stay numbers, so columns sort as numbers


def _display_values(element: object) -> pd.DataFrame | None:
    raw = element.proto.arrow_data.styler.display_values
    return pa.ipc.open_stream(raw).read_pandas() if raw else None


@pytest.mark.parametrize("page", sorted(p.stem for p in (ROOT / "pages").glob("*.py")))
def test_no_table_on_a_page_shows_a_decimal_point(demo_db: Path, page: str) -> None:
    # st.dataframe formats numbers in the browser with a decimal point; a German reader must
    # see a decimal comma, so a fractional column needs shown texts and no column format
    at = AppTest.from_file(str(ROOT / "pages" / f"{page}.py"), default_timeout=120).run()
    assert not at.exception
    for element in at.dataframe:
        frame = element.value
        config = json.loads(element.proto.columns or "{}")
        shown = _display_values(element)
        for col in frame.columns:
            values = frame[col]
            if not pd.api.types.is_float_dtype(values) or (values.dropna() % 1 == 0).all():
                continue
            type_config = config.get(str(col), {}).get("type_config", {})
            if type_config.get("type") == "progress":  # a bar with a whole-number label
                assert re.fullmatch(r"%(d|\.0f) %%", type_config.get("format", "")), col
                continue
            if re.fullmatch(r"%\.0f( %%)?", type_config.get("format", "")):
                continue  # shown rounded to whole numbers: no decimal sign to get wrong
            assert "format" not in type_config, f"{page}: {col} formatted in the browser"
            assert shown is not None, f"{page}: {col} has no shown texts"
            texts = shown.iloc[:, list(frame.columns).index(col)].astype(str)
            assert texts.str.contains(",").any(), f"{page}: {col} shows {texts.head(3).tolist()}"
            assert not texts.str.contains(r"\d\.\d{1,2}(?!\d)").any(), f"{page}: {col}"


@pytest.mark.parametrize("page", sorted(p.stem for p in (ROOT / "pages").glob("*.py")))
def test_empty_cells_show_a_dash_not_none(demo_db: Path, page: str) -> None:
    # without a placeholder st.dataframe writes the English word "None" into empty cells
    at = AppTest.from_file(str(ROOT / "pages" / f"{page}.py"), default_timeout=120).run()
    assert not at.exception
    for element in at.dataframe:
        if element.value.isna().to_numpy().any():
            assert element.proto.placeholder == "–", f"{page}: {list(element.value.columns)}"
