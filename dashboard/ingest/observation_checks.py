"""The validation rules for candidate observations, applied column-wise to all at once."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from dashboard.catalogues import Catalogue
from dashboard.errors import Problem
from dashboard.ingest import columns
from dashboard.ingest.area_hint import unknown_area_expected
from dashboard.ingest.cells import FLAGS, NUMBER_EXPECTED, parse_period
from dashboard.ingest.observation_candidates import OUTPUT_COLUMNS, Candidates
from dashboard.ingest.plausibility import INTEGER_EXPECTED, count_hint, value_rule

AGGREGATE_LEVELS = {"stadt", "stadtbezirk", "teilbereich", "nicht_zuzuordnen"}


def _factor(indicator: dict[str, Any]) -> float:
    unit = str(indicator["unit"])
    return 1000.0 if "1000" in unit or "1.000" in unit else 100.0


class Validation:
    """The validation rules, column-wise; problems are sorted back into row-by-row order."""

    def __init__(
        self, c: Candidates, catalogue: Catalogue, file: str, new_groups: set[str]
    ) -> None:
        self.c, self.catalogue, self.file, self.new_groups = c, catalogue, file, new_groups
        self.n = len(c.row)
        self.rows = np.asarray(c.row, dtype=np.int64)
        self.found: list[tuple[int, int, Problem]] = []
        self.has_problem = np.zeros(self.n, dtype=bool)

    def bad(
        self,
        mask: np.ndarray,
        order: int,
        name: str,
        expected: Callable[[int], str] | str,
        found: Callable[[int], object],
    ) -> None:
        """Report one problem for every row in ``mask``."""
        mask = np.asarray(mask, dtype=bool)
        for i in np.flatnonzero(mask):
            text = expected if isinstance(expected, str) else expected(int(i))
            self.found.append(
                (
                    int(i),
                    order,
                    Problem(
                        self.file,
                        int(self.rows[i]),
                        self.c.column(int(i), name),
                        text,
                        repr(found(int(i))),
                    ),
                )
            )
        self.has_problem |= mask

    def run(self) -> tuple[pd.DataFrame, list[Problem]]:
        """Apply every rule; the clean frame and the problems in file order."""
        c, n = self.c, self.n
        self.indicator = columns.objects(c.indicator)
        self.area = columns.objects(c.area)
        self._indicators()
        self._areas()
        period = columns.map_cells(parse_period, c.period)
        no_period = _isnone(period)
        self.bad(
            no_period,
            3,
            "period",
            "ein Jahr (z. B. 2014 oder 31.12.2014)",
            lambda i: c.period[i],
        )
        # as one by one: `group or "insgesamt"`, the texts themselves untouched
        group = columns.objects(c.group if c.group is not None else [""] * n).copy()
        group[pd.isna(group) | (group == "")] = "insgesamt"
        self._groups(group)
        values = self._values()
        keep = ~self.has_problem & ~self.unknown & ~no_period & self.known
        frame = self._frame(keep, period, group, values)
        problems = [p for _, _, p in sorted(self.found, key=lambda f: (f[0], f[1]))]
        return frame, problems

    def _indicators(self) -> None:
        catalogue = {r["id"]: r for r in self.catalogue.indicators.to_dict("records")}
        codes, uniques = pd.factorize(self.indicator)
        specs = [catalogue.get(u) for u in uniques]
        self.ind_codes, self.specs = codes, specs
        known = np.array([s is not None for s in specs] + [False])[codes]
        derived = np.array(
            [s is not None and s["numerator_id"] is not None for s in specs], dtype=bool
        )
        self.known = known
        self.bad(
            ~known,
            0,
            "indicator",
            "eine Indikator-ID aus dem Katalog",
            lambda i: self.indicator[i],
        )
        self.bad(
            np.append(derived, False)[codes],
            0,
            "indicator",
            "einen gespeicherten Indikator (abgeleitete werden berechnet)",
            lambda i: self.indicator[i],
        )
        kinds = [s["kind"] if s is not None else "" for s in specs]
        self.kind = np.array([*kinds, ""], dtype=object)[codes]
        factors = [_factor(s) if s is not None else 1.0 for s in specs]
        self.factor = np.array([*factors, 1.0])[codes]
        # the possible values of each indicator: one definition in plausibility.value_rule
        rules = [
            value_rule(s) if s is not None else value_rule({"kind": "", "unit": ""}) for s in specs
        ]
        lows = [-np.inf if r.low is None else r.low for r in rules]
        highs = [np.inf if r.high is None else r.high for r in rules]
        self.low = np.array([*lows, -np.inf])[codes]
        self.high = np.array([*highs, np.inf])[codes]
        self.integer = np.array([*(r.integer for r in rules), False])[codes]
        self.range_text = [
            r.expected + (count_hint(s) if s is not None else "")
            for r, s in zip(rules, specs, strict=True)
        ]

    def _areas(self) -> None:
        levels = dict(zip(self.catalogue.areas["code"], self.catalogue.areas["level"], strict=True))
        self.code = columns.map_cells(self.catalogue.resolve_area, self.area)
        unknown = self.unknown = _isnone(self.code)
        self.bad(
            unknown,
            1,
            "area",
            lambda i: unknown_area_expected(self.area[i], self.catalogue),
            lambda i: self.area[i],
        )
        level = objects_or(self.code, levels)

        def wrong_level(ind: int, lvl: str) -> bool:
            allowed = set(self.specs[ind]["levels"])
            if "stadtteil" in allowed:
                allowed |= AGGREGATE_LEVELS
            return lvl not in allowed

        wrong = _per_pair(self.ind_codes, level, ~unknown & self.known, wrong_level)
        self.bad(
            wrong,
            2,
            "area",
            lambda i: "eine Ebene aus " + ", ".join(self.specs[self.ind_codes[i]]["levels"]),
            lambda i: f"{self.area[i]} ({level[i]})",
        )

    def _groups(self, group: np.ndarray) -> None:
        def wrong_group(ind: int, grp: str) -> bool:
            return grp not in self.specs[ind]["groups"] and grp not in self.new_groups

        wrong = _per_pair(self.ind_codes, group, self.known, wrong_group)
        self.bad(
            wrong,
            4,
            "group",
            lambda i: "eine Gruppe aus " + ", ".join(self.specs[self.ind_codes[i]]["groups"]),
            lambda i: group[i],
        )

    def _values(self) -> dict[str, np.ndarray]:
        c, n = self.c, self.n
        cells = {"value": c.value, "numerator": c.numerator, "denominator": c.denominator}
        parsed = {name: columns.numbers(col, n) for name, col in cells.items()}
        for order, name in enumerate(cells, start=5):
            self.bad(
                parsed[name].state == columns.BAD,
                order,
                name,
                NUMBER_EXPECTED,
                lambda i, name=name: cells[name][i],
            )
        flag = self._flags(parsed)
        v = parsed["value"].value.copy()
        num, den = parsed["numerator"].value, parsed["denominator"].value
        derive = np.isnan(v) & ~np.isnan(num) & ~np.isnan(den) & (den != 0) & self.known
        ratio = columns.among(self.kind, ["share", "rate"])
        with np.errstate(divide="ignore", invalid="ignore"):
            v[derive] = (num / den * np.where(ratio, self.factor, 1.0))[derive]
        unparsed = parsed["value"].state == columns.BAD
        lacking = np.isnan(v) & columns.among(flag, ["", "not_available", *_VALUE_FLAGS])
        self.bad(
            lacking & (flag != "not_available") & ~unparsed,
            9,
            "value",
            "einen Wert oder ein Kennzeichen wie „.“ (geheim)",
            lambda i: cells["value"][i] if cells["value"] is not None else None,  # no column
        )
        flag[lacking & (flag == "")] = "not_available"
        self._check_amounts(v, num, den, derive)
        return {"value": v, "numerator": num, "denominator": den, "flag": flag}

    def _flags(self, parsed: dict[str, Any]) -> np.ndarray:
        """The flag of each row: the flag column, else the first cell symbol (e.g. '.')."""
        c, n = self.c, self.n
        flag = columns.objects([""] * n)  # no flag column: no flags, nothing to report
        if c.flag is not None:
            raw_flag = columns.objects(c.flag)
            flag = columns.map_cells(lambda f: f.strip().lower() if f else "", raw_flag)
            self.bad(
                (flag != "") & ~columns.among(flag, FLAGS),
                8,
                "flag",
                "ein Kennzeichen aus " + ", ".join(sorted(FLAGS)),
                lambda i: raw_flag[i],
            )
        for p in parsed.values():  # the first cell symbol wins when no flag column says more
            fill = (flag == "") & ~_isnone(p.flag)
            flag[fill] = p.flag[fill]
        return flag

    def _check_amounts(
        self, v: np.ndarray, num: np.ndarray, den: np.ndarray, derive: np.ndarray
    ) -> None:
        """Values in range and whole where counted; parts ≥ 0; a share's numerator ≤ denominator."""
        has_v = ~np.isnan(v)
        # a value computed from a negative part is reported at that part, not twice
        broken_part = derive & ((num < 0) | (den < 0))
        outside = has_v & ~broken_part & ((v < self.low) | (v > self.high))
        self.bad(
            outside,
            10,
            "value",
            lambda i: self.range_text[self.ind_codes[i]],
            lambda i: float(v[i]),
        )
        with np.errstate(invalid="ignore"):
            fraction = has_v & ~outside & self.integer & (v != np.floor(v))
        self.bad(fraction, 11, "value", INTEGER_EXPECTED, lambda i: float(v[i]))
        for order, (name, x) in enumerate((("numerator", num), ("denominator", den)), start=12):
            self.bad(
                ~np.isnan(x) & (x < 0),
                order,
                name,
                "eine Anzahl ≥ 0",
                lambda i, x=x: float(x[i]),
            )
        self.bad(
            ~np.isnan(num) & ~np.isnan(den) & (self.kind == "share") & (num > den),
            14,
            "numerator",
            lambda i: f"höchstens den Nenner ({float(den[i]):g})",
            lambda i: float(num[i]),
        )

    def _frame(
        self, keep: np.ndarray, period: np.ndarray, group: np.ndarray, values: dict
    ) -> pd.DataFrame:
        idx = self._unique_keys(np.flatnonzero(keep), period, group)
        source = (
            columns.map_cells(lambda s: s or None, self.c.source)
            if self.c.source is not None
            else columns.objects([None] * self.n)
        )
        kept_flags = values["flag"][idx]  # texts only, '' for none (see _flags)
        flag = np.where(kept_flags == "", None, kept_flags)
        cells = _frame_cells if len(idx) else _frame_list
        frame = pd.DataFrame(
            {
                "indicator_id": cells(self.indicator[idx]),
                "area_code": cells(self.code[idx]),
                "period": _frame_list(period[idx]) if not len(idx) else _years(period[idx]),
                "grp": cells(group[idx]),
                "value": values["value"][idx],
                "numerator": values["numerator"][idx],
                "denominator": values["denominator"][idx],
                "flag": cells(flag),
                "source": cells(source[idx]),
                "_row": self.rows[idx],
            },
            columns=[*OUTPUT_COLUMNS, "_row"],
        )
        if frame.empty:
            frame = frame.astype({"period": "object"})
        return frame.astype({"value": "float64", "numerator": "float64", "denominator": "float64"})

    def _unique_keys(self, idx: np.ndarray, period: np.ndarray, group: np.ndarray) -> np.ndarray:
        """Report repeated keys (the first row wins); the rows that stay."""
        keys = pd.DataFrame(  # integer codes: hashing them is much cheaper than the texts
            {
                "i": self.ind_codes[idx],
                "a": pd.factorize(self.code[idx])[0],
                "p": np.asarray(period[idx], dtype=np.int64),
                "g": pd.factorize(group[idx])[0],
            }
        )
        dup = keys.duplicated(keep="first").to_numpy()
        if not dup.any():
            return idx
        groups = keys.assign(r=self.rows[idx]).groupby(["i", "a", "p", "g"], sort=False)["r"]
        first = groups.transform("first")[dup].tolist()
        first_row = dict(zip(idx[dup].tolist(), first, strict=True))
        mask = np.zeros(self.n, dtype=bool)
        mask[idx[dup]] = True
        self.bad(
            mask,
            15,
            "area",
            lambda i: f"eindeutige Zeile (doppelt mit Zeile {first_row[i]})",
            lambda i: "/".join(map(str, (self.indicator[i], self.code[i], period[i], group[i]))),
        )
        return idx[~dup]


