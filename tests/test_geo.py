"""Tests for summit.geo (the shipped map geometry) and the pure parts of scripts/build_geometry.py."""

from __future__ import annotations

import importlib.util
import math
from pathlib import Path

import pycountry
import pytest

from summit import geo

REPO = Path(__file__).resolve().parent.parent
NOT_ISO_CODES = {"XKX"}  # Kosovo: user-assigned code, documented in static/geo/README.md


def _load_build_script():
    """Import scripts/build_geometry.py (not a package) as a module."""
    spec = importlib.util.spec_from_file_location("build_geometry", REPO / "scripts" / "build_geometry.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


build = _load_build_script()


# --- Borders: the political checks ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("place", "lon", "lat", "code"),
    [
        ("Simferopol", 34.10, 44.95, "UKR"),
        ("Sevastopol", 33.52, 44.60, "UKR"),
        ("Kerch", 36.47, 45.36, "UKR"),
        ("Kyiv", 30.52, 50.45, "UKR"),
        ("Paris", 2.35, 48.86, "FRA"),
        ("Moscow", 37.62, 55.75, "RUS"),
        ("Nicosia", 33.36, 35.17, "CYP"),
        ("Famagusta", 33.94, 35.12, "CYP"),
        ("Hargeisa", 44.06, 9.56, "SOM"),
        ("Pristina", 21.17, 42.66, "XKX"),
    ],
)
def test_point_lies_in_its_country_only(place, lon, lat, code):
    assert geo.country_at(lon, lat) == [code], place


def test_luxembourg_city_is_in_luxembourg_or_luxembourg_has_a_marker_point():
    if geo.shape_area_deg2("LUX") > 0:
        assert geo.country_at(6.13, 49.61) == ["LUX"]
    assert "LUX" in geo.load_centroids()


def test_point_in_a_hole_is_not_in_the_surrounding_country():
    # Lesotho is a hole in South Africa's shape.
    assert geo.country_at(28.2, -29.6) == ["LSO"]


def test_open_sea_is_in_no_country():
    assert geo.country_at(-30.0, 40.0) == []


# --- The shipped files ---------------------------------------------------------------------------


def test_world_file_is_small():
    assert geo.WORLD_GEOJSON_PATH.stat().st_size < 1_000_000


def test_every_id_is_an_iso_alpha3_code_or_documented():
    ids = [feature["id"] for feature in geo.load_world_geojson()["features"]]
    assert len(ids) == len(set(ids))
    unknown = [c for c in ids if c not in NOT_ISO_CODES and pycountry.countries.get(alpha_3=c) is None]
    assert unknown == []


def test_every_shape_has_a_name_and_a_label_point_inside_it():
    centroids = geo.load_centroids()
    for feature in geo.load_world_geojson()["features"]:
        code = feature["id"]
        assert feature["properties"]["name"], code
        assert code in geo.country_at(*centroids[code]), code


def test_label_points_are_valid_codes_and_coordinates():
    for code, (lon, lat) in geo.load_centroids().items():
        assert code in NOT_ISO_CODES or pycountry.countries.get(alpha_3=code) is not None, code
        assert -180 <= lon <= 180 and -90 <= lat <= 90, code


def test_france_label_point_is_in_metropolitan_france():
    lon, lat = geo.load_centroids()["FRA"]
    assert -5 < lon < 8 and 42 < lat < 51


def test_coordinates_are_in_range_and_rings_wind_as_rfc7946_says():
    for feature in geo.load_world_geojson()["features"]:
        geometry = feature["geometry"]
        polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
        for polygon in polygons:
            for k, ring in enumerate(polygon):
                assert ring[0] == ring[-1] and len(ring) >= 4, feature["id"]
                assert all(-180 <= x <= 180 and -90 <= y <= 90 for x, y in ring), feature["id"]
                counter_clockwise = build.ring_area([tuple(p) for p in ring]) > 0
                assert counter_clockwise == (k == 0), feature["id"]


@pytest.mark.parametrize("code", ["CAN", "USA", "JPN", "AUS", "NZL", "UKR", "TUR", "ISL"])
def test_large_states_have_shapes(code):
    assert geo.shape_area_deg2(code) > 1.0


def test_antarctica_is_dropped():
    assert geo.shape_area_deg2("ATA") == 0.0


