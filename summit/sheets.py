"""The spreadsheet template's sheets and columns, derived from the model: one sheet per kind of record.

A column is a field of the sheet's model, named as the field (`status`); a field of a nested record is
dotted (`heads.level`, `reported_counts.states`). Its allowed values come from the field's type (an Enum, a
Literal, a pattern of words such as the delegation's role), so a value or a field added to summit/schema.py
appears in the template, and is read back by `python -m summit import`, with no edit here.

    Meeting      one row: the meeting (documents and disputed_claims are added to the YAML afterwards)
    Delegations  one row per head of delegation; a second head repeats the participant on a row below
    Pledges      one row per pledge or stance
    Quantities   one row per figure, naming its pledge's id
    Sources      one row per new source (the dataset's sources.yaml keeps the others)
"""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass
from enum import Enum, StrEnum
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from summit.schema import PARTICIPANT_PATTERN, Delegation, Meeting, Pledge, Quantity, Record, Source
from summit.validate import word_choices


class Kind(StrEnum):
    """How a cell's text is read."""

    TEXT = "text"
    NUMBER = "number"
    BOOL = "bool"
    IDS = "ids"  # several ids or values, separated by commas or semicolons
    LINES = "lines"  # several sentences, one a line


# Drop-down lists whose values the dataset defines rather than the model.
PARTICIPANTS = "participants"
COMMITMENT_TYPES = "commitment_types"
CONDITIONS = "conditions"
BOOLEANS = "true_false"
DATA_LISTS: dict[tuple[type[Record], str], str] = {
    (Pledge, "types"): COMMITMENT_TYPES,
    (Pledge, "lead_for"): COMMITMENT_TYPES,
    (Pledge, "conditions"): CONDITIONS,
}
SEPARATORS = "commas or semicolons"


@dataclass(frozen=True)
class Column:
    """One column of a sheet: a field of its model (or of a record nested in it)."""

    header: str  # the field's name; dotted for a nested record's field: heads.level
    kind: Kind
    required: bool
    choices: tuple[str, ...] = ()  # the values the model allows, when it lists them
    list_name: str | None = None  # the column of the Lists sheet its drop-down offers
    description: str = ""

    @property
    def path(self) -> tuple[str, ...]:
        """Where the value goes in its record: ('heads', 'level')."""
        return tuple(self.header.split("."))


@dataclass(frozen=True)
class Sheet:
    """A sheet of the template: one kind of record, one record (or one item of it) per row."""

    name: str
    model: type[Record]
    help: str  # what a row is, for the Instructions sheet
    list_key: str | None = None  # the meeting file's list its rows go in (delegations, pledges)
    per_row: str | None = None  # a list-of-records field given one item per row (a delegation's heads)
    key: str | None = None  # rows with the same value here are one record (with per_row)
    parent: tuple[str, str, str] | None = None  # (this sheet's column, the parent's sheet, the parent's field)

    @property
    def columns(self) -> tuple[Column, ...]:
        """The parent's key column, if any, then one column per field the sheet holds, in the model's order."""
        columns = _columns(self.model, (), self.per_row)
        if self.parent:
            column, sheet, _field = self.parent
            columns.insert(0, Column(column, Kind.TEXT, True, description=f"The id of a row of the {sheet} sheet."))
        return tuple(columns)

    @property
    def left_out(self) -> tuple[str, ...]:
        """Fields of the model that no column or other sheet fills: lists of records, written in YAML."""
        filled = {(parent[1], parent[2]) for parent in (s.parent for s in SHEETS) if parent}
        return tuple(
            name
            for name, info in _ordered_fields(self.model)
            if _is_record_list(info.annotation) and name != self.per_row and (self.name, name) not in filled
        )


MEETING = Sheet("Meeting", Meeting, "one row: the meeting")
DELEGATIONS = Sheet(
    "Delegations",
    Delegation,
    "one row per head of delegation; for a second head, repeat the participant on another row and leave "
    "the delegation's other columns empty",
    list_key="delegations",
    per_row="heads",
    key="participant",
)
PLEDGES = Sheet("Pledges", Pledge, "one row per pledge or stance", list_key="pledges")
QUANTITIES = Sheet(
    "Quantities",
    Quantity,
    "one row per public figure, naming its pledge's id",
    parent=("pledge", "Pledges", "quantities"),
)
SOURCES = Sheet("Sources", Source, "one row per source that the dataset's sources.yaml does not hold yet")
SHEETS = (MEETING, DELEGATIONS, PLEDGES, QUANTITIES, SOURCES)


