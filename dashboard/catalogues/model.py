"""The catalogue model: vocabularies, name matching and the Catalogue with its lookups."""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from dashboard.frames import nulls_as_none

FIELD_KINDS = ("uebergreifend", "schwerpunkt", "lebensfeld")
GOAL_KINDS = ("leitziel", "teilziel", "umsetzungsperspektive", "stadtteilziel")
INDICATOR_KINDS = ("share", "rate", "count", "mean", "index")
DIRECTIONS = ("higher_better", "lower_better", "neutral")
TARGET_TYPES = ("absolute", "parity", "relative_change", "direction")
CITY_CODE = "0"  # the code of the whole city (level stadt) in every catalogue
AREA_LEVELS = (
    "stadt", "stadtbezirk", "teilbereich", "stadtteil", "nicht_zuzuordnen", "stadtzelle",
)  # fmt: skip
AGGREGATES = ("sum", "ratio", "none")
ADDITIVE_KINDS = {"splits": "split", "identities": "identity"}  # YAML key -> stored kind
MAX_LABEL = 90
RE_SLUG = re.compile(r"^[a-z][a-z0-9_]*$")


# imports resolve the same few labels for every row: keep the results (typed: 1 ≠ True)
@functools.lru_cache(maxsize=65536, typed=True)
def normalise_name(text: str) -> str:
    """Key for matching area names: case-, accent-, quote- and whitespace-insensitive."""
    text = unicodedata.normalize("NFKC", str(text)).strip().strip("\"'„“”").casefold()
    text = text.replace("ß", "ss")
    return re.sub(r"[\s\-‐–]+", " ", text).strip()


def slugify(text: str, sep: str = "_") -> str:
    """ASCII id from a German label: 'Stadtteilbüro Coerde' → 'stadtteilbuero_coerde'."""
    norm = normalise_name(text)
    for umlaut, ascii_ in (("ä", "ae"), ("ö", "oe"), ("ü", "ue")):
        norm = norm.replace(umlaut, ascii_)
    norm = unicodedata.normalize("NFKD", norm).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", sep, norm).strip(sep)


# Pages look indicators up hundreds of times a rerun; a boolean mask over the table each time
# cost ~1 ms. One dict per indicator table (keyed by the frame itself, so a new or replaced
# table gets its own; the few recent ones are kept), first row per id like the mask's iloc[0].
_ROWS: dict[int, tuple[pd.DataFrame, dict[str, dict[str, Any]], int]] = {}


def _indicator_rows(frame: pd.DataFrame) -> dict[str, dict[str, Any]]:
    """Indicator id → its first row as a dict, built once per indicator table."""
    hit = _ROWS.get(id(frame))
    if hit is not None and hit[0] is frame and hit[2] == len(frame):
        return hit[1]
    rows: dict[str, dict[str, Any]] = {}
    for row in frame.to_dict("records"):
        rows.setdefault(row["id"], row)
    if len(_ROWS) >= 32:
        _ROWS.pop(next(iter(_ROWS)))
    _ROWS[id(frame)] = (frame, rows, len(frame))
    return rows


@dataclass
class Catalogue:
    """The validated catalogues as table frames plus lookups the importers need."""

    frames: dict[str, pd.DataFrame]
    area_by_key: dict[str, str] = field(default_factory=dict)

    @property
    def areas(self) -> pd.DataFrame:
        """Area table (code, level, name, parent_code, aliases, sort)."""
        return self.frames["area"]

    @property
    def indicators(self) -> pd.DataFrame:
        """Indicator table."""
        return self.frames["indicator"]

    @property
    def additive_sets(self) -> pd.DataFrame:
        """Declared splits of groups and identities between indicators (kind, total, parts)."""
        empty = pd.DataFrame(columns=["id", "kind", "total", "parts", "sort"])
        return self.frames.get("additive_set", empty)

    def indicator(self, indicator_id: str) -> dict[str, Any] | None:
        """One indicator as a dict, or None."""
        row = _indicator_rows(self.indicators).get(indicator_id)
        return None if row is None else dict(row)

    def analysis_indicators(self, key: str, default: tuple[str, ...] = ()) -> tuple[str, ...]:
        """Indicators the catalogue names for an analysis (``analyses`` block), else ``default``."""
        frame = self.frames.get("analysis_setting")
        if frame is None or frame.empty or key not in set(frame["key"]):
            return tuple(default)
        return tuple(frame.loc[frame["key"] == key, "indicators"].iloc[0])

    def setting(self, key: str) -> tuple[str, ...]:
        """The ids an ``analyses`` setting names (empty when the catalogue has none)."""
        return self.analysis_indicators(key)

    def key_indicator(self, role: str) -> str | None:
        """The one indicator of a role (``population``, ``headline_share``), None if undeclared."""
        ids = self.setting(role)
        return ids[0] if ids and self.indicator(ids[0]) is not None else None

    def key_indicators(self) -> dict[str, str | None]:
        """The indicators of the key facts by role (population, headline share)."""
        return {role: self.key_indicator(role) for role in ("population", "headline_share")}

    def district_codes(self) -> list[str]:
        """The Stadtteil codes in catalogue order."""
        return list(self.areas.loc[self.areas["level"] == "stadtteil", "code"])

    def city_code(self) -> str | None:
        """The code of the whole city (the area of level ``stadt``)."""
        codes = self.areas.loc[self.areas["level"] == "stadt", "code"]
        return None if codes.empty else str(codes.iloc[0])

    def focus_districts(self, key: str = "focus_districts") -> tuple[str, ...]:
        """Districts shown first (declared; else the catalogue's first district)."""
        districts = self.district_codes()
        declared = tuple(c for c in self.setting(key) if c in districts)
        return declared or tuple(districts[:1])

    def focus_fields(self) -> tuple[str, ...]:
        """Fields of action a default deck covers (declared; else every field)."""
        fields = list(self.frames["field"]["id"])
        declared = tuple(f for f in self.setting("focus_fields") if f in fields)
        return declared or tuple(fields)

    def resolve_area(self, text: str) -> str | None:
        """Area code for a code, name or alias (None when unknown)."""
        return self.area_by_key.get(normalise_name(text))

    def area_codes(self) -> set[str]:
        """All area codes."""
        return set(self.areas["code"])

    def group_ids(self) -> set[str]:
        """Declared disaggregation groups."""
        return set(self.frames["group_label"]["id"])

    @classmethod
    def from_frames(cls, frames: dict[str, pd.DataFrame]) -> Catalogue:
        """Build the lookups from table frames (as loaded from YAML or from the store)."""
        frames = {name: nulls_as_none(frame) for name, frame in frames.items()}
        keys: dict[str, str] = {}
        for row in frames["area"].itertuples():
            for key in [row.code, row.name, *list(row.aliases)]:
                keys.setdefault(normalise_name(key), row.code)
            if row.level == "stadtteil":
                keys.setdefault(normalise_name(f"{row.code} {row.name}"), row.code)
        return cls(frames=frames, area_by_key=keys)
