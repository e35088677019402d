"""The YAML reader: positions, YAML traps and hostile input, each reported as a located problem."""

from __future__ import annotations

from pathlib import Path

import pytest

from summit.load import MAX_DEPTH, Positions, format_path, parse_yaml_bytes, read_yaml_file

FILE = Path("x.yaml")


def parse(text: str | bytes):
    return parse_yaml_bytes(text.encode() if isinstance(text, str) else text, FILE)


def test_values_keep_their_line_and_column():
    parsed = parse("meeting:\n  id: paris\nitems:\n  - a\n  - {b: 2}\n")
    assert parsed.data == {"meeting": {"id": "paris"}, "items": ["a", {"b": 2}]}
    assert parsed.positions.of(("meeting", "id")) == (2, 7)
    assert parsed.positions.of(("items", 1, "b")) == (5, 9)
    assert parsed.positions.of(("meeting", "id"), key=True) == (2, 3)


def test_position_of_a_missing_path_falls_back_to_its_parent():
    positions = Positions(values={(): (1, 1), ("a",): (3, 4)})
    assert positions.of(("a", "b", 0)) == (3, 4)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: 2026-01-06", "2026-01-06"),  # dates stay text; the model parses them
        ("a: '2026-01-06'", "2026-01-06"),
        ("a: 12", 12),
        ("a: 1_000", 1000),
        ("a: 0.25", 0.25),
        ("a: true", True),
        ("a: False", False),
        ("a: ~", None),
        ("a: null", None),
        ("a: '12'", "12"),
        ("a: 'NO'", "NO"),
    ],
)
def test_scalars_follow_yaml_1_2(text, expected):
    assert parse(text).data == {"a": expected}


@pytest.mark.parametrize("word", ["NO", "no", "Yes", "off", "ON", "y"])
def test_yaml_1_1_booleans_unquoted_are_problems(word):
    parsed = parse(f"a: {word}\n")
    assert parsed.data == {"a": word}
    assert len(parsed.problems) == 1
    assert f"unquoted {word} is read as a boolean" in parsed.problems[0].message


def test_norway_hint_on_unquoted_no():
    assert "write the alpha-3 code NOR" in parse("participant: NO\n").problems[0].message


def test_duplicate_keys_are_reported_with_both_lines():
    parsed = parse("a: 1\nb: 2\na: 3\n")
    assert len(parsed.problems) == 1
    problem = parsed.problems[0]
    assert (problem.line, problem.column) == (3, 1)
    assert "duplicate key 'a'" in problem.message and "first at line 1" in problem.message


def test_byte_order_mark_is_accepted():
    parsed = parse("\ufeffa: 1\n".encode())
    assert parsed.ok and parsed.data == {"a": 1}


def test_invalid_utf8_names_line_and_byte():
    parsed = parse(b"a: 1\nb: caf\xe9\n")
    assert parsed.data is None
    assert (parsed.problems[0].line, parsed.problems[0].column) == (2, 7)
    assert "not valid UTF-8 (byte 0xe9)" in parsed.problems[0].message


def test_binary_garbage_is_refused():
    parsed = parse(bytes(range(256)) * 4)
    assert parsed.data is None and "binary" in parsed.problems[0].message


def test_truncated_file_is_a_syntax_error_with_a_position():
    parsed = parse("a:\n  - [1, 2\n")
    assert parsed.data is None
    assert parsed.problems[0].message.startswith("YAML syntax error")
    assert parsed.problems[0].line >= 2


def test_deep_nesting_is_refused():
    parsed = parse("a: " + "[" * 60 + "]" * 60)
    assert parsed.data is None
    assert f"nested more than {MAX_DEPTH} levels" in parsed.problems[0].message


def test_very_deep_nesting_is_refused_without_a_crash():
    parsed = parse("a: " + "[" * 100_000 + "]" * 100_000)
    assert parsed.data is None and "nesting" in parsed.problems[0].message


def test_alias_bomb_is_refused():
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for prev, name in zip("abcdefghi", "bcdefghij", strict=True):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 10) + "]")
    parsed = parse("\n".join(lines))
    assert parsed.data is None and "alias bomb" in parsed.problems[0].message


def test_small_aliases_are_allowed():
    parsed = parse("base: &s [src-a]\nb: *s\n")
    assert parsed.ok and parsed.data == {"base": ["src-a"], "b": ["src-a"]}


def test_two_documents_are_refused():
    assert "more than one YAML document" in parse("a: 1\n---\nb: 2\n").problems[0].message


def test_tags_are_refused():
    parsed = parse("a: !!python/object/apply:os.system ['true']\n")
    assert parsed.data is None and "is not allowed in data files" in parsed.problems[0].message


def test_empty_file_is_a_problem():
    assert "file is empty" in parse("").problems[0].message


def test_file_over_the_size_cap_is_not_read(tmp_path: Path):
    big = tmp_path / "big.yaml"
    big.write_bytes(b"a: " + b"x" * 2000 + b"\n")
    parsed = read_yaml_file(big, max_bytes=1000)
    assert parsed.data is None and "over the 1,000-byte limit" in parsed.problems[0].message


def test_unreadable_path_is_a_problem(tmp_path: Path):
    parsed = read_yaml_file(tmp_path / "missing.yaml")
    assert "cannot read file" in parsed.problems[0].message


@pytest.mark.parametrize(
    ("path", "text"),
    [((), "the file"), (("pledges", 3, "status"), "pledges[3].status"), (("meeting",), "meeting")],
)
def test_format_path(path, text):
    assert format_path(path) == text
