"""Read YAML files safely into plain Python data, keeping the line and column of every value.

PyYAML's own loaders lose positions, silently keep the last of two duplicate keys and read
`NO` as false. This module builds the data from LibYAML's event stream instead (one pass, no
recursion), so it can report each of those with FILE:LINE:COLUMN, and it guards against
hostile files: a size cap, a cap on values, a nesting cap and an alias-expansion budget.
"""

from __future__ import annotations

import codecs
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from summit import countries
from summit.problems import Problem

try:
    YamlLoader: type = yaml.CSafeLoader  # LibYAML: several times faster
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    YamlLoader = yaml.SafeLoader

MAX_FILE_BYTES = 5_000_000
MAX_DEPTH = 40
# Values reachable through aliases count again each time they are reused ("billion laughs").
MAX_NODES = 2_000_000
# Values written out in one file. Each costs about 250 bytes and 5 µs to read with its position,
# so 2 million one-character values (`[1,1,1,...]` fits under the byte cap) took 480 MB and 12 s.
# The largest bundled file holds about 2,000 values in 76 kB; real text is ~40 bytes a value, so
# a file at the byte cap holds ~125,000 and this cap only stops files packed with tiny values.
MAX_VALUES = 250_000
# Characters in one value or key. The longest field takes 4,000; refusing longer text here keeps
# a 4 MB value out of every later message that quotes it (which would flood the page's banner).
MAX_VALUE_CHARS = 10_000

Path_ = tuple[str | int, ...]

# YAML 1.2 core schema, which is what people expect; timestamps are deliberately left as text
# (the model parses dates), so `2026-01-06` and "2026-01-06" mean the same.
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"^[-+]?(?:0|[1-9][0-9_]*)$")
_FLOAT = re.compile(r"^[-+]?(?:[0-9][0-9_]*)?\.[0-9_]+(?:[eE][-+]?[0-9]+)?$|^[-+]?[0-9][0-9_]*[eE][-+]?[0-9]+$")
# YAML 1.1 read these unquoted words as booleans; tools disagree, so we refuse them unquoted.
_YAML11_BOOLS = frozenset(
    "y Y yes Yes YES n N no No NO on On ON off Off OFF".split()  # noqa: SIM905 - a word list reads best
)


@dataclass
class Positions:
    """Where each value of a parsed file sits: path → (line, column), 1-based."""

    values: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def of(self, path: Path_, *, key: bool = False) -> tuple[int, int]:
        """Position of the value (or key) at path, or of its nearest ancestor."""
        table = self.keys if key else self.values
        path = tuple(path)
        while path:
            if path in table:
                return table[path]
            if path in self.values:
                return self.values[path]
            path = path[:-1]
        return self.values.get((), (1, 1))


@dataclass
class ParsedFile:
    """One YAML file as Python data, with positions and the problems found while reading."""

    path: Path
    data: Any
    positions: Positions
    problems: list[Problem]

    @property
    def ok(self) -> bool:
        """True when the file could be read without problems."""
        return not self.problems


class _AbortError(Exception):
    """Stops reading a file: the problem is fatal for that file."""

    def __init__(self, line: int, column: int, message: str) -> None:
        super().__init__(message)
        self.line, self.column, self.message = line, column, message


def read_yaml_file(path: Path, *, max_bytes: int = MAX_FILE_BYTES) -> ParsedFile:
    """Read one YAML file; never raises for bad content, returns problems instead."""
    try:
        info = path.stat()
        # Opening a FIFO blocks and a link to /dev/zero never ends: read regular files only.
        if not stat.S_ISREG(info.st_mode):
            return _refused(path, "not a regular file; a data file must be a plain text file")
        if info.st_size > max_bytes:
            return _refused(path, f"file is {info.st_size:,} bytes, over the {max_bytes:,}-byte limit for a data file")
        with path.open("rb") as file:
            # Bounded even if the file grows between the size check and the read.
            raw = file.read(max_bytes + 1)
    except OSError as error:
        return _refused(path, f"cannot read file: {error.strerror}")
    if len(raw) > max_bytes:
        return _refused(path, f"file is over the {max_bytes:,}-byte limit for a data file")
    return parse_yaml_bytes(raw, path)


def _refused(path: Path, message: str) -> ParsedFile:
    return ParsedFile(path, None, Positions(), [Problem(path, 1, 1, message)])


