"""The one filter object: read from and written to URL query parameters, applied, described in words."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields, replace
from typing import NamedTuple

import pandas as pd

from summit import frames as F
from summit.dataset import Dataset
from summit.frames import Frames
from summit.schema import MeetingFile
from summit.vocabulary import CONFIDENCE_LABELS, DOMAIN_LABELS, STATUS_LABELS, Confidence, Domain, Status

# Pseudo group: participants that are organisations rather than states.
ORGANISATIONS = "organisations"
# Pseudo condition: pledges that carry no condition at all.
UNCONDITIONAL = "none"
MAX_TEXT = 200

# Filter field → URL key. Keys are short and stable: links in e-mails depend on them.
URL_KEYS = {
    "meeting": "m",
    "groups": "g",
    "types": "t",
    "statuses": "s",
    "conditions": "c",
    "domains": "d",
    "confidence": "k",
    "text": "q",
}
# Fields that narrow pledges (as opposed to participants).
PLEDGE_FIELDS = ("types", "statuses", "conditions", "domains", "confidence")


@dataclass(frozen=True)
class Filters:
    """What the user is looking at. Empty tuples mean 'all'; meeting None means the dataset's default meeting."""

    meeting: str | None = None
    groups: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    conditions: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    confidence: tuple[str, ...] = ()
    text: str = ""

    # --- URL -------------------------------------------------------------------------------

    @classmethod
    def from_query_params(cls, params: Mapping[str, str | list[str]], dataset: Dataset | None = None) -> Filters:
        """Read filters from query parameters; unknown keys and values are dropped, not errors."""
        values: dict[str, object] = {}
        for field, key in URL_KEYS.items():
            raw = params.get(key)
            if raw is None:
                continue
            items = [raw] if isinstance(raw, str) else list(raw)
            parts = [p.strip() for item in items for p in item.split(",") if p.strip()]
            if field == "text":
                values[field] = " ".join(items).strip()[:MAX_TEXT]
            elif field == "meeting":
                values[field] = parts[0] if parts else None
            else:
                values[field] = tuple(dict.fromkeys(parts))
        filters = cls(**values)  # type: ignore[arg-type]
        return filters.restricted_to(dataset) if dataset is not None else filters

    def to_query_params(self) -> dict[str, str]:
        """Query parameters for this view; defaults are left out so URLs stay short."""
        params: dict[str, str] = {}
        for field, key in URL_KEYS.items():
            value = getattr(self, field)
            if value:
                params[key] = ",".join(value) if isinstance(value, tuple) else str(value)
        return params

    def restricted_to(self, dataset: Dataset) -> Filters:
        """Drop values the dataset does not know, so a stale link shows a valid view."""
        options = filter_options(dataset)
        kept = {f: tuple(v for v in getattr(self, f) if v in options[f]) for f in options if f != "meeting"}
        meeting = self.meeting if self.meeting in options["meeting"] else None
        return replace(self, meeting=meeting, **kept)

    # --- applying --------------------------------------------------------------------------

    @property
    def is_default(self) -> bool:
        """True when nothing is filtered."""
        return self == Filters()

    @property
    def narrows_pledges(self) -> bool:
        """True when a pledge-level filter is set."""
        return any(getattr(self, f) for f in PLEDGE_FIELDS)

    def meeting_id(self, dataset: Dataset) -> str | None:
        """The meeting shown: the chosen one, else the dataset's default meeting."""
        return self.meeting or dataset.default_meeting_id()

    def apply_pledges(self, pledges: pd.DataFrame, meeting_id: str | None) -> pd.DataFrame:
        """Pledges of the meeting that pass every filter."""
        keep = pledges[F.MEETING] == meeting_id if meeting_id else pd.Series(True, index=pledges.index)
        keep &= self._participant_mask(pledges)
        if self.types:
            keep &= _any_of(pledges[F.TYPES], self.types)
        if self.statuses:
            keep &= pledges[F.STATUS].isin(self.statuses)
        if self.conditions:
            wanted = set(self.conditions) - {UNCONDITIONAL}
            mask = _any_of(pledges[F.CONDITIONS], wanted)
            if UNCONDITIONAL in self.conditions:
                mask |= ~pledges[F.IS_CONDITIONAL]
            keep &= mask
        if self.domains:
            keep &= _any_of(pledges[F.DOMAINS], self.domains)
        if self.confidence:
            keep &= pledges[F.CONFIDENCE].isin(self.confidence)
        if self.text:
            keep &= pledges[F.SEARCH_TEXT].str.contains(self.text.casefold(), regex=False)
        return pledges[keep]

    def apply_delegations(
        self, delegations: pd.DataFrame, shown_pledges: pd.DataFrame, meeting_id: str | None
    ) -> pd.DataFrame:
        """Delegations of the meeting in the chosen groups; with pledge filters, only those with a matching pledge."""
        keep = delegations[F.MEETING] == meeting_id if meeting_id else pd.Series(True, index=delegations.index)
        keep &= self._participant_mask(delegations)
        if self.narrows_pledges or self.text:
            matched = set(shown_pledges[F.PARTICIPANT])
            if self.text and not self.narrows_pledges:
                needle = self.text.casefold()
                by_name = delegations[F.NAME].str.casefold().str.contains(needle, regex=False)
                by_head = delegations[F.HEADS].str.casefold().str.contains(needle, regex=False)
                keep &= by_name | by_head | delegations[F.PARTICIPANT].isin(matched)
            else:
                keep &= delegations[F.PARTICIPANT].isin(matched)
        return delegations[keep]

    def rows(self, dataset: Dataset, frames: Frames) -> FilteredRows:
        """The meeting shown and its filtered pledges, pledge types and delegations: what every view starts from."""
        meeting_id = self.meeting_id(dataset)
        meeting = next((m for m in dataset.meetings if m.meeting.id == meeting_id), None)
        pledges = self.apply_pledges(frames.pledges, meeting_id)
        pledge_types = frames.pledge_types[frames.pledge_types[F.PLEDGE].isin(pledges[F.PLEDGE])]
        if self.types:
            pledge_types = pledge_types[pledge_types[F.TYPE].isin(self.types)]
        delegations = self.apply_delegations(frames.delegations, pledges, meeting_id)
        return FilteredRows(meeting, pledges, pledge_types, delegations)

    def _participant_mask(self, frame: pd.DataFrame) -> pd.Series:
        if not self.groups:
            return pd.Series(True, index=frame.index)
        wanted = set(self.groups) - {ORGANISATIONS}
        mask = _any_of(frame[F.GROUPS], wanted)
        if ORGANISATIONS in self.groups:
            mask |= frame[F.KIND] != F.STATE_KIND
        return mask

    # --- words -----------------------------------------------------------------------------

    def describe(self, dataset: Dataset, count: int, noun: str, *, all_meetings: bool = False) -> str:
        """One sentence: 'Showing 23 pledges, by NATO members, on land, after a ceasefire, at <meeting>.'"""
        labels = filter_options(dataset)
        words = [f"Showing {count} {noun if count != 1 else _SINGULAR.get(noun, noun.removesuffix('s'))}"]
        if self.groups:
            words.append("by " + _join(labels["groups"][g] for g in self.groups))
        if self.types:
            words.append("of type " + _join(labels["types"][t] for t in self.types))
        if self.statuses:
            words.append("with status " + _join(labels["statuses"][s] for s in self.statuses))
        if self.domains:
            words.append(_join(_DOMAIN_PHRASES[d] for d in self.domains))
        if self.conditions:
            words.append(_join(labels["conditions"][c].lower() for c in self.conditions))
        if self.confidence:
            words.append("with confidence " + _join(labels["confidence"][c].lower() for c in self.confidence))
        if self.text:
            words.append(f'matching "{self.text}"')
        meeting_id = self.meeting_id(dataset)
        if all_meetings:
            words.append("across all meetings")
        elif meeting_id:
            words.append("at " + labels["meeting"][meeting_id])
        return ", ".join(words) + "."


