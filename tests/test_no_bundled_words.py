"""Code speaks of any summit: no string the app shows or matches may name an id or a phrase that only the bundled
dataset defines (issue 12). Docstrings and comments may use the bundled data as an example; string constants may
not, because they reach readers or decide what is counted."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from summit.dataset import load_dataset
from tests.conftest import REPO

BUNDLED = load_dataset(REPO / "data").dataset
CODE = sorted(
    [REPO / "app.py", *(REPO / "summit").rglob("*.py"), *(REPO / "summit_ui").rglob("*.py"),
     *(REPO / "app_pages").glob("*.py")]
)  # fmt: skip
# Ids and words that are not the bundled data's own: ISO codes and international bodies any summit may have.
SHARED = {"EU", "NATO", "UN", "G7", "eu", "nato", "g7"}


def bundled_ids() -> set[str]:
    """Every id the bundled data defines, but the shared ones."""
    ids = {m.meeting.id for m in BUNDLED.meetings} | {p.id for m in BUNDLED.meetings for p in m.pledges}
    ids |= set(BUNDLED.commitment_types) | set(BUNDLED.conditions) | set(BUNDLED.groups)
    ids |= set(BUNDLED.organisations) | set(BUNDLED.scenarios) | set(BUNDLED.categories) | set(BUNDLED.sources)
    return ids - SHARED


def bundled_phrases() -> set[str]:
    """Names and labels only the bundled data gives: its title, series, meetings, types, conditions, groups."""
    phrases = {BUNDLED.info.title, BUNDLED.meeting_series}
    phrases |= {m.meeting.name for m in BUNDLED.meetings} | {m.meeting.short_name for m in BUNDLED.meetings}
    phrases |= {t.label for t in BUNDLED.commitment_types.values()} | {c.label for c in BUNDLED.conditions.values()}
    phrases |= {g.name for g in BUNDLED.groups.values()} | {o.name for o in BUNDLED.organisations.values()}
    phrases |= {s.name for s in BUNDLED.scenarios.values()}
    # The words that made the first version speak of one summit (issue 12's list).
    phrases |= {"Coalition of the Willing", "coalition meetings", "ceasefire", "US backstop"}
    return {p for p in phrases if p and p.casefold() not in {s.casefold() for s in SHARED} and p != "meetings"}


def string_constants(path: Path) -> list[tuple[int, str]]:
    """(line, text) of every string constant of a module that is not a docstring."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                docstrings.add(id(body[0].value))
    return [
        (node.lineno, node.value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
    ]


def leaks(text: str, ids: set[str], phrases: set[str]) -> list[str]:
    """The bundled ids (whole words) and phrases (any case) a text names."""
    found = [i for i in ids if re.search(rf"(?<![\w-]){re.escape(i)}(?![\w-])", text)]
    folded = text.casefold()
    return sorted(found + [p for p in phrases if p.casefold() in folded])


def test_the_bundled_data_has_ids_and_phrases_to_look_for():
    ids, phrases = bundled_ids(), bundled_phrases()
    assert {"after_ceasefire", "COALITION", "paris-2026-01-06"} <= ids
    assert "Coalition of the Willing" in phrases and len(phrases) > 20


def test_the_check_sees_a_leak():
    assert leaks("Timeline of coalition meetings", bundled_ids(), bundled_phrases()) == [
        "coalition",
        "coalition meetings",
    ]
    assert leaks("s == 'after_ceasefire'", bundled_ids(), bundled_phrases()) == ["after_ceasefire", "ceasefire"]
    assert leaks("the ceasefire_x id and a participant", {"after_ceasefire"}, set()) == []


@pytest.mark.parametrize("path", CODE, ids=lambda p: p.relative_to(REPO).as_posix())
def test_code_names_no_id_or_phrase_of_the_bundled_data(path):
    ids, phrases = bundled_ids(), bundled_phrases()
    found = [(line, word) for line, text in string_constants(path) for word in leaks(text, ids, phrases)]
    assert not found, f"{path.relative_to(REPO)} names the bundled data's words: {found}"
