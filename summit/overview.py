"""Key numbers of a meeting for the overview and the briefing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from summit import frames as F
from summit.changes import CHANGE_RULE, FOLLOW_THROUGH_RULE
from summit.dataset import Dataset
from summit.dates import headcount_text
from summit.history import HISTORY_RULE
from summit.i18n import N_, Messages, _, ngettext
from summit.quantities import FIGURE_RULE, MONEY_RULE
from summit.references import REFERENCE_RULE
from summit.scenarios import SCENARIO_RULES
from summit.schema import MeetingFile
from summit.search import SEARCH_RULE
from summit.timing import TIMING_RULE
from summit.vocabulary import DOMAIN_RULE, REFUSAL_STATUSES


@dataclass(frozen=True)
class KeyNumber:
    """A headline figure with its label and a sentence on how it is counted."""

    label: str
    value: str
    help: str
    note: str = ""  # what the value leaves out, shown under it ("+1 unconfirmed")
    counts: str = ""  # the COUNTED id of the rows the figure counts: the list a click on it opens
    note_counts: str = ""  # the COUNTED id of the rows the note counts, when it has a number

    @property
    def text(self) -> str:
        """The value with its note, for a table or a sentence: '2 (+1 unconfirmed)'."""
        return f"{self.value} ({self.note})" if self.note else self.value


def leaders_present(delegations: pd.DataFrame) -> tuple[int, int]:
    """(confirmed, unconfirmed) delegations led by a head of state or government.

    Confirmed: a source names the head and records the attendance (in person or by video), and the head's own
    confidence (when given) is not unverified or disputed. Unconfirmed: led at that level otherwise; they are not
    counted as present.
    """
    confirmed = int(delegations[F.IS_LEADER_CONFIRMED].sum())
    return confirmed, int(delegations[F.IS_LEADER].sum()) - confirmed


def leaders_note(unconfirmed: int) -> str:
    if not unconfirmed:
        return ""
    return ngettext("+{count} unconfirmed", "+{count} unconfirmed", unconfirmed).format(count=unconfirmed)


# How each headline figure counts, in one sentence: the help beside the number and the Sources & method page.
# Keys and rules are marked messages: a rule comes in the current language when read, a key needs _() to show.
COUNTING_RULES = Messages(
    {
        N_("Delegations"): N_("Delegations identified in the sources for the current filters."),
        N_("Leaders present"): N_(
            "Delegations led by a head of state or government whom a source names, attending in person or by "
            "video. Unconfirmed: led at that level, but the head is not named, the attendance is not known or the "
            "head's own confidence is unverified or disputed; they are not counted. A head whose level no source "
            "gives is not a leader."
        ),
        N_("Pledges"): N_(
            "Pledges of any status made or restated at the meeting (earlier and later ones when the time scope "
            "includes them); stances and third-party reports excluded. A joint pledge is counted once."
        ),
        N_("Reported, not confirmed"): N_(
            "What a press report or an analyst says a participant will do, which the participant has not "
            "confirmed (status reported): listed, never counted as a pledge."
        ),
        N_("Conditional"): N_("Pledges that depend on at least one of the dataset's conditions (taxonomy.yaml)."),
        N_("Refusals"): N_("Stances that rule something out, or refuse unless conditions are met, in the time scope."),
        N_("Time scope"): TIMING_RULE,
        N_("Scenario"): SCENARIO_RULES,
        N_("Figures on the map"): FIGURE_RULE,
        N_("Domain filters"): DOMAIN_RULE,
        N_("Joint pledges and collectives"): F.JOINT_RULE,
        N_("History and “as of”"): HISTORY_RULE,
        N_("What changed"): CHANGE_RULE,
        N_("Follow-through"): FOLLOW_THROUGH_RULE,
        N_("Money"): MONEY_RULE,
        N_("Search"): SEARCH_RULE,
        N_("References between records"): REFERENCE_RULE,
    }
)


@dataclass(frozen=True)
class Counted:
    """What a headline figure counts: the rows of one frame it keeps, and the page that lists them."""

    label: str  # the figure's label, marked with N_ (a key of COUNTING_RULES): _(label) to show it
    frame: str  # PLEDGES or DELEGATIONS: the rows it counts
    keep: Callable[[pd.DataFrame], pd.Series]  # the rows counted, as a mask over that frame


PLEDGES, DELEGATIONS = "pledges", "delegations"
# Every headline figure that counts rows, by id: the overview counts with `keep`, and the filter "counted as"
# (summit.filters, URL key `n`) lists the same rows, so a number and the list it opens cannot disagree.
COUNTED = {
    "delegations": Counted(N_("Delegations"), DELEGATIONS, lambda d: pd.Series(True, index=d.index)),
    "leaders": Counted(N_("Leaders present"), DELEGATIONS, lambda d: d[F.IS_LEADER_CONFIRMED].astype(bool)),
    "unconfirmed": Counted(
        N_("Leaders unconfirmed"), DELEGATIONS, lambda d: d[F.IS_LEADER].astype(bool) & ~d[F.IS_LEADER_CONFIRMED]
    ),
    "pledges": Counted(N_("Pledges"), PLEDGES, lambda p: p[F.IS_PLEDGE].astype(bool)),
    "reported": Counted(N_("Reported, not confirmed"), PLEDGES, lambda p: p[F.IS_REPORTED].astype(bool)),
    "conditional": Counted(N_("Conditional"), PLEDGES, lambda p: p[F.IS_PLEDGE].astype(bool) & p[F.IS_CONDITIONAL]),
    "refusals": Counted(N_("Refusals"), PLEDGES, lambda p: p[F.IS_REFUSAL].astype(bool)),
}


def counted(rule: str, delegations: pd.DataFrame, pledges: pd.DataFrame) -> pd.DataFrame:
    """The rows a headline figure counts."""
    rows = pledges if COUNTED[rule].frame == PLEDGES else delegations
    return rows[COUNTED[rule].keep(rows)]


def condition_examples(dataset: Dataset, count: int = 3) -> str:
    """' Here: after a ceasefire, a vote in parliament, a US backstop, …': the dataset's own conditions."""
    labels = [c.label[:1].lower() + c.label[1:] for c in list(dataset.conditions.values())[:count]]
    more = ", …" if len(dataset.conditions) > count else ""
    return " " + _("Here: {conditions}.").format(conditions=", ".join(labels) + more) if labels else ""


