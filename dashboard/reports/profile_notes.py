"""The closing sections of the district profile PDF: local notes ("Einordnung vor Ort"),
sources with each value's provenance, and the notes on suppression, flags and method."""

from __future__ import annotations

import math
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, Spacer

from dashboard import config
from dashboard.present.i18n import t
from dashboard.reports.profile_content import ProfileContent
from dashboard.reports.profile_style import _p, _table, _widths
from dashboard.services import note_lines


def local_notes(c: ProfileContent, s: dict[str, ParagraphStyle], lang: str) -> list[Any]:
    """The district network's visible notes (text only: never a number from the database)."""
    if c.local_notes.empty:
        return []
    lines = note_lines.lines(c.local_notes, c.shorts, c.goal_labels, lang)
    return [_p(t("notes.export.heading", lang), s["h2"]), *[_p(x, s["body"]) for x in lines]]


def sources(c: ProfileContent, s: dict[str, ParagraphStyle], lang: str) -> list[Any]:
    """The source of every indicator in the report, and of goals and measures."""
    rows: list[list[Any]] = [
        [_p(t("rp.col.indicator", lang), s["cell_head"]), _p(t("rp.col.source", lang),
                                                            s["cell_head"])]
    ]  # fmt: skip
    indicators = c.profile.drop_duplicates("indicator_id")
    for _, r in indicators.iterrows():
        source = escape(c.sources.get(r["indicator_id"]) or "–")
        origin = c.provenance.get(r["indicator_id"])
        if origin:  # where the district's value comes from: table, reference date, or demo
            source += "<br/>" + escape(t("rp.sources.provenance", lang, text=origin))
        rows.append([_p(r["short"], s["cell"]), Paragraph(source, s["cell"])])
    flow: list[Any] = [_p(t("rp.sources.heading", lang), s["h2"])]
    if len(rows) > 1:
        flow += [_table(rows, _widths(50, 124)), Spacer(1, 4)]
    return [*flow, _p(t("rp.sources.measures", lang), s["small"])]


def notes(c: ProfileContent, s: dict[str, ParagraphStyle], lang: str) -> list[Any]:
    """Suppressed values (named), official flags and the status method."""
    limits = {"min_count": config.get("min_count"), "min_den": config.get("min_denominator")}
    hidden = _hidden_cells(c, lang)
    lines = [
        t("rp.notes.hidden", lang, items="; ".join(hidden), **limits)
        if hidden
        else t("rp.notes.no_hidden", lang, **limits)
    ]
    flags = _flag_cells(c, lang)
    if flags:
        lines.append(t("rp.notes.flags", lang, items="; ".join(flags)))
    lines.append(t("rp.notes.method", lang))
    return [_p(t("rp.notes.heading", lang), s["h2"]), *[_p(x, s["small"]) for x in lines]]


def _hidden_cells(c: ProfileContent, lang: str) -> list[str]:
    """'Indicator (district, city …)' for every suppressed cell shown in the report."""
    out = []
    where = {
        "flag": c.name,
        "bezirk_flag": c.bezirk_name or "–",
        "city_flag": t("rp.col.city", lang),
    }
    value_of = {"flag": "value", "bezirk_flag": "bezirk", "city_flag": "city"}
    for _, r in c.profile.iterrows():
        hit = [
            label
            for col, label in where.items()
            if r[col] == "secret" and _missing(r[value_of[col]])
        ]
        if hit:
            out.append(f"{r['short']} ({', '.join(hit)})")
    return out


def _flag_cells(c: ProfileContent, lang: str) -> list[str]:
    """Other official flags (provisional, corrected, …) on the district's values."""
    out = []
    for _, r in c.profile.iterrows():
        flag = r["flag"]
        if isinstance(flag, str) and flag != "secret":
            out.append(f"{r['short']}: {t(f'stadtteil.flag.{flag}', lang)}")
    return out


def _missing(value: object) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value))
