"""The one filter object: read from and written to URL query parameters, applied, described in words.

Every filter is one row of FILTERS (a FilterSpec): its URL key, sidebar label, kind of value, options
from the dataset, what it keeps and how the sentence says it. `Filters` gets one field per row, and
its operations (from and to the URL, restricted_to, rows, describe), the sidebar
(summit_ui/sidebar.py), the CLI (KEY=VALUE through from_query_params) and the tests all loop over
the table, so adding a filter is one row plus its predicate.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, make_dataclass, replace
from dataclasses import field as dataclass_field
from typing import Any, ClassVar, NamedTuple, Self

import pandas as pd

from summit import frames as F
from summit.dataset import Dataset
from summit.frames import Frames, participant_name
from summit.history import dataset_as_of
from summit.i18n import DEFAULT_LANGUAGE, LANGUAGES, N_, Messages, _, format_day, ngettext
from summit.overview import COUNTED, PLEDGES
from summit.scenarios import outcomes, state_options, states_of, tokens_of
from summit.schema import MeetingFile
from summit.search import SEARCH_RULE, fold, nearest
from summit.vocabulary import (
    CONFIDENCE_LABELS,
    DOMAIN_LABELS,
    OUTCOME_LABELS,
    STATUS_LABELS,
    Domain,
    Timing,
)

# Pseudo group: participants that are organisations rather than states.
ORGANISATIONS = "organisations"
# Pseudo condition: pledges that carry no condition at all.
UNCONDITIONAL = "none"
MAX_TEXT = 200
# The field that picks the meeting: `rows(all_meetings=True)` and the timeline set it aside.
MEETING = "meeting"
LANGUAGE = "lang"  # the interface's language (summit.i18n); None: English
AS_OF = "as_of"  # the day the data is seen as of (summit.history); None: the dataset's as_of
SINCE = "since"  # the day changes are listed since (summit.changes); None: the meeting before the latest one
ALL_MEETINGS_PHRASE = N_("across all meetings")


# --- kinds of value ------------------------------------------------------------------------
# A kind says how a value is read from the URL (where a key may repeat, lists are comma-separated),
# written back, and cut down to the values the dataset knows. The set is open: a new kind (a scenario
# of conditions met / not met / open, ...) is one subclass here and one widget in summit_ui/sidebar.py.


def _parts(texts: Iterable[str]) -> list[str]:
    return [part.strip() for text in texts for part in text.split(",") if part.strip()]


class Kind:
    """How one kind of filter value travels through the URL; the default means 'not filtered'."""

    name: ClassVar[str]
    annotation: ClassVar[str]  # the type of the Filters field
    default: ClassVar[Any]

    def parse(self, texts: list[str]) -> Any:
        """The value of the URL texts given for the key; what cannot be read gives the default."""
        raise NotImplementedError

    def to_url(self, value: Any) -> str:
        """The URL text of a value other than the default."""
        return str(value)

    def restrict(self, value: Any, options: Mapping[str, str]) -> Any:
        """The value without what the dataset's options do not hold."""
        return value

    def is_set(self, value: Any) -> bool:
        """True when the value filters something."""
        return value != self.default


class One(Kind):
    """One option id, or None."""

    name, annotation, default = "one", "str | None", None

    def parse(self, texts: list[str]) -> str | None:
        """The first id given."""
        parts = _parts(texts)
        return parts[0] if parts else None

    def restrict(self, value: str | None, options: Mapping[str, str]) -> str | None:
        """None when the id is unknown."""
        return value if value in options else None


class Many(Kind):
    """Any number of option ids, in the order given, without repeats; () means all."""

    name, annotation, default = "many", "tuple[str, ...]", ()

    def parse(self, texts: list[str]) -> tuple[str, ...]:
        """Every id given (comma-separated or repeated keys), once."""
        return tuple(dict.fromkeys(_parts(texts)))

    def to_url(self, value: tuple[str, ...]) -> str:
        """Ids joined by commas."""
        return ",".join(value)

    def restrict(self, value: tuple[str, ...], options: Mapping[str, str]) -> tuple[str, ...]:
        """Only the ids the dataset knows."""
        return tuple(v for v in value if v in options)


class Text(Kind):
    """Free text, stripped and capped at max_chars."""

    name, annotation, default = "text", "str", ""

    def __init__(self, max_chars: int) -> None:
        self.max_chars = max_chars

    def parse(self, texts: list[str]) -> str:
        """The texts joined by spaces (commas are part of the text)."""
        return " ".join(texts).strip()[: self.max_chars]


