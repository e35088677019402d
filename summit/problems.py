"""A problem found in a data file, reported as FILE:LINE:COLUMN: message."""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher, get_close_matches
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the data, at a place in a file."""

    file: Path
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.message}"

    def relative_to(self, root: Path) -> Problem:
        """The same problem with the file path shown relative to root, when it is inside it."""
        try:
            return Problem(self.file.relative_to(root), self.line, self.column, self.message)
        except ValueError:
            return self

    def as_dict(self) -> dict[str, object]:
        """JSON-ready form."""
        return {"file": str(self.file), "line": self.line, "column": self.column, "message": self.message}


def suggest(value: object, choices: list[str] | tuple[str, ...] | set[str] | frozenset[str]) -> str:
    """' (did you mean X?)' for a near miss among choices, else ''."""
    if not isinstance(value, str) or not choices:
        return ""
    by_lower = {c.lower(): c for c in choices}
    if value.lower() in by_lower:
        return f" (did you mean '{by_lower[value.lower()]}'?)"
    matches = get_close_matches(value.lower(), list(by_lower), n=5, cutoff=0.6)
    if not matches:
        return ""
    # Among equally close matches prefer the one sharing the longest prefix (FRN → FRA, not IRN).
    best = max(matches, key=lambda m: (SequenceMatcher(None, value.lower(), m).ratio(), _prefix(value.lower(), m)))
    return f" (did you mean '{by_lower[best]}'?)"


def _prefix(a: str, b: str) -> int:
    return next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
