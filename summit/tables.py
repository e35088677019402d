"""Display tables: what the pages show and the exports write, built from the shared frames."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from summit import frames as F
from summit.dataset import Dataset
from summit.i18n import N_, Messages, _, collation_key
from summit.vocabulary import DOMAIN_LABELS, OUTCOME_LABELS, POSITION_STATUSES, Status

# Matrix cell marks: readable without colour, in order of precedence within a cell.
LEAD_MARK = "★"
PLEDGE_MARK = "●"
CONDITIONAL_MARK = "◐"
CONSIDERING_MARK = "○"
REPORTED_MARK = "◌"
WILLING_MARK = "◔"
POSITION_MARK = "◇"
CONDITIONAL_REFUSAL_MARK = "⊘"
REFUSAL_MARK = "✕"
WITHDRAWN_MARK = "⊖"
MATRIX_LEGEND = Messages(
    {
        LEAD_MARK: N_("lead role"),
        PLEDGE_MARK: N_("pledge, no condition stated"),
        CONDITIONAL_MARK: N_("conditional pledge"),
        CONSIDERING_MARK: N_("under consideration"),
        REPORTED_MARK: N_("reported by the press or an analyst, not confirmed (not a pledge)"),
        WILLING_MARK: N_("willing if conditions are met (not a pledge)"),
        POSITION_MARK: N_("stated position (not a pledge)"),
        CONDITIONAL_REFUSAL_MARK: N_("refused under current conditions (while the war lasts, without a mandate, ...)"),
        REFUSAL_MARK: N_("ruled out"),
        WITHDRAWN_MARK: N_("withdrawn (no longer a pledge)"),
    }
)
_MARK_ORDER = list(MATRIX_LEGEND)
# In a scenario, a mark says what becomes of its record: in brackets when it lapses (or a refusal is lifted),
# with a question mark when uncertain.
# The same marks in brief, where a line already says "in the scenario" (the briefing's who-does-what slide).
SCENARIO_MARKS = Messages(
    {
        f"({PLEDGE_MARK})": N_("lapses"),
        f"{PLEDGE_MARK}?": N_("uncertain"),
        f"({CONDITIONAL_REFUSAL_MARK})": N_("refusal lifted"),
    }
)
SCENARIO_LEGEND = Messages(
    {
        f"({PLEDGE_MARK})": N_("lapses in the scenario"),
        f"{PLEDGE_MARK}?": N_("uncertain in the scenario"),
        f"({CONDITIONAL_REFUSAL_MARK})": N_("refusal lifted in the scenario"),
    }
)


def scenario_mark(mark: str, outcome: str) -> str:
    """A matrix mark as the scenario leaves it."""
    if outcome in ("lapses", "lifted"):
        return f"({mark})"
    if outcome == "uncertain":
        return f"{mark}?"
    return mark


# The marks of a pledge (not a stance): the participants a commitment type counts.
PLEDGE_MARKS = frozenset({LEAD_MARK, PLEDGE_MARK, CONDITIONAL_MARK, CONSIDERING_MARK})

# Display column names (also the headers of CSV and Excel exports).
COL_PARTICIPANT = N_("Participant")
COL_CODE = N_("Code")
COL_HEAD = N_("Head(s) of delegation")
COL_LEVEL = N_("Level")
COL_ATTENDANCE = N_("Attendance")
COL_GROUPS = N_("Groups")
COL_PLEDGES = N_("Pledges")
COL_STANCES = N_("Stances")
COL_CONFIDENCE = N_("Confidence")
COL_SOURCE = N_("Source")
COL_SOURCES = N_("All sources")
COL_TYPES = N_("Commitment types")
COL_STATUS = N_("Status")
COL_CONDITIONS = N_("Conditions")
COL_DOMAINS = N_("Domain")
COL_LEAD = N_("Lead role")
COL_QUANTITIES = N_("Quantities")
COL_DESCRIPTION = N_("Description")
COL_DATE = N_("Date")
COL_DEPLOYMENT = N_("Where")
COL_OUTCOME = N_("In the scenario")
COL_TIMING = N_("When")  # made or restated at the meeting, earlier (carried over) or later (follow-up)
COL_SAID_BY = N_("Said by")
COL_HISTORY = N_("History")  # the record's steps: 'Announced (6 January 2026) → Approved by parliament (…)'
COL_ABOUT = N_("About")  # what a stance is aimed at: a participant, or another record
COL_ROLE = N_("Role")
COL_ACCOMPANIED = N_("Accompanied by")
COL_MEETING = N_("Meeting")
COL_ID = N_("Id")
COL_NOTE = N_("Note")
# The sources table (the Sources sheet of an Excel export).
COL_PUBLISHER = N_("Publisher")
COL_TITLE = N_("Title")
COL_LINK = N_("Link")
COL_PUBLISHED = N_("Published")
COL_OFFICIAL = N_("Official")  # the source's `official` flag: a government's or institution's own page
COL_KIND = N_("Kind")

# Stable ids of the display columns, for URLs (`cols=description,quantities`): links in e-mails depend on them.
COLUMN_IDS = {
    COL_PARTICIPANT: "participant", COL_HEAD: "heads", COL_LEVEL: "level", COL_ATTENDANCE: "attendance",
    COL_GROUPS: "groups", COL_PLEDGES: "pledges", COL_STANCES: "stances", COL_CONFIDENCE: "confidence",
    COL_SOURCE: "source", COL_SOURCES: "sources", COL_TYPES: "types", COL_STATUS: "status",
    COL_CONDITIONS: "conditions", COL_DOMAINS: "domain", COL_LEAD: "lead", COL_QUANTITIES: "quantities",
    COL_DESCRIPTION: "description", COL_DATE: "date", COL_DEPLOYMENT: "where", COL_OUTCOME: "outcome",
    COL_TIMING: "when", COL_SAID_BY: "said_by", COL_MEETING: "meeting", COL_NOTE: "note", COL_ABOUT: "about",
    COL_ROLE: "role", COL_ACCOMPANIED: "accompanied_by", COL_HISTORY: "history",
}  # fmt: skip
# Columns a table always carries to open a record or a profile, never shown as columns.
KEY_COLUMNS = (COL_CODE, COL_ID)


@dataclass(frozen=True)
class TableColumns:
    """What a page's table shows: the columns that answer its question first, the others on request.

    Exports always hold every column; the page shows `shown` unless the user picks others.
    """

    name: str  # which table: its column choice is its own
    shown: tuple[str, ...]  # by default, in this order
    optional: tuple[str, ...]  # offered too, after them

    def order(self, chosen: Iterable[str] | None, present: Iterable[str]) -> list[str]:
        """The display columns for a choice of column ids (None: the default), in the table's order, keeping
        only columns the table has."""
        present = set(present)
        everything = [c for c in (*self.shown, *self.optional) if c in present]
        if chosen is None:
            return [c for c in self.shown if c in present]
        wanted = set(chosen)
        return [c for c in everything if COLUMN_IDS[c] in wanted]

    def options(self, present: Iterable[str]) -> list[str]:
        """Every column a user may choose, as display names, in the table's order."""
        present = set(present)
        return [c for c in (*self.shown, *self.optional) if c in present]


