"""Load and validate the YAML catalogues (Leitbild, indicators, areas) into table frames."""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from dashboard.config import DATA_DIR
from dashboard.errors import Problem, ValidationError
from dashboard.frames import nulls_as_none

FIELD_KINDS = ("uebergreifend", "schwerpunkt", "lebensfeld")
GOAL_KINDS = ("leitziel", "teilziel", "umsetzungsperspektive", "stadtteilziel")
INDICATOR_KINDS = ("share", "rate", "count", "mean", "index")
DIRECTIONS = ("higher_better", "lower_better", "neutral")
TARGET_TYPES = ("absolute", "parity", "relative_change", "direction")
AREA_LEVELS = (
    "stadt", "stadtbezirk", "teilbereich", "stadtteil", "nicht_zuzuordnen", "stadtzelle",
)  # fmt: skip
AGGREGATES = ("sum", "ratio", "none")
ADDITIVE_KINDS = {"splits": "split", "identities": "identity"}  # YAML key -> stored kind
GROUP_GOAL_PARTS = ("Arbeit", "Jugendliche", "Wirtschaft", "Partizipation", "Engagement")
MAX_LABEL = 90

RE_FIELD_ID = re.compile(r"^[678]\.[1-6]$")
RE_GOAL_ID = {
    "leitziel": re.compile(r"^(?P<f>[678]\.\d)-L(?P<n>\d+)$"),
    "teilziel": re.compile(
        r"^(?P<f>[678]\.\d)-(?:(?:" + "|".join(GROUP_GOAL_PARTS) + r")-)?T(?P<n>\d+(?:\.\d+)?)$"
    ),
    "umsetzungsperspektive": re.compile(r"^(?P<f>8\.\d)-U(?P<n>\d+)$"),
    "stadtteilziel": re.compile(r"^(?P<f>6\.3)-S(?P<a>\d{2})-(?P<n>\d+)$"),
}
RE_SLUG = re.compile(r"^[a-z][a-z0-9_]*$")