class Flag(Kind):
    """A yes/no switch: `key=1` in the URL, left out when off."""

    name, annotation, default = "flag", "bool", False
    ON = "1"
    _READ_AS_ON = frozenset({ON, "true", "yes", "on"})  # what a hand-written link may say

    def parse(self, texts: list[str]) -> bool:
        """True for 1 (or true, yes, on); anything else is off."""
        parts = _parts(texts)
        return bool(parts) and parts[0].casefold() in self._READ_AS_ON

    def to_url(self, value: bool) -> str:
        """Always 1: only an on switch is written."""
        return self.ON


class Date(Kind):
    """A calendar day, ISO 8601 in the URL (2025-09-30), or None."""

    name, annotation, default = "date", "datetime.date | None", None

    def parse(self, texts: list[str]) -> dt.date | None:
        """The first text as a date; not a date gives None."""
        parts = _parts(texts)
        try:
            return dt.date.fromisoformat(parts[0]) if parts else None
        except ValueError:
            return None

    def to_url(self, value: dt.date) -> str:
        """YYYY-MM-DD."""
        return value.isoformat()


class ScenarioStates(Many):
    """Conditions marked met, not met or open (summit.scenarios): 'after_ceasefire:not_met', one per condition."""

    name = "scenario"

    def restrict(self, value: tuple[str, ...], options: Mapping[str, str]) -> tuple[str, ...]:
        """Only states of conditions the dataset knows, the last one of a condition kept."""
        return tokens_of(states_of(v for v in value if v in options))


ONE, MANY, TEXT, FLAG, DATE, SCENARIO = One(), Many(), Text(MAX_TEXT), Flag(), Date(), ScenarioStates()


# --- the table ---------------------------------------------------------------------------

# (frame, value) → boolean mask over the frame's rows.
Predicate = Callable[[pd.DataFrame, Any], pd.Series]
# (value, the spec's options: id → label) → the words the sentence gives the filter.
Phrase = Callable[[Any, Mapping[str, str]], str]


@dataclass(frozen=True)
class FilterSpec:
    """One filter: its names, its kind of value, what it keeps and how the sentence says it.

    What it keeps is given by up to four predicates, each for the frame it names:
    - `records`: pledges and delegations alike, from columns both frames have (group membership, meeting);
    - `pledges`: pledges; a delegation is then shown only if its participant has a kept pledge at that meeting;
    - `delegations`: how a delegation matches `pledges` by itself (the text search matches a head's name),
      used when every pledge filter set has one;
    - `pledge_types`: the (pledge, commitment type) rows of the kept pledges (a type filter keeps its types).
    """

    field: str  # attribute of Filters and key of filter_options()
    key: str  # URL key: short and stable, links in e-mails depend on it
    label: str  # sidebar widget label
    kind: Kind
    phrase: Phrase
    sentence_rank: int  # where the phrase goes in the sentence, lowest first ("by …" before "at …")
    records: Predicate | None = None
    pledges: Predicate | None = None
    delegations: Predicate | None = None
    pledge_types: Predicate | None = None
    options: Callable[[Dataset], dict[str, str]] | None = None  # id → label, in display order
    default_option: Callable[[Dataset], str | None] | None = None  # the option that None stands for ('one' kind)
    placeholder: str = ""
    help: str = ""
    applies_unset: bool = False  # its predicates apply at the default value too (the time scope: made at the meeting)
    setting: bool = False  # a view setting, not a filter (the language): drawn above the filters, kept by Reset


# Options, predicates and phrases of the rows below.


def _meeting_options(dataset: Dataset) -> dict[str, str]:
    return {m.meeting.id: m.meeting.short_name for m in reversed(dataset.meetings)}


def _group_options(dataset: Dataset) -> dict[str, str]:
    members = {g.id: _("{group} members").format(group=g.short_name) for g in dataset.groups.values()}
    return {**members, ORGANISATIONS: _("organisations")}


def _type_options(dataset: Dataset) -> dict[str, str]:
    return {t.id: t.label for t in dataset.commitment_types.values()}


def _condition_options(dataset: Dataset) -> dict[str, str]:
    return {**{c.id: c.label for c in dataset.conditions.values()}, UNCONDITIONAL: _("No condition stated")}


def _labels(labels: Mapping[Any, str]) -> Callable[[Dataset], dict[str, str]]:
    """Options of a fixed vocabulary (summit.vocabulary): the same for every dataset."""
    return lambda _dataset: {str(value): label for value, label in labels.items()}


def _any_of(column: pd.Series, wanted: Iterable[str]) -> pd.Series:
    wanted = set(wanted)
    return column.map(lambda values: not wanted.isdisjoint(values)).astype(bool)


