"""Check parsed data against the model and across files; every finding is a located Problem."""

from __future__ import annotations

import os
import re
import types
import typing
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any, Generic

from pydantic import BaseModel, ValidationError

from summit import countries
from summit.load import ParsedFile, Positions, format_path
from summit.problems import Problem, suggest
from summit.references import unknown_references
from summit.schema import (
    CURRENCY_PATTERN,
    LANGUAGE_PATTERN,
    PARTIAL_DATE_PATTERN,
    PARTICIPANT_PATTERN,
    SLUG_PATTERN,
    URL_PATTERN,
    DatasetFile,
    GroupsFile,
    MeetingFile,
    OrganisationsFile,
    OwnSourcing,
    Record,
    Sourced,
    SourcesFile,
    TaxonomyFile,
)
from summit.timing import timing_problem
from summit.vocabulary import REPORT_STATUSES, SPAN_PATTERN, ParticipantKind, SourceKind, Status

M = typing.TypeVar("M", bound=Record)

_PATTERN_HINTS = {
    SLUG_PATTERN: "an id of lower-case letters and digits joined by - or _ (e.g. rome-2025-ita-1)",
    PARTICIPANT_PATTERN: "an ISO 3166-1 alpha-3 code in capitals (e.g. NOR) or an organisation id (e.g. EU)",
    PARTIAL_DATE_PATTERN: "a date written YYYY-MM-DD (or YYYY-MM, YYYY)",
    URL_PATTERN: "an http:// or https:// address",
    LANGUAGE_PATTERN: "an ISO 639 language code in lower case (e.g. fr)",
    CURRENCY_PATTERN: "an ISO 4217 currency code in capitals (e.g. EUR)",
    SPAN_PATTERN: "a number and a unit: 10 years, 18 months, 6 weeks, 90 days",
}
# A pattern that lists the allowed words, ^(host|co_chair|member)$, is reported like a choice from a list.
_WORD_CHOICE = re.compile(r"^\^\(([a-z_]+(?:\|[a-z_]+)+)\)\$$")


def word_choices(pattern: str) -> list[str]:
    """The words a pattern like ^(host|co_chair|member)$ allows, else []."""
    words = _WORD_CHOICE.match(pattern)
    return words.group(1).split("|") if words else []


def validate_model(parsed: ParsedFile, model: type[M]) -> tuple[M | None, list[Problem]]:
    """Validate a parsed file against its model; problems carry the position of the bad value."""
    if parsed.data is None:
        return None, []
    if not isinstance(parsed.data, dict):
        return None, [
            Problem(parsed.path, 1, 1, f"expected a mapping of fields at the top, found a {_kind(parsed.data)}")
        ]
    try:
        return model.model_validate(parsed.data), []
    except ValidationError as error:
        problems = [_problem_from_error(parsed.path, parsed.positions, model, e) for e in error.errors()]
        return None, sorted(set(problems))


def _problem_from_error(path: Path, positions: Positions, model: type[BaseModel], error: Any) -> Problem:
    loc = tuple(part for part in error["loc"] if not _is_union_tag(part))
    kind = error["type"]
    value = error.get("input")
    where = format_path(loc)
    if kind == "extra_forbidden":
        parent = _annotation_at(model, loc[:-1])
        fields = list(parent.model_fields) if _is_model(parent) else []
        hint = suggest(loc[-1], fields)
        allowed = f"; allowed: {', '.join(fields)}" if fields and not hint else ""
        line, column = positions.of(loc, key=True)
        return Problem(path, line, column, f"unknown field '{loc[-1]}' in {format_path(loc[:-1])}{hint}{allowed}")
    line, column = positions.of(loc)
    if kind == "missing":
        return Problem(path, *positions.of(loc[:-1]), f"missing required field '{loc[-1]}' in {format_path(loc[:-1])}")
    if kind == "enum":
        choices = [member.value for member in _enum_at(model, loc)]
        return Problem(
            path,
            line,
            column,
            f"{where}: {value!r} is not allowed{suggest(value, choices)}; use one of {', '.join(choices)}",
        )
    if kind == "string_pattern_mismatch":
        pattern = error.get("ctx", {}).get("pattern", "")
        choices = word_choices(pattern)
        if choices:
            return Problem(
                path,
                line,
                column,
                f"{where}: {value!r} is not allowed{suggest(value, choices)}; use one of {', '.join(choices)}",
            )
        expected = _PATTERN_HINTS.get(pattern, f"text matching {pattern}")
        return Problem(path, line, column, f"{where}: {value!r} is not {expected}")
    if kind in ("value_error", "assertion_error"):
        message = error["msg"].removeprefix("Value error, ").removeprefix("Assertion failed, ")
        return Problem(path, line, column, f"{where}: {message}")
    if kind in ("date_from_datetime_parsing", "date_parsing", "date_type", "date_from_datetime_inexact"):
        return Problem(path, line, column, f"{where}: {value!r} is not a valid date; write YYYY-MM-DD")
    if kind in ("bool_type", "bool_parsing"):
        if isinstance(value, str) and value.lower() in ("true", "false"):
            return Problem(
                path, line, column, f"{where}: {value!r} is quoted text; write {value.lower()} without quotes"
            )
        return Problem(path, line, column, f"{where}: {value!r} is not true or false")
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return Problem(path, line, column, f"{where}: expected a mapping of fields, found a {_kind(value)}")
    if kind == "list_type":
        return Problem(
            path, line, column, f"{where}: expected a list (lines starting with '- '), found a {_kind(value)}"
        )
    if kind == "too_short" and isinstance(value, list):
        return Problem(path, line, column, f"{where}: must list at least {error['ctx']['min_length']} item(s)")
    return Problem(path, line, column, f"{where}: {error['msg']} (found {_shown(value)})")


