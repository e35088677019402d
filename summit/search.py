"""Search that finds what people type: case, accents and common spellings folded away by one rule.

SEARCH_RULE says what is folded; `fold` applies it to the text searched and to what the user typed
alike. Only the standard library is used (unicodedata for accents, difflib for the nearest matches):
the usual transliteration libraries are GPL, which the MIT-licensed project does not take in.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable

from summit.i18n import N_

SEARCH_RULE = N_(
    "Search ignores case and accents (Babiš finds Babis), and reads common spellings of the same name as "
    "one: at the end of a word, -yy, -iy, -yi and -ii read as -y (Zelenskyy, Zelenskiy and Zelensky), and "
    "apostrophes and dashes are left out. It looks in descriptions, notes, who said it, the participant's "
    "name and code, the heads of its delegation, and the publishers and titles of the sources; a person's "
    "name finds the records of the delegation they led. The note under the sentence says whose delegation "
    "a name matched and how many of its records are shown, names the meeting's documents whose title "
    "matches, with their signatories, and offers the nearest names when nothing matches."
)
_ENDINGS = re.compile(r"(?:yy|iy|yi|ii)\b")
_MARKS = re.compile(r"['’ʼ`\-‐‑–]")


def fold(text: str) -> str:
    """The text as search compares it, by SEARCH_RULE."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _ENDINGS.sub("y", _MARKS.sub("", plain))


def nearest(typed: str, words: Iterable[str], limit: int = 3) -> list[str]:
    """The words most like what was typed (folded), for an empty result: 'did you mean …'."""
    by_fold: dict[str, str] = {}
    for word in words:
        by_fold.setdefault(fold(word), word)
    matches = difflib.get_close_matches(fold(typed), list(by_fold), n=limit, cutoff=0.75)
    return [by_fold[m] for m in matches]