def _listed(column: str) -> Predicate:
    """Rows whose list column holds any of the ids."""
    return lambda frame, ids: _any_of(frame[column], ids)


def _one_of(column: str) -> Predicate:
    """Rows whose column is one of the ids."""
    return lambda frame, ids: frame[column].isin(ids)


def _at_meeting(frame: pd.DataFrame, meeting_id: str) -> pd.Series:
    return frame[F.MEETING] == meeting_id


def _in_groups(frame: pd.DataFrame, groups: tuple[str, ...]) -> pd.Series:
    mask = _any_of(frame[F.GROUPS], set(groups) - {ORGANISATIONS})
    if ORGANISATIONS in groups:
        mask |= frame[F.KIND] != F.STATE_KIND
    return mask


def _made_by(frame: pd.DataFrame, day: dt.date) -> pd.Series:
    """Records made, and delegations at meetings held, on or before the day. Statuses as of the day come from
    `dataset_view`, which the pages, exports and slides build their frames from."""
    made = frame[F.MADE_ON] if F.MADE_ON in frame.columns else frame[F.MEETING_DATE]
    return made <= pd.Timestamp(day)


def _with_conditions(pledges: pd.DataFrame, conditions: tuple[str, ...]) -> pd.Series:
    mask = _any_of(pledges[F.CONDITIONS], set(conditions) - {UNCONDITIONAL})
    if UNCONDITIONAL in conditions:
        mask |= ~pledges[F.IS_CONDITIONAL]
    return mask


def _mentions(pledges: pd.DataFrame, text: str) -> pd.Series:
    return pledges[F.SEARCH_TEXT].str.contains(fold(text), regex=False)


def _names(delegations: pd.DataFrame, text: str) -> pd.Series:
    """The participant's name or code, or a head of delegation's name and title, holds the text (folded)."""
    return delegations[F.SEARCH_TEXT].str.contains(fold(text), regex=False)


def _has_lead_role(pledges: pd.DataFrame, _on: bool) -> pd.Series:
    return pledges[F.LEAD_FOR].map(bool).astype(bool)


def _counted(frame: pd.DataFrame, rule: str) -> pd.Series:
    """The rows a headline figure counts (summit.overview.COUNTED), in the frame it counts; the other frame is
    left whole (a figure counting pledges lists pledges, one counting delegations lists delegations)."""
    spec = COUNTED[rule]
    counts_this_frame = (F.IS_STANCE in frame.columns) == (spec.frame == PLEDGES)
    return spec.keep(frame) if counts_this_frame else pd.Series(True, index=frame.index)


# The time scope: what a meeting's rows hold besides what was made or restated at it (summit.timing).
SCOPE = "scope"
SCOPE_OPTIONS = Messages(
    {
        str(Timing.EARLIER): N_("Earlier statements (carried over)"),
        str(Timing.LATER): N_("Later statements (follow-up)"),
    }
)
# The scope's phrase, by the statements added in the order chosen.
_SCOPE_PHRASES = Messages(
    {
        (str(Timing.EARLIER),): N_("with earlier statements"),
        (str(Timing.LATER),): N_("with later statements"),
        (str(Timing.EARLIER), str(Timing.LATER)): N_("with earlier and later statements"),
        (str(Timing.LATER), str(Timing.EARLIER)): N_("with later and earlier statements"),
    }
)


def _in_scope(frame: pd.DataFrame, also: tuple[str, ...]) -> pd.Series:
    """Records made or restated at their meeting, plus the earlier or later ones asked for; delegations all."""
    if F.TIMING not in frame.columns:
        return pd.Series(True, index=frame.index)
    return frame[F.AT_MEETING_COL].astype(bool) | frame[F.TIMING].isin(also)


def _scope_phrase(also: tuple[str, ...], _labels: Mapping[str, str]) -> str:
    if not also:
        return ""  # the default: the meeting's own records, which "at <meeting>" already says
    return _SCOPE_PHRASES[tuple(also)]


# The scenario: conditions marked met, not met or open; every record gets an outcome (summit.scenarios).
SCENARIO_FIELD = "scenario"
OUTCOMES_FIELD = "outcomes"


def _with_outcome(frame: pd.DataFrame, wanted: tuple[str, ...]) -> pd.Series:
    """Records whose outcome in the scenario is one of those wanted; delegations all."""
    if F.OUTCOME not in frame.columns:
        return pd.Series(True, index=frame.index)
    return frame[F.OUTCOME].isin(wanted)


def _scenario_phrase(tokens: tuple[str, ...], labels: Mapping[str, str]) -> str:
    return _("in the scenario “{scenario}”").format(scenario="; ".join(labels[t] for t in tokens))


