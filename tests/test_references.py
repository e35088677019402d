"""References between records in prose are shown by name (summit.references.REFERENCE_RULE), and a mistyped
id is refused by the validator."""

from __future__ import annotations

from pathlib import Path

from summit import frames as F
from summit.dataset import load_dataset
from summit.exports import build_view, to_csv
from summit.filters import Filters
from summit.frames import build_frames
from summit.references import reference_names, replace_references
from summit.schema import MeetingFile


def _meeting(meeting_id: str, name: str, pledges: list[dict]) -> MeetingFile:
    return MeetingFile.model_validate(
        {
            "meeting": {
                "id": meeting_id, "name": name, "short_name": name, "date": "2026-01-06", "format": "in_person",
                "level": "leaders", "summary": "Met.", "sources": ["s"], "confidence": "confirmed",
            },
            "pledges": [
                {"description": "Text.", "sources": ["s"], "confidence": "confirmed", **pledge} for pledge in pledges
            ],
        }
    )  # fmt: skip


def _names(*meetings: MeetingFile) -> dict[str, str]:
    return reference_names(meetings, {"FRA": "France", "NLD": "Netherlands"}.__getitem__, str.capitalize)


def test_a_pledge_is_named_by_its_participant_and_types_and_a_meeting_by_its_short_name():
    names = _names(
        _meeting(
            "rome",
            "Rome, 1 Jan",
            [{"id": "r-fra-1", "participant": "FRA", "types": ["land", "air"], "status": "announced"}],
        )
    )
    assert names == {"rome": "Rome, 1 Jan", "r-fra-1": "France’s record on Land and Air"}


def test_two_records_that_read_alike_are_told_apart_by_status_then_meeting():
    rome = _meeting("rome", "Rome, 1 Jan", [
        {"id": "r-nld-1", "participant": "NLD", "types": ["land"], "status": "announced"},
        {"id": "r-nld-2", "participant": "NLD", "types": ["land"], "status": "ruled_out"},
    ])  # fmt: skip
    oslo = _meeting("oslo", "Oslo, 2 Feb", [
        {"id": "o-nld-1", "participant": "NLD", "types": ["land"], "status": "ruled_out"},
    ])  # fmt: skip
    names = _names(rome, oslo)
    assert names["r-nld-1"] == "Netherlands’ record on Land (announced)"
    assert names["r-nld-2"] == "Netherlands’ record on Land (ruled out, Rome, 1 Jan)"
    assert names["o-nld-1"] == "Netherlands’ record on Land (ruled out, Oslo, 2 Feb)"
    assert len(set(names.values())) == len(names)


def test_only_whole_ids_are_replaced():
    names = {"p-1": "A", "p-1-b": "B"}
    from summit.references import _id_pattern

    pattern = _id_pattern(names)
    assert replace_references("see p-1, p-1-b and p-10; (p-1).", names, pattern) == "see A, B and p-10; (A)."


def _with_note(root: Path, note: str) -> None:
    paris = root / "meetings" / "2026-01-06-paris.yaml"
    text = paris.read_text(encoding="utf-8")
    marker = "    description: No Luxembourg soldiers in Ukraine.\n"
    paris.write_text(text.replace(marker, marker + f"    note: {note}\n"), encoding="utf-8")


def test_an_id_in_a_note_reaches_pages_and_exports_as_the_record_it_names(tiny_copy: Path):
    _with_note(tiny_copy, "Logistics are in paris-lux-2; see also video-2025-12-01.")
    dataset = load_dataset(tiny_copy).dataset
    assert dataset is not None
    frames = build_frames(dataset)
    note = frames.pledges.set_index(F.PLEDGE).at["paris-lux-1", F.NOTE]
    # Luxembourg has a logistics record at each meeting, so the status and meeting tell them apart.
    assert note == (
        "Logistics are in Luxembourg’s record on Logistics (announced, Paris, 6 Jan 2026); "
        "see also Video call, 1 Dec 2025."
    )
    # The export's text columns name the record; only the Id column holds ids.
    csv = to_csv(build_view(dataset, frames, Filters(), "pledges")).decode("utf-8-sig")
    assert "paris-lux-2" not in csv.replace(",paris-lux-2\r\n", "")


def test_a_mistyped_id_in_a_note_is_refused_with_the_nearest_id(tiny_copy: Path):
    _with_note(tiny_copy, "Troops are in paris-fra-01.")
    result = load_dataset(tiny_copy)
    assert result.dataset is None
    messages = [f"{p.file.name}:{p.line}: {p.message}" for p in result.problems]
    assert any(
        m.startswith("2026-01-06-paris.yaml:") and "'paris-fra-01' names no record (did you mean paris-fra-1?)" in m
        for m in messages
    ), messages


def test_words_with_dashes_that_are_not_ids_pass(tiny_copy: Path):
    _with_note(tiny_copy, "A follow-up in mid-2026, co-chaired; covid-19 rules.")
    assert load_dataset(tiny_copy).dataset is not None


def test_no_record_id_or_scientific_notation_in_the_bundled_datas_text():
    from summit.dataset import BUNDLED_DATA

    dataset = load_dataset(BUNDLED_DATA).dataset
    assert dataset is not None
    frames = build_frames(dataset)
    ids = set(frames.pledges[F.PLEDGE]) | set(frames.meetings[F.MEETING])
    texts = [
        *(frames.pledges[c] for c in (F.DESCRIPTION, F.NOTE, F.CONDITION_NOTE, F.QUANTITIES)),
        frames.delegations[F.NOTE], frames.meetings[F.SUMMARY], frames.meetings[F.OUTCOME],
    ]  # fmt: skip
    import re

    word = re.compile(r"[\w-]+")
    leaked = {w for column in texts for text in column for w in word.findall(text) if w in ids}
    assert not leaked
    assert not [q for q in frames.pledges[F.QUANTITIES] if re.search(r"\de[+-]?\d", q)]


def test_no_slide_of_any_meeting_shows_a_record_id_or_scientific_notation():
    import re

    from summit.briefing.html import slide_html
    from summit.briefing.slides import build_briefing, build_view
    from summit.dataset import BUNDLED_DATA

    dataset = load_dataset(BUNDLED_DATA).dataset
    assert dataset is not None
    frames = build_frames(dataset)
    ids = set(frames.pledges[F.PLEDGE])
    for meeting in dataset.meetings:
        filters = Filters.from_query_params({"m": meeting.meeting.id, "scope": "earlier,later"}, dataset)
        view = build_view(dataset, frames, filters)
        for slide in build_briefing(dataset, frames, filters, view):
            text = f"{slide_html(slide)} {slide.notes}"
            assert not set(re.findall(r"[\w-]+", text)) & ids, (meeting.meeting.id, slide.key)
            assert not re.search(r"\d\.?\d*e[+-]\d", text), (meeting.meeting.id, slide.key)


def test_an_id_in_an_open_question_is_shown_by_name_too(tiny_copy: Path):
    paris = tiny_copy / "meetings" / "2026-01-06-paris.yaml"
    text = paris.read_text(encoding="utf-8")
    paris.write_text(text.replace("  summary:", "  open_questions: [Will paris-lux-1 change?]\n  summary:", 1), "utf-8")
    dataset = load_dataset(tiny_copy).dataset
    assert dataset is not None
    questions = next(m for m in dataset.meetings if m.meeting.id == "paris-2026-01-06").meeting.open_questions
    assert questions == ["Will Luxembourg’s record on Force: land change?"]
