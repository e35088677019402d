"""Figures on record: each quantity written as the sources state it, and the one figure a participant shows.

Figures of different records are never added: "up to 7,500" from the press, 70 headquarters staff and 600
soldiers in an exercise are three facts, not 8,170 troops. Where one number per participant is needed (the
map's troop measure), `chosen_figure` picks one by the rule in FIGURE_RULE and the others are listed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from summit.schema import Quantity
from summit.vocabulary import BASIS_LABELS, BOUND_WORDS, CONFIDENCE_LABELS, MEASURE_LABELS, Basis, Confidence, Measure

FIGURE_RULE = (
    "One figure per participant, never a sum: among the troop figures of its pledges shown (stances and "
    "figures given only for context left out), a figure the participant stated comes before an estimate by "
    "the press or analysts, then the most recent (a date known only to the month counts as its first day), "
    "then the most certain. It is shown as stated ('up to 7,500', '50–250', 'about 6,000'); every figure on "
    "record is listed with its source and confidence."
)
# Most certain first: the order `chosen_figure` prefers among figures of the same basis and date.
CONFIDENCE_ORDER = [Confidence.CONFIRMED, Confidence.SINGLE_SOURCE, Confidence.UNVERIFIED, Confidence.DISPUTED]


MONEY_RULE = (
    "Money is written with the currency's sign where it has a common one (€, £, US$) and its code otherwise "
    "(CAD), in millions (m), billions (bn) or trillions (tn) when the figure is at least one and that takes "
    "no more than two decimals: €90 bn, £200 m, €16–19 bn, CAD 2.5 bn; other figures are written in full "
    "with thousands separators (€1,234,567)."
)
CURRENCY_SIGNS = {"EUR": "€", "GBP": "£", "USD": "US$"}
MONEY_SCALES = ((1e12, "tn"), (1e9, "bn"), (1e6, "m"))


def number_text(value: float) -> str:
    """7500 → '7,500'; 0.25 → '0.25'; never scientific notation."""
    return f"{round(value, 6):,.15g}" if abs(value) < 1e15 else f"{value:,.0f}"


def money_text(currency: str, value: float, value_max: float | None = None) -> str:
    """'€90 bn', '£200 m', '€16–19 bn', 'CAD 2.5 bn', '€1,234,567': by MONEY_RULE."""
    values = [value] if value_max is None else [value, value_max]
    sign = CURRENCY_SIGNS.get(currency)
    unit = ""
    for scale, word in MONEY_SCALES:
        scaled = [v / scale for v in values]
        if max(scaled) >= 1 and all(abs(round(x, 2) - x) < 1e-9 for x in scaled):
            values, unit = scaled, f" {word}"
            break
    amount = "–".join(number_text(v) for v in values) + unit
    return f"{sign}{amount}" if sign else f"{currency} {amount}"


def quantity_text(quantity: Quantity) -> str:
    """The figure as stated: 'up to 7,500 troops', 'about 50–250 troops', 'at least 0.25% of GDP', '€90 bn'."""
    value = number_text(quantity.value)
    if quantity.value_max is not None:
        value += f"–{number_text(quantity.value_max)}"
    words = [BOUND_WORDS[quantity.bound]] if quantity.bound else []
    if quantity.approximate:
        words.append("about")
    if quantity.measure == Measure.AMOUNT:
        words.append(money_text(quantity.currency or "", quantity.value, quantity.value_max))
    elif quantity.measure == Measure.SHARE_OF_GDP:
        words.append(f"{value}% of GDP")
    elif quantity.measure == Measure.DURATION_YEARS:
        words.append(f"{value} year{'' if quantity.value == 1 and quantity.value_max is None else 's'}")
    else:
        words.append(f"{value} {MEASURE_LABELS[quantity.measure].lower()}")
    return " ".join(words)


def quantity_line(quantity: Quantity) -> str:
    """The figure with what it is and its note: 'up to 7,500 troops (press or analyst estimate; per The Times)'."""
    extras = [e for e in (BASIS_LABELS[quantity.basis], quantity.note) if e]
    text = quantity_text(quantity)
    return f"{text} ({'; '.join(extras)})" if extras else text


@dataclass(frozen=True)
class Figure:
    """One quantity of one record, with what is needed to choose it and to say where it comes from."""

    pledge: str
    measure: Measure
    text: str  # as stated (quantity_text)
    basis: Basis
    date: str  # when it was given: the record's date, else its meeting's (YYYY, YYYY-MM or YYYY-MM-DD)
    confidence: Confidence
    sources: str  # 'Publisher (date); Publisher (date)'

    def line(self) -> str:
        """'up to 7,500 troops, press or analyst estimate (The Times (2026-01-07); single source)'."""
        basis = BASIS_LABELS[self.basis]
        head = f"{self.text}, {basis}" if basis else self.text
        return f"{head} ({self.sources}; {CONFIDENCE_LABELS[self.confidence].lower()})"


def figures_of(pledge_id: str, quantities: Iterable[Quantity], date: str, confidence: Confidence, sources: str):
    """Every quantity of a record as a Figure, in the record's order."""
    return tuple(Figure(pledge_id, q.measure, quantity_text(q), q.basis, date, confidence, sources) for q in quantities)


def chosen_figure(figures: Iterable[Figure], measure: Measure = Measure.TROOPS) -> Figure | None:
    """The one figure FIGURE_RULE picks among `figures` (a participant's), or None; ties keep the data's order."""
    candidates = [f for f in figures if f.measure == measure and f.basis != Basis.CONTEXT]
    if not candidates:
        return None
    return max(candidates, key=lambda f: (f.basis == Basis.STATED, f.date, -CONFIDENCE_ORDER.index(f.confidence)))