def _join(items: Iterable[str], *, every: bool = False) -> str:
    """'A, B or C' ('A, B and C' with `every`), the joiner in the current language."""
    items = list(items)
    if len(items) == 1:
        return items[0]
    last = _("{first} and {last}") if every else _("{first} or {last}")
    return last.format(first=", ".join(items[:-1]), last=items[-1])


def _chain(items: Iterable[str], *, every: bool = False) -> str:
    """'A or B or C' ('A and B and C' with `every`): each item joined to the next, no commas."""
    items = list(items)
    text = items[0]
    for item in items[1:]:
        text = (_("{first} and {last}") if every else _("{first} or {last}")).format(first=text, last=item)
    return text


def _listing(template: str = "", *, lower: bool = False) -> Phrase:
    """'by A, B or C' from the options' labels: the template (marked with N_) names them {items}."""

    def phrase(ids: tuple[str, ...], labels: Mapping[str, str]) -> str:
        words = _join(labels[i].lower() if lower else labels[i] for i in ids)
        return _(template).format(items=words) if template else words

    return phrase


def _meeting_phrase(meeting: str, labels: Mapping[str, str]) -> str:
    return _("at {meeting}").format(meeting=labels[meeting])


def _text_phrase(text: str, _labels: Mapping[str, str]) -> str:
    return _('matching "{text}"').format(text=text)


def _as_of_phrase(day: dt.date, _labels: Mapping[str, str]) -> str:
    return _("as the data stood on {day}").format(day=format_day(day))


def _since_phrase(day: dt.date, _labels: Mapping[str, str]) -> str:
    return _("changes listed since {day}").format(day=format_day(day))


def _counted_phrase(rule: str, labels: Mapping[str, str]) -> str:
    return _("counted as {figure}").format(figure=labels[rule].lower())


_DOMAIN_PHRASES = Messages({Domain.LAND: N_("on land"), Domain.SEA: N_("at sea"), Domain.AIR: N_("in the air")})

# Every filter, in the order of the sidebar. URL keys: links in e-mails depend on them, never change one.
FILTERS: tuple[FilterSpec, ...] = (
    FilterSpec(
        LANGUAGE, "lang", N_("Language"), ONE, lambda _lang, _: "", 0,
        options=lambda _dataset: dict(LANGUAGES), default_option=lambda _dataset: DEFAULT_LANGUAGE, setting=True,
        help=N_("The language of the interface, the handouts and the exports. Descriptions, names and notes are "
                "shown in the language of the data."),
    ),
    FilterSpec(
        MEETING, "m", N_("Meeting"), ONE, _meeting_phrase, 90,
        records=_at_meeting, options=_meeting_options, default_option=Dataset.default_meeting_id,
    ),
    FilterSpec(
        "text", "q", N_("Search names and descriptions"), TEXT, _text_phrase, 80,
        pledges=_mentions, delegations=_names, placeholder=N_("A name, a place or a word"), help=SEARCH_RULE,
    ),
    FilterSpec(
        "groups", "g", N_("Participant group"), MANY, _listing(N_("by {items}")), 10,
        records=_in_groups, options=_group_options,
    ),
    FilterSpec(
        "types", "t", N_("Commitment type"), MANY, _listing(N_("of type {items}")), 20,
        pledges=_listed(F.TYPES), pledge_types=_one_of(F.TYPE), options=_type_options,
    ),
    FilterSpec(
        "statuses", "s", N_("Status"), MANY, _listing(N_("with status {items}")), 30,
        pledges=_one_of(F.STATUS), options=_labels(STATUS_LABELS),
    ),
    FilterSpec(
        "conditions", "c", N_("Condition"), MANY, _listing(lower=True), 50,
        pledges=_with_conditions, options=_condition_options,
    ),
    FilterSpec(
        "domains", "d", N_("Domain"), MANY, lambda domains, _labels: _join(_DOMAIN_PHRASES[d] for d in domains), 40,
        pledges=_listed(F.DOMAINS), options=_labels(DOMAIN_LABELS),
    ),
    FilterSpec(
        "confidence", "k", N_("Confidence"), MANY, _listing(N_("with confidence {items}"), lower=True), 60,
        pledges=_one_of(F.CONFIDENCE), options=_labels(CONFIDENCE_LABELS),
    ),
    FilterSpec(
        "lead", "lead", N_("Lead roles only"), FLAG, lambda _on, _labels: _("with a lead role"), 70,
        pledges=_has_lead_role, pledge_types=lambda pledge_types, _on: pledge_types[F.IS_LEAD],
        help=N_("Pledges in which the participant leads a commitment (the Lead role column); "
        "counts by type and the Who does what grid keep only the commitments it leads."),
    ),
    FilterSpec(
        SCOPE, "scope", N_("Also include"), MANY, _scope_phrase, 85, records=_in_scope,
        options=lambda _dataset: dict(SCOPE_OPTIONS), applies_unset=True,
        help=N_("A meeting's figures, map and grid count what was made or restated at it. Add statements made "
        "before it (carried over) or after it (follow-up)."),
    ),
    FilterSpec(
        SCENARIO_FIELD, "sc", N_("Scenario: conditions"), SCENARIO, _scenario_phrase, 95,
        options=state_options, placeholder=N_("None: the data as recorded"),
        help=N_("What if a condition is met, not met or still open: each pledge then stands, lapses or is "
        "uncertain (the Scenarios page). Nothing is hidden by it; the outcome filter below lists one kind."),
    ),
    FilterSpec(
        OUTCOMES_FIELD, "so", N_("Outcome in the scenario"), MANY, _listing(N_("with outcome {items}")), 96,
        records=_with_outcome, options=lambda _dataset: {str(k): v.lower() for k, v in OUTCOME_LABELS.items()},
        help=N_("Keep the records that stand, lapse or are uncertain in the scenario above."),
    ),
    FilterSpec(
        AS_OF, "asof", N_("As of"), DATE, _as_of_phrase, 99,
        records=_made_by,
        help=N_("See every page, export and slide as the data stood on that day: later meetings, records and steps "
        "left out, statuses as they were then. Empty: the dataset's as-of date."),
    ),
    FilterSpec(
        SINCE, "since", N_("Changes since"), DATE, _since_phrase, 100,
        help=N_("The day the Changes page, the briefing's 'What changed' slide and the Excel export's change sheet "
        "compare with (up to the as-of day). Nothing is hidden by it. Empty: the last day of the meeting before "
        "the latest one."),
    ),
    FilterSpec(
        "counted", "n", N_("Counted as"), ONE, _counted_phrase, 75,
        records=_counted, options=lambda _dataset: {k: _(c.label) for k, c in COUNTED.items()},
        help=N_("The records a headline figure on the Overview counts, by the rule shown beside it."),
    ),
)  # fmt: skip


