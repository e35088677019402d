"""The map in headless Chromium: shapes really drawn (pixels), a small figure payload, the World view,
the small-state marker and the list beside the map."""

from __future__ import annotations

import time

import pytest
from playwright.sync_api import Page, expect

from summit import geo
from summit.figures import NEUTRAL
from summit.frames import participant_name
from summit.maps import SEQUENTIAL

SIZES = [(1920, 1080), (1280, 720)]
SIZE_IDS = [f"{w}x{h}" for w, h in SIZES]
MAX_FIGURE_BYTES = 1_000_000
TIMEOUT_MS = 60_000
# A point in Moscow: Russia is not a participant, so it must be drawn in the neutral grey.
MOSCOW = (37.62, 55.75)
MAP_PLOT = '[data-testid="stPlotlyChart"]:has(.maplibregl-canvas) .js-plotly-plot'

# Plotly keeps the MapLibre map of a `map` subplot on the graph div; project() gives a point's
# position in the canvas, in CSS pixels.
PROJECT_JS = "(gd, points) => points.map((p) => gd._fullLayout.map._subplot.map.project(p))"
ZOOM_JS = "(gd) => gd._fullLayout.map._subplot.map.getZoom()"
FIGURE_BYTES_JS = "(gd) => JSON.stringify(gd.data).length + JSON.stringify(gd.layout).length"
# Every point of the marker (scattermap) traces: position, colour and hover text.
MARKERS_JS = """(gd) => gd.data.filter((t) => t.type === 'scattermap').flatMap((t) => t.lon.map((lon, i) => ({
    lon: lon, lat: t.lat[i], color: Array.isArray(t.marker.color) ? t.marker.color[i] : t.marker.color,
    hover: String(t.customdata ? t.customdata[i] : t.text ? t.text[i] : '')})))"""


