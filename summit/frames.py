"""Transform a Dataset into pandas frames, built once per dataset and shared read-only."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from summit import countries
from summit.dataset import Dataset
from summit.history import current, first_day, history_text
from summit.i18n import N_, _
from summit.quantities import figure_of, quantities_line
from summit.schema import Meeting, Pledge, Source
from summit.search import fold
from summit.timing import place
from summit.vocabulary import (
    AT_MEETING,
    ATTENDANCE_LABELS,
    CONFIDENCE_LABELS,
    CONFIDENCE_MARKS,
    FIRST_HAND_KINDS,
    LEADER_LEVELS,
    LEVEL_LABELS,
    REFUSAL_STATUSES,
    REPORT_STATUSES,
    ROLE_LABELS,
    SOURCE_KIND_LABELS,
    STANCE_STATUSES,
    STATUS_LABELS,
    TIMING_LABELS,
    WITHDRAWN_STATUSES,
    Attendance,
    Confidence,
    Deployment,
    Level,
)

# Column names, one place for all of them.
PARTICIPANT = "participant"
# A pledge's participant, then those it pledged jointly with (`joint_with`): one record, listed under each of them
# (summit.frames.JOINT_RULE); tuple of ids, and the names of the others, '' for a record by one participant.
PARTICIPANTS = "participants"
PARTICIPANT_NAMES = "participant_names"  # their names, in the same order
JOINT_NAMES = "joint_names"
NAME = "name"
KIND = "kind"
GROUPS = "groups"
MEETING = "meeting"
MEETING_NAME = "meeting_name"
MEETING_DATE = "meeting_date"
HEADS = "heads"
HEAD_NAMES = "head_names"
LEVEL = "level"
LEVEL_LABEL = "level_label"
IS_LEADER = "is_leader"
# Led by a head of state or government whom a source names, with attendance (in person or by video) on
# record: the delegations "Leaders present" counts (summit.overview.leaders_present).
IS_LEADER_CONFIRMED = "is_leader_confirmed"
ATTENDANCE = "attendance"
ATTENDANCE_LABEL = "attendance_label"
ROLE = "role"
ROLE_LABEL = "role_label"
ACCOMPANIED_BY = "accompanied_by"  # '; '-joined names and titles of those with the heads (never counted as heads)
CONFIDENCE = "confidence"
CONFIDENCE_LABEL = "confidence_label"
SOURCE_IDS = "source_ids"
SOURCE_URLS = "source_urls"
SOURCE_TEXT = "source_text"
NOTE = "note"
PLEDGE = "pledge"
TYPES = "types"
TYPE_LABELS = "type_labels"
STATUS = "status"
STATUS_LABEL = "status_label"
IS_STANCE = "is_stance"
IS_REFUSAL = "is_refusal"
IS_REPORTED = "is_reported"  # a third-party report (vocabulary.REPORT_STATUSES): neither a pledge nor a stance
IS_PLEDGE = "is_pledge"  # counted as a pledge: not a stance, not a third-party report, not withdrawn
TIMING = "timing"  # made, restated, earlier or later, against the meeting (summit.timing.place)
TIMING_LABEL = "timing_label"
AT_MEETING_COL = "at_meeting"  # made or restated at the meeting: what the meeting's figures count by default
ATTRIBUTED_TO = "attributed_to"
ABOUT = "about"  # what a stance is aimed at, by name: participants, and pledges by REFERENCE_RULE; '' when none
MADE_ON = "made_on"  # Timestamp: the first day of the record's date, else its meeting's first day (HISTORY_RULE)
HISTORY = "history"  # 'Announced (6 January 2026) → Approved by parliament (…)', '' with no later step
ABSENT = "absent"  # the participant did not attend the meeting (a stance from outside it)
DEPLOYMENT = "deployment"  # vocabulary.Deployment value, or "" when the record does not say
CONDITIONS = "conditions"
CONDITION_LABELS = "condition_labels"
CONDITION_NOTE = "condition_note"
IS_CONDITIONAL = "is_conditional"
WAITING_ON = "waiting_on"  # the conditions the record still waits on (a condition's satisfied_by left out)
OUTCOME = "outcome"  # vocabulary.Outcome in the scenario shown; added by summit.filters when a scenario is set
DOMAINS = "domains"
LEAD_FOR = "lead_for"
FIGURES = "figures"  # every quantity of the record as a summit.quantities.Figure, in its order
QUANTITIES = "quantities"
DESCRIPTION = "description"
DATE = "date"
SEARCH_TEXT = "search_text"
TYPE = "type"
IS_LEAD = "is_lead"
# The meetings frame: MEETING, MEETING_NAME, MEETING_DATE, CONFIDENCE, SOURCE_URLS and these.
FULL_NAME = "full_name"
CITY = "city"
FORMAT = "format"
LEVEL_TEXT = "level_text"
SUMMARY = "summary"
OUTCOME = "outcome"
DELEGATION_COUNT = "delegation_count"
PLEDGE_COUNT = "pledge_count"
# The sources frame.
SOURCE_ID = "id"
PUBLISHER = "publisher"
TITLE = "title"
URL = "url"
PUBLISHED = "published"
OFFICIAL = "official"
SOURCE_KIND = "source_kind"
SOURCE_KIND_LABEL = "source_kind_label"
CITED_BY = "cited_by"  # added by cited_sources

STATE_KIND = "state"
UNTITLED = N_("(no title given)")  # a source whose page has no title
LEVEL_ORDER = list(Level)
# A head whose own confidence is one of these is not counted as a leader present, only shown as unconfirmed.
DOUBTFUL = frozenset({Confidence.UNVERIFIED, Confidence.DISPUTED})
JOINT_RULE = N_(
    "A joint pledge or stance (several participants, `joint_with`) is one record: every total counts it once; it "
    "is listed under each of its participants, on their profiles, on the map and in the who-does-what grid, and "
    "a filter by group keeps it when any of them is a member. Its figures are the record's, never shown on the map "
    "as one participant's own. A collective that stands for a group (all NATO "
    "allies) is kept by a filter on that group."
)


@dataclass(frozen=True)
class Frames:
    """Every frame the pages, exports and figures use."""

    participants: pd.DataFrame  # one row per participant id named anywhere in the data
    delegations: pd.DataFrame  # one row per (meeting, participant)
    pledges: pd.DataFrame  # one row per pledge or stance
    pledge_types: pd.DataFrame  # pledges exploded: one row per (pledge, commitment type)
    meetings: pd.DataFrame  # one row per meeting, oldest first
    sources: pd.DataFrame  # one row per source


def participant_name(dataset: Dataset, code: str) -> str:
    """Display name of a state or organisation."""
    organisation = dataset.organisations.get(code)
    return organisation.name if organisation else countries.name(code)


def theatre_name(dataset: Dataset) -> str:
    """The country the meeting's deployments concern (dataset.yaml `theatre`), by name."""
    theatre = dataset.info.theatre
    return participant_name(dataset, theatre) if theatre else _("the country concerned")


