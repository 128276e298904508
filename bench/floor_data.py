"""The floor of data access: a page that only reads the released values the pages need.

It goes through the same cached accessors as the pages (``dashboard.ui.data``: data version
check, catalogues, every released value, geometry, measures, targets) and shows one number, so
its warm rerun is what reading the data costs before any analysis, formatting or drawing.
Timed by ``bench.pages`` in the same run as the real pages.
"""

from __future__ import annotations

import streamlit as st

from dashboard import config
from dashboard.ui import data

db = str(config.db_path())
data.store()
data.refresh_if_changed()
catalogue = data.catalogues(db)
values = data.all_values(db)
layers = data.geometry_layers(db)
shapes = sum(len(data.geometry(db, layer)) for layer in layers)
measures = data.measures(db)
targets = data.targets(db)
st.title("Nur Daten lesen")
st.metric("Werte", len(values) + shapes + len(measures) + len(targets))
