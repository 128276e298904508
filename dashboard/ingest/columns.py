"""Parse whole columns of raw cells at once (the import hot path), same results as cells.py.

Validating row by row in Python made imports slow (~30,000 rows/s). These helpers parse each
distinct cell once and use vectorised string operations for the common plain numbers; every
result equals what the per-cell functions in cells.py return for the same cell.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from dashboard.ingest.cells import parse_number
from dashboard.ingest.tables import Cell, cell_text

# Cell types whose equal values always give equal results (no bool/NaN: True == 1, nan != nan).
_SAFE_TYPES = {str, int, type(None)}
# Plain numbers ('1450', '-3', '16,1', German thousands '1.450', '12.345,6') without symbol,
# suffix or spaces: parse_number reads them via _THOUSANDS or _DECIMAL_COMMA, so
# float(text without '.' and with ',' as '.') is its exact result. ASCII digits only (RE2's
# \d); anything else takes the per-cell path.
_PLAIN = r"^[+-]?(?:[0-9]{1,3}(?:\.[0-9]{3})+|[0-9]+)(?:,[0-9]+)?$"

EMPTY, OK, BAD = 0, 1, 2


def objects(cells: Sequence[object]) -> np.ndarray:
    """Cells as a 1-D object array (never split into nested arrays); object arrays as they are."""
    if isinstance(cells, np.ndarray) and cells.dtype == object and cells.ndim == 1:
        return cells
    return np.fromiter(cells, dtype=object, count=len(cells))


def map_cells(func: Callable[[Cell], object], cells: Sequence[Cell]) -> np.ndarray:
    """func applied to every cell, computed once per distinct cell where that is safe."""
    arr = objects(cells)
    if not len(arr) or not set(map(type, arr)) <= _SAFE_TYPES:
        return objects([func(c) for c in arr])
    codes, uniques = pd.factorize(arr, use_na_sentinel=True)
    results = objects([*(func(u) for u in uniques), func(None)])
    return results[codes]  # code -1 (None) picks the last entry


def among(cells: Sequence[object], values: Collection[str]) -> np.ndarray:
    """np.isin(cells, values) for texts (None is in no list), decided once per distinct cell."""
    codes, uniques = pd.factorize(objects(cells), use_na_sentinel=True)
    wanted = set(values)
    return np.array([u in wanted for u in uniques] + [False], dtype=bool)[codes]


def texts(cells: Sequence[Cell] | None, n: int) -> np.ndarray:
    """cell_text of every cell ('' for an absent column)."""
    if cells is None:
        return objects([""] * n)
    return map_cells(cell_text, cells)


@dataclass
class Numbers:
    """Parsed number column: value (NaN = none), flag (None or str), state EMPTY/OK/BAD."""

    value: np.ndarray
    flag: np.ndarray
    state: np.ndarray


def _parse_one(cell: Cell) -> tuple[float, str | None, int]:
    if cell is None or cell_text(cell) == "":
        return np.nan, None, EMPTY
    parsed = parse_number(cell)
    if parsed is None:
        return np.nan, None, BAD
    value = np.nan if parsed.value is None else parsed.value
    return value, parsed.flag, OK


def _fast_strings(arr: np.ndarray, value: np.ndarray, state: np.ndarray) -> np.ndarray:
    """Parse the plain numbers among text cells in C (Arrow); True where a cell is left over."""
    text = pa.array(arr, type=pa.string())
    plain = pc.match_substring_regex(text, _PLAIN).to_numpy(zero_copy_only=False)
    if plain.any():
        digits = pc.replace_substring(pc.filter(text, pa.array(plain)), ".", "")
        try:
            parsed = pc.cast(pc.replace_substring(digits, ",", "."), pa.float64())
        except pa.ArrowInvalid:  # Arrow refuses what Python reads: leave it to parse_number
            return np.ones(len(arr), dtype=bool)
        value[plain] = parsed.to_numpy(zero_copy_only=False)
        state[plain] = OK
    return ~plain


def numbers(cells: Sequence[Cell] | None, n: int) -> Numbers:
    """Parse a column of number cells like observations._number does, cell by cell."""
    value = np.full(n, np.nan)
    flag = objects([None] * n)
    state = np.zeros(n, dtype=np.int8)
    if cells is None or n == 0:
        return Numbers(value, flag, state)
    arr = objects(cells)
    if set(map(type, arr)) == {str}:
        rest = _fast_strings(arr, value, state)
    else:
        rest = np.ones(n, dtype=bool)
    slow = np.flatnonzero(rest)
    if len(slow):
        # unpacked column-wise in C: a loop over the rows took longer than the parsing itself
        values, flags, states = zip(*map_cells(_parse_one, arr[slow]), strict=True)
        value[slow] = np.fromiter(values, dtype=np.float64, count=len(slow))
        flag[slow] = objects(flags)
        state[slow] = np.fromiter(states, dtype=np.int8, count=len(slow))
    return Numbers(value, flag, state)
