"""References between records, written for people: a record id in a note becomes the record's name.

Editors cross-refer by id ("see paris-2026-prt-2"), which stays checkable when records move; readers are
shown the record itself ("see Portugal’s record on Multinational force: land"). REFERENCE_RULE says how,
`readable_meetings` applies it to every prose field of a dataset once it is valid, and `unknown_references`
lets the validator refuse a mistyped id, which would otherwise reach readers as it is.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from difflib import get_close_matches

from pydantic import BaseModel

from summit.i18n import N_
from summit.schema import MeetingFile, Pledge
from summit.vocabulary import STATUS_LABELS

REFERENCE_RULE = N_(
    "A record id in a description or note is shown as the record it names: a meeting by its short name, "
    "a pledge as “<participant>’s record on <the short labels of its commitment types>”, with its status "
    "and then its meeting added when that alone would name two records."
)
# The fields of a meeting file written as prose for readers; ids, codes and labels are never rewritten.
PROSE_FIELDS = frozenset({"description", "note", "condition_note", "summary", "outcome", "claim", "open_questions"})
# Where a prose field sits in a meeting file: a path of keys and list indexes, as the validator uses.
DataPath = tuple[str | int, ...]


def _possessive(name: str) -> str:
    return f"{name}’" if name.endswith("s") else f"{name}’s"


def reference_names(
    meetings: Iterable[MeetingFile], participant_name: Callable[[str], str], type_label: Callable[[str], str]
) -> dict[str, str]:
    """Every meeting and pledge id → the words REFERENCE_RULE shows for it."""
    meetings = tuple(meetings)
    names = {m.meeting.id: m.meeting.short_name for m in meetings}
    pledges: list[tuple[Pledge, str]] = [(p, m.meeting.short_name) for m in meetings for p in m.pledges]

    def plain(pledge: Pledge) -> str:
        labels = [type_label(t) for t in pledge.types]
        types = " and ".join([", ".join(labels[:-1]), labels[-1]] if len(labels) > 1 else labels)
        return f"{_possessive(participant_name(pledge.participant))} record on {types}"

    def with_status(pledge: Pledge) -> str:
        return f"{plain(pledge)} ({STATUS_LABELS[pledge.status].split(' (')[0].lower()})"

    plain_count = Counter(plain(p) for p, _ in pledges)
    status_count = Counter(with_status(p) for p, _ in pledges)
    for pledge, meeting_name in pledges:
        if plain_count[plain(pledge)] == 1:
            names[pledge.id] = plain(pledge)
        elif status_count[with_status(pledge)] == 1:
            names[pledge.id] = with_status(pledge)
        else:
            names[pledge.id] = f"{with_status(pledge)[:-1]}, {meeting_name})"
    return names


def _id_pattern(ids: Iterable[str]) -> re.Pattern[str] | None:
    """Any of these ids as a whole word (not part of a longer id); longest first so a prefix never wins."""
    ordered = sorted(set(ids), key=len, reverse=True)
    if not ordered:
        return None
    return re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, ordered)) + r")(?![\w-])")


def replace_references(text: str, names: dict[str, str], pattern: re.Pattern[str] | None) -> str:
    """The text with every known id replaced by its name."""
    if pattern is None or not text:
        return text
    return pattern.sub(lambda match: names[match.group(0)], text)


def _rewrite(model: BaseModel, rewrite: Callable[[str], str]) -> BaseModel:
    """A copy of the model with its prose fields (at any depth) rewritten; the same object when none changes."""
    update = {}
    for field in type(model).model_fields:
        value = getattr(model, field)
        if isinstance(value, str) and field in PROSE_FIELDS:
            new = rewrite(value)
        elif isinstance(value, list) and field in PROSE_FIELDS:  # a list of sentences (open questions)
            new = [rewrite(item) for item in value]
        elif isinstance(value, BaseModel):
            new = _rewrite(value, rewrite)
        elif isinstance(value, list) and value and isinstance(value[0], BaseModel):
            items = [_rewrite(item, rewrite) for item in value]
            new = items if any(a is not b for a, b in zip(items, value, strict=True)) else value
        else:
            continue
        if new is not value and new != value:
            update[field] = new
    return model.model_copy(update=update) if update else model


def readable_meetings(meetings: Iterable[MeetingFile], names: dict[str, str]) -> tuple[MeetingFile, ...]:
    """The meeting files with every record id in their prose replaced by the record's name."""
    pattern = _id_pattern(names)
    return tuple(_rewrite(m, lambda text: replace_references(text, names, pattern)) for m in meetings)


def prose_fields(model: BaseModel, path: DataPath = ()) -> Iterator[tuple[DataPath, str]]:
    """Every prose field of a model, at any depth, with its path."""
    for field in type(model).model_fields:
        value = getattr(model, field)
        if isinstance(value, str) and field in PROSE_FIELDS:
            yield (*path, field), value
        elif isinstance(value, list) and field in PROSE_FIELDS:
            yield from (((*path, field, i), item) for i, item in enumerate(value))
        elif isinstance(value, BaseModel):
            yield from prose_fields(value, (*path, field))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from prose_fields(item, (*path, field, i))


# A word written like a record id: lower-case parts joined by '-', starting with a letter, with a digit in it.
_ID_LIKE = re.compile(r"(?<![\w-])[a-z][a-z0-9]*(?:-[a-z0-9]+)+(?![\w-])")


def unknown_references(meeting: MeetingFile, known: set[str]) -> list[tuple[DataPath, str, str]]:
    """Words in the prose written like a record id and close to one (a typo) that name no record:
    (path, word, the nearest id)."""
    found = []
    for path, text in prose_fields(meeting):
        for match in _ID_LIKE.finditer(text):
            word = match.group(0)
            if word in known or not any(c.isdigit() for c in word):
                continue
            nearest = get_close_matches(word, known, n=1, cutoff=0.8)
            if nearest:
                found.append((path, word, nearest[0]))
    return found
