"""Präsentation: compose, save and show slides from the live data; PPTX and PDF downloads.

URL: /praesentation?deck=NAME (editor) and /praesentation?deck=NAME&folie=N (show view).
"""

from __future__ import annotations

import streamlit as st

from dashboard import config
from dashboard.errors import ConflictError, LeitbildError
from dashboard.ids import parse_id
from dashboard.reports.deck import DeckSpec
from dashboard.ui import a11y, data, measure_conflicts, share, url_state
from dashboard.ui import presentation as pr
from dashboard.ui.shell import data_status_badge, guarded, language, translator

tr = translator()
lang = language()
db = str(config.db_path())
PAGE = "praesentation"


def go_to(number: int) -> None:
    """Show slide ``number`` (1-based) of the current deck."""
    url_state.write(PAGE, "folie", number)


def leave_show() -> None:
    """Back to the editor."""
    url_state.write(PAGE, "folie", None)


def show(spec: DeckSpec) -> None:
    """Full-screen slide with discreet navigation (buttons and arrow keys)."""
    st.html(pr.SHOW_CSS)
    content = pr.slides(db, spec.to_json(), lang)
    if not content:
        st.info(tr("pr.invalid"))
        st.stop()
    raw = url_state.raw("folie") or "1"
    number = min(max(parse_id(raw) or 1, 1), len(content))
    slide = content[number - 1]
    pr.render_slide(slide)
    nav = st.container(key="pr-nav")
    cols = nav.columns([1.1, 1.1, 0.7, 6, 1.2, 0.5], vertical_alignment="center")
    cols[0].button(tr("pr.back"), key="pr-back", shortcut="ArrowLeft", disabled=number == 1,
                   on_click=go_to, args=(number - 1,), width="stretch")  # fmt: skip
    cols[1].button(tr("pr.next"), key="pr-next", shortcut="ArrowRight",
                   disabled=number == len(content), on_click=go_to, args=(number + 1,),
                   width="stretch")  # fmt: skip
    cols[2].html(f"<div class='pr-footer'>{tr('pr.counter', n=number, total=len(content))}</div>")
    cols[3].html(pr.footer_html(slide))
    if slide.method:
        cols[4].popover(tr("pr.method"), width="stretch").markdown(slide.method)
    cols[5].button("✕", key="pr-exit", help=tr("pr.exit"), on_click=leave_show)


def deck_choice(catalogue) -> tuple[str, DeckSpec, int | None]:
    """The deck chosen in the selector (seeded from ?deck=)."""
    names = pr.saved_decks(db)
    wanted = url_state.current(PAGE, "deck") or ""
    name, spec, version = pr.requested_deck(db, catalogue, wanted, tr)
    options = ["", *names]
    chosen = st.selectbox(
        tr("pr.deck"),
        options,
        index=options.index(name) if name in options else 0,
        format_func=lambda n: n or tr("pr.deck.default"),
        help=tr("pr.deck.help"),
        key=f"pr.deck.{name}",
    )
    if chosen != name:
        url_state.write(PAGE, "deck", chosen or None)
        st.rerun()
    return name, spec, version


def settings(spec: DeckSpec, catalogue) -> DeckSpec:
    """Title, data year and districts of the working copy."""
    summary = data.summary(db)
    first, last = summary.get("first_period"), summary.get("last_period")
    years = [None, *range(int(last), int(first) - 1, -1)] if first and last else [None]
    left, mid, right = st.columns([3, 1.7, 3])
    title = left.text_input(tr("pr.deck.title"), spec.title, max_chars=120)
    period = mid.selectbox(
        tr("pr.period"),
        years,
        index=years.index(spec.period) if spec.period in years else 0,
        format_func=lambda y: tr("pr.period.latest", year=last) if y is None else str(y),
    )
    areas = catalogue.areas
    districts = areas[areas["level"] == "stadtteil"]
    names = dict(zip(districts["code"], districts["name"], strict=True))
    chosen = right.multiselect(
        tr("pr.districts"),
        list(names),
        default=[c for c in spec.districts if c in names],
        format_func=lambda c: f"{c} {names[c]}",
        help=tr("pr.districts.help"),
    )
    updated = DeckSpec(title, spec.slides, period, spec.districts)
    if list(chosen) != list(spec.districts):
        updated = updated.with_districts(list(chosen))
    if updated != spec:
        pr.set_working(updated)
    return updated


