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
        if not pd.api.types.is_numeric_dtype(out[col]) and not pd.api.types.is_bool_dtype(out[col]):
            out[col] = out[col].astype(object).where(out[col].notna(), None)
    return out
