"""The page map in the browser: drawn by MapLibre with WebGL, so only its pixels show it is there."""

from __future__ import annotations

import io
import time
from dataclasses import dataclass

from PIL import Image
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page

# The page map's root (static/map/summit-map.mjs) and MapLibre's canvas in it.
MAP_ROOT = ".summit-map"
MAP_CANVAS = f"{MAP_ROOT} .maplibregl-canvas"
# The map's root says which data MapLibre has drawn (data-drawn) and which the plain canvas drawn while
# MapLibre starts (data-first-paint); static/map/summit-map.mjs sets both.
DRAWN_JS = "(root) => !!root.dataset.drawn"
FIRST_PAINT_JS = "(root) => !!root.dataset.firstPaint"
FIRST_PAINT_CANVAS = f"{MAP_ROOT} .summit-map-first"
WHITE = (255, 255, 255)
# A participant's fill is a colour; white sea, grey non-participants, dark borders are not.
COLOURED_SPREAD = 40  # max minus min channel, 0..255
MAP_TIMEOUT_S = 60
MAP_POLL_MS = 100


def hex_rgb(colour: str) -> tuple[int, int, int]:
    """'#DDDDDD' → (221, 221, 221)."""
    value = colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


@dataclass(frozen=True)
class MapPixels:
    """What the map's canvas shows on screen: the image and how many pixels have each colour."""

    image: Image.Image
    counts: dict[tuple[int, int, int], int]

    @property
    def total(self) -> int:
        """Pixels in the image."""
        return self.image.width * self.image.height

    def share_near(self, colour: str, tolerance: int = 3) -> float:
        """Share of pixels within `tolerance` (per channel) of a '#RRGGBB' colour."""
        target = hex_rgb(colour)
        near = (
            n
            for rgb, n in self.counts.items()
            if max(abs(a - b) for a, b in zip(rgb, target, strict=True)) <= tolerance
        )
        return sum(near) / self.total

    @property
    def non_white(self) -> float:
        """Share of pixels that are not the white background."""
        return 1 - self.counts.get(WHITE, 0) / self.total

    @property
    def coloured(self) -> float:
        """Share of pixels in a saturated colour (participant fills and markers)."""
        return sum(n for rgb, n in self.counts.items() if max(rgb) - min(rgb) > COLOURED_SPREAD) / self.total

    def colour_at(self, x: float, y: float) -> tuple[int, int, int] | None:
        """Colour of the pixel at canvas coordinates (CSS pixels), None outside the canvas."""
        if 0 <= x < self.image.width and 0 <= y < self.image.height:
            return self.image.getpixel((int(x), int(y)))
        return None

    def most_coloured_near(self, x: float, y: float, radius: int = 3) -> tuple[int, int, int] | None:
        """The most saturated pixel within `radius` of a point: a thin island's fill, not its border."""
        near = [
            self.colour_at(x + dx, y + dy) for dx in range(-radius, radius + 1) for dy in range(-radius, radius + 1)
        ]
        inside = [rgb for rgb in near if rgb is not None]
        return max(inside, key=lambda rgb: max(rgb) - min(rgb)) if inside else None


def read_map_pixels(page: Page, index: int = 0) -> MapPixels:
    """Screenshot of the map canvas as the user sees it (overlays included), with its colour counts."""
    for attempt in range(3):
        try:
            png = page.locator(MAP_CANVAS).nth(index).screenshot(timeout=MAP_TIMEOUT_S * 1000)
            break
        except PlaywrightError as error:
            # The canvas is replaced when a page is opened again (a new map): take the new one.
            if "not attached" not in str(error) or attempt == 2:
                raise
    image = Image.open(io.BytesIO(png)).convert("RGB")
    counts = {rgb: n for n, rgb in image.getcolors(maxcolors=image.width * image.height)}
    return MapPixels(image, counts)


def wait_for_map(page: Page, *, neutral: str, index: int = 0, timeout_s: float = MAP_TIMEOUT_S) -> MapPixels:
    """Wait until MapLibre has drawn the map (its root's data-drawn, set after the plain first paint has
    gone), then poll its pixels until the shapes show: a fifth of the map is not white, and both the
    `neutral` grey of non-participants and participant colours. Returns the drawn pixels."""
    page.locator(MAP_CANVAS).nth(index).wait_for(timeout=timeout_s * 1000)
    root = page.locator(MAP_ROOT).nth(index).element_handle(timeout=timeout_s * 1000)
    page.wait_for_function(DRAWN_JS, arg=root, timeout=timeout_s * 1000)
    deadline = time.monotonic() + timeout_s
    while True:
        pixels = read_map_pixels(page, index)
        if pixels.non_white >= 0.2 and pixels.share_near(neutral, 0) >= 0.01 and pixels.coloured >= 0.005:
            return pixels
        if time.monotonic() > deadline:
            raise AssertionError(
                f"The map was not drawn within {timeout_s} s: {pixels.non_white:.1%} not white, "
                f"{pixels.share_near(neutral, 0):.1%} grey {neutral}, {pixels.coloured:.1%} coloured."
            )
        page.wait_for_timeout(MAP_POLL_MS)  # poll interval, bounded by the deadline
