"""Demo city-only indicators: counts, ratios and values that exist for the whole city only."""

from __future__ import annotations

import numpy as np

from dashboard.demo.base import YEARS, Base, Series, T, binom


# --- city-only indicators -----------------------------------------------------------------------
def progress_shape(kind: str) -> np.ndarray:
    """Progress from the 2015 to the 2025 level: linear, a step in 2022, or late growth."""
    linear = (YEARS - 2015) / 10
    if kind == "step2022":
        return np.where(YEARS >= 2022, 0.75 + 0.25 * linear, 0.35 * linear)
    if kind == "late":
        return np.array([0, 0.05, 0.1, 0.1, 0.12, 0.05, 0.15, 0.25, 0.4, 0.8, 1.0])
    return linear


# indicator: (2015 total, 2025 total, noise, {group: share}, groups partition the total?,
#             {year: factor})
CITY_COUNTS: dict[str, tuple[float, float, float, dict[str, float], bool, dict[int, float]]] = {
    "rassistische_vorfaelle": (55, 150, 0.06, {
        "anti_schwarzer_rassismus": 0.18, "antisemitismus": 0.22, "rassismus_sinti_roma": 0.03,
        "antimuslimischer_rassismus": 0.24, "antiasiatischer_rassismus": 0.05,
        "antislawischer_rassismus": 0.06, "sonstige_formen": 0.22}, True, {2020: 1.15}),
    "antidiskriminierung_beratung": (40, 170, 0.08, {
        "bereich_arbeit": 0.26, "bereich_wohnen": 0.22, "bereich_bildung": 0.18,
        "bereich_verwaltung": 0.14}, False, {}),
    "austausch_teilnehmende": (70, 115, 0.08, {
        "sektor_zivilgesellschaft": 0.46, "sektor_wirtschaft": 0.12, "sektor_verwaltung": 0.30,
        "sektor_politik": 0.12}, True, {2020: 0.55, 2021: 0.7}),
    "mehrsprachige_infoangebote": (30, 125, 0.03, {}, True, {}),
    "anerkennungsverfahren": (240, 520, 0.06, {"gesundheit_pflege": 0.48}, False, {2020: 0.85}),
    "fortbildung_diversitaet": (140, 880, 0.07, {"fuehrungskraefte": 0.14}, False, {2020: 0.6}),
    "migrationsberatung_faelle": (2300, 3300, 0.04, {"mbe": 0.74, "jmd": 0.26}, True,
                                  {2016: 1.3, 2017: 1.15, 2022: 1.25, 2023: 1.12}),
    "sprachmittlung_einsaetze": (380, 1500, 0.06, {
        "bereich_gesundheit": 0.34, "bereich_soziales": 0.28, "bereich_bildung": 0.22}, False,
        {2020: 0.7}),
}  # fmt: skip

# indicator: {group: (denominator 2015, 2025, rate % 2015, 2025, shape)}; "insgesamt" is the
# sum of the groups unless listed itself (then the other groups are subsets of it).
CITY_RATIOS: dict[str, dict[str, tuple[float, float, float, float, str]]] = {
    "azubi_anteil_international": {
        "maennlich": (5100, 4800, 15.5, 20.5, "linear"),
        "weiblich": (3900, 3600, 12.0, 17.0, "linear")},
    "integrationsrat_wahlbeteiligung": {"insgesamt": (41000, 55300, 11.0, 13.9, "step2022")},
    "einbuergerungen_je100": {
        "maennlich": (8200, 10400, 2.9, 6.8, "late"),
        "weiblich": (7600, 9800, 3.4, 7.6, "late")},
    "neueinstellungen_anteil_international": {
        "insgesamt": (560, 690, 17.5, 26.0, "linear"),
        "auszubildende": (170, 210, 19.0, 31.0, "linear")},
    "niederlassung_anteil": {
        "maennlich": (9500, 15800, 47.0, 36.0, "step2022"),
        "weiblich": (8700, 14900, 50.0, 39.0, "step2022")},
    "schulabgang_ohne_abschluss": {
        "deutsch": (2950, 3050, 4.1, 4.6, "linear"),
        "nichtdeutsch": (330, 420, 15.0, 12.2, "linear")},
    "gefluechtete_privatwohnung": {"insgesamt": (5200, 4400, 34.0, 58.0, "linear")},
}  # fmt: skip

# Survey values and means without numerator: indicator: {group: (2015, 2025)}.
CITY_VALUES: dict[str, dict[str, tuple[float, float]]] = {
    "rassismuserfahrung": {"mit_mv": (30.0, 33.5), "ohne_mv": (9.5, 8.5)},
    "personal_anteil_international": {"insgesamt": (11.5, 17.0), "fuehrungskraefte": (5.5, 8.5)},
}
NATURALISATION_MONTHS = np.array([14.5, 14.0, 13.8, 14.2, 15.0, 17.5, 18.2, 19.0, 19.4, 17.8, 16.4])


def city_counts(rng: np.random.Generator) -> list[Series]:
    """City-only counts; groups drawn as one multinomial so that partitions add up."""
    out = []
    for ind, (start, end, noise, shares, partition, shocks) in CITY_COUNTS.items():
        factor = np.array([shocks.get(int(y), 1.0) for y in YEARS])
        path = (start + (end - start) * progress_shape("linear")) * factor
        total = np.rint(path * rng.normal(1, noise, T)).astype(np.int64)
        out.append(Series(ind, "insgesamt", ["0"], total[None, :]))
        if not shares:
            continue
        p = np.array(list(shares.values()))
        p = p / p.sum() if partition else np.append(p, 1 - p.sum())
        parts = np.array([rng.multinomial(n, p) for n in total])
        for k, grp in enumerate(shares):
            out.append(Series(ind, grp, ["0"], parts[:, k][None, :]))
    return out


def city_ratios(rng: np.random.Generator) -> list[Series]:
    """City-only shares and rates with numerator and denominator per group."""
    out = []
    for ind, groups in CITY_RATIOS.items():
        nums, dens = [], []
        for grp, (d0, d1, r0, r1, shape) in groups.items():
            w = progress_shape(shape)
            den = np.rint((d0 + (d1 - d0) * w) * rng.normal(1, 0.02, T)).astype(np.int64)
            rate = r0 + (r1 - r0) * w + rng.normal(0, 0.25, T)
            num = binom(rng, den, rate / 100)
            out.append(Series(ind, grp, ["0"], num[None, :], den[None, :]))
            nums.append(num)
            dens.append(den)
        if "insgesamt" not in groups:
            out.append(Series(ind, "insgesamt", ["0"], sum(nums)[None, :], sum(dens)[None, :]))
    return out


def city_values(rng: np.random.Generator, b: Base) -> list[Series]:
    """City-only survey values and means (no numerator: not additive)."""
    out = []
    for ind, groups in CITY_VALUES.items():
        paths = {
            g: np.round(a + (z - a) * progress_shape("linear") + rng.normal(0, 0.6, T), 1)
            for g, (a, z) in groups.items()
        }
        if "insgesamt" not in paths:
            # Adults with MV are a little rarer than in the whole population.
            w = 0.9 * b.mv.sum(axis=0) / b.pop.sum(axis=0)
            paths["insgesamt"] = np.round(w * paths["mit_mv"] + (1 - w) * paths["ohne_mv"], 1)
        out += [Series(ind, g, ["0"], v[None, :]) for g, v in paths.items()]
    months = np.round(NATURALISATION_MONTHS + rng.normal(0, 0.2, T), 1)
    out.append(Series("einbuergerung_dauer", "insgesamt", ["0"], months[None, :]))
    return out
