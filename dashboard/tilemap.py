"""Schematic tile map of Münster's 45 Stadtteile: one equal square per district.

The layout is drawn by hand in ``TILE_GRID`` (north up, one token per cell): neighbouring
districts sit on neighbouring cells where possible and the compass layout of the city is kept,
so the map reads like Münster while every district, the small Altstadt ones included, gets the
same area. Only this integer grid is stored; the tiles are placed around Münster's centre in
WGS84 so the usual map components can draw them. Regenerate the committed GeoJSON with
``python -m dashboard.tilemap``.
"""

import json
import math
from pathlib import Path

# Tiles are centred on the Domplatz area; the grid's bounding box is centred on this point.
CENTRE_LON = 7.626
CENTRE_LAT = 51.962
# Tile pitch in degrees of latitude (about 2.2 km, so the map spans roughly the city); the
# longitude pitch is scaled by 1/cos(latitude) so tiles look square on a web map.
TILE_DEG = 0.02
# Share of the pitch left empty between two neighbouring tiles.
GAP_SHARE = 0.08
DECIMALS = 5

GEOJSON_PATH = Path(__file__).resolve().parents[1] / "geo" / "stadtteile_kacheln.geojson"

# The hand-made layout, north up: a Stadtteil code per cell, "." for an empty cell.
TILE_GRID = """
 .  58 63 68 76  .  .  .  .
 .  51 47 62 61 46  .  .  .
57 52 28 27 14 15 26  .  .
 .   . 29 12 13 23 25 45  .
 .   . 21 11 22 24 44 71 77
 .   . 31 32 33 43 81 82 87
 .  56 54 34 91 96 95 86  .
 .   .  . 98 97  .  .  .  .
"""


def parse_tile_grid(text: str) -> dict[str, tuple[int, int]]:
    """Parse a grid of codes (``.`` = empty cell) into ``{code: (row, col)}``."""
    layout: dict[str, tuple[int, int]] = {}
    rows = [line.split() for line in text.splitlines() if line.strip()]
    for row, tokens in enumerate(rows):
        for col, token in enumerate(tokens):
            if token == ".":
                continue
            if len(token) != 2 or not token.isdigit():
                raise ValueError(f"row {row}, column {col}: {token!r} is not a two-digit code")
            if token in layout:
                raise ValueError(f"code {token} appears twice (row {row}, column {col})")
            layout[token] = (row, col)
    return layout


# Grid cell (row, col) of every official Stadtteil code; row 0 is north, column 0 west.
TILE_LAYOUT: dict[str, tuple[int, int]] = parse_tile_grid(TILE_GRID)

# Official Stadtteil names as used in the city's statistics (SMS).
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


def tile_features(
    names: dict[str, str],
    layout: dict[str, tuple[int, int]] = TILE_LAYOUT,
    tile_deg: float = TILE_DEG,
) -> list[dict[str, object]]:
    """Return one GeoJSON Feature per tile, sorted by code, with ``code`` and ``name``."""
    missing = sorted(set(layout) - set(names))
    if missing:
        raise ValueError(f"no name for the codes {', '.join(missing)}")
    return [
        {
            "type": "Feature",
            "id": code,
            "properties": {"code": code, "name": names[code]},
            "geometry": {"type": "Polygon", "coordinates": [[list(pt) for pt in ring]]},
        }
        for code, ring in tile_polygons(layout, tile_deg).items()
    ]


def tile_geojson(
    names: dict[str, str],
    layout: dict[str, tuple[int, int]] = TILE_LAYOUT,
    tile_deg: float = TILE_DEG,
) -> dict[str, object]:
    """Return the tiles as a GeoJSON FeatureCollection in WGS84 (``code``, ``name``)."""
    return {"type": "FeatureCollection", "features": tile_features(names, layout, tile_deg)}


def tile_geojson_text(names: dict[str, str]) -> str:
    """Return the tile GeoJSON as text: one feature per line, so diffs stay readable."""
    lines = [
        json.dumps(feature, ensure_ascii=False, separators=(",", ":"))
        for feature in tile_features(names)
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
