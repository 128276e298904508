"""Escaping of text from data and users for the places that could read it as markup.

One module, so every output uses the same rules: HTML (``st.html``, plotly labels and hover
text, which plotly reads as a small HTML subset), Markdown files that other programs may
render with raw HTML switched on, and Markdown shown in the app. Spreadsheet formulas are
neutralised in ``dashboard.exports.neutralise``.
"""

from __future__ import annotations

import html
import re

# "<" that would open a tag, comment or processing instruction in Markdown's raw HTML
_TAG_OPEN = re.compile(r"(?<!\\)<(?=[A-Za-z!/?])")
_MARKDOWN_SPECIALS = "\\`*_[]#<>|"


def html_text(text: object) -> str:
    """Text for an HTML context or a plotly label: <, >, & and quotes as entities."""
    return html.escape(str(text), quote=True)


def markdown_literal(text: object) -> str:
    """Text shown exactly as written inside Markdown (no emphasis, links, headings or HTML)."""
    return "".join("\\" + ch if ch in _MARKDOWN_SPECIALS else ch for ch in str(text))


def markdown_without_html(markdown: str) -> str:
    """Markdown kept as Markdown, but every raw HTML tag turned into literal text."""
    return _TAG_OPEN.sub(r"\\<", markdown)


# Link targets people may click in user text; everything else (javascript:, file:, data:,
# relative paths, entity tricks) becomes literal text. Images never render: a viewer's browser
# would fetch the URL (tracking, and it breaks the offline promise).
_SAFE_TARGET = re.compile(r"\s*<?\s*(?:https?://|mailto:)", re.IGNORECASE)
_LINK_CLOSE = re.compile(r"\]\(")
_IMAGE_OPEN = re.compile(r"!\[")
_DEFINITION = re.compile(r"^( {0,3})\[([^\]\n]+)\]:(.*)$", re.MULTILINE)


def _guard_target(match: re.Match[str]) -> str:
    rest = match.string[match.end() :]
    return match.group(0) if _SAFE_TARGET.match(rest) else "]\\("


def _guard_definition(match: re.Match[str]) -> str:
    indent, label, target = match.groups()
    if _SAFE_TARGET.match(target):
        return match.group(0)
    return f"{indent}\\[{label}]:{target}"


def user_markdown(markdown: object) -> str:
    """User text rendered as Markdown: no raw HTML, no images, links only to http(s)/mailto."""
    text = markdown_without_html(str(markdown))
    text = _IMAGE_OPEN.sub(r"!\\[", text)
    text = _LINK_CLOSE.sub(_guard_target, text)
    return _DEFINITION.sub(_guard_definition, text)
