"""Create and edit measures: the form, status changes, archiving and edit conflicts.

Pure helpers first (normalising values, validation, what changed, conflicts), then the
Streamlit widgets. Every write goes through the store's optimistic locking: a stale save is
refused with ``MeasureConflictError`` and the user sees both versions side by side.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

import pandas as pd
import streamlit as st

from dashboard.analysis.lateness import as_date
from dashboard.auth import guard
from dashboard.auth.roles import User, can
from dashboard.catalogues import Catalogue
from dashboard.errors import LeitbildError
from dashboard.ingest.measures import ORIGINS, STATUSES, check_measure, organisation_id
from dashboard.present.format import fmt_date, fmt_number
from dashboard.store import MEASURE_EDITABLE, MEASURE_LINKS, MeasureConflictError, Store
from dashboard.ui import data, login

# The fields of the form, in the order they are shown and compared.
FORM_FIELDS = [
    "title", "description", "fields", "goals", "areas", "organisation_id", "contact", "partners",
    "status", "planned_start", "planned_end", "actual_start", "actual_end", "progress", "reach",
    "budget", "origin", "last_reviewed", "next_step", "next_step_date", "notes",
]  # fmt: skip
EDITABLE = [*MEASURE_EDITABLE, *MEASURE_LINKS]
DATE_FIELDS = (
    "planned_start", "planned_end", "actual_start", "actual_end", "last_reviewed",
    "next_step_date",
)  # fmt: skip
LIST_FIELDS = tuple(MEASURE_LINKS)
TEXT_FIELDS = (
    "title", "description", "organisation_id", "contact", "partners", "status", "origin",
    "next_step", "notes",
)  # fmt: skip
CLOSED = ("abgeschlossen", "abgebrochen")
DATE_MIN, DATE_MAX = dt.date(2000, 1, 1), dt.date(2100, 12, 31)


# --- pure helpers -------------------------------------------------------------------------------
def _missing(value: Any) -> bool:
    if value is None or value is pd.NaT or value is pd.NA:
        return True
    return isinstance(value, float) and value != value


def normalise(measure: Mapping[str, Any]) -> dict[str, Any]:
    """Plain Python values for comparing and saving: dates as date, lists sorted, '' as None."""
    out: dict[str, Any] = dict(measure)
    for key, value in measure.items():
        if key in LIST_FIELDS:
            out[key] = sorted(str(v) for v in (value if value is not None else []))
        elif key in DATE_FIELDS:
            out[key] = None if _missing(value) else as_date(value)
        elif _missing(value):
            out[key] = None
        elif key in TEXT_FIELDS:
            text = str(value).strip()
            out[key] = text or None
        elif key in ("progress", "reach", "version", "id"):
            out[key] = int(value)
        elif key == "budget":
            out[key] = float(value)
        elif hasattr(value, "item"):  # numpy scalars
            out[key] = value.item()
    if "progress" in out and out["progress"] is None:
        out["progress"] = 0
    return out


def changes_between(base: Mapping[str, Any], values: Mapping[str, Any]) -> dict[str, Any]:
    """The editable fields whose value differs between ``base`` and ``values``."""
    old, new = normalise(base), normalise(values)
    return {k: new[k] for k in EDITABLE if k in new and new[k] != old.get(k)}


def validate(
    values: Mapping[str, Any],
    catalogue: Catalogue,
    today: dt.date,
    titles: Mapping[str, int] | None = None,
    own_id: int | None = None,
) -> list[tuple[str, str, object]]:
    """Problems as (field, expected, found): the import's rules plus a unique title."""
    m = normalise(values)
    m.setdefault("fields", [])
    m.setdefault("goals", [])
    problems = list(check_measure(m, catalogue, today))
    title = m.get("title")
    other = (titles or {}).get(title) if title else None
    if other is not None and other != own_id:
        problems.append(("title", f"einen Titel, den keine andere Maßnahme trägt (Nr. {other})",
                         title))  # fmt: skip
    return problems


def problems_by_field(problems: list[tuple[str, str, object]]) -> dict[str, list[str]]:
    """Problems grouped by field as 'expected (found)' texts, in the order found."""
    out: dict[str, list[str]] = {}
    for column, expected, found in problems:
        shown = "" if _missing(found) or found == "" else f" ({_shown(found)})"
        out.setdefault(column, []).append(f"{expected}{shown}")
    return out


