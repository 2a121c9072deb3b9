"""Read one YAML data file into plain Python values, keeping the line of every field.

PyYAML's composer gives nodes with marks; we construct values ourselves so that a
duplicate key or an impossible date becomes a `Problem` on its own line instead of
a silent overwrite or a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path as FsPath
from typing import Any

import yaml

from sitegen.problems import Path, Problem, format_path

# libyaml is four times faster than the pure-Python loader and keeps marks too.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_STR = "tag:yaml.org,2002:str"


@dataclass
class SourceFile:
    """A data file's values and the 1-based line of each field path."""

    name: str
    data: Any = None
    lines: dict[Path, int] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    expanded: set[int] = field(default_factory=set, repr=False)
    """The mappings and lists read so far, by node identity: one met again is an alias."""

    def line_of(self, path: Path) -> int:
        """The line of `path`, or of its nearest ancestor that exists."""
        while path not in self.lines and path:
            path = path[:-1]
        return self.lines.get(path, 1)

    def problem(self, path: Path, message: str) -> Problem:
        return Problem(self.name, self.line_of(path), format_path(path), message)


def read_text(path: FsPath, display_name: str) -> str | Problem:
    """The text of a file saved as UTF-8 (a byte order mark before it dropped), or the problem
    naming the line of its first byte that is not."""
    raw = path.read_bytes()
    try:
        return raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        what = f"not valid UTF-8 (byte 0x{raw[error.start]:02x}); save the file as UTF-8"
        return Problem(display_name, line, "(file)", what)


def read_yaml(path: FsPath, display_name: str) -> SourceFile:
    """Parse `path`; syntax and encoding errors are recorded as problems, never raised."""
    text = read_text(path, display_name)
    if isinstance(text, Problem):
        return SourceFile(display_name, problems=[text])
    source = parse_yaml(text, display_name)
    if source.data is None and not source.problems:
        source.problems.append(Problem(display_name, 1, "(document)", "the file is empty; expected a mapping"))
    return source


def parse_yaml(text: str, display_name: str) -> SourceFile:
    """Parse YAML `text` (None for an empty document); errors are recorded as problems, never raised."""
    source = SourceFile(display_name)
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        what = error.problem or "invalid YAML"
        if "\t" in "".join(text.splitlines()[line - 1 : line]):
            what += " (tabs cannot indent YAML; use spaces)"
        source.problems.append(Problem(display_name, line, "(syntax)", f"YAML syntax error: {what}"))
        return source
    except yaml.YAMLError as error:
        source.problems.append(Problem(display_name, 1, "(syntax)", f"YAML syntax error: {error}"))
        return source
    if node is not None:
        try:
            source.data = _construct(node, (), source)
        except RecursionError:
            message = f"values are nested more than {_DEEPEST} deep; data never needs that"
            source.problems.append(Problem(display_name, 1, "(document)", message))
    return source


_DEEPEST = 100
"""Nesting no data file comes near; deeper, reading it would exhaust Python's stack."""


def _construct(node: yaml.Node, path: Path, source: SourceFile) -> Any:
    source.lines.setdefault(path, node.start_mark.line + 1)
    if len(path) > _DEEPEST:
        raise RecursionError
    if isinstance(node, yaml.CollectionNode):
        # An alias (*name) repeats a value written elsewhere (&name): refused, because one
        # that holds itself never ends, and a few that hold each other spell billions of values.
        if id(node) in source.expanded:
            message = "YAML anchors and aliases (&name, *name) are not allowed in data; write the value out"
            source.problems.append(source.problem(path, message))
            return None
        source.expanded.add(id(node))
    if isinstance(node, yaml.MappingNode):
        return _construct_mapping(node, path, source)
    if isinstance(node, yaml.SequenceNode):
        # Tuples, because the models are immutable and strict: they take no list.
        return tuple(_construct(item, (*path, index), source) for index, item in enumerate(node.value))
    if node.tag == _STR:
        return node.value  # most values; the constructor would return the same string, slower
    try:
        return yaml.constructor.SafeConstructor().construct_object(node)
    except (yaml.YAMLError, ValueError) as error:
        source.problems.append(source.problem(path, f"cannot read value {node.value!r}: {error}"))
        return None


def _construct_mapping(node: yaml.MappingNode, path: Path, source: SourceFile) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key_node, value_node in node.value:
        key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
        if not isinstance(key, str):
            line = key_node.start_mark.line + 1
            source.problems.append(Problem(source.name, line, format_path(path), "keys must be plain words"))
            continue
        if key in result:
            line = key_node.start_mark.line + 1
            first = source.lines[(*path, key)]
            source.problems.append(
                Problem(source.name, line, format_path((*path, key)), f"duplicate key (first given on line {first})")
            )
            continue
        source.lines[(*path, key)] = key_node.start_mark.line + 1
        result[key] = _construct(value_node, (*path, key), source)
    return result