# "Who pledged what, on which conditions, how sure, from where": the rest opens in the row's detail.
PLEDGE_COLUMNS = TableColumns(
    "pledges",
    shown=(COL_PARTICIPANT, COL_TYPES, COL_STATUS, COL_OUTCOME, COL_DESCRIPTION, COL_CONDITIONS, COL_QUANTITIES,
           COL_CONFIDENCE, COL_SOURCE),
    optional=(COL_HISTORY, COL_ABOUT, COL_DOMAINS, COL_DEPLOYMENT, COL_LEAD, COL_SAID_BY, COL_DATE, COL_TIMING,
              COL_MEETING, COL_SOURCES),
)  # fmt: skip
# The profile lists one participant's records across meetings: the meeting replaces the participant.
PROFILE_COLUMNS = TableColumns(
    "profile",
    shown=(COL_MEETING, COL_TYPES, COL_STATUS, COL_DESCRIPTION, COL_CONDITIONS, COL_QUANTITIES, COL_CONFIDENCE,
           COL_SOURCE),
    optional=(COL_HISTORY, COL_ABOUT, COL_DOMAINS, COL_DEPLOYMENT, COL_LEAD, COL_SAID_BY, COL_DATE, COL_TIMING,
              COL_SOURCES),
)  # fmt: skip
PARTICIPANT_COLUMNS = TableColumns(
    "participants",
    shown=(COL_PARTICIPANT, COL_HEAD, COL_LEVEL, COL_ATTENDANCE, COL_PLEDGES, COL_STANCES, COL_CONFIDENCE, COL_SOURCE),
    optional=(COL_ROLE, COL_ACCOMPANIED, COL_GROUPS, COL_SOURCES),
)