def _noted(note: str | None) -> str:
    """' (the note)', without its closing full stop, or '': an expected count's note says how it was put."""
    return f" ({note.rstrip('.')})" if note else ""


def key_numbers(
    dataset: Dataset, meeting: MeetingFile, delegations: pd.DataFrame, pledges: pd.DataFrame
) -> list[KeyNumber]:
    """Delegations, leaders present, pledges, conditional share and refusals, for the shown rows; refusals only
    when the dataset records any (a pledging conference may have none, and a tile of 0 would say nothing)."""
    reported, expected = meeting.meeting.reported_counts, meeting.meeting.expected_counts
    delegation_help = [COUNTING_RULES["Delegations"]]
    if reported is not None:
        delegation_help.append(_("Sources report {counts}.").format(counts=headcount_text(reported)))
    if expected is not None:
        said = headcount_text(expected, say_missing=False)
        delegation_help.append(
            _("Before the meeting, {counts} were expected{note}.").format(counts=said, note=_noted(expected.note))
        )
    count = {rule: len(counted(rule, delegations, pledges)) for rule in COUNTED}
    pledged, conditional, reports = count["pledges"], count["conditional"], count["reported"]
    has_refusals = any(p.status in REFUSAL_STATUSES for m in dataset.meetings for p in m.pledges)
    refusals = KeyNumber(_("Refusals"), f"{count['refusals']}", COUNTING_RULES["Refusals"], counts="refusals")
    pledges_help = [COUNTING_RULES["Pledges"], *([COUNTING_RULES["Reported, not confirmed"]] if reports else [])]
    return [
        KeyNumber(_("Delegations"), f"{count['delegations']}", " ".join(delegation_help), counts="delegations"),
        KeyNumber(
            _("Leaders present"),
            f"{count['leaders']}",
            COUNTING_RULES["Leaders present"],
            leaders_note(count["unconfirmed"]),
            counts="leaders",
            note_counts="unconfirmed" if count["unconfirmed"] else "",
        ),
        KeyNumber(
            _("Pledges"),
            f"{pledged}",
            " ".join(pledges_help),
            ngettext("+{count} report", "+{count} reports", reports).format(count=reports) if reports else "",
            counts="pledges",
            note_counts="reported" if reports else "",
        ),
        KeyNumber(
            _("Conditional"),
            _("{count} of {total}").format(count=conditional, total=pledged) if pledged else "0",
            COUNTING_RULES["Conditional"] + condition_examples(dataset),
            counts="conditional",
        ),
        *([refusals] if has_refusals else []),
    ]
