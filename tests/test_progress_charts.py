"""Status texts, explanations and figures of the goal pages (pure functions, no Streamlit run)."""

from __future__ import annotations

import math
import re

import pandas as pd
import plotly.graph_objects as go
import pytest

from dashboard.analysis.gaps import PP, build_track
from dashboard.analysis.progress import Settings, assess, status_history
from dashboard.present import progress_charts as charts
from dashboard.present import progress_explain as pexplain
from dashboard.present import progress_labels as plabels
from dashboard.present.i18n import LANGUAGES, MESSAGES, t

CARTESIAN = {"scatter", "bar", "heatmap"}
SHARE_UP = {"kind": "share", "direction": "higher_better", "unit": "%", "decimals": 1}
RATE_DOWN = {"kind": "rate", "direction": "lower_better", "unit": "je 100", "decimals": 1}
COUNT_UP = {"kind": "count", "direction": "higher_better", "unit": "Anzahl", "decimals": 0}


def tr_for(lang: str):
    return lambda key, **values: t(key, lang, **values)


def rows(values: list[float | None], flags: dict[int, str] | None = None,
         numerators: list[float] | None = None, denominators: list[float] | None = None
         ) -> pd.DataFrame:  # fmt: skip
    flags = flags or {}
    periods = list(range(2015, 2015 + len(values)))
    return pd.DataFrame({
        "period": periods, "value": [math.nan if v is None else v for v in values],
        "numerator": numerators or math.nan, "denominator": denominators or math.nan,
        "flag": [flags.get(p) for p in periods],
    })  # fmt: skip


def line(start: float, step: float, n: int = 11) -> list[float]:
    return [start + step * i for i in range(n)]


def make(values, indicator=SHARE_UP, reference=None, level="stadt", flags=None, nums=None,
         dens=None, **spec):  # fmt: skip
    target = {"indicator_id": "x", "grp": "insgesamt", "type": "absolute", "value": None,
              "baseline_period": None, "baseline_value": None, "target_period": 2030,
              **spec}  # fmt: skip
    ref = rows(reference) if reference is not None else None
    return build_track(target, indicator, rows(values, flags, nums, dens), ref, level)


# One track per rule of both methods, so that every kind of status gets explained.
TRACKS = {
    "projection on track": make(line(10, 2), value=40.0),
    "projection slightly off": make(line(12.5, 1.75), value=40.0),
    "projection off track": make(line(20, 1), value=40.0),
    "moving away": make(line(30, -0.5), value=40.0),
    "stagnation": make([25.0] * 11, value=40.0),
    "reached": make(line(30, 1), value=35.0),
    "reached but worsening": make(line(50, -0.5), value=40.0),
    "deadline passed": make(line(10, 1), value=40.0, target_period=2024),
    "direction both": make(line(10, 1), type="direction"),
    "direction mean only": make([*line(10, 1, 10), 18.0], type="direction"),
    "direction latest only": make([*line(20, -1, 10), 12.0], type="direction"),
    "direction neither": make(line(20, -1), type="direction"),
    "direction flat": make([7.0] * 11, type="direction"),
    "relative change": make(line(10, -0.3), RATE_DOWN, type="relative_change", value=-20.0,
                            baseline_period=2020),
    "parity district": make(line(48, -0.2), {**SHARE_UP, "direction": "neutral"},
                            line(21, 0.4), "stadtteil", type="parity"),
    "parity city": make(line(10, 0.8), SHARE_UP, [20.0] * 11, type="parity"),
    "small numbers": make(line(5, 0.1), SHARE_UP, value=30.0, nums=[v * 2 for v in
                                                                     line(5, 0.1)],
                          dens=[200.0] * 11, flags={2025: "provisional"}),
    "secret values": make([*line(3, 1, 5), None, *line(9, 1, 5)], COUNT_UP, value=30.0,
                          flags={2020: "secret"}),
    "zero values": make([0.0, 0.0, 1.0, 2.0, 3.0], COUNT_UP, value=10.0),
    "too few points": make([1.0, 2.0], value=10.0),
    "no direction": make(line(1, 1), {**SHARE_UP, "direction": "neutral"}, type="direction"),
    "zero baseline": make([0.0, 1.0, 2.0, 3.0], COUNT_UP, type="relative_change", value=10.0,
                          baseline_period=2015),
    "no data": make([], value=3.0),
}  # fmt: skip


