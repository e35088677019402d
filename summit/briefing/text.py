"""Type on the slides: the sizes, how much room text takes, and text fitted to a box (wrapped, paginated, cut).

Sizes are design pixels on the 1920×1080 canvas (summit.briefing.layout). Text is measured here, with a
conservative estimate of character widths, so that what fits here fits in every rendering.
"""

from __future__ import annotations

import math
import textwrap
from functools import lru_cache

import pandas as pd

TITLE_PX = 56
SUBTITLE_PX = 32
TITLE_OPENING_PX, SUBTITLE_OPENING_PX = 72, 36
BODY_PX = 30
TABLE_PX = 26
NUMBER_PX = 104
FOOTER_PX = 24
LINE_HEIGHT = 1.3
BULLET_GAP = 14
# Average advance width of a character as a share of the font size. 0.58 is DejaVu Sans (the widest
# of the fonts the three renderings use) on mixed text, so text that fits here fits everywhere.
CHAR_EM = 0.58
CELL_PAD_X, CELL_PAD_Y = 14, 8
# The rules between table cells (collapsed borders): one per row, and one more below the last.
TABLE_RULE_PX = 2


def line_px(size: int) -> int:
    """Height of one line of text of the given size."""
    return math.ceil(size * LINE_HEIGHT)


def chars_per_line(width: int, size: int) -> int:
    """Characters of text that fit on one line `width` px wide at `size` px (a conservative estimate)."""
    return max(8, int(width / (size * CHAR_EM)))


@lru_cache(maxsize=4096)  # fitting a slide measures the same texts again and again
def wrap_lines(text: str, width: int, size: int) -> int:
    """Lines that text takes in a box `width` px wide at `size` px (a conservative estimate)."""
    return max(1, len(textwrap.wrap(text, chars_per_line(width, size), break_long_words=True)) if text else 1)


def number_px(value: str, width: int) -> int:
    """Type size of a key figure in a tile `width` px wide: as big as fits on one line, at most NUMBER_PX."""
    return max(BODY_PX, min(NUMBER_PX, int((width - 2 * CELL_PAD_X) / (max(len(value), 1) * 0.62))))


def bullets_height(bullets: tuple[str, ...], width: int, size: int = BODY_PX) -> int:
    """Height of a bullet list (text indented by one em for the bullet sign)."""
    if not bullets:
        return 0
    lines = sum(wrap_lines(b, width - size, size) for b in bullets)
    return lines * line_px(size) + BULLET_GAP * (len(bullets) - 1)


def table_row_heights(table: pd.DataFrame, widths: tuple[float, ...], width: int) -> list[int]:
    """Height of the header row, then of each row, of a table drawn `width` px wide."""
    columns = [width * share - 2 * CELL_PAD_X for share in widths]
    rows = [list(map(str, table.columns)), *([str(v) for v in row] for row in table.itertuples(index=False))]
    heights = [
        max(wrap_lines(cell, int(w), TABLE_PX) for cell, w in zip(row, columns, strict=True)) * line_px(TABLE_PX)
        + 2 * CELL_PAD_Y
        + TABLE_RULE_PX
        for row in rows
    ]
    heights[0] += TABLE_RULE_PX  # the rule below the last row, counted with the header that is always there
    return heights


def shorten(text: str, limit: int) -> str:
    """Text cut at a word boundary to at most `limit` characters, with an ellipsis when cut."""
    text = " ".join(str(text).split())
    return text if len(text) <= limit else textwrap.shorten(text, limit, placeholder=" …")


def name_list(names: list[str], limit: int) -> str:
    """'A, B, C and 4 more', as many names as fit in `limit` characters."""
    shown: list[str] = []
    for index, name in enumerate(names):
        rest = len(names) - index - 1
        candidate = ", ".join([*shown, name]) + (f" and {rest} more" if rest else "")
        if len(candidate) > limit and shown:
            return ", ".join(shown) + f" and {len(names) - len(shown)} more"
        shown.append(name)
    return ", ".join(shown)


def paginate(bullets: list[str], width: int, height: int, size: int = BODY_PX) -> list[tuple[str, ...]]:
    """Split bullets into pages that fit a box `width` × `height` px; a bullet too long for a page is shortened."""
    pages: list[tuple[str, ...]] = []
    page: list[str] = []
    budget_chars = int((width - size) / (size * CHAR_EM)) * (height // line_px(size))
    for bullet in bullets:
        if bullets_height((bullet,), width, size) > height:
            bullet = shorten(bullet, int(budget_chars * 0.8))
        if page and bullets_height((*page, bullet), width, size) > height:
            pages.append(tuple(page))
            page = []
        page.append(bullet)
    if page or not pages:
        pages.append(tuple(page))
    return pages


def fit_table(
    table: pd.DataFrame, widths: tuple[float, ...], width: int, height: int
) -> tuple[pd.DataFrame, int]:  # the rows that fit, and how many were left off
    """The first rows of a table that fit in a box `width` × `height` px."""
    heights = table_row_heights(table, widths, width)
    used, rows = heights[0], 0
    for row_height in heights[1:]:
        if used + row_height > height:
            break
        used += row_height
        rows += 1
    return table.head(rows).reset_index(drop=True), len(table) - rows