# --- the filter object -------------------------------------------------------------------


class FilterOperations:
    """What a filter state does; `Filters` below adds one frozen field per row of its SPECS."""

    SPECS: ClassVar[tuple[FilterSpec, ...]] = ()

    # --- URL -------------------------------------------------------------------------------

    @classmethod
    def from_query_params(cls, params: Mapping[str, str | list[str]], dataset: Dataset | None = None) -> Self:
        """Read filters from query parameters; unknown keys and values are dropped, not errors."""
        values = {}
        for spec in cls.SPECS:
            raw = params.get(spec.key)
            if raw is not None:
                values[spec.field] = spec.kind.parse([raw] if isinstance(raw, str) else list(raw))
        filters = cls(**values)
        return filters.restricted_to(dataset) if dataset is not None else filters

    def to_query_params(self) -> dict[str, str]:
        """Query parameters for this view; defaults are left out so URLs stay short."""
        return {spec.key: spec.kind.to_url(value) for spec, value in self._set_values()}

    def restricted_to(self, dataset: Dataset) -> Self:
        """Drop values the dataset does not know, so a stale link shows a valid view."""
        options = filter_options(dataset, self.SPECS)
        kept = {s.field: s.kind.restrict(getattr(self, s.field), options[s.field]) for s in self.SPECS if s.options}
        return replace(self, **kept)

    # --- applying --------------------------------------------------------------------------

    @property
    def scenario_states(self) -> dict[str, Any]:
        """Condition id → state of the scenario shown ({} for none)."""
        return states_of(getattr(self, SCENARIO_FIELD, ()))

    @property
    def in_scenario(self) -> bool:
        """True when a scenario is set, or an outcome asked for (then against the data as recorded)."""
        return bool(getattr(self, SCENARIO_FIELD, ()) or getattr(self, OUTCOMES_FIELD, ()))

    @property
    def is_default(self) -> bool:
        """True when nothing is filtered."""
        return self == type(self)()

    def meeting_id(self, dataset: Dataset) -> str | None:
        """The meeting shown: the chosen one, else the dataset's default meeting."""
        return getattr(self, MEETING) or dataset.default_meeting_id()

    def apply_pledges(self, pledges: pd.DataFrame, meeting_id: str | None) -> pd.DataFrame:
        """Pledges of the meeting (every meeting if None) that pass every filter; with a scenario (or an outcome
        asked for), each with its outcome in F.OUTCOME."""
        if self.in_scenario:
            pledges = pledges.assign(**{F.OUTCOME: outcomes(pledges, self.scenario_states)})
        keep = pd.Series(True, index=pledges.index)
        for spec, value in self._applied(meeting_id):
            for predicate in (spec.records, spec.pledges):
                if predicate is not None:
                    keep &= predicate(pledges, value)
        return pledges[keep]

    def apply_delegations(
        self, delegations: pd.DataFrame, shown_pledges: pd.DataFrame, meeting_id: str | None
    ) -> pd.DataFrame:
        """Delegations of the meeting (every meeting if None) that pass the filters: see FilterSpec."""
        keep = pd.Series(True, index=delegations.index)
        pledge_filters = []
        for spec, value in self._applied(meeting_id):
            if spec.records is not None:
                keep &= spec.records(delegations, value)
            if spec.pledges is not None:
                pledge_filters.append((spec, value))
        if pledge_filters:
            if meeting_id is not None:  # one meeting: the participant names the delegation
                has_pledge = delegations[F.PARTICIPANT].isin(set(shown_pledges[F.PARTICIPANT]))
            else:  # across meetings, a pledge made at one meeting does not stand for a delegation at another
                pairs = [F.MEETING, F.PARTICIPANT]
                kept = pd.MultiIndex.from_frame(shown_pledges[pairs])
                has_pledge = pd.Series(pd.MultiIndex.from_frame(delegations[pairs]).isin(kept), index=delegations.index)
            if all(spec.delegations is not None for spec, _ in pledge_filters):
                by_itself = pd.Series(True, index=delegations.index)
                for spec, value in pledge_filters:
                    by_itself &= spec.delegations(delegations, value)
                keep &= by_itself | has_pledge
            else:
                keep &= has_pledge
        return delegations[keep]

    def rows(self, dataset: Dataset, frames: Frames, *, all_meetings: bool = False) -> FilteredRows:
        """The meeting shown and its filtered pledges, pledge types and delegations: what every view starts from.

        With all_meetings, the rows of every meeting (the other filters apply) and no meeting: the timeline.
        """
        meeting_id = None if all_meetings else self.meeting_id(dataset)
        meeting = next((m for m in dataset.meetings if m.meeting.id == meeting_id), None)
        pledges = self.apply_pledges(frames.pledges, meeting_id)
        pledge_types = frames.pledge_types[frames.pledge_types[F.PLEDGE].isin(pledges[F.PLEDGE])]
        if F.OUTCOME in pledges.columns:
            by_pledge = dict(zip(pledges[F.PLEDGE], pledges[F.OUTCOME], strict=True))
            pledge_types = pledge_types.assign(**{F.OUTCOME: pledge_types[F.PLEDGE].map(by_pledge)})
        for spec, value in self._applied(meeting_id):
            if spec.pledge_types is not None:
                pledge_types = pledge_types[spec.pledge_types(pledge_types, value)]
        delegations = self.apply_delegations(frames.delegations, pledges, meeting_id)
        return FilteredRows(meeting, pledges, pledge_types, delegations)

    def _set_values(self) -> Iterator[tuple[FilterSpec, Any]]:
        """(spec, value) of every filter set, in table order."""
        for spec in self.SPECS:
            value = getattr(self, spec.field)
            if spec.kind.is_set(value):
                yield spec, value

    def _applied(self, meeting_id: str | None) -> Iterator[tuple[FilterSpec, Any]]:
        """(spec, value) of every filter that narrows the rows; the meeting is meeting_id (None: every meeting)."""
        for spec in self.SPECS:
            value = meeting_id if spec.field == MEETING else getattr(self, spec.field)
            if spec.kind.is_set(value) or spec.applies_unset:
                yield spec, value

    # --- words -----------------------------------------------------------------------------

    def describe(self, dataset: Dataset, count: int, noun: str, *, all_meetings: bool = False) -> str:
        """One sentence: 'Showing 23 pledges, by NATO members, on land, after a ceasefire, at <meeting>.'"""
        options = filter_options(dataset, self.SPECS)
        meeting_id = None if all_meetings else self.meeting_id(dataset)
        phrases = [
            (spec.sentence_rank, phrase)
            for spec, value in self._applied(meeting_id)
            if (phrase := spec.phrase(value, options.get(spec.field, {})))
        ]
        if all_meetings:
            rank = next((s.sentence_rank for s in self.SPECS if s.field == MEETING), 0)
            phrases.append((rank, _(ALL_MEETINGS_PHRASE)))
        phrases.sort(key=lambda ranked: ranked[0])  # stable: equal ranks keep table order
        words = [_showing(count, noun)]
        sentence = ", ".join(words + [phrase for _rank, phrase in phrases])
        return sentence if sentence.endswith(".") else sentence + "."  # "… 2026 р." (a Ukrainian date) takes no second


