"""Check parsed data against the model and across files; every finding is a located Problem."""

from __future__ import annotations

import types
import typing
from collections.abc import Iterable
from enum import Enum
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from summit import countries
from summit.load import ParsedFile, Positions, format_path
from summit.problems import Problem, suggest
from summit.schema import (
    PARTIAL_DATE_PATTERN,
    PARTICIPANT_PATTERN,
    SLUG_PATTERN,
    URL_PATTERN,
    DatasetFile,
    GroupsFile,
    MeetingFile,
    OrganisationsFile,
    Record,
    SourcesFile,
    TaxonomyFile,
)
from summit.vocabulary import ParticipantKind

M = typing.TypeVar("M", bound=Record)

_PATTERN_HINTS = {
    SLUG_PATTERN: "an id of lower-case letters and digits joined by - or _ (e.g. paris-2026-fra-1)",
    PARTICIPANT_PATTERN: "an ISO 3166-1 alpha-3 code in capitals (e.g. NOR) or an organisation id (e.g. EU)",
    PARTIAL_DATE_PATTERN: "a date written YYYY-MM-DD (or YYYY-MM, YYYY)",
    URL_PATTERN: "an http:// or https:// address",
}


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
        expected = _PATTERN_HINTS.get(pattern, f"text matching {pattern}")
        return Problem(path, line, column, f"{where}: {value!r} is not {expected}")
    if kind in ("value_error", "assertion_error"):
        message = error["msg"].removeprefix("Value error, ").removeprefix("Assertion failed, ")
        return Problem(path, line, column, f"{where}: {message}")
    if kind in ("date_from_datetime_parsing", "date_parsing", "date_type", "date_from_datetime_inexact"):
        return Problem(path, line, column, f"{where}: {value!r} is not a valid date; write YYYY-MM-DD")
    if kind in ("bool_type", "bool_parsing"):
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


class References:
    """Checks that ids are unique and every reference resolves, collecting located problems."""

    def __init__(self, familiar: set[str] | None = None) -> None:
        self.problems: list[Problem] = []
        # Codes used elsewhere in the dataset: preferred when suggesting a near miss (FRN → FRA).
        self.familiar = familiar or set()

    def add(self, file: ParsedFile, path: tuple[str | int, ...], message: str) -> None:
        """Record a problem at path in file."""
        line, column = file.positions.of(path)
        self.problems.append(Problem(file.path, line, column, f"{format_path(path)}: {message}"))

    def unique(self, file: ParsedFile, items: Iterable[tuple[tuple[str | int, ...], str]], what: str) -> set[str]:
        """Report repeated ids; return the set of ids."""
        seen: dict[str, tuple[str | int, ...]] = {}
        for path, value in items:
            if value in seen:
                self.add(file, path, f"{what} '{value}' is used twice (first at {format_path(seen[value])})")
            else:
                seen[value] = path
        return set(seen)

    def exists(self, file: ParsedFile, path: tuple[str | int, ...], value: str, known: set[str], what: str) -> None:
        """Report a reference to an id that is not defined."""
        if value not in known:
            self.add(file, path, f"unknown {what} '{value}'{suggest(value, known)}")


def check_participant(refs: References, file: ParsedFile, path: tuple, code: str, organisations: set[str]) -> None:
    """A participant id must be an ISO 3166-1 alpha-3 code or a defined organisation."""
    if code in organisations or countries.is_alpha3(code):
        return
    alpha3 = countries.alpha3_for_alpha2(code)
    if alpha3:
        refs.add(
            file,
            path,
            f"'{code}' is an alpha-2 code; use the alpha-3 code '{alpha3}' ({countries.name(alpha3)})",
        )
        return
    hint = suggest(code, organisations | refs.familiar) or suggest(code, organisations | countries.ALPHA3)
    refs.add(file, path, f"'{code}' is neither an ISO 3166-1 alpha-3 code nor an organisation id{hint}")


