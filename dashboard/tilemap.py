"""Schematic tile map of Münster's 45 Stadtteile: one equal square per district.

The layout is hand-made: each official two-digit Stadtteil code gets one cell of a small grid
(row 0 is the northernmost row, column 0 the westernmost). Neighbouring districts sit on
neighbouring cells where possible and the compass layout of the city is kept, so the map reads
like Münster while every district, including the tiny Altstadt ones, gets the same area.

Only the integer grid is stored here; the tiles are placed around Münster's centre in WGS84 so
the same map components can draw them. Regenerate the committed file with
``python -m dashboard.tilemap``.
"""

import json
import math
from pathlib import Path

CENTRE_LON = 7.626
CENTRE_LAT = 51.962
TILE_DEG = 0.015
"""Tile pitch in degrees of latitude (about 1.7 km); the longitude pitch is scaled to match."""
GAP_SHARE = 0.08
"""Share of the pitch left empty between two tiles."""
DECIMALS = 5

GEOJSON_PATH = Path(__file__).resolve().parents[1] / "geo" / "stadtteile_kacheln.geojson"

# (row, col); drawn as a grid:
#
#         0   1   2   3   4   5   6   7   8
#    0                  58  68
#    ...
TILE_LAYOUT: dict[str, tuple[int, int]] = {}

STADTTEIL_NAMES: dict[str, str] = {
    "11": "Aegidii",
    "12": "Überwasser",
    "13": "Dom",
    "14": "Buddenturm",
    "15": "Martini",
    "21": "Pluggendorf",
    "22": "Josef",
    "23": "Bahnhof",
    "24": "Hansaplatz",
    "25": "Mauritz-West",
    "26": "Schlachthof",
    "27": "Kreuz",
    "28": "Neutor",
    "29": "Schloss",
    "31": "Aaseestadt",
    "32": "Geist",
    "33": "Schützenhof",
    "34": "Düesberg",
    "43": "Hafen",
    "44": "Herz-Jesu",
    "45": "Mauritz-Mitte",
    "46": "Rumphorst",
    "47": "Uppenberg",
    "51": "Gievenbeck",
    "52": "Sentrup",
    "54": "Mecklenbeck",
    "56": "Albachten",
    "57": "Roxel",
    "58": "Nienberge",
    "61": "Coerde",
    "62": "Kinderhaus-Ost",
    "63": "Kinderhaus-West",
    "68": "Sprakel",
    "71": "Mauritz-Ost",
    "76": "Gelmer-Dyckburg",
    "77": "Handorf",
    "81": "Gremmendorf-West",
    "82": "Gremmendorf-Ost",
    "86": "Angelmodde",
    "87": "Wolbeck",
    "91": "Berg Fidel",
    "95": "Hiltrup-Ost",
    "96": "Hiltrup-Mitte",
    "97": "Hiltrup-West",
    "98": "Amelsbüren",
}
"""Official Stadtteil names as used in the city's statistics (SMS)."""


def tile_polygons(
    layout: dict[str, tuple[int, int]] = TILE_LAYOUT,
    tile_deg: float = TILE_DEG,
    gap_share: float = GAP_SHARE,
) -> dict[str, list[tuple[float, float]]]:
    """Return each code's tile as a closed, counter-clockwise ring of (lon, lat) points."""
    if not layout:
        raise ValueError("the layout is empty")
    if not 0 <= gap_share < 1:
        raise ValueError(f"gap_share must be in [0, 1), got {gap_share}")
    cells: dict[tuple[int, int], str] = {}
    for code, cell in layout.items():
        if cell in cells:
            raise ValueError(f"codes {cells[cell]} and {code} share the cell {cell}")
        cells[cell] = code
    rows = [row for row, _ in layout.values()]
    cols = [col for _, col in layout.values()]
    mid_row = (min(rows) + max(rows)) / 2
    mid_col = (min(cols) + max(cols)) / 2
    lat_step = tile_deg
    lon_step = tile_deg / math.cos(math.radians(CENTRE_LAT))
    half_lat = lat_step * (1 - gap_share) / 2
    half_lon = lon_step * (1 - gap_share) / 2

    polygons: dict[str, list[tuple[float, float]]] = {}
    for code in sorted(layout):
        row, col = layout[code]
        lon = CENTRE_LON + (col - mid_col) * lon_step
        lat = CENTRE_LAT - (row - mid_row) * lat_step
        west, east = round(lon - half_lon, DECIMALS), round(lon + half_lon, DECIMALS)
        south, north = round(lat - half_lat, DECIMALS), round(lat + half_lat, DECIMALS)
        polygons[code] = [(west, south), (east, south), (east, north), (west, north), (west, south)]
    return polygons


def tile_geojson(
    names: dict[str, str],
    layout: dict[str, tuple[int, int]] = TILE_LAYOUT,
    tile_deg: float = TILE_DEG,
) -> dict:
    """Return the tiles as a GeoJSON FeatureCollection with ``code`` and ``name`` properties."""
    missing = sorted(set(layout) - set(names))
    if missing:
        raise ValueError(f"no name for the codes {', '.join(missing)}")
    features = [
        {
            "type": "Feature",
            "id": code,
            "properties": {"code": code, "name": names[code]},
            "geometry": {"type": "Polygon", "coordinates": [[list(pt) for pt in ring]]},
        }
        for code, ring in tile_polygons(layout, tile_deg).items()
    ]
    return {"type": "FeatureCollection", "features": features}


def tile_geojson_text(names: dict[str, str]) -> str:
    """Return the tile GeoJSON as text: one feature per line, so diffs stay readable."""
    collection = tile_geojson(names)
    lines = [
        json.dumps(feature, ensure_ascii=False, separators=(",", ":"))
        for feature in collection["features"]
    ]
    return '{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n"


def write_tile_geojson(path: Path | str, names: dict[str, str]) -> Path:
    """Write the tile GeoJSON to ``path`` (UTF-8) and return the path."""
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(tile_geojson_text(names), encoding="utf-8")
    return target


if __name__ == "__main__":
    written = write_tile_geojson(GEOJSON_PATH, STADTTEIL_NAMES)
    print(f"wrote {len(TILE_LAYOUT)} tiles to {written}")