def parse_yaml_bytes(raw: bytes, path: Path) -> ParsedFile:
    """Parse YAML bytes (UTF-8, optional byte-order mark) into data with positions."""
    problems: list[Problem] = []
    text, decode_problem = _decode(raw, path)
    if decode_problem:
        return ParsedFile(path, None, Positions(), [decode_problem])
    positions = Positions()
    try:
        data = _Builder(path, positions, problems).build(yaml.parse(text, Loader=YamlLoader))
    except _AbortError as abort:
        return ParsedFile(path, None, positions, [*problems, Problem(path, abort.line, abort.column, abort.message)])
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        return ParsedFile(
            path,
            None,
            positions,
            [*problems, Problem(path, line, column, _syntax_message(error, text, mark))],
        )
    except yaml.YAMLError as error:
        return ParsedFile(path, None, positions, [*problems, Problem(path, 1, 1, f"YAML syntax error: {error}")])
    if data is None:
        problems.append(Problem(path, 1, 1, "file is empty: expected a mapping of fields"))
    return ParsedFile(path, data, positions, problems)


# Byte-order marks of the encodings Windows editors offer as "Unicode"; UTF-32 first, as UTF-32 LE
# starts with the UTF-16 LE mark.
_WIDE_BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)


def _decode(raw: bytes, path: Path) -> tuple[str, Problem | None]:
    for bom, encoding in _WIDE_BOMS:
        if raw.startswith(bom):
            return "", Problem(path, 1, 1, f"file is saved as {encoding}, not UTF-8; save it as UTF-8")
    if b"\x00" in raw[:8192]:
        return "", Problem(path, 1, 1, "file is binary (contains NUL bytes), not YAML text")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        return "", Problem(
            path, line, column, f"file is not valid UTF-8 (byte 0x{raw[error.start]:02x}); save it as UTF-8"
        )
    return text, None


def _syntax_message(error: yaml.MarkedYAMLError, text: str, mark: yaml.Mark | None) -> str:
    problem = error.problem or "syntax error"
    if mark is not None:
        line = text.splitlines()[mark.line] if mark.line < len(text.splitlines()) else ""
        if "\t" in line[: mark.column + 1]:
            return "YAML syntax error: a tab is used for indentation; indent with spaces"
    context = f" ({error.context})" if error.context else ""
    return f"YAML syntax error: {problem}{context}"


