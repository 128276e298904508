"""Map figure builder: texts in German format, legend, grey hatched gaps, click targets, size."""

from __future__ import annotations

import copy
import json
import math
import pickle
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import shapely
import shapely.affinity
from shapely.geometry import box

from dashboard.analysis.classify import MISSING_COLOUR, classify
from dashboard.analysis.map_table import map_table, mappable, reference_value
from dashboard.analysis.shapes import map_shapes, payload_bytes
from dashboard.present import map_figure, map_grid, map_text
from dashboard.present.hover import Hover, render
from dashboard.present.i18n import LANGUAGES, group
from dashboard.ui import maps
from tests.karte_data import build_real_db, shown_hovers

KARTE_MESSAGES = group("karte")

INDICATOR = {
    "id": "anteil_mv",
    "short": "Anteil mit MV",
    "unit": "%",
    "decimals": 1,
    "kind": "share",
    "direction": "neutral",
}


@pytest.fixture(autouse=True)
def fresh_caches(fresh_caches: None) -> None:
    """Every test starts with empty Streamlit caches."""


@pytest.mark.parametrize("key", sorted(KARTE_MESSAGES))
def test_every_map_message_in_every_language(key: str) -> None:
    assert all(KARTE_MESSAGES[key].get(lang) for lang in LANGUAGES), key


def three_areas(catalogue) -> tuple[pd.DataFrame, object]:
    """A map table of three Altstadt districts (one secret) and their shapes."""
    rows = pd.DataFrame(
        {
            "area_code": ["11", "12", "13"],
            "value": [49.66, 16.1, np.nan],
            "numerator": [7842.0, 233.0, np.nan],
            "denominator": [15791.0, 1450.0, np.nan],
            "flag": ["provisional", None, "secret"],
            "origin": ["district"] * 3,
        }
    )
    table = map_table(
        rows, ["11", "12", "13"], catalogue.areas, city=21.72, kind="share", decimals=1
    )
    shapes = map_shapes({"11": box(0, 0, 1, 1), "12": box(1, 0, 2, 1), "13": box(0, 1, 2, 2)}, 0)
    return table, shapes


@pytest.mark.parametrize(
    ("method", "expected"),
    [
        ("quantile", ["16,1 – 32,9 (1)", "33,0 – 49,7 (1)"]),
        ("diverging", ["bis 12,3 (0)", "31,1 und mehr (1)"]),
    ],
)
def test_legend_labels_in_german(method: str, expected: list[str]) -> None:
    classes = classify(pd.Series([16.1, 49.66]), method, 3, reference=21.7)
    labels = map_text.legend_labels(classes, "%", 1, "de")
    assert labels[0] == expected[0] and labels[-1] == expected[-1]


@pytest.mark.parametrize(
    ("value", "unit", "lang", "expected"),
    [
        (27.94, "%", "de", "+27,9 Prozentpunkte"),
        (-5.62, "%", "de", "−5,6 Prozentpunkte"),
        (0.01, "%", "de", "±0,0 Prozentpunkte"),
        (1234.5, "je 100", "en", "+1,234.5 je 100"),
        (None, "%", "de", "–"),
    ],
)
def test_fmt_diff(value: float | None, unit: str, lang: str, expected: str) -> None:
    assert map_text.fmt_diff(value, 1, unit, lang) == expected


def test_hover_texts_show_everything_a_reader_needs(catalogue) -> None:
    table, _ = three_areas(catalogue)
    texts = map_text.hover_texts(
        table, INDICATOR, city=21.72, parts=("Bev. mit MV", "Bevölkerung"), lang="de"
    )
    coerde = texts[0]
    for part in (
        "11 Aegidii",
        "49,7 %",
        "7.842",
        "15.791",
        "Rang 1 von 2",
        "+27,9 Prozentpunkte",
        "21,7 %",
        "vorläufig",
    ):
        assert part in coerde, part
    assert "geheim" in texts[2].lower() and "%" not in texts[2]


def test_hover_for_counts_shows_the_share_of_the_city(catalogue) -> None:
    rows = pd.DataFrame(
        {
            "area_code": ["11"],
            "value": [250.0],
            "numerator": [np.nan],
            "denominator": [np.nan],
            "flag": [None],
            "origin": ["computed"],
        }
    )
    table = map_table(rows, ["11"], catalogue.areas, city=1000.0, kind="count", decimals=0)
    count = {**INDICATOR, "unit": "Personen", "decimals": 0, "kind": "count"}
    text = map_text.hover_texts(table, count, city=1000.0, parts=("Z", "N"), lang="de")[0]
    assert "25,0 % der Stadt" in text and "250 Personen" in text and "berechnet" in text