def _shown(value: Any) -> str:
    if isinstance(value, (dict, list)):
        return f"a {_kind(value)}"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _kind(value: Any) -> str:
    return {dict: "mapping", list: "list", str: "text", bool: "boolean", int: "number", float: "number"}.get(
        type(value), "null" if value is None else type(value).__name__
    )


def _is_union_tag(part: Any) -> bool:
    # pydantic adds the union member's type to a location ("function-after[...]", "int").
    return isinstance(part, str) and (part.startswith(("function-", "constrained-")) or part in ("int", "float", "str"))


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def _unwrap(annotation: Any) -> Any:
    """Strip Optional, Annotated and list[] down to the element type."""
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            annotation = args[0]
        elif origin is list:
            annotation = typing.get_args(annotation)[0]
        else:
            return annotation


def _annotation_at(model: type[BaseModel], loc: tuple[str | int, ...]) -> Any:
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        if not _is_model(current) or part not in current.model_fields:
            return None
        current = _unwrap(current.model_fields[part].annotation)
    return current


def _enum_at(model: type[BaseModel], loc: tuple[str | int, ...]) -> list[Enum]:
    annotation = _annotation_at(model, loc)
    return list(annotation) if isinstance(annotation, type) and issubclass(annotation, Enum) else []


# --- references across files ---------------------------------------------------------------


@dataclass(frozen=True)
class Checked(Generic[M]):
    """One data file as read (data and positions) and the record its data validated into."""

    parsed: ParsedFile
    record: M


@dataclass(frozen=True)
class DataFiles:
    """Every file of a dataset folder, each read without problems and valid against its own model."""

    dataset: Checked[DatasetFile]
    sources: Checked[SourcesFile]
    taxonomy: Checked[TaxonomyFile]
    organisations: Checked[OrganisationsFile]
    groups: Checked[GroupsFile]
    meetings: tuple[Checked[MeetingFile], ...]  # in file order: the first of two equal ids is the original


@dataclass(frozen=True)
class Known:
    """What the shared files define: the ids and the date other records are checked against."""

    as_of: str  # the dataset's as_of date, YYYY-MM-DD: no record may be dated later
    sources: set[str]
    source_kinds: dict[str, SourceKind]  # source id → who published it
    commitment_types: set[str]
    conditions: set[str]
    organisations: set[str]
    collectives: set[str]  # organisations that stand for all their members: they pledge without a delegation


DataPath = tuple[str | int, ...]


