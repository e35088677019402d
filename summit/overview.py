"""Key numbers of a meeting for the overview and the briefing."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from summit import frames as F
from summit.dataset import Dataset
from summit.schema import MeetingFile


@dataclass(frozen=True)
class KeyNumber:
    """A headline figure with its label and a sentence on how it is counted."""

    label: str
    value: str
    help: str


def key_numbers(
    dataset: Dataset, meeting: MeetingFile, delegations: pd.DataFrame, pledges: pd.DataFrame
) -> list[KeyNumber]:
    """Delegations, leaders present, pledges, conditional share and stances, for the shown rows."""
    reported = meeting.meeting.reported_counts
    delegation_help = "Delegations identified in the sources for the current filters."
    if reported is not None:
        delegation_help += f" Sources report {reported.states} states and {reported.organisations} organisations."
    pledged = pledges[~pledges[F.IS_STANCE]]
    conditional = int(pledged[F.IS_CONDITIONAL].sum())
    refusals = int(pledges[F.IS_REFUSAL].sum())
    return [
        KeyNumber("Delegations", f"{len(delegations)}", delegation_help),
        KeyNumber(
            "Leaders present",
            f"{int(delegations[F.IS_LEADER].sum())}",
            "Delegations led by a head of state or government.",
        ),
        KeyNumber("Pledges", f"{len(pledged)}", "Pledges of any status, stances excluded."),
        KeyNumber(
            "Conditional",
            f"{conditional} of {len(pledged)}" if len(pledged) else "0",
            "Pledges that depend on a condition (a ceasefire, a vote in parliament, a US backstop, ...).",
        ),
        KeyNumber("Refusals", f"{refusals}", "Stances that rule something out, or refuse unless conditions are met."),
    ]