def all_statuses():
    for name, track in TRACKS.items():
        for method in ("destatis", "cagr"):
            yield name, method, track, assess(track, method, Settings())


STATUSES = list(all_statuses())


def test_the_tracks_cover_every_status_and_rule() -> None:
    codes = {s.code for *_, s in STATUSES}
    assert codes == set(plabels.STATUS_ORDER)
    rules = {s.explanation.rule for _, m, _, s in STATUSES if m == "destatis"}
    assert rules >= {"projection", "moving_away", "stagnation", "reached",
                     "reached_but_worsening", "deadline_passed", "direction_both",
                     "direction_mean_only", "direction_latest_only", "direction_neither",
                     "direction_flat", "not_assessable"}  # fmt: skip
    reasons = {s.reason for *_, s in STATUSES if not s.assessable}
    assert reasons >= {"too_few_points", "no_direction", "zero_baseline", "no_data"}


@pytest.mark.parametrize("lang", sorted(LANGUAGES))
@pytest.mark.parametrize(("name", "method", "track", "status"), STATUSES,
                         ids=[f"{n}-{m}" for n, m, *_ in STATUSES])  # fmt: skip
def test_every_status_is_explained_in_words(name, method, track, status, lang) -> None:
    tr = tr_for(lang)
    unit = PP if track.target_type == "parity" else track.unit
    lines = pexplain.explain_lines(status, unit, 1, lang, tr)
    assert lines[0].startswith(("Status", "Status:"))
    assert len(lines) >= (2 if not status.assessable else 5), lines
    for text in [*lines, pexplain.short_reason(status, tr, lang), pexplain.summary_line(status, tr)
                 if status.assessable else ""]:  # fmt: skip
        assert not re.search(r"\bzi\.[a-z_.]+", text), text  # no message key left
        assert "{" not in text and "None" not in text and "nan" not in text, text
    if status.assessable and status.explanation.rule == "projection":
        # the thresholds of the rule are named in the page language
        assert any(("5,0 %" if lang == "de" else "5.0 %") in line_ for line_ in lines)
    if status.assessable and method == "cagr":
        assert any("−5" in line_ for line_ in lines)  # the score scale is named


def test_notes_are_explained() -> None:
    tr = tr_for("de")
    small = assess(TRACKS["small numbers"], "destatis")
    text = " ".join(pexplain.explain_lines(small, "%", 1, "de", tr))
    assert "kleine Fallzahl" in text and "Vorläufige Werte: 2025" in text
    secret = assess(TRACKS["secret values"], "destatis")
    text = " ".join(pexplain.explain_lines(secret, "Anzahl", 0, "de", tr))
    assert "Ausgelassen: 2020 (geheim, kleine Fallzahl)" in text
    district = assess(TRACKS["parity district"], "cagr")
    text = " ".join(pexplain.explain_lines(district, PP, 1, "de", tr))
    assert "Prozentpunkten statt Wachstumsraten" in text


def test_status_labels_and_symbols() -> None:
    tr = tr_for("de")
    assert plabels.status_text("on_track", tr) == "☀ auf Kurs"
    assert plabels.status_text(None, tr) == "· keine Bewertung"
    assert plabels.status_text(float("nan"), tr) == "· keine Bewertung"
    assert plabels.status_markdown("wrong_direction", tr) == (
        ":red[:material/thunderstorm: falsche Richtung]"
    )
    for code in plabels.STATUS_ORDER:
        for lang in LANGUAGES:
            assert MESSAGES[plabels.status_key(code)][lang]


@pytest.mark.parametrize(
    ("value", "unit", "decimals", "lang", "signed", "expected"),
    [(47.766, "%", 1, "de", False, "47,8 %"), (26.0503, PP, 1, "de", False, "26,1 Prozentpunkte"),
     (0.229, PP, 2, "de", True, "+0,23 Prozentpunkte"), (1234.0, "Anzahl", 0, "de", False,
     "1.234"), (8.3, "je 100", 1, "en", False, "8.3 je 100"), (None, "%", 1, "de", False, "–"),
     (math.inf, "%", 1, "de", False, "–"), (-0.5, "%", 1, "de", True, "-0,5 %")],
)  # fmt: skip
def test_fmt_value(value, unit, decimals, lang, signed, expected) -> None:
    assert plabels.fmt_value(value, unit, decimals, lang, tr_for(lang), signed) == expected


