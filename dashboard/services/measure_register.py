"""The measures register without widgets: links, search, filters, table and timeline rows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from typing import Any
from urllib.parse import quote

import pandas as pd

from dashboard.analysis.lateness import (
    has_any_flag,
)
from dashboard.analysis.review import CATEGORIES, describe_changes, parse_changes
from dashboard.escaping import user_markdown
from dashboard.present.format import fmt_date
from dashboard.services.measure_edit import FORM_FIELDS

CITY_WIDE = "stadtweit"


SEARCH_COLUMNS = (
    "title", "description", "organisation", "contact", "partners", "notes", "next_step", "origin",
)  # fmt: skip


KIND_ICONS = {
    "angelegt": ":material/add_circle:", "status": ":material/swap_horiz:",
    "geändert": ":material/edit:", "geprüft": ":material/fact_check:",
    "kommentar": ":material/chat:", "archiviert": ":material/archive:",
    "wiederhergestellt": ":material/unarchive:",
}  # fmt: skip


def measure_url(mid: int) -> str:
    """Deep link to one measure."""
    return f"/massnahmen?id={int(mid)}"


def district_url(code: str, label: str | None = None) -> str:
    """Link to a district profile; ``label`` rides in the fragment for the table's link text."""
    url = f"/stadtteil?stadtteil={quote(str(code))}"
    return f"{url}#{quote(label)}" if label else url


def goal_url(goal_id: str, label: str | None = None) -> str:
    """Link to a goal in the goal tree (label in the fragment, as for districts)."""
    url = f"/handlungsfelder?ziel={quote(str(goal_id))}"
    return f"{url}#{quote(label)}" if label else url


def search_mask(frame: pd.DataFrame, query: str) -> pd.Series:
    """Rows whose text contains every word of the query (case-insensitive), or the id."""
    words = [w for w in query.lower().split() if w]
    if not words:
        return pd.Series(True, index=frame.index)
    cols = [c for c in SEARCH_COLUMNS if c in frame]
    text = (
        frame[cols].astype(object).where(frame[cols].notna(), "").astype(str).agg(" ".join, axis=1)
    )
    text = (text + " " + frame["id"].astype(str) + " " + frame["goals"].map(" ".join)).str.lower()
    mask = pd.Series(True, index=frame.index)
    for word in words:
        mask &= text.str.contains(word, regex=False)
    return mask


def filter_measures(
    frame: pd.DataFrame,
    fields: Iterable[str] = (),
    areas: Iterable[str] = (),
    organisations: Iterable[str] = (),
    statuses: Iterable[str] = (),
    lateness: Iterable[str] = (),
    goals: Iterable[str] = (),
    query: str = "",
) -> pd.DataFrame:
    """Measures matching every given filter (an empty filter matches all).

    Within one filter any value matches; ``areas`` may contain "stadtweit" for measures
    without districts; ``lateness`` takes flag names or "none" and needs lateness columns.
    """
    mask = pd.Series(True, index=frame.index)
    for column, wanted in (("fields", fields), ("goals", goals)):
        chosen = set(wanted)
        if chosen:
            mask &= frame[column].map(lambda items, c=chosen: bool(c & set(items)))
    chosen_areas = set(areas)
    if chosen_areas:
        city = CITY_WIDE in chosen_areas
        mask &= frame["areas"].map(
            lambda items: bool(chosen_areas & set(items)) or (city and len(items) == 0)
        )
    if set(organisations):
        mask &= frame["organisation_id"].isin(set(organisations))
    if set(statuses):
        mask &= frame["status"].isin(set(statuses))
    if list(lateness):
        mask &= has_any_flag(frame, list(lateness))
    mask &= search_mask(frame, query)
    return frame[mask]


def _first_link(
    items: Iterable[str], url: Callable[[str, str], str], names: Mapping[str, str]
) -> str | None:
    items = list(items)
    if not items:
        return None
    label = names.get(items[0], items[0]) + (f" +{len(items) - 1}" if len(items) > 1 else "")
    return url(items[0], label)


