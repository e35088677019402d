"""Print mutmut's score from mutants/mutmut-cicd-stats.json and fail below the floor (docs/testing.md)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

FLOOR = 0.85
STATS = Path("mutants") / "mutmut-cicd-stats.json"


def main() -> int:
    stats = json.loads(STATS.read_text(encoding="utf-8"))
    total, killed = stats["total"], stats["killed"] + stats["timeout"]  # a mutant that hangs the tests is caught
    score = killed / total if total else 0.0
    left = {k: v for k, v in stats.items() if k not in ("killed", "total", "timeout") and v}
    print(f"mutation score: {killed} of {total} mutants killed ({score:.1%}); floor {FLOOR:.0%}; not killed: {left}")
    return 0 if score >= FLOOR else 1


if __name__ == "__main__":
    sys.exit(main())
