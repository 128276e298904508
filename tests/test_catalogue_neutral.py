"""The Leitbild is data, not code: no module outside the catalogue names its ids.

Indicator ids, field numbers, goal ids and the declared focus districts live in data/*.yaml;
code asks the catalogue (``analyses:`` in indicators.yaml) for "the population indicator",
"the headline share", "the focus districts". Comments and docstrings may illustrate with an
example; code may not. Exempt: the demo generator (dashboard/demo) and the tile-map generator
(dashboard/tilemap.py) are the Münster catalogue's own data generators, their output is data
(data/demo, geo/); the translation modules hold UI texts, which move to locale files.
"""

from __future__ import annotations

import ast
import io
import re
import tokenize
from pathlib import Path

import pytest

from dashboard.catalogues import Catalogue
from tests.conftest import ROOT

EXEMPT = ("dashboard/demo/", "dashboard/tilemap.py", "dashboard/present/i18n")


def _code_files() -> list[Path]:
    files = sorted((ROOT / "dashboard").rglob("*.py")) + sorted((ROOT / "pages").rglob("*.py"))
    return [p for p in files if not str(p.relative_to(ROOT)).startswith(EXEMPT)]


def _docstring_lines(text: str) -> set[int]:
    """Line numbers of every docstring (module, class, function)."""
    lines: set[int] = set()
    for node in ast.walk(ast.parse(text)):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr):
            value = body[0].value
            if isinstance(value, ast.Constant) and isinstance(value.value, str):
                lines |= set(range(body[0].lineno, (body[0].end_lineno or body[0].lineno) + 1))
    return lines


def _code_only(text: str) -> str:
    """The source without comments and docstrings (they may illustrate with an example)."""
    docs = _docstring_lines(text)
    tokens = tokenize.generate_tokens(io.StringIO(text).readline)
    kept = [t.string for t in tokens if t.type != tokenize.COMMENT and t.start[0] not in docs]
    return " ".join(kept)


def _forbidden(catalogue: Catalogue) -> dict[str, re.Pattern[str]]:
    """What may only appear in the catalogue: ids as whole words, numbers as quoted literals."""
    ids = set(catalogue.indicators["id"])
    words = {i: re.compile(rf"(?<![\w.]){re.escape(i)}(?![\w])") for i in ids}
    quoted = set(catalogue.frames["field"]["id"]) | set(catalogue.frames["goal"]["id"])
    quoted |= set(catalogue.focus_districts()) | set(catalogue.focus_districts("deck_districts"))
    for value in quoted:
        words[value] = re.compile(rf"[\"'`]{re.escape(value)}[\"'`]")
    return words


@pytest.mark.parametrize("path", _code_files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_code_names_no_catalogue_id(path: Path, catalogue: Catalogue) -> None:
    source = _code_only(path.read_text(encoding="utf-8"))
    found = sorted(key for key, pattern in _forbidden(catalogue).items() if pattern.search(source))
    assert not found, f"{path.relative_to(ROOT)} names catalogue ids {found}: ask the catalogue"


def test_the_check_would_catch_an_id(catalogue: Catalogue) -> None:
    patterns = _forbidden(catalogue)
    assert patterns["anteil_mv"].search('default = "anteil_mv"')
    assert patterns["7.1"].search('FOCUS = ("7.1", "7.2")')
    assert not patterns["anteil_mv"].search("share = facts['share']")
