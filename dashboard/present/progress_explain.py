"""Explanations of a progress status: how it was reached, in sentences for people."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from dashboard.analysis.progress import (
    CAGR_WITH_TARGET,
    DESTATIS_ON_TRACK,
    DESTATIS_SLIGHTLY_OFF,
    Explanation,
    Status,
)
from dashboard.present.format import fmt_number
from dashboard.present.progress_labels import (
    Tr,
    delta_unit,
    fmt_value,
    pct_text,
    ratio_text,
    status_text,
)


def _periods(items: Sequence[Any]) -> str:
    return ", ".join(str(i) for i in items)


def omitted_text(omitted: Sequence[tuple[int, str]], tr: Tr) -> str:
    """The periods left out of a series, each with the reason."""
    return ", ".join(f"{period} ({tr('zi.omit.' + reason)})" for period, reason in omitted)


def note_lines(status: Status, unit: str, decimals: int, lang: str, tr: Tr) -> list[str]:
    """The notes of a status as sentences."""
    lines = []
    for note in status.explanation.notes:
        v = dict(note.values)
        if note.code == "omitted":
            lines.append(tr("zi.note.omitted", items=omitted_text(v["periods"], tr)))
        elif note.code == "provisional":
            lines.append(tr("zi.note.provisional", periods=_periods(v["periods"])))
        elif note.code == "small_numbers":
            se = fmt_value(v.get("se"), delta_unit(unit), decimals + 1, lang, tr)
            lines.append(
                tr("zi.note.small_numbers", numerator=fmt_number(v["numerator"], 0, lang), se=se)
            )
        elif note.code == "small_count":
            lines.append(
                tr(
                    "zi.note.small_count",
                    value=fmt_number(v["value"], 0, lang),
                    se=fmt_number(v["se"], 1, lang),
                )
            )
        elif note.code == "within_noise":
            lines.append(
                tr(
                    "zi.note.within_noise",
                    noise=fmt_value(v["noise"], delta_unit(unit), decimals + 1, lang, tr),
                )
            )
        elif note.code == "short_window":
            lines.append(tr("zi.note.short_window", changes=v["changes"], window=v["window"]))
        elif note.code in ("pp_mode", "nonpositive"):
            lines.append(tr(f"zi.note.{note.code}"))
        elif note.code == "limit":
            lines.append(
                tr(
                    "zi.note.limit",
                    limit=fmt_value(v["limit"], unit, decimals, lang, tr),
                    factor=fmt_number(v["factor"], 2, lang),
                )
            )
    return lines


def _points_text(status: Status, unit: str, decimals: int, lang: str, tr: Tr) -> str:
    ex = status.explanation
    if ex.variable == "parity_index":
        return "; ".join(f"{p}: {fmt_number(v, 2, lang)}" for p, v in ex.points)
    return "; ".join(f"{p}: {fmt_value(v, unit, decimals, lang, tr)}" for p, v in ex.points)


def _not_assessable_lines(status: Status, tr: Tr) -> list[str]:
    note = status.explanation.notes[0] if status.explanation.notes else None
    values = dict(note.values) if note else {}
    return [tr(f"zi.reason.{status.reason}", **values)]


def _destatis_lines(status: Status, unit: str, decimals: int, lang: str, tr: Tr) -> list[str]:
    ex = status.explanation
    du = delta_unit(unit)
    # changes per year get one decimal more than levels and gaps
    fv = lambda v, s=False: fmt_value(v, du, decimals + 1, lang, tr, s)  # noqa: E731
    fg = lambda v: fmt_value(v, du, decimals, lang, tr)  # noqa: E731
    parity = ".parity" if ex.variable == "shortfall" else ""
    first, last = ex.points[0][0], ex.points[-1][0]
    lines = [tr("zi.explain.destatis.method")]
    lines.append(
        tr(
            "zi.explain.points" + parity,
            n=len(ex.points),
            points=_points_text(status, unit, decimals, lang, tr),
        )
    )
    lines.append(
        tr(
            "zi.explain.mean_change" + parity,
            change=fv(ex.mean_change, True),
            first=first,
            last=last,
        )
    )
    if ex.target_level is None:
        lines.append(tr("zi.explain.latest_change", change=fv(ex.latest_change, True)))
        lines.append(tr("zi.explain.direction_wanted." + ("up" if ex.sense > 0 else "down")))
        lines.append(tr("zi.rule.destatis.direction"))
        lines.append(
            tr("zi.fired.destatis." + ex.rule, limit=fmt_value(ex.limit, unit, decimals, lang, tr))
        )
        return lines
    target = fmt_value(ex.target_level, unit, decimals, lang, tr)
    if ex.rule in ("reached", "reached_but_worsening"):
        lines.append(tr("zi.fired.destatis." + ex.rule, target=target))
        return lines
    if ex.rule == "deadline_passed":
        lines.append(
            tr(
                "zi.fired.destatis.deadline_passed",
                period=ex.target_period,
                gap=fg(ex.remaining_gap),
            )
        )
        return lines
    return lines + _projection_lines(status, (unit, decimals), parity, lang, tr)


def _projection_lines(
    status: Status, number: tuple[str, int], parity: str, lang: str, tr: Tr
) -> list[str]:
    """Projection against the target, what remains, the miss and the rule that fired."""
    ex, (unit, decimals) = status.explanation, number
    du = delta_unit(unit)
    fg = lambda v: fmt_value(v, du, decimals, lang, tr)  # noqa: E731
    target = fmt_value(ex.target_level, unit, decimals, lang, tr)
    projection = fmt_value(ex.projection, unit, decimals, lang, tr)
    lines = [
        tr(
            "zi.explain.projection" + parity,
            period=ex.projection_period,
            projection=projection,
            target=target,
        )
    ]
    lines.append(tr("zi.explain.remaining", gap=fg(ex.remaining_gap)))
    miss_key = "zi.explain.overshoot" if _overshoots(ex) else "zi.explain.miss"
    lines.append(tr(miss_key, miss=fg(abs(ex.miss or 0.0)), ratio=pct_text(ex.miss_ratio, lang)))
    lines.append(
        tr(
            "zi.rule.destatis.level",
            on=pct_text(DESTATIS_ON_TRACK, lang),
            off=pct_text(DESTATIS_SLIGHTLY_OFF, lang),
        )
    )
    if ex.rule == "projection":
        fired = "exceed" if (ex.miss_ratio or 0) <= 0 else status.code
        lines.append(
            tr(
                "zi.fired.destatis.projection." + fired,
                ratio=pct_text(ex.miss_ratio, lang),
                on=pct_text(DESTATIS_ON_TRACK, lang),
                off=pct_text(DESTATIS_SLIGHTLY_OFF, lang),
            )
        )
    else:
        lines.append(tr("zi.fired.destatis." + ex.rule))
    return lines


def _rate_text(
    value: float | None, ex_mode: str | None, unit: str, decimals: int, lang: str, tr: Tr
) -> str:
    if value is None:
        return "–"
    if ex_mode == "growth":
        return tr("zi.per_year", value=pct_text(value, lang, True))
    return tr("zi.per_year", value=fmt_value(value, delta_unit(unit), decimals + 1, lang, tr, True))


def _cagr_lines(status: Status, unit: str, decimals: int, lang: str, tr: Tr) -> list[str]:
    ex = status.explanation
    lines = [tr("zi.explain.cagr.method", base=ex.base_period)]
    points_key = "zi.explain.points" + (".parity" if ex.variable == "shortfall" else "")
    points = _points_text(status, unit, decimals, lang, tr)
    lines.append(tr(points_key, n=len(ex.points), points=points))
    if ex.variable == "parity_index":
        lines.append(tr("zi.explain.parity_index"))
    observed = _rate_text(ex.observed_rate, ex.mode, unit, decimals, lang, tr)
    lines.append(
        tr("zi.explain.cagr.observed", rate=observed, first=ex.base_period, last=ex.latest_period)
    )
    if ex.rule == "reached":
        lines.append(tr("zi.fired.cagr.reached"))
    elif ex.target_level is not None:
        required = _rate_text(ex.required_rate, ex.mode, unit, decimals, lang, tr)
        lines.append(tr("zi.explain.cagr.required", rate=required, period=ex.target_period))
        lines.append(tr("zi.explain.cagr.ratio", ratio=ratio_text(ex.ratio, lang)))
        on, slight, zero = CAGR_WITH_TARGET
        lines.append(
            tr(
                "zi.rule.cagr.target",
                on=ratio_text(on, lang),
                slight=ratio_text(slight, lang),
                zero=ratio_text(zero, lang),
            )
        )
    else:
        on, slight = dict(ex.thresholds)["on_track"], dict(ex.thresholds)["slightly_off"]
        key = "zi.rule.cagr.no_target_pp" if ex.mode == "linear" else "zi.rule.cagr.no_target"
        lines.append(tr("zi.explain.cagr.growth", growth=pct_text(ex.ratio, lang, True)))
        lines.append(tr(key, on=pct_text(on, lang), slight=pct_text(slight, lang)))
    lines.append(tr("zi.explain.cagr.score", score=fmt_number(status.score, 1, lang)))
    return lines


def _reached_early_line(status: Status, unit: str, decimals: int, lang: str, tr: Tr) -> str:
    ex = status.explanation
    level = lambda v: fmt_value(v, unit, decimals, lang, tr)  # noqa: E731
    few = dict(ex.notes[0].values) if ex.notes else {"found": len(ex.points), "needed": "–"}
    return tr(
        "zi.fired.reached_few_points",
        value=level(ex.latest_value),
        period=ex.latest_period,
        target=level(ex.target_level),
        **few,
    )


def summary_line(status: Status, tr: Tr) -> str:
    """The status in one plain sentence ('Kurz: …')."""
    ex = status.explanation
    if status.code == "reached":
        key = "zi.sum.reached"
    elif status.method == "cagr":
        key = f"zi.sum.cagr.{'target' if ex.target_level is not None else 'growth'}.{status.code}"
    elif ex.rule == "projection":
        key = f"zi.sum.projection.{status.code}"
    else:
        key = f"zi.sum.{ex.rule}"
    return tr(key, period=ex.target_period or "–")


def explain_lines(
    status: Status,
    unit: str,
    decimals: int,
    lang: str,
    tr: Tr,
    implicit: bool = False,
) -> list[str]:
    """Why a status is what it is, as plain sentences (method, data, numbers, rule, notes)."""
    lines = [tr("zi.explain.status_is", status=status_text(status.code, tr))]
    if implicit:
        lines.append(tr("zi.explain.implicit"))
    if not status.assessable:
        lines += _not_assessable_lines(status, tr)
        return lines
    lines.insert(1, summary_line(status, tr))
    if status.explanation.rule == "reached_few_points":
        return [*lines, _reached_early_line(status, unit, decimals, lang, tr)]
    if status.method == "destatis":
        lines += _destatis_lines(status, unit, decimals, lang, tr)
    else:
        lines += _cagr_lines(status, unit, decimals, lang, tr)
    lines += note_lines(status, unit, decimals, lang, tr)
    return lines


def _overshoots(ex: Explanation) -> bool:
    """Whether the projection reaches the target or goes beyond it (no miss)."""
    return (ex.miss or 0) <= 0


def short_reason(status: Status, tr: Tr, lang: str) -> str:
    """One short line for tables: the number that decided the status."""
    ex = status.explanation
    if not status.assessable:
        return _not_assessable_lines(status, tr)[0]
    if ex.rule == "reached_few_points":
        return tr("zi.short.reached")
    if status.method == "destatis":
        if ex.miss_ratio is not None and ex.rule == "projection":
            # a negative "miss" read as "Verfehlung −22 %" on rows that are on track
            key = "zi.short.overshoot" if _overshoots(ex) else "zi.short.miss"
            return tr(key, ratio=pct_text(abs(ex.miss_ratio), lang))
        return tr("zi.short." + ex.rule)
    if ex.rule == "reached":
        return tr("zi.short.reached")
    if ex.target_level is None:
        return tr("zi.short.growth", growth=pct_text(ex.ratio, lang, True))
    return tr("zi.short.ratio", ratio=ratio_text(ex.ratio, lang))