_VALUE_FLAGS = ("corrected", "provisional", "estimated")


def _frame_list(cells: np.ndarray) -> list[object]:
    """A frame column as a list (an empty frame's dtypes come from empty lists)."""
    return cells.tolist()


def _frame_cells(cells: np.ndarray) -> np.ndarray:
    """A frame column of texts (and None) as the object array itself.

    pandas infers the same dtype from it as from its list (str, or object when all None),
    in half the time; numbers are not inferred from object arrays, see ``_years``.
    """
    return cells


def _years(cells: np.ndarray) -> np.ndarray:
    """Periods (Python ints, 1900-2100) as int64, the dtype pandas infers from their list."""
    return np.asarray(cells, dtype=np.int64)


def _per_pair(
    codes: np.ndarray, labels: np.ndarray, mask: np.ndarray, test: Callable[[int, str], bool]
) -> np.ndarray:
    """test(code, label) for every row in mask, evaluated once per distinct pair."""
    out = np.zeros(len(codes), dtype=bool)
    rows = np.flatnonzero(mask)
    if not len(rows):
        return out
    label_codes, label_values = pd.factorize(labels[rows])
    pairs = codes[rows].astype(np.int64) * (len(label_values) + 1) + label_codes
    # hashing, not sorting: only which rows share a pair matters, not the pairs' order
    inverse, unique = pd.factorize(pairs)
    results = np.array(
        [
            test(int(p // (len(label_values) + 1)), label_values[p % (len(label_values) + 1)])
            for p in unique
        ]
    )
    out[rows] = results[inverse]
    return out


def _isnone(arr: np.ndarray) -> np.ndarray:
    """True where an object array holds None (the arrays here never hold NaN)."""
    return pd.isna(arr)


def objects_or(codes: np.ndarray, lookup: dict[str, str]) -> np.ndarray:
    """lookup[code] for every code (None where the code is None)."""
    return columns.map_cells(lambda code: None if code is None else lookup[code], codes)