def dataset_view(filters: FilterOperations, dataset: Dataset) -> Dataset:
    """The dataset the filters look at: as it stood on their as-of day (summit.history.HISTORY_RULE), else itself.

    Frames, pages, exports and slides are built from it; the other filters then apply to its rows."""
    day = getattr(filters, AS_OF, None)
    return dataset_as_of(dataset, day) if day is not None else dataset


def scope_note(filters: FilterOperations, dataset: Dataset, frames: Frames, *, all_meetings: bool = False) -> str:
    """What the time scope leaves out of the view, in words ('' when nothing): shown beside the figures."""
    also = getattr(filters, SCOPE)
    if set(SCOPE_OPTIONS) <= set(also):
        return ""
    # Only the pledges are needed: the other filters, the scope widened to everything.
    meeting_id = None if all_meetings else filters.meeting_id(dataset)
    wider = replace(filters, **{SCOPE: tuple(SCOPE_OPTIONS)}).apply_pledges(frames.pledges, meeting_id)
    counts = wider[F.TIMING].value_counts()
    earlier, later = (int(counts.get(str(t), 0)) if str(t) not in also else 0 for t in (Timing.EARLIER, Timing.LATER))
    if not earlier and not later:
        return ""
    before = ngettext(
        "{count} earlier statement (before the meeting)", "{count} earlier statements (before the meeting)", earlier
    ).format(count=earlier)
    if earlier and later:
        after = ngettext("{count} later one (after it)", "{count} later ones (after it)", later).format(count=later)
        return _("Not counted: {earlier} and {later}.").format(earlier=before, later=after)
    if later:
        before = ngettext(
            "{count} later statement (after the meeting)", "{count} later statements (after the meeting)", later
        ).format(count=later)
    return _("Not counted: {statements}.").format(statements=before)