class _Builder:
    """Turns LibYAML events into Python data, recording positions and problems."""

    def __init__(self, path: Path, positions: Positions, problems: list[Problem]) -> None:
        self.path = path
        self.positions = positions
        self.problems = problems
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.nodes = 0  # values, counting each alias as the values it stands for
        self.values = 0  # values written out in the file

    def build(self, events: Iterator[yaml.Event]) -> Any:
        # Each frame: [container, path, pending_key, key_mark, anchor, node_count_at_start]
        stack: list[list[Any]] = []
        documents: list[Any] = []
        for event in events:
            mark = event.start_mark
            position = (mark.line + 1, mark.column + 1)
            if isinstance(event, (yaml.StreamStartEvent, yaml.StreamEndEvent, yaml.DocumentEndEvent)):
                continue
            if isinstance(event, yaml.DocumentStartEvent):
                if documents:
                    raise _AbortError(*position, "file holds more than one YAML document ('---'); keep one per file")
                continue
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                self._check_tag(event, position)
                if len(stack) >= MAX_DEPTH:
                    raise _AbortError(*position, f"data is nested more than {MAX_DEPTH} levels deep")
                path = self._child_path(stack, position)
                self.positions.values[path] = position
                container: Any = {} if isinstance(event, yaml.MappingStartEvent) else []
                stack.append([container, path, None, None, event.anchor, self.nodes])
                self._count_written(position)
                self._count(1, position)
                continue
            if isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                container, path, _key, _key_mark, anchor, start = stack.pop()
                if anchor:
                    self.anchors[anchor] = (container, self.nodes - start)
                # Placed where it starts: a list written as a key is reported at its first character.
                if self._add(stack, documents, container, self.positions.values.get(path, position)):
                    documents.append(container)
                continue
            if isinstance(event, yaml.AliasEvent):
                if event.anchor not in self.anchors:
                    raise _AbortError(*position, f"alias *{event.anchor} refers to no anchor defined before it")
                value, size = self.anchors[event.anchor]
                self._count(size, position)
                path = self._child_path(stack, position)
                self.positions.values[path] = position
                if self._add(stack, documents, value, position):
                    documents.append(value)
                continue
            if isinstance(event, yaml.ScalarEvent):
                self._check_tag(event, position)
                value = self._scalar(event, position)
                is_key = bool(stack) and isinstance(stack[-1][0], dict) and stack[-1][2] is None
                if not is_key:
                    path = self._child_path(stack, position)
                    self.positions.values[path] = position
                self._count_written(position)
                self._count(1, position)
                if event.anchor:
                    self.anchors[event.anchor] = (value, 1)
                if self._add(stack, documents, value, position):
                    documents.append(value)
        return documents[0] if documents else None

    def _count_written(self, position: tuple[int, int]) -> None:
        self.values += 1
        if self.values > MAX_VALUES:
            raise _AbortError(
                *position,
                f"file holds more than {MAX_VALUES:,} values, far more than any real data file; "
                "split it or check it is the right file",
            )

    def _count(self, size: int, position: tuple[int, int]) -> None:
        self.nodes += size
        if self.nodes > MAX_NODES:
            raise _AbortError(*position, f"file expands to more than {MAX_NODES:,} values (alias bomb?); refusing it")

    def _check_tag(self, event: yaml.NodeEvent, position: tuple[int, int]) -> None:
        tag = getattr(event, "tag", None)
        if tag and tag not in ("!", "tag:yaml.org,2002:str"):
            raise _AbortError(*position, f"YAML tag {tag} is not allowed in data files; remove it")

    def _child_path(self, stack: list[list[Any]], position: tuple[int, int]) -> Path_:
        if not stack:
            return ()
        container, path, key, _key_mark, *_ = stack[-1]
        if isinstance(container, dict):
            return (*path, key)
        return (*path, len(container))

    def _add(self, stack: list[list[Any]], documents: list[Any], value: Any, position: tuple[int, int]) -> bool:
        """Put value into the open container; True when it is a whole document."""
        if not stack:
            return True
        frame = stack[-1]
        container, path, key = frame[0], frame[1], frame[2]
        if isinstance(container, list):
            container.append(value)
            return False
        if key is None:  # value is a key
            if isinstance(value, (dict, list)):
                raise _AbortError(*position, "a mapping key must be plain text, not a list or mapping")
            if value == "<<":
                raise _AbortError(*position, "merge keys (<<) are not supported; write the fields out")
            key_text = str(value) if not isinstance(value, str) else value
            if key_text in container:
                first_line = self.positions.keys.get((*path, key_text), (0, 0))[0]
                self.problems.append(
                    Problem(
                        self.path,
                        *position,
                        f"duplicate key '{key_text}' in {format_path(path)} (first at line {first_line}); "
                        "YAML would silently keep only the last one",
                    )
                )
            frame[2] = key_text
            self.positions.keys[(*path, key_text)] = position
            return False
        container[key] = value
        frame[2] = None
        return False

    def _scalar(self, event: yaml.ScalarEvent, position: tuple[int, int]) -> Any:
        text = event.value
        if len(text) > MAX_VALUE_CHARS:
            raise _AbortError(
                *position,
                f"a value of {len(text):,} characters starts here, over the {MAX_VALUE_CHARS:,}-character limit "
                "(no field takes more than 4,000); is a quote or line break missing?",
            )
        plain = event.implicit[0] and event.style in (None, "")
        if not plain:
            return text
        if text in _YAML11_BOOLS:
            country = countries.alpha3_for_alpha2(text) if len(text) == 2 else None
            hint = f"; for {countries.name(country)} write the alpha-3 code {country}" if country else ""
            self.problems.append(
                Problem(
                    self.path,
                    *position,
                    f"unquoted {text} is read as a boolean by YAML 1.1 tools; "
                    f"write true/false, or quote it ('{text}') if you mean the text{hint}",
                )
            )
            return text
        if _NULL.match(text):
            return None
        if text in _BOOL:
            return _BOOL[text]
        if _INT.match(text):
            return int(text.replace("_", ""))
        if _FLOAT.match(text):
            return float(text.replace("_", ""))
        return text


def format_path(path: Path_) -> str:
    """Render a data path as people read it: pledges[3].status."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "the file"
