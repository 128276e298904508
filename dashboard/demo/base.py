"""Shared parameters and helpers of the demo generator: districts, stories, random streams."""

from __future__ import annotations

import datetime as dt
import zlib
from dataclasses import dataclass

import numpy as np

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
class Series:
    """One indicator and group over YEARS; value = num, or num / den × factor with den."""

    indicator: str
    grp: str
    codes: list[str]
    num: np.ndarray
    den: np.ndarray | None = None


@dataclass
class Base:
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


def rng_for(seed: int, part: str) -> np.random.Generator:
    # One stream per part, so adding a part never changes what the others generate.
    return np.random.default_rng([seed, zlib.crc32(part.encode())])


def binom(rng: np.random.Generator, n: np.ndarray, p: np.ndarray | float) -> np.ndarray:
    """Counts out of n with probability p: sampling noise that is large in small districts."""
    return rng.binomial(np.maximum(n, 0).astype(np.int64), np.clip(p, 0.0, 1.0))


def trend(
    rng: np.random.Generator,
    base: np.ndarray,
    slope: np.ndarray,
    noise: float,
    shock: np.ndarray | None = None,
) -> np.ndarray:
    """Smooth district paths: level in the anchor year, linear trend, year effects, noise."""
    path = base[:, None] + slope[:, None] * STEP[None, :] + rng.normal(0, noise, (len(base), T))
    return path if shock is None else path + shock[None, :]


def slopes(
    rng: np.random.Generator, indicator: str, codes: list[str], mean: float, sd: float
) -> np.ndarray:
    """Random district trends around a city trend, with the focus districts' fixed stories."""
    slope = rng.normal(mean, sd, len(codes))
    for i, code in enumerate(codes):
        slope[i] = FOCUS_SLOPES.get((indicator, code), slope[i])
    return slope
