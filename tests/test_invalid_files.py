"""Each file in tests/invalid/ breaks one rule; loading it must give exactly the message(s) in its header.

Header of each case:
    # target: <file of the tiny dataset it replaces, or a new file it adds beside them>
    # expect: LINE:COLUMN: message
    # expect: ...   (further lines when the rule is broken in several places of the file)
"""

from __future__ import annotations

from pathlib import Path

import pytest

from summit.dataset import load_dataset

CASES = sorted((Path(__file__).resolve().parent / "invalid").glob("*.yaml"))


def _header(case: Path) -> tuple[str, list[str]]:
    lines = case.read_text(encoding="utf-8").splitlines()
    target = lines[0].removeprefix("# target: ").strip()
    expects = []
    for line in lines[1:]:
        if not line.startswith("# expect: "):
            break
        expects.append(line.removeprefix("# expect: ").strip())
    return target, expects


def test_there_are_at_least_twenty_cases():
    assert len(CASES) >= 20


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_invalid_file_gives_its_message(case: Path, tiny_copy: Path):
    target, expects = _header(case)
    assert target.endswith(".yaml") and expects, "the header must be '# target:' then '# expect:' lines"
    broken = tiny_copy / target
    broken.parent.mkdir(parents=True, exist_ok=True)
    broken.write_bytes(case.read_bytes())
    result = load_dataset(tiny_copy)
    assert result.dataset is None, "a broken file must not produce a dataset"
    found = [f"{p.line}:{p.column}: {p.message}" for p in result.problems if p.file == broken]
    for expect in expects:
        assert expect in found, f"expected {expect!r}, got {found}"