def _domain_categories(filters: FilterOperations, dataset: Dataset) -> set[str]:
    """The categories a domain filter, or a type filter with a domain, concerns."""
    kinds = dataset.commitment_types
    chosen = [kinds[t] for t in getattr(filters, "types", ()) if t in kinds and kinds[t].domain is not None]
    domains = set(getattr(filters, "domains", ()))
    return {t.category for t in chosen} | {t.category for t in kinds.values() if t.domain in domains}


def no_domain_records(filters: FilterOperations, dataset: Dataset, frames: Frames, shown: pd.DataFrame) -> pd.DataFrame:
    """The records DOMAIN_RULE sets apart from a view filtered by domain or by a type with a domain: they pass
    every other filter, name no domain, have a domain_unspecified type of the category concerned, and are not
    shown (none when neither filter is set)."""
    kinds = dataset.commitment_types
    categories = _domain_categories(filters, dataset)
    if not categories:
        return shown.iloc[0:0]
    concerned = {t.id for t in kinds.values() if t.category in categories and t.domain_unspecified}
    wider = replace(filters, types=tuple(t for t in getattr(filters, "types", ()) if kinds[t].domain is None),
                    domains=())  # fmt: skip
    if wider.types:  # the other types chosen still narrow the rows; the concerned ones are added back
        wider = replace(wider, types=(*wider.types, *sorted(concerned - set(wider.types))))
    rows = wider.rows(dataset, frames).pledges
    keep = (
        (rows[F.DOMAINS].map(len) == 0)
        & rows[F.TYPES].map(lambda types: bool(concerned.intersection(types)))
        & ~rows[F.PLEDGE].isin(shown[F.PLEDGE])
    )
    return rows[keep]


def no_domain_note(filters: FilterOperations, dataset: Dataset, set_apart: pd.DataFrame) -> str:
    """'Set apart: 5 records under “Multinational force and its command” name no domain …' ('' when none)."""
    if set_apart.empty:
        return ""
    labels = [dataset.categories[c].label for c in sorted(_domain_categories(filters, dataset))]
    count = len(set_apart)
    under = _chain(_("“{category}”").format(category=label) for label in labels)
    return ngettext(
        "Set apart: {count} record under {categories} names no domain (land, sea or air): not counted here, "
        "listed after the table on the Pledges page.",
        "Set apart: {count} records under {categories} name no domain (land, sea or air): not counted here, "
        "listed after the table on the Pledges page.",
        count,
    ).format(count=count, categories=under)


