"""The printable district profile (A4 portrait PDF, reportlab).

Sections: title and data status (with a DEMO banner for demo data), a locator map and key
facts, indicators of the district against the city and its Stadtbezirk, the district goals with
their status, the fields of action, measures, sources and notes (suppressed values are shown
as "geheim", never as 0), and page numbers on every page.

The map is a PNG rendered by kaleido on the system Chromium. When Chromium cannot be started
the report is still produced, without the map, and says so where the map would be (a report
for the annual event should not fail because an image renderer is missing).
"""

from __future__ import annotations

import io
import logging
from typing import Any

import pandas as pd
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    Image,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from dashboard.analysis import profile as prof
from dashboard.exports import data_status
from dashboard.present.format import fmt_date
from dashboard.present.i18n import t
from dashboard.present.profile_format import fmt_diff, fmt_value
from dashboard.reports import profile_plans as plans
from dashboard.reports.images import figure_png
from dashboard.reports.locator_map import locator_figure
from dashboard.reports.profile_content import ProfileContent, gather
from dashboard.reports.profile_notes import local_notes, notes, sources
from dashboard.reports.profile_style import (
    ASSESS_COLOURS,
    CONTENT_WIDTH,
    DEMO_BG,
    DEMO_INK,
    MAP_PIXELS,
    MARGIN,
    _coloured,
    _numbered_canvas,
    _p,
    _styles,
    _table,
    _widths,
    register_fonts,
)
from dashboard.store import Store

log = logging.getLogger(__name__)


# --- sections -----------------------------------------------------------------------------------
def _periods(summary: dict[str, Any]) -> str:
    first, last = summary.get("first_period"), summary.get("last_period")
    if not first:
        return "–"
    return str(first) if first == last else f"{first}–{last}"


def _header(c: ProfileContent, s: dict[str, ParagraphStyle], lang: str) -> list[Any]:
    """Title, Stadtbezirk, data status and (for demo data) the demo banner."""
    subtitle = (
        t("rp.subtitle", lang, code=c.code, bezirk=c.bezirk_name)
        if c.bezirk_name
        else t("rp.subtitle_nobezirk", lang, code=c.code)
    )
    imported = c.summary.get("last_import")
    status = t(
        "rp.status",
        lang,
        periods=_periods(c.summary),
        imported=fmt_date(pd.Timestamp(imported).date(), lang) if imported else "–",
        today=fmt_date(c.today, lang),
    )
    period = (
        t("rp.period_chosen", lang, period=c.period)
        if c.period is not None
        else t("rp.period_latest", lang)
    )
    flow: list[Any] = [
        _p(t("rp.title", lang, name=c.name), s["title"]),
        _p(subtitle, s["subtitle"]),
        _p(f"{status} {period}", s["small"]),
    ]
    kind = data_status(c.summary)
    if kind in ("demo", "mixed"):
        text = t("rp.demo_banner" if kind == "demo" else "rp.mixed_banner", lang)
        banner = Table([[_p(text, s["banner"])]], colWidths=[CONTENT_WIDTH])
        banner.setStyle(
            TableStyle(
                [
                    ("BACKGROUND", (0, 0), (-1, -1), DEMO_BG),
                    ("BOX", (0, 0), (-1, -1), 1, DEMO_INK),
                    ("TOPPADDING", (0, 0), (-1, -1), 5),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
                ]
            )
        )
        flow += [Spacer(1, 4), banner]
    return [*flow, Spacer(1, 6)]


def map_image(c: ProfileContent) -> bytes | None:
    """The locator map as PNG, or None when there is no geometry or no Chromium."""
    if c.layer is None or c.code not in set(c.geometry["area_code"].astype(str)):
        return None
    fig = locator_figure(c.geometry, c.code, c.bezirk_members, c.name)
    try:
        return figure_png(fig, *MAP_PIXELS)
    except Exception as err:  # kaleido raises several types when Chromium is missing
        log.warning("locator map not rendered: %s", err)
        return None


def _map_cell(
    c: ProfileContent, png: bytes | None, s: dict[str, ParagraphStyle], lang: str
) -> list[Any]:
    """The map image with its caption, or the note why it is missing."""
    width = CONTENT_WIDTH * 0.52
    if c.layer is None or c.code not in set(c.geometry["area_code"].astype(str)):
        return [_p(t("rp.map.no_geometry", lang), s["small"])]
    if png is None:
        return [_p(t("rp.map.missing", lang), s["small"])]
    height = width * MAP_PIXELS[1] / MAP_PIXELS[0]
    key = "rp.map.caption_official" if c.layer != "kacheln" else "rp.map.caption_tiles"
    caption = t(key, lang, name=c.name, bezirk=c.bezirk_name or "–")
    return [Image(io.BytesIO(png), width=width, height=height), _p(caption, s["small"])]


def _fact(label: str, value: str, note: str, s: dict[str, ParagraphStyle]) -> list[Any]:
    return [_p(label, s["small"]), _p(value, s["fact_value"]), _p(note, s["small"]), Spacer(1, 6)]