class References:
    """Checks that ids are unique and every reference resolves, collecting located problems."""

    def __init__(self, familiar: set[str] | None = None) -> None:
        self.problems: list[Problem] = []
        # Codes used elsewhere in the dataset: preferred when suggesting a near miss (FRN → FRA).
        self.familiar = familiar or set()

    def add(self, file: ParsedFile, path: DataPath, message: str) -> None:
        """Record a problem at path in file."""
        line, column = file.positions.of(path)
        self.problems.append(Problem(file.path, line, column, f"{format_path(path)}: {message}"))

    def unique(self, file: ParsedFile, items: Iterable[tuple[DataPath, str]], what: str) -> set[str]:
        """Report repeated ids; return the set of ids."""
        seen: dict[str, DataPath] = {}
        for path, value in items:
            if value in seen:
                self.add(file, path, f"{what} '{value}' is used twice (first at {format_path(seen[value])})")
            else:
                seen[value] = path
        return set(seen)

    def exists(self, file: ParsedFile, path: DataPath, value: str, known: set[str], what: str) -> None:
        """Report a reference to an id that is not defined."""
        if value not in known:
            self.add(file, path, f"unknown {what} '{value}'{suggest(value, known)}")

    def not_after(self, file: ParsedFile, path: DataPath, date: str | None, as_of: str) -> None:
        """Report a date (YYYY, YYYY-MM or YYYY-MM-DD) later than the dataset's as_of date."""
        if date and date > as_of:
            self.add(file, path, f"{date} is after the dataset's as_of date {as_of}")

    def cited(self, file: ParsedFile, path: DataPath, record: Sourced | OwnSourcing, source_ids: set[str]) -> None:
        """Every source a record (or a part of it with sourcing of its own) and its disputed claims cite is
        defined."""
        for j, source_id in enumerate(record.sources):
            self.exists(file, (*path, "sources", j), source_id, source_ids, "source")
        for k, claim in enumerate(record.disputed_claims):
            for j, source_id in enumerate(claim.sources):
                self.exists(file, (*path, "disputed_claims", k, "sources", j), source_id, source_ids, "source")

    def participant(self, file: ParsedFile, path: DataPath, code: str, organisations: set[str]) -> None:
        """A participant id must be an ISO 3166-1 alpha-3 code or a defined organisation."""
        if code in organisations or countries.is_alpha3(code) or self._alpha2(file, path, code):
            return
        hint = suggest(code, organisations | self.familiar) or suggest(code, organisations | countries.ALPHA3)
        self.add(file, path, f"'{code}' is neither an ISO 3166-1 alpha-3 code nor an organisation id{hint}")

    def country(self, file: ParsedFile, path: DataPath, code: str, organisations: set[str]) -> None:
        """A country must be an ISO 3166-1 alpha-3 code; an organisation is not one."""
        if countries.is_alpha3(code) or self._alpha2(file, path, code):
            return
        if code in organisations:
            self.add(file, path, f"'{code}' is an organisation, not a country; use an ISO 3166-1 alpha-3 code")
            return
        hint = suggest(code, self.familiar & countries.ALPHA3) or suggest(code, countries.ALPHA3)
        self.add(file, path, f"'{code}' is not an ISO 3166-1 alpha-3 code{hint}")

    def _alpha2(self, file: ParsedFile, path: DataPath, code: str) -> bool:
        """Report an alpha-2 code with the alpha-3 code to use; True when code is one."""
        alpha3 = countries.alpha3_for_alpha2(code)
        if alpha3:
            self.add(
                file, path, f"'{code}' is an alpha-2 code; use the alpha-3 code '{alpha3}' ({countries.name(alpha3)})"
            )
        return alpha3 is not None


def _values(path: DataPath, records: Sequence[Any], field: str) -> list[tuple[DataPath, str]]:
    """(path of the field, its value) for each record of a list at path."""
    return [((*path, i, field), getattr(record, field)) for i, record in enumerate(records)]


def check_references(files: DataFiles) -> list[Problem]:
    """Every cross-file rule: unique ids, resolving references, valid codes, sane dates."""
    familiar = {m for g in files.groups.record.groups for m in g.members}
    familiar |= {d.participant for m in files.meetings for d in m.record.delegations}
    refs = References(familiar)
    as_of = files.dataset.record.as_of.isoformat()
    source_ids = check_sources(refs, files.sources, as_of)
    type_ids, condition_ids = check_taxonomy(refs, files.taxonomy)
    organisation_ids, collectives = check_organisations(refs, files.organisations)
    kinds = {source.id: source.source_kind for source in files.sources.record.sources}
    known = Known(as_of, source_ids, kinds, type_ids, condition_ids, organisation_ids, collectives)
    group_ids = check_groups(refs, files.groups, known)
    for i, organisation in enumerate(files.organisations.record.organisations):
        if organisation.stands_for:
            path = ("organisations", i, "stands_for")
            refs.exists(files.organisations.parsed, path, organisation.stands_for, group_ids, "group")
    meeting_ids = check_meetings(refs, files.meetings, known)
    check_dataset(refs, files.dataset, meeting_ids, organisation_ids)
    return refs.problems