# Columns of type_counts (one row per commitment type with pledges), besides the type id in F.TYPE.
TYPE_LABEL = "label"
TYPE_SHORT_LABEL = "short_label"
TYPE_COLOUR = "colour"
CONDITIONAL_COUNT = "conditional"
UNCONDITIONAL_COUNT = "unconditional"
TOTAL_COUNT = "total"
_TYPE_COUNT_COLUMNS = [
    F.TYPE,
    TYPE_LABEL,
    TYPE_SHORT_LABEL,
    TYPE_COLOUR,
    CONDITIONAL_COUNT,
    UNCONDITIONAL_COUNT,
    TOTAL_COUNT,
]


def pledge_mark(status: str, conditional: bool, lead: bool) -> str:
    """The matrix mark of one pledge in one commitment-type column."""
    if lead:
        return LEAD_MARK
    status = Status(status)
    if status == Status.CONDITIONAL_REFUSAL:
        return CONDITIONAL_REFUSAL_MARK
    if status == Status.RULED_OUT:
        return REFUSAL_MARK
    if status == Status.WITHDRAWN:
        return WITHDRAWN_MARK
    if status in POSITION_STATUSES:
        return POSITION_MARK
    if status == Status.CONDITIONAL_WILLINGNESS:
        return WILLING_MARK
    if status == Status.REPORTED:
        return REPORTED_MARK
    if status == Status.CONSIDERING:
        return CONSIDERING_MARK
    return CONDITIONAL_MARK if conditional else PLEDGE_MARK


def group_labels(dataset: Dataset, group_ids: tuple[str, ...]) -> str:
    """'EU, NATO' from group ids."""
    return ", ".join(dataset.groups[g].short_name for g in group_ids if g in dataset.groups)


def participants_table(dataset: Dataset, delegations: pd.DataFrame, pledges: pd.DataFrame) -> pd.DataFrame:
    """One row per delegation: who came, at which level, how, and how many pledges they made."""
    # Per participant: pledges (stances and third-party reports excluded) and stances.
    # A joint record counts for each of its participants (F.JOINT_RULE).
    counts = F.each_participant(pledges).groupby(F.PARTICIPANT)[[F.IS_PLEDGE, F.IS_STANCE]].sum()
    table = pd.DataFrame(
        {
            COL_PARTICIPANT: delegations[F.NAME],
            COL_CODE: delegations[F.PARTICIPANT],
            COL_HEAD: delegations[F.HEADS],
            COL_LEVEL: delegations[F.LEVEL_LABEL],
            COL_ATTENDANCE: delegations[F.ATTENDANCE_LABEL],
            COL_ROLE: delegations[F.ROLE_LABEL],
            COL_ACCOMPANIED: delegations[F.ACCOMPANIED_BY],
            COL_GROUPS: [group_labels(dataset, g) for g in delegations[F.GROUPS]],
            COL_PLEDGES: [int(counts[F.IS_PLEDGE].get(c, 0)) for c in delegations[F.PARTICIPANT]],
            COL_STANCES: [int(counts[F.IS_STANCE].get(c, 0)) for c in delegations[F.PARTICIPANT]],
            COL_CONFIDENCE: delegations[F.CONFIDENCE_LABEL],
            COL_SOURCE: [urls[0] if urls else "" for urls in delegations[F.SOURCE_URLS]],
            COL_SOURCES: delegations[F.SOURCE_TEXT],
        }
    )
    return table.sort_values(COL_PARTICIPANT, key=lambda s: s.map(collation_key), ignore_index=True)


