"""Type on the slides: the sizes, how much room text takes, and text fitted to a box (wrapped, paginated, cut).

Sizes are design pixels on the 1920×1080 canvas (summit.briefing.layout). Text is measured here, with a
conservative estimate of character widths, so that what fits here fits in every rendering.

Text too long for its box is never cut mid-sentence (CUT_RULE): a line (a title, a subtitle) takes a
smaller type size, down to a floor (fit_size); prose keeps its first whole sentences and then says where
the full text is (whole_sentences). Only names and titles of things are cut at a word, with an ellipsis
(shorten), and lists end "and 4 more" (name_list).
"""

from __future__ import annotations

import math
import re
import textwrap
from collections.abc import Callable
from functools import lru_cache

import pandas as pd

from summit.i18n import ngettext

TITLE_PX = 56
SUBTITLE_PX = 32
TITLE_OPENING_PX, SUBTITLE_OPENING_PX = 72, 36
# The smallest sizes a title or subtitle of a content slide takes to fit its line (read from the back of
# a room: the browser test holds every text at 1920×1080 to at least 24 px, titles to 40).
TITLE_MIN_PX, SUBTITLE_MIN_PX = 44, 24
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


CUT_RULE = (
    "Slide text too long for its box is never cut mid-sentence: a title or subtitle takes a smaller type size "
    "(down to a floor); prose keeps its first whole sentences and then says where the full text is."
)
# Words that end in a full stop without ending the sentence: titles, months, Latin and reference
# abbreviations (compared without case and without the stop). Initials ("J. Smith") and dotted acronyms
# ("U.S.") are never taken for a sentence's end either. Taking a real end for an abbreviation only keeps
# less text; taking an abbreviation for an end would cut mid-sentence, so the list errs towards more.
ABBREVIATIONS = frozenset((
    "mr", "mrs", "ms", "dr", "prof", "st", "gen", "lt", "col", "maj", "capt", "cdr", "adm", "sgt", "gov", "sen",
    "rep", "pres", "amb", "hon", "rt", "jr", "sr",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "e.g", "i.e", "etc", "cf", "vs", "approx", "ca", "no", "nos", "art", "para", "fig", "vol", "pp", "p", "ed",
    "eds", "incl", "est", "dept", "min",
))  # fmt: skip
# A full stop, question or exclamation mark, then closing quotes or brackets, then a space.
_SENTENCE_END = re.compile(r"[.!?][\"'”’»)\]]*(?=\s)")
_INITIALS = re.compile(r"(?:\b\w\.)+$")
# What may open a sentence before its first letter or digit.
_OPENERS = "\"'“‘«(["


def sentence_ends(text: str) -> list[int]:
    """Where each sentence of `text` ends (the index after its closing mark), the text's own end excluded.

    A sentence ends at ".", "!" or "?" (and any closing quotes or brackets) followed by a space and a capital
    letter or a digit, unless the word before the stop is an abbreviation or an initial (ABBREVIATIONS).
    """
    ends = []
    for match in _SENTENCE_END.finditer(text):
        following = text[match.end() :].lstrip().lstrip(_OPENERS)
        if not following or not (following[0].isupper() or following[0].isdigit()):
            continue
        if text[match.start()] == ".":
            word = text[: match.start()].rsplit(None, 1)[-1] if text[: match.start()].strip() else ""
            word = word.lstrip(_OPENERS)
            if word.casefold() in ABBREVIATIONS or _INITIALS.search(word + "."):
                continue
        ends.append(match.end())
    return ends


def whole_sentences(text: str, fits: Callable[[str], bool], rest: str) -> str:
    """The text when it fits; else its first whole sentences that fit with `rest` after them (a sentence saying
    where the full text is), or `rest` alone when not even the first sentence fits (CUT_RULE).

    fits: whether a candidate text fits its box (a length, a height: the caller's measure).
    """
    text = " ".join(str(text).split())
    if fits(text):
        return text
    kept = ""
    for end in sentence_ends(text):
        candidate = f"{text[:end]} {rest}"
        if not fits(candidate):
            break
        kept = candidate
    return kept or rest


def fit_size(text: str, width: int, size: int, floor: int, lines: int = 1) -> int | None:
    """The largest type size from `size` down to `floor` at which text takes at most `lines` lines `width` px
    wide; None when it does not fit even at the floor."""
    for candidate in range(size, floor - 1, -1):
        if wrap_lines(text, width, candidate) <= lines:
            return candidate
    return None


def fit_line(text: str, width: int, size: int, floor: int, lines: int = 1) -> tuple[str, int]:
    """A title or subtitle and its type size: the largest from `size` down to `floor` at which it takes at most
    `lines` lines `width` px wide; at the floor, cut at a word with an ellipsis when even that is too small
    (names and titles of things; no slide builder gives a sentence here)."""
    fitted = fit_size(text, width, size, floor, lines)
    if fitted is not None:
        return text, fitted
    limit = chars_per_line(width, floor) * lines
    while limit > 1 and wrap_lines(shorten(text, limit), width, floor) > lines:
        limit -= 1
    return shorten(text, limit), floor


def shorten(text: str, limit: int) -> str:
    """Text cut at a word boundary to at most `limit` characters, with an ellipsis when cut.

    For names and titles of things only; sentences are fitted with whole_sentences (CUT_RULE).
    """
    text = " ".join(str(text).split())
    return text if len(text) <= limit else textwrap.shorten(text, limit, placeholder=" …")


def name_list(names: list[str], limit: int) -> str:
    """'A, B, C and 4 more', as many names as fit in `limit` characters."""
    shown: list[str] = []
    for index, name in enumerate(names):
        rest = len(names) - index - 1
        candidate = _and_more([*shown, name], rest)
        if len(candidate) > limit and shown:
            return _and_more(shown, len(names) - len(shown))
        shown.append(name)
    return ", ".join(shown)


def _and_more(names: list[str], rest: int) -> str:
    """'A, B, C and 4 more', or 'A, B, C' when rest is 0."""
    if not rest:
        return ", ".join(names)
    return ngettext("{names} and {rest} more", "{names} and {rest} more", rest).format(
        names=", ".join(names), rest=rest
    )


def paginate(bullets: list[str], width: int, height: int, rest: str, size: int = BODY_PX) -> list[tuple[str, ...]]:
    """Split bullets into pages that fit a box `width` × `height` px.

    A bullet too long for a page keeps its first whole sentences, then `rest`: where the full text is.
    """
    pages: list[tuple[str, ...]] = []
    page: list[str] = []
    for bullet in bullets:
        if bullets_height((bullet,), width, size) > height:
            bullet = whole_sentences(bullet, lambda text: bullets_height((text,), width, size) <= height, rest)
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
