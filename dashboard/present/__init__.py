"""Presentation without Streamlit: pure figures and texts built from view models."""
