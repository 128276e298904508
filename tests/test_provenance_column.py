"""Provenance texts per key row: reading only the rows' areas changes no text."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.imports import store_catalogue
from dashboard.readmodel import released_observations
from dashboard.services import provenance_column
from dashboard.store import Store


@pytest.mark.parametrize("areas", [["61"], ["91", "0"], ["0"], ["B6", "45", "12"]])
def test_texts_of_a_few_areas_equal_those_read_from_every_area(
    demo_store: Store, monkeypatch: pytest.MonkeyPatch, areas: list[str]
) -> None:
    catalogue = store_catalogue(demo_store)
    values = released_observations(demo_store, catalogue, None, areas)
    keys = values[provenance_column.KEY].iloc[::3]
    read: list[object] = []
    provenance = demo_store.provenance

    def counted(ids: list[str], periods: object = None, codes: object = None) -> pd.DataFrame:
        read.append(codes)
        return provenance(ids, periods, codes)

    monkeypatch.setattr(demo_store, "provenance", counted)
    narrow = provenance_column.texts(demo_store, catalogue, keys)
    assert read[0] == list(dict.fromkeys(keys["area_code"]))  # only the rows' areas
    monkeypatch.setattr(provenance_column, "NARROW_AREAS", 0)
    every = provenance_column.texts(demo_store, catalogue, keys)
    assert narrow == every
    assert len(keys) > 50 and sum(t is not None for t in narrow) > len(keys) / 2
