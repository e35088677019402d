"""Figures on record: each quantity written as the sources state it, and the one figure a participant shows.

Figures of different records are never added: "up to 7,500" from the press, 70 headquarters staff and 600
soldiers in an exercise are three facts, not 8,170 troops. Where one number per participant is needed (the
map's troop measure), `chosen_figure` picks one by the rule in FIGURE_RULE and the others are listed.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from summit.dates import partial_date_text
from summit.i18n import DEFAULT_LANGUAGE, N_, Messages, _, current_language, format_number, ngettext
from summit.schema import Quantity
from summit.vocabulary import (
    BASIS_LABELS,
    BOUND_WORDS,
    CHANGE_SIGNS,
    CONFIDENCE_LABELS,
    MEASURE_LABELS,
    NOT_OFFERED,
    SPAN_PATTERN,
    Basis,
    Confidence,
    Measure,
    Per,
)

FIGURE_RULE = N_(
    "One figure per participant for each kind of figure the map offers, never a sum: among the figures of that kind"
    " in its pledges shown (stances, joint pledges, figures given only for context, unit prices and figures that "
    "are part of another left out), a figure the participant stated comes before an estimate by the press or "
    "analysts, a level before a change of it, then the most recent (a date known only to the month counts as its "
    "first day), then the most certain (the figure's own confidence when it has one, else its record's). It is "
    "shown as stated ('up to 7,500', '50–250', '€16–19 bn a year'); every figure on record is listed with its "
    "source and confidence."
)
# Most certain first: the order `chosen_figure` prefers among figures of the same basis and date.
CONFIDENCE_ORDER = [Confidence.CONFIRMED, Confidence.SINGLE_SOURCE, Confidence.UNVERIFIED, Confidence.DISPUTED]


MONEY_RULE = N_(
    "Money is written with the currency's sign where it has a common one (€, £, US$) and its code otherwise "
    "(CAD), in millions (m), billions (bn) or trillions (tn) when the figure is at least one and that takes "
    "no more than two decimals: €90 bn, £200 m, €16–19 bn, CAD 2.5 bn; other figures are written in full "
    "with thousands separators (€1,234,567)."
)
CURRENCY_SIGNS = {"EUR": "€", "GBP": "£", "USD": "US$"}
MONEY_SCALES = ((1e12, N_("tn")), (1e9, N_("bn")), (1e6, N_("m")))  # read with _()


def number_text(value: float) -> str:
    """7500 → '7,500'; 0.25 → '0.25'; never scientific notation (in French '7 500', '0,25')."""
    if current_language() != DEFAULT_LANGUAGE:
        return format_number(round(value, 6), decimals=6) if abs(value) < 1e15 else format_number(value)
    return f"{round(value, 6):,.15g}" if abs(value) < 1e15 else f"{value:,.0f}"


def _plain_number(value: float) -> str:
    """A year: 2035, never '2,035'."""
    return f"{round(value, 6):.15g}"


def _form(value: float, *, one: bool) -> int:
    """The whole number a figure's noun takes its plural form by: 1 only for exactly one, else the number (a
    fraction by its whole part, 1.5 as 2)."""
    if one:
        return 1
    whole = int(abs(value))
    return whole if whole != 1 else 2


# A figure's words by its measure (the number is {value}, the sign of a change included); the int picks the form.
# English says 'troops', 'personnel', 'units' whatever the number, as it always has.
_MEASURE_WORDS: dict[Measure, Callable[[int], str]] = {
    Measure.TROOPS: lambda n: ngettext("{value} troops", "{value} troops", n),
    Measure.PERSONNEL: lambda n: ngettext("{value} personnel", "{value} personnel", n),
    Measure.UNITS: lambda n: ngettext("{value} units", "{value} units", n),
    Measure.DURATION_YEARS: lambda n: ngettext("{value} year", "{value} years", n),
    Measure.DURATION_MONTHS: lambda n: ngettext("{value} month", "{value} months", n),
    Measure.DURATION_DAYS: lambda n: ngettext("{value} day", "{value} days", n),
}
# Shares are per cent of what they are a share of; a change of a share is in percentage points.
_SHARES = Messages({Measure.SHARE_OF_GDP: N_("{value}% of GDP"), Measure.SHARE_OF_GNI: N_("{value}% of GNI")})
_SHARE_CHANGES: dict[Measure, Callable[[int], str]] = {
    Measure.SHARE_OF_GDP: lambda n: ngettext("{value} point of GDP", "{value} points of GDP", n),
    Measure.SHARE_OF_GNI: lambda n: ngettext("{value} point of GNI", "{value} points of GNI", n),
}
_PER_WORDS = Messages({Per.YEAR: N_("a year"), Per.MONTH: N_("a month"), Per.WEEK: N_("a week"), Per.DAY: N_("a day")})
# The span of `over` ('10 years', SPAN_PATTERN), by its unit.
_SPANS: dict[str, Callable[[int], str]] = {
    "year": lambda n: ngettext("over {count} year", "over {count} years", n),
    "month": lambda n: ngettext("over {count} month", "over {count} months", n),
    "week": lambda n: ngettext("over {count} week", "over {count} weeks", n),
    "day": lambda n: ngettext("over {count} day", "over {count} days", n),
}


def span_words(over: str) -> str:
    """'10 years' → 'over 10 years' (in French 'sur 10 ans')."""
    match = re.match(SPAN_PATTERN, over)
    if match is None:
        return _("over {span}").format(span=over)
    number_part, unit = over.split(" ", 1)
    number = float(number_part)
    return _SPANS[unit.removesuffix("s")](_form(number, one=number == 1)).format(count=number_text(number))


def money_text(currency: str, value: float, value_max: float | None = None) -> str:
    """'€90 bn', '£200 m', '€16–19 bn', 'CAD 2.5 bn', '€1,234,567': by MONEY_RULE."""
    values = [value] if value_max is None else [value, value_max]
    sign = CURRENCY_SIGNS.get(currency)
    unit = ""
    for scale, word in MONEY_SCALES:
        scaled = [v / scale for v in values]
        if max(scaled) >= 1 and all(abs(round(x, 2) - x) < 1e-9 for x in scaled):
            values, unit = scaled, f" {_(word)}"
            break
    amount = "–".join(number_text(v) for v in values) + unit
    return f"{sign}{amount}" if sign else f"{currency} {amount}"


def quantity_text(quantity: Quantity) -> str:
    """The figure as stated: 'up to 7,500 troops', 'about 50–250 troops', 'at least 3.5% of GDP by 2035', '€16–19 bn
    a year', '+0.2 points of GDP a year', '€100 bn over 10 years', '3 months'."""
    value = number_text(quantity.value)
    if quantity.value_max is not None:
        value += f"–{number_text(quantity.value_max)}"
    words = [BOUND_WORDS[quantity.bound]] if quantity.bound else []
    if quantity.approximate:
        words.append(_("about"))
    sign = CHANGE_SIGNS[quantity.change] if quantity.change else ""
    one = quantity.value == 1 and quantity.value_max is None
    form = _form(quantity.value if quantity.value_max is None else quantity.value_max, one=one)
    if quantity.measure == Measure.AMOUNT:
        words.append(sign + money_text(quantity.currency or "", quantity.value, quantity.value_max))
    elif quantity.measure in _SHARES:
        # A change of a share is in percentage points, not per cent of the share.
        share = _SHARE_CHANGES[quantity.measure](form) if sign else _SHARES[quantity.measure]
        words.append(share.format(value=sign + value))
    elif quantity.measure == Measure.YEAR:
        years = [quantity.value] if quantity.value_max is None else [quantity.value, quantity.value_max]
        words.append("–".join(_plain_number(y) for y in years))
    elif quantity.measure in _MEASURE_WORDS:
        words.append(_MEASURE_WORDS[quantity.measure](form).format(value=sign + value))
    else:
        words.append(f"{sign}{value} {MEASURE_LABELS[quantity.measure].lower()}")
    if quantity.per:
        words.append(_PER_WORDS[quantity.per])
    if quantity.over:
        words.append(span_words(quantity.over))
    if quantity.not_before:
        words.append(_("no earlier than {date}").format(date=partial_date_text(quantity.not_before)))
    if quantity.by:
        words.append(_("by {date}").format(date=partial_date_text(quantity.by)))
    return " ".join(words)


