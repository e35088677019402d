"""The map's first paint: while MapLibre starts (a 1.1 MB library and a worker), the page map draws the
same view on a plain canvas from the shapes and colours it already has, then MapLibre replaces it."""

from __future__ import annotations

import io

import pytest
from PIL import Image, ImageChops
from playwright.sync_api import Page, Route

from browser_harness.maps import DRAWN_JS, FIRST_PAINT_CANVAS, FIRST_PAINT_JS, MAP_ROOT, MapPixels
from summit.figures import NEUTRAL

SIZES = [(1920, 1080), (1280, 720)]
SIZE_IDS = [f"{w}x{h}" for w, h in SIZES]
TIMEOUT_MS = 60_000
LIBRARY = "**/app/static/vendor/maplibre-gl/maplibre-gl.mjs"
CANVAS_BOX = f"{MAP_ROOT} .summit-map-canvas"
# A pixel differs when a channel differs by more than this (edges are anti-aliased differently).
CHANNEL_TOLERANCE = 40
MAX_DIFFERING_SHARE = 0.05
# Points from Lisbon to Kyiv, Ottawa to Canberra: where the plain canvas and MapLibre put each.
POINTS = [(-9.14, 38.72), (30.52, 50.45), (-0.13, 51.51), (24.94, 60.17), (-75.7, 45.42), (149.13, -35.28)]
# The map has been given data since version `given`, and the first paint shows the latest.
REPAINTED_JS = """([root, given]) => root.__summit.version > given
    && root.dataset.firstPaint === String(root.__summit.version)"""
# MapLibre has every tile drawn and nothing moving (an `idle` event would be missed if it came first).
IDLE_JS = "(root) => root.__summitMap.loaded() && !root.__summitMap.isMoving()"
PROJECTIONS_JS = """async ([root, points]) => {
    const module = await import(new URL("app/static/map/summit-map.mjs", document.baseURI).href);
    const map = root.__summitMap;
    const box = map.getContainer();
    const fitted = module.fitProjection(root.__summit.data.bounds, box.clientWidth, box.clientHeight, module.PADDING);
    return points.map((p) => [fitted(...p), [map.project(p).x, map.project(p).y]]);
}"""


def held_library(page: Page) -> list[Route]:
    """Hold back MapLibre's library: the requests wait in the list until the test lets them through."""
    held: list[Route] = []

    def hold(route: Route) -> None:
        held.append(route)

    page.route(LIBRARY, hold)
    return held


def canvas_image(page: Page) -> Image.Image:
    """The map's box as the user sees it (whichever canvas is on top)."""
    return Image.open(io.BytesIO(page.locator(CANVAS_BOX).screenshot(timeout=TIMEOUT_MS))).convert("RGB")


def differing_share(first: Image.Image, second: Image.Image) -> float:
    """Share of pixels whose colour differs by more than CHANNEL_TOLERANCE in some channel."""
    difference = ImageChops.difference(first, second).convert("L")
    return sum(difference.histogram()[CHANNEL_TOLERANCE + 1 :]) / (first.width * first.height)


def pixels(image: Image.Image) -> MapPixels:
    return MapPixels(image, {rgb: n for n, rgb in image.getcolors(image.width * image.height)})


@pytest.mark.parametrize("page", SIZES, ids=SIZE_IDS, indirect=True)
@pytest.mark.parametrize("view", ["Europe", "World"])
def test_the_first_paint_shows_the_map_maplibre_then_draws(app_server, page, wait_for_app, view):
    held = held_library(page)
    page.goto(f"{app_server}/map")
    wait_for_app(page)
    root = page.locator(MAP_ROOT).first
    page.wait_for_function(FIRST_PAINT_JS, arg=root.element_handle(), timeout=TIMEOUT_MS)
    if view == "World":
        given = page.evaluate("(root) => root.__summit.version", root.element_handle())
        page.get_by_role("radiogroup", name="View").get_by_role("radio", name=view).click()
        wait_for_app(page)
        # The map was given the World view's data, and the plain canvas shows that data, not the earlier view.
        page.wait_for_function(REPAINTED_JS, arg=[root.element_handle(), given], timeout=TIMEOUT_MS)

    # MapLibre has not drawn: what shows is the plain canvas, with the shapes in their colours.
    assert held, "the map did not ask for MapLibre's library"
    assert root.get_attribute("data-drawn") is None
    assert page.locator(FIRST_PAINT_CANVAS).get_attribute("aria-hidden") == "true"  # the root has the alt text
    first = canvas_image(page)
    shown = pixels(first)
    assert shown.non_white >= 0.2 and shown.share_near(NEUTRAL, 0) >= 0.01 and shown.coloured >= 0.005
    assert page.locator(f"{MAP_ROOT} .summit-map-legend").inner_text().strip() != ""

    for route in held:
        route.continue_()
    page.wait_for_function(DRAWN_JS, arg=root.element_handle(), timeout=TIMEOUT_MS)
    page.locator(FIRST_PAINT_CANVAS).wait_for(state="detached", timeout=TIMEOUT_MS)
    page.wait_for_function(IDLE_JS, arg=root.element_handle(), timeout=TIMEOUT_MS)

    # The plain canvas put every point where MapLibre puts it, and drew what MapLibre draws.
    for fitted, projected in page.evaluate(PROJECTIONS_JS, [root.element_handle(), POINTS]):
        assert fitted == pytest.approx(projected, abs=0.5)
    assert differing_share(first, canvas_image(page)) <= MAX_DIFFERING_SHARE
