"""Figures of the goal pages: heatmap, trajectory, bullet and history (no Streamlit run)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import pytest

from dashboard.analysis.progress import assess, status_history
from dashboard.present import progress_charts as charts
from dashboard.present import progress_labels as plabels
from tests.progress_tracks import TRACKS, tr_for

CARTESIAN = {"scatter", "bar", "heatmap"}


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


@pytest.mark.parametrize(("compact", "angle"), [(True, -90), (False, -35)])
def test_heatmap_column_labels_fit_a_phone(compact: bool, angle: int) -> None:
    """Twelve field numbers upright overlapped at 390 px (seen in the browser); on end they fit."""
    matrix = pd.DataFrame([
        {"area": "0", "field_id": f"{i}.1", "status": "on_track", "score": 3.0, "n_items": 1,
         "n_assessed": 1, **{f"n_{code}": int(code == "on_track") for code in plabels.STATUS_ORDER}}
        for i in range(12)
    ])  # fmt: skip
    fig = charts.heatmap(matrix, {"0": "Stadt"}, {}, tr_for("de"), "de", compact=compact)
    assert fig.layout.xaxis.tickangle == angle
    assert list(fig.layout.xaxis.tickvals or fig.data[0].x)[:2] == ["0.1", "1.1"]


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
    # the web's variant: each label above its bar (a phone's plot keeps its width)
    long = "Übergang Gymnasium (mit Migrationsvorgeschichte) · 91 Berg Fidel"
    stacked = charts.stacked_bullet_chart(rows_.assign(label=["A", long]), tr, "de")
    _only_cartesian(stacked)
    assert stacked.layout.yaxis.showticklabels is False
    notes = [a.text for a in stacked.layout.annotations]
    assert notes == [charts.wrap_label(long, 40), "A"]  # bottom to top: first row on top
    assert all(a.xref == "paper" and a.x == 0 and a.xanchor == "left"
               for a in stacked.layout.annotations)  # fmt: skip
    track, *bars, expected = stacked.data
    for y, note in zip(track.y, stacked.layout.annotations, strict=True):
        assert y < note.y < y + 0.5  # the label just above its bar, below the next row
    assert sorted(y for b in bars for y in b.y) == sorted(track.y)
    assert [b.name for b in bars] == ["☀ auf Kurs", "⚡ falsche Richtung"]
    assert list(expected.y) == list(track.y)
    history = status_history(TRACKS["projection on track"], "destatis")
    fig = charts.history_chart(history, tr, "de")
    _only_cartesian(fig)
    assert list(fig.data[0].x) == list(range(2015, 2026))
    assert fig.data[0].text[0] == "○" and fig.data[0].text[-1] == "☀"


def test_the_note_of_left_out_years_is_wrapped_whole_under_the_chart() -> None:
    """Every left-out year can be read: the note is cut into short lines (it ran past the
    chart's edge with three years) and the bottom margin grows with them."""
    from dashboard.present import trajectory_layers as layers
    from tests.progress_tracks import COUNT_UP, line, make

    secret = {year: "secret" for year in (2016, 2018, 2021)}
    track = make([*line(3, 1, 11)], COUNT_UP, value=30.0, flags=secret)
    fig = charts.trajectory_chart(track, assess(track, "destatis"), {"actual": "Ist"},
                                  track.unit, 1, tr_for("de"), "de")  # fmt: skip
    note = fig.layout.annotations[-1].text
    lines = note.split("<br>")
    assert len(lines) >= 2 and all(len(part) <= layers.NOTE_WIDTH for part in lines)
    assert all(f"{year} (geheim" in note for year in secret)
    assert fig.layout.margin.b >= 50 + layers.NOTE_LINE_PX * len(lines)
