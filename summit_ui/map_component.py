"""The page map as a Streamlit component: MapLibre GL JS drawing summit.maps.page_map's data.

One map per page, keyed: a filter change sends new colours and the same map repaints them, instead of
a new Plotly chart (and a new MapLibre map and WebGL context) per change. Its code is a module served by
the app (static/map/summit-map.mjs), like the library (static/vendor/maplibre-gl/), so the map needs no
internet and its code is fetched once, not sent with every rerun.
"""

from __future__ import annotations

import streamlit as st

from summit.i18n import _
from summit_ui.render import slug

MODULE_URL = "app/static/map/summit-map.mjs"
# The inline code is a stub: it loads the module by URL (relative to the page, so it also works under a
# base URL path) and hands it the component's arguments; the module's cleanup runs on unmount.
_STUB = f"""const module = import(new URL("{MODULE_URL}", document.baseURI).href);
export default function (component) {{
  let cleanup = null;
  let unmounted = false;
  module.then((map) => {{ if (!unmounted) cleanup = map.default(component); }});
  return () => {{ unmounted = true; if (cleanup) cleanup(); }};
}}
"""
_map = st.components.v2.component("summit_map", js=_STUB, isolate_styles=False)


def render_map(payload: dict, *, key: str, title: str, alt: str, source: str, height: int) -> str | None:
    """Draw the map; returns the code of a state the user clicked in this run, else None.

    The map has a PNG download of itself with the title, legend and source line, named after the title.
    """
    result = _map(
        key=key,
        data={
            **payload,
            "title": title,
            "alt": alt,
            "source": source,
            "filename": slug(title),
            "height": height,
            # The download button's words (static/map/summit-map.mjs writes them in English until it reads these).
            "download_label": _("Download PNG"),
            "download_help": _("The map as shown, with its title, legend and source line"),
        },
        height=height,
        on_selected_change=lambda: None,
    )
    return getattr(result, "selected", None)
