"""Key numbers of a meeting for the overview and the briefing."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from summit import frames as F
from summit.dataset import Dataset
from summit.quantities import FIGURE_RULE
from summit.schema import MeetingFile


@dataclass(frozen=True)
class KeyNumber:
    """A headline figure with its label and a sentence on how it is counted."""

    label: str
    value: str
    help: str
    note: str = ""  # what the value leaves out, shown under it ("+1 unconfirmed")

    @property
    def text(self) -> str:
        """The value with its note, for a table or a sentence: '2 (+1 unconfirmed)'."""
        return f"{self.value} ({self.note})" if self.note else self.value


def leaders_present(delegations: pd.DataFrame) -> tuple[int, int]:
    """(confirmed, unconfirmed) delegations led by a head of state or government.

    Confirmed: a source names the head and records the attendance (in person or by video). Unconfirmed: led
    at that level, but the head is not named or the attendance is not known; they are not counted as present.
    """
    confirmed = int(delegations[F.IS_LEADER_CONFIRMED].sum())
    return confirmed, int(delegations[F.IS_LEADER].sum()) - confirmed


def leaders_note(unconfirmed: int) -> str:
    return f"+{unconfirmed} unconfirmed" if unconfirmed else ""


# How each headline figure counts, in one sentence: the help beside the number and the Sources & method page.
COUNTING_RULES = {
    "Delegations": "Delegations identified in the sources for the current filters.",
    "Leaders present": (
        "Delegations led by a head of state or government whom a source names, attending in person or by "
        "video. Unconfirmed: led at that level, but the head is not named or the attendance is not known; "
        "they are not counted."
    ),
    "Pledges": "Pledges of any status, stances excluded.",
    "Conditional": "Pledges that depend on a condition (a ceasefire, a vote in parliament, a US backstop, ...).",
    "Refusals": "Stances that rule something out, or refuse unless conditions are met.",
    "Troop figure (map)": FIGURE_RULE,
}


def key_numbers(
    dataset: Dataset, meeting: MeetingFile, delegations: pd.DataFrame, pledges: pd.DataFrame
) -> list[KeyNumber]:
    """Delegations, leaders present, pledges, conditional share and stances, for the shown rows."""
    reported = meeting.meeting.reported_counts
    delegation_help = COUNTING_RULES["Delegations"]
    if reported is not None:
        delegation_help += f" Sources report {reported.states} states and {reported.organisations} organisations."
    pledged = pledges[~pledges[F.IS_STANCE]]
    conditional = int(pledged[F.IS_CONDITIONAL].sum())
    refusals = int(pledges[F.IS_REFUSAL].sum())
    leaders, unconfirmed = leaders_present(delegations)
    return [
        KeyNumber("Delegations", f"{len(delegations)}", delegation_help),
        KeyNumber("Leaders present", f"{leaders}", COUNTING_RULES["Leaders present"], leaders_note(unconfirmed)),
        KeyNumber("Pledges", f"{len(pledged)}", COUNTING_RULES["Pledges"]),
        KeyNumber(
            "Conditional", f"{conditional} of {len(pledged)}" if len(pledged) else "0", COUNTING_RULES["Conditional"]
        ),
        KeyNumber("Refusals", f"{refusals}", COUNTING_RULES["Refusals"]),
    ]
