"""The YAML catalogues: Leitbild structure, indicators, areas, and their validation."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from dashboard.catalogues import Catalogue, load_catalogues, normalise_name
from dashboard.config import DATA_DIR
from dashboard.errors import ValidationError
from tests.conftest import SHARED, require_shared

LEITZIELE = {
    "6.1": 5, "6.2": 3, "6.3": 3, "7.1": 8, "7.2": 6, "7.3": 5,
    "8.1": 2, "8.2": 3, "8.3": 3, "8.4": 1, "8.5": 4, "8.6": 2,
}  # fmt: skip
TOP_TEILZIELE = {"6.1": 5, "6.2": 5, "6.3": 8, "7.1": 18, "7.2": 13, "7.3": 7}
TEILZIEL_GROUPS = {
    ("7.1", "Arbeit"): 5, ("7.1", "Jugendliche"): 5, ("7.1", "Wirtschaft"): 8,
    ("7.2", "Partizipation"): 7, ("7.2", "Engagement"): 6,
}  # fmt: skip


def _goals(catalogue: Catalogue):
    return catalogue.frames["goal"]


def test_twelve_fields_in_document_order(catalogue: Catalogue) -> None:
    assert list(catalogue.frames["field"]["id"]) == list(LEITZIELE)


@pytest.mark.parametrize(("field", "expected"), LEITZIELE.items())
def test_leitziele_per_field(catalogue: Catalogue, field: str, expected: int) -> None:
    goals = _goals(catalogue)
    assert ((goals["field_id"] == field) & (goals["kind"] == "leitziel")).sum() == expected


@pytest.mark.parametrize(("field", "expected"), TOP_TEILZIELE.items())
def test_top_level_teilziele_per_field(catalogue: Catalogue, field: str, expected: int) -> None:
    goals = _goals(catalogue)
    top = (goals["field_id"] == field) & (goals["kind"] == "teilziel") & goals["parent_id"].isna()
    assert top.sum() == expected


@pytest.mark.parametrize(("key", "expected"), TEILZIEL_GROUPS.items())
def test_teilziel_groups(catalogue: Catalogue, key: tuple[str, str], expected: int) -> None:
    goals = _goals(catalogue)
    field, group = key
    top = goals[(goals["field_id"] == field) & goals["parent_id"].isna() & (goals["grp"] == group)]
    assert len(top) == expected


def test_jugendliche_sub_items_hang_under_their_teilziel(catalogue: Catalogue) -> None:
    goals = _goals(catalogue).set_index("id")
    subs = goals[goals["parent_id"] == "7.1-Jugendliche-T1"]
    assert list(subs["number"])[:2] == ["1.1", "1.2"]
    assert len(subs) >= 2


def test_named_teilziele_of_6_2(catalogue: Catalogue) -> None:
    goals = _goals(catalogue)
    top = goals[(goals["field_id"] == "6.2") & (goals["kind"] == "teilziel")]
    top = top[top["parent_id"].isna()]
    assert top["name"].notna().all() and top["name"].str.len().gt(3).all()


def test_umsetzungsperspektiven_only_in_lebensfelder(catalogue: Catalogue) -> None:
    goals = _goals(catalogue)
    ups = goals[goals["kind"] == "umsetzungsperspektive"]
    assert set(ups["field_id"]) == {"8.1", "8.2", "8.3", "8.4", "8.5", "8.6"}
    assert not ((goals["kind"] == "teilziel") & goals["field_id"].str.startswith("8")).any()


@pytest.mark.parametrize(("area", "expected"), [("91", 4), ("61", 2)])
def test_district_goals(catalogue: Catalogue, area: str, expected: int) -> None:
    goals = _goals(catalogue)
    assert ((goals["kind"] == "stadtteilziel") & (goals["area_code"] == area)).sum() == expected


def test_labels_are_short(catalogue: Catalogue) -> None:
    assert _goals(catalogue)["label"].str.len().max() <= 90


def test_labels_are_our_own_words(catalogue: Catalogue) -> None:
    """No goal label repeats six consecutive words of the Leitbild text."""
    require_shared()
    source = (SHARED / "seeds" / "003_fa445877c9761fba.txt").read_text(encoding="utf-8")

    def words(text: str) -> list[str]:
        return re.findall(r"\w+", text.casefold())

    src = words(source)
    grams = {tuple(src[i : i + 6]) for i in range(len(src) - 5)}
    copied = [
        label
        for label in _goals(catalogue)["label"]
        if any(tuple(w[i : i + 6]) in grams for w in [words(label)] for i in range(len(w) - 5))
    ]
    assert copied == []


def test_indicator_catalogue_covers_all_fields(catalogue: Catalogue) -> None:
    indicators = catalogue.indicators
    assert len(indicators) >= 30
    assert set(indicators["field_id"]) == set(LEITZIELE)
    assert indicators["id"].is_unique


@pytest.mark.parametrize(
    ("indicator", "kind", "derived"),
    [("bevoelkerung", "count", False), ("bevoelkerung_mv", "count", False),
     ("anteil_mv", "share", True)],
)  # fmt: skip
def test_core_indicator_ids_are_stable(
    catalogue: Catalogue, indicator: str, kind: str, derived: bool
) -> None:
    row = catalogue.indicator(indicator)
    assert row is not None and row["kind"] == kind
    assert (row["numerator_id"] is not None) == derived
    if derived:
        assert (row["numerator_id"], row["denominator_id"]) == ("bevoelkerung_mv", "bevoelkerung")


def test_parity_indicators_name_their_reference(catalogue: Catalogue) -> None:
    parity = catalogue.indicators[catalogue.indicators["target_type"] == "parity"]
    assert len(parity) >= 2
    assert parity["parity_reference"].notna().all()


def test_every_goal_link_points_to_a_goal(catalogue: Catalogue) -> None:
    links = catalogue.frames["goal_indicator"]
    assert set(links["goal_id"]) <= set(_goals(catalogue)["id"])
    assert len(links) > 30


def test_area_hierarchy(catalogue: Catalogue) -> None:
    areas = catalogue.areas.set_index("code")
    districts = areas[areas["level"] == "stadtteil"]
    assert len(districts) == 45
    assert districts.loc["61", "name"] == "Coerde" and districts.loc["91", "name"] == "Berg Fidel"
    assert districts.loc["11", "parent_code"] == "1"  # Altstadt (Teilbereich of Mitte)
    assert areas.loc["1", "parent_code"] == "B1"
    assert districts.loc["61", "parent_code"] == "B3"  # Nord


@pytest.mark.parametrize(
    ("text", "code"),
    [("61", "61"), ("Coerde", "61"), ("61 Coerde", "61"), ('"Berg Fidel"', "91"),
     ("Stadt Münster", "0"), ("Nord", "B3"), ("Münster-Nord", "B3"), ("6", "B3"),
     ("Innenstadtring", "2"), ("nicht zuzuordnen", "00"), ("Düesbergweg", "34"),
     ("BERG  FIDEL", "91"), ("Atlantis", None)],
)  # fmt: skip
def test_area_resolution(catalogue: Catalogue, text: str, code: str | None) -> None:
    assert catalogue.resolve_area(text) == code


def test_real_district_names_match_catalogue(catalogue: Catalogue) -> None:
    muenster = require_shared()
    import csv

    with (muenster / "stats" / "ms_wohnberechtigte.csv").open(encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if r["BezirkNummer"]]
    assert len(rows) == 45
    for row in rows:
        assert catalogue.resolve_area(row["BezirkName"]) == row["BezirkNummer"]


def test_normalise_name() -> None:
    assert normalise_name(" „Berg–Fidel“ ") == normalise_name("berg fidel")


def _copy_catalogues(tmp_path: Path) -> Path:
    for name in ("areas.yaml", "leitbild.yaml", "indicators.yaml"):
        (tmp_path / name).write_text((DATA_DIR / name).read_text(encoding="utf-8"), "utf-8")
    return tmp_path


@pytest.mark.parametrize(
    ("file", "old", "new", "column"),
    [
        ("leitbild.yaml", "kind: leitziel", "kind: hauptziel", "kind"),
        ("leitbild.yaml", 'id: "6.1-L2"', 'id: "6.1-L1"', "id"),
        ("leitbild.yaml", 'area: "91"', 'area: "99"', "area"),
        ("indicators.yaml", "kind: count", "kind: anzahl", "kind"),
        ("indicators.yaml", "direction: neutral", "direction: sideways", "direction"),
        ("indicators.yaml", "numerator: bevoelkerung_mv", "numerator: gibts_nicht", "derived"),
        ("areas.yaml", 'parent: "B3"', 'parent: "B9"', "parent"),
        (
            "indicators.yaml",
            "parts: [deutsch, nichtdeutsch]",
            "parts: [deutsch, dt]",
            "splits.staatsangehoerigkeit",
        ),
        (
            "indicators.yaml",
            "parts: [maennlich, weiblich]}",
            "parts: [maennlich]}",
            "splits.geschlecht",
        ),
        (
            "indicators.yaml",
            "total: bevoelkerung_mv",
            "total: anteil_mv",
            "identities.migrationsvorgeschichte",
        ),
    ],
)
def test_invalid_catalogue_reports_file_line_and_key(
    tmp_path: Path, file: str, old: str, new: str, column: str
) -> None:
    folder = _copy_catalogues(tmp_path)
    text = (folder / file).read_text(encoding="utf-8")
    assert old in text
    (folder / file).write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(ValidationError) as info:
        load_catalogues(folder)
    problems = info.value.problems
    assert any(p.file == file and p.column == column and p.row for p in problems), problems


def test_broken_yaml_is_a_clear_problem(tmp_path: Path) -> None:
    folder = _copy_catalogues(tmp_path)
    (folder / "indicators.yaml").write_text("indicators: [unclosed", encoding="utf-8")
    with pytest.raises(ValidationError) as info:
        load_catalogues(folder)
    assert any("YAML" in p.expected for p in info.value.problems)


def test_shares_have_their_natural_limit(catalogue: Catalogue) -> None:
    limits = catalogue.indicators.set_index("id")["natural_limit"]
    kinds = catalogue.indicators.set_index("id")
    for iid, row in kinds.iterrows():
        expected = None
        if row["kind"] == "share" and row["unit"] == "%":
            expected = {"higher_better": 100.0, "lower_better": 0.0}.get(row["direction"])
        value = limits[iid]
        assert (None if value is None or value != value else value) == expected, iid
    assert limits["kita_besuch_3_6"] == 100.0 and limits["sgb2_quote"] == 0.0


@pytest.mark.parametrize(("line", "expected"), [("limit: 50", 50.0), ("limit: null", None)])
def test_natural_limit_can_be_set_in_the_catalogue(tmp_path: Path, line: str, expected) -> None:
    folder = _copy_catalogues(tmp_path)
    text = (folder / "indicators.yaml").read_text(encoding="utf-8")
    old = "  - id: sgb2_quote\n"
    (folder / "indicators.yaml").write_text(text.replace(old, f"{old}    {line}\n", 1), "utf-8")
    value = load_catalogues(folder).indicators.set_index("id")["natural_limit"]["sgb2_quote"]
    assert (None if value is None or value != value else value) == expected


def test_natural_limit_must_be_a_number(tmp_path: Path) -> None:
    folder = _copy_catalogues(tmp_path)
    text = (folder / "indicators.yaml").read_text(encoding="utf-8")
    old = "  - id: sgb2_quote\n"
    (folder / "indicators.yaml").write_text(text.replace(old, f"{old}    limit: hundert\n", 1),
                                            "utf-8")  # fmt: skip
    with pytest.raises(ValidationError) as info:
        load_catalogues(folder)
    assert any(p.column == "limit" and "hundert" in p.found and p.row for p in info.value.problems)


def test_splits_and_identities_are_declared_once(catalogue: Catalogue) -> None:
    sets = catalogue.additive_sets
    declared = [
        (k, t, list(p)) for k, t, p in zip(sets["kind"], sets["total"], sets["parts"], strict=True)
    ]
    # overlapping splits of the same total are separate partitions (issue 20)
    of_total = [p for k, t, p in declared if (k, t) == ("split", "insgesamt")]
    assert ["maennlich", "weiblich"] in of_total
    assert ["deutsch", "nichtdeutsch"] in of_total
    assert ["mit_mv", "ohne_mv"] in of_total
    assert [len(p) for k, t, p in declared if (k, t) == ("split", "maennlich")] == [10]
    assert ("split", "alter_90_plus", ["maennlich_alter_90_plus", "weiblich_alter_90_plus"]) in (
        declared
    )
    parts = [
        "bevoelkerung_auslaender",
        "bevoelkerung_dt_mv_persoenlich",
        "bevoelkerung_dt_mv_vererbt",
    ]
    assert declared.count(("identity", "bevoelkerung_mv", parts)) == 1
