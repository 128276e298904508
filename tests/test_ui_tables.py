"""Read-only tables replayed from the cache (dashboard.ui.tables): built once, never stale."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest


def _page() -> None:
    import pandas as pd
    import streamlit as st

    from dashboard.ui.tables import show_table

    value = st.session_state.get("value", 1234.5)
    frame = pd.DataFrame({"Stadtteil": ["Coerde", "Berg Fidel"], "Wert": [value, None]})
    show_table(frame, {"Wert": 1}, st.session_state.get("lang", "de"), hide_index=True)


def _shown(at: AppTest) -> list[str]:
    """The texts the browser shows in the value column (the Styler's display values)."""
    import pyarrow as pa

    styler = at.dataframe[0].proto.arrow_data.styler
    shown = pa.ipc.open_stream(styler.display_values).read_all().to_pandas()
    return [str(text) for text in shown.iloc[:, -1]]


@pytest.fixture
def built(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Counts how often a table is really converted (once per content and language)."""
    import streamlit as st

    from dashboard.present import format as fmt
    from dashboard.ui import tables

    st.cache_data.clear()
    calls: list[str] = []

    def counting(frame: object, places: dict, lang: str, percent: tuple = ()) -> object:
        calls.append(lang)
        return fmt.styled(frame, places, lang, percent)

    monkeypatch.setattr(tables, "styled", counting)
    return calls


def test_an_unchanged_table_is_converted_once_and_replayed_with_the_same_text(
    built: list[str],
) -> None:
    at = AppTest.from_function(_page).run()
    first = _shown(at)
    at.run()
    at.run()
    assert first == ["1.234,5", "–"] and _shown(at) == first
    assert len(at.dataframe) == 1 and not at.exception
    assert built == ["de"]  # the reruns replayed the element


def test_a_changed_value_or_language_draws_the_new_table(built: list[str]) -> None:
    at = AppTest.from_function(_page).run()
    at.session_state["value"] = 9876.0
    at.run()
    assert _shown(at) == ["9.876,0", "–"]
    at.session_state["value"] = 1234.5
    at.session_state["lang"] = "en"
    at.run()
    assert _shown(at) == ["1,234.5", "–"]
    assert built == ["de", "de", "en"]