def _facts_cell(c: ProfileContent, s: dict[str, ParagraphStyle], lang: str) -> list[Any]:
    """Population, share with migration history (vs the city) and the judgement counts."""
    pop, pop_period, pop_flag = c.facts["population"]
    share, share_period, share_flag = c.facts["headline_share"]
    city_share, _, city_flag = c.city_facts["headline_share"]
    city = t("rp.facts.city", lang)
    flow: list[Any] = [_p(t("rp.facts.heading", lang), s["h2"])]
    flow += _fact(
        t("rp.facts.population", lang),
        fmt_value(pop, "Personen", 0, lang, pop_flag),
        str(pop_period or "–"),
        s,
    )
    share_note = f"{share_period or '–'} · {city}: {fmt_value(city_share, '%', 1, lang, city_flag)}"
    flow += _fact(
        t("rp.facts.mv_share", lang), fmt_value(share, "%", 1, lang, share_flag), share_note, s
    )
    counts = prof.assessment_counts(c.profile)
    if sum(counts[k] for k in ("better", "similar", "worse")):
        flow.append(_p(t("rp.facts.assessment", lang, **counts), s["body"]))
    return flow


def _overview(
    c: ProfileContent, png: bytes | None, s: dict[str, ParagraphStyle], lang: str, with_map: bool
) -> list[Any]:
    """Locator map (when asked for) beside the key facts."""
    right = _facts_cell(c, s, lang)
    if not with_map:
        return right
    left = [_p(t("rp.map.heading", lang), s["h2"]), *_map_cell(c, png, s, lang)]
    table = Table([[left, right]], colWidths=[CONTENT_WIDTH * 0.55, CONTENT_WIDTH * 0.45])
    table.setStyle(
        TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0)])
    )
    return [table]


def _row_value(row: pd.Series, column: str, flag_column: str, lang: str) -> str:
    return fmt_value(row[column], row["unit"], row["decimals"], lang, row[flag_column])


def _indicators(c: ProfileContent, s: dict[str, ParagraphStyle], lang: str) -> list[Any]:
    """One row per indicator: district, borough and city values, difference, judgement."""
    if c.profile.empty:
        return []
    head = [
        t("rp.col.indicator", lang), t("rp.col.period", lang), c.name,
        t("rp.col.bezirk", lang, name=c.bezirk_name or "–"), t("rp.col.city", lang),
        t("rp.col.diff", lang), t("rp.col.assessment", lang),
    ]  # fmt: skip
    rows: list[list[Any]] = [[_p(h, s["cell_head"]) for h in head]]
    current_field = None
    for _, r in c.profile.iterrows():
        if r["field_id"] != current_field:
            current_field = r["field_id"]
            title = f"{current_field} {c.field_titles.get(current_field, '')}"
            rows.append([_p(title, s["cell_head"]), "", "", "", "", "", ""])
        judged = bool(r["comparable"])
        assessment = str(r["assessment"]) if judged else "unknown"
        rows.append(
            [
                _p(r["name"], s["cell"]),
                _p(str(int(r["period"])), s["cell"]),
                _p(_row_value(r, "value", "flag", lang), s["cell"]),
                _p(_row_value(r, "bezirk", "bezirk_flag", lang), s["cell"]),
                _p(_row_value(r, "city", "city_flag", lang), s["cell"]),
                _p(
                    fmt_diff(r["diff_city"], r["unit"], r["decimals"], lang) if judged else "–",
                    s["cell"],
                ),
                _coloured(
                    t(f"rp.assess.{assessment}", lang), ASSESS_COLOURS.get(assessment), s["cell"]
                ),
            ]
        )
    widths = _widths(53, 11, 21, 22, 21, 20, 26)
    table = _table(rows, widths)
    spans = [i for i, row in enumerate(rows) if i and row[1] == ""]
    table.setStyle(
        TableStyle(
            [
                cmd
                for i in spans
                for cmd in (
                    ("SPAN", (0, i), (-1, i)),
                    ("BACKGROUND", (0, i), (-1, i), colors.whitesmoke),
                )
            ]
        )
    )
    return [
        _p(t("rp.indicators.heading", lang), s["h2"]),
        _p(t("rp.indicators.intro", lang), s["small"]),
        Spacer(1, 4),
        table,
    ]


# --- document -----------------------------------------------------------------------------------
def render(
    content: ProfileContent, map_png: bytes | None, lang: str = "de", with_map: bool = True
) -> bytes:
    """The report as PDF bytes (``with_map=False`` leaves the map section out)."""
    register_fonts()
    s = _styles()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=20 * mm,
        title=t("rp.title", lang, name=content.name),
        author="Leitbild-Monitor Münster",
        lang=lang,
    )
    story: list[Any] = [
        *_header(content, s, lang),
        *_overview(content, map_png, s, lang, with_map),
        *_indicators(content, s, lang),
        *plans.goals(content, s, lang),
        *plans.fields(content, s, lang),
        *plans.measures(content, s, lang),
        *local_notes(content, s, lang),
        *sources(content, s, lang),
        *notes(content, s, lang),
    ]
    footer = t("rp.footer", lang, name=content.name, page="{page}", pages="{pages}")
    demo = t("rp.demo_footer", lang) if data_status(content.summary) in ("demo", "mixed") else None
    doc.build(story, canvasmaker=_numbered_canvas(footer, demo))
    return buffer.getvalue()


def profile_pdf(
    store: Store,
    area: str,
    period: int | None = None,
    lang: str = "de",
    with_map: bool = True,
) -> bytes:
    """The district profile of a Stadtteil (code or name) as a printable A4 PDF."""
    content = gather(store, area, period)
    return render(content, map_image(content) if with_map else None, lang, with_map)
