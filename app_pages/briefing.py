"""Briefing: the current view as slides for a projector — arrows to move, the slide number in the URL, handouts."""

from summit_ui.briefing import (
    briefing_slides,
    current_slide,
    current_theme,
    render_controls,
    render_keyboard_navigation,
    render_presenting_style,
    render_slide,
)
from summit_ui.context import page_context

ctx = page_context()
slides = briefing_slides(ctx)
number = current_slide(len(slides))
theme = current_theme()
slide = slides[number - 1]
render_presenting_style(theme, slide)
render_slide(ctx, slide, theme)
render_controls(ctx, slides, number, theme)
render_keyboard_navigation()
