"""The data model: one pydantic model per record kind, and one per kind of YAML file."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, StrictBool, model_validator

from summit.i18n import DEFAULT_LANGUAGE, LANGUAGES
from summit.vocabulary import (
    FIRST_HAND_KINDS,
    PALETTE,
    SPAN_PATTERN,
    Attendance,
    Basis,
    Bound,
    Change,
    ConditionState,
    Confidence,
    Deployment,
    Domain,
    Level,
    Measure,
    MeetingFormat,
    ParticipantKind,
    Per,
    Role,
    SourceKind,
    Status,
    Timing,
)

SLUG_PATTERN = r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$"
# Participant ids: an ISO 3166-1 alpha-3 code (FRA) or an organisation id in capitals (EU, NATO).
PARTICIPANT_PATTERN = r"^[A-Z][A-Z0-9_]{1,15}$"
PARTIAL_DATE_PATTERN = r"^\d{4}(-\d{2}(-\d{2})?)?$"
URL_PATTERN = r"^https?://[^\s/$.?#][^\s]*$"
LANGUAGE_PATTERN = r"^[a-z]{2,3}$"
CURRENCY_PATTERN = r"^[A-Z]{3}$"


def _check_partial_date(value: str) -> str:
    """Accept YYYY, YYYY-MM or YYYY-MM-DD naming a real calendar date."""
    parts = [int(p) for p in value.split("-")]
    year, month, day = [*parts, 1, 1][:3]
    try:
        dt.date(year, month, day)
    except ValueError as error:
        raise ValueError(f"{value!r} is not a calendar date ({error})") from None
    return value


def _year_as_text(value: object) -> object:
    """A bare year (`by: 2035`) is read by YAML as a number: it is the partial date '2035'."""
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


Slug = Annotated[str, Field(pattern=SLUG_PATTERN, description="Stable id: lower-case words joined by - or _.")]
ParticipantId = Annotated[
    str,
    Field(
        pattern=PARTICIPANT_PATTERN,
        description="ISO 3166-1 alpha-3 code of a state (FRA) or the id of an organisation (EU).",
    ),
]
PartialDate = Annotated[
    str,
    BeforeValidator(_year_as_text),
    Field(pattern=PARTIAL_DATE_PATTERN, description="YYYY-MM-DD, or YYYY-MM / YYYY when only that is known."),
    AfterValidator(_check_partial_date),
]
Url = Annotated[str, Field(pattern=URL_PATTERN, max_length=2000, description="An http or https address.")]
Text = Annotated[str, Field(min_length=1, max_length=4000)]
ShortText = Annotated[str, Field(min_length=1, max_length=300)]


class Record(BaseModel):
    """Base of every record: unknown keys are errors; booleans must be true or false."""

    # Not strict: dates arrive as text from the loader and are parsed here.
    model_config = ConfigDict(extra="forbid", frozen=True)


# --- translated labels ----------------------------------------------------------------------
# A dataset is written in one language (its descriptions, names and notes are shown as written). Its labels,
# the words the interface is built from, may be given in the interface's other languages (summit.i18n):
# `translations: {fr: {label: …}, uk: {label: …}}` on a commitment type, category, condition, group, meeting,
# or dataset.yaml. summit.translations shows them when the reader picks that language.
TranslatedLanguage = Literal[tuple(code for code in LANGUAGES if code != DEFAULT_LANGUAGE)]  # type: ignore[valid-type]


class LabelTranslation(Record):
    """A commitment type's, category's or condition's words in another language."""

    label: ShortText | None = None
    short_label: Annotated[str, Field(min_length=1, max_length=24)] | None = None
    description: Text | None = None


class NameTranslation(Record):
    """A group's or meeting's name in another language."""

    name: ShortText | None = None
    short_name: Annotated[str, Field(min_length=1, max_length=40)] | None = None


class TitleTranslation(Record):
    """dataset.yaml's title and the name of its meetings in another language."""

    title: ShortText | None = None
    meeting_series: ShortText | None = None


def _translations():
    return Field(
        default_factory=dict,
        description="Its labels in the interface's other languages (fr, uk); left out, shown as written.",
    )


