"""Social status index of the Stadtteile, in the manner of Münster's Sozialmonitoring.

Method (also returned as text by ``method_text``):

1. Core indicators: the catalogue's ``analyses: social_index`` list (social situation only, e.g.
   SGB-II shares, unemployment and employment density; no share with Migrationsvorgeschichte,
   which would count migration as need); the population is the catalogue's
   ``analyses: population`` indicator. An indicator whose higher value is better (employment)
   counts with reversed sign, so a higher index always means a higher need for support; this
   describes living conditions, not people.
2. Each indicator is standardised as the deviation of the district from the *city value*
   (the official value of area "0"), divided by the standard deviation of the district values:
   z = (x − city) / sd. So 0 means "like the city as a whole".
3. The index is the mean of the z-values (equal weights). It is computed when at least two
   thirds of the core indicators are visible for the district; hidden (secret) values are never
   replaced by zero. Each indicator's contribution (z / number of indicators) is returned, so
   the contributions add up to the index.
4. Classes by standard deviation of the index across the districts, around the city value 0:
   ≤ −1 sd, −1 to −0.5, −0.5 to +0.5, +0.5 to +1, ≥ +1 (very low … very high need).
5. Dynamics: the index now minus the index ``DYNAMICS_PERIODS`` periods earlier (or the
   earliest earlier period available); a change of more than ``DYNAMICS_THRESHOLD`` (in
   standard deviations) counts as rising or falling need relative to the city.
6. Districts with fewer inhabitants than the minimum (setting ``index_min_population``,
   default 300) are left out: their shares swing with a handful of people. They are also left
   out of the standard deviations.

``compute_social_index`` is the function for other pages (e.g. the map): it returns one row per
Stadtteil with the index, its class, the dynamics and the contributions.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

CITY = "0"
# Name of the setting in dashboard/config.py (env LEITBILD_INDEX_MIN_POPULATION).
MIN_POPULATION_SETTING = "index_min_population"
DEFAULT_MIN_POPULATION = 300
MIN_INDICATOR_SHARE = 2 / 3
CLASS_BOUNDS = (-1.0, -0.5, 0.5, 1.0)  # in standard deviations of the index
CLASS_KEYS = ("very_low", "low", "average", "high", "very_high")
DYNAMICS_PERIODS = 3
DYNAMICS_THRESHOLD = 0.2
# A higher index means more need: on a map, red (worse) is the high end.
INDEX_DIRECTION = "lower_better"

FRAME_COLUMNS = [
    "area_code", "population", "included", "reason", "n_indicators", "index", "index_sd",
    "class_no", "class_key", "rank", "previous_period", "previous_index", "dynamics",
    "dynamics_key",
]  # fmt: skip


@dataclass(frozen=True)
class SocialIndex:
    """Result of the index for one period, with everything needed to explain it."""

    frame: pd.DataFrame
    period: int | None
    indicators: tuple[str, ...]
    missing: tuple[str, ...]
    city: dict[str, float] = field(default_factory=dict)
    spread: dict[str, float] = field(default_factory=dict)
    sigma: float = math.nan
    min_population: int = DEFAULT_MIN_POPULATION
    reversed_indicators: frozenset[str] = frozenset()

    @property
    def available(self) -> bool:
        """True when at least one district has an index."""
        return bool(self.frame["index"].notna().any()) if not self.frame.empty else False

    def row(self, code: str) -> pd.Series | None:
        """The row of one district, or None."""
        hit = self.frame[self.frame["area_code"] == code]
        return None if hit.empty else hit.iloc[0]


def classify(index_sd: float, bounds: tuple[float, ...] = CLASS_BOUNDS) -> int | None:
    """Class number 1..len(bounds)+1 of an index expressed in standard deviations."""
    if index_sd is None or pd.isna(index_sd):
        return None
    return int(np.searchsorted(np.asarray(bounds), index_sd, side="left")) + 1


def _wide(values: pd.DataFrame, indicators: tuple[str, ...], period: int) -> pd.DataFrame:
    """Area × indicator values (group insgesamt) of one period."""
    rows = values[
        values["indicator_id"].isin(indicators)
        & (values["grp"] == "insgesamt")
        & (values["period"] == period)
    ]
    wide = rows.pivot_table(
        index="area_code", columns="indicator_id", values="value", aggfunc="first", dropna=False
    )
    return wide.reindex(columns=list(indicators))


def _population(
    values: pd.DataFrame, codes: list[str], period: int, indicator: str | None
) -> pd.Series:
    """Population per district in ``period`` or the latest earlier period (NaN if unknown)."""
    rows = values[
        (values["indicator_id"] == indicator)
        & (values["grp"] == "insgesamt")
        & (values["period"] <= period)
        & values["value"].notna()
    ]
    latest = rows.sort_values("period").groupby("area_code")["value"].last()
    return latest.reindex(codes)


def _pick_period(values: pd.DataFrame, indicators: tuple[str, ...]) -> int | None:
    """Latest period with a city value for the most core indicators."""
    city = values[
        values["indicator_id"].isin(indicators)
        & (values["area_code"] == CITY)
        & (values["grp"] == "insgesamt")
        & values["value"].notna()
    ]
    if city.empty:
        return None
    per_period = city.groupby("period")["indicator_id"].nunique()
    return int(per_period[per_period == per_period.max()].index.max())


def composition(
    indicators: pd.DataFrame, listed: tuple[str, ...]
) -> tuple[tuple[str, ...], frozenset[str]]:
    """The listed indicators the catalogue knows, and those counted reversed (higher_better)."""
    direction = dict(zip(indicators["id"], indicators["direction"], strict=True))
    known = tuple(i for i in listed if i in direction)
    return known, frozenset(i for i in known if direction[i] == "higher_better")


def _index_for_period(
    values: pd.DataFrame,
    codes: list[str],
    period: int,
    indicators: tuple[str, ...],
    min_population: int,
    reversed_: frozenset[str] = frozenset(),
    population_indicator: str | None = None,
) -> tuple[pd.DataFrame, dict[str, float], dict[str, float], tuple[str, ...]]:
    """Per-district z-values, index and inclusion for one period (no classes, no dynamics)."""
    wide = _wide(values, indicators, period).reindex(codes)
    city_wide = _wide(values, indicators, period)
    city_row = city_wide.loc[CITY] if CITY in city_wide.index else pd.Series(dtype=float)
    population = _population(values, codes, period, population_indicator)
    small = population.notna() & (population < min_population)
    out = pd.DataFrame({"area_code": codes, "population": population.to_numpy()})
    out["included"] = ~small.to_numpy()
    out["reason"] = np.where(small.to_numpy(), "small_population", None)
    base = wide[~small]
    used: list[str] = []
    city: dict[str, float] = {}
    spread: dict[str, float] = {}
    for ind in indicators:
        c = city_row.get(ind, math.nan)
        sd = float(base[ind].std(ddof=1)) if base[ind].notna().sum() >= 3 else math.nan
        if pd.isna(c) or pd.isna(sd) or sd == 0:
            continue
        used.append(ind)
        city[ind], spread[ind] = float(c), sd
        sign = -1.0 if ind in reversed_ else 1.0  # higher employment means less need
        out[f"z_{ind}"] = (sign * (wide[ind] - c) / sd).where(~small).to_numpy()
        out[f"value_{ind}"] = wide[ind].to_numpy()
    z_cols = [f"z_{ind}" for ind in used]
    n = out[z_cols].notna().sum(axis=1) if z_cols else pd.Series(0, index=out.index)
    needed = max(1, math.ceil(MIN_INDICATOR_SHARE * len(used))) if used else 1
    enough = out["included"] & (n >= needed)
    out["n_indicators"] = n.astype(int)
    out["index"] = out[z_cols].mean(axis=1).where(enough) if z_cols else math.nan
    for ind in used:
        out[f"contrib_{ind}"] = (out[f"z_{ind}"] / n.replace(0, np.nan)).where(enough)
    lacking = out["included"] & ~enough
    out.loc[lacking, "reason"] = "too_few_values"
    return out, city, spread, tuple(used)


def _earlier_period(values: pd.DataFrame, indicators: tuple[str, ...], period: int, k: int) -> int:
    """The period ``k`` steps back, or the earliest earlier one with city values (-1 if none)."""
    city = values[
        values["indicator_id"].isin(indicators)
        & (values["area_code"] == CITY)
        & values["value"].notna()
        & (values["period"] < period)
    ]
    periods = sorted(set(city["period"]))
    if not periods:
        return -1
    candidates = [p for p in periods if p <= period - k]
    return int(candidates[-1]) if candidates else int(periods[0])


def compute_social_index(
    values: pd.DataFrame,
    areas: pd.DataFrame,
    period: int | None = None,
    indicators: tuple[str, ...] = (),
    min_population: int = DEFAULT_MIN_POPULATION,
    dynamics_periods: int = DYNAMICS_PERIODS,
    reversed_indicators: frozenset[str] = frozenset(),
    population_indicator: str | None = None,
) -> SocialIndex:
    """The index of every Stadtteil for ``period`` (default: latest with city values).

    ``values`` is the released observation frame (suppression applied). Frame columns:
    area_code, population, included, reason (small_population | too_few_values | None),
    n_indicators, index, index_sd, class_no (1–5), class_key, rank (1 = highest need),
    previous_period, previous_index, dynamics, dynamics_key (rising | falling | stable),
    and per indicator value_<id>, z_<id>, contrib_<id>. ``reversed_indicators`` (higher is
    better) count with reversed sign; ``population_indicator`` (the catalogue's population)
    decides which districts are too small (None: none is left out for its size).
    """
    codes = list(areas.loc[areas["level"] == "stadtteil", "code"])
    indicators = tuple(indicators)
    if period is None:
        period = _pick_period(values, indicators)
    if period is None or not codes:
        return SocialIndex(pd.DataFrame(columns=FRAME_COLUMNS), None, (), indicators)
    args = (values, codes, period, indicators, min_population, reversed_indicators)
    out, city, spread, used = _index_for_period(*args, population_indicator)
    missing = tuple(i for i in indicators if i not in used)
    sigma = float(out["index"].std(ddof=1)) if out["index"].notna().sum() >= 3 else math.nan
    out["index_sd"] = out["index"] / sigma if sigma and not pd.isna(sigma) else math.nan
    out["class_no"] = out["index_sd"].map(classify).astype("Int64")
    out["class_key"] = out["class_no"].map(lambda c: None if pd.isna(c) else CLASS_KEYS[c - 1])
    out["rank"] = out["index"].rank(ascending=False, method="min")
    _add_dynamics(
        out, values, codes, period, used, (min_population, population_indicator),
        dynamics_periods, reversed_indicators,
    )  # fmt: skip
    ordered = FRAME_COLUMNS + [c for c in out.columns if c not in FRAME_COLUMNS]
    return SocialIndex(
        out[ordered],
        period,
        used,
        missing,
        city,
        spread,
        sigma,
        min_population,
        frozenset(i for i in used if i in reversed_indicators),
    )


def _add_dynamics(
    out: pd.DataFrame,
    values: pd.DataFrame,
    codes: list[str],
    period: int,
    used: tuple[str, ...],
    population: tuple[int, str | None],
    k: int,
    reversed_: frozenset[str] = frozenset(),
) -> None:
    """Previous index and the change since (in place); NaN where no earlier index exists."""
    out["previous_period"] = pd.NA
    out["previous_index"] = math.nan
    out["dynamics"] = math.nan
    out["dynamics_key"] = None
    earlier = _earlier_period(values, used, period, k) if used else -1
    if earlier < 0:
        return
    min_population, indicator = population  # the minimum and the population indicator
    before, _, _, _ = _index_for_period(
        values, codes, earlier, used, min_population, reversed_, indicator
    )
    out["previous_period"] = earlier
    out["previous_index"] = before["index"].to_numpy()
    out["dynamics"] = out["index"] - out["previous_index"]
    out["dynamics_key"] = out["dynamics"].map(_dynamics_key)
    for ind in used:
        if f"value_{ind}" in before:
            out[f"change_{ind}"] = out[f"value_{ind}"] - before[f"value_{ind}"].to_numpy()


def _dynamics_key(change: float) -> str | None:
    if pd.isna(change):
        return None
    if change > DYNAMICS_THRESHOLD:
        return "rising"
    if change < -DYNAMICS_THRESHOLD:
        return "falling"
    return "stable"


METHOD_TEXT = {
    "de": (
        "**Wie der Sozialindex berechnet wird** (nach dem Vorbild des Münsteraner "
        "Sozialmonitorings)\n\n"
        "1. Kernindikatoren: {indicators}. Ein höherer Wert zeigt einen höheren "
        "Unterstützungsbedarf an – er beschreibt Lebenslagen, keine Menschen.\n"
        "2. Jeder Kernindikator wird als Abweichung vom Wert der Gesamtstadt gemessen und durch "
        "die Standardabweichung der Stadtteilwerte geteilt (0 = wie die Stadt insgesamt).\n"
        "3. Der Index ist der Mittelwert dieser Abweichungen, alle Kernindikatoren gleich "
        "gewichtet. Er wird berechnet, wenn mindestens zwei Drittel der Kernindikatoren für den "
        "Stadtteil vorliegen; geheim gehaltene Werte werden nie durch 0 ersetzt.\n"
        "4. Klassen nach Standardabweichungen des Index um den Stadtwert: bis −1, −1 bis −0,5, "
        "−0,5 bis +0,5, +0,5 bis +1, ab +1 (sehr geringer bis sehr hoher Bedarf).\n"
        "5. Dynamik: Index {period} minus Index {previous}; eine Änderung um mehr als "
        "{threshold} Standardabweichungen gilt als steigender oder sinkender Bedarf im "
        "Vergleich zur Stadt.\n"
        "6. Stadtteile mit weniger als {min_population} Einwohnenden bleiben außen vor, weil "
        "dort wenige Personen die Anteile stark verschieben.\n\n"
        "Stand: {period}. {missing}{composition}"
    ),
    "en": (
        "**How the social index is computed** (after Münster's Sozialmonitoring)\n\n"
        "1. Core indicators: {indicators}. A higher value means a higher need for support – it "
        "describes living conditions, not people.\n"
        "2. Each core indicator is measured as the deviation from the city-wide value, divided "
        "by the standard deviation of the district values (0 = like the city as a whole).\n"
        "3. The index is the mean of these deviations, all core indicators weighted equally. It "
        "is computed when at least two thirds of the core indicators are available for the "
        "district; hidden (secret) values are never replaced by 0.\n"
        "4. Classes by standard deviations of the index around the city value: up to −1, −1 to "
        "−0.5, −0.5 to +0.5, +0.5 to +1, from +1 (very low to very high need).\n"
        "5. Dynamics: index {period} minus index {previous}; a change of more than {threshold} "
        "standard deviations counts as rising or falling need relative to the city.\n"
        "6. Districts with fewer than {min_population} inhabitants are left out, because a few "
        "people shift their shares strongly.\n\n"
        "Period: {period}. {missing}{composition}"
    ),
}
MISSING_TEXT = {
    "de": "Ohne Daten und daher nicht im Index: {names}.",
    "en": "Without data and therefore not in the index: {names}.",
}


# why the composition is what it is, and what it cannot say on thin data
COMPOSITION_TEXT = {
    "de": (
        "\n\nDie Zusammensetzung legt der Indikatorenkatalog fest: nur Indikatoren der sozialen "
        "Lage (wie im Berliner Monitoring Soziale Stadtentwicklung), kein Anteil mit "
        "Migrationsvorgeschichte – Migration ist kein Bedarf. {reversed}"
    ),
    "en": (
        "\n\nThe indicator catalogue sets the composition: social situation only (as in Berlin's "
        "Monitoring Soziale Stadtentwicklung), no share with migration history – migration is "
        "not a need. {reversed}"
    ),
}
REVERSED_TEXT = {
    "de": "Umgekehrt gewertet (ein höherer Wert heißt weniger Bedarf): {names}. ",
    "en": "Counted reversed (a higher value means less need): {names}. ",
}
THIN_TEXT = {
    "de": (
        "Mit nur {n} Indikatoren ist dieser Index deutlich dünner als das Sozialmonitoring der "
        "Stadt Münster (das u. a. SGB-II-Quoten und Kinderarmut einbezieht); er ordnet die "
        "Stadtteile grob, ersetzt es aber nicht."
    ),
    "en": (
        "With only {n} indicators this index is much thinner than the city's own "
        "Sozialmonitoring (which includes SGB II rates and child poverty, among others); it "
        "ranks the districts roughly but does not replace it."
    ),
}
THIN_BELOW = 3


def composition_text(result: SocialIndex, names: dict[str, str], lang: str = "de") -> str:
    """Why these indicators, which count reversed, and a warning when the index is thin."""
    lang = lang if lang in COMPOSITION_TEXT else "de"
    flipped = [names.get(i, i) for i in result.indicators if i in result.reversed_indicators]
    reversed_ = REVERSED_TEXT[lang].format(names=", ".join(flipped)) if flipped else ""
    text = COMPOSITION_TEXT[lang].format(reversed=reversed_)
    if result.indicators and len(result.indicators) < THIN_BELOW:
        text += THIN_TEXT[lang].format(n=len(result.indicators))
    return text.rstrip()


def method_text(result: SocialIndex, names: dict[str, str], lang: str = "de") -> str:
    """The method in words (German or English) with this result's parameters filled in."""
    lang = lang if lang in METHOD_TEXT else "de"
    listed = [names.get(i, i) for i in (result.indicators or result.missing)]
    missing = ", ".join(names.get(i, i) for i in result.missing)
    previous = result.frame["previous_period"].dropna() if not result.frame.empty else []
    threshold = f"{DYNAMICS_THRESHOLD:.1f}"
    return METHOD_TEXT[lang].format(
        indicators=", ".join(listed),
        period=result.period if result.period is not None else "–",
        previous=int(previous.iloc[0]) if len(previous) else "–",
        threshold=threshold.replace(".", ",") if lang == "de" else threshold,
        min_population=f"{result.min_population:,}".replace(",", "." if lang == "de" else ","),
        missing=MISSING_TEXT[lang].format(names=missing) if missing else "",
        composition=composition_text(result, names, lang),
    )
