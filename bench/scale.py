"""Scaled datasets for the benchmarks: 1× (the project's catalogues and demo data), 10×, 100×.

Larger scales keep every real area, indicator and goal (pages default to Coerde, Berg Fidel …)
and add synthetic Stadtteile on a square grid (with tile geometry), synthetic count indicators
(20 periods) and cloned measures. Everything goes in through the project's own code paths:
Catalogue.from_frames + Store.replace_catalogues, parse_geometry + replace_geometry, the demo
generator, write_observations and insert_measures.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from dashboard.analysis.aggregation import district_members
from dashboard.bootstrap import TILE_FILE, TILE_LAYER, load_catalogues_into
from dashboard.catalogues import Catalogue
from dashboard.demo import generate
from dashboard.imports import store_catalogue
from dashboard.ingest.geometry import parse_geometry
from dashboard.store import ImportLogEntry, Store

BENCH_TODAY = dt.date(2026, 6, 1)
SYNTH_PREFIX = "bench_"
FIRST_CODE = 1000  # synthetic Stadtteil codes 1000, 1001 … never clash with real codes
PARENTS = ("1", "2", "3", "4", "B2", "B3", "B4", "B5", "B6")


@dataclass(frozen=True)
class Scale:
    """Size of one benchmark dataset."""

    factor: int
    districts: int
    indicators: int
    periods: int
    measures: int
    import_rows: int  # rows of the canonical import file (files are capped at 20 MB)

    @property
    def label(self) -> str:
        """'1×', '10×' …"""
        return f"{self.factor}×"


SCALES = {
    1: Scale(1, 45, 30, 11, 60, 15_000),
    10: Scale(10, 450, 300, 20, 600, 270_000),
    100: Scale(100, 4_500, 300, 20, 6_000, 450_000),
}


def tiny(districts: int = 50, indicators: int = 40, periods: int = 3, measures: int = 5) -> Scale:
    """A very small scale for unit tests of the generator."""
    return Scale(0, districts, indicators, periods, measures, 500)


# --- catalogue ----------------------------------------------------------------------------------
def scaled_frames(base: Catalogue, scale: Scale, seed: int) -> dict[str, pd.DataFrame]:
    """The real catalogue frames plus synthetic Stadtteile, count indicators and goal links."""
    frames = {name: frame.copy() for name, frame in base.frames.items()}
    areas = frames["area"]
    real = int((areas["level"] == "stadtteil").sum())
    extra = max(scale.districts - real, 0)
    rng = np.random.default_rng(seed)
    parents = rng.choice(PARENTS, size=extra)
    new_areas = pd.DataFrame(
        {
            "code": [str(FIRST_CODE + i) for i in range(extra)],
            "level": "stadtteil",
            "name": [f"Rasterzelle {FIRST_CODE + i}" for i in range(extra)],
            "parent_code": parents,
            "aliases": [[] for _ in range(extra)],
            "sort": np.arange(len(areas), len(areas) + extra),
        }
    )
    frames["area"] = pd.concat([areas, new_areas], ignore_index=True)
    indicators = frames["indicator"]
    stored = indicators[indicators["numerator_id"].isna()]
    n_new = max(scale.indicators - len(stored), 0)
    fields = list(frames["field"]["id"])
    rows = []
    for i in range(n_new):
        rows.append(
            {
                "id": f"{SYNTH_PREFIX}{i:04d}",
                "name": f"Synthetischer Zählwert {i + 1}",
                "short": f"Synthetisch {i + 1}",
                "field_id": fields[i % len(fields)],
                "unit": "Personen",
                "kind": "count",
                "direction": ("higher_better", "lower_better", "neutral")[i % 3],
                "target_type": "absolute",
                "levels": ["stadt", "stadtbezirk", "teilbereich", "stadtteil"],
                "groups": ["insgesamt"],
                "decimals": 0,
                "definition": "Synthetischer Wert für Lasttests (Benchmark).",
                "source": "Benchmark-Generator",
                "numerator_id": None,
                "denominator_id": None,
                "factor": None,
                "parity_reference": None,
                "aggregate": "sum",
                "sort": len(indicators) + i,
            }
        )
    frames["indicator"] = pd.concat([indicators, pd.DataFrame(rows)], ignore_index=True)
    goals = frames["goal"]
    leitziele = goals[goals["kind"] == "leitziel"]
    links = []
    for row in rows:
        candidates = list(leitziele.loc[leitziele["field_id"] == row["field_id"], "id"])
        if candidates:
            links.append({"goal_id": candidates[0], "indicator_id": row["id"]})
    frames["goal_indicator"] = pd.concat(
        [frames["goal_indicator"], pd.DataFrame(links, columns=["goal_id", "indicator_id"])],
        ignore_index=True,
    )
    return frames


# --- geometry -----------------------------------------------------------------------------------
def grid_geojson(codes: list[str], vertices: int = 4, decimals: int = 6) -> dict:
    """Square tiles on a grid south-east of the real tile map, one per code.

    ``vertices`` per side > 1 and many decimals give a heavy, full-precision variant (what an
    official geometry file looks like) for the naive baseline.
    """
    side = int(np.ceil(np.sqrt(max(len(codes), 1))))
    size = 0.004
    features = []
    for i, code in enumerate(codes):
        x0 = 7.70 + (i % side) * size
        y0 = 51.85 - (i // side) * size
        t = np.linspace(0, 1, vertices, endpoint=False)
        ring = (
            [(x0 + size * s, y0) for s in t]
            + [(x0 + size, y0 + size * s) for s in t]
            + [(x0 + size * (1 - s), y0 + size) for s in t]
            + [(x0, y0 + size * (1 - s)) for s in t]
        )
        ring = [(round(x, decimals), round(y, decimals)) for x, y in ring]
        ring.append(ring[0])
        features.append(
            {
                "type": "Feature",
                "properties": {"code": code, "name": f"Rasterzelle {code}"},
                "geometry": {"type": "Polygon", "coordinates": [ring]},
            }
        )
    return {"type": "FeatureCollection", "features": features}


def tile_file(codes: list[str], out: Path) -> Path:
    """The project's tile map plus a grid tile for every synthetic code, as one GeoJSON."""
    tiles = json.loads(TILE_FILE.read_text(encoding="utf-8"))
    tiles["features"] += grid_geojson(codes)["features"]
    out.write_text(json.dumps(tiles), encoding="utf-8")
    return out


