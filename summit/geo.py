"""Offline world geometry for the maps: country shapes, label points, small states, viewports.

The files in static/geo/ are built by scripts/build_geometry.py from Natural Earth 1:50m (via the
npm package world-atlas 1.1.4), with internationally recognised borders: Crimea is part of
Ukraine. Shapes are keyed by ISO 3166-1 alpha-3 code (plus XKX for Kosovo).
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from functools import lru_cache
from itertools import pairwise
from pathlib import Path

GEO_DIR = Path(__file__).resolve().parent.parent / "static" / "geo"
WORLD_GEOJSON_PATH = GEO_DIR / "world.geojson"
CENTROIDS_PATH = GEO_DIR / "centroids.json"
# world.geojson as the app serves it ([server] enableStaticServing serves ./static/ at app/static/).
# Relative, so it also works under a base URL path behind a proxy. Map figures refer to the shapes by
# this URL (the browser fetches them once); `inline_geometry` puts them back for drawing outside the app.
WORLD_GEOJSON_URL = "app/static/geo/world.geojson"

# Below this shape area (square degrees, as drawn) a state gets a marker as well as its shape.
# Tuned on the Europe view: Luxembourg (0.34), Malta, Andorra, Liechtenstein, San Marino and
# Cyprus (0.91, a thin island at the edge of the view) get markers; Kosovo (1.22), Montenegro
# (1.5) and Slovenia (2.35) are drawn well enough. Monaco and the Vatican have no shape at all.
SMALL_STATE_AREA_DEG2 = 1.1

# MapLibre draws the whole world 512 px wide at zoom 0, in Web Mercator.
_TILE_PX = 512
_MAX_MERCATOR_LAT = 85.0511


def _mercator_y(lat: float) -> float:
    """Web Mercator y (radians of the world's 2*pi width) of a latitude."""
    lat = max(-_MAX_MERCATOR_LAT, min(_MAX_MERCATOR_LAT, lat))
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def fit_view(west: float, south: float, east: float, north: float, width_px: int, height_px: int) -> dict:
    """Centre and zoom that show the box west..east, south..north in a map of the given size.

    Returns {"center": {"lon", "lat"}, "zoom"} for plotly's `layout.map` (MapLibre), with the
    zoom rounded down to a tenth so the box always fits.
    """
    y_south, y_north = _mercator_y(south), _mercator_y(north)
    lat = math.degrees(math.atan(math.sinh((y_south + y_north) / 2)))
    zoom_x = math.log2(width_px * 360.0 / (east - west) / _TILE_PX)
    zoom_y = math.log2(height_px * 2 * math.pi / (y_north - y_south) / _TILE_PX)
    zoom = math.floor(min(zoom_x, zoom_y) * 10) / 10
    return {"center": {"lon": round((west + east) / 2, 2), "lat": round(lat, 2)}, "zoom": zoom}


# The map size the fixed Plotly views are fitted to (about the Map page's map column at 1280x720, which
# the Plotly map used to fill); a larger map shows the same box with more margin. The page map (MapLibre,
# summit_ui/map_component.py) fits VIEW_BOUNDS to its real size instead.
MIN_MAP_PX = (640, 460)
# The views, as (west, south, east, north) in degrees.
# Europe: Iceland and Portugal (-25) to Ukraine and Türkiye's east (45); Crete and Cyprus (34)
# to the North Cape (71.5).
EUROPE_BOUNDS = (-25.0, 34.0, 45.0, 71.5)
# World: Alaska and Hawaii (-170) to New Zealand (180), New Zealand's south (-48) to Canada's
# mainland coast (72); Canada's Arctic islands are cut off at the top.
WORLD_BOUNDS = (-170.0, -48.0, 180.0, 72.0)
VIEW_BOUNDS = {"europe": EUROPE_BOUNDS, "world": WORLD_BOUNDS}
# Centre and zoom for Plotly's maps (summit.maps.map_chart), which cannot fit bounds to their size on screen.
EUROPE_VIEW = fit_view(*EUROPE_BOUNDS, *MIN_MAP_PX)
WORLD_VIEW = fit_view(*WORLD_BOUNDS, *MIN_MAP_PX)


@lru_cache(maxsize=1)
def load_world_geojson() -> dict:
    """The world's country shapes as a GeoJSON FeatureCollection, read once and shared.

    Every caller gets the same dict: treat it as read-only and never mutate it (copy first).
    """
    with WORLD_GEOJSON_PATH.open(encoding="utf-8") as file:
        return json.load(file)


@lru_cache(maxsize=1)
def _centroid_items() -> tuple[tuple[str, tuple[float, float]], ...]:
    """The label points as an immutable tuple, read once."""
    with CENTROIDS_PATH.open(encoding="utf-8") as file:
        points = json.load(file)
    return tuple((code, (float(lon), float(lat))) for code, (lon, lat) in points.items())


def load_centroids() -> dict[str, tuple[float, float]]:
    """Label or marker point (lon, lat) per alpha-3 code, including states too small to draw.

    The point is the centroid of the country's largest polygon (metropolitan France for FRA),
    moved inside the shape where the centroid falls outside it. A fresh dict on each call.
    """
    return dict(_centroid_items())


def _polygons(geometry: dict) -> list:
    """A Polygon or MultiPolygon's coordinates as a list of polygons (lists of rings)."""
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    if geometry["type"] == "MultiPolygon":
        return geometry["coordinates"]
    return []


def _ring_area(ring: list) -> float:
    """Unsigned planar area of a closed ring, in square degrees (shoelace formula)."""
    return abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in pairwise(ring))) / 2.0