def check_sources(refs: References, sources: Checked[SourcesFile], as_of: str) -> set[str]:
    """Source ids and URLs are unique; no source is published after as_of. Returns the source ids."""
    file, records = sources.parsed, sources.record.sources
    source_ids = refs.unique(file, _values(("sources",), records, "id"), "source id")
    refs.unique(file, _values(("sources",), records, "url"), "source url")
    for i, source in enumerate(records):
        refs.not_after(file, ("sources", i, "published"), source.published, as_of)
    return source_ids


def check_taxonomy(refs: References, taxonomy: Checked[TaxonomyFile]) -> tuple[set[str], set[str]]:
    """Ids are unique within their kind; each commitment type's category exists. Returns type and condition ids."""
    file, record = taxonomy.parsed, taxonomy.record
    categories = refs.unique(file, _values(("categories",), record.categories, "id"), "category id")
    type_ids = refs.unique(file, _values(("commitment_types",), record.commitment_types, "id"), "commitment type id")
    condition_ids = refs.unique(file, _values(("conditions",), record.conditions, "id"), "condition id")
    for i, kind in enumerate(record.commitment_types):
        refs.exists(file, ("commitment_types", i, "category"), kind.category, categories, "category")
    refs.unique(file, _values(("scenarios",), record.scenarios, "id"), "scenario id")
    for i, scenario in enumerate(record.scenarios):
        for condition in scenario.conditions:
            refs.exists(file, ("scenarios", i, "conditions", condition), condition, condition_ids, "condition")
    return type_ids, condition_ids


def check_organisations(refs: References, organisations: Checked[OrganisationsFile]) -> tuple[set[str], set[str]]:
    """Organisation ids are unique and not country codes. Returns all ids and the collectives' ids."""
    file, records = organisations.parsed, organisations.record.organisations
    organisation_ids = refs.unique(file, _values(("organisations",), records, "id"), "organisation id")
    for i, organisation in enumerate(records):
        if countries.is_alpha3(organisation.id):
            refs.add(
                file,
                ("organisations", i, "id"),
                f"'{organisation.id}' is a country code ({countries.name(organisation.id)}); pick another id",
            )
    collectives = {o.id for o in records if o.kind == ParticipantKind.COLLECTIVE}
    return organisation_ids, collectives


def check_groups(refs: References, groups: Checked[GroupsFile], known: Known) -> set[str]:
    """Group ids are unique; each group cites known sources, is dated by as_of, and lists each valid member
    once. Returns the group ids."""
    file, records = groups.parsed, groups.record.groups
    group_ids = refs.unique(file, _values(("groups",), records, "id"), "group id")
    for i, group in enumerate(records):
        refs.cited(file, ("groups", i), group, known.sources)
        refs.not_after(file, ("groups", i, "as_of"), group.as_of.isoformat(), known.as_of)
        members = [(("groups", i, "members", j), member) for j, member in enumerate(group.members)]
        refs.unique(file, members, "member")
        for path, member in members:
            refs.participant(file, path, member, known.organisations)
    return group_ids


def check_meetings(refs: References, meetings: Sequence[Checked[MeetingFile]], known: Known) -> set[str]:
    """Every meeting file: the meeting, its documents, delegations and pledges. Returns the meeting ids."""
    meeting_ids: dict[str, ParsedFile] = {}
    pledge_ids: dict[str, ParsedFile] = {}
    for meeting in meetings:
        check_meeting(refs, meeting, known, meeting_ids)
        check_documents(refs, meeting, known)
        delegates = check_delegations(refs, meeting, known)
        check_pledges(refs, meeting, known, delegates, pledge_ids)
    check_text_references(refs, meetings, set(meeting_ids), set(pledge_ids))
    check_stance_targets(refs, meetings, set(pledge_ids))
    return set(meeting_ids)


def check_stance_targets(refs: References, meetings: Sequence[Checked[MeetingFile]], pledge_ids: set[str]) -> None:
    """What a stance is `about`, when it is a pledge id (not a participant id in capitals), names a pledge of any
    meeting file."""
    for meeting in meetings:
        for i, pledge in enumerate(meeting.record.pledges):
            for j, target in enumerate(pledge.about):
                if not target.isupper():
                    refs.exists(meeting.parsed, ("pledges", i, "about", j), target, pledge_ids, "pledge")
                    if target == pledge.id:
                        refs.add(meeting.parsed, ("pledges", i, "about", j), "a record cannot be about itself")