def deployment_labels(dataset: Dataset) -> dict[str, str]:
    """Deployment value → words: 'Inside Ukraine', 'Outside Ukraine'."""
    name = theatre_name(dataset)
    return {
        str(Deployment.INSIDE): _("Inside {country}").format(country=name),
        str(Deployment.OUTSIDE): _("Outside {country}").format(country=name),
    }


def participant_kind(dataset: Dataset, code: str) -> str:
    """'state', 'organisation' or 'collective'."""
    organisation = dataset.organisations.get(code)
    return str(organisation.kind) if organisation else STATE_KIND


def confidence_label(confidence: Confidence) -> str:
    """'● Confirmed': the mark makes the level readable without colour."""
    return f"{CONFIDENCE_MARKS[confidence]} {CONFIDENCE_LABELS[confidence]}"


def sources_of_ids(dataset: Dataset, ids: list[str]) -> list[Source]:
    """The sources of a list of ids."""
    return [dataset.sources[i] for i in ids]


def source_text(sources: list[Source]) -> str:
    """'Publisher (date); Publisher (date)' for tables and exports."""
    return "; ".join(f"{s.publisher} ({s.published})" if s.published else s.publisher for s in sources)


def quantities_text(pledge: Pledge) -> str:
    """Every figure of a record as stated, with what it is: 'up to 7,500 troops (press or analyst estimate)'."""
    return quantities_line(pledge.quantities)


def person_text(name: str | None, title: str | None) -> str:
    """'Name, Title', or whichever is known, or 'Not identified'."""
    return ", ".join(p for p in (name, title) if p) or _("Not identified")


def each_participant(pledges: pd.DataFrame) -> pd.DataFrame:
    """Records listed under each of their participants (JOINT_RULE): a joint record gives one row per participant,
    with that participant's id in PARTICIPANT (and its name in NAME); a record by one participant stays one row.
    For per-participant views only: a total over this frame would count a joint record more than once."""
    if not (pledges[JOINT_NAMES] != "").any():
        return pledges
    rows = pledges.explode([PARTICIPANTS, PARTICIPANT_NAMES], ignore_index=True)
    return rows.assign(**{PARTICIPANT: rows[PARTICIPANTS], NAME: rows[PARTICIPANT_NAMES]})