# --- Small states, subsets -----------------------------------------------------------------------


def test_small_states_follow_the_documented_decisions():
    codes = ["LUX", "MLT", "AND", "MCO", "LIE", "SMR", "VAT", "CYP", "ISL", "XKX", "SVN", "BEL", "UKR"]
    assert geo.small_states(codes) == ["LUX", "MLT", "AND", "MCO", "LIE", "SMR", "VAT", "CYP"]


def test_small_states_skip_organisations_and_repeats():
    assert geo.small_states(["EU", "NATO", "MLT", "MLT"]) == ["MLT"]


def test_subset_keeps_only_known_requested_shapes():
    subset = geo.subset_geojson(["UKR", "POL", "EU", "MCO"])
    assert subset["type"] == "FeatureCollection"
    assert sorted(f["id"] for f in subset["features"]) == ["POL", "UKR"]


def test_world_geojson_is_read_once_and_shared():
    assert geo.load_world_geojson() is geo.load_world_geojson()


def test_geo_dir_is_found_from_the_package_not_the_working_directory():
    assert geo.GEO_DIR == REPO / "static" / "geo"
    assert (geo.GEO_DIR / "README.md").exists() and (geo.GEO_DIR / "LICENSE-world-atlas.txt").exists()


# --- Viewports -----------------------------------------------------------------------------------


def _on_screen(view: dict, lon: float, lat: float, width: int, height: int) -> bool:
    """Whether a point falls within a MapLibre map of this size showing `view` (Web Mercator)."""
    world_px = 512 * 2 ** view["zoom"]

    def y(latitude: float) -> float:
        return math.log(math.tan(math.pi / 4 + math.radians(latitude) / 2))

    dx = (lon - view["center"]["lon"]) / 360 * world_px
    dy = (y(lat) - y(view["center"]["lat"])) / (2 * math.pi) * world_px
    return abs(dx) <= width / 2 and abs(dy) <= height / 2


EUROPE_POINTS = {
    "Iceland, west": (-24.0, 65.5),
    "Portugal, Cabo da Roca": (-9.5, 38.8),
    "Ukraine, east": (40.0, 49.5),
    "Türkiye, east": (44.5, 39.5),
    "Crete": (24.0, 35.2),
    "Cyprus": (34.0, 35.0),
    "Norway, North Cape": (25.8, 71.1),
}
WORLD_POINTS = {
    "Canada, Vancouver": (-123.1, 49.3),
    "Canada, Iqaluit": (-68.5, 63.7),
    "Alaska, Anchorage": (-149.9, 61.2),
    "Japan, Sapporo": (141.3, 43.1),
    "Australia, Perth": (115.9, -31.9),
    "New Zealand, Invercargill": (168.4, -46.4),
    "New Zealand, Auckland": (174.8, -36.8),
}


@pytest.mark.parametrize(("width", "height"), [geo.MIN_MAP_PX, (1500, 800)])
@pytest.mark.parametrize(("view", "points"), [(geo.EUROPE_VIEW, EUROPE_POINTS), (geo.WORLD_VIEW, WORLD_POINTS)])
def test_view_shows_its_corner_points(view, points, width, height):
    hidden = [name for name, (lon, lat) in points.items() if not _on_screen(view, lon, lat, width, height)]
    assert hidden == []


# --- The build script's pure functions, on a hand-written topology ------------------------------

# Two unit squares side by side, sharing the middle arc 0, quantized with scale 0.5 from (10, 20):
# arc 0: (1,0)->(1,1), arc 1: (1,1)->(0,1)->(0,0)->(1,0), arc 2: (1,0)->(2,0)->(2,1)->(1,1).
TOPOLOGY = {
    "type": "Topology",
    "transform": {"scale": [0.5, 0.5], "translate": [10, 20]},
    "arcs": [[[1, 0], [0, 1]], [[1, 1], [-1, 0], [0, -1], [1, 0]], [[1, 0], [1, 0], [0, 1], [-1, 0]]],
    "objects": {
        "countries": {
            "type": "GeometryCollection",
            "geometries": [
                {"type": "Polygon", "id": "001", "arcs": [[0, 1]]},
                {"type": "Polygon", "id": "002", "arcs": [[2, ~0]]},
            ],
        }
    },
}


