"""The app's own colours meet WCAG 2.2 AA contrast: 4.5:1 for text (1.4.3), 3:1 for graphics and the edges of
controls (1.4.11), on their backgrounds in the light and the dark theme. A colour edit that breaks it fails here,
before a browser test (tests/browser/test_accessibility.py, axe-core) would."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from summit import figures, maps
from summit.briefing import theme as briefing
from summit_ui.briefing import SURFACES
from summit_ui.render import FOCUS_COLOUR

ROOT = Path(__file__).resolve().parents[1]
STREAMLIT_THEME = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))["theme"]
MAP_CSS = (ROOT / "static" / "map" / "summit-map.css").read_text(encoding="utf-8")

TEXT, GRAPHICS = 4.5, 3.0
WHITE, BLACK = "#ffffff", "#000000"
# Streamlit 1.67's light theme, which the app's config does not set: the sidebar's background
# (`streamlit config show`, [theme] secondaryBackgroundColor), and how it derives two colours from the
# config: captions are textColor at 60% opacity, a selected segmented button shows primaryColor over
# primaryColor at 10% (both measured in the browser: #828180 from #2f2d2b, #f9ebed behind #c53948).
SIDEBAR_BACKGROUND = "#f8f8f7"
CAPTION_OPACITY = 0.6
SELECTED_TINT = 0.1


Colour = str | tuple[int, int, int]  # '#1a1a1a', or (26, 26, 26) as the handouts' colours are written


def channels(colour: Colour) -> tuple[int, int, int]:
    """'#1a1a1a' as (26, 26, 26); an RGB tuple as it is."""
    if isinstance(colour, tuple):
        return colour
    value = colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def luminance(colour: Colour) -> float:
    """Relative luminance (WCAG 2.2, definition of relative luminance)."""
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in (v / 255 for v in channels(colour))]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(foreground: Colour, background: Colour) -> float:
    """WCAG contrast ratio, 1 to 21."""
    light, dark = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def over(colour: Colour, background: Colour, opacity: float) -> str:
    """The colour seen when `colour` at `opacity` is drawn on `background`."""
    pairs = zip(channels(colour), channels(background), strict=True)
    return "#" + "".join(f"{round(opacity * a + (1 - opacity) * b):02x}" for a, b in pairs)


def test_the_contrast_ratio_matches_known_values():
    assert contrast(BLACK, WHITE) == pytest.approx(21)
    assert contrast(WHITE, WHITE) == pytest.approx(1)
    assert contrast("#767676", WHITE) == pytest.approx(4.54, abs=0.01)  # the lightest grey that passes on white
    assert over("#2f2d2b", WHITE, CAPTION_OPACITY) == "#828180"  # Streamlit's caption grey, as measured


def caption(background: str) -> str:
    return over(STREAMLIT_THEME["textColor"], background, CAPTION_OPACITY)


def selected_tint() -> str:
    return over(STREAMLIT_THEME["primaryColor"], WHITE, SELECTED_TINT)


DARK_MUTED = briefing.THEME_COLOURS["dark"][2]

# (what, foreground, background, minimum ratio)
PAIRS = [
    # The pages (Streamlit's light theme with the app's colours; the app has no dark theme of its own).
    ("page text", STREAMLIT_THEME["textColor"], WHITE, TEXT),
    ("caption and source line", caption(WHITE), WHITE, TEXT),
    ("caption in the sidebar", caption(SIDEBAR_BACKGROUND), SIDEBAR_BACKGROUND, TEXT),
    ("selected segmented button", STREAMLIT_THEME["primaryColor"], selected_tint(), TEXT),
    ("text on a primary button", WHITE, STREAMLIT_THEME["primaryColor"], TEXT),
    # The keyboard's focus ring (summit_ui.render.KEYBOARD_STYLE), around controls and just inside canvases.
    ("focus ring on the page", FOCUS_COLOUR, WHITE, GRAPHICS),
    ("focus ring in the sidebar", FOCUS_COLOUR, SIDEBAR_BACKGROUND, GRAPHICS),
    ("focus ring on a selected segmented button", FOCUS_COLOUR, selected_tint(), GRAPHICS),
    # Plotly charts on the pages.
    ("chart text", figures.INK, WHITE, TEXT),
    ("chart source line", figures.SOURCE_INK, WHITE, TEXT),
    ("chart bar and dot outlines", figures.INK, WHITE, GRAPHICS),
    ("map outline of a participant", maps.INK, figures.NEUTRAL, GRAPHICS),
    ("map legend text", maps.INK, over(WHITE, maps.SEQUENTIAL[-1], 0.9), TEXT),
    # The briefing's two themes: text, the subtitle, tiles and table headers, rules and outlines.
    *(
        pair
        for name, (background, ink, muted, _grid) in briefing.THEME_COLOURS.items()
        for pair in (
            (f"briefing {name}: text", ink, background, TEXT),
            (f"briefing {name}: muted text", muted, background, TEXT),
            (f"briefing {name}: text on a tile", ink, SURFACES[name][0], TEXT),
            (f"briefing {name}: muted text on a tile", muted, SURFACES[name][0], TEXT),
            (f"briefing {name}: tile and table rules", SURFACES[name][1], background, GRAPHICS),
            (f"briefing {name}: axis lines and legend border", ink, background, GRAPHICS),
        )
    ),
    # On a dark map, participants are outlined in the muted ink (summit.briefing.theme.themed_figure).
    ("briefing dark: participant outline on the sea", DARK_MUTED, BLACK, GRAPHICS),
    ("briefing dark: participant outline on other countries", DARK_MUTED, briefing.DARK_CONTEXT, GRAPHICS),
    # The handouts (PowerPoint and PDF), black on white.
    ("handout text", briefing.INK, WHITE, TEXT),
    ("handout muted text", briefing.MUTED, WHITE, TEXT),
    ("handout text in a tile", briefing.INK, briefing.TILE_FILL, TEXT),
    ("handout muted text in a tile", briefing.MUTED, briefing.TILE_FILL, TEXT),
    ("handout table header", briefing.INK, briefing.HEADER_FILL, TEXT),
]


@pytest.mark.parametrize(("foreground", "background", "minimum"), [p[1:] for p in PAIRS], ids=[p[0] for p in PAIRS])
def test_a_custom_colour_reaches_wcag_aa_contrast(foreground, background, minimum):
    assert contrast(foreground, background) >= minimum


def css_colours(css: str, prop: str) -> set[str]:
    """Every #rrggbb value of a CSS property (`color`, or `border` / `border-color`) in a stylesheet."""
    return set(re.findall(rf"(?<![\w-]){prop}(?:-color)?\s*:[^;}}]*?(#[0-9a-fA-F]{{6}})", css))


def test_the_page_maps_text_and_control_edges_reach_wcag_aa_contrast():
    texts, borders = css_colours(MAP_CSS, "color"), css_colours(MAP_CSS, "border")
    assert texts and borders
    # The legend's background is white at 90% over the map: over the darkest fill it is at its darkest.
    legend = over(WHITE, maps.SEQUENTIAL[-1], 0.9)
    assert {c: round(contrast(c, legend), 2) for c in texts if contrast(c, legend) < TEXT} == {}
    assert {c: round(contrast(c, WHITE), 2) for c in borders if contrast(c, WHITE) < GRAPHICS} == {}