def _shown(value: Any) -> str:
    day = as_date(value) if isinstance(value, dt.date | pd.Timestamp) else None
    return fmt_date(day) if day else str(value)


def status_changes(
    base: Mapping[str, Any],
    new_status: str,
    day: dt.date,
    progress: int | None = None,
    actual_start: dt.date | None = None,
) -> dict[str, Any]:
    """The field changes a status change implies (dates of start and end, progress).

    Starting sets the actual start, ending sets the actual end (and 100 % when completed);
    back to 'geplant' clears both; leaving 'abgeschlossen' keeps the progress below 100 %.
    """
    b = normalise(base)
    out: dict[str, Any] = {"status": new_status}
    started = b.get("actual_start")
    if new_status == "geplant":
        out.update(actual_start=None, actual_end=None)
    else:
        if started is None:
            out["actual_start"] = actual_start or day
        if new_status in CLOSED:
            out["actual_end"] = b.get("actual_end") or day
        elif b.get("actual_end") is not None:
            out["actual_end"] = None
    if progress is not None:
        out["progress"] = int(progress)
    elif new_status == "abgeschlossen":
        out["progress"] = 100
    elif b.get("progress") == 100:
        out["progress"] = 90
    return {k: v for k, v in out.items() if normalise({k: v}).get(k) != b.get(k)}


def conflict_rows(
    base: Mapping[str, Any], mine: Mapping[str, Any], theirs: Mapping[str, Any]
) -> list[dict[str, Any]]:
    """Fields that either side changed: original, mine, stored, and whether both did."""
    b, m, t = normalise(base), normalise(mine), normalise(theirs)
    rows = []
    for key in [*FORM_FIELDS, "archived"]:
        mine_changed = key in m and m.get(key) != b.get(key)
        theirs_changed = t.get(key) != b.get(key)
        if not (mine_changed or theirs_changed):
            continue
        rows.append(
            {
                "field": key,
                "base": b.get(key),
                "mine": m.get(key) if mine_changed else b.get(key),
                "theirs": t.get(key),
                "mine_changed": mine_changed,
                "theirs_changed": theirs_changed,
                "clash": mine_changed and theirs_changed and m.get(key) != t.get(key),
            }
        )
    return rows


def reapply(
    base: Mapping[str, Any], changes: Mapping[str, Any], theirs: Mapping[str, Any]
) -> tuple[dict[str, Any], list[str]]:
    """My changes applied on the stored version: (changes still needed, fields I overwrite)."""
    t = normalise(theirs)
    b = normalise(base)
    mine = normalise(changes)
    needed = {k: v for k, v in mine.items() if v != t.get(k)}
    overwritten = [k for k in needed if t.get(k) != b.get(k)]
    return needed, overwritten


def merged(theirs: Mapping[str, Any], changes: Mapping[str, Any]) -> dict[str, Any]:
    """The measure as it would be stored after applying ``changes`` on ``theirs``."""
    return {**normalise(theirs), **normalise(changes)}


def display_value(
    key: str, value: Any, tr: Callable[..., str], lang: str, names: Mapping[str, str] | None = None
) -> str:
    """A field value for people: dates formatted, statuses translated, ids as names."""
    if value is None or value == [] or value == "":
        return "–"
    names = names or {}
    if key in DATE_FIELDS:
        day = as_date(value)
        return fmt_date(day, lang) if day else "–"
    if key == "status":
        return tr(f"status.{value}")
    if key == "progress":
        return f"{value} %"
    if key == "archived":
        return tr("mn.yes") if value else tr("mn.no")
    if key == "reach":
        return fmt_number(value, 0, lang)
    if key == "budget":
        return fmt_number(value, 0 if float(value).is_integer() else 2, lang) + " €"
    if isinstance(value, list):
        return ", ".join(names.get(str(v), str(v)) for v in value)
    return names.get(str(value), str(value))


# --- session: who is editing (the logged-in user, see dashboard.ui.login) -------------------
def editor_name(tr: Callable[..., str]) -> str | None:
    """The logged-in user's name if they may edit measures at all (recorded on every event)."""
    user = login.current_user()
    return user.display_name if can(user, "measure.edit") else None


