"""The widgets to create and edit a measure, and to run a write with a readable error.

The rules behind them (normalising, validation, implied changes) are in
``dashboard.services.measure_edit``; saving and conflicts in ``measure_conflicts``; the page
sections that write in ``measure_sections``; the status change and archive in
``measure_status_form``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

import streamlit as st

from dashboard.analysis.lateness import as_date
from dashboard.auth import guard
from dashboard.auth.roles import User
from dashboard.catalogues import Catalogue
from dashboard.domain import measures as ms
from dashboard.errors import LeitbildError
from dashboard.ingest.measures import ORIGINS, organisation_id
from dashboard.services.measure_edit import (
    DATE_FIELDS,
    normalise,
    problems_by_field,
    validate,
)
from dashboard.store import Store

DATE_MIN, DATE_MAX = dt.date(2000, 1, 1), dt.date(2100, 12, 31)


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
        label,
        value=as_date(value),
        min_value=DATE_MIN,
        max_value=DATE_MAX,
        key=key,
        format="DD.MM.YYYY",
        help=help,
    )
    slots.add(name)
    return out


Values = dict[str, Any]
Labels = dict[str, dict[str, str]]


def _goals_and_organisation(
    key: str,
    base: Mapping[str, Any],
    labels: Labels,
    tr: Callable[..., str],
    v: Values,
    slots: _Slots,
) -> None:
    """Goals, and the organisation (a new name may be typed in)."""
    v["goals"] = st.multiselect(
        tr("mf.goals"),
        list(labels["goals"]),
        default=base.get("goals") or [],
        format_func=lambda g: labels["goals"].get(g, g),
        key=f"{key}.goals",
        help=tr("mf.goals.help"),
    )
    slots.add("goals")
    orgs = labels["organisation_id"]
    current = base.get("organisation_id")
    options = list(orgs) if current in orgs or current is None else [*orgs, current]
    v["organisation_id"] = st.selectbox(
        tr("mf.organisation_id"),
        options,
        index=options.index(current) if current in options else None,
        format_func=lambda o: orgs.get(o, o),
        key=f"{key}.organisation",
        accept_new_options=True,
        placeholder=tr("mf.organisation_id.placeholder"),
    )
    slots.add("organisation_id")


def _what_and_where(
    key: str,
    base: Mapping[str, Any],
    labels: Labels,
    tr: Callable[..., str],
    v: Values,
    slots: _Slots,
) -> None:
    """Title, description, fields, areas, goals, organisation, contact and partners."""
    v["title"] = st.text_input(tr("mf.title") + " *", base.get("title") or "", key=f"{key}.title")
    slots.add("title")
    v["description"] = st.text_area(
        tr("mf.description"), base.get("description") or "", key=f"{key}.description", height=80
    )
    left, right = st.columns(2)
    with left:
        v["fields"] = st.multiselect(
            tr("mf.fields") + " *",
            list(labels["fields"]),
            default=base.get("fields") or [],
            format_func=lambda i: labels["fields"].get(i, i),
            key=f"{key}.fields",
        )
        slots.add("fields")
        v["areas"] = st.multiselect(
            tr("mf.areas"),
            list(labels["areas"]),
            default=base.get("areas") or [],
            format_func=lambda c: labels["areas"].get(c, c),
            key=f"{key}.areas",
            help=tr("mf.areas.help"),
            placeholder=tr("mf.areas.placeholder"),
        )
        slots.add("areas")
    with right:
        _goals_and_organisation(key, base, labels, tr, v, slots)
    left, right = st.columns(2)
    v["contact"] = left.text_input(
        tr("mf.contact"), base.get("contact") or "", key=f"{key}.contact"
    )
    v["partners"] = right.text_input(
        tr("mf.partners"), base.get("partners") or "", key=f"{key}.partners"
    )


def _status_and_numbers(
    key: str,
    base: Mapping[str, Any],
    tr: Callable[..., str],
    create: bool,
    v: Values,
    slots: _Slots,
) -> None:
    """Status (chosen only when creating), progress, reach and budget."""
    cols = st.columns(4)
    if create:
        with cols[0]:
            v["status"] = st.selectbox(
                tr("mf.status") + " *",
                list(ms.STATUSES),
                index=ms.STATUSES.index(base.get("status") or ms.INITIAL),
                format_func=lambda s: tr(f"status.{s}"),
                key=f"{key}.status",
            )
            slots.add("status")
    else:
        v["status"] = base.get("status")
        cols[0].text_input(
            tr("mf.status"),
            tr(f"status.{v['status']}"),
            disabled=True,
            key=f"{key}.status_shown",
            help=tr("mf.status.via_action"),
        )
    with cols[1]:
        v["progress"] = st.slider(
            tr("mf.progress"),
            0,
            100,
            int(base.get("progress") or 0),
            step=5,
            key=f"{key}.progress",
            format="%d %%",
        )
        slots.add("progress")
    with cols[2]:
        v["reach"] = st.number_input(
            tr("mf.reach"),
            min_value=0,
            value=base.get("reach"),
            step=1,
            key=f"{key}.reach",
            help=tr("mf.reach.help"),
        )
        slots.add("reach")
    with cols[3]:
        v["budget"] = st.number_input(
            tr("mf.budget"),
            min_value=0.0,
            value=base.get("budget"),
            step=100.0,
            key=f"{key}.budget",
            format="%.2f",
        )
        slots.add("budget")


def _dates_and_notes(
    key: str, base: Mapping[str, Any], tr: Callable[..., str], v: Values, slots: _Slots
) -> None:
    """Planned and actual dates, origin, next step, notes and the last review."""
    cols = st.columns(4)
    for col, name in zip(cols, DATE_FIELDS[:4], strict=True):
        with col:
            v[name] = _date(tr(f"mf.{name}"), base.get(name), f"{key}.{name}", slots, name)
    cols = st.columns([1, 2, 1])
    with cols[0]:
        origins = list(ORIGINS)
        v["origin"] = st.selectbox(
            tr("mf.origin"),
            origins,
            index=origins.index(base["origin"]) if base.get("origin") in origins else None,
            key=f"{key}.origin",
            placeholder="–",
        )
        slots.add("origin")
    with cols[1]:
        v["next_step"] = st.text_input(
            tr("mf.next_step"), base.get("next_step") or "", key=f"{key}.next_step"
        )
    with cols[2]:
        v["next_step_date"] = _date(
            tr("mf.next_step_date"),
            base.get("next_step_date"),
            f"{key}.next_step_date",
            slots,
            "next_step_date",
        )
    left, right = st.columns([3, 1])
    v["notes"] = left.text_area(
        tr("mf.notes"), base.get("notes") or "", key=f"{key}.notes", height=68
    )
    with right:
        v["last_reviewed"] = _date(
            tr("mf.last_reviewed"),
            base.get("last_reviewed"),
            f"{key}.last_reviewed",
            slots,
            "last_reviewed",
        )


def _form_body(
    key: str,
    base: Mapping[str, Any],
    labels: Labels,
    tr: Callable[..., str],
    create: bool,
) -> tuple[Values, _Slots, str]:
    """All widgets of the form; returns the values, the problem slots and the comment."""
    slots = _Slots()
    v: Values = {}
    _what_and_where(key, base, labels, tr, v, slots)
    _status_and_numbers(key, base, tr, create, v, slots)
    _dates_and_notes(key, base, tr, v, slots)
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
    problems = validate(values, catalogue, today, titles, base.get("id"), tr)
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


def write_guarded(action: Callable[[], Any], tr: Callable[..., str]) -> Any:
    """Run a write; a known error becomes a message instead of a traceback."""
    try:
        return action()
    except LeitbildError as err:
        st.error(tr("error.generic", message=err.user_message()))
        return None