def test_figure_draws_each_area_once_and_greys_out_hidden_ones(catalogue) -> None:
    table, shapes = three_areas(catalogue)
    classes = classify(table["value"], "quantile", 3, decimals=1)
    texts = map_text.hover_texts(table, INDICATOR, city=21.72, parts=("Z", "N"), lang="de")
    spec = map_figure.MapSpec(
        classes=classes,
        title="Titel",
        legend_labels=["a", "b"],
        missing_label="geheim / keine Angabe",
        show_labels=True,
        label_kind="code",
    )
    fig = map_figure.figure(shapes, table, texts, spec)
    assert {trace.type for trace in fig.data} == {"scatter"}  # SVG only: nothing fetched
    fills = [t for t in fig.data if t.fill == "toself"]
    assert sum(len(rings(t)) for t in fills) == 3  # every area's one ring, drawn once
    hidden = [t for t in fills if t.fillcolor == MISSING_COLOUR]
    assert len(hidden) == 1 and hidden[0].fillpattern.shape == "/" and len(rings(hidden[0])) == 1
    targets = [t for t in fig.data if t.meta is not None]
    assert sorted(t.meta[0] for t in targets) == ["11", "12", "13"]
    assert shown_hovers(json.loads(fig.to_json())) == dict(zip(table["code"], texts, strict=True))
    # invisible markers outside the legend: what the figure's template gives every trace
    assert fig.layout.template.data.scatter[0].marker.opacity == 0
    assert all(t.marker.opacity is None and t.showlegend is None for t in targets)
    legend = [t.name for t in fig.data if t.showlegend is not False and t.name]
    assert legend == ["a", "b", "geheim / keine Angabe"]
    labels = [t for t in fig.data if t.mode == "text"]
    assert sorted(x for t in labels for x in t.text) == ["11", "12", "13"]
    assert fig.layout.yaxis.scaleanchor == "x"


@pytest.mark.parametrize("label_kind", ["code", "both", "name"])
def test_figure_built_unvalidated_is_what_plotly_validation_builds(catalogue, label_kind) -> None:
    """The map skips plotly's validation for speed: rebuilt with it, nothing may change."""
    import plotly.graph_objects as go

    table, shapes = three_areas(catalogue)
    classes = classify(table["value"], "quantile", 3, decimals=1)
    texts = map_text.hover_texts(table, INDICATOR, city=21.72, parts=("Z", "N"), lang="de")
    spec = map_figure.MapSpec(classes, "Titel", ["a", "b"], "m", True, label_kind)
    fig = map_figure.figure(shapes, table, texts, spec, lang="en")
    validated = go.Figure(fig.to_dict())  # raises on any invalid property
    assert json.loads(validated.to_json()) == json.loads(fig.to_json())


def test_tiny_areas_get_no_label() -> None:
    shapes = map_shapes({"11": box(0, 0, 100, 100), "12": box(100, 0, 100.2, 0.2)}, 0)
    assert map_figure.labelled(shapes) == {"11"}


def rings(trace: object) -> list[list[tuple[int, int]]]:
    """The gap-separated pieces of a trace's path."""
    pieces: list[list[tuple[int, int]]] = [[]]
    for x, y in zip(trace.x, trace.y, strict=True):
        if x is None:
            pieces.append([])
        else:
            pieces[-1].append((x, y))
    return [p for p in pieces if p]


def map_of(shapes: object, table: pd.DataFrame, values: list[float]) -> object:
    """The figure of ``table`` with these values, classified in two classes."""
    table = table.assign(value=values)
    classes = classify(table["value"], "quantile", 2, decimals=1)
    legend = [str(i) for i in range(len(classes.colours))]
    spec = map_figure.MapSpec(classes, "T", legend, "m", show_labels=False, label_kind="code")
    return map_figure.figure(shapes, table, ["x"] * len(table), spec)


def test_areas_of_one_colour_share_one_trace_and_enclaves_are_drawn_last(catalogue) -> None:
    ring = box(0, 0, 3, 3).difference(box(1, 1, 2, 2))  # 11 has a hole where 13 lies
    shapes = map_shapes({"11": ring, "12": box(3, 0, 6, 3), "13": box(1, 1, 2, 2)}, 0)
    assert shapes.depth == {"11": 0, "12": 0, "13": 1}
    table, _ = three_areas(catalogue)
    fig = map_of(shapes, table, [10.0, 10.0, 10.0])  # one colour for all three
    fills = [t for t in fig.data if t.fill == "toself"]
    # 11 and 12 together (outer ring and hole of 11, ring of 12), then the enclave on top
    assert [len(rings(t)) for t in fills] == [3, 1]
    grid = map_grid.Grid.of(shapes.bounds)
    assert rings(fills[1])[0] == list(zip(*(grid.xs(shapes.path("13")[0]),
                                          grid.ys(shapes.path("13")[1])), strict=True))  # fmt: skip