def require_editor(
    tr: Callable[..., str],
    measure: Mapping[str, Any] | None = None,
    action: str = "measure.edit",
    quiet: bool = False,
) -> User | None:
    """The user if they may do ``action`` (on ``measure``), else None and a hint why not."""
    user = login.current_user()
    if measure is None or not can(user, action):
        # no scope to check when the role alone decides (lists call this once per measure)
        allowed = can(user, action)
    else:
        try:
            guard.require_measure(user, action, data.store(), measure)
            allowed = True
        except LeitbildError:
            allowed = False
    if allowed:
        return user
    if not quiet:
        reason = "login" if user is None else "role" if not can(user, action) else "scope"
        login.hint(tr, reason)
    return None


# --- saving with conflict handling -----------------------------------------------------------
def _conflict_key(mid: int) -> str:
    return f"conflict.{mid}"


def save_changes(
    store: Store,
    mid: int,
    base: Mapping[str, Any],
    changes: Mapping[str, Any],
    user: User | None,
    comment: str | None = None,
    kind: str | None = None,
) -> int | None:
    """Save on the version in ``base`` as ``user`` (checked server-side); None on a conflict."""
    try:
        version = guard.update_measure(
            store, user, mid, int(base["version"]), dict(changes), comment or None, kind
        )
    except MeasureConflictError as err:
        st.session_state[_conflict_key(mid)] = {
            "base": normalise(base),
            "changes": normalise(changes),
            "theirs": normalise(err.current),
            "comment": comment,
            "kind": kind,
        }
        return None
    st.session_state.pop(_conflict_key(mid), None)
    return version


def has_conflict(mid: int) -> bool:
    """Whether a refused save of this measure waits for the user's decision."""
    return _conflict_key(mid) in st.session_state


def conflict_panel(
    store: Store,
    mid: int,
    catalogue: Catalogue,
    today: dt.date,
    tr: Callable[..., str],
    lang: str,
    names: Mapping[str, str],
    on_done: Callable[[], None],
) -> None:
    """Both versions side by side; re-apply mine on the stored version, or discard mine."""
    state = st.session_state.get(_conflict_key(mid))
    if not state:
        return
    theirs = state["theirs"]
    st.error(tr("mn.conflict.title", version=theirs.get("version")), icon=":material/sync_problem:")
    st.caption(tr("mn.conflict.explain"))
    rows = conflict_rows(state["base"], {**state["base"], **state["changes"]}, theirs)
    table = pd.DataFrame(
        {
            tr("mn.conflict.field"): [tr(f"mf.{r['field']}") for r in rows],
            tr("mn.conflict.mine"): [
                display_value(r["field"], r["mine"], tr, lang, names) for r in rows
            ],
            tr("mn.conflict.theirs", version=theirs.get("version")): [
                display_value(r["field"], r["theirs"], tr, lang, names) for r in rows
            ],
            tr("mn.conflict.base"): [
                display_value(r["field"], r["base"], tr, lang, names) for r in rows
            ],
            tr("mn.conflict.clash"): [tr("mn.yes") if r["clash"] else "" for r in rows],
        }
    )
    st.dataframe(
        table, hide_index=True, placeholder="–", width="stretch", key=f"conflict.table.{mid}"
    )
    needed, overwritten = reapply(state["base"], state["changes"], theirs)
    after = merged(theirs, needed)
    problems = validate(after, catalogue, today)
    if overwritten:
        st.warning(
            tr("mn.conflict.overwrites", fields=", ".join(tr(f"mf.{f}") for f in overwritten))
        )
    for column, texts in problems_by_field(problems).items():
        for text in texts:
            st.error(tr("mn.form.problem", field=tr(f"mf.{column}"), text=text))
    left, right = st.columns(2)
    by = login.current_user()
    reapply_clicked = left.button(
        tr("mn.conflict.reapply"),
        key=f"conflict.reapply.{mid}",
        type="primary",
        disabled=bool(problems) or not by or not (needed or state.get("comment")),
    )
    if reapply_clicked:
        version = save_changes(
            store, mid, theirs, needed, by, state.get("comment"), state.get("kind")
        )
        if version is not None:
            reload_base(mid)
            st.session_state[FLASH_KEY] = tr("mn.saved", version=version)
            on_done()
        st.rerun()
    if right.button(tr("mn.conflict.discard"), key=f"conflict.discard.{mid}"):
        st.session_state.pop(_conflict_key(mid), None)
        reload_base(mid)
        on_done()
        st.rerun()


# --- the form ------------------------------------------------------------------------------------
def _labels(frame: pd.DataFrame, key: str, label: Callable[[dict[str, Any]], str]) -> dict:
    return {row[key]: label(row) for row in frame.to_dict("records")}