class _LineLoader(yaml.SafeLoader):
    """Safe YAML loader that remembers the line of every mapping, for error messages."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        mapping = super().construct_mapping(node, deep=deep)
        mapping["__line__"] = node.start_mark.line + 1
        return mapping


# imports resolve the same few labels for every row: keep the results (typed: 1 ≠ True)
@functools.lru_cache(maxsize=65536, typed=True)
def normalise_name(text: str) -> str:
    """Key for matching area names: case-, accent-, quote- and whitespace-insensitive."""
    text = unicodedata.normalize("NFKC", str(text)).strip().strip("\"'„“”").casefold()
    text = text.replace("ß", "ss")
    return re.sub(r"[\s\-‐–]+", " ", text).strip()


def slugify(text: str, sep: str = "_") -> str:
    """ASCII id from a German label: 'Stadtteilbüro Coerde' → 'stadtteilbuero_coerde'."""
    norm = normalise_name(text)
    for umlaut, ascii_ in (("ä", "ae"), ("ö", "oe"), ("ü", "ue")):
        norm = norm.replace(umlaut, ascii_)
    norm = unicodedata.normalize("NFKD", norm).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", sep, norm).strip(sep)


@dataclass
class Catalogue:
    """The validated catalogues as table frames plus lookups the importers need."""

    frames: dict[str, pd.DataFrame]
    area_by_key: dict[str, str] = field(default_factory=dict)

    @property
    def areas(self) -> pd.DataFrame:
        """Area table (code, level, name, parent_code, aliases, sort)."""
        return self.frames["area"]

    @property
    def indicators(self) -> pd.DataFrame:
        """Indicator table."""
        return self.frames["indicator"]

    @property
    def additive_sets(self) -> pd.DataFrame:
        """Declared splits of groups and identities between indicators (kind, total, parts)."""
        empty = pd.DataFrame(columns=["id", "kind", "total", "parts", "sort"])
        return self.frames.get("additive_set", empty)

    def indicator(self, indicator_id: str) -> dict[str, Any] | None:
        """One indicator as a dict, or None."""
        rows = self.indicators[self.indicators["id"] == indicator_id]
        return None if rows.empty else rows.iloc[0].to_dict()

    def analysis_indicators(self, key: str, default: tuple[str, ...] = ()) -> tuple[str, ...]:
        """Indicators the catalogue names for an analysis (``analyses`` block), else ``default``."""
        frame = self.frames.get("analysis_setting")
        if frame is None or frame.empty or key not in set(frame["key"]):
            return tuple(default)
        return tuple(frame.loc[frame["key"] == key, "indicators"].iloc[0])

    def resolve_area(self, text: str) -> str | None:
        """Area code for a code, name or alias (None when unknown)."""
        return self.area_by_key.get(normalise_name(text))

    def area_codes(self) -> set[str]:
        """All area codes."""
        return set(self.areas["code"])

    def group_ids(self) -> set[str]:
        """Declared disaggregation groups."""
        return set(self.frames["group_label"]["id"])

    @classmethod
    def from_frames(cls, frames: dict[str, pd.DataFrame]) -> Catalogue:
        """Build the lookups from table frames (as loaded from YAML or from the store)."""
        frames = {name: nulls_as_none(frame) for name, frame in frames.items()}
        keys: dict[str, str] = {}
        for row in frames["area"].itertuples():
            for key in [row.code, row.name, *list(row.aliases)]:
                keys.setdefault(normalise_name(key), row.code)
            if row.level == "stadtteil":
                keys.setdefault(normalise_name(f"{row.code} {row.name}"), row.code)
        return cls(frames=frames, area_by_key=keys)


class _Checker:
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


def _read_yaml(path: Path, checker: _Checker) -> dict[str, Any]:
    try:
        with path.open(encoding="utf-8") as fh:
            data = yaml.load(fh, Loader=_LineLoader)
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


def _areas(path: Path, checker: _Checker) -> pd.DataFrame:
    data = _read_yaml(path, checker)
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
        if r["level"] == "stadtteil" and not re.fullmatch(r"\d{2}", r["code"]):
            checker.add(r, "code", "zweistellige Stadtteilnummer", r["code"])
    if not rows:
        checker.add(None, "areas", "mindestens ein Gebiet", "keine")
    return frame


def _leitbild(path: Path, checker: _Checker, district_codes: set[str]) -> dict[str, pd.DataFrame]:
    data = _read_yaml(path, checker)
    fields: list[dict[str, Any]] = []
    goals: list[dict[str, Any]] = []
    supports: list[dict[str, str]] = []
    for fi, item in enumerate(data.get("fields") or []):
        fid = str(item.get("id", ""))
        if not RE_FIELD_ID.match(fid):
            checker.add(item, "id", "Handlungsfeldnummer wie 6.1", fid)
        fields.append(
            {
                "id": fid,
                "title": checker.text(item, "title"),
                "short": checker.text(item, "short", 32),
                "kind": checker.choice(item, "kind", FIELD_KINDS),
                "sort": fi,
            }
        )
        for goal in item.get("goals") or []:
            kind = checker.choice(goal, "kind", GOAL_KINDS)
            gid = str(goal.get("id", ""))
            match = RE_GOAL_ID[kind].match(gid) if kind else None
            if kind and (match is None or match["f"] != fid):
                checker.add(goal, "id", f"Ziel-ID nach dem Schema für {kind} in {fid}", gid)
            area = goal.get("area")
            if kind == "stadtteilziel":
                area = str(area)
                if area not in district_codes:
                    checker.add(goal, "area", "ein Stadtteilschlüssel", area)
                if match is not None and match["a"] != area:
                    checker.add(goal, "area", f"Stadtteil {match['a']} wie in der ID", area)
            goals.append(
                {
                    "id": gid,
                    "field_id": fid,
                    "parent_id": goal.get("parent"),
                    "kind": kind,
                    "number": str(goal.get("number", "")),
                    "label": checker.text(goal, "label", MAX_LABEL),
                    "grp": goal.get("group"),
                    "name": goal.get("name"),
                    "area_code": None if area is None else str(area),
                    "sort": len(goals),
                    "__line__": goal.get("__line__"),
                }
            )
            supports += [{"goal_id": gid, "leitziel_id": str(s)} for s in goal.get("supports", [])]
    by_id: dict[str, dict[str, Any]] = {}
    for g in goals:
        if g["id"] in by_id:
            checker.add(g, "id", "eindeutige Ziel-ID", g["id"])
        by_id.setdefault(g["id"], g)
    for g in goals:
        parent = g["parent_id"]
        if parent is not None and (
            parent not in by_id
            or by_id[parent]["kind"] != "teilziel"
            or by_id[parent]["field_id"] != g["field_id"]
        ):
            checker.add(g, "parent", "ein Teilziel desselben Handlungsfelds", parent)
    for s in supports:
        if by_id.get(s["leitziel_id"], {}).get("kind") != "leitziel":
            checker.add(by_id.get(s["goal_id"]), "supports", "ein Leitziel", s["leitziel_id"])
    if not fields:
        checker.add(None, "fields", "die Handlungsfelder", "keine")
    return {
        "field": pd.DataFrame(fields, columns=["id", "title", "short", "kind", "sort"]),
        "goal": pd.DataFrame(goals).drop(columns="__line__", errors="ignore"),
        "goal_support": pd.DataFrame(supports, columns=["goal_id", "leitziel_id"]),
    }


def _natural_limit(
    item: dict[str, Any], checker: _Checker, kind: str | None, direction: str | None
) -> float | None:
    """The natural limit of an indicator's values in its desired direction, or None.

    Open SDG scales its no-target thresholds near such a limit. A share in per cent cannot
    exceed 100 % nor fall below 0 %, so shares get 100 (higher is better) or 0 (lower is
    better) unless the catalogue says ``limit: <number>`` or ``limit: null``.
    """
    if "limit" in item:
        value = item["limit"]
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            checker.add(item, "limit", "eine Zahl (natürlicher Grenzwert) oder null", value)
            return None
        return float(value)
    if kind == "share" and str(item.get("unit")) == "%":
        return {"higher_better": 100.0, "lower_better": 0.0}.get(str(direction))
    return None


def _indicators(
    path: Path, checker: _Checker, field_ids: set[str], goal_ids: set[str]
) -> dict[str, pd.DataFrame]:
    data = _read_yaml(path, checker)
    groups = data.get("groups") or {}
    group_rows = [{"id": k, "label": str(v)} for k, v in groups.items() if k != "__line__"]
    for g in group_rows:
        if not RE_SLUG.match(g["id"]):
            checker.add(groups, "groups", "Gruppen-ID aus a–z, 0–9, _", g["id"])
    group_ids = {g["id"] for g in group_rows}
    rows: list[dict[str, Any]] = []
    links: list[dict[str, str]] = []
    for i, item in enumerate(data.get("indicators") or []):
        iid = str(item.get("id", ""))
        if not RE_SLUG.match(iid):
            checker.add(item, "id", "Indikator-ID aus a–z, 0–9, _", iid)
        kind = checker.choice(item, "kind", INDICATOR_KINDS)
        fid = str(item.get("field", ""))
        if fid not in field_ids:
            checker.add(item, "field", "ein Handlungsfeld des Leitbilds", fid)
        levels = list(item.get("levels") or [])
        if not levels or any(lv not in AREA_LEVELS for lv in levels):
            checker.add(item, "levels", "Ebenen aus " + ", ".join(AREA_LEVELS), levels)
        igroups = list(item.get("groups") or ["insgesamt"])
        for g in igroups:
            if g not in group_ids:
                checker.add(item, "groups", "eine unter groups erklärte Gruppe", g)
        decimals = item.get("decimals", 0)
        if not isinstance(decimals, int) or not 0 <= decimals <= 3:
            checker.add(item, "decimals", "ganze Zahl 0–3", decimals)
            decimals = 0
        direction = checker.choice(item, "direction", DIRECTIONS)
        limit = _natural_limit(item, checker, kind, direction)
        derived = item.get("derived") or {}
        default_agg = {"count": "sum", "share": "ratio", "rate": "ratio"}.get(kind, "none")
        aggregate = item.get("aggregate", default_agg)
        if aggregate not in AGGREGATES:
            checker.add(item, "aggregate", "einer von " + ", ".join(AGGREGATES), aggregate)
        for goal in item.get("goals") or []:
            if goal not in goal_ids:
                checker.add(item, "goals", "eine Ziel-ID aus dem Leitbild-Katalog", goal)
            links.append({"goal_id": str(goal), "indicator_id": iid})
        rows.append(
            {
                "id": iid,
                "name": checker.text(item, "name"),
                "short": checker.text(item, "short", 28),
                "field_id": fid,
                "unit": checker.text(item, "unit"),
                "kind": kind,
                "direction": direction,
                "target_type": checker.choice(item, "target_type", TARGET_TYPES),
                "levels": levels,
                "groups": igroups,
                "decimals": decimals,
                "definition": checker.text(item, "definition"),
                "source": checker.text(item, "source"),
                "numerator_id": derived.get("numerator"),
                "denominator_id": derived.get("denominator"),
                "factor": float(derived.get("factor", 100)) if derived else None,
                # a part given as a sum of groups (age bands) yields a value of group insgesamt
                "numerator_groups": _group_list(derived.get("numerator_groups")),
                "denominator_groups": _group_list(derived.get("denominator_groups")),
                "parity_reference": item.get("parity_reference"),
                "aggregate": aggregate,
                "natural_limit": limit,
                "sort": i,
                "__line__": item.get("__line__"),
            }
        )
    by_id: dict[str, dict[str, Any]] = {}
    for r in rows:
        if r["id"] in by_id:
            checker.add(r, "id", "eindeutige Indikator-ID", r["id"])
        by_id.setdefault(r["id"], r)
    for r in rows:
        for key in ("numerator_id", "denominator_id"):
            ref = r[key]
            if ref is not None and (ref not in by_id or by_id[ref]["numerator_id"] is not None):
                checker.add(r, "derived", "ein gespeicherter (nicht abgeleiteter) Indikator", ref)
        if (r["numerator_id"] is None) != (r["denominator_id"] is None):
            checker.add(r, "derived", "numerator und denominator", "nur eines von beiden")
        _check_summed_groups(r, by_id, checker)
        ref = r["parity_reference"]
        if ref is not None and ref not in by_id:
            checker.add(r, "parity_reference", "eine vorhandene Indikator-ID", ref)
    if not rows:
        checker.add(None, "indicators", "mindestens einen Indikator", "keinen")
    frame = pd.DataFrame(rows).drop(columns="__line__", errors="ignore")
    return {
        "additive_set": _additive_sets(data, checker, group_ids, by_id),
        "indicator": frame,
        "analysis_setting": _analysis_settings(data, checker, set(by_id)),
        "group_label": pd.DataFrame(group_rows, columns=["id", "label"]),
        "goal_indicator": pd.DataFrame(
            links, columns=["goal_id", "indicator_id"]
        ).drop_duplicates(),
    }


def _group_list(value: Any) -> list[str] | None:
    return None if value is None else [str(g) for g in value]


def _check_summed_groups(
    r: dict[str, Any], by_id: dict[str, dict[str, Any]], checker: _Checker
) -> None:
    """Summed groups must be groups of their part; the result then has group insgesamt only."""
    summed = False
    pairs = (("numerator_groups", "numerator_id"), ("denominator_groups", "denominator_id"))
    for key, part in pairs:
        groups = r[key]
        if groups is None:
            continue
        summed = True
        declared = set(by_id.get(r[part], {}).get("groups") or [])
        for g in groups:
            if g not in declared:
                checker.add(r, "derived", f"eine Gruppe von {r[part]}", g)
    if summed and r["groups"] != ["insgesamt"]:
        checker.add(r, "groups", "nur insgesamt (Summe von Gruppen)", r["groups"])


# settings of the analyses that name indicators (which ones form the social status index …)
ANALYSIS_SETTINGS = ("social_index", "similarity")


def _analysis_settings(data: dict[str, Any], checker: _Checker, ids: set[str]) -> pd.DataFrame:
    """The ``analyses`` block: per analysis the indicators it uses, in order."""
    block = data.get("analyses") or {}
    rows = []
    for i, key in enumerate(k for k in block if k != "__line__"):
        item = block[key] if isinstance(block[key], dict) else {}
        if key not in ANALYSIS_SETTINGS:
            checker.add(block, "analyses", "einer von " + ", ".join(ANALYSIS_SETTINGS), key)
        listed = [str(x) for x in item.get("indicators") or []]
        for iid in listed:
            if iid not in ids:
                checker.add(item, "indicators", "eine vorhandene Indikator-ID", iid)
        if not listed:
            checker.add(item, "indicators", "mindestens einen Indikator", "keinen")
        rows.append({"key": key, "indicators": listed, "sort": i})
    return pd.DataFrame(rows, columns=["key", "indicators", "sort"])


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


def finer_levels(data_dir: Path = DATA_DIR) -> list[FinerLevel]:
    """The ``finer_levels`` block of areas.yaml; raise on an invalid rule."""
    checker = _Checker(data_dir / "areas.yaml")
    rules = []
    for item in _read_yaml(data_dir / "areas.yaml", checker).get("finer_levels") or []:
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


def _additive_sets(
    data: dict[str, Any],
    checker: _Checker,
    group_ids: set[str],
    indicators: dict[str, dict[str, Any]],
) -> pd.DataFrame:
    """Splits (groups partitioning a group) and identities (counts adding up to a count)."""
    counts = {i for i, r in indicators.items() if r["kind"] == "count" and not r["numerator_id"]}
    rows: list[dict[str, Any]] = []
    for key, kind in ADDITIVE_KINDS.items():
        known, what = (
            (group_ids, "eine erklärte Gruppe")
            if kind == "split"
            else (counts, "ein gespeicherter Fallzahl-Indikator")
        )
        entries = data.get(key) or {}
        if not isinstance(entries, dict):
            checker.add(None, key, "eine Zuordnung Name → {total, parts}", type(entries).__name__)
            continue
        for name, item in entries.items():
            if name == "__line__":
                continue
            item = item if isinstance(item, dict) else {}
            total, parts = item.get("total"), list(item.get("parts") or [])
            for ref in [total, *parts]:
                if ref not in known:
                    checker.add(item, f"{key}.{name}", what, ref)
            if len(parts) < 2 or len(set(parts)) != len(parts) or total in parts:
                checker.add(item, f"{key}.{name}", "mindestens zwei verschiedene Teile", parts)
            rows.append(
                {"id": str(name), "kind": kind, "total": total, "parts": parts, "sort": len(rows)}
            )
    return pd.DataFrame(rows, columns=["id", "kind", "total", "parts", "sort"])


def load_catalogues(data_dir: Path = DATA_DIR) -> Catalogue:
    """Read and validate areas.yaml, leitbild.yaml and indicators.yaml; raise on any problem."""
    problems: list[Problem] = []
    checker = _Checker(data_dir / "areas.yaml")
    areas = _areas(data_dir / "areas.yaml", checker)
    problems += checker.problems
    districts = set(areas.loc[areas["level"] == "stadtteil", "code"])

    checker = _Checker(data_dir / "leitbild.yaml")
    leitbild = _leitbild(data_dir / "leitbild.yaml", checker, districts)
    problems += checker.problems

    checker = _Checker(data_dir / "indicators.yaml")
    indicators = _indicators(
        data_dir / "indicators.yaml",
        checker,
        set(leitbild["field"]["id"]),
        set(leitbild["goal"]["id"]) if len(leitbild["goal"]) else set(),
    )
    problems += checker.problems
    if problems:
        raise ValidationError(problems, "Die Kataloge sind ungültig.")
    return Catalogue.from_frames({"area": areas, **leitbild, **indicators})


def display_labels(catalogue: Catalogue) -> dict[str, dict[str, Any]]:
    """Display names: areas (Stadtteile with number), indicators, groups, fields, goals."""
    f, areas = catalogue.frames, catalogue.areas
    return {
        "area": {
            code: name if level != "stadtteil" else f"{code} {name}"
            for code, name, level in zip(areas["code"], areas["name"], areas["level"], strict=True)
        },
        "area_level": dict(zip(areas["code"], areas["level"], strict=True)),
        "indicator": {r["id"]: r for r in catalogue.indicators.to_dict("records")},
        "group": dict(zip(f["group_label"]["id"], f["group_label"]["label"], strict=True)),
        "field": dict(zip(f["field"]["id"], f["field"]["short"], strict=True)),
        "field_title": dict(zip(f["field"]["id"], f["field"]["title"], strict=True)),
        "goal": {r["id"]: r for r in f["goal"].to_dict("records")},
    }
