"""What-if scenarios: which pledges stand if a condition fails.

A scenario marks some of the data's conditions met, not met or open (vocabulary.ConditionState); every
record then gets an outcome by SCENARIO_RULES, applied by `outcome`. A scenario travels in the URL with
the shared filters (summit.filters, key `sc`: `sc=after_ceasefire:not_met,us_backstop:open`); a dataset
may name some in taxonomy.yaml (`scenarios`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

import pandas as pd

from summit import frames as F
from summit.dataset import Dataset
from summit.i18n import N_, _, ngettext
from summit.vocabulary import (
    CONDITION_STATE_LABELS,
    DOMAIN_LABELS,
    REFUSAL_STATUSES,
    STANCE_STATUSES,
    WITHDRAWN_STATUSES,
    ConditionState,
    Domain,
    Outcome,
    Status,
)

SCENARIO_RULES = N_(
    "A scenario marks conditions met, not met or open; a condition it does not mark stays as it is. A pledge "
    "(or a willingness, or a report) lapses when one of the conditions it still waits on is not met, is "
    "uncertain when none is not met but one is open, and otherwise stands; a pledge without a condition "
    "stands. A condition a pledge no longer waits on (a vote in parliament once the pledge is approved: "
    "the condition's satisfied_by) does not count. A refusal unless conditions are met is lifted when "
    "every one of its conditions is met, uncertain when none is not met and one is open, and otherwise "
    "holds. A plain refusal or a stated position is not conditional: the scenario leaves it as it is."
)
# Separates a condition from its state in the URL: after_ceasefire:not_met.
STATE_SEPARATOR = ":"


def token(condition: str, state: ConditionState | str) -> str:
    """The URL form of one condition's state."""
    return f"{condition}{STATE_SEPARATOR}{ConditionState(state)}"


def states_of(tokens: Iterable[str]) -> dict[str, ConditionState]:
    """Condition id → state from URL tokens; a token that cannot be read is left out, the last one wins."""
    states: dict[str, ConditionState] = {}
    for text in tokens:
        condition, _, state = text.partition(STATE_SEPARATOR)
        if condition and state in set(ConditionState):
            states.pop(condition, None)
            states[condition] = ConditionState(state)
    return states


def tokens_of(states: Mapping[str, ConditionState | str]) -> tuple[str, ...]:
    """URL tokens, in the order given."""
    return tuple(token(condition, state) for condition, state in states.items())


def outcome(status: str, waiting_on: Iterable[str], states: Mapping[str, ConditionState]) -> Outcome:
    """What becomes of one record in the scenario, by SCENARIO_RULES."""
    status = Status(status)
    marked = [states[c] for c in waiting_on if c in states]
    if status in REFUSAL_STATUSES:
        if status != Status.CONDITIONAL_REFUSAL:
            return Outcome.UNAFFECTED
        waiting = list(waiting_on)
        if waiting and all(states.get(c) == ConditionState.MET for c in waiting):
            return Outcome.LIFTED
        if ConditionState.NOT_MET not in marked and ConditionState.OPEN in marked:
            return Outcome.UNCERTAIN
        return Outcome.REFUSES
    if status in STANCE_STATUSES | WITHDRAWN_STATUSES and status != Status.CONDITIONAL_WILLINGNESS:
        return Outcome.UNAFFECTED
    if ConditionState.NOT_MET in marked:
        return Outcome.LAPSES
    if ConditionState.OPEN in marked:
        return Outcome.UNCERTAIN
    return Outcome.STANDS


def outcomes(frame: pd.DataFrame, states: Mapping[str, ConditionState]) -> pd.Series:
    """The outcome of each row of a pledges (or pledge types) frame, as strings."""
    return pd.Series(
        [str(outcome(s, w, states)) for s, w in zip(frame[F.STATUS], frame[F.WAITING_ON], strict=True)],
        index=frame.index,
        dtype=object,
    )


def scenario_name(dataset: Dataset, states: Mapping[str, ConditionState]) -> str:
    """The dataset's name for these states when it has one, else the states in words."""
    for named in dataset.scenarios.values():
        if dict(named.conditions) == dict(states):
            return named.name
    return "; ".join(
        _("{condition}: {state}").format(
            condition=dataset.conditions[c].label if c in dataset.conditions else c, state=CONDITION_STATE_LABELS[s]
        )
        for c, s in states.items()
    )


def state_options(dataset: Dataset) -> dict[str, str]:
    """Every condition in every state, URL token → words ('After a ceasefire: not met')."""
    return {
        token(condition.id, state): _("{condition}: {state}").format(condition=condition.label, state=label)
        for condition in dataset.conditions.values()
        for state, label in CONDITION_STATE_LABELS.items()
    }


