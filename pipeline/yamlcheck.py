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


def load_yaml(path: Path, what: str) -> Any:
    """Read a YAML file, turning I/O and syntax problems into a UserError."""
    if not path.is_file():
        raise UserError(path, "", f"{what} not found", "create it or pass its path")
    try:
        with path.open("rb") as fh:
            return yaml.safe_load(fh)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise UserError(path, where, f"is not valid YAML: {problem}", "fix the syntax") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise UserError(path, "", f"cannot be read: {exc}", "check the file") from None


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
                raise UserError(self.file, self.key_path(key), "required key is missing", "add it")
            return default
        value = self.data[key]
        if types is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if isinstance(value, bool) and bool not in _as_tuple(types):
            raise UserError(self.file, self.key_path(key), f"must be {_names(types)}, got {value}")
        if not isinstance(value, types):
            raise UserError(
                self.file,
                self.key_path(key),
                f"must be {_names(types)}, got {_kind(value)} {value!r}",
            )
        return value

    def section(self, key: str, required: bool = False) -> Section:
        value = self.get(key, (dict,), _MISSING if required else None)
        return Section(value, self.file, self.key_path(key))

    def finish(self) -> None:
        """Reject keys that were never taken, suggesting the closest known key."""
        unknown = [k for k in self.data if k not in self._taken]
        if unknown:
            key = unknown[0]
            close = difflib.get_close_matches(str(key), [str(k) for k in self._taken], n=1)
            fix = f"did you mean '{close[0]}'?" if close else f"known keys: {sorted(self._taken)}"
            raise UserError(self.file, self.key_path(key), "unknown key", fix)


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