def option_labels(catalogue: Catalogue, organisations: pd.DataFrame) -> dict[str, dict[str, str]]:
    """Readable labels of the choices: fields, goals, areas and organisations by id."""
    goals = catalogue.frames["goal"]
    areas = catalogue.areas
    areas = areas[~areas["level"].isin(["stadt", "nicht_zuzuordnen"])]
    return {
        "fields": _labels(catalogue.frames["field"], "id", lambda r: f"{r['id']} {r['short']}"),
        # field and words, no raw id (the number alone is ambiguous across goal levels)
        "goals": _labels(goals, "id", lambda r: f"{r['field_id']} {_short(r['label'])}"),
        "areas": _labels(areas, "code", lambda r: f"{r['code']} {r['name']}"),
        "organisation_id": dict(zip(organisations["id"], organisations["name"], strict=True)),
    }


def _short(text: str, limit: int = 70) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


class _Slots:
    """Placeholders under each widget, filled with that field's problems after a submit."""

    def __init__(self) -> None:
        self.slots: dict[str, Any] = {}

    def add(self, name: str) -> None:
        self.slots[name] = st.empty()

    def show(self, problems: dict[str, list[str]], tr: Callable[..., str]) -> None:
        for name, texts in problems.items():
            slot = self.slots.get(name) or self.slots.get("title")
            with slot.container():
                for text in texts:
                    st.error(tr("mn.form.expected", text=text), icon=":material/error:")


def _date(
    label: str, value: Any, key: str, slots: _Slots, name: str, help: str | None = None
) -> dt.date | None:
    out = st.date_input(
        label, value=as_date(value), min_value=DATE_MIN, max_value=DATE_MAX, key=key,
        format="DD.MM.YYYY", help=help,
    )  # fmt: skip
    slots.add(name)
    return out


def _form_body(
    key: str,
    base: Mapping[str, Any],
    labels: dict[str, dict[str, str]],
    tr: Callable[..., str],
    create: bool,
) -> tuple[dict[str, Any], _Slots, str]:
    """All widgets of the form; returns the values, the problem slots and the comment."""
    slots = _Slots()
    v: dict[str, Any] = {}
    v["title"] = st.text_input(tr("mf.title") + " *", base.get("title") or "", key=f"{key}.title")
    slots.add("title")
    v["description"] = st.text_area(
        tr("mf.description"), base.get("description") or "", key=f"{key}.description", height=80
    )
    left, right = st.columns(2)
    with left:
        v["fields"] = st.multiselect(
            tr("mf.fields") + " *", list(labels["fields"]), default=base.get("fields") or [],
            format_func=lambda i: labels["fields"].get(i, i), key=f"{key}.fields",
        )  # fmt: skip
        slots.add("fields")
        v["areas"] = st.multiselect(
            tr("mf.areas"), list(labels["areas"]), default=base.get("areas") or [],
            format_func=lambda c: labels["areas"].get(c, c), key=f"{key}.areas",
            help=tr("mf.areas.help"), placeholder=tr("mf.areas.placeholder"),
        )  # fmt: skip
        slots.add("areas")
    with right:
        v["goals"] = st.multiselect(
            tr("mf.goals"), list(labels["goals"]), default=base.get("goals") or [],
            format_func=lambda g: labels["goals"].get(g, g), key=f"{key}.goals",
            help=tr("mf.goals.help"),
        )  # fmt: skip
        slots.add("goals")
        orgs = labels["organisation_id"]
        current = base.get("organisation_id")
        options = list(orgs) if current in orgs or current is None else [*orgs, current]
        v["organisation_id"] = st.selectbox(
            tr("mf.organisation_id"), options,
            index=options.index(current) if current in options else None,
            format_func=lambda o: orgs.get(o, o), key=f"{key}.organisation",
            accept_new_options=True, placeholder=tr("mf.organisation_id.placeholder"),
        )  # fmt: skip
        slots.add("organisation_id")
    left, right = st.columns(2)
    v["contact"] = left.text_input(
        tr("mf.contact"), base.get("contact") or "", key=f"{key}.contact"
    )
    v["partners"] = right.text_input(
        tr("mf.partners"), base.get("partners") or "", key=f"{key}.partners"
    )
    cols = st.columns(4)
    if create:
        with cols[0]:
            v["status"] = st.selectbox(
                tr("mf.status") + " *", list(STATUSES),
                index=STATUSES.index(base.get("status") or "geplant"),
                format_func=lambda s: tr(f"status.{s}"), key=f"{key}.status",
            )  # fmt: skip
            slots.add("status")
    else:
        v["status"] = base.get("status")
        cols[0].text_input(
            tr("mf.status"), tr(f"status.{v['status']}"), disabled=True,
            key=f"{key}.status_shown", help=tr("mf.status.via_action"),
        )  # fmt: skip
    with cols[1]:
        v["progress"] = st.slider(
            tr("mf.progress"), 0, 100, int(base.get("progress") or 0), step=5,
            key=f"{key}.progress", format="%d %%",
        )  # fmt: skip
        slots.add("progress")
    with cols[2]:
        v["reach"] = st.number_input(
            tr("mf.reach"), min_value=0, value=base.get("reach"), step=1, key=f"{key}.reach",
            help=tr("mf.reach.help"),
        )  # fmt: skip
        slots.add("reach")
    with cols[3]:
        v["budget"] = st.number_input(
            tr("mf.budget"), min_value=0.0, value=base.get("budget"), step=100.0,
            key=f"{key}.budget", format="%.2f",
        )  # fmt: skip
        slots.add("budget")
    cols = st.columns(4)
    for col, name in zip(cols, DATE_FIELDS[:4], strict=True):
        with col:
            v[name] = _date(tr(f"mf.{name}"), base.get(name), f"{key}.{name}", slots, name)
    cols = st.columns([1, 2, 1])
    with cols[0]:
        origins = list(ORIGINS)
        v["origin"] = st.selectbox(
            tr("mf.origin"), origins,
            index=origins.index(base["origin"]) if base.get("origin") in origins else None,
            key=f"{key}.origin", placeholder="–",
        )  # fmt: skip
        slots.add("origin")
    with cols[1]:
        v["next_step"] = st.text_input(
            tr("mf.next_step"), base.get("next_step") or "", key=f"{key}.next_step"
        )
    with cols[2]:
        v["next_step_date"] = _date(
            tr("mf.next_step_date"), base.get("next_step_date"), f"{key}.next_step_date", slots,
            "next_step_date",
        )  # fmt: skip
    left, right = st.columns([3, 1])
    v["notes"] = left.text_area(
        tr("mf.notes"), base.get("notes") or "", key=f"{key}.notes", height=68
    )
    with right:
        v["last_reviewed"] = _date(
            tr("mf.last_reviewed"), base.get("last_reviewed"), f"{key}.last_reviewed", slots,
            "last_reviewed",
        )  # fmt: skip
    comment = "" if create else st.text_input(tr("mn.comment"), key=f"{key}.comment")
    return v, slots, comment or ""