def participant_cells(pledges: pd.DataFrame) -> pd.Series:
    """'France', 'France (jointly with Germany, Italy)', 'Russia (did not attend)': who made each record."""
    jointly, absent = _("{name} (jointly with {names})"), _("{name} (did not attend)")
    names = [
        jointly.format(name=name, names=joint) if joint else name
        for name, joint in zip(pledges[F.NAME], pledges[F.JOINT_NAMES], strict=True)
    ]
    cells = [absent.format(name=name) if away else name for name, away in zip(names, pledges[F.ABSENT], strict=True)]
    return pd.Series(cells, index=pledges.index, dtype=object)


def pledges_table(dataset: Dataset, pledges: pd.DataFrame, *, short_labels: bool = False) -> pd.DataFrame:
    """One row per pledge or stance with everything needed to check it; with short_labels, commitment types by
    their short labels (a page's table, where width is short; exports keep the full labels)."""
    type_labels = {t.id: t.short_label for t in dataset.commitment_types.values()}
    where = F.deployment_labels(dataset)
    table = pd.DataFrame(
        {
            COL_PARTICIPANT: participant_cells(pledges),
            COL_CODE: pledges[F.PARTICIPANT],
            COL_TYPES: [", ".join(type_labels[t] for t in ts) for ts in pledges[F.TYPES]]
            if short_labels
            else pledges[F.TYPE_LABELS],
            COL_STATUS: pledges[F.STATUS_LABEL],
            COL_CONDITIONS: [
                "; ".join(x for x in (labels, note) if x)
                for labels, note in zip(pledges[F.CONDITION_LABELS], pledges[F.CONDITION_NOTE], strict=True)
            ],
            COL_DOMAINS: [", ".join(DOMAIN_LABELS[d] for d in ds) for ds in pledges[F.DOMAINS]],
            COL_DEPLOYMENT: [where.get(d, "") for d in pledges[F.DEPLOYMENT]],
            COL_LEAD: [", ".join(type_labels[t] for t in lead) for lead in pledges[F.LEAD_FOR]],
            COL_QUANTITIES: pledges[F.QUANTITIES],
            COL_DESCRIPTION: pledges[F.DESCRIPTION],
            COL_SAID_BY: pledges[F.ATTRIBUTED_TO],
            COL_ABOUT: pledges[F.ABOUT],
            COL_HISTORY: pledges[F.HISTORY],
            COL_DATE: pledges[F.DATE],
            COL_TIMING: pledges[F.TIMING_LABEL],
            COL_CONFIDENCE: pledges[F.CONFIDENCE_LABEL],
            COL_SOURCE: [urls[0] if urls else "" for urls in pledges[F.SOURCE_URLS]],
            COL_SOURCES: pledges[F.SOURCE_TEXT],
            COL_MEETING: pledges[F.MEETING_NAME],
            COL_ID: pledges[F.PLEDGE],
        }
    )
    if F.OUTCOME in pledges.columns:  # a scenario is set: what becomes of each record, after its status
        words = {str(k): v for k, v in OUTCOME_LABELS.items()}
        table.insert(table.columns.get_loc(COL_STATUS) + 1, COL_OUTCOME, [words[o] for o in pledges[F.OUTCOME]])
    return table.sort_values([COL_PARTICIPANT, COL_ID], key=lambda s: s.map(collation_key), ignore_index=True)


