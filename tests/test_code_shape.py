"""Modules a newcomer can read: short files, short functions, the formatter trusted (issue 14).

Read from the source. A module holds one topic (≤ 400 lines), a function fits on a screen
(≤ 60 lines), and `# fmt: skip` is kept only where a hand-aligned table reads better than the
formatter's layout (a literal list, tuple, dict or set, or a call building a frame from one).
"""

from __future__ import annotations

import ast
import io
import tokenize
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60
TABLES = (ast.List, ast.Tuple, ast.Dict, ast.Set)


def _sources() -> list[Path]:
    """The package and the pages, without the packaged copies."""
    files = sorted((ROOT / "dashboard").glob("**/*.py")) + sorted((ROOT / "pages").glob("*.py"))
    return [p for p in files if "_res" not in p.relative_to(ROOT).parts]


SOURCES = _sources()


def _rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def _is_table(node: ast.AST) -> bool:
    """A literal table, or a call whose every argument is one (pd.DataFrame([...]))."""
    if isinstance(node, TABLES):
        return True
    if isinstance(node, ast.Call):
        values = [*node.args, *(k.value for k in node.keywords)]
        return bool(values) and any(isinstance(v, TABLES) for v in values)
    return False


def _skipped_statements(path: Path) -> list[tuple[int, ast.stmt | None]]:
    """Each `# fmt: skip` comment's line and the statement it ends (None if none ends there)."""
    source = path.read_text(encoding="utf-8")
    lines = [
        tok.start[0]
        for tok in tokenize.generate_tokens(io.StringIO(source).readline)
        if tok.type == tokenize.COMMENT and "fmt: skip" in tok.string
    ]
    ends: dict[int, ast.stmt] = {}
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.stmt) and node.end_lineno is not None:
            ends.setdefault(node.end_lineno, node)
    return [(line, ends.get(line)) for line in lines]


def _table_statement(node: ast.stmt | None) -> bool:
    if isinstance(node, ast.Assign | ast.AnnAssign | ast.Return | ast.Expr):
        return node.value is not None and _is_table(node.value)
    return False


def test_table_rule_tells_tables_from_code() -> None:
    """The rule below can fail: a literal table passes, an ordinary call does not."""
    assert _table_statement(ast.parse("ROWS = [(1, 2), (3, 4)]").body[0])
    assert _table_statement(ast.parse("f = pd.DataFrame([{'a': 1}])").body[0])
    assert not _table_statement(ast.parse("x = compute(a, b)").body[0])
    assert not _table_statement(ast.parse("def f(a, b): pass").body[0])


@pytest.mark.parametrize("path", SOURCES, ids=_rel)
def test_module_is_short(path: Path) -> None:
    """One topic per module: split it by what it holds when it grows past the limit."""
    count = len(path.read_text(encoding="utf-8").splitlines())
    assert count <= MAX_MODULE_LINES, f"{_rel(path)}: {count} lines"


@pytest.mark.parametrize("path", SOURCES, ids=_rel)
def test_functions_fit_on_a_screen(path: Path) -> None:
    """Long functions are split into named steps."""
    long = [
        f"{node.name} (line {node.lineno}): {node.end_lineno - node.lineno + 1} lines"
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.end_lineno is not None
        and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES
    ]
    assert not long, f"{_rel(path)}: " + "; ".join(long)


@pytest.mark.parametrize("path", SOURCES, ids=_rel)
def test_formatter_is_trusted_except_for_tables(path: Path) -> None:
    """`# fmt: skip` only on a literal table; everything else is as `ruff format` writes it."""
    bad = [line for line, node in _skipped_statements(path) if not _table_statement(node)]
    assert not bad, f"{_rel(path)}: `# fmt: skip` on lines {bad} (not a table)"
