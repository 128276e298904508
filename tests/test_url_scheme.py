"""One URL-state scheme (issue 14): only dashboard/ui/url_state.py touches st.query_params.

Read from the source, so a page that reads or writes the URL on its own is found even when no
test opens it. The app's short-link/embed hook (dashboard/app.py) is the one exception.
"""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import ROOT

ALLOWED = {"dashboard/app.py", "dashboard/ui/url_state.py"}


def _uses(path: Path) -> list[int]:
    """Lines where the module names ``query_params`` as an attribute or imports it."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    attribute = [
        n.lineno
        for n in ast.walk(tree)
        if isinstance(n, ast.Attribute) and n.attr == "query_params"
    ]
    imported = [
        n.lineno
        for n in ast.walk(tree)
        if isinstance(n, ast.ImportFrom) and any(a.name == "query_params" for a in n.names)
    ]
    return sorted(attribute + imported)


def test_only_url_state_reads_or_writes_the_query_params() -> None:
    files = [*(ROOT / "dashboard").rglob("*.py"), *(ROOT / "pages").glob("*.py")]
    offenders = {
        str(path.relative_to(ROOT)): lines
        for path in files
        if str(path.relative_to(ROOT)) not in ALLOWED and (lines := _uses(path))
    }
    assert not offenders, f"st.query_params outside dashboard/ui/url_state.py: {offenders}"


def test_the_check_finds_a_direct_use(tmp_path: Path) -> None:
    page = tmp_path / "page.py"
    page.write_text('import streamlit as st\nx = st.query_params.get("id")\n', encoding="utf-8")
    assert _uses(page) == [2]
    page.write_text('st.page_link("p.py", query_params={"id": "1"})\n', encoding="utf-8")
    assert _uses(page) == []  # a link's parameters are no URL state of this page