def measure_form(
    key: str,
    base: Mapping[str, Any],
    catalogue: Catalogue,
    labels: dict[str, dict[str, str]],
    titles: Mapping[str, int],
    today: dt.date,
    tr: Callable[..., str],
    create: bool,
) -> tuple[dict[str, Any], str] | None:
    """The create/edit form; returns (values, comment) when submitted without problems.

    Problems are shown under the fields they concern, with what was expected.
    """
    with st.form(key, border=True, enter_to_submit=False):
        values, slots, comment = _form_body(key, base, labels, tr, create)
        st.caption(tr("mn.form.required"))
        label = tr("mn.form.create") if create else tr("mn.form.save")
        submitted = st.form_submit_button(label, type="primary", icon=":material/save:")
    if not submitted:
        return None
    problems = validate(values, catalogue, today, titles, base.get("id"))
    if problems:
        slots.show(problems_by_field(problems), tr)
        st.error(tr("mn.form.has_problems", n=len(problems)), icon=":material/error:")
        return None
    return normalise(values), comment


def resolve_organisation(
    store: Store, values: dict[str, Any], known: Mapping[str, str], user: User | None = None
) -> None:
    """A name typed into the organisation box becomes a new organisation (id from the name)."""
    org = values.get("organisation_id")
    if org and org not in known:
        new_id = organisation_id(org)
        if new_id not in known:
            guard.add_organisations(store, user, [(new_id, org, None)])
        values["organisation_id"] = new_id