def test_arcs_are_delta_decoded_and_transformed():
    arcs = build.decode_arcs(TOPOLOGY)
    assert arcs[1] == [(10.5, 20.5), (10.0, 20.5), (10.0, 20.0), (10.5, 20.0)]


def test_ring_follows_reversed_arcs_without_repeating_joints():
    arcs = build.decode_arcs(TOPOLOGY)
    ring = build.assemble_ring(arcs, [2, ~0])
    assert ring == [(10.5, 20.0), (11.0, 20.0), (11.0, 20.5), (10.5, 20.5), (10.5, 20.0)]
    assert build.ring_area(ring) == pytest.approx(0.25)


def test_dissolve_drops_the_shared_border():
    arcs = build.decode_arcs(TOPOLOGY)
    polygons = [build.polygons_of(g) for g in TOPOLOGY["objects"]["countries"]["geometries"]]
    merged = build.dissolve([p for ps in polygons for p in ps], arcs)
    assert len(merged) == 1 and len(merged[0]) == 1
    assert sorted(merged[0][0]) == [1, 2]
    assert build.ring_area(build.assemble_ring(arcs, merged[0][0])) == pytest.approx(0.5)


def test_simplify_drops_small_wiggles_and_keeps_ends_and_big_ones():
    line = [(0.0, 0.0), (1.0, 0.01), (2.0, 0.0), (3.0, 1.0), (4.0, 0.0)]
    assert build.simplify_line(line, 0.05) == [(0.0, 0.0), (2.0, 0.0), (3.0, 1.0), (4.0, 0.0)]
    assert build.simplify_line(line, 5.0) == [(0.0, 0.0), (4.0, 0.0)]


def test_simplify_keeps_a_closed_island_closed_with_its_corners():
    square = [(0.0, 0.0), (0.5, 0.001), (1.0, 0.0), (1.0, 1.0), (0.0, 1.0), (0.0, 0.0)]
    assert build.simplify_line(square, 0.05) == [(0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 1.0), (0.0, 0.0)]


def test_rounding_drops_points_that_merge():
    assert build.round_ring([(0.001, 0.0), (0.002, 0.0), (1.0, 1.0)]) == [(0.0, 0.0), (1.0, 1.0)]


def test_ring_across_the_antimeridian_is_cut_into_pieces_within_range():
    ring = build.unwrap([(179.0, 0.0), (-179.0, 0.0), (-179.0, 1.0), (179.0, 1.0), (179.0, 0.0)])
    pieces = build.split_antimeridian(ring)
    assert len(pieces) == 2
    assert all(-180 <= x <= 180 for piece in pieces for x, _ in piece)
    assert sum(abs(build.ring_area(p)) for p in pieces) == pytest.approx(2.0)


def test_label_point_of_a_crescent_lies_inside_it():
    # A U shape whose centroid falls in the gap between its arms.
    u_shape = [(0, 0), (3, 0), (3, 3), (2, 3), (2, 1), (1, 1), (1, 3), (0, 3), (0, 0)]
    polygon = [[(float(x), float(y)) for x, y in u_shape]]
    assert not build.polygon_contains(polygon, *build.polygon_centroid(polygon))
    assert build.polygon_contains(polygon, *build.label_point(polygon))


def test_inline_geometry_puts_in_the_shapes_each_trace_draws():
    figure = {
        "data": [
            {"type": "choroplethmap", "geojson": geo.WORLD_GEOJSON_URL, "locations": ["UKR", "POL", "EU"]},
            {"type": "scattermap", "lon": [6.1], "lat": [49.6]},
        ],
        "layout": {"title": {"text": "t"}},
    }
    inlined = geo.inline_geometry(figure)
    assert sorted(f["id"] for f in inlined["data"][0]["geojson"]["features"]) == ["POL", "UKR"]
    assert inlined["data"][1] == figure["data"][1] and inlined["layout"] == figure["layout"]
    assert figure["data"][0]["geojson"] == geo.WORLD_GEOJSON_URL  # the app's figure is left as it was


def test_geometry_url_names_the_shipped_file():
    # Streamlit serves ./static/ at app/static/ ([server] enableStaticServing in .streamlit/config.toml).
    assert (REPO / geo.WORLD_GEOJSON_URL.removeprefix("app/")).resolve() == geo.WORLD_GEOJSON_PATH
