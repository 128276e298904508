"""Escaping of user text for HTML and Markdown contexts."""

from __future__ import annotations

import pytest

from dashboard.escaping import html_text, markdown_literal, markdown_without_html


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<script>x</script>", "&lt;script&gt;x&lt;/script&gt;"),
        ('<img src=x onerror="a()">', "&lt;img src=x onerror=&quot;a()&quot;&gt;"),
        ("Kinder & Jugend", "Kinder &amp; Jugend"),
    ],
)
def test_html_text(text: str, expected: str) -> None:
    assert html_text(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("**fett** <b>", "\\*\\*fett\\*\\* \\<b\\>"),
        ("[link](javascript:x)", "\\[link\\](javascript:x)"),
        ("# Titel", "\\# Titel"),
    ],
)
def test_markdown_literal(text: str, expected: str) -> None:
    assert markdown_literal(text) == expected


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        ("- **Punkt** <script>x</script>", "- **Punkt** \\<script>x\\</script>"),
        ("<img src=x onerror=a()>", "\\<img src=x onerror=a()>"),
        ("<!-- Kommentar -->", "\\<!-- Kommentar -->"),
        ("3 < 5 und a <= b", "3 < 5 und a <= b"),  # comparisons stay as written
        ("schon \\<b> escaped", "schon \\<b> escaped"),
    ],
)
def test_markdown_without_html(markdown: str, expected: str) -> None:
    assert markdown_without_html(markdown) == expected