def check_disputes(confidence: Confidence | None, claims: list) -> None:
    """A disputed record (or part) records two or more claims; one that is not disputed records none."""
    if confidence == Confidence.DISPUTED and len(claims) < 2:
        raise ValueError("confidence is 'disputed' but fewer than two disputed_claims are recorded")
    if confidence != Confidence.DISPUTED and claims:
        raise ValueError("disputed_claims are recorded but confidence is not 'disputed'")


class Sourced(Record):
    """A record that must cite its sources and say how sure we are."""

    sources: list[Slug] = Field(min_length=1, description="Ids of entries in sources.yaml.")
    confidence: Confidence
    disputed_claims: list[DisputedClaim] = Field(
        default_factory=list,
        description="The competing claims; required (two or more) when confidence is disputed.",
    )

    @model_validator(mode="after")
    def _disputes_need_claims(self) -> Sourced:
        check_disputes(self.confidence, self.disputed_claims)
        return self


class DisputedClaim(Record):
    """One side of a disagreement between sources."""

    claim: Text
    sources: list[Slug] = Field(min_length=1)


class OwnSourcing(Record):
    """A part of a record (a figure, a person) that may carry sourcing of its own; left out, the record's."""

    sources: list[Slug] = Field(
        default_factory=list, description="Ids in sources.yaml for this part alone; left out, the record's sources."
    )
    confidence: Confidence | None = Field(
        default=None, description="How sure we are of this part alone; left out, the record's confidence."
    )
    disputed_claims: list[DisputedClaim] = Field(
        default_factory=list, description="The competing claims; required (two or more) when confidence is disputed."
    )

    @model_validator(mode="after")
    def _own_disputes_need_claims(self) -> OwnSourcing:
        check_disputes(self.confidence, self.disputed_claims)
        return self


# --- sources.yaml ---------------------------------------------------------------------------


class Source(Record):
    """A published document that records cite by id."""

    id: Slug
    url: Url
    publisher: ShortText
    title: ShortText | None = Field(
        default=None, description="Title of the page; left out when it has none (shown as the publisher and date)."
    )
    published: PartialDate | None = Field(default=None, description="Publication date, as precise as known.")
    approximate_date: StrictBool = Field(default=False, description="True when the publication date is an estimate.")
    official: StrictBool = Field(default=False, description="True for a government or institution's own page.")
    kind: SourceKind | None = Field(
        default=None,
        description="Who published it: official (a summit's or an institution's document or statement), "
        "government (a government's or parliament's own page), press, analyst (or think tank), other. "
        "Left out: official when `official` is true, else other.",
    )
    language: Annotated[str, Field(pattern=LANGUAGE_PATTERN)] | None = None

    @property
    def source_kind(self) -> SourceKind:
        """The kind given, else what `official` says."""
        if self.kind is not None:
            return self.kind
        return SourceKind.OFFICIAL if self.official else SourceKind.OTHER

    @model_validator(mode="after")
    def _official_agrees_with_kind(self) -> Source:
        given_both = self.kind is not None and "official" in self.model_fields_set
        if given_both and self.official != (self.kind in FIRST_HAND_KINDS):
            raise ValueError(
                f"official: {str(self.official).lower()} contradicts kind: {self.kind} "
                "(official and government sources are official; leave one of the two out)"
            )
        return self


class SourcesFile(Record):
    """sources.yaml: every source once."""

    sources: list[Source] = Field(min_length=1)


# --- dataset.yaml ---------------------------------------------------------------------------


class DatasetFile(Record):
    """dataset.yaml: what the dataset is and how to cite it."""

    title: ShortText
    description: Text
    as_of: dt.date = Field(description="Date up to which sources were read (YYYY-MM-DD).")
    licence: ShortText
    citation: Text
    maintainer: ShortText
    synthetic: StrictBool = Field(default=False, description="True for generated (benchmark) data.")
    featured_meeting: Slug | None = Field(
        default=None, description="Id of the meeting shown first; default: the one with the most delegations."
    )
    meeting_series: ShortText | None = Field(
        default=None,
        description="What the dataset's meetings are called, for page and slide titles: 'G7 summits', "
        "'Ukraine Recovery Conferences'. Default: 'meetings'.",
    )
    theatre: ParticipantId | None = Field(
        default=None,
        description="The country the meeting's deployments concern (UKR), for a pledge's `deployment`: inside or "
        "outside it.",
    )
    translations: dict[TranslatedLanguage, TitleTranslation] = _translations()


