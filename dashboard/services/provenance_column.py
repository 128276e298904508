"""The provenance column of every download, and provenance lines for slides (no Streamlit).

A row of a download holds one value (a series point, a comparison, a map row) or several (the
similar districts, the social index, the cells): its provenance is that of its value, or the
distinct provenances of its values joined. A value not stored as such (a city or borough total
the page adds up from the districts) names the districts' provenance as a roll-up.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pandas as pd

from dashboard.analysis.profile_scope import default_group
from dashboard.catalogues import Catalogue
from dashboard.exports import with_provenance
from dashboard.present.format import fmt_date
from dashboard.present.i18n import t
from dashboard.store import Store

KEY = ["indicator_id", "area_code", "period", "grp"]
SEPARATOR = " | "
# rows of at most this many areas read only those areas' stored values (a district's slide
# or page); a stored value's text needs its own row and its parts', all of its area
NARROW_AREAS = 50


def texts(store: Store, catalogue: Catalogue, keys: pd.DataFrame, lang: str = "de") -> list:
    """One provenance text per key row (indicator_id, area_code, period, grp); None if unknown."""
    if keys.empty:
        return []
    frame = keys[KEY].reset_index(drop=True)
    dated = frame["period"].notna().to_numpy()
    if not dated.all():  # a row without a year (a target without data) has no value to trace
        out: list[str | None] = [None] * len(frame)
        found_dated = texts(store, catalogue, frame[dated], lang)
        for i, text in zip(frame.index[dated], found_dated, strict=True):
            out[i] = text
        return out
    frame = frame.astype({"period": int})
    areas = list(dict.fromkeys(frame["area_code"]))
    narrow = areas if len(areas) <= NARROW_AREAS else None
    found = with_provenance(store, catalogue, frame, lang, narrow).reset_index(drop=True)
    missing = found.isna()
    if missing.any():
        # not stored as such: a total the page computed from the districts (per indicator)
        for _key, index in frame[missing].groupby(["indicator_id", "period", "grp"]).groups.items():
            part = frame.loc[index].assign(origin="computed")
            found.loc[index] = with_provenance(store, catalogue, part, lang).to_numpy()
    return [x if isinstance(x, str) and x else None for x in found]


def joined(parts: Iterable[str | None]) -> str | None:
    """The distinct provenances of several values of one row, in order; None if none known."""
    distinct = list(dict.fromkeys(p for p in parts if isinstance(p, str) and p))
    return SEPARATOR.join(distinct) or None


def wide_texts(
    store: Store,
    catalogue: Catalogue,
    areas: Sequence[str],
    periods: dict[str, int],
    group: str = "insgesamt",
    lang: str = "de",
) -> list[str | None]:
    """Per area: the joined provenance of its values of several indicators (one period each)."""
    if not len(areas) or not periods:
        return [None] * len(areas)
    keys = pd.DataFrame(
        [(ind, code, int(period), group) for code in areas for ind, period in periods.items()],
        columns=KEY,
    )
    found = texts(store, catalogue, keys, lang)
    width = len(periods)
    return [joined(found[i * width : (i + 1) * width]) for i in range(len(areas))]


def computed(text: str | None, lang: str = "de") -> str | None:
    """A value computed from others (index, contribution): 'berechnet aus: …'."""
    return t("prov.computed_from", lang, texts=text) if text else None


def add(frame: pd.DataFrame, provenance: Sequence[str | None], lang: str = "de") -> pd.DataFrame:
    """The frame with its provenance column (one text per row) at the end."""
    out = frame.reset_index(drop=True).copy()
    out[t("prov.col", lang)] = list(provenance) if len(provenance) else [None] * len(out)
    return out


def label(lang: str = "de") -> str:
    """The column label of the provenance in downloads and tables."""
    return t("prov.col", lang)


def groups_for(indicators: pd.DataFrame, ids: Sequence[str], group: str | None) -> list[str]:
    """The group shown per indicator: the chosen one, else the indicator's default group."""
    if group is not None:
        return [group] * len(ids)
    defaults = {row.id: default_group(row.groups) for row in indicators.itertuples()}
    return [defaults.get(i, "insgesamt") for i in ids]


def measure_texts(measures: pd.DataFrame, lang: str = "de") -> list[str]:
    """Provenance of measure rows (progress, dates): the register, who reported it and when."""
    out = []
    for is_demo, org, updated in zip(
        measures["is_demo"], measures["organisation"], measures["updated_at"], strict=True
    ):
        if bool(is_demo):
            out.append(t("prov.demo", lang))
            continue
        when = fmt_date(pd.Timestamp(updated).date(), lang) if pd.notna(updated) else "–"
        who = org if isinstance(org, str) and org else "–"
        out.append(t("prov.measure", lang, organisation=who, date=when))
    return out
