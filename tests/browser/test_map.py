"""The map in headless Chromium: shapes really drawn (pixels), a small payload, the World view, the
small-state marker, hover and click, a filter change that recolours the same map, the list beside it."""

from __future__ import annotations

import time

import pytest
from PIL import Image
from playwright.sync_api import Page, expect

from browser_harness.maps import hex_rgb
from browser_harness.widgets import pick_option
from summit import geo
from summit.figures import NEUTRAL
from summit.filters import Filters
from summit.frames import build_frames, participant_name
from summit.maps import build_map_data, page_map

SIZES = [(1920, 1080), (1280, 720)]
SIZE_IDS = [f"{w}x{h}" for w, h in SIZES]
MAX_PAGE_BYTES = 1_000_000
TIMEOUT_MS = 60_000
# A point in Moscow: Russia is not a participant, so it must be drawn in the neutral grey.
MOSCOW = (37.62, 55.75)
MAP_ROOT = ".summit-map"

# summit_ui/map_component.js keeps the MapLibre map on its root element; project() gives a point's
# position in the canvas, in CSS pixels.
PROJECT_JS = "(root, points) => points.map((p) => root.__summitMap.project(p))"
ZOOM_JS = "(root) => root.__summitMap.getZoom()"
# The small-state markers the map draws: position, colour and ISO code.
# The colour is the marker's feature state in MapLibre, which its circle is painted from.
MARKERS_JS = """(root) => root.__summit.markers.features.map((f) => ({lon: f.geometry.coordinates[0],
    lat: f.geometry.coordinates[1], code: f.properties.iso,
    color: root.__summitMap.getFeatureState({source: 'markers', id: f.properties.iso}).colour}))"""
# Where (lon, lat) is on the screen, in page pixels.
SCREEN_JS = """(root, p) => { const map = root.__summitMap; const point = map.project(p);
    const box = map.getCanvas().getBoundingClientRect(); return [box.left + point.x, box.top + point.y]; }"""


def project(page: Page, points: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """Canvas positions of (lon, lat) points on the map."""
    return [(p["x"], p["y"]) for p in page.locator(MAP_ROOT).first.evaluate(PROJECT_JS, [list(p) for p in points])]


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
    app_server, page, wait_for_app, wait_for_map, map_pixels, error_boxes, screenshot, bundled_dataset
):
    geometry: list[int] = []
    page.on("response", lambda r: geometry.append(len(r.body())) if "/app/static/geo/" in r.url else None)

    seconds, frames = open_map(page, f"{app_server}/map", wait_for_map)
    wait_for_app(page)
    pixels = map_pixels(page)
    size = f"{page.viewport_size['width']}x{page.viewport_size['height']}"
    path = screenshot(page, f"map-drawn-{size}")
    pixels.image.save(path.with_name(f"map-canvas-{size}.png"))  # the pixels the assertions looked at
    print(
        f"\n[map {size}] drawn {seconds:.1f} s after navigation; "
        f"websocket {sum(frames):,} bytes in {len(frames)} frames; geometry file {sum(geometry):,} bytes "
        f"in {len(geometry)} request(s); {pixels.non_white:.0%} not white, {pixels.share_near(NEUTRAL, 0):.0%} "
        f"grey, {pixels.coloured:.0%} coloured"
    )

    assert sum(frames) < MAX_PAGE_BYTES  # everything the server sent for the page, map data included
    assert pixels.non_white > 0.3
    assert pixels.share_near(NEUTRAL, 0) > 0.05
    # The states in the colours the core gave them (pledge counts on the scale), as drawn.
    rows = Filters().rows(bundled_dataset, build_frames(bundled_dataset))
    shown = page_map(build_map_data(bundled_dataset, rows.delegations, rows.pledge_types, "pledges"), "europe",
                     bundled_dataset)  # fmt: skip
    colours = {state["colour"] for state in shown.payload["states"]}
    print(f"[map {size}] in the states' colours: {sum(pixels.share_near(c) for c in colours):.1%}")
    assert sum(pixels.share_near(colour) for colour in colours) > 0.05
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

    # Luxembourg is too small for its shape to show: the map gives it a marker, drawn where it is.
    markers = [m for m in page.locator(MAP_ROOT).first.evaluate(MARKERS_JS) if m["code"] == "LUX"]
    assert len(markers) == 1
    [(x, y)] = project(page, [(markers[0]["lon"], markers[0]["lat"])])
    drawn = map_pixels(page).colour_at(x, y)
    expected = tuple(int(markers[0]["color"].lstrip("#")[i : i + 2], 16) for i in (0, 2, 4))
    assert drawn is not None and max(abs(a - b) for a, b in zip(drawn, expected, strict=True)) <= 3, drawn

    side = page.locator(".st-key-map_page_side")  # the list beside the map (app_pages/map.py)
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


