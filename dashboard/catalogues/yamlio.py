"""Reading catalogue YAML with line numbers, and collecting problems per file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from dashboard.errors import Problem


class LineLoader(yaml.SafeLoader):
    """Safe YAML loader that remembers the line of every mapping, for error messages."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        mapping = super().construct_mapping(node, deep=deep)
        mapping["__line__"] = node.start_mark.line + 1
        return mapping


class Checker:
    """Collects problems for one catalogue file."""

    def __init__(self, file: Path) -> None:
        self.file = file.name
        self.problems: list[Problem] = []

    def add(self, item: dict[str, Any] | None, key: str | None, expected: str, found: Any) -> None:
        line = item.get("__line__") if isinstance(item, dict) else None
        self.problems.append(Problem(self.file, line, key, expected, repr(found)))

    def text(self, item: dict[str, Any], key: str, max_len: int | None = None) -> str:
        value = item.get(key)
        if not isinstance(value, str) or not value.strip():
            self.add(item, key, "nicht-leerer Text", value)
            return ""
        if max_len is not None and len(value) > max_len:
            self.add(item, key, f"höchstens {max_len} Zeichen", f"{len(value)} Zeichen")
        return value.strip()

    def choice(self, item: dict[str, Any], key: str, allowed: tuple[str, ...]) -> str:
        value = item.get(key)
        if value not in allowed:
            self.add(item, key, "einer von " + ", ".join(allowed), value)
            return ""
        return str(value)


def read_yaml(path: Path, checker: Checker) -> dict[str, Any]:
    try:
        with path.open(encoding="utf-8") as fh:
            data = yaml.load(fh, Loader=LineLoader)
    except FileNotFoundError:
        checker.add(None, None, "eine vorhandene Datei", str(path))
        return {}
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        checker.add(None, None, "gültiges YAML in UTF-8", str(exc).splitlines()[0])
        return {}
    if not isinstance(data, dict):
        checker.add(None, None, "eine Zuordnung (mapping) auf oberster Ebene", type(data).__name__)
        return {}
    return data