def project(page: Page, points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Canvas positions of (lon, lat) points on the map."""
    return [(p["x"], p["y"]) for p in page.locator(MAP_PLOT).first.evaluate(PROJECT_JS, [list(p) for p in points])]


def is_coloured(rgb: tuple[int, int, int] | None) -> bool:
    """A participant's colour, not white, grey or a dark border."""
    return rgb is not None and max(rgb) - min(rgb) > 40


def open_map(page: Page, url: str, wait_for_map) -> tuple[float, list[int]]:
    """Open the Map page; return seconds from navigation to shapes drawn and the websocket frame sizes."""
    frames: list[int] = []
    page.on("websocket", lambda ws: ws.on("framereceived", lambda payload: frames.append(len(payload))))
    start = time.monotonic()
    page.goto(url)
    wait_for_map(page, neutral=NEUTRAL)
    return time.monotonic() - start, frames


@pytest.mark.parametrize("page", SIZES, ids=SIZE_IDS, indirect=True)
def test_map_draws_participants_in_colour_and_others_in_grey(
    app_server, page, wait_for_app, wait_for_map, map_pixels, error_boxes, screenshot
):
    geometry: list[int] = []
    page.on("response", lambda r: geometry.append(len(r.body())) if "/app/static/geo/" in r.url else None)

    seconds, frames = open_map(page, f"{app_server}/map", wait_for_map)
    wait_for_app(page)
    pixels = map_pixels(page)
    figure_bytes = page.locator(MAP_PLOT).first.evaluate(FIGURE_BYTES_JS)
    size = f"{page.viewport_size['width']}x{page.viewport_size['height']}"
    path = screenshot(page, f"map-drawn-{size}")
    pixels.image.save(path.with_name(f"map-canvas-{size}.png"))  # the pixels the assertions looked at
    print(
        f"\n[map {size}] drawn {seconds:.1f} s after navigation; figure JSON {figure_bytes:,} bytes; "
        f"websocket {sum(frames):,} bytes in {len(frames)} frames; geometry file {sum(geometry):,} bytes "
        f"in {len(geometry)} request(s); {pixels.non_white:.0%} not white, {pixels.share_near(NEUTRAL, 0):.0%} "
        f"grey, {pixels.coloured:.0%} coloured"
    )

    assert figure_bytes < MAX_FIGURE_BYTES
    assert pixels.non_white > 0.3
    assert pixels.share_near(NEUTRAL, 0) > 0.05
    assert max(pixels.share_near(colour) for colour in SEQUENTIAL) > 0.01  # a colour of the scale, as drawn
    centroids = geo.load_centroids()
    france, moscow = project(page, [centroids["FRA"], MOSCOW])
    assert is_coloured(pixels.colour_at(*france)), f"France is drawn {pixels.colour_at(*france)}"
    assert pixels.colour_at(*moscow) == (221, 221, 221), f"Moscow is drawn {pixels.colour_at(*moscow)}"
    assert error_boxes(page) == []
    assert page.console_errors == []


def test_small_state_marker_and_the_list_beside_the_map(
    app_server, page, wait_for_app, wait_for_map, map_pixels, grid_texts, bundled_dataset
):
    open_map(page, f"{app_server}/map", wait_for_map)
    wait_for_app(page)

    # Luxembourg is too small for its shape to show: the figure gives it a marker, drawn where it is.
    markers = [m for m in page.locator(MAP_PLOT).first.evaluate(MARKERS_JS) if "Luxembourg" in m["hover"]]
    assert len(markers) == 1
    [(x, y)] = project(page, [(markers[0]["lon"], markers[0]["lat"])])
    drawn = map_pixels(page).colour_at(x, y)
    expected = tuple(int(markers[0]["color"].lstrip("#")[i : i + 2], 16) for i in (0, 2, 4))
    assert drawn is not None and max(abs(a - b) for a, b in zip(drawn, expected, strict=True)) <= 3, drawn

    side = page.get_by_test_id("stColumn").filter(has_text="Organisations (not on the map)").last
    grids = side.get_by_test_id("stDataFrame")
    expect(grids).to_have_count(2)
    organisations, everyone = grid_texts(grids.nth(0)), grid_texts(grids.nth(1))
    eu, nato = participant_name(bundled_dataset, "EU"), participant_name(bundled_dataset, "NATO")
    assert {eu, nato} <= set(organisations)
    assert "Luxembourg" not in organisations
    assert {"Luxembourg", eu, nato} <= set(everyone)
    # Every delegation of the meeting is listed.
    meeting = next(m for m in bundled_dataset.meetings if m.meeting.id == bundled_dataset.default_meeting_id())
    assert len(everyone) == len(meeting.delegations)


# Sizes at which the World view is known to cut New Zealand off → why.
NEW_ZEALAND_CUT_OFF = {
    (1280, 720): "summit/geo.py fits the World view to a 640 px wide map (MIN_MAP_PX), but at 1280x720 the Map "
    "page's map canvas is about 525 px wide: the view ends near 155°E, before New Zealand",
}


@pytest.mark.parametrize("page", SIZES, ids=SIZE_IDS, indirect=True)
def test_world_view_draws_canada_japan_and_australia(
    app_server, page, wait_for_app, wait_for_map, map_pixels, error_boxes, screenshot
):
    open_map(page, f"{app_server}/map", wait_for_map)
    wait_for_app(page)
    plot = page.locator(MAP_PLOT).first
    europe_zoom = plot.evaluate(ZOOM_JS)

    page.get_by_role("radiogroup", name="View").get_by_role("radio", name="World").click()
    page.wait_for_function(f"(gd) => {ZOOM_JS}(gd) < {europe_zoom}", arg=plot.element_handle(), timeout=TIMEOUT_MS)
    wait_for_app(page)

    centroids = geo.load_centroids()
    codes = ("CAN", "JPN", "AUS")
    deadline = time.monotonic() + TIMEOUT_MS / 1000
    while True:
        pixels = map_pixels(page)
        points = project(page, [centroids[c] for c in codes])
        colours = {code: pixels.most_coloured_near(*point) for code, point in zip(codes, points, strict=True)}
        if all(is_coloured(colour) for colour in colours.values()) or time.monotonic() > deadline:
            break
        page.wait_for_timeout(100)  # poll interval, bounded by the deadline
    size = (page.viewport_size["width"], page.viewport_size["height"])
    screenshot(page, f"map-world-{size[0]}x{size[1]}")
    assert all(is_coloured(colour) for colour in colours.values()), colours
    assert pixels.share_near(NEUTRAL, 0) > 0.05
    assert error_boxes(page) == []
    assert page.console_errors == []

    # New Zealand, the participant furthest east, is the edge of the World view.
    [new_zealand] = project(page, [centroids["NZL"]])
    if size in NEW_ZEALAND_CUT_OFF and not is_coloured(pixels.most_coloured_near(*new_zealand)):
        pytest.xfail(NEW_ZEALAND_CUT_OFF[size])
    assert is_coloured(pixels.most_coloured_near(*new_zealand)), f"New Zealand at {new_zealand} is not drawn"


@pytest.mark.parametrize("page", SIZES, ids=SIZE_IDS, indirect=True)
def test_map_controls_fit_their_columns(app_server, page, wait_for_app):
    page.goto(f"{app_server}/map")
    wait_for_app(page)
    radios = page.get_by_role("radiogroup", name="View").get_by_role("radio")
    expect(radios).to_have_count(2)  # Europe, World (drawn once the widget's code has loaded)
    for radio in radios.all():
        column = page.get_by_test_id("stColumn").filter(has=radio).last
        button, cell = radio.bounding_box(), column.bounding_box()
        assert button is not None and cell is not None
        assert button["x"] + button["width"] <= cell["x"] + cell["width"] + 1, radio.inner_text()


def test_short_list_beside_the_map_has_no_empty_rows(app_server, page, wait_for_app, grid_row_count):
    page.goto(f"{app_server}/map?g=organisations")  # two participants: EU and NATO
    wait_for_app(page)
    side = page.get_by_test_id("stColumn").filter(has_text="All participants").last
    grid = side.get_by_test_id("stDataFrame").last
    assert 0 < grid_row_count(grid) < 5
    # The scroller's first child is as tall as header and rows together.
    content = grid.locator(".dvn-scroller").first.evaluate("(s) => s.firstElementChild.getBoundingClientRect().height")
    box = grid.bounding_box()
    assert box is not None
    assert box["height"] <= content + 4  # plus the border
