"""The page map as a Streamlit component: MapLibre GL JS drawing summit.maps.page_map's data.

One map per page, keyed: a filter change sends new colours and the same map repaints them, instead of
a new Plotly chart (and a new MapLibre map and WebGL context) per change. The library is served by the
app (static/vendor/maplibre-gl/), so the map needs no internet.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

_HERE = Path(__file__).resolve().parent
_component = st.components.v2.component(
    "summit_map",
    js=(_HERE / "map_component.js").read_text(encoding="utf-8"),
    css=(_HERE / "map_component.css").read_text(encoding="utf-8"),
    # Not in a shadow root: MapLibre's stylesheet must reach the map's controls and canvas.
    isolate_styles=False,
)


def render_map(payload: dict, *, key: str, title: str, alt: str, height: int) -> str | None:
    """Draw the map; returns the code of a state the user clicked in this run, else None."""
    result = _component(
        key=key,
        data={**payload, "title": title, "alt": alt, "height": height},
        height=height,
        on_selected_change=lambda: None,
    )
    return getattr(result, "selected", None)
