"""Real-data databases for the map tests, built by the real CLI from ../shared/muenster."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.cli import main
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