def check_text_references(
    refs: References, meetings: Sequence[Checked[MeetingFile]], meeting_ids: set[str], pledge_ids: set[str]
) -> None:
    """A record id in a description or note names a record: the app shows it by that record's name
    (summit.references.REFERENCE_RULE), so a mistyped id would reach readers as it is."""
    known = meeting_ids | pledge_ids
    for meeting in meetings:
        for path, word, nearest in unknown_references(meeting.record, known):
            refs.add(meeting.parsed, path, f"'{word}' names no record (did you mean {nearest}?)")


def _other_file(other: ParsedFile, file: ParsedFile) -> str:
    """How a message in file names another file: its name, or its path from file's folder (../2025/x.yaml)."""
    return Path(os.path.relpath(other.path, file.path.parent)).as_posix()


def check_meeting(refs: References, checked: Checked[MeetingFile], known: Known, ids: dict[str, ParsedFile]) -> None:
    """The meeting's id is unused by earlier files (adds it to ids); it is sourced, dated (start and end) by
    as_of, and names valid hosts, chairs and country."""
    file, meeting = checked.parsed, checked.record.meeting
    if meeting.id in ids:
        refs.add(
            file, ("meeting", "id"), f"meeting id '{meeting.id}' is also used in {_other_file(ids[meeting.id], file)}"
        )
    ids.setdefault(meeting.id, file)
    refs.cited(file, ("meeting",), meeting, known.sources)
    refs.not_after(file, ("meeting", "date"), meeting.date.isoformat(), known.as_of)
    if meeting.end_date:
        refs.not_after(file, ("meeting", "end_date"), meeting.end_date.isoformat(), known.as_of)
    for field in ("hosts", "chairs"):
        for j, code in enumerate(getattr(meeting, field)):
            refs.participant(file, ("meeting", field, j), code, known.organisations)
    if meeting.country:
        refs.country(file, ("meeting", "country"), meeting.country, known.organisations)


def check_documents(refs: References, checked: Checked[MeetingFile], known: Known) -> None:
    """A meeting's document ids are unique; each document is sourced, dated by as_of, and its signatories are
    valid."""
    file, documents = checked.parsed, checked.record.meeting.documents
    refs.unique(file, _values(("meeting", "documents"), documents, "id"), "document id")
    for i, document in enumerate(documents):
        path = ("meeting", "documents", i)
        refs.cited(file, path, document, known.sources)
        refs.not_after(file, (*path, "date"), document.date, known.as_of)
        for j, code in enumerate(document.signatories):
            refs.participant(file, (*path, "signatories", j), code, known.organisations)


def check_delegations(refs: References, checked: Checked[MeetingFile], known: Known) -> set[str]:
    """One valid, sourced delegation per participant, and one delegation per person. Returns the participants."""
    file, delegations = checked.parsed, checked.record.delegations
    delegates = refs.unique(file, _values(("delegations",), delegations, "participant"), "delegation of")
    delegation_of: dict[str, str] = {}  # person's name → the participant whose delegation they head
    for i, delegation in enumerate(delegations):
        refs.cited(file, ("delegations", i), delegation, known.sources)
        refs.participant(file, ("delegations", i, "participant"), delegation.participant, known.organisations)
        people = [("heads", j, p) for j, p in enumerate(delegation.heads)]
        people += [("accompanied_by", j, p) for j, p in enumerate(delegation.accompanied_by)]
        for field, j, person in people:
            path = ("delegations", i, field, j)
            refs.cited(file, path, person, known.sources)
            if person.also_represents:
                refs.participant(file, (*path, "also_represents"), person.also_represents, known.organisations)
            if person.name is None:
                continue
            first = delegation_of.setdefault(person.name, delegation.participant)
            if first != delegation.participant:
                refs.add(
                    file,
                    (*path, "name"),
                    f"{person.name} is already in the {first} delegation; a person is counted in one "
                    "delegation per meeting (use also_represents for a second role)",
                )
    return delegates


def check_pledges(
    refs: References, checked: Checked[MeetingFile], known: Known, delegates: set[str], ids: dict[str, ParsedFile]
) -> None:
    """Pledge ids are unused by earlier pledges (adds them to ids); each pledge is checked."""
    file = checked.parsed
    for i, pledge in enumerate(checked.record.pledges):
        if pledge.id in ids:
            refs.add(
                file,
                ("pledges", i, "id"),
                f"pledge id '{pledge.id}' is used twice (also in {_other_file(ids[pledge.id], file)})",
            )
        ids.setdefault(pledge.id, file)
        check_pledge(refs, checked, i, known, delegates)


