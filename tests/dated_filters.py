"""A date filter ("as of" a day) as other engineers will add one: one FilterSpec row, for the tests only."""

from __future__ import annotations

import pandas as pd

from summit import frames as F
from summit.filters import DATE, FILTERS, FilterSpec, make_filters_class

AS_OF = FilterSpec(
    "as_of",
    "asof",
    "As of",
    DATE,
    lambda day, _: f"as of {day:%-d %b %Y}",
    85,
    records=lambda frame, day: frame[F.MEETING_DATE] <= pd.Timestamp(day),
)
DatedFilters = make_filters_class((*FILTERS, AS_OF), "DatedFilters")
