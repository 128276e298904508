"""Provenance of every value: official (table, office, reference date, imported when, by whom),
computed from official values (from which), imported from another file, or demo.

Stored values carry their source text (the bundle import writes office, table and reference
date into it) and the import that wrote them; a derived value's provenance names both parts;
a value a page computes itself from the districts (a roll-up) says so and names theirs.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

KEY = ["indicator_id", "area_code", "period", "grp"]
KINDS = ("official", "computed", "imported", "demo")
LABELS = {
    "de": {
        "official": "amtlich",
        "imported": "importiert",
        "demo": "Demodaten",
        "computed_official": "berechnet aus amtlichen Werten",
        "computed": "berechnet aus",
        "computed_demo": "berechnet aus Demodaten",
        "rollup": "Summe bzw. Verhältnis der Stadtteilwerte",
        "imported_on": "importiert am {date} von {actor}",
        "from_file": "aus {file}",
    },
    "en": {
        "official": "official",
        "imported": "imported",
        "demo": "demo data",
        "computed_official": "computed from official values",
        "computed": "computed from",
        "computed_demo": "computed from demo data",
        "rollup": "sum or ratio of the district values",
        "imported_on": "imported on {date} by {actor}",
        "from_file": "from {file}",
    },
}


def _date(value: object, lang: str) -> str:
    stamp = pd.Timestamp(value)
    return stamp.strftime("%d.%m.%Y") if lang == "de" else stamp.strftime("%Y-%m-%d")


ORIGIN = ["source", "is_demo", "file", "logged_at", "actor"]  # what a value's text says


def records(parts: pd.DataFrame, official_files: set[str], lang: str = "de") -> pd.DataFrame:
    """Per stored value (``Store.provenance`` rows): kind, short reference and full text.

    Each distinct origin is described once: a year of a large release has hundreds of
    thousands of values from a handful of imports (at 10x the per-value loop took 5 s a deck).
    """
    origins = parts[ORIGIN]
    # group numbers in order of first appearance, the same order drop_duplicates keeps
    codes = origins.groupby(ORIGIN, dropna=False, sort=False).ngroup().to_numpy()
    kinds, shorts, texts = _origin_texts(origins.drop_duplicates(), official_files, lang)
    pick = np.asarray(codes, dtype=np.int64)
    return parts[KEY].assign(
        kind=np.asarray(kinds, dtype=object)[pick] if len(pick) else [],
        short=np.asarray(shorts, dtype=object)[pick] if len(pick) else [],
        text=np.asarray(texts, dtype=object)[pick] if len(pick) else [],
    )


def _origin_texts(
    origins: pd.DataFrame, official_files: set[str], lang: str
) -> tuple[list[str], list[str], list[str]]:
    """Kind, short reference and full text of each origin row."""
    words = LABELS.get(lang, LABELS["de"])
    kinds, shorts, texts = [], [], []
    columns = [origins[c].tolist() for c in ORIGIN]
    for source, is_demo, file, logged_at, actor in zip(*columns, strict=True):
        source = source if isinstance(source, str) and source else None
        when = (
            words["imported_on"].format(date=_date(logged_at, lang), actor=actor)
            if isinstance(file, str)
            else ""
        )
        if bool(is_demo):
            kind, short = "demo", words["demo"]
            plain = not source or "demo" in source.casefold()
            text = words["demo"] if plain else f"{words['demo']} – {source}"
        elif isinstance(file, str) and file in official_files:
            kind, short = "official", source or file
            text = f"{words['official']} – {short}; {when}"
        else:
            kind = "imported"
            short = source or file or "–"
            # the file is named once: as the origin, or after a source text it does not repeat
            details = [source] if source else []
            if file and file != source:
                details.append(words["from_file"].format(file=file))
            origin = "; ".join(details) or "–"
            text = f"{words['imported']} – {origin}" + (f"; {when}" if when else "")
        kinds.append(kind)
        shorts.append(short)
        texts.append(text)
    return kinds, shorts, texts


def _part_key(frame: pd.DataFrame, indicators: pd.DataFrame, part: str) -> pd.DataFrame:
    """The key of a derived row's numerator or denominator (first summed group if summed)."""
    by_id = indicators.set_index("id")
    ids = frame["indicator_id"].map(by_id[f"{part}_id"])
    groups_col = f"{part}_groups"
    first = (
        by_id[groups_col].map(lambda g: None if g is None or isinstance(g, float) else g[0])
        if groups_col in by_id
        else pd.Series(None, index=by_id.index)
    )
    grp = frame["indicator_id"].map(first)
    return pd.DataFrame(
        {
            "indicator_id": ids.to_numpy(),
            "area_code": frame["area_code"].to_numpy(),
            "period": frame["period"].to_numpy(),
            "grp": grp.where(grp.notna(), frame["grp"]).to_numpy(),
        }
    )


def _lookup(keys: pd.DataFrame, recs: pd.DataFrame) -> pd.DataFrame:
    merged = keys.merge(recs.drop_duplicates(KEY), on=KEY, how="left")
    return merged[["kind", "short", "text"]].reset_index(drop=True)


def describe(
    frame: pd.DataFrame,
    parts: pd.DataFrame,
    indicators: pd.DataFrame,
    official_files: set[str],
    lang: str = "de",
) -> pd.Series:
    """One provenance text per row of ``frame`` (columns indicator_id, area_code, period, grp;
    optional ``origin`` = 'computed' for roll-ups); None where nothing is known."""
    words = LABELS.get(lang, LABELS["de"])
    recs = records(parts, official_files, lang)
    frame = frame.reset_index(drop=True)
    own = _lookup(frame[KEY], recs)
    text = own["text"].copy()
    derived_ids = set(indicators.loc[indicators["numerator_id"].notna(), "id"])
    is_derived = frame["indicator_id"].isin(derived_ids).to_numpy()
    if is_derived.any():
        rows = frame[is_derived]
        num = _lookup(_part_key(rows, indicators, "numerator"), recs)
        den = _lookup(_part_key(rows, indicators, "denominator"), recs)
        both = num["short"].where(num["short"] == den["short"], num["short"] + "; " + den["short"])
        official = (num["kind"] == "official") & (den["kind"] == "official")
        demo = (num["kind"] == "demo") | (den["kind"] == "demo")
        composed = np.where(
            demo,
            words["computed_demo"],
            np.where(
                official,
                words["computed_official"] + " – " + both,
                words["computed"] + " – " + both,
            ),
        )
        known = num["kind"].notna() & den["kind"].notna()
        text.loc[is_derived] = np.where(known, composed, None)
    computed = (frame["origin"] == "computed").to_numpy() if "origin" in frame else None
    if computed is not None and computed.any():
        # a value the page computed from the districts (one indicator, period and group):
        # the districts' provenance, the most common one
        first = frame[computed].iloc[0]
        pool = pd.DataFrame(
            {"indicator_id": first["indicator_id"], "area_code": sorted(set(parts["area_code"])),
             "period": first["period"], "grp": first["grp"]}
        )  # fmt: skip
        found = describe(pool, parts, indicators, official_files, lang).dropna()
        if len(found):
            text.loc[computed] = f"{words['rollup']}: {found.value_counts().index[0]}"
    return pd.Series([x if isinstance(x, str) else None for x in text], dtype=object)
