"""Deterministic demo data: observations, targets, organisations and measures.

Everything here is invented except the few figures the Leitbild itself states (Berg Fidel
31.12.2023: 49.6 % of the population and 74.5 % of the children with Migrationsvorgeschichte;
Münster: 24.6 %), which the generated counts reproduce exactly to one decimal. District data
are generated for the Stadtteile only; every higher level is the sum of its Stadtteile, so
shares and rates of aggregates are ratios of summed numerators and denominators.
"""

from __future__ import annotations

import datetime as dt
import zlib
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from dashboard.analysis.aggregation import district_members
from dashboard.catalogues import Catalogue
from dashboard.ingest.measures import organisation_id
from dashboard.store import OBSERVATION_COLUMNS, TARGET_COLUMNS

DEMO_SOURCE = "Demodaten (generiert)"
DEMO_BY = "KI-Team (Demo)"
TARGET_AUTHOR = "Demodaten"
DEFAULT_SEED = 20250213
# Fixed so that measure dates do not drift with the calendar.
DEFAULT_TODAY = dt.date(2025, 11, 24)
YEARS = np.arange(2015, 2026)
ANCHOR = 2023  # year of the Leitbild figures; district parameters describe this year
T = len(YEARS)
IA = int(np.flatnonzero(YEARS == ANCHOR)[0])
STEP = (YEARS - ANCHOR).astype(float)  # years relative to the anchor, for trends

# Figures stated in the Leitbild (31.12.2023), hit exactly to one decimal.
CITY_MV_SHARE = 24.6
CITY_MV_SLOPE = 0.36  # percentage points per year, city share 2015 ≈ 21.7 %
FIXED_MV = {"91": (49.6, 74.5)}  # district: (share with MV, share of children with MV)

# Stadtteil parameters for 2023 (invented, of Münster-like magnitude):
# population, growth % per year, share with MV %, children under 18 %, aged 15–64 %.
DISTRICTS: dict[str, tuple[int, float, float, float, float]] = {
    "11": (1500, 0.3, 18.5, 9, 70), "12": (1400, 0.2, 19.0, 7, 80),
    "13": (2400, 0.4, 18.0, 6, 76), "14": (2600, 0.3, 17.5, 7, 72),
    "15": (1400, 0.2, 18.0, 8, 77), "21": (4900, 0.6, 18.0, 8, 76),
    "22": (9400, 0.5, 16.5, 8, 80), "23": (1400, 1.2, 28.0, 6, 86),
    "24": (7400, 0.4, 18.0, 8, 82), "25": (6700, 0.3, 14.5, 11, 78),
    "26": (5800, 0.6, 21.0, 14, 70), "27": (13300, 0.2, 13.0, 11, 74),
    "28": (4600, 0.4, 22.0, 10, 80), "29": (2400, 0.2, 19.5, 10, 68),
    "31": (5800, 0.2, 23.5, 14, 64), "32": (9600, 0.4, 19.5, 13, 70),
    "33": (8200, 0.5, 24.0, 11, 76), "34": (7500, 0.3, 17.5, 16, 64),
    "43": (1100, 0.8, 25.0, 7, 84), "44": (5400, 0.2, 17.0, 10, 68),
    "45": (10800, 0.3, 15.5, 12, 69), "46": (8600, 0.4, 20.5, 17, 65),
    "47": (9100, 0.4, 25.0, 15, 71), "51": (21900, 0.3, 33.0, 20, 70),
    "52": (8200, 0.6, 21.5, 15, 73), "54": (10100, 0.8, 23.0, 17, 65),
    "56": (6800, 0.7, 28.5, 22, 61), "57": (9800, 0.5, 25.0, 19, 63),
    "58": (7200, 0.4, 20.0, 16, 61), "61": (11100, 0.4, 55.0, 23, 61),
    "62": (5200, 0.2, 30.0, 17, 64), "63": (11000, 0.2, 44.5, 20, 61),
    "68": (3300, 0.4, 22.0, 19, 60), "71": (11000, 0.4, 15.5, 16, 62),
    "76": (4000, 0.7, 19.5, 19, 61), "77": (8500, 0.4, 19.0, 20, 58),
    "81": (5300, 0.5, 29.0, 18, 65), "82": (7000, 0.4, 20.0, 19, 63),
    "86": (8500, 0.5, 35.5, 19, 61), "87": (9600, 0.4, 19.5, 18, 60),
    "91": (6000, 0.3, 49.6, 22, 61), "95": (6700, 0.2, 19.5, 15, 59),
    "96": (10500, 0.3, 24.0, 15, 61), "97": (9900, 0.4, 30.0, 19, 64),
    "98": (6700, 0.4, 24.5, 21, 60),
}  # fmt: skip
DEFAULT_DISTRICT = (5000, 0.3, 22.0, 16, 64)

# Annual trend of a district rate (points per year) where the demo needs a clear story for the
# focus districts' targets: some on track, some off track, some moving the wrong way.
FOCUS_SLOPES: dict[tuple[str, str], float] = {
    ("arbeitslose_je100", "61"): 0.15,
    ("kita_besuch_3_6", "61"): 1.6,
    ("uebergang_gymnasium", "91"): 1.0,
    ("seu_deutsch_unzureichend", "91"): -0.5,
    ("sgb2_kinder_u15", "61"): -0.6,
    ("stadtteil_verbundenheit", "61"): 0.7,
    ("stadtteil_verbundenheit", "91"): 0.5,
}
# City-wide year effects (pandemic 2020/21, arrivals from Ukraine 2022) on unemployment.
UNEMPLOYMENT_SHOCK = np.array([0.3, 0.2, 0.1, 0.0, -0.1, 0.5, 0.35, 0.1, 0.0, 0.15, 0.3])
PANDEMIC_DIP = np.array([0, 0, 0, 0, 0, -1, -6, -5, -2, 0, 0], dtype=float)
# Active migrant organisations in 2023 and added per year where the story is fixed.
MSO_FOCUS = {"91": (3.0, 0.3)}
NETWORK_MEETINGS = {"91": 8.0, "61": 9.0, "63": 5.0, "62": 3.0, "86": 3.0, "26": 2.0, "97": 2.0}
ELECTION_YEARS = {"integrationsrat_wahlbeteiligung": (2020, 2025)}
PROVISIONAL_2025 = {
    "arbeitslose_je100", "sgb2_quote", "beschaeftigte_je100", "sgb2_kinder_u15",
    "einbuergerungen_je100", "integrationsrat_wahlbeteiligung", "anerkennungsverfahren",
}  # fmt: skip
CORRECTED = ("arbeitslose_je100", "61", 2021, "insgesamt")
MIN_RELIABLE_MV = 300  # survey answers from fewer residents with MV are not published


@dataclass
class DemoData:
    """Generated demo content, ready for the store's write methods."""

    observations: pd.DataFrame
    targets: pd.DataFrame
    organisations: list[tuple[str, str, str | None]]
    measures: list[dict[str, Any]]


@dataclass
class _Series:
    """One indicator and group over YEARS; value = num, or num / den × factor with den."""

    indicator: str
    grp: str
    codes: list[str]
    num: np.ndarray
    den: np.ndarray | None = None


@dataclass
class _Base:
    """District population counts (rows: Stadtteile, columns: YEARS) the themes build on."""

    codes: list[str]
    pop: np.ndarray
    pop_m: np.ndarray
    mv: np.ndarray
    mv_m: np.ndarray
    kids: np.ndarray
    kids_mv: np.ndarray
    foreign: np.ndarray
    dt_own: np.ndarray
    dt_inherited: np.ndarray
    wa: np.ndarray
    wa_foreign: np.ndarray
    wa_m: np.ndarray
    dep: np.ndarray  # deprivation index per district: (share with MV 2023 − city) / 10

    @property
    def kids_share_mv(self) -> np.ndarray:
        """Share of children with MV (0–1), the mix of school and Kita cohorts."""
        return self.kids_mv / np.maximum(self.kids, 1)


def _rng(seed: int, part: str) -> np.random.Generator:
    # One stream per part, so adding a part never changes what the others generate.
    return np.random.default_rng([seed, zlib.crc32(part.encode())])


def _binom(rng: np.random.Generator, n: np.ndarray, p: np.ndarray | float) -> np.ndarray:
    """Counts out of n with probability p: sampling noise that is large in small districts."""
    return rng.binomial(np.maximum(n, 0).astype(np.int64), np.clip(p, 0.0, 1.0))