# --- observations and measures ------------------------------------------------------------------
def synthetic_observations(
    catalogue: Catalogue, scale: Scale, seed: int, last_year: int = 2025
) -> pd.DataFrame:
    """Count series of the synthetic indicators for every Stadtteil, rolled up like the demo."""
    areas = catalogue.areas
    ids = [i for i in catalogue.indicators["id"] if i.startswith(SYNTH_PREFIX)]
    if not ids:
        return pd.DataFrame()
    levels = dict(zip(areas["code"], areas["level"], strict=True))
    districts = [c for c in areas["code"] if levels[c] == "stadtteil"]
    members = district_members(areas)
    aggs = [c for c in areas["code"] if levels[c] in ("stadt", "stadtbezirk", "teilbereich")]
    pos = {c: i for i, c in enumerate(districts)}
    matrix = np.zeros((len(aggs), len(districts)))
    for a, agg in enumerate(aggs):
        for code in members[agg]:
            if code in pos:
                matrix[a, pos[code]] = 1.0
    years = np.arange(last_year - scale.periods + 1, last_year + 1)
    rng = np.random.default_rng(seed)
    codes = districts + aggs
    frames = []
    for ind in ids:
        base = rng.integers(50, 5000, size=len(districts)).astype(float)
        growth = 1 + rng.normal(0.01, 0.02, size=(len(districts), 1)) * np.arange(len(years))
        values = np.round(base[:, None] * growth)
        values = np.vstack([values, matrix @ values])
        frames.append(
            pd.DataFrame(
                {
                    "indicator_id": ind,
                    "area_code": np.repeat(codes, len(years)),
                    "period": np.tile(years, len(codes)),
                    "grp": "insgesamt",
                    "value": values.ravel(),
                }
            )
        )
    obs = pd.concat(frames, ignore_index=True)
    obs["numerator"], obs["denominator"], obs["flag"] = np.nan, np.nan, None
    obs["source"], obs["is_demo"] = "Benchmark-Generator", False
    return obs


def scaled_measures(catalogue: Catalogue, scale: Scale, seed: int) -> list[dict]:
    """The demo measures cloned (with new titles and areas) up to the scale's count."""
    demo = generate(catalogue, seed=seed, today=BENCH_TODAY).measures
    areas = list(catalogue.areas.loc[catalogue.areas["level"] == "stadtteil", "code"])
    rng = np.random.default_rng(seed)
    out = []
    for i in range(scale.measures):
        m = copy.deepcopy(demo[i % len(demo)])
        if i >= len(demo):
            m["title"] = f"{m['title']} (Kopie {i // len(demo)})"
            m["areas"] = [str(rng.choice(areas))]
        m["is_demo"] = False
        out.append(m)
    return out


