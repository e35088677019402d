"""File names of downloads and exports: the meeting, what the file holds, the filters and the data's as-of date.

One stem per view, the same on the pages, in the briefing's handouts and on the command line:

    <meeting>_<content>_<filters>_as-of-<YYYY-MM-DD>

    paris-2026-01-06_pledges_all_as-of-2026-02-28                  nothing filtered
    paris-2026-01-06_participants_g-nato_d-land_as-of-2026-02-28   NATO members, on land
    paris-2026-01-06_briefing_g-nato_t-mnf-land_316e5b_as-of-2026-02-28   NATO members, type mnf_land (with `_`)

- meeting: the id of the meeting shown (the `m` filter, else the dataset's default meeting); `no-meeting` when
  the dataset has none.
- content: what the file holds, one of CONTENTS.
- filters: `all` when nothing is filtered; else every filter set, in the order of summit.filters.FILTERS, as its
  URL key and value (`g-nato`, `t-mnf-land-mnf-sea`, `lead-1`), joined by `_`. The meeting is not repeated here.
- a code: when the words above do not spell the view exactly (an id holding `_`, a list, search text, a scenario,
  words cut to fit), six hexadecimal characters from the meeting and filters (SHA-256 of their URL query) follow
  them. Two different views so never share a name: without a code the words can be read back into the filters,
  and two codes differ but for a chance of one in 16 million.
- as-of: the date of the data (dataset.yaml `as_of`).

Every part is lower-case ASCII letters, digits and `-` (accents dropped, other characters made `-`), parts are
joined by `_`, the meeting is cut to MAX_MEETING_CHARS and the filters to MAX_FILTER_CHARS, so a stem is safe on
every file system whatever the data and the search text hold, and never longer than MAX_STEM_CHARS.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import urlencode

from summit.dataset import Dataset
from summit.filters import MEETING, Filters
from summit.formats import TABLES

BRIEFING = "briefing"
CONTENTS = (*TABLES, BRIEFING)  # what a file can hold: a table, or the briefing's slides
UNFILTERED = "all"
NO_MEETING = "no-meeting"
MAX_MEETING_CHARS = 40
MAX_FILTER_CHARS = 60
CODE_CHARS = 6
# The meeting, the longest content, the filters and the code, three "_" between them, then "_as-of-<date>".
MAX_STEM_CHARS = MAX_MEETING_CHARS + max(map(len, CONTENTS)) + MAX_FILTER_CHARS + CODE_CHARS + 3 + 17
_EXACT = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")  # text that its slug spells exactly


def slug_of(text: str, max_chars: int) -> str:
    """'Côte d'Ivoire, 6 Jan' → 'cote-d-ivoire-6-jan': lower-case ASCII letters and digits joined by single dashes,
    accents dropped, cut to max_chars (after a whole word when there is one) without a dash at either end."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return _cut(re.sub(r"[^a-z0-9]+", "-", ascii_text.casefold()).strip("-"), max_chars)


def build_file_stem(dataset: Dataset, filters: Filters, content: str) -> str:
    """The file name, without its suffix, of a download of this view: see the module's docstring."""
    if content not in CONTENTS:
        raise ValueError(f"unknown content {content!r}: one of {', '.join(CONTENTS)}")
    meeting_id = filters.meeting_id(dataset)
    meeting_key = next(spec.key for spec in filters.SPECS if spec.field == MEETING)
    params = {key: value for key, value in filters.to_query_params().items() if key != meeting_key}
    meeting = (slug_of(meeting_id, MAX_MEETING_CHARS) if meeting_id else "") or NO_MEETING
    words = "_".join(_words(key, value) for key, value in params.items())
    parts = [meeting, content, _cut(words, MAX_FILTER_CHARS) or UNFILTERED]
    exact = (
        (meeting_id is None or _spelled(meeting, meeting_id))
        and all(_spelled(_words(key, value), f"{key}-{value}") for key, value in params.items())
        and len(words) <= MAX_FILTER_CHARS
    )
    if not exact:
        canonical = urlencode({meeting_key: meeting_id or "", **params})
        parts.append(hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:CODE_CHARS])
    return "_".join([*parts, f"as-of-{dataset.info.as_of.isoformat()}"])


def _cut(words: str, max_chars: int) -> str:
    """The words cut to max_chars, after the last whole word that fits if any, without '-' or '_' at the ends."""
    if len(words) > max_chars:
        cut = words[:max_chars]
        whole = re.match(r"(.*)[-_]", cut) if words[max_chars] not in "-_" else None
        words = whole.group(1) if whole else cut
    return words.strip("-_")


def _words(key: str, value: str) -> str:
    """`g-nato`: one filter's URL key and value as a slug; the key alone when the value has no letter or digit."""
    return "-".join(part for part in (slug_of(key, MAX_FILTER_CHARS), slug_of(value, MAX_FILTER_CHARS)) if part)


def _spelled(words: str, text: str) -> bool:
    """True when the words are the text itself, so that the text can be read back from the name."""
    return words == text and _EXACT.fullmatch(text) is not None