def _trend(
    rng: np.random.Generator,
    base: np.ndarray,
    slope: np.ndarray,
    noise: float,
    shock: np.ndarray | None = None,
) -> np.ndarray:
    """Smooth district paths: level in the anchor year, linear trend, year effects, noise."""
    path = base[:, None] + slope[:, None] * STEP[None, :] + rng.normal(0, noise, (len(base), T))
    return path if shock is None else path + shock[None, :]


def _slopes(
    rng: np.random.Generator, indicator: str, codes: list[str], mean: float, sd: float
) -> np.ndarray:
    """Random district trends around a city trend, with the focus districts' fixed stories."""
    slope = rng.normal(mean, sd, len(codes))
    for i, code in enumerate(codes):
        slope[i] = FOCUS_SLOPES.get((indicator, code), slope[i])
    return slope


# --- population ---------------------------------------------------------------------------------
def _mv_shares(rng: np.random.Generator, codes: list[str], pop: np.ndarray) -> np.ndarray:
    """Shares with MV (%) per district and year; the city share follows CITY_MV_SHARE's path."""
    base = np.array([DISTRICTS.get(c, DEFAULT_DISTRICT)[2] for c in codes])
    noise = rng.normal(0, 0.25, (len(codes), T))
    noise[:, IA] = 0.0  # the anchor year carries the table's (and the Leitbild's) figures
    share = base[:, None] + rng.normal(0.33, 0.15, len(codes))[:, None] * STEP + noise
    fixed = np.array([c in FIXED_MV for c in codes])
    city = CITY_MV_SHARE + CITY_MV_SLOPE * STEP
    # Scale the free districts so that the city share hits its path in every year.
    free_mv = (pop * share)[~fixed].sum(axis=0)
    fixed_mv = (pop * share)[fixed].sum(axis=0)
    factor = (city * pop.sum(axis=0) - fixed_mv) / free_mv
    share[~fixed] *= factor[None, :]
    for i, code in enumerate(codes):
        if code in FIXED_MV:
            share[i, IA] = FIXED_MV[code][0]
    return share


def _hit_city_share(codes: list[str], pop: np.ndarray, mv: np.ndarray) -> None:
    """Make the city's share with MV in the anchor year round to CITY_MV_SHARE exactly."""
    # Rounding leaves the city a few persons off; the largest free district absorbs them.
    total = round(CITY_MV_SHARE / 100 * int(pop[:, IA].sum()))
    free = [i for i, c in enumerate(codes) if c not in FIXED_MV]
    largest = max(free, key=lambda i: pop[i, IA])
    mv[largest, IA] += total - mv[:, IA].sum()