@pytest.mark.parametrize(
    ("points", "code"),
    [
        ([{"curve_number": 1, "point_index": 3}], "11"),
        ([{"curve_number": 0}], "13"),
        ([{"curve_number": 99}], None),  # not a trace of this figure
        ([{"curve_number": 5}, {"curve_number": 2}], "12"),  # a fill (no area) is skipped
        ([{"x": 1}], None),
        ([], None),
    ],
)
def test_area_of_click(catalogue, points: list[dict], code: str | None) -> None:
    table, shapes = three_areas(catalogue)
    fig = map_of(shapes, table, [1.0, 2.0, 3.0])
    # the targets come first, large areas first (13 is the largest)
    assert [t.meta[0] for t in fig.data[:3]] == list(shapes.order) == ["13", "11", "12"]
    assert map_figure.area_of_click({"selection": {"points": points}}, fig) == code


@pytest.mark.parametrize("event", [{}, None, {"selection": None}, {"selection": {}}])
def test_area_of_click_without_a_selection(catalogue, event: object) -> None:
    table, shapes = three_areas(catalogue)
    assert map_figure.area_of_click(event, map_of(shapes, table, [1.0, 2.0, 3.0])) is None


@pytest.mark.parametrize(
    ("name", "short"),
    [
        ("Coerde", "Coerde"),
        ("Kinderhaus-West", "Kinderh.-W."),
        ("Hiltrup-Mitte", "Hiltrup-M."),
        ("Gremmendorf-West", "Gremmen.-W."),
        ("Innenstadtring", "Innenstadt."),
    ],
)
def test_short_name(name: str, short: str) -> None:
    assert map_figure.short_name(name) == short and len(short) <= 11


def test_mappable_and_reference(catalogue) -> None:
    ids = set(mappable(catalogue.indicators)["id"])
    assert "anteil_mv" in ids and "rassismuserfahrung" not in ids
    assert reference_value(21.7, pd.Series([1.0, 3.0]), "share") == (21.7, "city")
    assert reference_value(900.0, pd.Series([1.0, 3.0, np.nan]), "count") == (2.0, "mean")


@pytest.mark.parametrize(
    ("level", "count", "multipart"), [("stadtteile", 45, 0), ("stadtbezirke", 6, 5)]
)
def test_tile_shapes_per_level(demo_db: Path, level: str, count: int, multipart: int) -> None:
    shapes = maps.shapes(str(demo_db), "kacheln", level)
    assert len(shapes.features) == count
    parts = [f for f in shapes.features.values() if f["geometry"]["type"] == "MultiPolygon"]
    assert len(parts) <= multipart
    assert maps.shapes(str(demo_db), "amtlich", level) is None
    assert not maps.official_available(str(demo_db))


