"""One palette (issue 14): colours are defined in present/theme.py and nowhere else."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from dashboard.present import progress_charts, theme
from dashboard.reports import profile_plans, slide_layout

ROOT = Path(__file__).resolve().parent.parent
HEX = re.compile(r"#(?:[0-9a-fA-F]{8}|[0-9a-fA-F]{6}|[0-9a-fA-F]{3})\b")
THEME = "dashboard/present/theme.py"
# modules that must keep colour literals, with the reason
ALLOWED = {
    "dashboard/analysis/classify.py": "the ColorBrewer class schemes are part of the "
    "classification rule (scheme by method and direction); analysis may not import present, "
    "so theme.py takes them from there",
}


def hex_literals(source: str) -> list[tuple[int, str]]:
    """(line, colour) of every hex colour in a string literal; docstrings and comments aside."""
    tree = ast.parse(source)
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    return [
        (node.lineno, colour)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in docstrings
        for colour in HEX.findall(node.value)
    ]


def _sources() -> list[Path]:
    files = sorted((ROOT / "dashboard").glob("**/*.py")) + sorted((ROOT / "pages").glob("*.py"))
    return [p for p in files if "_res" not in p.relative_to(ROOT).parts]


def test_the_rule_finds_a_colour_and_ignores_prose() -> None:
    source = '"""A docstring (#828180)."""\nX = "#d4a72c"  # see #b7791f\nY = f"c:#abc{1}"\n'
    assert hex_literals(source) == [(2, "#d4a72c"), (3, "#abc")]
    assert hex_literals('Z = "issue #1353"\n') == []


def test_no_colour_literal_outside_the_theme() -> None:
    hits = [
        f"{path.relative_to(ROOT).as_posix()}:{line} {colour}"
        for path in _sources()
        if path.relative_to(ROOT).as_posix() not in (THEME, *ALLOWED)
        for line, colour in hex_literals(path.read_text(encoding="utf-8"))
    ]
    assert not hits, "use dashboard.present.theme:\n" + "\n".join(hits)


@pytest.mark.parametrize("path", sorted(ALLOWED))
def test_the_allowlist_is_still_needed(path: str) -> None:
    assert hex_literals((ROOT / path).read_text(encoding="utf-8")), f"{path}: drop it from ALLOWED"


def test_slightly_off_is_one_colour_on_screen_and_one_text_colour_on_paper() -> None:
    assert progress_charts.STATUS_COLORS is theme.STATUS_COLOURS
    assert profile_plans.STATUS_COLOURS is theme.STATUS_TEXT
    assert theme.STATUS_COLOURS["slightly_off"] == "#d4a72c"
    assert theme.STATUS_TEXT.keys() == theme.STATUS_COLOURS.keys()


def test_slides_draw_with_theme_colours() -> None:
    assert slide_layout.INK == theme.rgb(theme.INK) == (0x11, 0x18, 0x27)
    assert theme.rgb(theme.DEMO_SLIDE) == slide_layout.DEMO