def _ring_contains(ring: list, lon: float, lat: float) -> bool:
    """Ray casting: whether the point lies inside the closed ring."""
    inside = False
    for (x0, y0), (x1, y1) in pairwise(ring):
        if (y0 > lat) != (y1 > lat) and lon < x0 + (lat - y0) * (x1 - x0) / (y1 - y0):
            inside = not inside
    return inside


@lru_cache(maxsize=1)
def _shape_index() -> dict[str, tuple]:
    """Per code: its polygons, each with a bounding box, for quick point look-ups."""
    index = {}
    for feature in load_world_geojson()["features"]:
        entries = []
        for polygon in _polygons(feature["geometry"]):
            xs = [x for x, _ in polygon[0]]
            ys = [y for _, y in polygon[0]]
            entries.append(((min(xs), min(ys), max(xs), max(ys)), polygon))
        index[feature["id"]] = tuple(entries)
    return index


def country_at(lon: float, lat: float) -> list[str]:
    """Alpha-3 codes of every shape that contains the point (holes excluded), in file order."""
    found = []
    for code, entries in _shape_index().items():
        for (west, south, east, north), polygon in entries:
            # Inside the exterior and in no hole: an odd number of rings around the point.
            inside_box = west <= lon <= east and south <= lat <= north
            if inside_box and sum(_ring_contains(ring, lon, lat) for ring in polygon) % 2 == 1:
                found.append(code)
                break
    return found


@lru_cache(maxsize=512)
def shape_area_deg2(code: str) -> float:
    """Approximate area of a country's shape as drawn, in square degrees (0.0 if it has none)."""
    return sum(
        _ring_area(polygon[0]) - sum(_ring_area(hole) for hole in polygon[1:])
        for _, polygon in _shape_index().get(code, ())
    )


def small_states(codes: Iterable[str], min_area_deg2: float = SMALL_STATE_AREA_DEG2) -> list[str]:
    """The given codes that need a marker: a label point but a shape smaller than the threshold.

    Codes with no label point (EU, NATO, unknown codes) are left out: there is nowhere to put
    a marker. In input order, without repeats.
    """
    centroids = dict(_centroid_items())
    small = []
    for code in codes:
        if code in centroids and code not in small and shape_area_deg2(code) < min_area_deg2:
            small.append(code)
    return small


def subset_geojson(codes: Iterable[str]) -> dict:
    """A FeatureCollection with only the shapes of the given codes (unknown codes ignored).

    The features are the cached ones, shared, not copied: do not mutate them.
    """
    wanted = set(codes)
    features = [f for f in load_world_geojson()["features"] if f["id"] in wanted]
    return {"type": "FeatureCollection", "features": features}


def inline_geometry(figure: dict) -> dict:
    """A figure (as JSON data) drawable without the app: shapes referred to by URL are put inline.

    Only the shapes a trace draws are inlined. Used for chart images (Kaleido has no app to fetch from).
    """
    data = []
    for trace in figure.get("data", []):
        if trace.get("geojson") == WORLD_GEOJSON_URL:
            trace = {**trace, "geojson": subset_geojson(trace.get("locations", []))}
        data.append(trace)
    return {**figure, "data": data}
