"""Load all catalogues of one directory, validated, and their display labels."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from dashboard.catalogues.areas import read_areas
from dashboard.catalogues.indicators import read_indicators
from dashboard.catalogues.leitbild import read_leitbild
from dashboard.catalogues.model import Catalogue
from dashboard.catalogues.yamlio import Checker
from dashboard.config import catalogue_dir
from dashboard.errors import Problem, ValidationError


def load_catalogues(data_dir: Path | None = None) -> Catalogue:
    """Read and validate areas.yaml, leitbild.yaml and indicators.yaml; raise on any problem."""
    data_dir = data_dir or catalogue_dir()
    problems: list[Problem] = []
    checker = Checker(data_dir / "areas.yaml")
    areas = read_areas(data_dir / "areas.yaml", checker)
    problems += checker.problems
    districts = set(areas.loc[areas["level"] == "stadtteil", "code"])

    checker = Checker(data_dir / "leitbild.yaml")
    leitbild = read_leitbild(data_dir / "leitbild.yaml", checker, districts)
    problems += checker.problems

    checker = Checker(data_dir / "indicators.yaml")
    indicators = read_indicators(
        data_dir / "indicators.yaml",
        checker,
        set(leitbild["field"]["id"]),
        set(leitbild["goal"]["id"]) if len(leitbild["goal"]) else set(),
        districts,
    )
    problems += checker.problems
    if problems:
        raise ValidationError(problems, "Die Kataloge sind ungültig.")
    return Catalogue.from_frames({"area": areas, **leitbild, **indicators})


def display_labels(catalogue: Catalogue) -> dict[str, dict[str, Any]]:
    """Display names: areas (Stadtteile with number), indicators, groups, fields, goals."""
    f, areas = catalogue.frames, catalogue.areas
    return {
        "area": {
            code: name if level != "stadtteil" else f"{code} {name}"
            for code, name, level in zip(areas["code"], areas["name"], areas["level"], strict=True)
        },
        "area_level": dict(zip(areas["code"], areas["level"], strict=True)),
        "indicator": {r["id"]: r for r in catalogue.indicators.to_dict("records")},
        "group": dict(zip(f["group_label"]["id"], f["group_label"]["label"], strict=True)),
        "field": dict(zip(f["field"]["id"], f["field"]["short"], strict=True)),
        "field_title": dict(zip(f["field"]["id"], f["field"]["title"], strict=True)),
        "goal": {r["id"]: r for r in f["goal"].to_dict("records")},
    }
