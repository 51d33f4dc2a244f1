"""Read YAML safely, keeping the line of every value and refusing duplicate keys.

PyYAML's loaders keep the last of two duplicate keys silently and forget where values came
from; validation needs both, so we compose the node tree and build the values ourselves.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from kamtrust.errors import Problem
from kamtrust.inputfile import InputReasonError, Reason, read_bytes, reason
from kamtrust.localerror import Count
from kamtrust.located import LocDict as LocDict  # re-exported: readers of YAML type their values with them
from kamtrust.located import LocList as LocList
from kamtrust.parser_words import ParserWords

Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's C loader when the wheel has it (about ten times faster), else pure Python."""


_PLAIN_TAGS = frozenset({"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"})
MAX_VALUES = 100_000
"""Values built from one file; aliases count each time they repeat (a 'billion laughs' stops)."""
MAX_DEPTH = 500
"""Nesting refused beyond this, when a file is big enough to be checked (see _too_deep)."""
_SCAN_ABOVE = 5_000


class _Builder:
    def __init__(self, path: str) -> None:
        self.path = path
        self.problems: list[Problem] = []
        self._scalars = SafeConstructor()
        self._busy: set[int] = set()
        self._built = 0

    def problem(self, line: int, where: str, key: str, /, **values: Any) -> None:
        """Record the catalogue's problem ``key`` (said in the user's language when reported)."""
        why = Reason(key, tuple(values.items()))
        self.problems.append(Problem(self.path, line, where, why.text("en"), why))

    def build(self, node: Node, where: str) -> Any:
        self._built += 1
        if self._built > MAX_VALUES:
            raise InputReasonError(self.path, reason("yl_too_many_values", limit=Count(MAX_VALUES)))
        line = node.start_mark.line + 1
        if isinstance(node, ScalarNode):
            try:
                return self._scalars.construct_object(node)
            except (ConstructorError, ValueError, OverflowError) as exc:
                # Python refuses to read integers of more than 4,300 digits; say so in words.
                if "integer string conversion" in str(exc):
                    self.problem(line, where, "yl_long_number", digits=len(str(node.value)))
                else:
                    self.problem(line, where, "yl_bad_value", error=str(exc))
                return None
        if id(node) in self._busy:  # an alias that contains itself
            self.problem(line, where, "yl_recursive_alias")
            return None
        if node.tag not in _PLAIN_TAGS:
            # Safe loading: a tagged collection (e.g. !!python/object) is refused, never built.
            self.problem(line, where, "yl_tag", tag=node.tag)
            return None
        self._busy.add(id(node))
        try:
            if isinstance(node, SequenceNode):
                seq = LocList()
                seq.line, seq.item_lines = line, []
                for i, child in enumerate(node.value):
                    seq.append(self.build(child, f"{where}[{i}]"))
                    seq.item_lines.append(child.start_mark.line + 1)
                return seq
            assert isinstance(node, MappingNode)
            mapping = LocDict()
            mapping.line, mapping.key_lines = line, {}
            for key_node, value_node in node.value:
                key_line = key_node.start_mark.line + 1
                key = self.build(key_node, where)
                try:
                    hash(key)
                except TypeError:
                    self.problem(key_line, where, "yl_key_not_plain")
                    continue
                child_where = f"{where}.{key}" if where else str(key)
                if key in mapping.key_lines:
                    first = mapping.key_lines[key]
                    self.problem(key_line, child_where, "yl_duplicate_key", name=key, first=first)
                    continue
                mapping[key] = self.build(value_node, child_where)
                mapping.key_lines[key] = key_line
            return mapping
        finally:
            self._busy.discard(id(node))


def load_located(path: Path, label: str | None = None) -> tuple[Any, list[Problem]]:
    """Parse one YAML document from ``path``: its located value and any structural problems.

    Raises InputFileError when the file cannot be read or is not YAML at all.
    """
    name = label or str(path)
    return parse_located(read_bytes(path, name), name)


def parse_located(raw: bytes | str, name: str) -> tuple[Any, list[Problem]]:
    """Parse YAML text or bytes (UTF-8, BOM allowed) as :func:`load_located` does."""
    if isinstance(raw, bytes):
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise InputReasonError(name, reason("yl_not_utf8", offset=exc.start)) from None
    else:
        text = raw
    try:
        if _too_deep(text):
            raise InputReasonError(name, reason("yl_too_deep"))
        node = yaml.compose(text, Loader=Loader)
    except yaml.MarkedYAMLError as exc:
        if "maximum nesting depth" in (exc.problem or ""):  # libyaml's own limit (PyYAML >= 6.0.3)
            raise InputReasonError(name, reason("yl_too_deep")) from None
        mark = exc.problem_mark or exc.context_mark
        parts = [part for part in (exc.context, exc.problem) if part]
        what = ", ".join(parts) or "invalid YAML"  # PyYAML's own words (parser_words says them)
        if mark:
            raise InputReasonError(
                name, reason("yl_invalid_at", error=ParserWords(what), line=mark.line + 1, column=mark.column + 1)
            ) from None
        raise InputReasonError(name, reason("yl_invalid", error=ParserWords(what))) from None
    except yaml.YAMLError as exc:
        raise InputReasonError(name, reason("yl_invalid", error=ParserWords(str(exc)))) from None
    except RecursionError:
        raise InputReasonError(name, reason("yl_too_deep")) from None
    if node is None:
        raise InputReasonError(name, reason("yl_empty"))
    builder = _Builder(name)
    try:
        value = builder.build(node, "")
    except RecursionError:
        raise InputReasonError(name, reason("yl_too_deep")) from None
    return value, builder.problems


def _too_deep(text: str) -> bool:
    """True when collections nest more than MAX_DEPTH levels deep.

    libyaml's composer recurses in C, out of reach of Python's recursion limit: tens of thousands
    of levels crash the interpreter. Each level needs one of ``[ { - ? :``, so a text with fewer
    than _SCAN_ABOVE of them is composed directly (our builder then stops at Python's limit);
    only others are scanned first, which costs about half a parse.
    """
    if sum(map(text.count, "[{-?:")) <= _SCAN_ABOVE:
        return False
    depth = 0
    for event in yaml.parse(text, Loader=Loader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                return True
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    return False