# --- status change and archive -------------------------------------------------------------
def status_form(
    key: str,
    base: Mapping[str, Any],
    catalogue: Catalogue,
    today: dt.date,
    tr: Callable[..., str],
    lang: str = "de",
    compact: bool = False,
) -> tuple[dict[str, Any], str] | None:
    """New status with a comment; fills in start/end dates and progress; returns changes."""
    b = normalise(base)
    current = b.get("status")
    options = [s for s in STATUSES if s != current]
    cols = st.columns([1, 1] if compact else [1, 1, 2])
    new = cols[0].selectbox(
        tr("mn.status.new"), options, format_func=lambda s: tr(f"status.{s}"),
        key=f"{key}.status", index=None, placeholder=tr("mn.status.choose"),
    )  # fmt: skip
    day = cols[1].date_input(
        tr("mn.status.day"), value=today, max_value=today, min_value=DATE_MIN,
        key=f"{key}.day", format="DD.MM.YYYY", help=tr("mn.status.day.help"),
    )  # fmt: skip
    comment = (st if compact else cols[2]).text_input(
        tr("mn.comment"), key=f"{key}.comment", placeholder=tr("mn.status.comment.placeholder")
    )
    if new is None:
        return None
    changes = status_changes(b, new, day)
    if "progress" in changes or new != "geplant":
        default = int(changes.get("progress", b.get("progress") or 0))
        progress = st.slider(
            tr("mf.progress"), 0, 100, default, step=5, key=f"{key}.progress.{new}",
            format="%d %%",
        )  # fmt: skip
        changes = status_changes(b, new, day, progress)
    implied = [k for k in changes if k != "status"]
    if implied:
        st.caption(
            tr("mn.status.implied", fields=", ".join(
                f"{tr('mf.' + k)} → {display_value(k, changes[k], tr, lang)}" for k in implied
            ))
        )  # fmt: skip
    problems = validate(merged(b, changes), catalogue, today)
    for column, texts in problems_by_field(problems).items():
        for text in texts:
            st.error(tr("mn.form.problem", field=tr(f"mf.{column}"), text=text))
    needs_comment = new in ("pausiert", "abgebrochen") and not comment.strip()
    if needs_comment:
        st.caption(tr("mn.status.comment_needed"))
    clicked = st.button(
        tr("mn.status.save", status=tr(f"status.{new}")), key=f"{key}.save", type="primary",
        disabled=bool(problems) or needs_comment,
    )  # fmt: skip
    return (changes, comment.strip()) if clicked else None


def archive_form(key: str, tr: Callable[..., str]) -> str | None:
    """Archive with a reason (never delete): returns the reason when confirmed."""
    st.caption(tr("mn.archive.explain"))
    reason = st.text_input(tr("mn.archive.reason"), key=f"{key}.reason")
    confirmed = st.checkbox(tr("mn.archive.confirm"), key=f"{key}.confirm")
    clicked = st.button(
        tr("mn.archive.button"), key=f"{key}.button", icon=":material/archive:",
        disabled=not (confirmed and reason.strip()),
    )  # fmt: skip
    return reason.strip() if clicked else None


def write_guarded(action: Callable[[], Any], tr: Callable[..., str]) -> Any:
    """Run a write; a known error becomes a message instead of a traceback."""
    try:
        return action()
    except LeitbildError as err:
        st.error(tr("error.generic", message=err.user_message()))
        return None


# --- sections of the measures page: each writes, then reloads -------------------------------
FLASH_KEY = "leitbild_flash"


def flash() -> None:
    """Show the message left by the last write (after its rerun)."""
    message = st.session_state.pop(FLASH_KEY, None)
    if message:
        # the toast is seen wherever the page is scrolled to; the box stays for reading
        st.toast(message, icon=":material/check_circle:")
        st.success(message, icon=":material/check_circle:")


def _after_write(mid: int) -> None:
    # a refused save waits in the conflict panel (shown after a rerun); any other refusal
    # (e.g. PermissionDenied) keeps its message on screen, which a rerun would wipe
    if has_conflict(mid):
        st.rerun()


def _done(message: str, on_saved: Callable[[], None]) -> None:
    st.session_state[FLASH_KEY] = message
    on_saved()
    st.rerun()


def _base_key(mid: int) -> str:
    return f"base.{mid}"


def session_base(store: Store, mid: int) -> dict[str, Any] | None:
    """The version of a measure this session edits (kept until saved or reloaded)."""
    key = _base_key(mid)
    if key not in st.session_state:
        current = store.measure(mid)
        if current is None:
            return None
        st.session_state[key] = normalise(current)
    return st.session_state[key]


def reload_base(mid: int) -> None:
    """Forget the edited version, so the next run starts from the stored one."""
    st.session_state.pop(_base_key(mid), None)


