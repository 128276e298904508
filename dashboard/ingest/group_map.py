"""Column headers of statistics tables → catalogue groups, from data/group_aliases.yaml.

A header is read into its parts (total, a group word such as "männlich", an age band such as
"0 - 9") and every other word must be a filler; the parts and the group the whole file is in
give one group id, which the caller checks against the indicator's catalogue entry.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from dashboard.yamltext import load_yaml

ALIASES_FILE = Path(__file__).resolve().parents[2] / "data" / "group_aliases.yaml"
_BAND = re.compile(
    r"(?<![\d.])(\d{1,3})\s*(?:-|–|bis)\s*(unter\s+)?(\d{1,3})(?![\d.])(?:\s*jahren?|\s*j\.)?"
)
_OPEN = re.compile(
    r"(?:(?<![\d.])(\d{1,3})\s*(?:jahre?n?\s+)?(?:u\.|und)\s*(?:mehr|älter|ä\.)|"
    r"(?<![\d.])(\d{1,3})\s*\+|\bab\s+(\d{1,3})(?:\s*jahren?)?)"
)
_UNDER = re.compile(r"\bunter\s+(\d{1,3})(?:\s*jahren?)?")


@dataclass(frozen=True)
class Aliases:
    """The alias table: total words, group words per group id, age band templates, fillers."""

    totals: frozenset[str]
    groups: dict[str, str]  # header word → group id
    file_groups: frozenset[str]  # groups a sheet name or title may name for the whole table
    age_band: str
    age_open: str
    filler: frozenset[str]


def header_key(text: str) -> str:
    """A header as compared with the alias table: lower case, 'Ins-\\ngesamt' → 'insgesamt'."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = re.sub(r"(?<=\w)-\s*\n\s*(?=\w)", "", text)  # a word split by a line break
    return re.sub(r"\s+", " ", text).strip(" .,;:*")


@functools.cache
def aliases(path: Path = ALIASES_FILE) -> Aliases:
    """The alias table from its YAML file (read once)."""
    doc = load_yaml(path.read_text(encoding="utf-8"))
    words = {header_key(w): gid for gid, ws in doc["groups"].items() for w in ws}
    return Aliases(
        totals=frozenset(header_key(w) for w in doc["totals"]),
        groups=words,
        file_groups=frozenset(doc["file_groups"]),
        age_band=str(doc["age_band"]),
        age_open=str(doc["age_open"]),
        filler=frozenset(header_key(w) or w for w in doc["filler"]),
    )


@dataclass(frozen=True)
class HeaderParts:
    """What a column header says: a total, a group word, an age band (any may be absent)."""

    total: bool = False
    group: str | None = None
    band: str | None = None


def _take_band(text: str, table: Aliases) -> tuple[str | None, str]:
    """The age band group id in a header text and the text without it."""
    match = _BAND.search(text)
    if match:
        low, high = int(match[1]), int(match[3]) - (1 if match[2] else 0)
        if low <= high:
            band = table.age_band.format(low=low, high=high)
            return band, text[: match.start()] + " " + text[match.end() :]
    match = _OPEN.search(text)
    if match:
        low = int(match[1] or match[2] or match[3])
        return table.age_open.format(low=low), text[: match.start()] + " " + text[match.end() :]
    match = _UNDER.search(text)
    if match and int(match[1]) > 0:
        band = table.age_band.format(low=0, high=int(match[1]) - 1)
        return band, text[: match.start()] + " " + text[match.end() :]
    return None, text


def _take_group(text: str, table: Aliases) -> tuple[str | None, str]:
    """The group word in a header text (longest alias first) and the text without it."""
    for word in sorted(table.groups, key=len, reverse=True):
        match = re.search(rf"(?<!\w){re.escape(word)}(?!\w)", text)
        if match:
            return table.groups[word], text[: match.start()] + " " + text[match.end() :]
    return None, text


def read_header(text: str) -> HeaderParts | None:
    """The parts of a category header; None when a word is left that no alias explains."""
    table = aliases()
    key = header_key(text)
    if key in table.totals:
        return HeaderParts(total=True)
    if key in table.groups:
        return HeaderParts(group=table.groups[key])
    band, rest = _take_band(key, table)
    group, rest = _take_group(rest, table)
    total = False
    words = []
    for word in rest.split():
        if word in table.totals:
            total = True
        elif word.strip(".,;:()") not in table.filler and word not in table.filler:
            words.append(word)
    if words or not (band or group or total):
        return None
    return HeaderParts(total=total and band is None, group=group, band=band)


def group_in_text(text: str) -> str | None:
    """The group a sheet name or title names as a whole word ('männlich', 'Frauen'), if one."""
    table = aliases()
    key = header_key(text)
    found = {
        gid
        for word, gid in table.groups.items()
        if gid in table.file_groups
        and len(word) > 2
        and re.search(rf"(?<!\w){re.escape(word)}(?!\w)", key)
    }
    return found.pop() if len(found) == 1 else None


def compose(parts: HeaderParts, file_group: str | None) -> str | None:
    """The group id of a column; None when the header's group contradicts the file's."""
    if parts.group and file_group and parts.group != file_group:
        return None
    prefix = parts.group or file_group
    if parts.band:
        return f"{prefix}_{parts.band}" if prefix else parts.band
    return prefix or "insgesamt"
