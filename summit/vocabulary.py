"""Fixed vocabularies of the data model: every allowed value, with its label, in one place."""

from __future__ import annotations

from enum import StrEnum


class Confidence(StrEnum):
    """How sure we are of a record."""

    CONFIRMED = "confirmed"
    SINGLE_SOURCE = "single_source"
    DISPUTED = "disputed"
    UNVERIFIED = "unverified"


CONFIDENCE_LABELS = {
    Confidence.CONFIRMED: "Confirmed",
    Confidence.SINGLE_SOURCE: "Single source",
    Confidence.DISPUTED: "Disputed",
    Confidence.UNVERIFIED: "Unverified",
}
# Text marks so that confidence reads without colour (tables, slides, exports).
CONFIDENCE_MARKS = {
    Confidence.CONFIRMED: "●",
    Confidence.SINGLE_SOURCE: "◐",
    Confidence.DISPUTED: "⚠",
    Confidence.UNVERIFIED: "○",
}


class Status(StrEnum):
    """Where a pledge stands in its lifecycle, or which kind of stance a record is."""

    CONSIDERING = "considering"
    REPORTED = "reported"
    ANNOUNCED = "announced"
    SIGNED = "signed"
    APPROVED = "approved"
    ONGOING = "ongoing"
    DELIVERED = "delivered"
    ADVOCATES = "advocates"
    REQUESTS = "requests"
    DEMANDS = "demands"
    THREATENS = "threatens"
    EXEMPTION_CLAIMED = "exemption_claimed"
    EXEMPTION_GRANTED = "exemption_granted"
    CONDITIONAL_WILLINGNESS = "conditional_willingness"
    CONDITIONAL_REFUSAL = "conditional_refusal"
    RULED_OUT = "ruled_out"
    WITHDRAWN = "withdrawn"


STATUS_LABELS = {
    Status.CONSIDERING: "Under consideration",
    Status.REPORTED: "Reported, not confirmed",
    Status.ANNOUNCED: "Announced",
    Status.SIGNED: "Signed or adopted",
    Status.APPROVED: "Approved by parliament",
    Status.ONGOING: "Ongoing",
    Status.DELIVERED: "Delivered",
    Status.ADVOCATES: "Advocates (position, not a pledge)",
    Status.REQUESTS: "Requests (asks others, not a pledge)",
    Status.DEMANDS: "Demands (a demand, not a pledge)",
    Status.THREATENS: "Threatens (a warning of action, not a pledge)",
    Status.EXEMPTION_CLAIMED: "Claims an exemption (not a pledge)",
    Status.EXEMPTION_GRANTED: "Granted an exemption (not a pledge)",
    Status.CONDITIONAL_WILLINGNESS: "Willing if conditions are met (not a pledge)",
    Status.CONDITIONAL_REFUSAL: "Refuses unless conditions are met",
    Status.RULED_OUT: "Ruled out",
    Status.WITHDRAWN: "Withdrawn (no longer a pledge)",
}
# Stances are records that are not pledges: a refusal, a stated position, a request, a demand, a threat or an
# exemption (claimed by the participant or granted to it). A stance may name what it is aimed at (`about`).
POSITION_STATUSES = frozenset(
    {
        Status.ADVOCATES,
        Status.REQUESTS,
        Status.DEMANDS,
        Status.THREATENS,
        Status.EXEMPTION_CLAIMED,
        Status.EXEMPTION_GRANTED,
    }
)
STANCE_STATUSES = POSITION_STATUSES | {Status.CONDITIONAL_WILLINGNESS, Status.CONDITIONAL_REFUSAL, Status.RULED_OUT}
REFUSAL_STATUSES = frozenset({Status.CONDITIONAL_REFUSAL, Status.RULED_OUT})
# Third-party reports: what a press report or an analyst says of a participant, which the participant has not
# confirmed. Never counted as a pledge, and never the only reason a participant is coloured on a map.
REPORT_STATUSES = frozenset({Status.REPORTED})
# A pledge taken back (a step of its history, summit.history): kept for the record, never counted as a pledge
# or a stance again.
WITHDRAWN_STATUSES = frozenset({Status.WITHDRAWN})


class Timing(StrEnum):
    """When a record was made, against the meeting it is recorded under (summit.timing.place)."""

    MADE = "made"
    RESTATED = "restated"
    EARLIER = "earlier"
    LATER = "later"


