"""Validate observations: the canonical long format, and the rows other formats produce."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from dashboard.catalogues import Catalogue
from dashboard.errors import Problem
from dashboard.ingest import columns
from dashboard.ingest.area_hint import unknown_area_expected
from dashboard.ingest.cells import FLAGS, NUMBER_EXPECTED, parse_period
from dashboard.ingest.gc_pause import gc_paused
from dashboard.ingest.plausibility import INTEGER_EXPECTED, count_hint, value_rule
from dashboard.ingest.rows import header_map
from dashboard.ingest.tables import Cell, RawTable, cell_text

OUTPUT_COLUMNS = [
    "indicator_id", "area_code", "period", "grp", "value", "numerator", "denominator", "flag",
    "source",
]  # fmt: skip
CANONICAL_COLUMNS = [
    "indicator", "area", "period", "group", "value", "numerator", "denominator", "flag", "source",
]  # fmt: skip
COLUMN_ALIASES = {
    "indikator": "indicator", "indicator_id": "indicator",
    "gebiet": "area", "area_code": "area", "stadtteil": "area", "code": "area",
    "periode": "period", "jahr": "period", "stichtag": "period",
    "gruppe": "group", "grp": "group",
    "wert": "value",
    "zaehler": "numerator", "zähler": "numerator",
    "nenner": "denominator",
    "kennzeichen": "flag", "flagge": "flag",
    "quelle": "source",
}  # fmt: skip
REQUIRED = ("indicator", "area", "period")
AGGREGATE_LEVELS = {"stadt", "stadtbezirk", "teilbereich", "nicht_zuzuordnen"}


@dataclass
class Record:
    """One candidate observation and where its cells came from, for error messages."""

    row: int
    indicator: str
    area: str
    period: Cell
    group: str = "insgesamt"
    value: Cell = None
    numerator: Cell = None
    denominator: Cell = None
    flag: str = ""
    source: str | None = None
    columns: dict[str, str] = field(default_factory=dict)

    def column(self, name: str) -> str:
        """The file's column name for a canonical field."""
        return self.columns.get(name, name)


def _factor(indicator: dict[str, Any]) -> float:
    unit = str(indicator["unit"])
    return 1000.0 if "1000" in unit or "1.000" in unit else 100.0


@dataclass
class Candidates:
    """Candidate observations column by column: texts for the keys, raw cells for numbers.

    ``names`` maps canonical fields to the file's column names; ``row_names`` overrides them
    per row where columns differ by row (the statistics layout: one header per value column).
    """

    row: Sequence[int]
    indicator: Sequence[str]
    area: Sequence[str]
    period: Sequence[Cell]
    group: Sequence[str] | None = None
    value: Sequence[Cell] | None = None
    numerator: Sequence[Cell] | None = None
    denominator: Sequence[Cell] | None = None
    flag: Sequence[str] | None = None
    source: Sequence[str | None] | None = None
    names: dict[str, str] = field(default_factory=dict)
    row_names: dict[str, Sequence[str]] = field(default_factory=dict)

    def column(self, i: int, name: str) -> str:
        """The file's column name of a canonical field in candidate ``i``."""
        if name in self.row_names:
            return self.row_names[name][i]
        return self.names.get(name, name)


def validate_records(
    records: list[Record], catalogue: Catalogue, file: str, new_groups: set[str] | None = None
) -> tuple[pd.DataFrame, list[Problem]]:
    """Check every record against the catalogues; return the clean frame and all problems.

    ``new_groups`` are groups the file itself introduces (category columns of a statistics
    table); they are accepted for any indicator.
    """
    names = ("indicator", "area", "period", "group", "value", "numerator", "denominator", "flag")
    candidates = Candidates(
        row=[r.row for r in records],
        indicator=[r.indicator for r in records],
        area=[r.area for r in records],
        period=[r.period for r in records],
        group=[r.group for r in records],
        value=[r.value for r in records],
        numerator=[r.numerator for r in records],
        denominator=[r.denominator for r in records],
        flag=[r.flag for r in records],
        source=[r.source for r in records],
        row_names={name: [r.column(name) for r in records] for name in names},
    )
    return validate_candidates(candidates, catalogue, file, new_groups)