# --- taxonomy.yaml --------------------------------------------------------------------------


class CommitmentType(Record):
    """A kind of commitment, e.g. a multinational force at sea."""

    id: Slug
    label: ShortText
    short_label: Annotated[str, Field(min_length=1, max_length=24)]
    description: Text
    category: Slug
    colour: str | None = Field(
        default=None,
        description="One of the colour-blind-safe palette's colours; left out, the colour of its category (for a "
        "taxonomy with more types than the palette has colours).",
        json_schema_extra={"enum": list(PALETTE)},
    )
    domain: Domain | None = None
    domain_unspecified: bool = Field(
        default=False,
        description="Holds contributions whose domain (land, sea, air) the sources do not give: filtering by "
        "a domain of its category shows them set apart.",
    )
    translations: dict[TranslatedLanguage, LabelTranslation] = _translations()

    @model_validator(mode="after")
    def _colour_in_palette(self) -> CommitmentType:
        if self.colour is not None and self.colour not in PALETTE:
            raise ValueError(f"colour {self.colour!r} is not in the colour-blind-safe palette {', '.join(PALETTE)}")
        if self.domain is not None and self.domain_unspecified:
            raise ValueError(f"domain_unspecified is true but domain is {self.domain}: give one or the other")
        return self


class Category(Record):
    """A group of commitment types."""

    id: Slug
    label: ShortText
    colour: str | None = Field(
        default=None,
        description="Colour of its types that give none; left out, the palette's colours in the order of the "
        "categories.",
        json_schema_extra={"enum": list(PALETTE)},
    )
    translations: dict[TranslatedLanguage, LabelTranslation] = _translations()

    @model_validator(mode="after")
    def _category_colour_in_palette(self) -> Category:
        if self.colour is not None and self.colour not in PALETTE:
            raise ValueError(f"colour {self.colour!r} is not in the colour-blind-safe palette {', '.join(PALETTE)}")
        return self


class Condition(Record):
    """A condition a pledge depends on, e.g. after a ceasefire."""

    id: Slug
    label: ShortText
    description: Text | None = None
    satisfied_by: list[Status] = Field(
        default_factory=list,
        description="Statuses at which a pledge no longer waits on this condition, e.g. approved for a vote in "
        "parliament.",
    )
    translations: dict[TranslatedLanguage, LabelTranslation] = _translations()


class NamedScenario(Record):
    """A what-if the dataset offers by name: some conditions marked met, not met or open."""

    id: Slug
    name: Annotated[str, Field(min_length=1, max_length=40)] = Field(description="Short name for the screen.")
    description: Text | None = None
    conditions: dict[Slug, ConditionState] = Field(
        min_length=1, description="Condition id (from `conditions`) → met, not_met or open."
    )


class TaxonomyFile(Record):
    """taxonomy.yaml: commitment types, their categories, conditions and named scenarios."""

    categories: list[Category] = Field(min_length=1)
    commitment_types: list[CommitmentType] = Field(min_length=1)
    conditions: list[Condition] = Field(min_length=1)
    scenarios: list[NamedScenario] = Field(
        default_factory=list, description="What-ifs offered by name on the Scenarios page."
    )


# --- organisations.yaml and groups.yaml -----------------------------------------------------