def build_frames(dataset: Dataset) -> Frames:
    """All frames of a dataset."""
    memberships: dict[str, list[str]] = {}
    for group in dataset.groups.values():
        for member in group.members:
            memberships.setdefault(member, []).append(group.id)

    def sources_of(ids: list[str]) -> list[Source]:
        return [dataset.sources[i] for i in ids]

    # A collective that stands for a group is kept by a filter on that group (JOINT_RULE).
    for organisation in dataset.organisations.values():
        if organisation.stands_for:
            memberships.setdefault(organisation.id, []).append(organisation.stands_for)

    meetings_rows, delegation_rows, pledge_rows = [], [], []
    for meeting_file in dataset.meetings:
        meeting = meeting_file.meeting
        meetings_rows.append(
            {
                MEETING: meeting.id,
                MEETING_NAME: meeting.short_name,
                FULL_NAME: meeting.name,
                MEETING_DATE: pd.Timestamp(meeting.date),
                CITY: meeting.city or "",
                FORMAT: str(meeting.format),
                LEVEL_TEXT: meeting.level,
                SUMMARY: meeting.summary,
                OUTCOME: meeting.outcome or "",
                DELEGATION_COUNT: len(meeting_file.delegations),
                PLEDGE_COUNT: len(meeting_file.pledges),
                CONFIDENCE: str(meeting.confidence),
                SOURCE_URLS: [s.url for s in sources_of(meeting.sources)],
            }
        )
        for delegation in meeting_file.delegations:
            heads = delegation.heads
            top_level = min((h.level for h in heads), key=LEVEL_ORDER.index)
            names = [h.name or _("Not identified") for h in heads]
            sources = sources_of(delegation.sources)
            delegation_rows.append(
                {
                    MEETING: meeting.id,
                    MEETING_NAME: meeting.short_name,
                    MEETING_DATE: pd.Timestamp(meeting.date),
                    PARTICIPANT: delegation.participant,
                    NAME: participant_name(dataset, delegation.participant),
                    KIND: participant_kind(dataset, delegation.participant),
                    GROUPS: tuple(memberships.get(delegation.participant, ())),
                    HEADS: "; ".join(f"{n}, {h.title}" if h.title else n for n, h in zip(names, heads, strict=True)),
                    HEAD_NAMES: tuple(names),
                    LEVEL: str(top_level),
                    LEVEL_LABEL: LEVEL_LABELS[top_level],
                    IS_LEADER: any(h.level in LEADER_LEVELS for h in heads),
                    IS_LEADER_CONFIRMED: delegation.attendance != Attendance.UNKNOWN
                    and any(h.level in LEADER_LEVELS and h.name and h.confidence not in DOUBTFUL for h in heads),
                    ATTENDANCE: str(delegation.attendance),
                    ATTENDANCE_LABEL: ATTENDANCE_LABELS[delegation.attendance],
                    ROLE: str(delegation.role),
                    ROLE_LABEL: ROLE_LABELS[delegation.role],
                    ACCOMPANIED_BY: "; ".join(person_text(p.name, p.title) for p in delegation.accompanied_by),
                    CONFIDENCE: str(delegation.confidence),
                    CONFIDENCE_LABEL: confidence_label(delegation.confidence),
                    SOURCE_IDS: tuple(delegation.sources),
                    SOURCE_URLS: tuple(s.url for s in sources),
                    SOURCE_TEXT: source_text(sources),
                    NOTE: delegation.note or "",
                    SEARCH_TEXT: fold(
                        f"{participant_name(dataset, delegation.participant)} {delegation.participant} "
                        + " ".join(f"{n} {h.title or ''}" for n, h in zip(names, heads, strict=True))
                        + " ".join(f" {p.name or ''} {p.title or ''}" for p in delegation.accompanied_by)
                    ),
                }
            )
        heads_by_participant = {
            d.participant: " ".join(f"{h.name or ''} {h.title or ''}" for h in [*d.heads, *d.accompanied_by])
            for d in meeting_file.delegations
        }
        for pledge in meeting_file.pledges:
            heads = " ".join(heads_by_participant.get(code, "") for code in pledge.participants)
            pledge_rows.append(_pledge_row(dataset, meeting, pledge, memberships, heads))

    pledges = pd.DataFrame(pledge_rows, columns=_PLEDGE_COLUMNS)
    pledge_types = pledges.explode(TYPES, ignore_index=True).rename(columns={TYPES: TYPE})
    pledge_types[IS_LEAD] = [t in lead for t, lead in zip(pledge_types[TYPE], pledge_types[LEAD_FOR], strict=True)]
    delegations = pd.DataFrame(delegation_rows, columns=_DELEGATION_COLUMNS)
    codes = sorted(set(delegations[PARTICIPANT]) | set(pledges[PARTICIPANT]) | set(memberships))
    participants = pd.DataFrame(
        {
            PARTICIPANT: codes,
            NAME: [participant_name(dataset, c) for c in codes],
            KIND: [participant_kind(dataset, c) for c in codes],
            GROUPS: [tuple(memberships.get(c, ())) for c in codes],
        }
    )
    sources = pd.DataFrame(
        [
            {
                SOURCE_ID: s.id,
                PUBLISHER: s.publisher,
                TITLE: s.title or _(UNTITLED),
                URL: s.url,
                PUBLISHED: s.published or "",
                OFFICIAL: s.source_kind in FIRST_HAND_KINDS,
                SOURCE_KIND: str(s.source_kind),
                SOURCE_KIND_LABEL: SOURCE_KIND_LABELS[s.source_kind],
            }
            for s in dataset.sources.values()
        ],
        columns=_SOURCE_COLUMNS,
    )
    meetings = pd.DataFrame(meetings_rows, columns=_MEETING_COLUMNS)
    return Frames(participants, delegations, pledges, pledge_types, meetings, sources)


