"""The plans in the district profile PDF: district goals, fields of action and measures."""

from __future__ import annotations

from typing import Any

import pandas as pd
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import KeepTogether, Spacer

from dashboard.present.format import fmt_date, fmt_number, fmt_percent
from dashboard.present.i18n import t
from dashboard.present.profile_format import row_value
from dashboard.reports.profile_content import ProfileContent
from dashboard.reports.profile_style import STATUS_COLOURS, _coloured, _p, _table, _widths


def _status_text(status: object, lang: str) -> str:
    """A progress status in words ('no assessment' when there is none)."""
    key = status if isinstance(status, str) else "none"
    return t(f"zi.status.{key}", lang)


def _goal_indicator_text(c: ProfileContent, indicator: str, lang: str) -> str:
    rows = c.profile[c.profile["indicator_id"] == indicator]
    if rows.empty:
        return t("rp.goals.no_data", lang, indicator=c.shorts.get(indicator, indicator))
    r = rows.iloc[0]
    value = row_value(r, "value", "flag", lang)
    city = row_value(r, "city", "city_flag", lang)
    return f"{r['short']} {value} ({t('rp.col.city', lang)} {city}, {int(r['period'])})"


def goals(c: ProfileContent, s: dict[str, ParagraphStyle], lang: str) -> list[Any]:
    """The district goals: number, label, status and the values of their indicators."""
    flow: list[Any] = [_p(t("rp.goals.heading", lang, name=c.name), s["h2"])]
    if c.goals.empty:
        return [*flow, _p(t("rp.goals.none", lang, name=c.name), s["body"])]
    flow.append(_p(t("rp.goals.intro", lang), s["small"]))
    head = [t("rp.col.goal", lang), t("rp.col.status", lang)]
    rows: list[list[Any]] = [[_p(h, s["cell_head"]) for h in head]]
    for g in c.goals.itertuples():
        items = [_goal_indicator_text(c, i, lang) for i in g.indicators]
        measured = (
            t("rp.goals.indicators", lang, items="; ".join(items))
            if items
            else t("rp.goals.no_indicator", lang)
        )
        status = g.status if isinstance(g.status, str) else None
        rows.append(
            [
                [_p(f"{g.number}. {g.label}", s["cell_head"]), _p(measured, s["small"])],
                _coloured(_status_text(status, lang), STATUS_COLOURS.get(status or ""), s["cell"]),
            ]
        )
    return [*flow, Spacer(1, 4), _table(rows, _widths(140, 34))]


def fields(c: ProfileContent, s: dict[str, ParagraphStyle], lang: str) -> list[Any]:
    """Status per field of action in the district, with the number of measures."""
    if c.fields.empty:
        return []
    if not (c.fields["n_items"].sum() or c.fields["n_measures"].sum()):
        return [
            _p(t("rp.fields.heading", lang), s["h2"]),
            _p(t("rp.fields.none", lang, name=c.name), s["body"]),
        ]
    head = [
        t("rp.col.field", lang), t("rp.col.status", lang), t("rp.col.assessments", lang),
        t("rp.col.measures", lang),
    ]  # fmt: skip
    rows: list[list[Any]] = [[_p(h, s["cell_head"]) for h in head]]
    for f in c.fields.itertuples():
        status = f.status if isinstance(f.status, str) else None
        rows.append(
            [
                _p(f"{f.node_id} {c.field_titles.get(f.node_id, '')}", s["cell"]),
                _coloured(_status_text(status, lang), STATUS_COLOURS.get(status or ""), s["cell"]),
                _p(fmt_number(int(f.n_items), lang=lang), s["cell"]),
                _p(fmt_number(int(f.n_measures), lang=lang), s["cell"]),
            ]
        )
    return [
        KeepTogether(
            [
                _p(t("rp.fields.heading", lang), s["h2"]),
                _p(t("rp.fields.intro", lang, name=c.name), s["small"]),
                Spacer(1, 4),
                _table(rows, _widths(84, 36, 28, 26)),
            ]
        )
    ]


def _timeframe(m: pd.Series, lang: str) -> str:
    """From the actual (else planned) start to the actual (else planned) end."""

    def day(value: object) -> str:
        if value is None or (not isinstance(value, str) and pd.isna(value)):
            return "…"
        return fmt_date(pd.Timestamp(value).date(), lang)

    start = m.get("actual_start") if pd.notna(m.get("actual_start")) else m.get("planned_start")
    end = m.get("actual_end") if pd.notna(m.get("actual_end")) else m.get("planned_end")
    return f"{day(start)} – {day(end)}"


def measures(c: ProfileContent, s: dict[str, ParagraphStyle], lang: str) -> list[Any]:
    """Measures naming the district: title, status, responsible, time frame, progress."""
    flow: list[Any] = [_p(t("rp.measures.heading", lang, name=c.name), s["h2"])]
    if c.measures.empty:
        flow.append(_p(t("rp.measures.none", lang, name=c.name), s["body"]))
    else:
        head = [
            t("rp.col.title", lang), t("rp.col.status", lang), t("rp.col.organisation", lang),
            t("rp.col.timeframe", lang), t("rp.col.progress", lang),
        ]  # fmt: skip
        rows: list[list[Any]] = [[_p(h, s["cell_head"]) for h in head]]
        for _, m in c.measures.iterrows():
            progress = m.get("progress")
            rows.append(
                [
                    _p(m["title"], s["cell"]),
                    _p(t(f"status.{m['status']}", lang), s["cell"]),
                    _p(m.get("organisation") or "–", s["cell"]),
                    _p(_timeframe(m, lang), s["cell"]),
                    _p(
                        "–"
                        if progress is None or pd.isna(progress)
                        else fmt_percent(float(progress), 0, lang),
                        s["cell"],
                    ),
                ]
            )
        flow += [Spacer(1, 2), _table(rows, _widths(55, 25, 38, 30, 24))]
    if c.n_citywide:
        flow.append(_p(t("rp.measures.citywide", lang, n=c.n_citywide), s["small"]))
    return flow
