"""Strict reading of YAML mappings: unknown keys, missing keys and wrong types are user errors
that name the file and the key path (``analyse.min_cell``)."""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from pipeline.errors import UserError

_MISSING = object()


class DuplicateKeyError(yaml.YAMLError):
    def __init__(self, key: Any, first: yaml.Mark, again: yaml.Mark) -> None:
        super().__init__(f"duplicate key {key!r}")
        self.key, self.first, self.again = key, first, again


class StrictLoader(yaml.SafeLoader):
    """PyYAML's safe loader, except that a key repeated in one mapping is an error: PyYAML
    keeps the last value silently (an item would get another item's column). Merge keys
    (``<<: *base``) may still be overridden, as YAML intends."""

    def construct_mapping(self, node: yaml.Node, deep: bool = False) -> dict[Any, Any]:
        if isinstance(node, yaml.MappingNode):
            seen: dict[Any, yaml.Mark] = {}
            for key_node, _ in node.value:
                if key_node.tag == "tag:yaml.org,2002:merge":
                    continue
                key = self.construct_object(key_node, deep=True)
                try:
                    first = seen.get(key)
                except TypeError:  # unhashable key: the base class reports it
                    continue
                if first is not None:
                    raise DuplicateKeyError(key, first, key_node.start_mark)
                seen[key] = key_node.start_mark
        return super().construct_mapping(node, deep)  # type: ignore[no-any-return]


def load_yaml(path: Path, what: str) -> Any:
    """Read a YAML file (UTF-8, no repeated keys), turning I/O, encoding and syntax problems
    into a UserError."""
    if not path.is_file():
        raise UserError(path, "", f"{what} not found", "create it or pass its path")
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise UserError(path, "", f"cannot be read: {exc}", "check the file") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise UserError(
            path,
            f"line {line}",
            f"is not UTF-8 text (byte 0x{raw[exc.start]:02x}; saved as Latin-1 or cp1252?)",
            "save it as UTF-8 in your editor",
        ) from None
    try:
        return yaml.load(text, Loader=StrictLoader)  # StrictLoader is a SafeLoader
    except DuplicateKeyError as exc:
        raise UserError(
            path,
            f"line {exc.again.line + 1}",
            f"key {exc.key!r} appears twice in one mapping (first on line {exc.first.line + 1})",
            "remove or rename one of them; YAML would silently keep only the last",
        ) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise UserError(path, where, f"is not valid YAML: {problem}", "fix the syntax") from None


class Section:
    """A mapping being read; remembers which keys were taken so leftovers can be rejected."""

    def __init__(self, data: Any, file: Path | str, path: str) -> None:
        if data is None:
            data = {}
        if not isinstance(data, Mapping):
            raise UserError(file, path or "top level", f"must be a mapping, got {_kind(data)}")
        self.data: Mapping[Any, Any] = data
        self.file = file
        self.path = path
        self._taken: set[Any] = set()

    def key_path(self, key: Any) -> str:
        return f"{self.path}.{key}" if self.path else str(key)

    def has(self, key: str) -> bool:
        return key in self.data

    def get(self, key: str, types: type | tuple[type, ...], default: Any = _MISSING) -> Any:
        self._taken.add(key)
        if key not in self.data or self.data[key] is None:
            if default is _MISSING:
                raise self.error(key, "required key is missing", "add it")
            return default
        value = self.data[key]
        if types is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if isinstance(value, bool) and bool not in _as_tuple(types):
            raise self.error(key, f"must be {_names(types)}, got {value}")
        if not isinstance(value, types):
            raise self.error(key, f"must be {_names(types)}, got {_kind(value)} {value!r}")
        return value

    def section(self, key: str, required: bool = False) -> Section:
        value = self.get(key, (dict,), _MISSING if required else None)
        return Section(value, self.file, self.key_path(key))

    def error(self, key: Any, problem: str, fix: str = "") -> UserError:
        """The error to raise for the value under ``key`` (names the file and the key path)."""
        return UserError(self.file, self.key_path(key), problem, fix)

    def choice(
        self, key: str, allowed: tuple[str, ...], default: Any = _MISSING, what: str = "value"
    ) -> str:
        """A text that must be one of ``allowed``; anything else is an error that lists them."""
        value = self.get(key, str, default)
        if value not in allowed:
            raise self.error(key, f"unknown {what} {value!r}", f"use one of {list(allowed)}")
        return str(value)

    def finish(self) -> None:
        """Reject keys that were never taken, suggesting the closest known key."""
        unknown = [k for k in self.data if k not in self._taken]
        if unknown:
            key = unknown[0]
            close = difflib.get_close_matches(str(key), [str(k) for k in self._taken], n=1)
            fix = f"did you mean '{close[0]}'?" if close else f"known keys: {sorted(self._taken)}"
            raise self.error(key, "unknown key", fix)


def _as_tuple(types: type | tuple[type, ...]) -> tuple[type, ...]:
    return types if isinstance(types, tuple) else (types,)


def _names(types: type | tuple[type, ...]) -> str:
    names = {
        bool: "true or false",
        int: "a whole number",
        float: "a number",
        str: "a text",
        dict: "a mapping",
        list: "a list",
    }
    return " or ".join(names.get(t, t.__name__) for t in _as_tuple(types))


def _kind(value: Any) -> str:
    if isinstance(value, Mapping):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return type(value).__name__
