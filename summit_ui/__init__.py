"""The Streamlit layer: cached data, shared filter widgets and rendering helpers for the pages."""