def sheet_named(name: str) -> Sheet:
    """The sheet of that name."""
    return next(sheet for sheet in SHEETS if sheet.name == name)


def field_order(model: type[BaseModel]) -> list[str]:
    """The model's field names in the order the YAML files write them."""
    return [name for name, _info in _ordered_fields(model)]


def _ordered_fields(model: type[BaseModel]) -> list[tuple[str, FieldInfo]]:
    """The model's own fields first, then those it inherits (sources, confidence last, as in the YAML files)."""
    inherited = {name for base in model.__bases__ if issubclass(base, BaseModel) for name in base.model_fields}
    fields = list(model.model_fields.items())
    return [f for f in fields if f[0] not in inherited] + [f for f in fields if f[0] in inherited]


def _columns(model: type[BaseModel], prefix: tuple[str, ...], per_row: str | None) -> list[Column]:
    columns = []
    for name, info in _ordered_fields(model):
        inner, is_list = _element(info.annotation)
        header = ".".join((*prefix, name))
        if _is_model(inner):
            if is_list and name != per_row:
                continue  # a list of records: another sheet, or the YAML file
            for column in _columns(inner, (*prefix, name), None):
                required = info.is_required() and column.required
                columns.append(Column(column.header, column.kind, required, column.choices, column.list_name,
                                      column.description))  # fmt: skip
            continue
        choices = _choices(inner, info)
        columns.append(
            Column(
                header,
                _kind(inner, is_list, choices, info),
                info.is_required(),
                tuple(choices),
                _list_name(model, name, inner, choices, info),
                info.description or "",
            )
        )
    return columns


def _element(annotation: Any) -> tuple[Any, bool]:
    """(the type of one value, whether the field holds a list of them), Optional and Annotated taken off."""
    is_list = False
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            annotation = next(a for a in typing.get_args(annotation) if a is not type(None))
        elif origin is list:
            annotation, is_list = typing.get_args(annotation)[0], True
        else:
            return annotation, is_list


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def _is_record_list(annotation: Any) -> bool:
    inner, is_list = _element(annotation)
    return is_list and _is_model(inner)


def _patterns(annotation: Any, info: FieldInfo) -> list[str]:
    """Every pattern a field's value must match, wherever its type carries it (list[Slug], ParticipantId | None)."""
    found = [m.pattern for m in info.metadata if getattr(m, "pattern", None)]
    for arg in typing.get_args(annotation):
        if isinstance(arg, FieldInfo):
            found += _patterns(None, arg)
        elif arg is not None:
            found += _patterns(arg, FieldInfo())
    return found


def _choices(inner: Any, info: FieldInfo) -> list[str]:
    """The values the model allows: an Enum's, a Literal's, or the words of a pattern like ^(host|guest)$."""
    if isinstance(inner, type) and issubclass(inner, Enum):
        return [str(member.value) for member in inner]
    if typing.get_origin(inner) is typing.Literal:
        return [str(value) for value in typing.get_args(inner)]
    for pattern in _patterns(info.annotation, info):
        if word_choices(pattern):
            return word_choices(pattern)
    return []


def _kind(inner: Any, is_list: bool, choices: list[str], info: FieldInfo) -> Kind:
    if is_list:
        free_text = inner is str and not choices and not _patterns(info.annotation, info)
        return Kind.LINES if free_text else Kind.IDS
    if inner is bool:
        return Kind.BOOL
    if inner in (int, float):
        return Kind.NUMBER
    return Kind.TEXT


def _list_name(model: type[BaseModel], name: str, inner: Any, choices: list[str], info: FieldInfo) -> str | None:
    if choices:
        return inner.__name__ if isinstance(inner, type) and issubclass(inner, Enum) else f"{model.__name__}.{name}"
    if inner is bool:
        return BOOLEANS
    if (model, name) in DATA_LISTS:
        return DATA_LISTS[(model, name)]  # type: ignore[index]
    if PARTICIPANT_PATTERN in _patterns(info.annotation, info):
        return PARTICIPANTS
    return None
