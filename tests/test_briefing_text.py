"""Text fitted to slide boxes (summit.briefing.text): never cut mid-sentence, sizes kept above a floor."""

from __future__ import annotations

import pytest

from summit.briefing.slides import build_briefing
from summit.briefing.text import (
    BODY_PX,
    bullets_height,
    fit_line,
    fit_size,
    paginate,
    sentence_ends,
    whole_sentences,
)
from summit.dataset import load_dataset
from summit.filters import Filters
from summit.frames import build_frames
from tests.conftest import REPO

REST = "Full text on page X."


def at_most(limit: int):
    return lambda text: len(text) <= limit


@pytest.mark.parametrize(
    ("text", "ends"),
    [
        ("One. Two. Three.", ["One.", "One. Two."]),
        ("No boundary at all, just one long clause", []),
        ("Only one sentence.", []),
        ("It rose (as planned). Then it fell.", ["It rose (as planned)."]),
        ("He said “yes.” Then left.", ["He said “yes.”"]),
        ("Is it? Yes! Done.", ["Is it?", "Is it? Yes!"]),
        ("Made in 2025. 27 states signed.", ["Made in 2025."]),
        # Abbreviations and initials are not ends.
        ("The U.S. Secretary of State came. He left.", ["The U.S. Secretary of State came."]),
        ("Signed on 6 Jan. 2026 in Paris. Then more.", ["Signed on 6 Jan. 2026 in Paris."]),
        ("Talks with Dr. Smith and J. Kushner ended. More.", ["Talks with Dr. Smith and J. Kushner ended."]),
        ("Aid, e.g. Training, went on. More.", ["Aid, e.g. Training, went on."]),
        # A stop followed by a lower-case word is not an end (an abbreviation not on the list).
        ("About approx. five. Next.", ["About approx. five."]),
        ("Version 2.5 is out. Next.", ["Version 2.5 is out."]),
    ],
)
def test_sentence_ends_skip_abbreviations_and_initials(text, ends):
    assert [text[:end] for end in sentence_ends(text)] == ends


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        # Fits: kept whole, no pointer.
        ("One. Two.", 100, "One. Two."),
        # A boundary that fits: whole sentences, then where the rest is.
        ("First sentence here. Second sentence is longer.", 45, f"First sentence here. {REST}"),
        ("Aa. Bb. Cc. Dd. Ee. Ff. Gg. Hh. Ii. Jj.", 35, f"Aa. Bb. Cc. {REST}"),
        # No boundary, or not even the first sentence fits: the pointer alone, never half a sentence.
        ("One long clause without any end that does not fit", 30, REST),
        ("A first sentence that is too long. Short.", 30, REST),
        # An abbreviation is not taken for the end of a sentence.
        ("With the U.S. envoy it went on. More text follows here.", 53, f"With the U.S. envoy it went on. {REST}"),
        ("The U.S. Secretary of State came to Paris and stayed. Then.", 40, REST),
        ("Signed 6 Jan. 2026 by both. Then much more text after it.", 50, f"Signed 6 Jan. 2026 by both. {REST}"),
        # Spaces and line breaks from YAML folding are normalised.
        ("One.\n  Two.", 100, "One. Two."),
    ],
)  # fmt: skip
def test_whole_sentences_never_cut_mid_sentence(text, limit, expected):
    assert whole_sentences(text, at_most(limit), REST) == expected


def test_whole_sentences_measures_with_the_callers_box():
    text = "A short first sentence. " + "A second sentence that goes on and on. " * 20
    fits = lambda t: bullets_height((t,), 600, BODY_PX) <= 200  # noqa: E731
    kept = whole_sentences(text, fits, REST)
    assert kept.startswith("A short first sentence.") and kept.endswith(f". {REST}")
    assert fits(kept)


def test_paginate_gives_a_bullet_longer_than_a_page_whole_sentences_and_the_pointer():
    long = " ".join(f"Sentence number {n} says something." for n in range(200))
    (page, *_rest) = paginate([long], 800, 300, REST)
    assert page[0].endswith(f"says something. {REST}")
    assert bullets_height(page, 800) <= 300


# At 1000 px a line holds int(1000 / (size × 0.58)) characters: 53 at 32 px, 59 at 29, 61 at 28, 71 at 24.
@pytest.mark.parametrize(
    ("text", "lines", "expected"),
    [
        ("Short", 1, 32),
        (" ".join(["word"] * 10), 1, 32),  # 49 characters
        (" ".join(["word"] * 12), 1, 29),  # 59 characters
        ("x" * 60, 1, 28),  # one word of 60 characters
        (" ".join(["word"] * 20), 1, None),  # 99 characters: not even at the floor
        (" ".join(["word"] * 20), 2, 32),
    ],
)
def test_fit_size_is_the_largest_size_that_fits_above_the_floor(text, lines, expected):
    assert fit_size(text, 1000, 32, 24, lines) == expected


def test_fit_line_cuts_only_below_the_floor():
    assert fit_line("A title", 1000, 56, 44) == ("A title", 56)
    text, size = fit_line("word " * 60, 1000, 56, 44)
    assert size == 44 and text.endswith(" …") and fit_size(text, 1000, 44, 44) == 44


def test_no_slide_of_the_bundled_data_ends_a_text_mid_sentence():
    dataset = load_dataset(REPO / "data").dataset
    frames = build_frames(dataset)
    for meeting in dataset.meetings:
        for slide in build_briefing(dataset, frames, Filters(meeting=meeting.meeting.id)):
            for text in (slide.title, slide.subtitle, *slide.bullets):
                assert not text.endswith("…") and "… (" not in text, (meeting.meeting.id, slide.key, text)


def test_the_opening_slide_ends_its_summary_on_a_sentence_and_says_where_the_rest_is():
    dataset = load_dataset(REPO / "data").dataset
    (opening, *_slides) = build_briefing(dataset, build_frames(dataset), Filters(meeting="paris-2026-01-06"))
    summary = opening.bullets[-1]
    assert summary.endswith("changed plans). Full summary on the dashboard's Timeline page.")
    assert "…" not in summary