@gc_paused
def validate_candidates(
    c: Candidates, catalogue: Catalogue, file: str, new_groups: set[str] | None = None
) -> tuple[pd.DataFrame, list[Problem]]:
    """Check all candidates at once (same rules and messages as one by one); every problem."""
    return _Validation(c, catalogue, file, new_groups or set()).run()


class _Validation:
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
                        self.file, int(self.rows[i]), self.c.column(int(i), name), text,
                        repr(found(int(i))),
                    ),
                )
            )  # fmt: skip
        self.has_problem |= mask

    def run(self) -> tuple[pd.DataFrame, list[Problem]]:
        """Apply every rule; the clean frame and the problems in file order."""
        c, n = self.c, self.n
        self.indicator = columns.objects(c.indicator)
        self.area = columns.objects(c.area)
        self._indicators()
        self._areas()
        period = columns.map_cells(parse_period, c.period)
        self.bad(
            _isnone(period), 3, "period", "ein Jahr (z. B. 2014 oder 31.12.2014)",
            lambda i: c.period[i],
        )  # fmt: skip
        # as one by one: `group or "insgesamt"`, the texts themselves untouched
        group = columns.objects(c.group if c.group is not None else [""] * n).copy()
        group[pd.isna(group) | (group == "")] = "insgesamt"
        self._groups(group)
        values = self._values()
        keep = ~self.has_problem & ~_isnone(self.code) & ~_isnone(period) & self.known
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
            ~known, 0, "indicator", "eine Indikator-ID aus dem Katalog",
            lambda i: self.indicator[i],
        )  # fmt: skip
        self.bad(
            np.append(derived, False)[codes], 0, "indicator",
            "einen gespeicherten Indikator (abgeleitete werden berechnet)",
            lambda i: self.indicator[i],
        )  # fmt: skip
        kinds = [s["kind"] if s is not None else "" for s in specs]
        self.kind = np.array([*kinds, ""], dtype=object)[codes]
        factors = [_factor(s) if s is not None else 1.0 for s in specs]
        self.factor = np.array([*factors, 1.0])[codes]
        # the possible values of each indicator: one definition in plausibility.value_rule
        rules = [value_rule(s) if s is not None else value_rule({"kind": "", "unit": ""})
                 for s in specs]  # fmt: skip
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
        unknown = _isnone(self.code)
        self.bad(
            unknown, 1, "area", lambda i: unknown_area_expected(self.area[i], self.catalogue),
            lambda i: self.area[i],
        )  # fmt: skip
        level = objects_or(self.code, levels)

        def wrong_level(ind: int, lvl: str) -> bool:
            allowed = set(self.specs[ind]["levels"])
            if "stadtteil" in allowed:
                allowed |= AGGREGATE_LEVELS
            return lvl not in allowed

        wrong = _per_pair(self.ind_codes, level, ~unknown & self.known, wrong_level)
        self.bad(
            wrong, 2, "area",
            lambda i: "eine Ebene aus " + ", ".join(self.specs[self.ind_codes[i]]["levels"]),
            lambda i: f"{self.area[i]} ({level[i]})",
        )  # fmt: skip

    def _groups(self, group: np.ndarray) -> None:
        def wrong_group(ind: int, grp: str) -> bool:
            return grp not in self.specs[ind]["groups"] and grp not in self.new_groups

        wrong = _per_pair(self.ind_codes, group, self.known, wrong_group)
        self.bad(
            wrong, 4, "group",
            lambda i: "eine Gruppe aus " + ", ".join(self.specs[self.ind_codes[i]]["groups"]),
            lambda i: group[i],
        )  # fmt: skip

    def _values(self) -> dict[str, np.ndarray]:
        c, n = self.c, self.n
        cells = {"value": c.value, "numerator": c.numerator, "denominator": c.denominator}
        parsed = {name: columns.numbers(col, n) for name, col in cells.items()}
        for order, name in enumerate(cells, start=5):
            self.bad(
                parsed[name].state == columns.BAD, order, name, NUMBER_EXPECTED,
                lambda i, name=name: cells[name][i],
            )  # fmt: skip
        raw_flag = columns.objects(c.flag if c.flag is not None else [""] * n)
        flag = columns.map_cells(lambda f: f.strip().lower() if f else "", raw_flag)
        self.bad(
            (flag != "") & ~np.isin(flag, list(FLAGS)), 8, "flag",
            "ein Kennzeichen aus " + ", ".join(sorted(FLAGS)), lambda i: raw_flag[i],
        )  # fmt: skip
        for p in parsed.values():  # the first cell symbol wins when no flag column says more
            fill = (flag == "") & ~_isnone(p.flag)
            flag[fill] = p.flag[fill]
        v = parsed["value"].value.copy()
        num, den = parsed["numerator"].value, parsed["denominator"].value
        derive = np.isnan(v) & ~np.isnan(num) & ~np.isnan(den) & (den != 0) & self.known
        ratio = np.isin(self.kind, ["share", "rate"])
        with np.errstate(divide="ignore", invalid="ignore"):
            v[derive] = (num / den * np.where(ratio, self.factor, 1.0))[derive]
        unparsed = parsed["value"].state == columns.BAD
        lacking = np.isnan(v) & np.isin(flag, ["", "not_available", *_VALUE_FLAGS])
        self.bad(
            lacking & (flag != "not_available") & ~unparsed, 9, "value",
            "einen Wert oder ein Kennzeichen wie „.“ (geheim)",
            lambda i: cells["value"][i] if cells["value"] is not None else None,  # no column
        )  # fmt: skip
        flag[lacking & (flag == "")] = "not_available"
        has_v = ~np.isnan(v)
        # a value computed from a negative part is reported at that part, not twice
        broken_part = derive & ((num < 0) | (den < 0))
        outside = has_v & ~broken_part & ((v < self.low) | (v > self.high))
        self.bad(
            outside, 10, "value", lambda i: self.range_text[self.ind_codes[i]],
            lambda i: float(v[i]),
        )  # fmt: skip
        with np.errstate(invalid="ignore"):
            fraction = has_v & ~outside & self.integer & (v != np.floor(v))
        self.bad(fraction, 11, "value", INTEGER_EXPECTED, lambda i: float(v[i]))
        for order, (name, x) in enumerate((("numerator", num), ("denominator", den)), start=12):
            self.bad(
                ~np.isnan(x) & (x < 0), order, name, "eine Anzahl ≥ 0",
                lambda i, x=x: float(x[i]),
            )  # fmt: skip
        self.bad(
            ~np.isnan(num) & ~np.isnan(den) & (self.kind == "share") & (num > den), 14,
            "numerator", lambda i: f"höchstens den Nenner ({float(den[i]):g})",
            lambda i: float(num[i]),
        )  # fmt: skip
        return {"value": v, "numerator": num, "denominator": den, "flag": flag}

    def _frame(
        self, keep: np.ndarray, period: np.ndarray, group: np.ndarray, values: dict
    ) -> pd.DataFrame:
        idx = self._unique_keys(np.flatnonzero(keep), period, group)
        source = (
            columns.map_cells(lambda s: s or None, self.c.source)
            if self.c.source is not None
            else columns.objects([None] * self.n)
        )
        flag = columns.map_cells(lambda f: f or None, values["flag"][idx])
        frame = pd.DataFrame(
            {
                "indicator_id": self.indicator[idx].tolist(),
                "area_code": self.code[idx].tolist(),
                "period": period[idx].tolist(),
                "grp": group[idx].tolist(),
                "value": values["value"][idx],
                "numerator": values["numerator"][idx],
                "denominator": values["denominator"][idx],
                "flag": flag.tolist(),
                "source": source[idx].tolist(),
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
            mask, 15, "area",
            lambda i: f"eindeutige Zeile (doppelt mit Zeile {first_row[i]})",
            lambda i: "/".join(map(str, (self.indicator[i], self.code[i], period[i], group[i]))),
        )  # fmt: skip
        return idx[~dup]


_VALUE_FLAGS = ("corrected", "provisional", "estimated")


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
    unique, inverse = np.unique(pairs, return_inverse=True)
    results = np.array(
        [test(int(p // (len(label_values) + 1)), label_values[p % (len(label_values) + 1)])
         for p in unique]
    )  # fmt: skip
    out[rows] = results[inverse]
    return out


def _isnone(arr: np.ndarray) -> np.ndarray:
    """True where an object array holds None (the arrays here never hold NaN)."""
    return pd.isna(arr)


def objects_or(codes: np.ndarray, lookup: dict[str, str]) -> np.ndarray:
    """lookup[code] for every code (None where the code is None)."""
    return columns.map_cells(lambda code: None if code is None else lookup[code], codes)


@gc_paused
def parse_canonical(table: RawTable, catalogue: Catalogue) -> tuple[pd.DataFrame, list[Problem]]:
    """Validate a table in the canonical long format; every problem is reported."""
    positions, names, problems = header_map(table, CANONICAL_COLUMNS, COLUMN_ALIASES)
    if not positions:  # not one known column: prose, or another kind of table
        expected = "eine Tabelle im Langformat (Spalten indicator, area, period, value …)"
        found = "keine Tabelle erkannt (keine bekannte Spalte in Zeile 1)"
        problem = Problem(table.file, table.line_numbers[0], None, expected, found)
        return pd.DataFrame(columns=[*OUTPUT_COLUMNS, "_row"]), [problem]
    missing = [c for c in REQUIRED if c not in positions]
    if "value" not in positions and "numerator" not in positions:
        missing.append("value")
    for col in missing:
        problems.append(
            Problem(table.file, table.line_numbers[0], col, f"eine Spalte „{col}“", "keine")
        )
    if missing:
        return pd.DataFrame(columns=[*OUTPUT_COLUMNS, "_row"]), problems
    if len(table.rows) < 2:
        problems.append(Problem(table.file, None, None, "mindestens eine Datenzeile", "keine"))
    width = len(table.rows[0])
    kept: list[list[Cell]] = []
    lines: list[int] = []
    if set(map(len, table.rows[1:])) <= {width}:  # the usual case: every row is complete
        kept, lines = table.rows[1:], table.line_numbers[1:]
    else:
        for row, line in zip(table.rows[1:], table.line_numbers[1:], strict=True):
            if len(row) > width:
                problems.append(Problem(table.file, line, None, f"{width} Spalten", f"{len(row)}"))
                continue
            kept.append(row if len(row) == width else row + [None] * (width - len(row)))
            lines.append(line)
    cells = list(zip(*kept, strict=True)) if kept else [() for _ in range(width)]

    def get(name: str) -> tuple[Cell, ...] | None:
        return cells[positions[name]] if name in positions else None

    n = len(kept)
    group = columns.texts(get("group"), n)
    group[group == ""] = "insgesamt"
    candidates = Candidates(
        row=lines,
        indicator=columns.texts(get("indicator"), n),
        area=columns.texts(get("area"), n),
        period=get("period") or (None,) * n,
        group=group,
        value=get("value"),
        numerator=get("numerator"),
        denominator=get("denominator"),
        flag=columns.texts(get("flag"), n),
        source=columns.map_cells(lambda s: cell_text(s) or None, get("source") or (None,) * n),
        names=names,
    )
    frame, more = validate_candidates(candidates, catalogue, table.file)
    return frame, problems + more
