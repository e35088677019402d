"""Search (summit.search): the folding rule, one test per part; a person's name finds their delegation's
records; the note says what matched, or the nearest names when nothing did."""

from __future__ import annotations

import pytest

from summit import frames as F
from summit.filters import Filters, search_note
from summit.search import fold, nearest


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("MACRON", "Macron"),  # case
        ("babis", "Babiš"),  # accents
        ("Zelenskyy", "Zelensky"),  # -yy
        ("Zelenskiy", "Zelensky"),  # -iy
        ("Zelenskyi", "Zelenskyy"),  # -yi
        ("Frederiksen", "Frederiksen"),
        ("Plenkovic", "Plenković"),
        ("Sanchez", "Sánchez"),
        ("O'Neill", "ONeill"),  # apostrophes
    ],
)
def test_what_people_type_folds_to_what_is_stored(typed, stored):
    assert fold(typed) == fold(stored)


def test_only_word_endings_are_folded_and_words_stay_apart():
    assert fold("Kiiev Zelenskiy") == "kiiev zelensky"  # inside a word -ii stays; at the end -iy reads -y
    assert fold("Nausėda") == "nauseda" and fold("Ivy") != fold("Ivo")


def test_a_head_of_delegation_s_name_finds_the_delegation_s_records(tiny, tiny_frames):
    """Frieden leads Luxembourg's delegation in Paris (tiny data); no record's text names him."""
    rows = Filters(text="frieden").rows(tiny, tiny_frames)
    assert set(rows.pledges[F.PARTICIPANT]) == {"LUX"}
    assert set(rows.pledges[F.PLEDGE]) == {"paris-lux-1", "paris-lux-2"}
    assert search_note(Filters(text="frieden"), tiny, tiny_frames, rows.pledges) == (
        "“frieden”: 2 records of Luxembourg, whose delegation Luc Frieden led."
    )


def test_the_participant_code_and_the_sources_are_searched(tiny, tiny_frames):
    assert set(Filters(text="lux").rows(tiny, tiny_frames).pledges[F.PARTICIPANT]) == {"LUX"}
    by_source = Filters(text="manhattan daily").rows(tiny, tiny_frames).pledges
    assert set(by_source[F.PLEDGE]) == {
        p for p, ids in zip(tiny_frames.pledges[F.PLEDGE], tiny_frames.pledges[F.SOURCE_IDS], strict=True)
        if "manhattandaily-signed" in ids and p.startswith("paris-") and p not in {"paris-nor-0", "paris-lux-3"}
    }  # fmt: skip


def test_nothing_found_suggests_the_nearest_names(tiny, tiny_frames):
    rows = Filters(text="Makron").rows(tiny, tiny_frames)
    assert rows.pledges.empty
    assert search_note(Filters(text="Makron"), tiny, tiny_frames, rows.pledges) == (
        "Nothing matches “Makron”. Nearest: Macron."
    )
    assert nearest("zzzz", ["Macron"]) == []


def test_a_document_title_is_named_with_its_signatories(tiny, tiny_frames):
    title = tiny.meetings[-1].meeting.documents[0].title
    word = title.split()[-1]
    note = search_note(Filters(text=word.upper()), tiny, tiny_frames, tiny_frames.pledges.iloc[0:0])
    assert note.startswith(f"“{word.upper()}”: it is in the title of “{title}”, signed by ")