class FilteredRows(NamedTuple):
    """The rows a filter state selects (pages, exports and slides all start from these)."""

    meeting: MeetingFile | None
    pledges: pd.DataFrame
    pledge_types: pd.DataFrame
    delegations: pd.DataFrame


_SINGULAR = {"pledges and stances": "pledge or stance"}
_DOMAIN_PHRASES = {"land": "on land", "sea": "at sea", "air": "in the air"}


def filter_options(dataset: Dataset) -> dict[str, dict[str, str]]:
    """Every allowed value of every filter, id → label, in display order."""
    groups = {g.id: f"{g.short_name} members" for g in dataset.groups.values()}
    groups[ORGANISATIONS] = "organisations"
    conditions = {c.id: c.label for c in dataset.conditions.values()}
    conditions[UNCONDITIONAL] = "No condition stated"
    return {
        "meeting": {m.meeting.id: m.meeting.short_name for m in reversed(dataset.meetings)},
        "groups": groups,
        "types": {t.id: t.label for t in dataset.commitment_types.values()},
        "statuses": {str(s): STATUS_LABELS[s] for s in Status},
        "conditions": conditions,
        "domains": {str(d): DOMAIN_LABELS[d] for d in Domain},
        "confidence": {str(c): CONFIDENCE_LABELS[c] for c in Confidence},
    }


def _any_of(column: pd.Series, wanted: Iterable[str]) -> pd.Series:
    wanted = set(wanted)
    return column.map(lambda values: not wanted.isdisjoint(values)).astype(bool)


def _join(items: Iterable[str]) -> str:
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]


FILTER_FIELDS = tuple(f.name for f in fields(Filters))
