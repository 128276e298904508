"""The area catalogue (areas.yaml): areas and the rules of finer levels."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from dashboard.catalogues.model import AREA_LEVELS, CITY_CODE, normalise_name
from dashboard.catalogues.yamlio import Checker, read_yaml
from dashboard.config import catalogue_dir
from dashboard.errors import ValidationError


def _district_code(data: dict[str, Any], checker: Checker) -> tuple[re.Pattern[str] | None, str]:
    """The ``district_code`` rule of areas.yaml (pattern, description); none: any code."""
    rule = data.get("district_code") or {}
    try:
        pattern = re.compile(str(rule["pattern"])) if "pattern" in rule else None
    except re.error as exc:
        checker.add(rule, "district_code", "ein regulärer Ausdruck", str(exc))
        pattern = None
    return pattern, str(rule.get("label", "ein Stadtteilschlüssel nach dem Schema"))


def read_areas(path: Path, checker: Checker) -> pd.DataFrame:
    """The areas of areas.yaml, checked (unique keys, known parents, district codes)."""
    data = read_yaml(path, checker)
    district_code, district_label = _district_code(data, checker)
    rows: list[dict[str, Any]] = []
    seen_keys: dict[str, str] = {}
    for i, item in enumerate(data.get("areas") or []):
        code = str(item.get("code", "")).strip()
        if not code:
            checker.add(item, "code", "ein Gebietsschlüssel", item.get("code"))
            continue
        level = checker.choice(item, "level", AREA_LEVELS)
        name = checker.text(item, "name")
        aliases = [str(a) for a in item.get("aliases") or []]
        for key in [code, name, *aliases]:
            norm = normalise_name(key)
            if norm in seen_keys and seen_keys[norm] != code:
                checker.add(item, "aliases", "eindeutige Namen und Schlüssel", key)
            seen_keys[norm] = code
        parent = item.get("parent")
        rows.append(
            {
                "code": code,
                "level": level,
                "name": name,
                "parent_code": None if parent is None else str(parent),
                "aliases": aliases,
                "sort": i,
                "__line__": item.get("__line__"),
            }
        )
    frame = pd.DataFrame(rows, columns=["code", "level", "name", "parent_code", "aliases", "sort"])
    codes = [r["code"] for r in rows]
    for r in rows:
        if codes.count(r["code"]) > 1:
            checker.add(r, "code", "eindeutiger Gebietsschlüssel", r["code"])
        if r["parent_code"] is not None and r["parent_code"] not in codes:
            checker.add(r, "parent", "ein vorhandener Gebietsschlüssel", r["parent_code"])
        if (
            r["level"] == "stadtteil"
            and district_code is not None
            and not district_code.fullmatch(r["code"])
        ):
            checker.add(r, "code", district_label, r["code"])
        # the analyses find the whole city by this code (analysis.gaps.CITY): say so here
        if r["level"] == "stadt" and r["code"] != CITY_CODE:
            checker.add(r, "code", f"den Schlüssel {CITY_CODE} für die Stadt", r["code"])
    if not rows:
        checker.add(None, "areas", "mindestens ein Gebiet", "keine")
    return frame


@dataclass(frozen=True)
class FinerLevel:
    """A finer area level created by importing its geometry (e.g. Stadtzellen)."""

    level: str
    parent_level: str
    pattern: re.Pattern[str]

    def parent_of(self, code: str) -> str | None:
        """The parent code the code rule gives (None when the code does not follow it)."""
        match = self.pattern.match(code)
        return match["parent"] if match else None


def finer_levels(data_dir: Path | None = None) -> list[FinerLevel]:
    """The ``finer_levels`` block of areas.yaml; raise on an invalid rule."""
    data_dir = data_dir or catalogue_dir()
    checker = Checker(data_dir / "areas.yaml")
    rules = []
    for item in read_yaml(data_dir / "areas.yaml", checker).get("finer_levels") or []:
        level = checker.choice(item, "level", AREA_LEVELS)
        parent = checker.choice(item, "parent_level", AREA_LEVELS)
        try:
            pattern = re.compile(str(item.get("code_pattern", "")))
        except re.error as exc:
            checker.add(item, "code_pattern", "ein regulärer Ausdruck", str(exc))
            continue
        if "parent" not in pattern.groupindex:
            checker.add(item, "code_pattern", "eine Gruppe (?P<parent>…)", pattern.pattern)
        rules.append(FinerLevel(level, parent, pattern))
    if checker.problems:
        raise ValidationError(checker.problems, "Die Gebietsebenen sind ungültig.")
    return rules