# --- the whole database ---------------------------------------------------------------------------
@dataclass
class Built:
    """What build() wrote: counts for the report."""

    districts: int
    indicators: int
    observations: int
    measures: int
    seconds: float


def build(db: Path, scale: Scale, seed: int = 7, work: Path | None = None) -> Built:
    """Create a database at ``db`` holding the dataset of ``scale``."""
    import time

    start = time.perf_counter()
    work = work or db.parent
    store = Store(db)
    try:
        store.migrate()
        load_catalogues_into(store)
        base = store_catalogue(store)
        frames = scaled_frames(base, scale, seed)
        store.replace_catalogues(frames)
        catalogue = store_catalogue(store)
        synth = [c for c in catalogue.areas["code"] if c.isdigit() and int(c) >= FIRST_CODE]
        tiles = tile_file(synth, work / "kacheln_scaled.geojson")
        geo, _layer, problems = parse_geometry(tiles, tiles.name, catalogue, "code")
        errors = [p for p in problems if p.severity == "error"]
        if errors:
            raise RuntimeError(f"generated tiles invalid: {errors[:3]}")
        store.replace_geometry(TILE_LAYER, geo, None)
        demo = generate(catalogue, seed=seed, today=BENCH_TODAY)
        obs = pd.concat(
            [
                demo.observations.assign(is_demo=False),
                synthetic_observations(catalogue, scale, seed),
            ],
            ignore_index=True,
        )
        entry = ImportLogEntry(
            by="bench", file=f"scale {scale.label}", sha256=f"seed:{seed}", kind="bench",
            rows=len(obs),
        )  # fmt: skip
        store.write_observations(obs, entry)
        store.insert_targets(demo.targets, None)
        store.upsert_organisations(demo.organisations)
        measures = scaled_measures(catalogue, scale, seed)
        store.insert_measures(measures, None, by="bench")
        stored = catalogue.indicators["numerator_id"].isna().sum()
        districts = int((catalogue.areas["level"] == "stadtteil").sum())
        return Built(districts, int(stored), len(obs), len(measures), time.perf_counter() - start)
    finally:
        store.close()


# --- import files -------------------------------------------------------------------------------
def canonical_csv(catalogue: Catalogue, rows: int, seed: int = 1) -> bytes:
    """A canonical long-format file of about ``rows`` rows: counts × Stadtteile × years."""
    ind = catalogue.indicators
    counts = list(
        ind.loc[
            (ind["kind"] == "count")
            & ind["numerator_id"].isna()
            & ind["levels"].map(lambda lv: "stadtteil" in lv)
            & ind["groups"].map(lambda g: "insgesamt" in g),
            "id",
        ]
    )
    areas = catalogue.areas
    districts = list(areas.loc[areas["level"] == "stadtteil", "code"])
    periods = int(np.clip(rows // max(len(districts) * len(counts), 1), 1, 200))
    need = int(np.ceil(rows / (len(districts) * periods)))
    chosen = (counts * (need // len(counts) + 1))[:need] if need > len(counts) else counts[:need]
    chosen = list(dict.fromkeys(chosen))
    rng = np.random.default_rng(seed)
    n = len(chosen) * len(districts) * periods
    frame = pd.DataFrame(
        {
            "indicator": np.repeat(chosen, len(districts) * periods),
            "area": np.tile(np.repeat(districts, periods), len(chosen)),
            "period": np.tile(np.arange(2025 - periods + 1, 2026), len(chosen) * len(districts)),
            "group": "insgesamt",
            "value": rng.integers(3, 20000, size=n),
        }
    )
    return frame.to_csv(index=False, sep=";").encode("utf-8")


def stats_csv(catalogue: Catalogue, periods: int, seed: int = 2) -> bytes:
    """A statistics-layout file: title rows, one row per Stadtteil, one column per year.

    Real Stadtteile are labelled '61 Coerde'; synthetic ones by name (4-digit codes are not
    part of the SMS label pattern). Values use German thousands separators.
    """
    rng = np.random.default_rng(seed)
    years = list(range(2025 - periods + 1, 2026))
    lines = ["Bevölkerung (wohnberechtigt)", "", "Stadtteil;" + ";".join(map(str, years))]
    areas = catalogue.areas
    for code, name in areas.loc[areas["level"] == "stadtteil", ["code", "name"]].itertuples(
        index=False
    ):
        label = name if len(code) > 2 else f"{code} {name}"
        values = rng.integers(1000, 20000, size=periods)
        lines.append(label + ";" + ";".join(f"{v:,}".replace(",", ".") for v in values))
    return "\n".join(lines).encode("cp1252", errors="replace")
