"""The floor of a rerun: an empty Streamlit page (one title, nothing read, nothing drawn).

Timed by ``bench.pages`` in the same run as the real pages; every page is reported as a
multiple of this.
"""

from __future__ import annotations

import streamlit as st

st.title("Leer")