def pledge_outcomes(pledges: pd.DataFrame) -> dict[str, int]:
    """Pledges (stances and reports left out) that stand, lapse or are uncertain, for rows with F.OUTCOME."""
    pledged = pledges.loc[pledges[F.IS_PLEDGE].astype(bool), F.OUTCOME]
    return {str(o): int((pledged == o).sum()) for o in (Outcome.STANDS, Outcome.LAPSES, Outcome.UNCERTAIN)}


# --- what stands, by domain and type --------------------------------------------------------


@dataclass(frozen=True)
class StandingRow:
    """One domain or commitment type: its pledges in the view and what becomes of them."""

    label: str
    what: str  # the row's pledges in words, with their number: "14 land contributions", "1 contribution to Training"
    filter_key: str  # the shared filter that lists the row's pledges: "domains" or "types"
    filter_value: str
    pledges: int
    stands: int
    lapses: int
    uncertain: int
    participants_before: int
    participants_after: int  # with at least one pledge that stands


# A domain's pledges in words, with their number.
_DOMAIN_CONTRIBUTIONS: dict[str, Callable[[int], str]] = {
    Domain.LAND: lambda n: ngettext("{count} land contribution", "{count} land contributions", n),
    Domain.SEA: lambda n: ngettext("{count} sea contribution", "{count} sea contributions", n),
    Domain.AIR: lambda n: ngettext("{count} air contribution", "{count} air contributions", n),
}


def _type_contributions(count: int, label: str) -> str:
    return ngettext("{count} contribution to {type}", "{count} contributions to {type}", count).format(
        count=count, type=label
    )


def standing(dataset: Dataset, pledges: pd.DataFrame) -> list[StandingRow]:
    """Per domain (land, sea, air), then per commitment type without a domain that has pledges: counts of
    the pledges (stances and reports left out) that stand, lapse or are uncertain. `pledges` carries
    F.OUTCOME (summit.filters adds it when a scenario is set)."""
    pledged = pledges[pledges[F.IS_PLEDGE].astype(bool)]
    rows = []
    # (label, the words for a number of its pledges, filter key, filter value, mask)
    groups: list[tuple[str, Callable[[int], str], str, str, pd.Series]] = [
        (label, lambda n, d=domain: _DOMAIN_CONTRIBUTIONS[d](n).format(count=n), "domains", str(domain),
         pledged[F.DOMAINS].map(lambda ds, d=str(domain): d in ds))
        for domain, label in DOMAIN_LABELS.items()
    ]  # fmt: skip
    groups += [
        (kind.label, lambda n, label=kind.label: _type_contributions(n, label), "types", kind.id,
         pledged[F.TYPES].map(lambda ts, t=kind.id: t in ts))
        for kind in dataset.commitment_types.values()
        if kind.domain is None
    ]  # fmt: skip
    for label, what, key, value, mask in groups:
        chosen = pledged[mask.astype(bool)] if len(pledged) else pledged
        if chosen.empty:
            continue
        result = chosen[F.OUTCOME]
        rows.append(
            StandingRow(
                label=label,
                what=what(len(chosen)),
                filter_key=key,
                filter_value=value,
                pledges=len(chosen),
                stands=int((result == Outcome.STANDS).sum()),
                lapses=int((result == Outcome.LAPSES).sum()),
                uncertain=int((result == Outcome.UNCERTAIN).sum()),
                participants_before=chosen[F.PARTICIPANT].nunique(),
                participants_after=chosen.loc[result == Outcome.STANDS, F.PARTICIPANT].nunique(),
            )
        )
    return rows


def scenario_sentence(name: str, row: StandingRow) -> str:
    """The scenario said plainly, for one row: 'No US backstop: 9 of 14 land contributions lapse, 2 are
    uncertain; 3 participants still pledge (of 10).'"""
    parts = [
        ngettext("{lapses} of {contributions} lapses", "{lapses} of {contributions} lapse", row.lapses).format(
            lapses=row.lapses, contributions=row.what
        )
    ]
    if row.uncertain:
        parts.append(
            ngettext("{count} is uncertain", "{count} are uncertain", row.uncertain).format(count=row.uncertain)
        )
    still = row.participants_after
    participants = ngettext("{count} participant still pledges", "{count} participants still pledge", still).format(
        count=still
    )
    return _("{scenario}: {outcomes}; {participants} (of {before}).").format(
        scenario=name, outcomes=", ".join(parts), participants=participants, before=row.participants_before
    )
