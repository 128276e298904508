"""Issue 20 (privacy): overlapping splits, identities between indicators, bounds — attacked.

The attack (tests/disclosure_attack.py) solves linear programs over everything released plus
every relation that holds in the true data; no hidden quantity may come out narrower than the
primary rule's own range (``min_count - 1``).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd
import pytest

from dashboard.analysis.derived import base_indicators, with_derived
from dashboard.analysis.disclosure import suppress
from dashboard.catalogues import Catalogue
from dashboard.imports import store_catalogue
from dashboard.readmodel import released_observations
from dashboard.store import Store
from tests.disclosure_attack import attack

COLS = ["indicator_id", "area_code", "period", "grp", "value", "numerator", "denominator",
        "flag", "source"]  # fmt: skip
AREAS = pd.DataFrame({
    "code": ["0", "B1", "B2", "11", "12", "13", "21", "22", "23"],
    "level": ["stadt", "stadtbezirk", "stadtbezirk", *["stadtteil"] * 6],
    "parent_code": [None, "0", "0", "B1", "B1", "B1", "B2", "B2", "B2"],
})  # fmt: skip
INDICATORS = pd.DataFrame({
    "id": ["pop", "mv", "aus", "pers", "ver", "quote", "anteil"],
    "kind": ["count", "count", "count", "count", "count", "rate", "share"],
    "numerator_id": [None, None, None, None, None, None, "mv"],
    "denominator_id": [None, None, None, None, None, None, "pop"],
    "factor": [None, None, None, None, None, None, 100.0],
    "decimals": [0, 0, 0, 0, 0, 1, 1],
})  # fmt: skip
SPLITS = pd.DataFrame({
    "id": ["geschlecht", "staatsangehoerigkeit", "mv"],
    "kind": ["split", "split", "identity"],
    "total": ["insgesamt", "insgesamt", "mv"],
    "parts": [["maennlich", "weiblich"], ["deutsch", "nichtdeutsch"], ["aus", "pers", "ver"]],
    "sort": [0, 1, 2],
})  # fmt: skip
CATALOGUE = Catalogue(frames={"area": AREAS, "indicator": INDICATORS, "additive_set": SPLITS})


def _frame(rows: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame(
        [(*r[:8], "x") if len(r) == 8 else (*r, None, "x") for r in rows], columns=COLS
    )


def _secret(out: pd.DataFrame, indicator: str, area: str, grp: str = "insgesamt") -> bool:
    row = out[(out.indicator_id == indicator) & (out.area_code == area) & (out.grp == grp)]
    return bool(row["flag"].eq("secret").iloc[0])


# --- item 1: overlapping group splits -------------------------------------------------------
def test_each_split_of_a_total_protects_its_parts() -> None:
    # numerators of one district: 50 = 48 + 2 (nationality) = 30 + 20 (sex): 50 − 48 = 2
    cells = {"insgesamt": 50, "deutsch": 48, "nichtdeutsch": 2, "maennlich": 30, "weiblich": 20}
    rows = [("quote", "11", 2024, g, n / 200 * 100, n, 200.0) for g, n in cells.items()]
    out = suppress(_frame(rows), INDICATORS, AREAS, additive_sets=SPLITS)
    assert _secret(out, "quote", "11", "nichtdeutsch")
    assert _secret(out, "quote", "11", "deutsch") or _secret(out, "quote", "11", "insgesamt")


def test_without_declared_splits_the_overlap_leaks() -> None:
    # the same cells without the declaration: the old rule found no set (the attack can fail)
    cells = {"insgesamt": 50, "deutsch": 48, "nichtdeutsch": 2, "maennlich": 30, "weiblich": 20}
    rows = [("quote", "11", 2024, g, n / 200 * 100, n, 200.0) for g, n in cells.items()]
    frame = _frame(rows)
    out = suppress(frame, INDICATORS, AREAS)
    report = attack(out, frame, CATALOGUE)
    assert [(k[3], v) for k, v in report.exact] == [("nichtdeutsch", 2.0)]


# --- item 2: identities between indicators ----------------------------------------------------
def test_an_identity_between_indicators_is_a_set() -> None:
    # with migration history 100 = foreigners 60 + own history 38 + inherited 2
    cells = {"mv": 100.0, "aus": 60.0, "pers": 38.0, "ver": 2.0}
    frame = _frame([(i, "11", 2024, "insgesamt", v, None, None) for i, v in cells.items()])
    out = suppress(frame, INDICATORS, AREAS, additive_sets=SPLITS)
    assert _secret(out, "ver", "11") and _secret(out, "pers", "11")
    assert (
        attack(out, frame, CATALOGUE)
        .summary()
        .startswith("hidden quantities 2, recovered exactly 0, narrowed 0")
    )


# --- item 3: bounds -----------------------------------------------------------------------------
def test_a_full_share_does_not_give_its_hidden_parts_away() -> None:
    # a visible 24 of 24 (100 %) with parts of denominators 8 and 16 (hidden: below 20)
    rows = [("quote", "B1", 2024, "insgesamt", 100.0, 24.0, 24.0),
            ("quote", "11", 2024, "insgesamt", 100.0, 8.0, 8.0),
            ("quote", "12", 2024, "insgesamt", 100.0, 16.0, 16.0)]  # fmt: skip
    frame = _frame(rows)
    out = suppress(frame, INDICATORS, AREAS)
    report = attack(out, frame, CATALOGUE)
    assert report.hidden >= 2 and not report.exact and not report.narrowed, report.summary()


def test_the_attack_sees_through_bounds_the_plain_rule_leaves() -> None:
    # what the secondary rule alone released: 24 of 24 with two hidden parts
    rows = [("quote", "B1", 2024, "insgesamt", 100.0, 24.0, 24.0),
            ("quote", "11", 2024, "insgesamt", 100.0, 8.0, 8.0),
            ("quote", "12", 2024, "insgesamt", 100.0, 16.0, 16.0)]  # fmt: skip
    truth = _frame(rows)
    released = truth.copy()
    released.loc[[1, 2], ["value", "numerator"]] = np.nan
    released.loc[[1, 2], "flag"] = "secret"
    report = attack(released, truth, CATALOGUE)
    assert sorted(v for _k, v in report.exact) == [8.0, 16.0]


# --- the generated worst case ------------------------------------------------------------------
def _worst_case(seed: int, periods: int = 3) -> pd.DataFrame:
    """Small counts everywhere, two overlapping splits, an identity, rates near 0 % and 100 %."""
    rng = np.random.default_rng(seed)
    rows: list[tuple] = []
    districts = ["11", "12", "13", "21", "22", "23"]
    for period in range(2020, 2020 + periods):
        cells: dict[tuple[str, str, str], float] = {}
        for d in districts:
            m, w = rng.integers(0, 12, 2)
            de = rng.integers(0, m + w + 1)
            pop = {"insgesamt": m + w, "maennlich": m, "weiblich": w, "deutsch": de,
                   "nichtdeutsch": m + w - de}  # fmt: skip
            parts = rng.integers(0, 4, 3)
            mv_m = rng.integers(0, parts.sum() + 1)
            cells |= {("pop", d, g): v for g, v in pop.items()}
            cells |= {
                (i, d, "insgesamt"): v for i, v in zip(("aus", "pers", "ver"), parts, strict=True)
            }
            cells |= {("mv", d, "insgesamt"): parts.sum(), ("mv", d, "maennlich"): mv_m,
                      ("mv", d, "weiblich"): parts.sum() - mv_m}  # fmt: skip
            for g, den in pop.items():
                # numerators at 0 % or 100 % of their denominators half of the time
                share = rng.choice([0.0, 1.0, rng.random()])
                cells[("quote_num", d, g)] = min(den, round(den * share))
                cells[("quote_den", d, g)] = den
            # keep both splits of the numerator consistent with the total
            num = cells[("quote_num", d, "maennlich")] + cells[("quote_num", d, "weiblich")]
            cells[("quote_num", d, "insgesamt")] = num
            low, high = max(0, num - pop["nichtdeutsch"]), min(pop["deutsch"], num)
            cells[("quote_num", d, "deutsch")] = rng.integers(low, high + 1)
            cells[("quote_num", d, "nichtdeutsch")] = num - cells[("quote_num", d, "deutsch")]
        for parent, kids in (("B1", districts[:3]), ("B2", districts[3:]), ("0", districts)):
            for i, g in {(i, g) for i, _d, g in list(cells)}:
                cells[(i, parent, g)] = sum(cells[(i, k, g)] for k in kids)
        for (i, a, g), v in sorted(cells.items()):
            if i == "quote_num":
                den = cells[("quote_den", a, g)]
                value = v / den * 100 if den else np.nan
                rows.append(("quote", a, period, g, value, float(v), float(den)))
            elif i != "quote_den":
                rows.append((i, a, period, g, float(v), None, None))
    return _frame(rows)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_generated_worst_case_gives_nothing_away(seed: int) -> None:
    stored = _worst_case(seed)
    truth = pd.concat([stored, with_derived(stored, ["anteil"], INDICATORS)], ignore_index=True)
    released = suppress(truth, INDICATORS, AREAS, additive_sets=SPLITS)
    report = attack(released, truth, CATALOGUE)
    print(f"worst case {seed}: {report.summary()}")
    assert report.hidden > 100 and report.relations > 500
    assert not report.exact and not report.narrowed, report.summary()


# --- the demo data, as a viewer can download it ---------------------------------------------------
def test_demo_export_gives_nothing_away(demo_store: Store) -> None:
    catalogue = store_catalogue(demo_store)
    ids = list(catalogue.indicators["id"])
    released = released_observations(demo_store, catalogue)
    stored = demo_store.observations(base_indicators(ids, catalogue.indicators))
    truth = with_derived(stored, ids, catalogue.indicators)
    # bounded: the newest three years (periods are independent; the full run is
    # `python -m tests.disclosure_attack`)
    recent = [int(p) for p in sorted(truth["period"].unique())[-3:]]
    report = attack(
        released[released["period"].isin(recent)], truth[truth["period"].isin(recent)], catalogue
    )
    print(f"demo data {recent}: {report.summary()}")
    assert report.hidden > 1000
    assert not report.exact and not report.narrowed, report.summary()


def test_without_the_audit_the_worst_case_leaks(monkeypatch: pytest.MonkeyPatch) -> None:
    # the secondary rule alone (no LP audit): the attack must find what it lets through
    def secondary_only(model: object, masks: object, need: float, rehide: Callable) -> int:
        rehide()
        return 0

    monkeypatch.setattr("dashboard.analysis.disclosure.protect", secondary_only)
    leaks = 0
    for seed in (1, 2, 3):
        stored = _worst_case(seed)
        truth = pd.concat([stored, with_derived(stored, ["anteil"], INDICATORS)], ignore_index=True)
        report = attack(suppress(truth, INDICATORS, AREAS, additive_sets=SPLITS), truth, CATALOGUE)
        leaks += len(report.exact) + len(report.narrowed)
    assert leaks > 0


def test_solving_in_small_chunks_releases_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    """Splitting the linear programs into many solver calls (memory at 100x) changes nothing."""
    from dashboard.analysis import disclosure_lp

    stored = _worst_case(2)
    truth = pd.concat([stored, with_derived(stored, ["anteil"], INDICATORS)], ignore_index=True)
    whole = suppress(truth, INDICATORS, AREAS, additive_sets=SPLITS)
    calls: list[tuple[int, int]] = []  # (jobs, variables) of each solver call
    solve = disclosure_lp.solve_blocks

    def counted(jobs: list) -> list:
        calls.append((len(jobs), sum(program.n for _k, program, _objective in jobs)))
        return solve(jobs)

    monkeypatch.setattr(disclosure_lp, "solve_blocks", counted)
    monkeypatch.setattr(disclosure_lp, "MAX_BLOCK_VARIABLES", 12)
    chunked = suppress(truth, INDICATORS, AREAS, additive_sets=SPLITS)
    assert len(calls) > 20  # one job larger than the limit is solved alone
    assert all(size <= 12 or jobs == 1 for jobs, size in calls)
    pd.testing.assert_frame_equal(chunked, whole)
    assert (whole["flag"] == "secret").sum() > 100