def quantity_line(quantity: Quantity, whole: Quantity | None = None) -> str:
    """The figure with what it is, its own confidence when it has one, and its note: 'up to 7,500 troops (press or
    analyst estimate; per The Times)', '€150 bn (part of €800 bn; disputed)'."""
    part = _("part of {figure}").format(figure=quantity_text(whole)) if whole is not None else ""
    own = CONFIDENCE_LABELS[quantity.confidence].lower() if quantity.confidence else ""
    extras = [e for e in (BASIS_LABELS[quantity.basis], part, own, quantity.note) if e]
    text = quantity_text(quantity)
    return f"{text} ({'; '.join(extras)})" if extras else text


def quantities_line(quantities: Iterable[Quantity]) -> str:
    """Every figure of a record, '; '-separated, each part naming its whole."""
    quantities = list(quantities)
    by_id = {q.id: q for q in quantities if q.id}
    return "; ".join(quantity_line(q, by_id.get(q.part_of or "")) for q in quantities)


@dataclass(frozen=True)
class Figure:
    """One quantity of one record, with what is needed to choose it and to say where it comes from."""

    pledge: str
    measure: Measure
    text: str  # as stated (quantity_text)
    basis: Basis
    date: str  # when it was given: the record's date, else its meeting's (YYYY, YYYY-MM or YYYY-MM-DD)
    confidence: Confidence  # the figure's own, else its record's
    sources: str  # 'Publisher (date); Publisher (date)': the figure's own, else its record's
    is_part: bool = False  # part of another figure of the record (part_of): never the figure shown
    is_change: bool = False  # a change of a level ('+0.2 points'), not the level

    def line(self) -> str:
        """'up to 7,500 troops, press or analyst estimate (The Times (2026-01-07); single source)'."""
        basis = BASIS_LABELS[self.basis]
        head = f"{self.text}, {basis}" if basis else self.text
        return f"{head} ({self.sources}; {CONFIDENCE_LABELS[self.confidence].lower()})"


def figure_of(pledge_id: str, quantity: Quantity, date: str, confidence: Confidence, sources: str) -> Figure:
    """One quantity of a record as a Figure; `confidence` and `sources` are the record's, used when the figure has
    none of its own (the caller passes the figure's own sources' text when it has some)."""
    return Figure(
        pledge_id,
        quantity.measure,
        quantity_text(quantity),
        quantity.basis,
        date,
        quantity.confidence or confidence,
        sources,
        is_part=quantity.part_of is not None,
        is_change=quantity.change is not None,
    )


def offered(figure: Figure) -> bool:
    """A figure FIGURE_RULE may show: not context, not a unit price, not part of another figure."""
    return figure.basis not in NOT_OFFERED and not figure.is_part


def chosen_figure(figures: Iterable[Figure], measure: Measure = Measure.TROOPS) -> Figure | None:
    """The one figure FIGURE_RULE picks among `figures` (a participant's), or None; ties keep the data's order."""
    candidates = [f for f in figures if f.measure == measure and offered(f)]
    if not candidates:
        return None
    return max(
        candidates,
        key=lambda f: (f.basis == Basis.STATED, not f.is_change, f.date, -CONFIDENCE_ORDER.index(f.confidence)),
    )