@pytest.mark.parametrize("page", SIZES, ids=SIZE_IDS, indirect=True)
def test_world_view_draws_canada_japan_australia_and_new_zealand(
    app_server, page, wait_for_app, wait_for_map, map_pixels, error_boxes, screenshot
):
    open_map(page, f"{app_server}/map", wait_for_map)
    wait_for_app(page)
    plot = page.locator(MAP_ROOT).first
    europe_zoom = plot.evaluate(ZOOM_JS)

    page.get_by_role("radiogroup", name="View").get_by_role("radio", name="World").click()
    page.wait_for_function(f"(gd) => {ZOOM_JS}(gd) < {europe_zoom}", arg=plot.element_handle(), timeout=TIMEOUT_MS)
    wait_for_app(page)

    centroids = geo.load_centroids()
    # New Zealand, the participant furthest east, is the edge of the World view, at every size.
    codes = ("CAN", "JPN", "AUS", "NZL")
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
    side = page.locator(".st-key-map_page_side")
    grid = side.get_by_test_id("stDataFrame").last
    assert 0 < grid_row_count(grid) < 5
    # The scroller's first child is as tall as header and rows together.
    content = grid.locator(".dvn-scroller").first.evaluate("(s) => s.firstElementChild.getBoundingClientRect().height")
    box = grid.bounding_box()
    assert box is not None
    assert box["height"] <= content + 4  # plus the border


def test_hover_names_the_state_and_a_click_opens_its_profile(app_server, page, wait_for_app, wait_for_map):
    open_map(page, f"{app_server}/map?g=nato", wait_for_map)
    wait_for_app(page)
    x, y = page.locator(MAP_ROOT).first.evaluate(SCREEN_JS, [2.5, 46.5])  # central France
    page.mouse.move(x - 10, y - 10)
    page.mouse.move(x, y)
    tooltip = page.locator(f"{MAP_ROOT} .summit-map-tooltip")
    expect(tooltip).to_be_visible()
    expect(tooltip.locator("strong")).to_have_text("France")
    expect(tooltip).to_contain_text("Emmanuel Macron")

    page.mouse.click(x, y)
    page.wait_for_url("**/profile?*", timeout=TIMEOUT_MS)
    wait_for_app(page)
    assert "participant=FRA" in page.url and "g=nato" in page.url  # the filters come along
    expect(page.get_by_test_id("stMain").locator("h1").first).to_have_text("France")


def test_a_filter_change_recolours_the_same_map(app_server, page, wait_for_app, wait_for_map, map_pixels):
    open_map(page, f"{app_server}/map", wait_for_map)
    wait_for_app(page)
    root = page.locator(MAP_ROOT).first
    page.evaluate("(root) => { window.__firstMap = root.__summitMap; }", root.element_handle())
    drawn = root.get_attribute("data-drawn")
    [france] = project(page, [geo.load_centroids()["FRA"]])
    before = map_pixels(page).colour_at(*france)

    pick_option(page.get_by_role("combobox", name="Status", exact=True), "Ruled out")  # France ruled nothing out
    page.wait_for_function(
        "([root, drawn]) => root.dataset.drawn && root.dataset.drawn !== drawn",
        arg=[root.element_handle(), drawn],
        timeout=TIMEOUT_MS,
    )
    wait_for_app(page)
    assert page.evaluate("(root) => root.__summitMap === window.__firstMap", root.element_handle())
    after = map_pixels(page).colour_at(*france)
    assert is_coloured(before) and after == (221, 221, 221), (before, after)
    assert "s=ruled_out" in page.url