class Organisation(Record):
    """A participant that is not a state (EU, NATO, the coalition as a whole)."""

    id: ParticipantId
    name: ShortText
    short_name: Annotated[str, Field(min_length=1, max_length=24)]
    kind: ParticipantKind
    url: Url | None = None
    stands_for: Slug | None = Field(
        default=None,
        description="For a collective: the id of the group in groups.yaml whose members it stands for (all NATO "
        "allies): filtering by that group keeps its records.",
    )
    translations: dict[TranslatedLanguage, NameTranslation] = _translations()

    @model_validator(mode="after")
    def _only_collectives_stand_for(self) -> Organisation:
        if self.stands_for is not None and self.kind != ParticipantKind.COLLECTIVE:
            raise ValueError("stands_for is only for a collective (kind: collective)")
        return self


class OrganisationsFile(Record):
    """organisations.yaml."""

    organisations: list[Organisation] = Field(min_length=1)


class Group(Sourced):
    """A membership group (EU, NATO, G7, ...) as of a date."""

    id: Slug
    name: ShortText
    short_name: Annotated[str, Field(min_length=1, max_length=24)]
    as_of: dt.date
    members: list[ParticipantId] = Field(min_length=1)
    note: Text | None = None
    translations: dict[TranslatedLanguage, NameTranslation] = _translations()


class GroupsFile(Record):
    """groups.yaml."""

    groups: list[Group] = Field(min_length=1)


# --- meetings/*.yaml ------------------------------------------------------------------------


class Document(Sourced):
    """A document adopted or signed at a meeting."""

    id: Slug
    title: ShortText
    date: PartialDate = Field(description="YYYY-MM-DD, or YYYY-MM / YYYY when only that is known.")
    signatories: list[ParticipantId] = Field(
        min_length=1, description="Participant ids; a collective id stands for all its members."
    )
    url: Url | None = None
    summary: Text | None = None


class ReportedCounts(Record):
    """Headcounts as reported by sources, which may exceed the delegations we could identify. A count left out is
    not reported (shown as such, never as 0)."""

    states: Annotated[int, Field(ge=0)] | None = None
    organisations: Annotated[int, Field(ge=0)] | None = None
    leaders: Annotated[int, Field(ge=0)] | None = None
    note: Text | None = None

    @model_validator(mode="after")
    def _some_count(self) -> ReportedCounts:
        if self.states is None and self.organisations is None and self.leaders is None:
            raise ValueError("give at least one of states, organisations or leaders")
        return self


class Meeting(Sourced):
    """One meeting of the dataset's series (a summit, a ministerial, a video call)."""

    id: Slug
    name: ShortText
    short_name: Annotated[str, Field(min_length=1, max_length=40)]
    date: dt.date
    end_date: dt.date | None = None
    city: ShortText | None = None
    country: ParticipantId | None = None
    format: MeetingFormat
    level: ShortText = Field(description="Who met, in words, e.g. 'leaders' or 'chiefs of defence'.")
    hosts: list[ParticipantId] = Field(default_factory=list)
    chairs: list[ParticipantId] = Field(default_factory=list)
    summary: Text
    outcome: Text | None = None
    documents: list[Document] = Field(default_factory=list)
    reported_counts: ReportedCounts | None = None
    expected_counts: ReportedCounts | None = Field(
        default=None,
        description="Headcounts announced before the meeting (expected, not reported after it), kept apart from "
        "reported_counts.",
    )
    open_questions: list[Text] = Field(default_factory=list)
    translations: dict[TranslatedLanguage, NameTranslation] = _translations()

    @model_validator(mode="after")
    def _end_after_start(self) -> Meeting:
        if self.end_date is not None and self.end_date < self.date:
            raise ValueError("end_date is before date")
        return self


class Person(OwnSourcing):
    """A head of delegation, or a member of it. Leave name out when no source names the person, and level when no
    source gives it."""

    name: ShortText | None = None
    title: ShortText | None = None
    level: Level = Field(default=Level.UNKNOWN, description="Rank; left out (unknown), never counted as a leader.")
    also_represents: ParticipantId | None = Field(
        default=None, description="Another participant this person also holds a role for (dual-hatted)."
    )
    note: Text | None = None


class Delegation(Sourced):
    """One participant's delegation at one meeting."""

    participant: ParticipantId
    heads: list[Person] = Field(min_length=1)
    accompanied_by: list[Person] = Field(
        default_factory=list,
        description="Ministers and officials with the heads (searchable; never counted as heads).",
    )
    attendance: Attendance
    role: Role = Role.MEMBER
    note: Text | None = None