TIMING_LABELS = {
    Timing.MADE: "Made at the meeting",
    Timing.RESTATED: "Restated at the meeting",
    Timing.EARLIER: "Earlier, carried over",
    Timing.LATER: "Later, follow-up",
}
# What a meeting's figures, map and matrix count by default; the scope filter adds the others.
AT_MEETING = frozenset({Timing.MADE, Timing.RESTATED})


class Deployment(StrEnum):
    """Where a deployment would be, against the country the meeting's deployments concern (dataset `theatre`)."""

    INSIDE = "inside"
    OUTSIDE = "outside"


class ConditionState(StrEnum):
    """A condition in a scenario (summit.scenarios)."""

    MET = "met"
    NOT_MET = "not_met"
    OPEN = "open"


CONDITION_STATE_LABELS = {ConditionState.MET: "met", ConditionState.NOT_MET: "not met", ConditionState.OPEN: "open"}


class Outcome(StrEnum):
    """What becomes of a record in a scenario (summit.scenarios.SCENARIO_RULES)."""

    STANDS = "stands"
    LAPSES = "lapses"
    UNCERTAIN = "uncertain"
    REFUSES = "refuses"
    LIFTED = "lifted"
    UNAFFECTED = "unaffected"


OUTCOME_LABELS = {
    Outcome.STANDS: "Stands",
    Outcome.LAPSES: "Lapses",
    Outcome.UNCERTAIN: "Uncertain",
    Outcome.REFUSES: "Refusal holds",
    Outcome.LIFTED: "Refusal lifted",
    Outcome.UNAFFECTED: "Not conditional",
}


class SourceKind(StrEnum):
    """Who published a source."""

    OFFICIAL = "official"
    GOVERNMENT = "government"
    PRESS = "press"
    ANALYST = "analyst"
    OTHER = "other"


SOURCE_KIND_LABELS = {
    SourceKind.OFFICIAL: "Official document or statement",
    SourceKind.GOVERNMENT: "Government or parliament",
    SourceKind.PRESS: "Press",
    SourceKind.ANALYST: "Analyst or think tank",
    SourceKind.OTHER: "Other",
}
# Sources in the participants' or institutions' own words (the `official` flag of a source).
FIRST_HAND_KINDS = frozenset({SourceKind.OFFICIAL, SourceKind.GOVERNMENT})


class Level(StrEnum):
    """The rank of a head of delegation."""

    HEAD_OF_STATE = "head_of_state"
    HEAD_OF_GOVERNMENT = "head_of_government"
    MINISTER = "minister"
    ENVOY = "envoy"
    AMBASSADOR = "ambassador"
    OFFICIAL = "official"
    ORGANISATION_LEADER = "organisation_leader"
    UNKNOWN = "unknown"


LEVEL_LABELS = {
    Level.HEAD_OF_STATE: "Head of state",
    Level.HEAD_OF_GOVERNMENT: "Head of government",
    Level.MINISTER: "Minister",
    Level.ENVOY: "Envoy",
    Level.AMBASSADOR: "Ambassador",
    Level.OFFICIAL: "Official",
    Level.ORGANISATION_LEADER: "Leader of an organisation",
    Level.UNKNOWN: "Level not known",
}
LEADER_LEVELS = frozenset({Level.HEAD_OF_STATE, Level.HEAD_OF_GOVERNMENT})


class Attendance(StrEnum):
    """How a delegation took part."""

    IN_PERSON = "in_person"
    VIDEO = "video"
    UNKNOWN = "unknown"


ATTENDANCE_LABELS = {
    Attendance.IN_PERSON: "In person",
    Attendance.VIDEO: "By video",
    Attendance.UNKNOWN: "Not known",
}


class MeetingFormat(StrEnum):
    """How a meeting was held."""

    IN_PERSON = "in_person"
    VIRTUAL = "virtual"
    HYBRID = "hybrid"
    UNKNOWN = "unknown"


MEETING_FORMAT_LABELS = {
    MeetingFormat.IN_PERSON: "In person",
    MeetingFormat.VIRTUAL: "Virtual",
    MeetingFormat.HYBRID: "Hybrid",
    MeetingFormat.UNKNOWN: "Not known",
}


class Role(StrEnum):
    """A delegation's part in a meeting."""

    HOST = "host"
    CHAIR = "chair"
    CO_CHAIR = "co_chair"
    MEMBER = "member"
    PARTNER = "partner"
    OBSERVER = "observer"
    GUEST = "guest"


ROLE_LABELS = {
    Role.HOST: "Host",
    Role.CHAIR: "Chair",
    Role.CO_CHAIR: "Co-chair",
    Role.MEMBER: "Member",
    Role.PARTNER: "Partner",
    Role.OBSERVER: "Observer",
    Role.GUEST: "Guest",
}