@pytest.fixture(scope="module")
def real_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Real 2014 data with the official Stadtteile (no Bezirk layer: Bezirke are dissolved)."""
    return build_real_db(tmp_path_factory.mktemp("maps") / "real.duckdb")


@pytest.mark.realdata
def test_payload_per_map_is_a_small_fraction_of_the_official_file(real_db: Path, catalogue) -> None:
    db = str(real_db)
    assert maps.official_available(db)
    sizes = {}
    for geometry in ("amtlich", "kacheln"):
        shapes = maps.shapes(db, geometry, "stadtteile")
        codes = list(shapes.features)
        rows = pd.DataFrame(
            {
                "area_code": codes,
                "value": np.linspace(10, 50, len(codes)),
                "numerator": 1000.0,
                "denominator": 4000.0,
                "flag": None,
                "origin": "district",
            }
        )
        table = map_table(rows, codes, catalogue.areas, city=21.7, kind="share", decimals=1)
        classes = classify(table["value"], "quantile", 5)
        texts = map_text.hover_texts(table, INDICATOR, city=21.7, parts=("Z", "N"), lang="de")
        spec = map_figure.MapSpec(
            classes=classes,
            title="t",
            legend_labels=list("abcde"),
            missing_label="m",
            show_labels=True,
            label_kind="code",
        )
        fig = map_figure.figure(shapes, table, texts, spec)
        sizes[geometry] = payload_bytes(json.loads(fig.to_json()))
    # measured: official 61.9 KB per figure (83.5 KB with lon/lat coordinates), tiles 35.2 KB
    assert sizes["amtlich"] < 66_000 and sizes["kacheln"] < 40_000, sizes
    bezirke = maps.shapes(db, "amtlich", "stadtbezirke")
    assert len(bezirke.features) == 6
    union = shapely.union_all(
        [shapely.geometry.shape(f["geometry"]) for f in bezirke.features.values()]
    )
    assert union.geom_type == "Polygon"


def test_download_files_are_formula_safe_with_notes() -> None:
    import io

    frame = pd.DataFrame({"Nr.": ["61"], "Gebiet": ["=HYPERLINK()"], "Wert (%)": [49.7]})
    csv, xlsx = maps.download_files(frame, [("Quelle", "SMS")], "de")
    assert csv.decode().splitlines() == ["Nr.,Gebiet,Wert (%)", "61,'=HYPERLINK(),49.7"]
    sheets = pd.read_excel(io.BytesIO(xlsx), sheet_name=None)
    assert list(sheets) == ["Tabelle zur Karte", "Hinweise"]
    assert sheets["Hinweise"].iloc[0].tolist() == ["Quelle", "SMS"]


def test_legend_marks_the_class_of_the_city() -> None:
    classes = classify(pd.Series([10.0, 20.0, 30.0, 40.0]), "equal", 3, reference=21.7)
    labels = map_text.legend_labels(classes, "%", 1, "de", "◀ Stadt")
    assert [label.endswith("◀ Stadt") for label in labels] == [False, True, False]
    assert classes.class_of(float("nan")) == -1


def test_new_geometry_reaches_the_map_once_the_data_caches_are_cleared(demo_db: Path) -> None:
    from dashboard.ui import data

    db = str(demo_db)
    before = maps.shapes(db, "kacheln", "stadtteile")
    store = data.get_store(db)  # the page's own store: one connection per file and process
    frame = store.geometry("kacheln")
    moved = frame.assign(
        wkb=[
            shapely.to_wkb(shapely.affinity.translate(shapely.from_wkb(bytes(w)), 1.0, 0.0))
            for w in frame["wkb"]
        ]
    )
    store.replace_geometry("kacheln", moved, None)
    data.clear_caches()
    after = maps.shapes(db, "kacheln", "stadtteile")
    assert after.bounds[0] == pytest.approx(before.bounds[0] + 1.0, abs=1e-4)


def test_grid_keeps_distances_equal_on_both_axes_and_shared_points_shared() -> None:
    grid = map_grid.Grid.of((7.47, 51.84, 7.77, 52.06))  # Münster's bounds
    # 10 km east and 10 km north of the corner are the same number of units; the map's
    # longer side (24,5 km north to south) is 999 units, so no coordinate has four digits
    east = 10_000 / (map_grid.METRES_PER_DEGREE * math.cos(math.radians(51.95)))
    north = 10_000 / map_grid.METRES_PER_DEGREE
    assert grid.xs([7.47, 7.47 + east]) == [0, 408] and grid.ys([51.84, 51.84 + north]) == [0, 408]
    assert grid.ys([52.06]) == [999] and grid.xs([7.77]) == [840]
    # a small map keeps 5 m units: 1 km is 200 of them
    small = map_grid.Grid.of((7.6, 51.9, 7.61, 51.91))
    assert small.ys([51.9, 51.9 + north / 10]) == [0, 200]
    assert grid.xs([7.6, None, 7.6]) == [grid.xs([7.6])[0], None, grid.xs([7.6])[0]]


def test_figure_uses_grid_units_at_equal_scale(catalogue) -> None:
    table, shapes = three_areas(catalogue)
    classes = classify(table["value"], "quantile", 3, decimals=1)
    texts = map_text.hover_texts(table, INDICATOR, city=21.72, parts=("Z", "N"), lang="de")
    spec = map_figure.MapSpec(
        classes, "Titel", ["a", "b"], "m", show_labels=True, label_kind="code"
    )
    fig = map_figure.figure(shapes, table, texts, spec)
    values = [v for t in fig.data if t.x is not None for v in (*t.x, *t.y) if v is not None]
    assert values and all(isinstance(v, int) and v >= 0 for v in values)
    assert fig.layout.yaxis.scaleratio == 1
    lo, hi = fig.layout.xaxis.range
    assert lo < 0 < max(v for t in fig.data if t.x is not None for v in t.x if v is not None) < hi


@pytest.mark.parametrize(
    ("provenances", "common", "note"),
    [
        (["A", "A", None], "A", "Herkunft der Werte: A"),
        (["A", "B", "A"], "A", "Herkunft der Werte: A. Wo ein Wert eine andere Herkunft hat"),
        ([None, ""], None, ""),
    ],
)
def test_the_shared_provenance_is_said_once_under_the_map(
    provenances: list[str | None], common: str | None, note: str
) -> None:
    assert map_text.common_provenance(provenances) == common
    assert map_text.provenance_note(provenances, common, "de").startswith(note)
    assert bool(note) == bool(map_text.provenance_note(provenances, common, "de"))


def test_hover_names_only_a_provenance_that_differs_from_the_shared_one(catalogue) -> None:
    table, _ = three_areas(catalogue)
    table = table.assign(provenance=["Amt A", "Amt B", "Amt A"])
    texts = map_text.hover_texts(
        table, INDICATOR, city=21.72, parts=("Z", "N"), lang="de", common="Amt A"
    )
    assert ["Herkunft" in text for text in texts] == [False, True, False]
    assert "Herkunft: Amt B" in texts[1]


@pytest.mark.parametrize(
    ("template", "values", "text"),
    [
        ("<b>%{meta[1]}</b> Rang %{meta[2]}", ["11 Aegidii", "3"], "<b>11 Aegidii</b> Rang 3"),
        ("%{meta[2]} vor %{meta[1]}", ["a", "b"], "b vor a"),
        ("ohne Platzhalter", [], "ohne Platzhalter"),
        ("%{meta[1]}", ["%{meta[1]}"], "%{meta[1]}"),  # a value is filled in once, as plotly does
    ],
)
def test_hover_is_its_text_and_keeps_wording_and_values(
    template: str, values: list[str], text: str
) -> None:
    hover = Hover(template, values)
    assert hover == render(template, values) == text
    for copied in (copy.deepcopy(hover), pickle.loads(pickle.dumps(hover))):
        assert copied == text and copied.template == template and copied.values == tuple(values)


def test_the_shared_wording_goes_to_the_template_and_other_texts_travel_whole(catalogue) -> None:
    table, shapes = three_areas(catalogue)
    classes = classify(table["value"], "quantile", 3, decimals=1)
    texts = map_text.hover_texts(table, INDICATOR, city=21.72, parts=("Z", "N"), lang="de")
    texts[0] = texts[0] + "<br><i>1 Hinweis vor Ort</i>"  # a note marker makes it plain text
    spec = map_figure.MapSpec(classes, "T", ["a", "b"], "m", show_labels=True, label_kind="code")
    fig = map_figure.figure(shapes, table, texts, spec)
    assert shown_hovers(json.loads(fig.to_json())) == dict(zip(table["code"], texts, strict=True))
    own = {t.meta[0]: t.hovertemplate for t in fig.data if t.meta is not None and t.hovertemplate}
    assert set(own) == {"11", "13"}  # 11 has the note, 13 (secret) other wording than 12
    assert all(h.endswith("<extra></extra>") for h in own.values())  # no "trace 3" beside it
    shared = fig.layout.template.data.scatter[0].hovertemplate
    assert shared.endswith("<extra></extra>") and "%{meta[1]}" in shared
    # every other trace has an empty wording: with the template's, hoverinfo "skip" is ignored
    others = [t for t in fig.data if t.meta is None]
    assert others and all(t.hovertemplate == "" for t in others)


@pytest.mark.parametrize(
    ("aggregate", "codes", "levels"),
    [
        # additive: every coarser level is computed from the Stadtteile
        ("sum", ["11", "12"], ["stadtteile", "teilbereiche", "stadtbezirke"]),
        # not additive: a coarser level only where values for it are stored
        ("mean", ["11", "12"], ["stadtteile"]),
        ("mean", ["11", "1"], ["stadtteile", "teilbereiche"]),  # Teilbereich Altstadt
        ("mean", ["11", "B2"], ["stadtteile", "teilbereiche", "stadtbezirke"]),  # Bezirk West
        # finer cells only where the indicator has values for them, however it aggregates
        ("sum", ["11", "Z1"], ["stadtteile", "teilbereiche", "stadtbezirke", "stadtzellen"]),
        ("mean", ["Z1"], ["stadtteile", "stadtzellen"]),
    ],
)
def test_map_levels_follow_aggregation_and_stored_values(
    catalogue, aggregate: str, codes: list[str], levels: list[str]
) -> None:
    from dashboard.analysis.map_table import map_levels

    cell = pd.DataFrame([{"code": "Z1", "level": "stadtzelle", "parent_code": "11", "sort": 999}])
    areas = pd.concat([catalogue.areas, cell], ignore_index=True)
    values = pd.DataFrame({"area_code": codes, "value": [1.0] * len(codes)})
    assert map_levels({"aggregate": aggregate}, values, areas) == levels
