"""Map coordinates as small whole numbers: lon/lat to grid units at equal scale on both axes."""

from __future__ import annotations

import math
from dataclasses import dataclass

# The figure's coordinates are whole numbers of grid units from the map's corner: a unit is
# a thousandth of the map's longer side (at least 5 m), so every coordinate has at most three
# digits (a fifth of the bytes of four) and a unit stays below a pixel of the 700 px map
# (Münster: 24,5 m, a pixel ~35 m; the shapes are simplified at ~35 m anyway).
GRID_METRES = 5.0
GRID_UNITS = 999
METRES_PER_DEGREE = 111_320.0


@dataclass(frozen=True)
class Grid:
    """Lon/lat to whole grid units east and north of the map's south-west corner.

    Equirectangular at the map's middle latitude, so one unit is the same distance on both
    axes; the same input point always becomes the same pair, so shared edges stay shared.
    """

    lon0: float
    lat0: float
    per_lon: float
    per_lat: float

    @classmethod
    def of(cls, bounds: tuple[float, float, float, float]) -> Grid:
        """The grid for shapes with these (minx, miny, maxx, maxy) bounds."""
        minx, miny, maxx, maxy = bounds
        aspect = math.cos(math.radians((miny + maxy) / 2))
        longest = max((maxx - minx) * aspect, maxy - miny) * METRES_PER_DEGREE
        per_lat = METRES_PER_DEGREE / max(GRID_METRES, longest / GRID_UNITS)
        return cls(minx, miny, per_lat * aspect, per_lat)

    def xs(self, lons: list[float | None]) -> list[int | None]:
        """Grid x of each longitude (None stays None: it separates rings)."""
        return [None if v is None else round((v - self.lon0) * self.per_lon) for v in lons]

    def ys(self, lats: list[float | None]) -> list[int | None]:
        """Grid y of each latitude."""
        return [None if v is None else round((v - self.lat0) * self.per_lat) for v in lats]
