"""Real-data databases for the map tests, built by the real CLI from ../shared/muenster."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.cli import main
from dashboard.present.hover import render
from dashboard.present.map_figure import NO_NAME
from tests.conftest import require_shared

STATS = (
    ("ms_wohnberechtigte.csv", "bevoelkerung"),
    ("ms_migrationsvorgeschichte.csv", "bevoelkerung_mv"),
)


def build_real_db(path: Path, geometry: tuple[str, ...] = ("stadtteile.geojson",)) -> Path:
    """A database with the 2010–2014 population and migration figures and the given shapes."""
    muenster = require_shared()
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("LEITBILD_DB", str(path))
        assert main(["init", "--no-demo"]) == 0
        for file, indicator in STATS:
            assert (
                main(["import", "stats", str(muenster / "stats" / file), "--indicator", indicator])
                == 0
            )
        for file in geometry:
            assert main(["import", "areas", str(muenster / "geo" / file)]) == 0
    return path


def shown_hovers(figure: dict) -> dict[str, str]:
    """Per area code, the hover text the browser shows for a map figure's JSON.

    An area's click targets carry meta = [code, values]; plotly fills the template's shared
    wording (or the trace's own) with those values.
    """
    shared = figure["layout"]["template"]["data"]["scatter"][0].get("hovertemplate", "")
    return {
        t["meta"][0]: render(t.get("hovertemplate", shared).removesuffix(NO_NAME), t["meta"][1:])
        for t in figure["data"]
        if t.get("meta")
    }