class Domain(StrEnum):
    """The physical domain of a military contribution."""

    LAND = "land"
    SEA = "sea"
    AIR = "air"


DOMAIN_RULE = (
    "Filtering by a domain (land, sea, air) or by a commitment type that has one keeps the records that name "
    "it. Records of a type of the same category whose domain the sources do not give (domain_unspecified in "
    "the taxonomy: an offer “to take part” that says no more) could be any of them: unless they name a "
    "domain, they are set apart, not counted in the view, and listed after it with their number."
)
DOMAIN_LABELS = {Domain.LAND: "Land", Domain.SEA: "Sea", Domain.AIR: "Air"}


class Measure(StrEnum):
    """What a public quantity counts."""

    TROOPS = "troops"
    PERSONNEL = "personnel"
    AMOUNT = "amount"
    SHARE_OF_GDP = "share_of_gdp"
    SHARE_OF_GNI = "share_of_gni"
    UNITS = "units"
    DURATION_YEARS = "duration_years"
    DURATION_MONTHS = "duration_months"
    DURATION_DAYS = "duration_days"
    YEAR = "year"


MEASURE_LABELS = {
    Measure.TROOPS: "Troops",
    Measure.PERSONNEL: "Personnel",
    Measure.AMOUNT: "Amount",
    Measure.SHARE_OF_GDP: "Share of GDP (%)",
    Measure.SHARE_OF_GNI: "Share of GNI (%)",
    Measure.UNITS: "Units",
    Measure.DURATION_YEARS: "Duration (years)",
    Measure.DURATION_MONTHS: "Duration (months)",
    Measure.DURATION_DAYS: "Duration (days)",
    Measure.YEAR: "Year",
}
# Shares are per cent of what they are a share of; a change of a share is in percentage points.
SHARE_OF = {Measure.SHARE_OF_GDP: "GDP", Measure.SHARE_OF_GNI: "GNI"}
# Durations, with the unit's singular and plural.
DURATION_UNITS = {
    Measure.DURATION_YEARS: ("year", "years"),
    Measure.DURATION_MONTHS: ("month", "months"),
    Measure.DURATION_DAYS: ("day", "days"),
}


class Per(StrEnum):
    """The period of a rate: '€16–19 bn a year'."""

    YEAR = "year"
    MONTH = "month"
    WEEK = "week"
    DAY = "day"


# A span a figure is spread over ('over 10 years'): `over: 10 years`, a number and one of these units.
SPAN_UNITS = ("years", "months", "weeks", "days")
SPAN_PATTERN = r"^\d+(\.\d+)? (years?|months?|weeks?|days?)$"


class Change(StrEnum):
    """A figure that is a change of a level, not the level: '+0.2 points of GDP a year'."""

    INCREASE = "increase"
    DECREASE = "decrease"


CHANGE_SIGNS = {Change.INCREASE: "+", Change.DECREASE: "−"}


class Bound(StrEnum):
    """How a figure bounds the quantity, when the sources do not give it exactly."""

    UP_TO = "up_to"
    AT_LEAST = "at_least"
    MORE_THAN = "more_than"


BOUND_WORDS = {Bound.UP_TO: "up to", Bound.AT_LEAST: "at least", Bound.MORE_THAN: "more than"}


class Basis(StrEnum):
    """Whose figure it is: stated by the participant, estimated by others, or given for context only."""

    STATED = "stated"
    ESTIMATE = "estimate"
    CONTEXT = "context"
    UNIT_PRICE = "unit_price"


# How a figure is labelled wherever it is shown; a stated figure needs no label.
BASIS_LABELS = {
    Basis.STATED: "",
    Basis.ESTIMATE: "press or analyst estimate",
    Basis.CONTEXT: "context, not pledged",
    Basis.UNIT_PRICE: "unit price, not a total",
}
# Figures that are not what a participant offers: never the figure a map or a headline shows.
NOT_OFFERED = frozenset({Basis.CONTEXT, Basis.UNIT_PRICE})


class ParticipantKind(StrEnum):
    """What sort of participant an organisation record is."""

    ORGANISATION = "organisation"
    COLLECTIVE = "collective"


# Colour-blind-safe qualitative palette (Paul Tol "muted", 9 colours + grey), for commitment types.
PALETTE = (
    "#332288",
    "#88CCEE",
    "#44AA99",
    "#117733",
    "#999933",
    "#DDCC77",
    "#CC6677",
    "#882255",
    "#AA4499",
    "#DDDDDD",
)