def sources_table(sources: pd.DataFrame) -> pd.DataFrame:
    """One row per source, in the order given, under readable headers; Official stays a bool."""
    return pd.DataFrame(
        {
            COL_ID: sources[F.SOURCE_ID],
            COL_PUBLISHER: sources[F.PUBLISHER],
            COL_TITLE: sources[F.TITLE],
            COL_LINK: sources[F.URL],
            COL_PUBLISHED: sources[F.PUBLISHED],
            COL_OFFICIAL: sources[F.OFFICIAL].astype(bool),
            COL_KIND: sources[F.SOURCE_KIND_LABEL],
        }
    ).reset_index(drop=True)


def matrix_table(dataset: Dataset, pledge_types: pd.DataFrame, participants: pd.DataFrame) -> pd.DataFrame:
    """Participants × commitment types; each cell holds the marks of that participant's pledges of that type.

    participants: the delegations shown (rows appear even with no pledge, so absence is visible).
    Result (index = participant name, columns = short labels of the types):
                      Force: land   Logistics  ...
        France        ◐             ◐
        Poland        ✕             ★
    """
    columns = {t.id: t.short_label for t in dataset.commitment_types.values()}
    pledge_types = F.each_participant(pledge_types)  # a joint record marks each of its participants
    names = dict(zip(participants[F.PARTICIPANT], participants[F.NAME], strict=True))
    names.update(dict(zip(pledge_types[F.PARTICIPANT], pledge_types[F.NAME], strict=True)))
    cells: dict[tuple[str, str], set[tuple[int, str]]] = {}  # (order of the plain mark, mark as shown)
    results = pledge_types[F.OUTCOME] if F.OUTCOME in pledge_types.columns else [""] * len(pledge_types)
    for code, kind, status, conditional, lead, result in zip(
        pledge_types[F.PARTICIPANT],
        pledge_types[F.TYPE],
        pledge_types[F.STATUS],
        pledge_types[F.IS_CONDITIONAL],
        pledge_types[F.IS_LEAD],
        results,
        strict=True,
    ):
        mark = pledge_mark(status, conditional, lead)
        cells.setdefault((code, kind), set()).add((_MARK_ORDER.index(mark), scenario_mark(mark, result)))
    used = [t for t in columns if any(k == t for __, k in cells)]
    order = sorted(names, key=lambda c: collation_key(names[c]))
    matrix = pd.DataFrame(
        [[" ".join(shown for __, shown in sorted(cells.get((code, t), ()))) for t in used] for code in order],
        index=pd.Index([names[c] for c in order], name=COL_PARTICIPANT),
        columns=[columns[t] for t in used],
    )
    matrix.attrs["codes"] = order
    matrix.attrs["type_ids"] = used
    return matrix


def type_counts(dataset: Dataset, pledge_types: pd.DataFrame) -> pd.DataFrame:
    """Pledges (not stances, not third-party reports) per commitment type, split into conditional and unconditional."""
    pledged = pledge_types[pledge_types[F.IS_PLEDGE]]
    grouped = pledged.groupby(F.TYPE)[F.IS_CONDITIONAL].agg(["size", "sum"])
    rows = [
        {
            F.TYPE: kind.id,
            TYPE_LABEL: kind.label,
            TYPE_SHORT_LABEL: kind.short_label,
            TYPE_COLOUR: dataset.type_colour(kind.id),
            CONDITIONAL_COUNT: int(grouped.at[kind.id, "sum"]),
            UNCONDITIONAL_COUNT: int(grouped.at[kind.id, "size"] - grouped.at[kind.id, "sum"]),
            TOTAL_COUNT: int(grouped.at[kind.id, "size"]),
        }
        for kind in dataset.commitment_types.values()
        if kind.id in grouped.index
    ]
    return pd.DataFrame(rows, columns=_TYPE_COUNT_COLUMNS)


def brief_matrix(matrix: pd.DataFrame, rows: int = 10, columns: int = 6) -> pd.DataFrame:
    """The busiest corner of the who-does-what matrix: participants and types with the most marks."""
    filled = matrix != ""
    top_columns = filled.sum().sort_values(ascending=False, kind="stable").head(columns).index
    top_rows = filled[top_columns].sum(axis=1).sort_values(ascending=False, kind="stable").head(rows).index
    return matrix.loc[top_rows, top_columns]
