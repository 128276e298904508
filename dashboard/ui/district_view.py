"""What the sections of the Stadtteil page share: the data and the chosen district and filters."""

from __future__ import annotations

from dataclasses import dataclass

from dashboard.analysis.area_tree import stadtbezirk_of
from dashboard.catalogues import Catalogue

CHART_CONFIG = {"displayModeBar": False}


@dataclass(frozen=True)
class View:
    """What the sections of the page share: the data and the chosen district and filters."""

    cat: Catalogue
    names: dict[str, str]
    fields: dict[str, str]
    code: str
    period: int | None
    group: str | None
    group_label: str = ""

    @property
    def name(self) -> str:
        """Name of the chosen district."""
        return self.names[self.code]

    @property
    def bezirk(self) -> str | None:
        """Code of the district's Stadtbezirk."""
        return stadtbezirk_of(self.cat.areas, self.code)

    @property
    def bezirk_name(self) -> str | None:
        """Name of the district's Stadtbezirk."""
        return self.names.get(self.bezirk) if self.bezirk else None

    @property
    def shorts(self) -> dict[str, str]:
        """Short indicator names."""
        ids, shorts = self.cat.indicators["id"], self.cat.indicators["short"]
        return dict(zip(ids, shorts, strict=True))