def stale_notice(
    mid: int, base: Mapping[str, Any], current: Mapping[str, Any], tr: Callable[..., str]
) -> None:
    """Say so when someone saved this measure after this session loaded it."""
    if int(current["version"]) == int(base["version"]) or has_conflict(mid):
        return
    st.warning(tr("mn.stale", version=current["version"]), icon=":material/update:")
    if st.button(tr("mn.stale.reload"), key=f"stale.reload.{mid}"):
        reload_base(mid)
        st.rerun()


def edit_section(
    store: Store,
    base: dict[str, Any],
    catalogue: Catalogue,
    labels: dict[str, dict[str, str]],
    titles: Mapping[str, int],
    today: dt.date,
    tr: Callable[..., str],
    on_saved: Callable[[], None],
) -> None:
    """The edit form of one measure; saves only the fields that changed."""
    mid, by = int(base["id"]), login.current_user()
    result = measure_form(
        f"mf.{mid}.v{base['version']}", base, catalogue, labels, titles, today, tr, create=False
    )
    if result is None:
        return
    values, comment = result
    if not by:
        login.hint(tr)
        return
    resolve_organisation(store, values, labels["organisation_id"], by)
    changes = changes_between(base, values)
    if not changes and not comment:
        st.info(tr("mn.form.nothing"))
        return
    version = write_guarded(lambda: save_changes(store, mid, base, changes, by, comment), tr)
    if version is not None:
        reload_base(mid)
        _done(tr("mn.saved", version=version), on_saved)
    _after_write(mid)


def status_section(
    store: Store,
    base: dict[str, Any],
    catalogue: Catalogue,
    today: dt.date,
    tr: Callable[..., str],
    lang: str,
    on_saved: Callable[[], None],
    key: str | None = None,
    compact: bool = False,
) -> None:
    """Change the status with a comment (recorded as a 'status' event)."""
    mid, by = int(base["id"]), login.current_user()
    key = key or f"sc.{mid}.v{base['version']}"
    result = status_form(key, base, catalogue, today, tr, lang, compact=compact)
    if result is None or not by:
        return
    changes, comment = result
    version = write_guarded(lambda: save_changes(store, mid, base, changes, by, comment), tr)
    if version is not None:
        reload_base(mid)
        _done(tr("mn.status.saved", status=tr(f"status.{changes['status']}")), on_saved)
    _after_write(mid)


def comment_section(
    store: Store, base: dict[str, Any], tr: Callable[..., str], on_saved: Callable[[], None]
) -> None:
    """Add a comment to the history without changing anything else."""
    mid, by = int(base["id"]), login.current_user()
    key = f"cm.{mid}.v{base['version']}"
    text = st.text_area(tr("mn.comment.add"), key=f"{key}.text", height=68)
    if not st.button(tr("mn.comment.save"), key=f"{key}.save", disabled=not (text or "").strip()):
        return
    if not by:
        return
    version = write_guarded(
        lambda: save_changes(store, mid, base, {}, by, text.strip(), "kommentar"), tr
    )
    if version is not None:
        reload_base(mid)
        _done(tr("mn.comment.saved"), on_saved)
    _after_write(mid)


def archive_section(
    store: Store, base: dict[str, Any], tr: Callable[..., str], on_saved: Callable[[], None]
) -> None:
    """Archive (or restore) a measure with a reason; nothing is ever deleted."""
    mid, by = int(base["id"]), login.current_user()
    key = f"ar.{mid}.v{base['version']}"
    if base.get("archived"):
        st.info(tr("mn.archive.is_archived"), icon=":material/inventory_2:")
        if st.button(tr("mn.archive.restore"), key=f"{key}.restore") and by:
            version = write_guarded(
                lambda: save_changes(
                    store, mid, base, {"archived": False}, by, None, "wiederhergestellt"
                ),
                tr,
            )
            if version is not None:
                reload_base(mid)
                _done(tr("mn.archive.restored"), on_saved)
            _after_write(mid)
        return
    reason = archive_form(key, tr)
    if reason is None or not by:
        return
    version = write_guarded(
        lambda: save_changes(store, mid, base, {"archived": True}, by, reason, "archiviert"), tr
    )
    if version is not None:
        reload_base(mid)
        _done(tr("mn.archive.done"), on_saved)
    _after_write(mid)