def _pledge_row(dataset: Dataset, meeting: Meeting, recorded: Pledge, memberships, heads: str) -> dict:
    # Shown with its latest step's status and figures; the history says how it got there (HISTORY_RULE).
    pledge = current(recorded)
    meeting_id, meeting_name, meeting_date = meeting.id, meeting.short_name, meeting.date
    timing = place(pledge.date, pledge.timing, meeting.date, meeting.end_date or meeting.date)
    types = [dataset.commitment_types[t] for t in pledge.types]
    domains = set(pledge.domains) | {t.domain for t in types if t.domain is not None}
    sources = [dataset.sources[i] for i in pledge.sources]
    name = participant_name(dataset, pledge.participant)
    partners = [participant_name(dataset, code) for code in pledge.joint_with]
    sources_text = source_text(sources)
    date = pledge.date or meeting_date.isoformat()
    # A figure with sources of its own names them; else its record's.
    own_sources = [source_text(sources_of_ids(dataset, q.sources)) or sources_text for q in pledge.quantities]
    figures = tuple(
        figure_of(pledge.id, q, date, pledge.confidence, text)
        for q, text in zip(pledge.quantities, own_sources, strict=True)
    )
    # A filter by group keeps a joint record when any of its participants is a member (JOINT_RULE).
    groups = dict.fromkeys(g for code in pledge.participants for g in memberships.get(code, ()))
    return {
        PLEDGE: pledge.id,
        MEETING: meeting_id,
        MEETING_NAME: meeting_name,
        MEETING_DATE: pd.Timestamp(meeting_date),
        PARTICIPANT: pledge.participant,
        PARTICIPANTS: pledge.participants,
        PARTICIPANT_NAMES: (name, *partners),
        JOINT_NAMES: ", ".join(partners),
        NAME: name,
        KIND: participant_kind(dataset, pledge.participant),
        GROUPS: tuple(groups),
        TYPES: tuple(pledge.types),
        TYPE_LABELS: ", ".join(t.label for t in types),
        STATUS: str(pledge.status),
        STATUS_LABEL: STATUS_LABELS[pledge.status],
        IS_STANCE: pledge.status in STANCE_STATUSES,
        IS_REFUSAL: pledge.status in REFUSAL_STATUSES,
        IS_REPORTED: pledge.status in REPORT_STATUSES,
        IS_PLEDGE: pledge.status not in STANCE_STATUSES | REPORT_STATUSES | WITHDRAWN_STATUSES,
        TIMING: str(timing),
        TIMING_LABEL: TIMING_LABELS[timing],
        AT_MEETING_COL: timing in AT_MEETING,
        ATTRIBUTED_TO: pledge.attributed_to or "",
        ABOUT: "; ".join(
            dataset.record_names.get(target) or participant_name(dataset, target) for target in pledge.about
        ),
        ABSENT: pledge.absent,
        DEPLOYMENT: str(pledge.deployment or ""),
        CONDITIONS: tuple(pledge.conditions),
        CONDITION_LABELS: ", ".join(dataset.conditions[c].label for c in pledge.conditions),
        CONDITION_NOTE: pledge.condition_note or "",
        IS_CONDITIONAL: bool(pledge.conditions),
        WAITING_ON: tuple(c for c in pledge.conditions if pledge.status not in dataset.conditions[c].satisfied_by),
        DOMAINS: tuple(sorted(str(d) for d in domains)),
        LEAD_FOR: tuple(pledge.lead_for),
        FIGURES: figures,
        QUANTITIES: quantities_text(pledge),
        DESCRIPTION: pledge.description,
        DATE: pledge.date or "",
        CONFIDENCE: str(pledge.confidence),
        CONFIDENCE_LABEL: confidence_label(pledge.confidence),
        SOURCE_IDS: tuple(pledge.sources),
        SOURCE_URLS: tuple(s.url for s in sources),
        SOURCE_TEXT: sources_text,
        NOTE: pledge.note or "",
        HISTORY: history_text(recorded),
        MADE_ON: pd.Timestamp(first_day(pledge.date) if pledge.date else meeting_date),
        # What the text search reads (summit.search.SEARCH_RULE), folded once here.
        SEARCH_TEXT: fold(
            " ".join(
                [
                    name,
                    *pledge.participants,
                    *partners,
                    pledge.description,
                    pledge.note or "",
                    pledge.attributed_to or "",
                    heads,
                    *(t.label for t in types),
                    *(f"{s.publisher} {s.title or ''}" for s in sources),
                ]
            )
        ),
    }


