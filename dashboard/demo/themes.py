"""Demo district themes: labour market, age structure, schools, child poverty, neighbourhood."""

from __future__ import annotations

import numpy as np

from dashboard.demo.base import (
    IA,
    MIN_RELIABLE_MV,
    MSO_FOCUS,
    NETWORK_MEETINGS,
    PANDEMIC_DIP,
    STEP,
    UNEMPLOYMENT_SHOCK,
    Base,
    Series,
    T,
    binom,
    slopes,
    trend,
)

# --- labour market ------------------------------------------------------------------------------
# indicator: (German rate in 2023 = a + b·dep, foreign/German ratio, mean slope, slope sd,
#             share of men among the counted persons or None without sex groups)
LABOUR: dict[str, tuple[float, float, float, float, float, float | None]] = {
    "arbeitslose_je100": (3.0, 1.4, 2.3, -0.05, 0.06, 0.55),
    "sgb2_quote": (4.0, 2.6, 3.2, -0.10, 0.10, None),
    "beschaeftigte_je100": (58.0, -1.5, 0.7, 0.5, 0.25, 0.52),
}


def labour(rng: np.random.Generator, b: Base) -> list[Series]:
    """Rates per 100 aged 15–64 by nationality and sex; groups partition the total."""
    out: list[Series] = []
    wa_german = b.wa - b.wa_foreign
    for ind, (a, slope_dep, ratio, mean, sd, men) in LABOUR.items():
        base = np.clip(a + slope_dep * b.dep, 1.2, 80)
        shock = UNEMPLOYMENT_SHOCK if ind != "beschaeftigte_je100" else -UNEMPLOYMENT_SHOCK
        german = trend(rng, base, slopes(rng, ind, b.codes, mean, sd), 0.12, shock)
        foreign = german * ratio
        if ind == "beschaeftigte_je100":
            # Employment of non-Germans catches up faster than that of Germans.
            foreign = foreign + 0.6 * STEP[None, :]
        num_g = binom(rng, wa_german, np.clip(german, 0.5, 90) / 100)
        num_f = binom(rng, b.wa_foreign, np.clip(foreign, 0.5, 90) / 100)
        total = num_g + num_f
        out += [
            Series(ind, "insgesamt", b.codes, total, b.wa),
            Series(ind, "deutsch", b.codes, num_g, wa_german),
            Series(ind, "nichtdeutsch", b.codes, num_f, b.wa_foreign),
        ]
        if men is not None:
            num_m = binom(rng, total, men)
            out += [
                Series(ind, "maennlich", b.codes, num_m, b.wa_m),
                Series(ind, "weiblich", b.codes, total - num_m, b.wa - b.wa_m),
            ]
    return out


# --- structure: age bands, households, labour counts ---------------------------------------------
# share of the ten age bands (0–9 … 80–89, 90+) in a typical district, men and women
AGE_BANDS = ("0_9", "10_19", "20_29", "30_39", "40_49", "50_59", "60_69", "70_79", "80_89",
             "90_plus")  # fmt: skip
AGE_SHARES_M = np.array([0.090, 0.095, 0.188, 0.148, 0.142, 0.138, 0.089, 0.074, 0.032, 0.004])
AGE_SHARES_F = np.array([0.077, 0.088, 0.202, 0.131, 0.129, 0.131, 0.089, 0.089, 0.051, 0.013])


def age_bands(rng: np.random.Generator, pop: np.ndarray, shares: np.ndarray) -> np.ndarray:
    """Counts by age band (district × year × band) that add up to ``pop`` exactly."""
    n = pop.shape[0]
    mix = rng.dirichlet(shares * 300, n)  # each district its own age structure
    return np.stack(
        [np.stack([rng.multinomial(pop[i, t], mix[i]) for t in range(T)]) for i in range(n)]
    )


def structure(rng: np.random.Generator, b: Base, district: list[Series]) -> list[Series]:
    """Age bands of the population (total, men, women), households, labour-market counts."""
    c = b.codes
    men = age_bands(rng, b.pop_m, AGE_SHARES_M)
    women = age_bands(rng, b.pop - b.pop_m, AGE_SHARES_F)
    out = []
    for k, band in enumerate(AGE_BANDS):
        out += [
            Series("bevoelkerung", f"alter_{band}", c, men[:, :, k] + women[:, :, k]),
            Series("bevoelkerung", f"maennlich_alter_{band}", c, men[:, :, k]),
            Series("bevoelkerung", f"weiblich_alter_{band}", c, women[:, :, k]),
        ]
    size = rng.uniform(1.6, 2.4, (len(c), 1)) - 0.01 * STEP[None, :]
    out.append(Series("haushalte", "insgesamt", c, np.rint(b.pop / size).astype(np.int64)))
    # the counts behind the demo rates, so both tell the same story
    rates = {(s.indicator, s.grp): s for s in district}
    for count, rate in (
        ("arbeitslose", "arbeitslose_je100"),
        ("beschaeftigte_svp", "beschaeftigte_je100"),
    ):
        out.append(Series(count, "insgesamt", c, rates[(rate, "insgesamt")].num))
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