def check_pledge(refs: References, checked: Checked[MeetingFile], i: int, known: Known, delegates: set[str]) -> None:
    """Pledge i is sourced, by a valid participant with a delegation (or a collective), of known types and
    conditions, with ISO 4217 currencies, and dated by as_of."""
    file, pledge, path = checked.parsed, checked.record.pledges[i], ("pledges", i)
    refs.cited(file, path, pledge, known.sources)
    refs.participant(file, (*path, "participant"), pledge.participant, known.organisations)
    for j, partner in enumerate(pledge.joint_with):
        refs.participant(file, (*path, "joint_with", j), partner, known.organisations)
    present = pledge.participant in delegates
    if pledge.absent and present:
        refs.add(
            file,
            (*path, "absent"),
            f"absent is true but {pledge.participant} has a delegation at {checked.record.meeting.id}; "
            "leave absent out",
        )
    elif not present and not pledge.absent and pledge.participant not in known.collectives:
        refs.add(
            file,
            (*path, "participant"),
            f"{pledge.participant} made a pledge at {checked.record.meeting.id} but has no delegation there; "
            "add its delegation, or write absent: true for a stance by a participant that did not attend",
        )
    for j, target in enumerate(pledge.about):
        if target.isupper():
            refs.participant(file, (*path, "about", j), target, known.organisations)
    for j, type_id in enumerate(pledge.types):
        refs.exists(file, (*path, "types", j), type_id, known.commitment_types, "commitment type")
    for j, condition in enumerate(pledge.conditions):
        refs.exists(file, (*path, "conditions", j), condition, known.conditions, "condition")
    for j, quantity in enumerate(pledge.quantities):
        refs.cited(file, (*path, "quantities", j), quantity, known.sources)
        if quantity.currency and not countries.is_currency(quantity.currency):
            refs.add(
                file, (*path, "quantities", j, "currency"), f"'{quantity.currency}' is not an ISO 4217 currency code"
            )
    refs.not_after(file, (*path, "date"), pledge.date, known.as_of)
    for j, step in enumerate(pledge.history):
        refs.cited(file, (*path, "history", j), step, known.sources)
        refs.not_after(file, (*path, "history", j, "date"), step.date, known.as_of)
        for k, quantity in enumerate(step.quantities or ()):
            refs.cited(file, (*path, "history", j, "quantities", k), quantity, known.sources)
    meeting = checked.record.meeting
    problem = timing_problem(pledge.date, pledge.timing, meeting.date, meeting.end_date or meeting.date)
    if problem:
        refs.add(file, (*path, "timing" if pledge.timing else "date"), problem)
    kinds = {known.source_kinds.get(source) for source in pledge.sources}
    if kinds == {SourceKind.ANALYST} and pledge.status not in REPORT_STATUSES:
        refs.add(
            file,
            (*path, "status"),
            "every source of this record is an analyst's: an analyst's view is not the participant's pledge or "
            f"stance, so its status must be {Status.REPORTED} (reported, not confirmed)",
        )


def check_dataset(
    refs: References, dataset: Checked[DatasetFile], meeting_ids: set[str], organisations: set[str]
) -> None:
    """The featured meeting, when named, exists; the theatre, when named, is a country."""
    featured = dataset.record.featured_meeting
    if featured:
        refs.exists(dataset.parsed, ("featured_meeting",), featured, meeting_ids, "meeting")
    if dataset.record.theatre:
        refs.country(dataset.parsed, ("theatre",), dataset.record.theatre, organisations)


def count_sourced(meeting_data: Iterable[Any]) -> tuple[int, int]:
    """(records with at least one source, all records) over raw meeting-file data."""
    total = sourced = 0
    for data in meeting_data:
        if not isinstance(data, dict):
            continue
        records: list[Any] = [data.get("meeting")]
        meeting = data.get("meeting")
        if isinstance(meeting, dict) and isinstance(meeting.get("documents"), list):
            records += meeting["documents"]
        for key in ("delegations", "pledges"):
            if isinstance(data.get(key), list):
                records += data[key]
        for record in records:
            if isinstance(record, dict):
                total += 1
                sources = record.get("sources")
                sourced += bool(isinstance(sources, list) and sources)
    return sourced, total
