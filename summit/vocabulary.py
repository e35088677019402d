"""Fixed vocabularies of the data model: every allowed value, with its label, in one place."""

from __future__ import annotations

from enum import StrEnum

from summit.i18n import N_, Messages


class Confidence(StrEnum):
    """How sure we are of a record."""

    CONFIRMED = "confirmed"
    SINGLE_SOURCE = "single_source"
    DISPUTED = "disputed"
    UNVERIFIED = "unverified"


CONFIDENCE_LABELS = Messages(
    {
        Confidence.CONFIRMED: N_("Confirmed"),
        Confidence.SINGLE_SOURCE: N_("Single source"),
        Confidence.DISPUTED: N_("Disputed"),
        Confidence.UNVERIFIED: N_("Unverified"),
    }
)
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


STATUS_LABELS = Messages(
    {
        Status.CONSIDERING: N_("Under consideration"),
        Status.REPORTED: N_("Reported, not confirmed"),
        Status.ANNOUNCED: N_("Announced"),
        Status.SIGNED: N_("Signed or adopted"),
        Status.APPROVED: N_("Approved by parliament"),
        Status.ONGOING: N_("Ongoing"),
        Status.DELIVERED: N_("Delivered"),
        Status.ADVOCATES: N_("Advocates (position, not a pledge)"),
        Status.REQUESTS: N_("Requests (asks others, not a pledge)"),
        Status.DEMANDS: N_("Demands (a demand, not a pledge)"),
        Status.THREATENS: N_("Threatens (a warning of action, not a pledge)"),
        Status.EXEMPTION_CLAIMED: N_("Claims an exemption (not a pledge)"),
        Status.EXEMPTION_GRANTED: N_("Granted an exemption (not a pledge)"),
        Status.CONDITIONAL_WILLINGNESS: N_("Willing if conditions are met (not a pledge)"),
        Status.CONDITIONAL_REFUSAL: N_("Refuses unless conditions are met"),
        Status.RULED_OUT: N_("Ruled out"),
        Status.WITHDRAWN: N_("Withdrawn (no longer a pledge)"),
    }
)
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


TIMING_LABELS = Messages(
    {
        Timing.MADE: N_("Made at the meeting"),
        Timing.RESTATED: N_("Restated at the meeting"),
        Timing.EARLIER: N_("Earlier, carried over"),
        Timing.LATER: N_("Later, follow-up"),
    }
)
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


CONDITION_STATE_LABELS = Messages(
    {ConditionState.MET: N_("met"), ConditionState.NOT_MET: N_("not met"), ConditionState.OPEN: N_("open")}
)


class Outcome(StrEnum):
    """What becomes of a record in a scenario (summit.scenarios.SCENARIO_RULES)."""

    STANDS = "stands"
    LAPSES = "lapses"
    UNCERTAIN = "uncertain"
    REFUSES = "refuses"
    LIFTED = "lifted"
    UNAFFECTED = "unaffected"


OUTCOME_LABELS = Messages(
    {
        Outcome.STANDS: N_("Stands"),
        Outcome.LAPSES: N_("Lapses"),
        Outcome.UNCERTAIN: N_("Uncertain"),
        Outcome.REFUSES: N_("Refusal holds"),
        Outcome.LIFTED: N_("Refusal lifted"),
        Outcome.UNAFFECTED: N_("Not conditional"),
    }
)


class SourceKind(StrEnum):
    """Who published a source."""

    OFFICIAL = "official"
    GOVERNMENT = "government"
    PRESS = "press"
    ANALYST = "analyst"
    OTHER = "other"


SOURCE_KIND_LABELS = Messages(
    {
        SourceKind.OFFICIAL: N_("Official document or statement"),
        SourceKind.GOVERNMENT: N_("Government or parliament"),
        SourceKind.PRESS: N_("Press"),
        SourceKind.ANALYST: N_("Analyst or think tank"),
        SourceKind.OTHER: N_("Other"),
    }
)
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


