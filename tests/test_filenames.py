"""File names of downloads: the meeting, the content, the filters and the as-of date; distinct and safe."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import pytest
from openpyxl import load_workbook

from summit.briefing import pptx as pptx_writer
from summit.cli import main
from summit.dataset import load_dataset
from summit.filenames import CONTENTS, MAX_STEM_CHARS, build_file_stem, slug_of
from summit.filters import FILTERS, Filters, filter_options
from tests.conftest import REPO, TESTS, TINY

# What a stem may hold on any file system: lower-case letters, digits, '-' and '_', starting with a letter or digit.
SAFE = re.compile(r"[a-z0-9][a-z0-9_-]*")
CODE = "[0-9a-f]{6}"


@pytest.mark.parametrize(
    ("filters", "content", "stem"),
    [
        (Filters(), "pledges", "paris-2026-01-06_pledges_all_as-of-2026-02-28"),
        # The default meeting picked by hand is the same view, and the meeting is not said twice.
        (Filters(meeting="paris-2026-01-06"), "pledges", "paris-2026-01-06_pledges_all_as-of-2026-02-28"),
        (Filters(meeting="video-2025-12-01"), "participants", "video-2025-12-01_participants_all_as-of-2026-02-28"),
        (Filters(groups=("nato",), domains=("land",)), "briefing",
         "paris-2026-01-06_briefing_g-nato_d-land_as-of-2026-02-28"),
        (Filters(lead=True), "pledges", "paris-2026-01-06_pledges_lead-1_as-of-2026-02-28"),
        # Not spelled exactly ('_' in an id, a list, free text): the words, then a code.
        (Filters(types=("mnf_land",)), "pledges", f"paris-2026-01-06_pledges_t-mnf-land_{CODE}_as-of-2026-02-28"),
        (Filters(groups=("nato", "eu")), "pledges", f"paris-2026-01-06_pledges_g-nato-eu_{CODE}_as-of-2026-02-28"),
        (Filters(text="Black Sea"), "pledges", f"paris-2026-01-06_pledges_q-black-sea_{CODE}_as-of-2026-02-28"),
    ],
)  # fmt: skip
def test_stem_says_meeting_content_filters_and_as_of(tiny, filters, content, stem):
    assert re.fullmatch(stem, build_file_stem(tiny, filters, content))


def test_stem_is_the_same_for_the_same_view(tiny):
    filters = Filters(types=("mnf_land", "logistics"), text="Black Sea")
    assert build_file_stem(tiny, filters, "pledges") == build_file_stem(tiny, Filters(**vars(filters)), "pledges")


def test_different_views_get_different_names(tiny):
    views = [
        Filters(),
        Filters(meeting="video-2025-12-01"),
        Filters(groups=("nato",)),
        Filters(groups=("eu",)),
        Filters(groups=("nato", "eu")),
        Filters(groups=("eu", "nato")),  # the order given is kept in the URL, so it is another link
        Filters(groups=("nato-eu",)),  # one id that reads like the list above
        Filters(types=("mnf_land",)),
        Filters(types=("mnf-land",)),  # ids that differ only in their separator
        Filters(text="black sea"),
        Filters(text="Black Sea"),
        Filters(text="black-sea"),
        Filters(text="q-black-sea"),
        Filters(text="x" * 150 + "a"),  # differ only past the words' cut
        Filters(text="x" * 150 + "b"),
        Filters(lead=True),
        Filters(groups=("nato",), lead=True),
    ]
    stems = [build_file_stem(tiny, filters, "pledges") for filters in views]
    assert len(set(stems)) == len(views), stems


def test_every_filter_of_the_table_shows_in_the_name(tiny):
    """Derived from FILTERS, not from a list of names: a new filter row is named in files without an edit here."""
    options = filter_options(tiny)
    unset = build_file_stem(tiny, Filters(), "pledges")
    sample = {"text": "black sea", "flag": "1", "date": "2026-01-01"}
    for spec in FILTERS:
        if spec.field == "meeting":
            continue
        value = next(iter(options[spec.field])) if spec.field in options else sample[spec.kind.name]
        filters = Filters.from_query_params({spec.key: value}, tiny)
        assert not filters.is_default, spec.field
        stem = build_file_stem(tiny, filters, "pledges")
        assert stem != unset and f"_{slug_of(spec.key, 60)}-" in stem, (spec.field, stem)


def test_content_and_as_of_date_are_part_of_the_name(tiny):
    assert len({build_file_stem(tiny, Filters(), content) for content in CONTENTS}) == len(CONTENTS)
    later = dataclasses.replace(tiny, info=tiny.info.model_copy(update={"as_of": dt.date(2026, 3, 31)}))
    assert build_file_stem(later, Filters(), "pledges").endswith("_as-of-2026-03-31")
    with pytest.raises(ValueError, match="unknown content 'slides'"):
        build_file_stem(tiny, Filters(), "slides")


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Paris, 6 Jan 2026", "paris-6-jan-2026"),
        ("Côte d'Ivoire", "cote-d-ivoire"),  # accents dropped
        ("mnf_land", "mnf-land"),
        ("../../etc/passwd", "etc-passwd"),
        ('=HYPERLINK("http://evil")', "hyperlink-http-evil"),
        ("<script>window.__pwned=1</script>", "script-window-pwned-1-script"),
        ("C:\\CON\\nul.txt", "c-con-nul-txt"),
        ("a\x00b\nc\td", "a-b-c-d"),
        ("Зеленський", ""),  # nothing in ASCII: left to the code
        ("ﬁnal Ⅻ", "final-xii"),  # compatibility characters read as their letters
        ("-" * 10 + "ab-" * 30, "ab-" * 12 + "ab"),  # cut to 40 after a whole word, no dash at the end
        ("x" * 50, "x" * 40),  # one word too long: cut in it
    ],
)
def test_slug_keeps_only_lowercase_ascii_letters_digits_and_single_dashes(text, slug):
    assert slug_of(text, 40) == slug


@pytest.fixture(scope="module")
def hostile():
    result = load_dataset(TESTS / "fixtures" / "hostile")
    assert result.dataset is not None
    return result.dataset


def hostile_texts(dataset) -> list[str]:
    """Every free text of the hostile dataset's description, plus what a search box can be given."""
    info = dataset.info
    return [info.title, info.description, info.citation, "../" * 100, "CON", "\u202egpj.exe", "é" * 500, " \t\r\n"]


