"""Time and memory of the validator on each hostile file of tests/test_hostile.py (run on demand, not in CI).

    .venv/bin/python scripts/hostile_timings.py [--runs 3]

For each case: the median and slowest wall time of `python -m summit validate` (a fresh process, so
Python's own start-up is included), its peak memory above a run on the clean data, the time of
`load_dataset` inside a warm process (what the app pays on its next rerun), and the message.
The budget is 5 s and 200 MB per case; the tests assert the memory, this script reports the times.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from summit.dataset import load_dataset  # noqa: E402 - after the path is set
from tests.test_hostile import CASES, TARGET, build_case, run_validate  # noqa: E402

TIME_BUDGET_S = 5.0
MEMORY_BUDGET_MB = 200


def main() -> int:
    """Print one row per case; exit 1 if a case breaks a budget or gives no located message."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="validator runs per case (default 3)")
    args = parser.parse_args()
    failures = 0
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        clean_folder = build_clean(root)
        clean = [run_validate(clean_folder) for _ in range(args.runs)]
        base_mb = max(run.peak_rss_mb for run in clean)
        print(f"clean tiny data: {statistics.median(r.seconds for r in clean):.2f} s, peak {base_mb:.0f} MB\n")
        print(f"{'case':<20} {'median':>7} {'slowest':>8} {'+memory':>8} {'in app':>8} message")
        for name in CASES:
            folder = build_case(root, name)
            runs = [run_validate(folder) for _ in range(args.runs)]
            start = time.perf_counter()
            result = load_dataset(folder)
            in_app = time.perf_counter() - start
            slowest = max(r.seconds for r in runs)
            extra_mb = max(r.peak_rss_mb for r in runs) - base_mb
            message = runs[0].stdout.splitlines()[0] if runs[0].stdout else runs[0].stderr.strip()
            message = message.replace(str(folder) + "/", "")
            ok = (
                all(r.exit_code == 1 and "Traceback" not in r.stdout + r.stderr for r in runs)
                and result.dataset is None
                and slowest <= TIME_BUDGET_S
                and extra_mb <= MEMORY_BUDGET_MB
            )
            failures += not ok
            print(
                f"{name:<20} {statistics.median(r.seconds for r in runs):>6.2f}s {slowest:>7.2f}s "
                f"{extra_mb:>+6.0f}MB {in_app * 1000:>6.0f}ms {'' if ok else 'OVER BUDGET OR WRONG EXIT: '}{message}"
            )
    print(f"\n{len(CASES) - failures} of {len(CASES)} cases within {TIME_BUDGET_S:.0f} s and {MEMORY_BUDGET_MB} MB")
    return 1 if failures else 0


def build_clean(root: Path) -> Path:
    """An untouched copy of the tiny dataset."""
    folder = root / "clean"
    shutil.copytree(REPO / "tests" / "fixtures" / "tiny", folder)
    assert (folder / TARGET).exists()
    return folder


if __name__ == "__main__":
    sys.exit(main())