def create_section(
    store: Store,
    catalogue: Catalogue,
    labels: dict[str, dict[str, str]],
    titles: Mapping[str, int],
    today: dt.date,
    tr: Callable[..., str],
    on_created: Callable[[int], None],
) -> None:
    """The form for a new measure; on success the new measure opens."""
    by = login.current_user()
    round_ = st.session_state.setdefault("mf.new.round", 0)
    result = measure_form(
        f"mf.new.{round_}", {"status": "geplant", "progress": 0}, catalogue, labels, titles,
        today, tr, create=True,
    )  # fmt: skip
    if result is None:
        return
    if not by:
        login.hint(tr)
        return
    values, _comment = result
    resolve_organisation(store, values, labels["organisation_id"], by)
    record = {k: values.get(k) for k in EDITABLE}
    mid = write_guarded(lambda: guard.create_measure(store, by, record), tr)
    if mid is None:
        return
    st.session_state["mf.new.round"] = round_ + 1
    st.session_state[FLASH_KEY] = tr("mn.created", id=mid, title=values["title"])
    on_created(int(mid))
    st.rerun()


# --- quick actions of the weekly review ----------------------------------------------------
def review_section(
    store: Store,
    base: dict[str, Any],
    today: dt.date,
    tr: Callable[..., str],
    on_saved: Callable[[], None],
) -> None:
    """Mark a measure as reviewed today, with an optional note (a 'geprüft' event)."""
    mid, by = int(base["id"]), login.current_user()
    key = f"rv.{mid}.v{base['version']}.ok"
    note = st.text_input(tr("rv.action.review_note"), key=f"{key}.note")
    if not st.button(
        tr("rv.action.reviewed"), key=f"{key}.button", icon=":material/fact_check:",
        type="primary", disabled=not by,
    ):  # fmt: skip
        return
    changes = {"last_reviewed": today}
    version = write_guarded(
        lambda: save_changes(store, mid, base, changes, by, note.strip(), "geprüft"), tr
    )
    if version is not None:
        _done(tr("rv.action.reviewed.done", title=base["title"]), on_saved)
    _after_write(mid)


def next_step_section(
    store: Store,
    base: dict[str, Any],
    today: dt.date,
    tr: Callable[..., str],
    on_saved: Callable[[], None],
) -> None:
    """Set the next step and its date in place."""
    mid = int(base["id"])
    key = f"rv.{mid}.v{base['version']}.step"
    text = st.text_input(tr("mf.next_step"), base.get("next_step") or "", key=f"{key}.text")
    day = st.date_input(
        tr("mf.next_step_date"), value=as_date(base.get("next_step_date")), key=f"{key}.day",
        min_value=DATE_MIN, max_value=DATE_MAX, format="DD.MM.YYYY",
    )  # fmt: skip
    changes = changes_between(base, {**base, "next_step": text, "next_step_date": day})
    if "next_step_date" in changes and day is not None and day < today:
        st.caption(tr("rv.action.step_past"))
    _save_button(store, base, changes, tr, on_saved, ("step", key, ":material/event:"))


def planned_end_section(
    store: Store,
    base: dict[str, Any],
    tr: Callable[..., str],
    on_saved: Callable[[], None],
) -> None:
    """Move the planned end in place (a measure set back to 'laufend' is no longer overdue)."""
    mid = int(base["id"])
    key = f"rv.{mid}.v{base['version']}.end"
    day = st.date_input(
        tr("rv.action.plan"), value=as_date(base.get("planned_end")), key=f"{key}.day",
        min_value=DATE_MIN, max_value=DATE_MAX, format="DD.MM.YYYY",
    )  # fmt: skip
    changes = changes_between(base, {**base, "planned_end": day})
    _save_button(store, base, changes, tr, on_saved, ("plan", key, ":material/event_available:"))


def _save_button(
    store: Store,
    base: dict[str, Any],
    changes: dict[str, Any],
    tr: Callable[..., str],
    on_saved: Callable[[], None],
    action: tuple[str, str, str],
) -> None:
    """A quick action's save button: writes the changes (guarded) and reports ``rv.action.*``."""
    name, key, icon = action
    mid, by = int(base["id"]), login.current_user()
    if not st.button(
        tr(f"rv.action.{name}_save"), key=f"{key}.button", icon=icon,
        disabled=not (by and changes),
    ):  # fmt: skip
        return
    version = write_guarded(lambda: save_changes(store, mid, base, changes, by), tr)
    if version is not None:
        _done(tr(f"rv.action.{name}_saved", title=base["title"]), on_saved)
    _after_write(mid)
