"""The floor of a first render of a real page: an empty page with one small chart and table.

Measured by ``bench.browser`` beside the real pages: a browser with an empty cache loads
Streamlit's scripts, plotly's for the first chart and the table grid's for the first table; no
page of the app that shows a chart and a table can render faster on the same machine.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

st.title("Leer")
st.plotly_chart(go.Figure(go.Bar(x=["a", "b"], y=[1, 2])), config={"displayModeBar": False})
st.dataframe(pd.DataFrame({"a": [1, 2], "b": ["x", "y"]}), hide_index=True)