def cohort(rng: np.random.Generator, b: Base, years_of_age: float) -> np.ndarray:
    """Children in a span of years of age (e.g. one school-entry year), with noise."""
    size = b.kids * years_of_age / 18 * rng.normal(1, 0.04, b.kids.shape)
    return np.rint(size).astype(np.int64)


def school(rng: np.random.Generator, b: Base) -> list[Series]:
    """Shares of a children's cohort, with and without MV; the groups partition the total."""
    out: list[Series] = []
    for ind, (age, a, slope_dep, gap, s_without, s_with, shock) in COHORTS.items():
        den = cohort(rng, b, age)
        den_mv = binom(rng, den, b.kids_share_mv)
        base = np.clip(a + slope_dep * b.dep, 25, 99)
        without = trend(rng, base, rng.normal(s_without, 0.2, len(b.codes)), 0.3, shock)
        with_mv = trend(rng, base - gap, slopes(rng, ind, b.codes, s_with, 0.3), 0.4, shock)
        num_mv = binom(rng, den_mv, np.clip(with_mv, 5, 99.5) / 100)
        num_wo = binom(rng, den - den_mv, np.clip(without, 5, 99.5) / 100)
        out += [
            Series(ind, "insgesamt", b.codes, num_mv + num_wo, den),
            Series(ind, "mit_mv", b.codes, num_mv, den_mv),
            Series(ind, "ohne_mv", b.codes, num_wo, den - den_mv),
        ]
    return out


def child_poverty_language(rng: np.random.Generator, b: Base) -> list[Series]:
    """School-entry language deficits and SGB II among children under 15 (totals only)."""
    entrants = cohort(rng, b, 0.95)
    lang = np.clip(1.5 + 26 * b.kids_share_mv[:, IA], 1, 40)
    lang_path = trend(rng, lang, slopes(rng, "seu_deutsch_unzureichend", b.codes, 0.3, 0.3), 0.5)
    under15 = np.rint(b.kids * 15 / 18).astype(np.int64)
    poverty = np.clip(9 + 8 * b.dep, 2, 55)
    pov_path = trend(rng, poverty, slopes(rng, "sgb2_kinder_u15", b.codes, -0.2, 0.25), 0.3)
    return [
        Series(
            "seu_deutsch_unzureichend",
            "insgesamt",
            b.codes,
            binom(rng, entrants, np.clip(lang_path, 0.5, 60) / 100),
            entrants,
        ),
        Series(
            "sgb2_kinder_u15",
            "insgesamt",
            b.codes,
            binom(rng, under15, np.clip(pov_path, 1, 70) / 100),
            under15,
        ),
    ]


def neighbourhood(rng: np.random.Generator, b: Base) -> list[Series]:
    """Network meetings, active migrant organisations and living space per person."""
    n = len(b.codes)
    meet_base = np.array([NETWORK_MEETINGS.get(c, 0.4) for c in b.codes])
    meetings = rng.poisson(meet_base[:, None] * 1.06 ** STEP[None, :])
    # About 1.8 organisations per 1,000 residents with MV, growing 2 % a year.
    mso_base, mso_slope = b.mv[:, IA] * 1.8 / 1000, b.mv[:, IA] * 1.8 / 1000 * 0.02
    for i, code in enumerate(b.codes):
        mso_base[i], mso_slope[i] = MSO_FOCUS.get(code, (mso_base[i], mso_slope[i]))
    mso = np.clip(np.rint(trend(rng, mso_base, mso_slope, 0.6)), 0, None).astype(np.int64)
    residents = binom(rng, b.pop, np.clip(0.92 - 0.03 * b.dep, 0.85, 0.97)[:, None])
    space = trend(rng, np.clip(46 - 3.5 * b.dep, 30, 52), rng.normal(0.1, 0.08, n), 0.15)
    return [
        Series("stadtteil_netzwerktreffen", "insgesamt", b.codes, meetings),
        Series("mso_aktiv", "insgesamt", b.codes, mso),
        Series(
            "wohnflaeche_je_person",
            "insgesamt",
            b.codes,
            np.rint(residents * space).astype(np.int64),
            residents,
        ),
    ]


def attachment(
    rng: np.random.Generator, b: Base, members: dict[str, list[str]], levels: dict[str, str]
) -> list[Series]:
    """Survey share attached to the district; aggregates are weighted means, not sums."""
    ind = "stadtteil_verbundenheit"
    base = np.clip(74 - 4.5 * b.dep, 50, 85)
    total = trend(rng, base, slopes(rng, ind, b.codes, 0.1, 0.3), 0.8)
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
        out.append(Series(ind, grp, b.codes + aggregates, matrix))
    return out