LEVEL_LABELS = Messages(
    {
        Level.HEAD_OF_STATE: N_("Head of state"),
        Level.HEAD_OF_GOVERNMENT: N_("Head of government"),
        Level.MINISTER: N_("Minister"),
        Level.ENVOY: N_("Envoy"),
        Level.AMBASSADOR: N_("Ambassador"),
        Level.OFFICIAL: N_("Official"),
        Level.ORGANISATION_LEADER: N_("Leader of an organisation"),
        Level.UNKNOWN: N_("Level not known"),
    }
)
LEADER_LEVELS = frozenset({Level.HEAD_OF_STATE, Level.HEAD_OF_GOVERNMENT})


class Attendance(StrEnum):
    """How a delegation took part."""

    IN_PERSON = "in_person"
    VIDEO = "video"
    UNKNOWN = "unknown"


ATTENDANCE_LABELS = Messages(
    {
        Attendance.IN_PERSON: N_("In person"),
        Attendance.VIDEO: N_("By video"),
        Attendance.UNKNOWN: N_("Not known"),
    }
)


class MeetingFormat(StrEnum):
    """How a meeting was held."""

    IN_PERSON = "in_person"
    VIRTUAL = "virtual"
    HYBRID = "hybrid"
    UNKNOWN = "unknown"


MEETING_FORMAT_LABELS = Messages(
    {
        MeetingFormat.IN_PERSON: N_("In person"),
        MeetingFormat.VIRTUAL: N_("Virtual"),
        MeetingFormat.HYBRID: N_("Hybrid"),
        MeetingFormat.UNKNOWN: N_("Not known"),
    }
)


class Role(StrEnum):
    """A delegation's part in a meeting."""

    HOST = "host"
    CHAIR = "chair"
    CO_CHAIR = "co_chair"
    MEMBER = "member"
    PARTNER = "partner"
    OBSERVER = "observer"
    GUEST = "guest"


ROLE_LABELS = Messages(
    {
        Role.HOST: N_("Host"),
        Role.CHAIR: N_("Chair"),
        Role.CO_CHAIR: N_("Co-chair"),
        Role.MEMBER: N_("Member"),
        Role.PARTNER: N_("Partner"),
        Role.OBSERVER: N_("Observer"),
        Role.GUEST: N_("Guest"),
    }
)


class Domain(StrEnum):
    """The physical domain of a military contribution."""

    LAND = "land"
    SEA = "sea"
    AIR = "air"


DOMAIN_RULE = N_(
    "Filtering by a domain (land, sea, air) or by a commitment type that has one keeps the records that name "
    "it. Records of a type of the same category whose domain the sources do not give (domain_unspecified in "
    "the taxonomy: an offer “to take part” that says no more) could be any of them: unless they name a "
    "domain, they are set apart, not counted in the view, and listed after it with their number."
)
DOMAIN_LABELS = Messages({Domain.LAND: N_("Land"), Domain.SEA: N_("Sea"), Domain.AIR: N_("Air")})


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


MEASURE_LABELS = Messages(
    {
        Measure.TROOPS: N_("Troops"),
        Measure.PERSONNEL: N_("Personnel"),
        Measure.AMOUNT: N_("Amount"),
        Measure.SHARE_OF_GDP: N_("Share of GDP (%)"),
        Measure.SHARE_OF_GNI: N_("Share of GNI (%)"),
        Measure.UNITS: N_("Units"),
        Measure.DURATION_YEARS: N_("Duration (years)"),
        Measure.DURATION_MONTHS: N_("Duration (months)"),
        Measure.DURATION_DAYS: N_("Duration (days)"),
        Measure.YEAR: N_("Year"),
    }
)
# How each measure is written with its number, in words: summit.quantities (shares in per cent of GDP or GNI,
# changes of a share in percentage points, durations in years, months or days).


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


BOUND_WORDS = Messages({Bound.UP_TO: N_("up to"), Bound.AT_LEAST: N_("at least"), Bound.MORE_THAN: N_("more than")})


class Basis(StrEnum):
    """Whose figure it is: stated by the participant, estimated by others, or given for context only."""

    STATED = "stated"
    ESTIMATE = "estimate"
    CONTEXT = "context"
    UNIT_PRICE = "unit_price"


# How a figure is labelled wherever it is shown; a stated figure needs no label.
BASIS_LABELS = Messages(
    {
        Basis.STATED: "",
        Basis.ESTIMATE: N_("press or analyst estimate"),
        Basis.CONTEXT: N_("context, not pledged"),
        Basis.UNIT_PRICE: N_("unit price, not a total"),
    }
)
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
