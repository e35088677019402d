"""A date filter (meetings until a day) as other engineers will add one: one FilterSpec row, for the tests only."""

from __future__ import annotations

import pandas as pd

from summit import frames as F
from summit.filters import DATE, FILTERS, FilterSpec, make_filters_class

AS_OF = FilterSpec(
    "until",
    "until",
    "Meetings until",
    DATE,
    lambda day, _: f"meetings until {day:%-d %b %Y}",
    85,
    records=lambda frame, day: frame[F.MEETING_DATE] <= pd.Timestamp(day),
)
DatedFilters = make_filters_class((*FILTERS, AS_OF), "DatedFilters")