def _only_cartesian(fig: go.Figure) -> None:
    # cartesian traces only: geo traces would fetch map data from a CDN
    assert {trace.type for trace in fig.data} <= CARTESIAN


def test_heatmap() -> None:
    matrix = pd.DataFrame([
        {"area": a, "field_id": f, "status": s, "score": sc, "n_items": n, "n_assessed": n,
         **{f"n_{code}": int(code == s) for code in plabels.STATUS_ORDER}}
        for a, f, s, sc, n in [("0", "6.1", "on_track", 3.75, 1), ("0", "7.1", None, None, 0),
                               ("91", "6.1", "wrong_direction", -3.75, 1),
                               ("91", "7.1", "not_assessable", None, 1)]
    ])  # fmt: skip
    fig = charts.heatmap(matrix, {"0": "Stadt Münster", "91": "91 Berg Fidel"},
                         {"6.1": "6.1 Rassismus", "7.1": "7.1 Arbeit"}, tr_for("de"), "de",
                         selected=("91", "6.1"))  # fmt: skip
    _only_cartesian(fig)
    heat, points = fig.data
    assert heat.z[0][0] == plabels.STATUS_ORDER.index("on_track") and heat.z[0][1] is None
    assert heat.text[1][0] == "⚡" and heat.text[0][1] == "·"
    assert [list(c) for c in points.customdata] == [["0", "6.1"], ["0", "7.1"], ["91", "6.1"],
                                                    ["91", "7.1"]]  # fmt: skip
    assert list(points.selectedpoints) == [2]
    assert "Punktwert 3,8" in points.hovertext[0] and "keine Bewertung" in points.hovertext[1]
    assert fig.layout.separators == ",."


def test_trajectory_charts() -> None:
    tr = tr_for("de")
    names = {"actual": "Ist", "reference": "Stadt"}
    for name in ("projection off track", "parity district", "direction both", "secret values",
                 "no data"):  # fmt: skip
        track = TRACKS[name]
        status = assess(track, "destatis")
        fig = charts.trajectory_chart(track, status, names, track.unit, 1, tr, "de")
        _only_cartesian(fig)
        labels = [trace.name for trace in fig.data]
        if name == "projection off track":
            assert labels == ["Ist", "Zielpfad", "Ziel", "Fortschreibung"]
            assert fig.data[3].y[-1] == pytest.approx(35.0)
        if name == "parity district":
            assert labels[:2] == ["Ist", "Stadt"]
            # the target path ends at the latest reference value
            assert fig.data[2].y[-1] == pytest.approx(25.0)
        if name == "secret values":
            assert "2020 (geheim" in fig.layout.annotations[0].text


def test_bullet_and_history_charts() -> None:
    tr = tr_for("de")
    rows_ = pd.DataFrame({"label": ["A", "B"], "status": ["on_track", "wrong_direction"],
                          "achieved": [0.5, -0.4], "expected": [0.4, 0.3],
                          "hover": ["a", "b"]})  # fmt: skip
    fig = charts.bullet_chart(rows_, tr, "de")
    _only_cartesian(fig)
    # one bar trace per status: the legend names every colour that is used
    bars = [trace for trace in fig.data[1:] if trace.type == "bar"]
    assert [b.name for b in bars] == ["☀ auf Kurs", "⚡ falsche Richtung"]
    assert [b.marker.color for b in bars] == [plabels.STATUS_COLORS["on_track"],
                                              plabels.STATUS_COLORS["wrong_direction"]]  # fmt: skip
    assert list(bars[0].x) == [0.5] and list(bars[1].x) == [-0.25]  # clipped at −25 %
    assert all(b.showlegend is not False for b in bars)
    assert list(fig.layout.yaxis.categoryarray) == ["B", "A"]  # first row on top
    history = status_history(TRACKS["projection on track"], "destatis")
    fig = charts.history_chart(history, tr, "de")
    _only_cartesian(fig)
    assert list(fig.data[0].x) == list(range(2015, 2026))
    assert fig.data[0].text[0] == "○" and fig.data[0].text[-1] == "☀"