def test_a_map_that_cannot_load_its_shapes_says_so_in_words(app_server, page, wait_for_app):
    page.route("**/app/static/geo/world.geojson", lambda route: route.fulfill(status=404, body="gone"))
    page.goto(f"{app_server}/map")
    wait_for_app(page)
    message = page.locator(f"{MAP_ROOT} .summit-map-canvas")
    expect(message).to_contain_text("The map could not be drawn", timeout=TIMEOUT_MS)
    expect(message).to_contain_text("HTTP 404")
    # The list beside the map still has everyone.
    expect(page.get_by_text("All participants", exact=True)).to_be_visible()


# Zoom levels from the World view out to the whole world: the default simplification of MapLibre's
# tiles left Ukraine unfilled below zoom 2.
ZOOMS = (0.5, 1.0, 1.5)
FILL_AT_JS = """([root, zoom]) => new Promise((done) => {
    const map = root.__summitMap;
    map.jumpTo({center: [25, 35], zoom: zoom});
    map.once('idle', done);
})"""


@pytest.mark.parametrize("zoom", ZOOMS)
def test_every_participant_is_filled_when_zoomed_out(
    app_server, page, wait_for_app, wait_for_map, map_pixels, bundled_dataset, zoom
):
    open_map(page, f"{app_server}/map", wait_for_map)
    wait_for_app(page)
    root = page.locator(MAP_ROOT).first
    page.evaluate(FILL_AT_JS, [root.element_handle(), zoom])
    pixels = map_pixels(page)
    meeting = next(m for m in bundled_dataset.meetings if m.meeting.id == bundled_dataset.default_meeting_id())
    centroids = geo.load_centroids()
    codes = [d.participant for d in meeting.delegations if d.participant in centroids]
    # Label points, and two cities of Ukraine: Kyiv, and Simferopol in Crimea.
    points = [centroids[c] for c in codes] + [(30.52, 50.45), (34.1, 44.95)]
    names = [*codes, "UKR (Kyiv)", "UKR (Simferopol)"]
    blank = [
        name
        for name, (x, y) in zip(names, project(page, points), strict=True)
        if pixels.colour_at(x, y) is not None and pixels.most_coloured_near(x, y, radius=1) == (255, 255, 255)
    ]
    assert blank == [], f"not filled at zoom {zoom}: {blank}"


def test_map_downloads_as_a_png_with_its_title_and_legend(app_server, page, wait_for_app, wait_for_map, tmp_path):
    open_map(page, f"{app_server}/map", wait_for_map)
    wait_for_app(page)
    canvas = page.locator(f"{MAP_ROOT} .maplibregl-canvas").first.evaluate("(c) => [c.width, c.height]")
    with page.expect_download(timeout=TIMEOUT_MS) as download:
        page.locator(MAP_ROOT).get_by_role("button", name="Download PNG").click()
    assert download.value.suggested_filename == "participants-by-number-of-pledges.png"
    path = tmp_path / "map.png"
    download.value.save_as(path)
    image = Image.open(path).convert("RGB")
    # The map as drawn, with a band above for the title and one below for the source line.
    assert image.width == canvas[0] and image.height > canvas[1]
    colours = {rgb for _n, rgb in image.getcolors(image.width * image.height)}
    assert hex_rgb(NEUTRAL) in colours  # the grey of non-participants: the map itself, not a blank canvas
    assert any(max(rgb) - min(rgb) > 40 for rgb in colours)  # participants' colours