def search_note(filters: FilterOperations, dataset: Dataset, frames: Frames, shown: pd.DataFrame) -> str:
    """What the text search matched, in words: whose delegation the name is in ('“Starmer”: 5 records of United
    Kingdom, whose delegation Keir Starmer led.'), the documents of the meeting whose title it is in, or, when
    nothing matched, the nearest names ('' without a search)."""
    text = getattr(filters, "text", "")
    if not text:
        return ""
    needle = fold(text)
    meeting_id = filters.meeting_id(dataset)
    delegations = frames.delegations[frames.delegations[F.MEETING] == meeting_id]
    counts = shown[F.PARTICIPANT].value_counts()
    led = []
    for code, name, names in zip(delegations[F.PARTICIPANT], delegations[F.NAME], delegations[F.HEAD_NAMES],
                                 strict=True):  # fmt: skip
        people = [person for person in names if needle in fold(person)]
        if people:
            count = int(counts.get(code, 0))
            led.append(
                ngettext(
                    "{count} record of {name}, whose delegation {people} led",
                    "{count} records of {name}, whose delegation {people} led",
                    count,
                ).format(count=count, name=name, people=_chain(people, every=True))
            )
    meeting = next((m for m in dataset.meetings if m.meeting.id == meeting_id), None)
    documents = [
        _("it is in the title of “{title}”, signed by {signatories}").format(
            title=d.title, signatories=_join((participant_name(dataset, c) for c in d.signatories), every=True)
        )
        for d in (meeting.meeting.documents if meeting else ())
        if needle in fold(d.title)
    ]
    if led or documents:
        return _("“{text}”: {matches}.").format(text=text, matches="; ".join(led + documents))
    if len(shown):
        return ""
    words = {w for name in frames.delegations[F.NAME] for w in name.split()}
    words |= {w for names in frames.delegations[F.HEAD_NAMES] for person in names for w in person.split()}
    words |= {w for t in dataset.commitment_types.values() for w in t.label.split()}
    close = nearest(text, (w.strip(",.()") for w in words if len(w) > 3))
    if close:
        return _("Nothing matches “{text}”. Nearest: {names}.").format(text=text, names=", ".join(close))
    return _("Nothing matches “{text}”.").format(text=text)


def make_filters_class(specs: tuple[FilterSpec, ...], name: str = "Filters") -> type[FilterOperations]:
    """A frozen, hashable dataclass with one field per spec, at its kind's default ('all')."""
    if len({s.field for s in specs}) != len(specs) or len({s.key for s in specs}) != len(specs):
        raise ValueError("every filter needs its own field and URL key")
    cls = make_dataclass(
        name,
        [(s.field, s.kind.annotation, dataclass_field(default=s.kind.default)) for s in specs],
        bases=(FilterOperations,),
        namespace={
            "SPECS": specs,
            "__doc__": "What the user is looking at: one field per filter, at its default ('all') unless set. "
            "A meeting of None means the dataset's default meeting.",
        },
        frozen=True,
    )
    cls.__module__ = __name__  # so that pickle (st.cache_data) finds summit.filters.Filters
    return cls


Filters = make_filters_class(FILTERS)


class FilteredRows(NamedTuple):
    """The rows a filter state selects (pages, exports and slides all start from these)."""

    meeting: MeetingFile | None
    pledges: pd.DataFrame
    pledge_types: pd.DataFrame
    delegations: pd.DataFrame


# The head of the sentence, by the noun the callers count (describe's `noun`), in every plural form.
_SHOWING: dict[str, Callable[[int], str]] = {
    "pledges and stances": lambda n: ngettext(
        "Showing {count} pledge or stance", "Showing {count} pledges and stances", n
    ),
    "pledges": lambda n: ngettext("Showing {count} pledge", "Showing {count} pledges", n),
    "delegations": lambda n: ngettext("Showing {count} delegation", "Showing {count} delegations", n),
    "records": lambda n: ngettext("Showing {count} record", "Showing {count} records", n),
}


def _showing(count: int, noun: str) -> str:
    """'Showing 23 pledges': the head of `describe`'s sentence. A noun not in _SHOWING is shown as given (English,
    its singular without the final s)."""
    if noun in _SHOWING:
        return _SHOWING[noun](count).format(count=count)
    return f"Showing {count} {noun if count != 1 else noun.removesuffix('s')}"


def filter_options(dataset: Dataset, specs: tuple[FilterSpec, ...] = FILTERS) -> dict[str, dict[str, str]]:
    """Every allowed value of every filter that has options, id → label, in display order."""
    return {spec.field: spec.options(dataset) for spec in specs if spec.options is not None}