def check_references(
    sources_file: tuple[ParsedFile, SourcesFile],
    taxonomy_file: tuple[ParsedFile, TaxonomyFile],
    organisations_file: tuple[ParsedFile, OrganisationsFile],
    groups_file: tuple[ParsedFile, GroupsFile],
    dataset_file: tuple[ParsedFile, DatasetFile],
    meeting_files: list[tuple[ParsedFile, MeetingFile]],
) -> list[Problem]:
    """Every cross-file rule: unique ids, resolving references, valid codes, sane dates."""
    familiar = {m for g in groups_file[1].groups for m in g.members}
    familiar |= {d.participant for _, m in meeting_files for d in m.delegations}
    refs = References(familiar)
    src_parsed, sources = sources_file
    source_ids = refs.unique(
        src_parsed, ((("sources", i, "id"), s.id) for i, s in enumerate(sources.sources)), "source id"
    )
    refs.unique(src_parsed, ((("sources", i, "url"), s.url) for i, s in enumerate(sources.sources)), "source url")
    as_of = dataset_file[1].as_of.isoformat()
    for i, source in enumerate(sources.sources):
        if source.published and source.published > as_of:
            refs.add(
                src_parsed,
                ("sources", i, "published"),
                f"{source.published} is after the dataset's as_of date {as_of}",
            )

    tax_parsed, taxonomy = taxonomy_file
    categories = refs.unique(
        tax_parsed,
        ((("categories", i, "id"), c.id) for i, c in enumerate(taxonomy.categories)),
        "category id",
    )
    type_ids = refs.unique(
        tax_parsed,
        ((("commitment_types", i, "id"), t.id) for i, t in enumerate(taxonomy.commitment_types)),
        "commitment type id",
    )
    condition_ids = refs.unique(
        tax_parsed,
        ((("conditions", i, "id"), c.id) for i, c in enumerate(taxonomy.conditions)),
        "condition id",
    )
    for i, kind in enumerate(taxonomy.commitment_types):
        refs.exists(tax_parsed, ("commitment_types", i, "category"), kind.category, categories, "category")

    org_parsed, organisations = organisations_file
    org_ids = refs.unique(
        org_parsed,
        ((("organisations", i, "id"), o.id) for i, o in enumerate(organisations.organisations)),
        "organisation id",
    )
    for i, org in enumerate(organisations.organisations):
        if countries.is_alpha3(org.id):
            refs.add(
                org_parsed,
                ("organisations", i, "id"),
                f"'{org.id}' is a country code ({countries.name(org.id)}); pick another id",
            )
    collectives = {o.id for o in organisations.organisations if o.kind == ParticipantKind.COLLECTIVE}

    def sourced(file: ParsedFile, path: tuple, record: Any) -> None:
        for j, source_id in enumerate(record.sources):
            refs.exists(file, (*path, "sources", j), source_id, source_ids, "source")
        for k, claim in enumerate(record.disputed_claims):
            for j, source_id in enumerate(claim.sources):
                refs.exists(file, (*path, "disputed_claims", k, "sources", j), source_id, source_ids, "source")

    grp_parsed, groups = groups_file
    refs.unique(grp_parsed, ((("groups", i, "id"), g.id) for i, g in enumerate(groups.groups)), "group id")
    for i, group in enumerate(groups.groups):
        sourced(grp_parsed, ("groups", i), group)
        refs.unique(grp_parsed, ((("groups", i, "members", j), m) for j, m in enumerate(group.members)), "member")
        for j, member in enumerate(group.members):
            check_participant(refs, grp_parsed, ("groups", i, "members", j), member, org_ids)

    meeting_ids: dict[str, ParsedFile] = {}
    pledge_ids: dict[str, ParsedFile] = {}
    for parsed, meeting_file in meeting_files:
        meeting = meeting_file.meeting
        if meeting.id in meeting_ids:
            refs.add(
                parsed,
                ("meeting", "id"),
                f"meeting id '{meeting.id}' is also used in {meeting_ids[meeting.id].path.name}",
            )
        meeting_ids.setdefault(meeting.id, parsed)
        sourced(parsed, ("meeting",), meeting)
        if meeting.date.isoformat() > as_of:
            refs.add(parsed, ("meeting", "date"), f"{meeting.date} is after the dataset's as_of date {as_of}")
        for field in ("hosts", "chairs"):
            for j, code in enumerate(getattr(meeting, field)):
                check_participant(refs, parsed, ("meeting", field, j), code, org_ids)
        if meeting.country:
            check_participant(refs, parsed, ("meeting", "country"), meeting.country, set())
        refs.unique(
            parsed,
            ((("meeting", "documents", i, "id"), d.id) for i, d in enumerate(meeting.documents)),
            "document id",
        )
        for i, document in enumerate(meeting.documents):
            sourced(parsed, ("meeting", "documents", i), document)
            for j, code in enumerate(document.signatories):
                check_participant(refs, parsed, ("meeting", "documents", i, "signatories", j), code, org_ids)

        delegates = refs.unique(
            parsed,
            ((("delegations", i, "participant"), d.participant) for i, d in enumerate(meeting_file.delegations)),
            "delegation of",
        )
        people: dict[str, str] = {}
        for i, delegation in enumerate(meeting_file.delegations):
            sourced(parsed, ("delegations", i), delegation)
            check_participant(refs, parsed, ("delegations", i, "participant"), delegation.participant, org_ids)
            for j, person in enumerate(delegation.heads):
                if person.also_represents:
                    check_participant(
                        refs,
                        parsed,
                        ("delegations", i, "heads", j, "also_represents"),
                        person.also_represents,
                        org_ids,
                    )
                if person.name is None:
                    continue
                if person.name in people and people[person.name] != delegation.participant:
                    refs.add(
                        parsed,
                        ("delegations", i, "heads", j, "name"),
                        f"{person.name} is already in the {people[person.name]} delegation; a person is counted in one "
                        "delegation per meeting (use also_represents for a second role)",
                    )
                people.setdefault(person.name, delegation.participant)

        for i, pledge in enumerate(meeting_file.pledges):
            path = ("pledges", i)
            if pledge.id in pledge_ids:
                refs.add(
                    parsed,
                    (*path, "id"),
                    f"pledge id '{pledge.id}' is used twice (also in {pledge_ids[pledge.id].path.name})",
                )
            pledge_ids.setdefault(pledge.id, parsed)
            sourced(parsed, path, pledge)
            check_participant(refs, parsed, (*path, "participant"), pledge.participant, org_ids)
            if pledge.participant not in delegates and pledge.participant not in collectives:
                refs.add(
                    parsed,
                    (*path, "participant"),
                    f"{pledge.participant} made a pledge at {meeting.id} but has no delegation there; "
                    "add its delegation",
                )
            for j, type_id in enumerate(pledge.types):
                refs.exists(parsed, (*path, "types", j), type_id, type_ids, "commitment type")
            for j, condition in enumerate(pledge.conditions):
                refs.exists(parsed, (*path, "conditions", j), condition, condition_ids, "condition")
            for j, quantity in enumerate(pledge.quantities):
                if quantity.currency and not countries.is_currency(quantity.currency):
                    refs.add(
                        parsed,
                        (*path, "quantities", j, "currency"),
                        f"'{quantity.currency}' is not an ISO 4217 currency code",
                    )
            if pledge.date and pledge.date > as_of:
                refs.add(parsed, (*path, "date"), f"{pledge.date} is after the dataset's as_of date {as_of}")
    featured = dataset_file[1].featured_meeting
    if featured and featured not in meeting_ids:
        refs.exists(dataset_file[0], ("featured_meeting",), featured, set(meeting_ids), "meeting")
    return refs.problems


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
