"""Services: view models that pages and reports share (no Streamlit, no SQL)."""