_PLEDGE_COLUMNS = [
    PLEDGE, MEETING, MEETING_NAME, MEETING_DATE, PARTICIPANT, PARTICIPANTS, PARTICIPANT_NAMES, JOINT_NAMES, NAME,
    KIND, GROUPS, TYPES, TYPE_LABELS, STATUS, STATUS_LABEL, IS_STANCE, IS_REFUSAL, IS_REPORTED, IS_PLEDGE, TIMING,
    TIMING_LABEL, AT_MEETING_COL, ATTRIBUTED_TO, ABOUT, ABSENT, DEPLOYMENT, CONDITIONS, CONDITION_LABELS,
    CONDITION_NOTE, IS_CONDITIONAL, WAITING_ON, DOMAINS, LEAD_FOR, FIGURES, QUANTITIES, DESCRIPTION, DATE,
    CONFIDENCE, CONFIDENCE_LABEL, SOURCE_IDS, SOURCE_URLS, SOURCE_TEXT, NOTE, HISTORY, MADE_ON, SEARCH_TEXT,
]  # fmt: skip
_DELEGATION_COLUMNS = [
    MEETING, MEETING_NAME, MEETING_DATE, PARTICIPANT, NAME, KIND, GROUPS, HEADS, HEAD_NAMES, LEVEL, LEVEL_LABEL,
    IS_LEADER, IS_LEADER_CONFIRMED, ATTENDANCE, ATTENDANCE_LABEL, ROLE, ROLE_LABEL, ACCOMPANIED_BY, CONFIDENCE,
    CONFIDENCE_LABEL, SOURCE_IDS, SOURCE_URLS, SOURCE_TEXT, NOTE, SEARCH_TEXT,
]  # fmt: skip

_MEETING_COLUMNS = [
    MEETING, MEETING_NAME, FULL_NAME, MEETING_DATE, CITY, FORMAT, LEVEL_TEXT, SUMMARY, OUTCOME, DELEGATION_COUNT,
    PLEDGE_COUNT, CONFIDENCE, SOURCE_URLS,
]  # fmt: skip
_SOURCE_COLUMNS = [SOURCE_ID, PUBLISHER, TITLE, URL, PUBLISHED, OFFICIAL, SOURCE_KIND, SOURCE_KIND_LABEL]


def citation_counts(frames: Frames) -> pd.Series:
    """Source id → number of delegations and pledges citing it."""
    ids = pd.concat([frames.delegations[SOURCE_IDS], frames.pledges[SOURCE_IDS]]).explode()
    return ids.value_counts()


def cited_sources(frames: Frames) -> pd.DataFrame:
    """The sources frame with CITED_BY: how many delegations and pledges cite each source (0 for none)."""
    counts = frames.sources[SOURCE_ID].map(citation_counts(frames)).fillna(0).astype(int)
    return frames.sources.assign(**{CITED_BY: counts})