class Quantity(OwnSourcing):
    """A public figure attached to a pledge."""

    id: Slug | None = Field(default=None, description="Needed only when another figure is part of this one.")
    measure: Measure
    value: Annotated[float, Field(ge=0)] | Annotated[int, Field(ge=0)]
    value_max: Annotated[float, Field(ge=0)] | Annotated[int, Field(ge=0)] | None = None
    currency: Annotated[str, Field(pattern=CURRENCY_PATTERN)] | None = Field(
        default=None, description="ISO 4217 code; required when measure is amount."
    )
    approximate: StrictBool = False
    bound: Bound | None = Field(default=None, description="'up to', 'at least' or 'more than' the value, as stated.")
    change: Change | None = Field(
        default=None, description="The value is an increase or a decrease of a level, not the level ('+0.2 points')."
    )
    per: Per | None = Field(default=None, description="A rate: the value is per year, month, week or day.")
    over: Annotated[str, Field(pattern=SPAN_PATTERN)] | None = Field(
        default=None, description="The span the figure is spread over: '10 years', '18 months'."
    )
    by: PartialDate | None = Field(default=None, description="Target date or year the figure is to be reached by.")
    not_before: PartialDate | None = Field(default=None, description="Not to be reached before this date or year.")
    basis: Basis = Field(
        default=Basis.STATED,
        description="stated by the participant; an estimate by the press or analysts; context, not pledged; or a "
        "unit price, not a total.",
    )
    part_of: Slug | None = Field(
        default=None,
        description="Id of another figure of the same record that this one is part of (€150 bn of €800 bn): never "
        "added to it, never the figure a map shows.",
    )
    note: ShortText | None = None

    @model_validator(mode="after")
    def _years_are_years(self) -> Quantity:
        if self.measure == Measure.YEAR:
            values = [self.value] if self.value_max is None else [self.value, self.value_max]
            if any(v != int(v) or not 1000 <= v <= 9999 for v in values):
                raise ValueError("a year is a whole number of four digits (2035)")
            if self.per or self.over or self.change:
                raise ValueError("a year cannot have per, over or change")
        if self.by and self.not_before and self.not_before > self.by:
            raise ValueError(f"not_before {self.not_before} is after by {self.by}")
        if self.part_of is not None and self.part_of == self.id:
            raise ValueError("a figure cannot be part of itself")
        return self

    @model_validator(mode="after")
    def _amounts_have_currency(self) -> Quantity:
        if self.measure == Measure.AMOUNT and self.currency is None:
            raise ValueError("an amount needs a currency (ISO 4217, e.g. EUR)")
        if self.measure != Measure.AMOUNT and self.currency is not None:
            raise ValueError("currency is only allowed when measure is amount")
        if self.value_max is not None and self.value_max < self.value:
            raise ValueError("value_max is below value")
        if self.value_max is not None and self.bound is not None:
            raise ValueError("a range (value_max) cannot also have a bound: write the range, or the bound")
        return self


class Step(Sourced):
    """A later step of a pledge's history: its status (and figures) from this date on (summit.history)."""

    date: PartialDate = Field(description="When the step was taken: YYYY-MM-DD, or YYYY-MM / YYYY.")
    status: Status
    quantities: list[Quantity] | None = Field(
        default=None, description="The figures from this step on; left out, the figures stay as they were."
    )
    note: Text | None = None


