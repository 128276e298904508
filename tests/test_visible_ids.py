"""Issue 15: no raw ids where a person reads. Every page is run (AppTest) and every visible text
(headings, text, captions, labels, options, table headers and cells, chart labels and hovers)
is checked against the id patterns of the catalogue: goal ids ('8.2-U1', '7.1-Jugendliche-T1',
'6.3-S61-1'), indicator and group ids ('bevoelkerung_mv'), target keys ('t25@61')."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT

APP = str(ROOT / "dashboard" / "app.py")
GOAL_ID = re.compile(r"\b\d\.\d-(?:[A-ZÄÖÜ][a-zäöüß]+-)?[A-Z]\d+(?:[.-]\d+)*\b")
SNAKE_ID = re.compile(r"\b[a-z]+(?:_[a-z0-9]+)+\b")
TARGET_KEY = re.compile(r"\b(?:t\d+|[a-z_]+/[a-z_]+)@\d+\b")
PATTERNS = (GOAL_ID, SNAKE_ID, TARGET_KEY)
# (page, URL parameters): each page with the state a person reaches first, plus Coerde
PAGES = [
    ("start.py", {}), ("start.py", {"stadtteil": "61"}), ("stadtteil.py", {"stadtteil": "61"}),
    ("stadtteil.py", {"stadtteil": "91", "frage": "Sprachförderung in der Kita"}),
    ("ziele.py", {}), ("ziele.py", {"gebiet": "61"}), ("handlungsfelder.py", {}),
    ("massnahmen.py", {}), ("review.py", {}), ("karte.py", {}),
]  # fmt: skip
TEXT_KINDS = ("title", "header", "subheader", "markdown", "caption", "info", "warning",
              "success", "error", "text")  # fmt: skip


def ids_in(text: str) -> list[str]:
    """Every id-looking part of a text (URLs and Markdown link targets are not read)."""
    text = re.sub(r"\]\([^)]*\)", "]", text)  # link targets
    text = re.sub(r"https?://\S+|/\w+\?\S+", "", text)
    text = re.sub(r":material/[a-z_]+:", "", text)  # Streamlit icon names
    text = re.sub(r":[a-z]+(-badge)?\[", "[", text)  # Streamlit colour directives
    return [m.group(0) for p in PATTERNS for m in p.finditer(text)]


def _chart_texts(spec: dict) -> Iterator[str]:
    for trace in spec.get("data", []):
        for key in ("x", "y", "text", "hovertext", "name", "customdata_label"):
            value = trace.get(key)
            if isinstance(value, list):
                for v in value:
                    if isinstance(v, str):
                        yield v
                    elif isinstance(v, list):
                        yield from (x for x in v if isinstance(x, str))
            elif isinstance(value, str):
                yield value
    layout = spec.get("layout", {})
    yield json.dumps(layout.get("title", ""), ensure_ascii=False)
    for ann in layout.get("annotations", []):
        yield str(ann.get("text", ""))


def visible_texts(at: AppTest) -> Iterator[tuple[str, str]]:
    """(where, text) of everything a person reads on the page."""
    for kind in TEXT_KINDS:
        for element in at.get(kind):
            yield kind, str(element.value)
    for element in at.get("expander"):
        yield "expander", str(element.label)
    for metric in at.metric:
        yield "metric", f"{metric.label} {metric.value}"
    for kind in ("selectbox", "multiselect", "radio", "segmented_control", "pills"):
        for widget in at.get(kind):
            yield kind, str(getattr(widget, "label", ""))
            for option in getattr(widget, "options", []) or []:
                yield kind, str(option)
    for frame in at.dataframe:
        value = frame.value
        if isinstance(value, pd.DataFrame):
            # a column's header is its configured label where the page sets one
            config = json.loads(frame.proto.columns or "{}")
            headers = [config.get(str(c), {}).get("label", c) for c in value.columns]
            yield "table header", " ".join(str(h) for h in headers)
            for column in value.columns:
                if value[column].dtype == object:
                    yield from (("table", str(v)) for v in value[column].dropna().head(400))
    for chart in at.get("plotly_chart"):
        yield from (("chart", text) for text in _chart_texts(json.loads(chart.proto.spec)))


@pytest.mark.parametrize(("page", "query"), PAGES, ids=[f"{p}{q}" for p, q in PAGES])
def test_no_raw_ids_on_the_page(demo_db: Path, fresh_caches: None, page: str, query: dict) -> None:
    at = AppTest.from_file(APP, default_timeout=120)
    for key, value in query.items():
        at.query_params[key] = value
    at.switch_page(str(ROOT / "pages" / page))
    at.run()
    assert not at.exception
    found = {(where, hit) for where, text in visible_texts(at) for hit in ids_in(text)}
    assert not found, sorted(found)[:30]


@pytest.mark.parametrize(
    "text", ["Ziel 8.2-U1", "7.1-Jugendliche-T1", "6.3-S61-1", "bevoelkerung_mv", "t25@61"]
)
def test_the_patterns_catch_ids(text: str) -> None:
    assert ids_in(text)


@pytest.mark.parametrize(
    "text", ["7.1 Teilziel 2.1: Hürden abbauen", "47,8 %", "[Coerde](/stadtteil?stadtteil=61)",
             ":material/check_circle: Ziel erreicht", "SGB-II-Quote unter 15", "U8/U9"],
)  # fmt: skip
def test_the_patterns_leave_plain_text_alone(text: str) -> None:
    assert not ids_in(text)