def _children(
    rng: np.random.Generator, codes: list[str], pop: np.ndarray, share: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Children under 18 and those with MV (Berg Fidel fixed to the Leitbild figure)."""
    kid_pct = np.array([DISTRICTS.get(c, DEFAULT_DISTRICT)[3] for c in codes], dtype=float)
    kid_path = kid_pct[:, None] * (1 + 0.004 * STEP[None, :])
    kids = np.rint(pop * kid_path / 100).astype(np.int64)
    # Children have MV about 1.5 times as often as the whole population.
    kshare = np.clip(1.5 * share + rng.normal(0, 1.2, (len(codes), 1)), 3, 92)
    for i, code in enumerate(codes):
        if code in FIXED_MV:
            kshare[i, IA] = FIXED_MV[code][1]
    return kids, np.rint(kids * kshare / 100).astype(np.int64)


def _population(rng: np.random.Generator, codes: list[str]) -> _Base:
    """Population, MV and its parts, children and working-age groups per district."""
    params = np.array([DISTRICTS.get(c, DEFAULT_DISTRICT) for c in codes], dtype=float)
    n = len(codes)
    growth = (1 + params[:, 1] / 100)[:, None] ** STEP[None, :]
    wobble = 1 + rng.normal(0, 0.004, (n, T))
    pop = np.rint(params[:, 0:1] * growth * wobble).astype(np.int64)
    share = _mv_shares(rng, codes, pop)
    mv = np.rint(pop * share / 100).astype(np.int64)
    _hit_city_share(codes, pop, mv)
    kids, kids_mv = _children(rng, codes, pop, share)
    pop_m = _binom(rng, pop, rng.uniform(0.475, 0.51, (n, 1)))
    mv_m = np.minimum(_binom(rng, mv, rng.uniform(0.49, 0.525, (n, 1))), pop_m)
    # Parts of MV: inherited MV exists only among children; own MV is common among Aussiedler.
    dep = (params[:, 2] - CITY_MV_SHARE) / 10
    dt_inherited = _binom(rng, kids_mv, rng.uniform(0.45, 0.6, (n, 1)))
    own_share = np.clip(0.30 + 0.03 * dep, 0.22, 0.42)[:, None] - 0.004 * (YEARS - 2015)
    dt_own = np.minimum(_binom(rng, mv, own_share), mv - dt_inherited)
    foreign = mv - dt_own - dt_inherited
    wa = np.rint(pop * params[:, 4:5] / 100).astype(np.int64)
    wa_foreign = np.minimum(np.rint(foreign * 0.82).astype(np.int64), wa // 2)
    wa_m = _binom(rng, wa, 0.5)
    return _Base(
        codes, pop, pop_m, mv, mv_m, kids, kids_mv, foreign, dt_own, dt_inherited, wa,
        wa_foreign, wa_m, dep,
    )  # fmt: skip


def _population_series(b: _Base) -> list[_Series]:
    """The register counts as series: population, MV and its three parts, children."""
    c = b.codes
    return [
        _Series("bevoelkerung", "insgesamt", c, b.pop),
        _Series("bevoelkerung", "maennlich", c, b.pop_m),
        _Series("bevoelkerung", "weiblich", c, b.pop - b.pop_m),
        _Series("bevoelkerung_mv", "insgesamt", c, b.mv),
        _Series("bevoelkerung_mv", "maennlich", c, b.mv_m),
        _Series("bevoelkerung_mv", "weiblich", c, b.mv - b.mv_m),
        _Series("bevoelkerung_auslaender", "insgesamt", c, b.foreign),
        _Series("bevoelkerung_dt_mv_persoenlich", "insgesamt", c, b.dt_own),
        _Series("bevoelkerung_dt_mv_vererbt", "insgesamt", c, b.dt_inherited),
        _Series("kinder_u18", "insgesamt", c, b.kids),
        _Series("kinder_u18_mv", "insgesamt", c, b.kids_mv),
    ]


# --- labour market ------------------------------------------------------------------------------
# indicator: (German rate in 2023 = a + b·dep, foreign/German ratio, mean slope, slope sd,
#             share of men among the counted persons or None without sex groups)
LABOUR: dict[str, tuple[float, float, float, float, float, float | None]] = {
    "arbeitslose_je100": (3.0, 1.4, 2.3, -0.05, 0.06, 0.55),
    "sgb2_quote": (4.0, 2.6, 3.2, -0.10, 0.10, None),
    "beschaeftigte_je100": (58.0, -1.5, 0.7, 0.5, 0.25, 0.52),
}


def _labour(rng: np.random.Generator, b: _Base) -> list[_Series]:
    """Rates per 100 aged 15–64 by nationality and sex; groups partition the total."""
    out: list[_Series] = []
    wa_german = b.wa - b.wa_foreign
    for ind, (a, slope_dep, ratio, mean, sd, men) in LABOUR.items():
        base = np.clip(a + slope_dep * b.dep, 1.2, 80)
        shock = UNEMPLOYMENT_SHOCK if ind != "beschaeftigte_je100" else -UNEMPLOYMENT_SHOCK
        german = _trend(rng, base, _slopes(rng, ind, b.codes, mean, sd), 0.12, shock)
        foreign = german * ratio
        if ind == "beschaeftigte_je100":
            # Employment of non-Germans catches up faster than that of Germans.
            foreign = foreign + 0.6 * STEP[None, :]
        num_g = _binom(rng, wa_german, np.clip(german, 0.5, 90) / 100)
        num_f = _binom(rng, b.wa_foreign, np.clip(foreign, 0.5, 90) / 100)
        total = num_g + num_f
        out += [
            _Series(ind, "insgesamt", b.codes, total, b.wa),
            _Series(ind, "deutsch", b.codes, num_g, wa_german),
            _Series(ind, "nichtdeutsch", b.codes, num_f, b.wa_foreign),
        ]
        if men is not None:
            num_m = _binom(rng, total, men)
            out += [
                _Series(ind, "maennlich", b.codes, num_m, b.wa_m),
                _Series(ind, "weiblich", b.codes, total - num_m, b.wa - b.wa_m),
            ]
    return out


# --- structure: age bands, households, labour counts ---------------------------------------------
# share of the ten age bands (0–9 … 80–89, 90+) in a typical district, men and women
AGE_BANDS = ("0_9", "10_19", "20_29", "30_39", "40_49", "50_59", "60_69", "70_79", "80_89",
             "90_plus")  # fmt: skip
AGE_SHARES_M = np.array([0.090, 0.095, 0.188, 0.148, 0.142, 0.138, 0.089, 0.074, 0.032, 0.004])
AGE_SHARES_F = np.array([0.077, 0.088, 0.202, 0.131, 0.129, 0.131, 0.089, 0.089, 0.051, 0.013])


def _age_bands(rng: np.random.Generator, pop: np.ndarray, shares: np.ndarray) -> np.ndarray:
    """Counts by age band (district × year × band) that add up to ``pop`` exactly."""
    n = pop.shape[0]
    mix = rng.dirichlet(shares * 300, n)  # each district its own age structure
    return np.stack(
        [np.stack([rng.multinomial(pop[i, t], mix[i]) for t in range(T)]) for i in range(n)]
    )


def _structure(rng: np.random.Generator, b: _Base, district: list[_Series]) -> list[_Series]:
    """Age bands of the population (total, men, women), households, labour-market counts."""
    c = b.codes
    men = _age_bands(rng, b.pop_m, AGE_SHARES_M)
    women = _age_bands(rng, b.pop - b.pop_m, AGE_SHARES_F)
    out = []
    for k, band in enumerate(AGE_BANDS):
        out += [
            _Series("bevoelkerung", f"alter_{band}", c, men[:, :, k] + women[:, :, k]),
            _Series("bevoelkerung", f"maennlich_alter_{band}", c, men[:, :, k]),
            _Series("bevoelkerung", f"weiblich_alter_{band}", c, women[:, :, k]),
        ]
    size = rng.uniform(1.6, 2.4, (len(c), 1)) - 0.01 * STEP[None, :]
    out.append(_Series("haushalte", "insgesamt", c, np.rint(b.pop / size).astype(np.int64)))
    # the counts behind the demo rates, so both tell the same story
    rates = {(s.indicator, s.grp): s for s in district}
    for count, rate in (("arbeitslose", "arbeitslose_je100"),
                        ("beschaeftigte_svp", "beschaeftigte_je100")):  # fmt: skip
        out.append(_Series(count, "insgesamt", c, rates[(rate, "insgesamt")].num))
    return out


# --- children and schools -----------------------------------------------------------------------
# indicator: (cohort size in years of age, rate without MV 2023 = a + b·dep, gap with MV,
#             mean slope without / with MV, year effects or None)
COHORTS: dict[str, tuple[float, float, float, float, float, float, np.ndarray | None]] = {
    "uebergang_gymnasium": (0.95, 58.0, -5.0, 17.0, 0.2, 0.6, None),
    "kita_besuch_3_6": (3.0, 96.0, -0.5, 10.0, 0.1, 0.6, None),
    "u8_u9_teilnahme": (0.95, 93.0, -1.0, 9.0, 0.1, 0.4, None),
    "schwimmfaehigkeit_schulanfang": (0.95, 78.0, -3.0, 26.0, -0.3, 0.3, PANDEMIC_DIP),
    "kinder_sportverein": (0.95, 66.0, -2.0, 25.0, 0.0, 0.4, PANDEMIC_DIP * 0.8),
}


def _cohort(rng: np.random.Generator, b: _Base, years_of_age: float) -> np.ndarray:
    """Children in a span of years of age (e.g. one school-entry year), with noise."""
    size = b.kids * years_of_age / 18 * rng.normal(1, 0.04, b.kids.shape)
    return np.rint(size).astype(np.int64)


def _school(rng: np.random.Generator, b: _Base) -> list[_Series]:
    """Shares of a children's cohort, with and without MV; the groups partition the total."""
    out: list[_Series] = []
    for ind, (age, a, slope_dep, gap, s_without, s_with, shock) in COHORTS.items():
        den = _cohort(rng, b, age)
        den_mv = _binom(rng, den, b.kids_share_mv)
        base = np.clip(a + slope_dep * b.dep, 25, 99)
        without = _trend(rng, base, rng.normal(s_without, 0.2, len(b.codes)), 0.3, shock)
        with_mv = _trend(rng, base - gap, _slopes(rng, ind, b.codes, s_with, 0.3), 0.4, shock)
        num_mv = _binom(rng, den_mv, np.clip(with_mv, 5, 99.5) / 100)
        num_wo = _binom(rng, den - den_mv, np.clip(without, 5, 99.5) / 100)
        out += [
            _Series(ind, "insgesamt", b.codes, num_mv + num_wo, den),
            _Series(ind, "mit_mv", b.codes, num_mv, den_mv),
            _Series(ind, "ohne_mv", b.codes, num_wo, den - den_mv),
        ]
    return out


def _child_poverty_language(rng: np.random.Generator, b: _Base) -> list[_Series]:
    """School-entry language deficits and SGB II among children under 15 (totals only)."""
    entrants = _cohort(rng, b, 0.95)
    lang = np.clip(1.5 + 26 * b.kids_share_mv[:, IA], 1, 40)
    lang_path = _trend(rng, lang, _slopes(rng, "seu_deutsch_unzureichend", b.codes, 0.3, 0.3), 0.5)
    under15 = np.rint(b.kids * 15 / 18).astype(np.int64)
    poverty = np.clip(9 + 8 * b.dep, 2, 55)
    pov_path = _trend(rng, poverty, _slopes(rng, "sgb2_kinder_u15", b.codes, -0.2, 0.25), 0.3)
    return [
        _Series(
            "seu_deutsch_unzureichend", "insgesamt", b.codes,
            _binom(rng, entrants, np.clip(lang_path, 0.5, 60) / 100), entrants,
        ),
        _Series(
            "sgb2_kinder_u15", "insgesamt", b.codes,
            _binom(rng, under15, np.clip(pov_path, 1, 70) / 100), under15,
        ),
    ]  # fmt: skip


def _neighbourhood(rng: np.random.Generator, b: _Base) -> list[_Series]:
    """Network meetings, active migrant organisations and living space per person."""
    n = len(b.codes)
    meet_base = np.array([NETWORK_MEETINGS.get(c, 0.4) for c in b.codes])
    meetings = rng.poisson(meet_base[:, None] * 1.06 ** STEP[None, :])
    # About 1.8 organisations per 1,000 residents with MV, growing 2 % a year.
    mso_base, mso_slope = b.mv[:, IA] * 1.8 / 1000, b.mv[:, IA] * 1.8 / 1000 * 0.02
    for i, code in enumerate(b.codes):
        mso_base[i], mso_slope[i] = MSO_FOCUS.get(code, (mso_base[i], mso_slope[i]))
    mso = np.clip(np.rint(_trend(rng, mso_base, mso_slope, 0.6)), 0, None).astype(np.int64)
    residents = _binom(rng, b.pop, np.clip(0.92 - 0.03 * b.dep, 0.85, 0.97)[:, None])
    space = _trend(rng, np.clip(46 - 3.5 * b.dep, 30, 52), rng.normal(0.1, 0.08, n), 0.15)
    return [
        _Series("stadtteil_netzwerktreffen", "insgesamt", b.codes, meetings),
        _Series("mso_aktiv", "insgesamt", b.codes, mso),
        _Series(
            "wohnflaeche_je_person", "insgesamt", b.codes,
            np.rint(residents * space).astype(np.int64), residents,
        ),
    ]  # fmt: skip


def _attachment(
    rng: np.random.Generator, b: _Base, members: dict[str, list[str]], levels: dict[str, str]
) -> list[_Series]:
    """Survey share attached to the district; aggregates are weighted means, not sums."""
    ind = "stadtteil_verbundenheit"
    base = np.clip(74 - 4.5 * b.dep, 50, 85)
    total = _trend(rng, base, _slopes(rng, ind, b.codes, 0.1, 0.3), 0.8)
    with_mv = total - 4 + rng.normal(0, 0.8, total.shape)
    w = b.mv / b.pop
    without = (total - w * with_mv) / (1 - w)
    values = {"insgesamt": (total, b.pop), "mit_mv": (with_mv, b.mv), "ohne_mv": (without, b.pop)}
    index = {c: i for i, c in enumerate(b.codes)}
    aggregates = [c for c, lv in levels.items() if lv in ("stadt", "stadtbezirk")]
    out = []
    for grp, (value, weight) in values.items():
        rows = [value]
        for code in aggregates:
            idx = [index[m] for m in members[code] if m in index]
            rows.append((value[idx] * weight[idx]).sum(axis=0, keepdims=True) / weight[idx].sum(0))
        matrix = np.round(np.vstack(rows), 1)
        if grp == "mit_mv":
            # Too few respondents with MV in the smallest districts: not published.
            matrix[: len(b.codes)][b.mv < MIN_RELIABLE_MV] = np.nan
        out.append(_Series(ind, grp, b.codes + aggregates, matrix))
    return out


# --- city-only indicators -----------------------------------------------------------------------
def _shape(kind: str) -> np.ndarray:
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


def _city_counts(rng: np.random.Generator) -> list[_Series]:
    """City-only counts; groups drawn as one multinomial so that partitions add up."""
    out = []
    for ind, (start, end, noise, shares, partition, shocks) in CITY_COUNTS.items():
        factor = np.array([shocks.get(int(y), 1.0) for y in YEARS])
        path = (start + (end - start) * _shape("linear")) * factor
        total = np.rint(path * rng.normal(1, noise, T)).astype(np.int64)
        out.append(_Series(ind, "insgesamt", ["0"], total[None, :]))
        if not shares:
            continue
        p = np.array(list(shares.values()))
        p = p / p.sum() if partition else np.append(p, 1 - p.sum())
        parts = np.array([rng.multinomial(n, p) for n in total])
        for k, grp in enumerate(shares):
            out.append(_Series(ind, grp, ["0"], parts[:, k][None, :]))
    return out


def _city_ratios(rng: np.random.Generator) -> list[_Series]:
    """City-only shares and rates with numerator and denominator per group."""
    out = []
    for ind, groups in CITY_RATIOS.items():
        nums, dens = [], []
        for grp, (d0, d1, r0, r1, shape) in groups.items():
            w = _shape(shape)
            den = np.rint((d0 + (d1 - d0) * w) * rng.normal(1, 0.02, T)).astype(np.int64)
            rate = r0 + (r1 - r0) * w + rng.normal(0, 0.25, T)
            num = _binom(rng, den, rate / 100)
            out.append(_Series(ind, grp, ["0"], num[None, :], den[None, :]))
            nums.append(num)
            dens.append(den)
        if "insgesamt" not in groups:
            out.append(_Series(ind, "insgesamt", ["0"], sum(nums)[None, :], sum(dens)[None, :]))
    return out


def _city_values(rng: np.random.Generator, b: _Base) -> list[_Series]:
    """City-only survey values and means (no numerator: not additive)."""
    out = []
    for ind, groups in CITY_VALUES.items():
        paths = {
            g: np.round(a + (z - a) * _shape("linear") + rng.normal(0, 0.6, T), 1)
            for g, (a, z) in groups.items()
        }
        if "insgesamt" not in paths:
            # Adults with MV are a little rarer than in the whole population.
            w = 0.9 * b.mv.sum(axis=0) / b.pop.sum(axis=0)
            paths["insgesamt"] = np.round(w * paths["mit_mv"] + (1 - w) * paths["ohne_mv"], 1)
        out += [_Series(ind, g, ["0"], v[None, :]) for g, v in paths.items()]
    months = np.round(NATURALISATION_MONTHS + rng.normal(0, 0.2, T), 1)
    out.append(_Series("einbuergerung_dauer", "insgesamt", ["0"], months[None, :]))
    return out


# --- observation frame --------------------------------------------------------------------------
def _stored_indicators(catalogue: Catalogue) -> dict[str, dict[str, Any]]:
    """Indicators that are stored (not derived), by id; robust to None or NaN for 'no value'."""
    out = {}
    for row in catalogue.indicators.to_dict("records"):
        numerator = row.get("numerator_id")
        if not (isinstance(numerator, str) and numerator):
            row["levels"], row["groups"] = list(row["levels"]), list(row["groups"])
            out[row["id"]] = row
    return out


def _with_aggregates(s: _Series, agg_codes: list[str], matrix: np.ndarray) -> _Series:
    """Append the sums over the Stadtteile of every aggregate area."""
    num = np.vstack([s.num, matrix @ s.num])
    den = None if s.den is None else np.vstack([s.den, matrix @ s.den])
    return _Series(s.indicator, s.grp, s.codes + agg_codes, num, den)


def _series_frame(s: _Series, ind: dict[str, Any]) -> pd.DataFrame:
    """Long rows of one series; value is the ratio of numerator and denominator if given."""
    n = len(s.codes)
    num = s.num.astype(float).ravel()
    if s.den is None:
        value, numerator, denominator = num, np.full(n * T, np.nan), np.full(n * T, np.nan)
    else:
        factor = 1.0 if ind["kind"] == "mean" else 100.0
        denominator = s.den.astype(float).ravel()
        value, numerator = num / np.where(denominator > 0, denominator, np.nan) * factor, num
    return pd.DataFrame(
        {
            "indicator_id": s.indicator,
            "area_code": np.repeat(s.codes, T),
            "period": np.tile(YEARS, n),
            "grp": s.grp,
            "value": value,
            "numerator": numerator,
            "denominator": denominator,
        }
    )


def _flags(frame: pd.DataFrame) -> pd.Series:
    """Official symbols: provisional 2025 figures, one correction, X for 0/0, unpublished."""
    flag = pd.Series(None, index=frame.index, dtype=object)
    provisional = frame["indicator_id"].isin(PROVISIONAL_2025) & (frame["period"] == 2025)
    flag[provisional] = "provisional"
    ind, area, period, grp = CORRECTED
    corrected = (
        (frame["indicator_id"] == ind) & (frame["area_code"] == area)
        & (frame["period"] == period) & (frame["grp"] == grp)
    )  # fmt: skip
    flag[corrected] = "corrected"
    flag[frame["value"].isna()] = "not_reliable"  # survey cells with too few respondents
    flag[frame["denominator"] == 0] = "not_meaningful"  # no child of the group in the cohort
    return flag


def _observations(catalogue: Catalogue, seed: int) -> pd.DataFrame:
    """All demo observations, district series rolled up to every higher area level."""
    areas = catalogue.areas
    levels = dict(zip(areas["code"], areas["level"], strict=True))
    codes = [c for c in areas["code"] if levels[c] == "stadtteil"]
    members = district_members(areas)
    agg_codes = [c for c in areas["code"] if levels[c] in ("stadt", "stadtbezirk", "teilbereich")]
    matrix = np.array([[float(c in members[a]) for c in codes] for a in agg_codes])
    base = _population(_rng(seed, "population"), codes)
    district: list[_Series] = _population_series(base)
    for part, make in (
        ("labour", _labour), ("school", _school), ("children", _child_poverty_language),
        ("neighbourhood", _neighbourhood),
    ):  # fmt: skip
        district += make(_rng(seed, part), base)
    district += _structure(_rng(seed, "structure"), base, district)
    series = [_with_aggregates(s, agg_codes, matrix) for s in district]
    series += _attachment(_rng(seed, "attachment"), base, members, levels)
    series += _city_counts(_rng(seed, "city_counts")) + _city_ratios(_rng(seed, "city_ratios"))
    series += _city_values(_rng(seed, "city_values"), base)
    stored = _stored_indicators(catalogue)
    frames = []
    for s in series:
        ind = stored.get(s.indicator)
        if ind is None or s.grp not in ind["groups"]:
            continue
        frame = _series_frame(s, ind)
        keep = frame["area_code"].map(levels).isin(ind["levels"])
        if s.indicator in ELECTION_YEARS:
            keep &= frame["period"].isin(ELECTION_YEARS[s.indicator])
        frames.append(frame[keep])
    obs = pd.concat(frames, ignore_index=True)
    obs["flag"] = _flags(obs)
    obs["source"] = DEMO_SOURCE
    obs["is_demo"] = True
    obs = obs.sort_values(["indicator_id", "area_code", "period", "grp"], ignore_index=True)
    return obs[[*OBSERVATION_COLUMNS, "is_demo"]]


# --- targets ------------------------------------------------------------------------------------
# (indicator, area, group, type, value, baseline period, goal, note); all aim at 2030.
TARGETS: list[tuple[str, str, str, str, float | None, int | None, str, str]] = [
    ("arbeitslose_je100", "0", "nichtdeutsch", "relative_change", -15.0, 2023,
     "7.1-Wirtschaft-T2", "Arbeitslosigkeit Nichtdeutscher um 15 % senken"),
    ("beschaeftigte_je100", "0", "nichtdeutsch", "absolute", 50.0, 2023, "7.1-L2",
     "Beschäftigungsdichte Nichtdeutscher auf 50 je 100"),
    ("sgb2_quote", "0", "insgesamt", "direction", None, 2023, "7.1-L1",
     "SGB-II-Quote soll sinken"),
    ("azubi_anteil_international", "0", "insgesamt", "parity", None, 2023, "7.1-Jugendliche-T1",
     "Auszubildende mit internationaler Geschichte wie in der Bevölkerung"),
    ("anerkennungsverfahren", "0", "insgesamt", "relative_change", 25.0, 2024, "7.1-Arbeit-T4",
     "Ein Viertel mehr abgeschlossene Anerkennungsverfahren"),
    ("integrationsrat_wahlbeteiligung", "0", "insgesamt", "relative_change", 30.0, 2020,
     "7.2-Partizipation-T2", "Wahlbeteiligung bei der Integrationsratswahl 2030 deutlich höher"),
    ("einbuergerungen_je100", "0", "insgesamt", "relative_change", 20.0, 2023,
     "7.2-Partizipation-T5", "Einbürgerungspotenzial stärker ausschöpfen"),
    ("einbuergerung_dauer", "0", "insgesamt", "relative_change", -30.0, 2023,
     "7.2-Partizipation-T5", "Verfahren um knapp ein Drittel verkürzen"),
    ("mso_aktiv", "0", "insgesamt", "relative_change", 15.0, 2024, "7.2-L5",
     "Mehr aktive Migrant*innenselbstorganisationen"),
    ("personal_anteil_international", "0", "insgesamt", "parity", None, 2023, "7.3-L5",
     "Beschäftigte mit internationaler Geschichte wie in der Bevölkerung"),
    ("personal_anteil_international", "0", "fuehrungskraefte", "parity", None, 2023, "7.3-L5",
     "Auch in Führungspositionen Parität"),
    ("neueinstellungen_anteil_international", "0", "insgesamt", "parity", None, 2023, "7.3-T6",
     "Neueinstellungen spiegeln die Stadtgesellschaft"),
    ("neueinstellungen_anteil_international", "0", "auszubildende", "parity", None, 2023,
     "7.3-T6.3", "Nachwuchs der Verwaltung so vielfältig wie die Stadt"),
    ("fortbildung_diversitaet", "0", "insgesamt", "relative_change", 50.0, 2024, "7.3-T1",
     "Halb so viele Fortbildungsteilnahmen mehr"),
    ("fortbildung_diversitaet", "0", "fuehrungskraefte", "absolute", 250.0, 2024, "7.3-T1.3",
     "250 Führungskräfte je Jahr fortgebildet"),
    ("mehrsprachige_infoangebote", "0", "insgesamt", "absolute", 160.0, 2024, "7.3-T7",
     "Kernangebote mehrsprachig"),
    ("uebergang_gymnasium", "0", "mit_mv", "parity", None, 2023, "8.2-L1",
     "Übergangsquote mit MV gleich der ohne MV"),
    ("uebergang_gymnasium", "91", "mit_mv", "absolute", 35.0, 2023, "6.3-S91-1",
     "Mehr Kinder mit MV aus Berg Fidel wechseln aufs Gymnasium"),
    ("seu_deutsch_unzureichend", "91", "insgesamt", "relative_change", -25.0, 2023, "6.3-S91-1",
     "Weniger Schulanfänger*innen mit unzureichenden Deutschkenntnissen"),
    ("mso_aktiv", "91", "insgesamt", "absolute", 6.0, 2023, "6.3-S91-3",
     "Sechs aktive Selbstorganisationen im Stadtteil"),
    ("stadtteil_verbundenheit", "91", "insgesamt", "direction", None, 2023, "6.3-S91-4",
     "Verbundenheit mit Berg Fidel soll steigen"),
    ("stadtteil_verbundenheit", "61", "insgesamt", "absolute", 70.0, 2023, "6.3-S61-1",
     "Sieben von zehn fühlen sich Coerde verbunden"),
    ("stadtteil_netzwerktreffen", "61", "insgesamt", "absolute", 12.0, 2023, "6.3-S61-2",
     "Monatliche Netzwerktreffen in Coerde"),
    ("kita_besuch_3_6", "61", "mit_mv", "absolute", 92.0, 2023, "6.3-S61-2",
     "Fast alle Kinder mit MV in Coerde besuchen eine Kita"),
    ("arbeitslose_je100", "61", "nichtdeutsch", "relative_change", -20.0, 2023, "6.3-S61-2",
     "Arbeitslosigkeit Nichtdeutscher in Coerde um ein Fünftel senken"),
    ("sgb2_kinder_u15", "61", "insgesamt", "direction", None, 2023, "6.3-S61-2",
     "Weniger Kinder in Bedarfsgemeinschaften"),
]  # fmt: skip
PARITY_GROUP_REFERENCE = {("uebergang_gymnasium", "mit_mv"): ("uebergang_gymnasium", "ohne_mv")}


def _targets(catalogue: Catalogue, obs: pd.DataFrame) -> pd.DataFrame:
    """The demo targets, with baseline values read from the generated observations."""
    values = obs.set_index(["indicator_id", "area_code", "period", "grp"])["value"]
    rows = []
    for ind_id, area, grp, kind, value, base_year, goal, note in TARGETS:
        ind = catalogue.indicator(ind_id)
        if ind is None:
            continue
        ref_ind, ref_grp = None, None
        if kind == "parity":
            ref_ind, ref_grp = PARITY_GROUP_REFERENCE.get(
                (ind_id, grp), (ind["parity_reference"], "insgesamt")
            )
        baseline = values.get((ind_id, area, base_year, grp))
        rows.append(
            {
                "indicator_id": ind_id, "area_code": area, "grp": grp, "type": kind,
                "value": value, "reference_indicator": ref_ind, "reference_grp": ref_grp,
                "baseline_period": base_year,
                "baseline_value": None if baseline is None else round(float(baseline), 2),
                "target_period": 2030, "goal_id": goal, "note": note, "is_demo": True,
                "created_by": TARGET_AUTHOR,
            }
        )  # fmt: skip
    return pd.DataFrame(rows, columns=TARGET_COLUMNS)


# --- organisations and measures -----------------------------------------------------------------
ORGANISATIONS: dict[str, tuple[str, str]] = {
    "ki": ("Kommunales Integrationszentrum Münster", "Stadtverwaltung"),
    "migration": ("Amt für Migration und Integration", "Stadtverwaltung"),
    "personal": ("Personal- und Organisationsamt", "Stadtverwaltung"),
    "jugend": ("Amt für Kinder, Jugendliche und Familien", "Stadtverwaltung"),
    "schule": ("Amt für Schule und Weiterbildung", "Stadtverwaltung"),
    "gesundheit": ("Gesundheits- und Veterinäramt", "Stadtverwaltung"),
    "jobcenter": ("Jobcenter Münster", "Arbeitsmarkt"),
    "wirtschaft": ("Wirtschaftsförderung Münster", "Wirtschaft"),
    "caritas": ("Caritasverband Münster", "Wohlfahrtsverband"),
    "awo": ("Arbeiterwohlfahrt Münster", "Wohlfahrtsverband"),
    "diakonie": ("Diakonie Münster", "Wohlfahrtsverband"),
    "ir": ("Integrationsrat der Stadt Münster", "Gremium"),
    "mso": ("Netzwerk Münsteraner Migrant*innenorganisationen", "Migrant*innenorganisation"),
    "nw91": ("Stadtteilnetzwerk Berg Fidel", "Stadtteilnetzwerk"),
    "nw61": ("Stadtteilnetzwerk Coerde", "Stadtteilnetzwerk"),
    "sport": ("Stadtsportbund Münster", "Sport"),
}

# (title, organisation, fields, goals, areas, status, origin, description)
MEASURES: list[tuple[str, str, str, str, str, str, str, str]] = [
    ("Sprachcafé Berg Fidel", "caritas", "8.2 6.3", "6.3-S91-1 8.2-L2", "91", "laufend",
     "Stadtteilnetzwerk", "Wöchentlicher offener Treff zum Deutschsprechen mit Ehrenamtlichen."),
    ("Elternlotsen für den Schulübergang in Berg Fidel", "schule", "8.2 6.3",
     "6.3-S91-1 8.2-U1", "91", "laufend", "Leitbild",
     "Geschulte Eltern begleiten Familien bei der Wahl der weiterführenden Schule."),
    ("Mehrsprachiger Infoabend zu weiterführenden Schulen", "schule", "8.2", "6.3-S91-1",
     "91", "abgeschlossen", "Stadtteilnetzwerk",
     "Schulen stellen sich vor; Dolmetschende für fünf Sprachen."),
    ("Kulturwerkstatt im Stadtteiltreff Berg Fidel", "nw91", "6.3", "6.3-S91-2", "91",
     "laufend", "Stadtteilnetzwerk", "Monatliche Kunst- und Musikangebote für alle Generationen."),
    ("Ausstellung „Gesichter von Berg Fidel“", "nw91", "6.3", "6.3-S91-2 6.3-S91-4", "91",
     "abgeschlossen", "Stadtteilnetzwerk",
     "Porträts von Bewohner*innen, gezeigt im Stadthaus und im Stadtteil."),
    ("Vereinsgründungsberatung für Selbstorganisationen in Berg Fidel", "ki", "7.2 6.3",
     "6.3-S91-3 7.2-L5", "91", "laufend", "Leitbild",
     "Beratung zu Satzung, Gemeinnützigkeit und Fördermitteln."),
    ("Räume für Selbstorganisationen im Quartierstreff", "nw91", "6.3 7.2",
     "6.3-S91-3 7.2-Engagement-T4.2", "91", "geplant", "Stadtteilnetzwerk",
     "Feste Raumzeiten für Initiativen Zugewanderter im Quartierstreff."),
    ("Stadtteilspaziergänge „Berg Fidel entdecken“", "nw91", "6.3", "6.3-S91-4", "91",
     "laufend", "Stadtteilnetzwerk",
     "Bewohner*innen führen Gäste aus anderen Stadtteilen durch Berg Fidel."),
    ("Imagekampagne mit Jugendlichen aus Berg Fidel", "ki", "6.3", "6.3-S91-4", "91",
     "pausiert", "Stadtteilnetzwerk", "Jugendliche gestalten Plakate und Kurzvideos."),
    ("Hausaufgabenhilfe mit Studierenden", "diakonie", "8.2", "8.2-L1 6.3-S91-1", "91 63",
     "laufend", "Sonstiges", "Lernbegleitung an drei Nachmittagen pro Woche."),
    ("Sprachcafé Coerde", "awo", "8.2 6.3", "8.2-L2 6.3-S61-2", "61", "laufend",
     "Stadtteilnetzwerk", "Offener Gesprächskreis mit Kinderbetreuung."),
    ("Nachbarschaftsfest Coerde", "nw61", "6.3", "6.3-S61-1", "61", "abgeschlossen",
     "Stadtteilnetzwerk", "Jährliches Fest der Vereine, Kitas und Schulen am Marktplatz."),
    ("Fotoprojekt „Mein Coerde“", "nw61", "6.3", "6.3-S61-1", "61", "abgeschlossen",
     "Vorschlag", "Bewohner*innen zeigen ihre Lieblingsorte; Ausstellung im Stadtteilbüro."),
    ("Mehrsprachige Angebotslandkarte Coerde", "ki", "6.3 6.2", "6.3-S61-2 6.2-T5", "61",
     "abgeschlossen", "Leitbild", "Alle Beratungs- und Freizeitangebote in sechs Sprachen."),
    ("Kita-Einstiegsbegleitung für neu zugewanderte Familien", "jugend", "8.4",
     "8.4-U1 6.3-S61-2", "61 63", "laufend", "Leitbild",
     "Begleitung von der Anmeldung bis zur Eingewöhnung."),
    ("Jobmesse im Stadtteil Coerde", "jobcenter", "7.1 6.3", "7.1-Arbeit-T2.3 6.3-S61-2",
     "61", "abgeschlossen", "Leitbild", "Betriebe und Beratungsstellen stellen sich vor Ort vor."),
    ("Sprechstunde des Jobcenters im Stadtteilbüro Coerde", "jobcenter", "7.1",
     "7.1-Arbeit-T2.3 7.1-L3", "61", "laufend", "Stadtteilnetzwerk",
     "Beratung ohne Termin, einmal pro Woche."),
    ("Frauenfrühstück mit Beratung in Coerde", "caritas", "6.3 8.3", "6.3-S61-2", "61",
     "laufend", "Stadtteilnetzwerk", "Austausch und Kurzberatungen zu Gesundheit und Familie."),
    ("Gemeinsame Jahresplanung der Träger in Coerde", "nw61", "6.3 6.2", "6.3-S61-2 6.3-T7",
     "61", "laufend", "Leitbild", "Abgestimmter Kalender statt paralleler Angebote."),
    ("Schwimmkurse für Grundschulkinder in Coerde", "sport", "8.6", "8.6-L1", "61",
     "pausiert", "Stadtteilnetzwerk", "Kurse im Lehrschwimmbecken; ruhen während der Sanierung."),
    ("Stadtteilzeitung Coerde in einfacher Sprache", "nw61", "6.3 6.2", "6.3-S61-1", "61",
     "abgebrochen", "Vorschlag", "Vierteljährliche Zeitung; Redaktion ließ sich nicht halten."),
    ("Alltagsintegrierte Sprachförderung in Kitas in Kinderhaus", "jugend", "8.4 8.2",
     "8.4-L1 8.2-L2", "62 63", "laufend", "Leitbild", "Fortbildung der Kita-Teams und Material."),
    ("Offene Sprechstunde im Quartiersbüro Kinderhaus-West", "diakonie", "6.3", "6.3-L2", "63",
     "laufend", "Sonstiges", "Hilfe bei Anträgen, Briefen und Terminen."),
    ("Mehrsprachige Elternabende in Angelmodde", "schule", "8.2", "8.2-U1", "86", "geplant",
     "Vorschlag", "Elternabende mit Sprachmittlung an zwei Grundschulen."),
    ("Bewegungsangebot „Sport im Park“ Gremmendorf", "sport", "8.6", "8.6-L1", "81",
     "abgeschlossen", "Sonstiges", "Kostenlose Sommerangebote im Park für alle Altersgruppen."),
    ("Interkulturelle Elternarbeit im Familienzentrum Hiltrup-West", "caritas", "8.4",
     "8.4-L1", "97", "laufend", "Sonstiges", "Elterncafé und Familienbildung, mehrsprachig."),
    ("Mentoring für Azubis mit internationaler Geschichte", "wirtschaft", "7.1",
     "7.1-Jugendliche-T1 7.1-L7", "", "laufend", "Leitbild",
     "Berufserfahrene begleiten Auszubildende durch die Ausbildung."),
    ("Anerkennungsberatung: zusätzliche Sprechstunden", "migration", "7.1",
     "7.1-Arbeit-T4.1 7.1-L5", "", "laufend", "Leitbild",
     "Mehr Termine und Beratung zu Ausgleichsmaßnahmen."),
    ("Anlaufstelle für internationale Fachkräfte", "wirtschaft", "7.1",
     "7.1-Wirtschaft-T1.4 7.1-L8", "", "laufend", "Leitbild",
     "Eine Adresse für Aufenthalt, Anerkennung und Jobsuche."),
    ("Praktikumsbörse für Geflüchtete", "jobcenter", "7.1", "7.1-Wirtschaft-T3", "", "pausiert",
     "Leitbild", "Vermittlung von Praktika; ruht bis zur Neubesetzung der Koordination."),
    ("Diversity-Training für Ausbildungsbetriebe", "wirtschaft", "7.1",
     "7.1-Wirtschaft-T4 7.1-L4", "", "geplant", "Leitbild",
     "Halbtägige Trainings für Ausbilder*innen kleiner Betriebe."),
    ("Gründungsberatung für migrantische Unternehmen", "wirtschaft", "7.1",
     "7.1-Wirtschaft-T1.2 7.1-Wirtschaft-T5", "", "laufend", "Leitbild",
     "Beratung zu Gründung und zum Einstieg in die duale Ausbildung."),
    ("Online-Übersicht der Förderprojekte Arbeit und Integration", "ki", "7.1 6.2",
     "7.1-Arbeit-T1.1", "", "abgeschlossen", "Leitbild",
     "Gemeinsame Projektübersicht aller Träger auf der städtischen Website."),
    ("Jahrestreffen Übergang Schule–Beruf", "schule", "7.1", "7.1-Jugendliche-T2", "",
     "laufend", "Leitbild", "Fachtag aller Beteiligten mit Schwerpunkt Migration."),
    ("Berufsorientierung für junge Frauen mit Fluchtgeschichte", "awo", "7.1",
     "7.1-Jugendliche-T1.3", "", "abgebrochen", "Vorschlag",
     "Kursreihe mit Betriebsbesuchen; Förderung lief aus."),
    ("Bewerbungswerkstatt mit Willkommenslotsen", "caritas", "7.1", "7.1-Wirtschaft-T8", "",
     "geplant", "Sonstiges", "Bewerbungsunterlagen erstellen, Vorstellungsgespräche üben."),
    ("Kampagne zur Integrationsratswahl 2025", "ir", "7.2", "7.2-Partizipation-T2", "",
     "abgeschlossen", "Leitbild", "Mehrsprachige Wahlaufrufe, Infostände und Social Media."),
    ("Einbürgerungs-Infotage in der Stadtbücherei", "migration", "7.2",
     "7.2-Partizipation-T5", "", "abgeschlossen", "Leitbild",
     "Informationen zu Voraussetzungen und Ablauf der Einbürgerung."),
    ("Digitale Antragstellung und Terminvergabe Einbürgerung", "migration", "7.2 7.3",
     "7.2-Partizipation-T5", "", "laufend", "Leitbild",
     "Online-Antrag mit Statusabfrage; soll Bearbeitungszeiten verkürzen."),
    ("Jährliche Aktualisierung der MSO-Datenbank", "ki", "7.2", "7.2-Engagement-T6.3", "",
     "laufend", "Leitbild", "Abfrage aller bekannten Selbstorganisationen, Pflege der Daten."),
    ("Bedarfsanalyse Migrant*innenselbstorganisationen", "ki", "7.2",
     "7.2-Engagement-T6.3 7.2-L5", "", "laufend", "Leitbild",
     "Befragung und Workshops zu Räumen, Finanzierung und Qualifizierung."),
    ("Vereinscoaching „Offen für alle“", "sport", "7.2 8.6", "7.2-Engagement-T1 7.2-L3", "",
     "geplant", "Leitbild", "Begleitung von Sportvereinen bei der interkulturellen Öffnung."),
    ("Fortbildungsreihe für Vorstände von Selbstorganisationen", "mso", "7.2",
     "7.2-Engagement-T6.1", "", "geplant", "Leitbild",
     "Module zu Vereinsrecht, Finanzen und Öffentlichkeitsarbeit."),
    ("Mehrsprachige Beteiligungswerkstatt Quartiersentwicklung", "ki", "7.2 6.3",
     "7.2-Partizipation-T7", "61 91", "geplant", "Leitbild",
     "Beteiligung an Planungen im Quartier mit Sprachmittlung."),
    ("Ehrenamtsbörse Flucht und Migration", "diakonie", "7.2", "7.2-Engagement-T6.5", "",
     "abgebrochen", "Sonstiges", "Online-Vermittlung Ehrenamtlicher; Plattform eingestellt."),
    ("Vielfaltssensible Stellenanzeigen", "personal", "7.3", "7.3-T6.2", "", "abgeschlossen",
     "Leitbild", "Neuer Textbaukasten und zusätzliche Verbreitungswege."),
    ("Schulung der Auswahlkommissionen", "personal", "7.3", "7.3-T6.5", "", "laufend",
     "Leitbild", "Pflichtmodul zu unbewussten Vorurteilen in Auswahlverfahren."),
    ("Ausbildungskampagne der Stadtverwaltung an Schulen", "personal", "7.3", "7.3-T6.3", "",
     "laufend", "Leitbild", "Azubis der Stadt stellen Berufe in Schulen aller Stadtteile vor."),
    ("Rassismuskritische Fortbildung für Führungskräfte", "personal", "7.3 6.1",
     "7.3-T1.2 7.3-T1.3", "", "laufend", "Leitbild",
     "Zweitägige Fortbildung, verpflichtend für neue Führungskräfte."),
    ("Beschäftigtenbefragung zur Vielfalt in der Verwaltung", "personal", "7.3",
     "7.3-T6.6 7.3-L5", "", "geplant", "Leitbild",
     "Freiwillige, anonyme Befragung als Grundlage für Zielwerte."),
    ("Bescheide und Formulare in einfacher Sprache", "migration", "7.3", "7.3-T7", "",
     "geplant", "Leitbild", "Überarbeitung der 30 meistgenutzten Formulare."),
    ("Austauschraum für Beschäftigte mit Rassismuserfahrung", "personal", "7.3 6.1", "7.3-T3",
     "", "pausiert", "Vorschlag", "Vertraulicher Gesprächskreis mit externer Moderation."),
    ("Lokale Umsetzung der Charta der Vielfalt aktualisieren", "ki", "7.3", "7.3-T5.2", "",
     "geplant", "Leitbild", "Abgleich der Selbstverpflichtung mit den Zielen des Leitbildes."),
    ("Meldestelle für rassistische Vorfälle bekannter machen", "ki", "6.1", "6.1-L2 6.1-T1",
     "", "laufend", "Leitbild", "Plakate, Beratungskarten und Schulbesuche."),
    ("Antidiskriminierungsberatung vor Ort in den Stadtteilen", "diakonie", "6.1", "6.1-L4",
     "61 63 91", "laufend", "Stadtteilnetzwerk", "Monatliche Sprechstunden in Stadtteilbüros."),
    ("Jährliche Integrationskonferenz", "ki", "6.2", "6.2-T1", "", "laufend", "Leitbild",
     "Handlungsfeldübergreifender Austausch zum Stand des Leitbildes."),
    ("Sprachmittlungspool ausbauen", "ki", "8.3 7.3", "8.3-L1 7.3-L1", "", "laufend",
     "Leitbild", "Neue Sprachmittler*innen gewinnen und schulen."),
    ("Gesundheitslotsinnen für Familien", "gesundheit", "8.3", "8.3-L1", "61 91", "laufend",
     "Stadtteilnetzwerk", "Lotsinnen informieren zu Vorsorge und Impfungen."),
    ("Vermittlung von Wohnungen für Geflüchtete", "migration", "8.5", "8.5-L2", "", "laufend",
     "Leitbild", "Auszug aus Unterkünften in eigene Wohnungen begleiten."),
    ("Mehrsprachige Infos zum Mietrecht", "awo", "8.5 8.1", "8.5-L1", "", "abgebrochen",
     "Sonstiges", "Broschüre und Infoabende; Projektpartner sprang ab."),
    ("Seepferdchen-Kurse an Grundschulen", "sport", "8.6", "8.6-L1", "91 63", "geplant",
     "Stadtteilnetzwerk", "Schwimmkurse im Anschluss an den Unterricht."),
    ("Aufenthaltsrechtliche Beratung im Stadtteilbüro", "caritas", "8.1", "8.1-L1", "61",
     "pausiert", "Stadtteilnetzwerk", "Sprechstunde ruht, bis die Stelle nachbesetzt ist."),
]  # fmt: skip

NEXT_STEPS = [
    "Termin mit Kooperationspartnern abstimmen", "Förderantrag stellen",
    "Zwischenbericht an den Integrationsrat", "Räume für das nächste Halbjahr sichern",
    "Ehrenamtliche für die nächste Runde gewinnen", "Auswertung der Teilnahmezahlen",
    "Flyer in weitere Sprachen übersetzen lassen", "Abstimmung im Stadtteilnetzwerk",
]  # fmt: skip
COMMENTS = [
    "Gute Resonanz, Warteliste eingerichtet.", "Kooperation mit der Grundschule vereinbart.",
    "Weniger Teilnehmende in den Ferien.", "Neue Ansprechperson beim Träger.",
    "Fördermittel für das Folgejahr bewilligt.", "Termin wegen Raumproblemen verschoben.",
]  # fmt: skip
PAUSE_REASONS = ["Personalwechsel beim Träger", "Räume vorübergehend nicht nutzbar"]
STOP_REASONS = ["Förderung ausgelaufen", "Kooperationspartner hat sich zurückgezogen"]


def _organisations() -> list[tuple[str, str, str | None]]:
    """(id, name, kind) with the same id the measure importer derives from the name."""
    return [(organisation_id(name), name, kind) for name, kind in ORGANISATIONS.values()]


def _day(rng: np.random.Generator, start: dt.date, end: dt.date) -> dt.date:
    """A random day in [start, end] (start when the range is empty)."""
    span = (end - start).days
    return start + dt.timedelta(days=int(rng.integers(0, span + 1)) if span > 0 else 0)


def _at(rng: np.random.Generator, day: dt.date) -> pd.Timestamp:
    """A time during office hours on the given day."""
    minutes = int(rng.integers(8 * 60, 17 * 60))
    return pd.Timestamp(day) + pd.Timedelta(minutes=minutes)


def _schedule(rng: np.random.Generator, status: str, today: dt.date) -> dict[str, Any]:
    """Dates and progress that fit the status, some of them late on purpose."""
    d = dt.timedelta
    m: dict[str, Any] = {"actual_start": None, "actual_end": None}
    if status == "geplant":
        late = rng.random() < 0.3
        lo, hi = (today - d(120), today - d(20)) if late else (today + d(14), today + d(240))
        m["planned_start"] = _day(rng, lo, hi)
        m["progress"] = 0
    else:
        m["actual_start"] = _day(rng, dt.date(2022, 1, 10), today - d(60))
        m["planned_start"] = m["actual_start"] - d(int(rng.integers(0, 60)))
    m["planned_end"] = m["planned_start"] + d(int(rng.integers(180, 1100)))
    if status == "laufend":
        # Most running measures end in the future; about one in five is overdue.
        late = rng.random() < 0.2
        lo, hi = (
            (m["actual_start"] + d(30), today - d(5)) if late else (today + d(30), today + d(900))
        )
        m["planned_end"] = _day(rng, lo, hi)
        span = max((m["planned_end"] - m["actual_start"]).days, 1)
        done = (today - m["actual_start"]).days / span
        m["progress"] = int(np.clip(round(100 * done * rng.uniform(0.6, 1.0), -1), 10, 90))
    elif status in ("abgeschlossen", "abgebrochen"):
        m["actual_end"] = _day(rng, m["actual_start"] + d(60), today - d(7))
        m["progress"] = 100 if status == "abgeschlossen" else int(rng.integers(1, 6)) * 10
        if status == "abgeschlossen":
            m["planned_end"] = m["actual_end"] + d(int(rng.integers(-45, 45)))
    elif status == "pausiert":
        m["progress"] = int(rng.integers(2, 7)) * 10
    return m


def _review(rng: np.random.Generator, m: dict[str, Any], today: dt.date) -> None:
    """Last review, next step and reach; a few measures are deliberately not reviewed lately."""
    d = dt.timedelta
    created = m["created_at"].date()
    draw = rng.random()
    if m["status"] in ("abgeschlossen", "abgebrochen"):
        m["last_reviewed"] = min(m["actual_end"] + d(int(rng.integers(0, 30))), today)
    elif draw < 0.1:
        m["last_reviewed"] = None
    elif draw < 0.25:
        m["last_reviewed"] = _day(rng, max(created, today - d(300)), today - d(100))
    else:
        m["last_reviewed"] = _day(rng, max(created, today - d(45)), today)
    open_ = m["status"] in ("geplant", "laufend", "pausiert")
    m["next_step"] = NEXT_STEPS[int(rng.integers(len(NEXT_STEPS)))] if open_ else None
    overdue = rng.random() < 0.2
    m["next_step_date"] = (
        None if not open_
        else _day(rng, today - d(40), today - d(3)) if overdue
        else _day(rng, today + d(7), today + d(100))
    )  # fmt: skip
    m["reach"] = None if m["status"] == "geplant" else int(rng.integers(2, 60)) * 5
    m["budget"] = None if rng.random() < 0.3 else float(rng.integers(1, 80) * 500)


def _events(
    rng: np.random.Generator, m: dict[str, Any], by: str, today: dt.date
) -> list[dict[str, Any]]:
    """History: created, started, progress notes, end or pause, last review."""
    ev: list[dict[str, Any]] = [
        {"at": m["created_at"], "by": DEMO_BY, "kind": "angelegt", "changes": {}, "comment": None}
    ]

    def add(day: dt.date, kind: str, changes: dict[str, Any], comment: str | None) -> None:
        # Nothing can happen before the measure was created, not even on the same day.
        at = max(_at(rng, day), m["created_at"] + pd.Timedelta(minutes=5))
        ev.append({"at": at, "by": by, "kind": kind, "changes": changes, "comment": comment})

    if m["actual_start"]:
        add(m["actual_start"], "status", {"status": ["geplant", "laufend"]}, "Gestartet.")
        until = m["actual_end"] or m["last_reviewed"] or today - dt.timedelta(days=7)
        progress_day = m["actual_start"] + (until - m["actual_start"]) / 2
        if m["progress"] >= 20:
            half = m["progress"] // 20 * 10
            add(progress_day, "geändert", {"progress": [0, half]}, None)
            add(progress_day + dt.timedelta(days=1), "kommentar", {},
                COMMENTS[int(rng.integers(len(COMMENTS)))])  # fmt: skip
    end_reason = {"pausiert": PAUSE_REASONS, "abgebrochen": STOP_REASONS}.get(m["status"])
    if m["status"] in ("abgeschlossen", "abgebrochen"):
        comment = end_reason[int(rng.integers(2))] if end_reason else "Ziele erreicht."
        add(m["actual_end"], "status", {"status": ["laufend", m["status"]]}, comment)
    elif m["status"] == "pausiert":
        # Paused in the second half of the time since the start.
        day = m["actual_start"] + (today - m["actual_start"]) * float(rng.uniform(0.5, 0.9))
        add(day, "status", {"status": ["laufend", "pausiert"]}, end_reason[int(rng.integers(2))])
    if m["last_reviewed"]:
        add(m["last_reviewed"], "geprüft", {"last_reviewed": [None, str(m["last_reviewed"])]},
            "Wöchentliche Durchsicht")  # fmt: skip
    return sorted(ev, key=lambda e: e["at"])


def _measure(rng: np.random.Generator, row: tuple[str, ...], today: dt.date) -> dict[str, Any]:
    """One measure as Store.insert_measures expects it, with links and event history."""
    title, org, fields, goals, areas, status, origin, description = row
    name = ORGANISATIONS[org][0]
    m: dict[str, Any] = {
        "title": title, "description": description, "fields": fields.split(),
        "goals": goals.split(), "areas": areas.split(), "organisation": name,
        "organisation_id": organisation_id(name), "contact": f"Koordination, {name} (Demo)",
        "status": status, "origin": origin, "notes": None, "is_demo": True,
    }  # fmt: skip
    m.update(_schedule(rng, status, today))
    first = m["actual_start"] or m["planned_start"]
    created_day = min(first - dt.timedelta(days=int(rng.integers(20, 120))), today)
    m["created_at"] = _at(rng, created_day)
    others = [ORGANISATIONS[k][0] for k in ORGANISATIONS if k != org]
    picks = rng.choice(len(others), size=int(rng.integers(0, 3)), replace=False)
    m["partners"] = "; ".join(others[i] for i in sorted(picks)) or None
    _review(rng, m, today)
    if m["last_reviewed"] is not None and m["last_reviewed"] < created_day:
        m["last_reviewed"] = created_day
    by = {"nw91": "Stadtteilnetzwerk Berg Fidel (Demo)", "nw61": "Stadtteilnetzwerk Coerde (Demo)"}
    m["events"] = _events(rng, m, by.get(org, DEMO_BY), today)
    return m


def _measures(seed: int, today: dt.date) -> list[dict[str, Any]]:
    """All demo measures, in table order."""
    rng = _rng(seed, "measures")
    return [_measure(rng, row, today) for row in MEASURES]


def generate(
    catalogue: Catalogue, seed: int = DEFAULT_SEED, today: dt.date | None = None
) -> DemoData:
    """Generate the complete demo dataset; the same seed and day give identical data."""
    today = today or DEFAULT_TODAY
    observations = _observations(catalogue, seed)
    return DemoData(
        observations=observations,
        targets=_targets(catalogue, observations),
        organisations=_organisations(),
        measures=_measures(seed, today),
    )