class Pledge(Sourced):
    """A pledge, or a stance that is not a pledge, by one participant (or several jointly) at one meeting."""

    id: Slug
    participant: ParticipantId
    joint_with: list[ParticipantId] = Field(
        default_factory=list,
        description="The other participants of a joint pledge or stance: one record, listed under each of them.",
    )
    absent: StrictBool = Field(
        default=False,
        description="True when the participant did not attend the meeting (a stance from outside it): no "
        "delegation is needed.",
    )
    types: list[Slug] = Field(min_length=1, description="Ids of commitment types in taxonomy.yaml.")
    status: Status
    description: Text
    conditions: list[Slug] = Field(default_factory=list, description="Ids of conditions in taxonomy.yaml.")
    condition_note: Text | None = None
    domains: list[Domain] = Field(
        default_factory=list, description="Land, sea, air; left out when the commitment types say it."
    )
    lead_for: list[Slug] = Field(
        default_factory=list, description="Commitment types (among types) this participant leads."
    )
    quantities: list[Quantity] = Field(default_factory=list)
    deployment: Deployment | None = Field(
        default=None,
        description="Where forces would be: inside the country the deployments concern (dataset `theatre`), or "
        "outside it (in neighbouring states, at sea or in the air nearby, or abroad).",
    )
    date: PartialDate | None = Field(default=None, description="When the pledge or stance was made.")
    timing: Timing | None = Field(
        default=None,
        description="When it was made against the meeting: made or restated at it, earlier or later. Left out, "
        "the date decides (summit.timing.TIMING_RULE); needed when the date is a month or year that takes in "
        "a day of the meeting.",
    )
    attributed_to: ShortText | None = Field(
        default=None,
        description="Who said it, as the sources name them (a minister, a spokesperson, an analyst at a think tank).",
    )
    history: list[Step] = Field(
        default_factory=list,
        description="Later steps, oldest first: approved by parliament, deployed, withdrawn. The record's own "
        "status and figures are those it was made with (at `date`).",
    )
    about: list[Annotated[str, Field(pattern=r"^[A-Za-z0-9]+(?:[-_][A-Za-z0-9]+)*$")]] = Field(
        default_factory=list,
        description="What a stance is aimed at: participant ids (ESP) or pledge ids ('rejects Spain's exemption').",
    )
    note: Text | None = None

    @property
    def participants(self) -> tuple[str, ...]:
        """The participant, then those it pledged jointly with."""
        return (self.participant, *self.joint_with)

    @model_validator(mode="after")
    def _lead_within_types(self) -> Pledge:
        stray = [t for t in self.lead_for if t not in self.types]
        if stray:
            raise ValueError(f"lead_for names {', '.join(stray)}, which is not among this pledge's types")
        twice = sorted({p for p in self.participants if self.participants.count(p) > 1})
        if twice:
            raise ValueError(f"{', '.join(twice)} is named twice among participant and joint_with")
        dates = [self.date or "", *(step.date for step in self.history)]
        for earlier, later in itertools.pairwise(dates):
            if earlier and later < earlier:
                raise ValueError(f"history step dated {later} comes before {earlier}: steps go oldest first, none "
                                 "before the record's date")  # fmt: skip
        ids = [q.id for q in self.quantities if q.id]
        if len(ids) != len(set(ids)):
            raise ValueError("two figures of this record have the same id")
        for quantity in self.quantities:
            if quantity.part_of is not None and quantity.part_of not in ids:
                known = f" (its figures' ids: {', '.join(ids)})" if ids else " (no figure of it has an id)"
                raise ValueError(f"part_of '{quantity.part_of}' names no figure of this record{known}")
        return self


class MeetingFile(Record):
    """meetings/<id>.yaml: one meeting, its delegations and its pledges."""

    meeting: Meeting
    delegations: list[Delegation] = Field(default_factory=list)
    pledges: list[Pledge] = Field(default_factory=list)


Sourced.model_rebuild()

# The JSON Schema of each kind of file, by schema name (schema/<name>.schema.json).
FILE_SCHEMAS: dict[str, type[Record]] = {
    "dataset": DatasetFile,
    "sources": SourcesFile,
    "taxonomy": TaxonomyFile,
    "organisations": OrganisationsFile,
    "groups": GroupsFile,
    "meeting": MeetingFile,
}


def json_schemas() -> dict[str, dict]:
    """JSON Schema documents generated from the model, keyed by schema name."""
    schemas = {}
    for name, model in FILE_SCHEMAS.items():
        schema = model.model_json_schema()
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["$id"] = f"{name}.schema.json"
        schemas[name] = schema
    return schemas
