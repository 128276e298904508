"""Demo register counts: population, Migrationsvorgeschichte and its parts, children."""

from __future__ import annotations

import numpy as np

from dashboard.demo.base import (
    CITY_MV_SHARE,
    CITY_MV_SLOPE,
    DEFAULT_DISTRICT,
    DISTRICTS,
    FIXED_MV,
    IA,
    STEP,
    YEARS,
    Base,
    Series,
    T,
    binom,
)


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


def population(rng: np.random.Generator, codes: list[str]) -> Base:
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
    pop_m = binom(rng, pop, rng.uniform(0.475, 0.51, (n, 1)))
    mv_m = np.minimum(binom(rng, mv, rng.uniform(0.49, 0.525, (n, 1))), pop_m)
    # Parts of MV: inherited MV exists only among children; own MV is common among Aussiedler.
    dep = (params[:, 2] - CITY_MV_SHARE) / 10
    dt_inherited = binom(rng, kids_mv, rng.uniform(0.45, 0.6, (n, 1)))
    own_share = np.clip(0.30 + 0.03 * dep, 0.22, 0.42)[:, None] - 0.004 * (YEARS - 2015)
    dt_own = np.minimum(binom(rng, mv, own_share), mv - dt_inherited)
    foreign = mv - dt_own - dt_inherited
    wa = np.rint(pop * params[:, 4:5] / 100).astype(np.int64)
    wa_foreign = np.minimum(np.rint(foreign * 0.82).astype(np.int64), wa // 2)
    wa_m = binom(rng, wa, 0.5)
    return Base(
        codes,
        pop,
        pop_m,
        mv,
        mv_m,
        kids,
        kids_mv,
        foreign,
        dt_own,
        dt_inherited,
        wa,
        wa_foreign,
        wa_m,
        dep,
    )


def population_series(b: Base) -> list[Series]:
    """The register counts as series: population, MV and its three parts, children."""
    c = b.codes
    return [
        Series("bevoelkerung", "insgesamt", c, b.pop),
        Series("bevoelkerung", "maennlich", c, b.pop_m),
        Series("bevoelkerung", "weiblich", c, b.pop - b.pop_m),
        Series("bevoelkerung_mv", "insgesamt", c, b.mv),
        Series("bevoelkerung_mv", "maennlich", c, b.mv_m),
        Series("bevoelkerung_mv", "weiblich", c, b.mv - b.mv_m),
        Series("bevoelkerung_auslaender", "insgesamt", c, b.foreign),
        Series("bevoelkerung_dt_mv_persoenlich", "insgesamt", c, b.dt_own),
        Series("bevoelkerung_dt_mv_vererbt", "insgesamt", c, b.dt_inherited),
        Series("kinder_u18", "insgesamt", c, b.kids),
        Series("kinder_u18_mv", "insgesamt", c, b.kids_mv),
    ]