@pytest.mark.parametrize("content", CONTENTS)
def test_names_stay_safe_and_bounded_with_hostile_text(hostile, content):
    options = filter_options(hostile)
    every_filter = Filters.from_query_params({spec.key: ",".join(options.get(spec.field, {})) for spec in FILTERS})
    views = [Filters(text=text) for text in hostile_texts(hostile)] + [every_filter.restricted_to(hostile)]
    stems = [build_file_stem(hostile, filters, content) for filters in views]
    assert [s for s in stems if not SAFE.fullmatch(s) or len(s) > MAX_STEM_CHARS or ".." in s] == []
    assert all(s.startswith(f"paris-2026-01-06_{content}_") and s.endswith("_as-of-2026-02-28") for s in stems)
    assert len(set(stems)) == len(stems)


# --- where the names are used: the command line, given a folder, names the file as the page does -------------


def test_cli_export_into_a_folder_names_the_file_after_the_view(tmp_path, capsys):
    assert main(["export", "--format", "xlsx", "--out", str(tmp_path), "--data", str(TINY), "g=nato"]) == 0
    written = tmp_path / "paris-2026-01-06_pledges_g-nato_as-of-2026-02-28.xlsx"
    assert [p.name for p in tmp_path.iterdir()] == [written.name]
    assert load_workbook(written).sheetnames == ["Pledges", "Sources", "Changes", "About"]
    assert f"wrote {written} " in capsys.readouterr().out


def test_cli_export_to_a_file_keeps_the_name_given(tmp_path):
    out = tmp_path / "mine.csv"
    assert main(["export", "--format", "csv", "--out", str(out), "--data", str(TINY), "g=nato"]) == 0
    assert [p.name for p in tmp_path.iterdir()] == ["mine.csv"]


def test_cli_briefing_into_a_folder_names_the_file_after_the_view(tmp_path, monkeypatch):
    # The deck's own writer is tested in test_briefing.py; here only its name counts, so no browser is needed.
    monkeypatch.setattr(pptx_writer, "to_pptx", lambda slides, images, info: b"deck")
    assert main(["briefing", "--format", "pptx", "--out", str(tmp_path), "--data", str(TINY), "lead=1"]) == 0
    written = tmp_path / "paris-2026-01-06_briefing_lead-1_as-of-2026-02-28.pptx"
    assert written.read_bytes() == b"deck"


@pytest.mark.parametrize(
    ("filters", "content", "suffix"),
    [
        (Filters(), "participants", ".csv"),
        (Filters(groups=("nato",), domains=("land",)), "pledges", ".xlsx"),
        (Filters(types=("mnf_land",)), "briefing", ".pptx"),
    ],
)
def test_the_readmes_example_names_are_what_the_rule_gives(tiny, filters, content, suffix):
    assert f"\n{build_file_stem(tiny, filters, content)}{suffix}\n" in (REPO / "README.md").read_text(encoding="utf-8")
