"""Small DataFrame helpers shared across layers."""

from __future__ import annotations

import pandas as pd


def nulls_as_none(frame: pd.DataFrame) -> pd.DataFrame:
    """Non-numeric columns as object dtype with None for missing values (not NaN).

    pandas 3 infers a string dtype that turns None into NaN; catalogue code tests
    ``is None`` whatever the source (YAML or database), so both are normalised here.
    """
    out = frame.copy()
    for col in out.columns:
        column = out[col]
        if pd.api.types.is_numeric_dtype(column) or pd.api.types.is_bool_dtype(column):
            continue
        # plain arrays, not Series.where: the catalogue is rebuilt on every first page visit
        # and the masked assignment took most of its time
        cells = column.to_numpy(dtype=object, copy=True)
        cells[column.isna().to_numpy()] = None  # NaN, NA and NaT alike
        out[col] = pd.Series(cells, index=out.index, dtype=object)
    return out