def register_rows(
    frame: pd.DataFrame,
    tr: Callable[..., str],
    area_names: Mapping[str, str],
    field_names: Mapping[str, str],
) -> pd.DataFrame:
    """The register as shown: one row per measure with links, flags and key dates."""
    flags = frame["flags"].map(lambda fl: ", ".join(tr(f"flag.short.{f}") for f in fl))
    return pd.DataFrame(
        {
            "link": frame["id"].map(measure_url),
            "id": frame["id"].astype(int),
            "title": frame["title"],
            "status": frame["status"].map(lambda s: tr(f"status.{s}")),
            "progress": frame["progress"].astype(int),
            "flags": flags if len(frame) else pd.Series(dtype=str),
            "district": frame["areas"].map(lambda a: _first_link(a, district_url, area_names)),
            "areas": frame["areas"].map(
                lambda a: (
                    ", ".join(area_names.get(c, c) for c in a) if len(a) else tr("mn.citywide")
                )
            ),
            "goal": frame["goals"].map(lambda g: _first_link(g, goal_url, {})),
            "fields": frame["fields"].map(lambda f: ", ".join(field_names.get(i, i) for i in f)),
            "organisation": frame["organisation"],
            "planned_end": pd.to_datetime(frame["planned_end"]),
            "next_step": frame["next_step"],
            "next_step_date": pd.to_datetime(frame["next_step_date"]),
            "last_reviewed": pd.to_datetime(frame["last_reviewed"]),
        }
    ).reset_index(drop=True)


def timeline_rows(
    events: pd.DataFrame,
    field_labels: Mapping[str, str],
    fmt: Callable[[dt.date], str],
) -> list[dict[str, Any]]:
    """One measure's events, newest first, with a readable description of each change."""
    rows = []
    for ev in events.sort_values(["happened_at", "id"], ascending=False).to_dict("records"):
        changes = parse_changes(ev["changes"])
        quiet = ev["kind"] == "angelegt"
        comment = ev.get("comment")
        rows.append(
            {
                "at": pd.Timestamp(ev["happened_at"]).to_pydatetime(),
                "actor": ev["actor"],
                "kind": ev["kind"],
                "category": CATEGORIES.get(ev["kind"], "edit"),
                "text": "" if quiet else describe_changes(changes, field_labels, fmt),
                "comment": comment if isinstance(comment, str) and comment.strip() else None,
                "fields": sorted(changes),
            }
        )
    return rows


def field_labels(tr: Callable[..., str]) -> dict[str, str]:
    """Translated labels of measure fields and event kinds (for change descriptions)."""
    out = {name: tr(f"mf.{name}") for name in [*FORM_FIELDS, "archived"]}
    out.update({f"kind.{k}": tr(f"event.{k}") for k in KIND_ICONS})
    out["changed"] = tr("mn.changed")
    return out


def change_rows(changes: pd.DataFrame, tr: Callable[..., str], lang: str) -> pd.DataFrame:
    """The events of the review window as a table (newest first, measure linked)."""
    labels = field_labels(tr)
    fmt = lambda d: fmt_date(d, lang)  # noqa: E731
    rows = changes.to_dict("records")
    return pd.DataFrame(
        {
            "at": [pd.Timestamp(r["happened_at"]) for r in rows],
            "measure": [f"{measure_url(r['measure_id'])}#{quote(str(r['title']))}" for r in rows],
            "actor": [r["actor"] for r in rows],
            "kind": [tr(f"event.{r['kind']}") for r in rows],
            "what": [
                ""
                if r["kind"] in ("angelegt", "geprüft")
                else describe_changes(r["diff"], labels, fmt)
                for r in rows
            ],
            "comment": [r["comment"] if isinstance(r["comment"], str) else "" for r in rows],
        },
        columns=["at", "measure", "actor", "kind", "what", "comment"],
    )


def attention_label(row: Mapping[str, Any], tr: Callable[..., str], extra: list[str]) -> str:
    """Expander label of a measure in the review: title, number and its short flags."""
    flags = [tr(f"flag.short.{f}") for f in row["flags"] if f != "finished_late"]
    reasons = " · ".join([*flags, *extra])
    number = tr("mn.attention.number", id=int(row["id"]))
    return f"**{user_markdown(row['title'])}** ({number}) — {reasons}"