def slide_list(spec: DeckSpec, catalogue) -> None:
    """The slides in order with move and remove buttons, and a way to add one."""
    st.subheader(tr("pr.slides"))
    for i, token in enumerate(spec.slides):
        cols = st.columns([0.5, 6, 0.6, 0.6, 0.6], vertical_alignment="center")
        cols[0].markdown(f"**{i + 1}**")
        cols[1].markdown(pr.label(token, catalogue, lang))
        cols[2].button("↑", key=f"pr.up.{i}", help=tr("pr.slide.up"), disabled=i == 0,
                       on_click=pr.move, args=(i, -1))  # fmt: skip
        last = i == len(spec.slides) - 1
        cols[3].button("↓", key=f"pr.down.{i}", help=tr("pr.slide.down"), disabled=last,
                       on_click=pr.move, args=(i, 1))  # fmt: skip
        cols[4].button("✕", key=f"pr.rm.{i}", help=tr("pr.slide.remove"), on_click=pr.remove,
                       args=(i,))  # fmt: skip
        # "↑ ↓ ✕" say nothing to a screen reader: name each button by action and slide
        name = f"{i + 1} {pr.label(token, catalogue, lang)}"
        for action, help_key in (
            ("up", "pr.slide.up"),
            ("down", "pr.slide.down"),
            ("rm", "pr.slide.remove"),
        ):
            a11y.label(f"pr.{action}.{i}", tr("a11y.slide_button", action=tr(help_key), slide=name))
    options = pr.addable(spec, catalogue)
    if options:
        left, right = st.columns([4, 1], vertical_alignment="bottom")
        token = left.selectbox(
            tr("pr.slide.add"), options, format_func=lambda tok: pr.label(tok, catalogue, lang)
        )
        if right.button(tr("pr.slide.add_button"), key="pr.add"):
            pr.set_working(DeckSpec(spec.title, (*spec.slides, token), spec.period, spec.districts))
            st.rerun()


def save_controls(name: str, spec: DeckSpec, version: int | None) -> None:
    """Save under a name (optimistic locking), delete a saved deck."""
    by = pr.editor(tr)
    left, mid, right = st.columns([4, 1, 1], vertical_alignment="bottom")
    target = left.text_input(tr("pr.name"), name, max_chars=60, key=f"pr.name.{name}")
    if mid.button(tr("pr.save"), type="primary", disabled=not by, key="pr.save"):
        target = " ".join(target.split())
        try:
            new = pr.save(db, target, spec, version if target == name else None)
        except ConflictError as err:
            st.error(err.user_message())
            st.button(tr("pr.reload"), key="pr.reload", on_click=pr.reload_working)
        except LeitbildError as err:  # e.g. PermissionDenied: the save checks the role itself
            st.error(err.user_message())
        else:
            st.session_state[pr.LOADED_KEY] = (target, new)
            url_state.write(PAGE, "deck", target)
            st.toast(tr("pr.saved", name=target, version=new))
            st.rerun()
    if name and by and right.button(tr("pr.delete"), key="pr.delete"):
        pr.delete(db, name)
        st.session_state.pop(pr.LOADED_KEY, None)
        url_state.write(PAGE, "deck", None)
        st.toast(tr("pr.deleted", name=name))
        st.rerun()
    if not by:
        measure_conflicts.require_editor(tr)


def downloads(spec: DeckSpec) -> None:
    """Build PPTX and PDF on request, then offer both."""
    st.subheader(tr("pr.download"))
    if st.button(tr("pr.download.make"), help=tr("pr.download.help"), key="pr.make"):
        with st.spinner(tr("pr.download.help")):
            st.session_state[pr.FILES_KEY] = pr.build_files(db, spec, lang)
    files = st.session_state.get(pr.FILES_KEY)
    if files:
        left, right = st.columns(2)
        left.download_button(
            tr("pr.download.pptx"),
            files["pptx"],
            pr.file_name(spec, "pptx"),
            mime="application/vnd.openxmlformats-officedocument.presentationml.presentation",
            key="pr.dl.pptx",
        )
        right.download_button(
            tr("pr.download.pdf"),
            files["pdf"],
            pr.file_name(spec, "pdf"),
            mime="application/pdf",
            key="pr.dl.pdf",
        )


def editor() -> None:
    """Choose, order and save slides; start the show; download the files."""
    st.title(tr("pr.title"))
    st.caption(tr("pr.caption"))
    data_status_badge(data.summary(db))
    catalogue = data.catalogues(db)
    name, stored, version = deck_choice(catalogue)
    version = pr.load_working(name, stored, version)
    spec = settings(pr.working_spec(), catalogue)
    slide_list(spec, catalogue)
    problems = spec.problems(catalogue)
    if problems:
        st.warning(tr("pr.invalid") + " " + " ".join(problems))
        st.stop()
    if st.button(tr("pr.show"), type="primary", icon=":material/slideshow:", key="pr.start"):
        go_to(1)
        st.rerun()
    save_controls(name, spec, version)
    downloads(spec)
    share.share_box(PAGE, tr)  # links: short link and iframe snippet (the editor, not the show)


def shown_spec() -> DeckSpec:
    """The working copy when it belongs to the requested deck, else the stored/default deck."""
    catalogue = data.catalogues(db)
    name, spec, version = pr.requested_deck(db, catalogue, url_state.raw("deck") or "", tr)
    if st.session_state.get(pr.LOADED_KEY) == (name, version) and pr.SPEC_KEY in st.session_state:
        working = pr.working_spec()
        if not working.problems(catalogue):
            return working
    return spec


with guarded():
    if url_state.raw("folie") is not None:
        show(shown_spec())
    else:
        editor()
