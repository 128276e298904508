"""The naive baseline: a map page as a typical first Streamlit app would be written.

Every rerun reads the full-precision GeoJSON and all observations, with no caching, and draws
a plotly *geo* choropleth. That trace type fetches a topojson from a CDN, which fails on an
offline machine (the benchmark records the failed request); the map data itself is inline.
Run by the benchmark only: ``streamlit run bench/naive_app.py`` with BENCH_GEOJSON and
LEITBILD_DB set.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pandas as pd
import plotly.express as px
import streamlit as st

from dashboard.store import Store

st.title("Karte (naiv)")
geojson = json.loads(Path(os.environ["BENCH_GEOJSON"]).read_text(encoding="utf-8"))
store = Store(Path(os.environ["LEITBILD_DB"]))
indicators = store.catalogue("indicator")
data = store.observations(list(indicators["id"]))
store.close()
choice = st.selectbox("Indikator", sorted(data["indicator_id"].unique()), index=0)
year = st.selectbox("Jahr", sorted(data["period"].unique(), reverse=True), index=0)
frame = data[(data["indicator_id"] == choice) & (data["period"] == year)]
frame = frame[frame["grp"] == "insgesamt"]
fig = px.choropleth(
    frame,
    geojson=geojson,
    locations="area_code",
    featureidkey="properties.code",
    color="value",
)
fig.update_geos(fitbounds="locations", visible=False)
st.plotly_chart(fig)
st.dataframe(pd.DataFrame(frame))
