"""Helpers of the Präsentation page: deck data and slides (cached), editor, show view, exports."""

from __future__ import annotations

import html
from collections.abc import Callable
from string import Template

import plotly.graph_objects as go
import streamlit as st

from dashboard.auth import guard
from dashboard.catalogues import Catalogue
from dashboard.present import theme
from dashboard.reports.deck import DeckSpec, SlideRef, default_deck, valid_name
from dashboard.reports.deck_builder import build_slides, slide_label
from dashboard.reports.deck_scope import deck_values
from dashboard.reports.slide_provenance import annotate
from dashboard.reports.slides import DeckData, Slide
from dashboard.ui import data, login

Tr = Callable[..., str]
SPEC_KEY = "pr.spec"  # the working copy (JSON) of the deck being edited
LOADED_KEY = "pr.loaded"  # (name, version) the working copy came from; name "" = default
FILES_KEY = "pr.files"
SHOW_HEIGHT, SHOW_HEIGHT_BESIDE = 620, 760  # chart px below / beside the key figures

# Show view: no sidebar, header or toolbar; large type and high contrast for a projector.
SHOW_CSS = Template("""
<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"],
[data-testid="stSidebarNav"], [data-testid="stExpandSidebarButton"] { display: none !important; }
.block-container, [data-testid="stMainBlockContainer"] {
  padding: 1.2rem 2.5rem 4.2rem 2.5rem !important; max-width: 100% !important; }
.stApp { background: $paper; color: $ink; }
.pr-title { font-size: clamp(1.9rem, 3.1vw, 3.4rem); font-weight: 700; line-height: 1.12;
  margin: 0 0 .25rem 0; color: $ink; }
.pr-cover { font-size: clamp(2.6rem, 4.6vw, 5rem); margin-top: 12vh; }
.pr-subtitle { font-size: clamp(1.1rem, 1.6vw, 1.8rem); font-weight: 700; color: $accent; }
.pr-explain { font-size: clamp(1.1rem, 1.55vw, 1.75rem); color: $soft; margin: 0 0 .8rem 0; }
.pr-figures { display: flex; flex-wrap: wrap; gap: 1rem; margin: .2rem 0 .8rem 0; }
.pr-vertical { flex-direction: column; }
.pr-figure { flex: 1 1 12rem; background: $panel; border-left: 6px solid $accent;
  padding: .5rem .9rem; border-radius: 4px; }
.pr-value { font-size: clamp(1.5rem, 2.4vw, 2.8rem); font-weight: 700; color: $value;
  line-height: 1.1; }
.pr-label { font-size: clamp(.9rem, 1.05vw, 1.25rem); font-weight: 600; color: $ink; }
.pr-note { font-size: clamp(.9rem, 1.05vw, 1.3rem); color: $soft; }
.pr-bullets { font-size: clamp(1rem, 1.25vw, 1.5rem); color: $ink; line-height: 1.35; }
.pr-bullets ul, .pr-bullets li { font-size: inherit; line-height: inherit; }
.pr-bullets li { margin-bottom: .35rem; }
.pr-footer { font-size: clamp(.9rem, 1.05vw, 1.3rem); color: $soft; }
.pr-footer.pr-demo { color: $demo; font-weight: 700; }
.st-key-pr-nav { position: fixed; left: 0; right: 0; bottom: 0; z-index: 100;
  background: $paper; border-top: 1px solid $rule; padding: .35rem 2.5rem; }
.st-key-pr-nav button p { font-size: .95rem; }
/* a phone: the navigation stays in one compact bar (stacked it covered half the slide), the
   data status with the demo label on its own line above the buttons */
@media (max-width: 640px) {
  .block-container, [data-testid="stMainBlockContainer"] {
    padding: .8rem 1rem 9rem 1rem !important; }
  .st-key-pr-nav { padding: .3rem .6rem; }
  .st-key-pr-nav [data-testid="stHorizontalBlock"] {
    flex-direction: row !important; flex-wrap: wrap !important; gap: .4rem !important; }
  .st-key-pr-nav [data-testid="stColumn"] {
    width: auto !important; min-width: 0 !important; flex: 0 0 auto !important; }
  .st-key-pr-nav [data-testid="stColumn"]:nth-child(4) { flex: 1 1 100% !important; order: -1; }
  .st-key-pr-nav .pr-footer { font-size: .8rem; }
}
</style>
""").substitute(
    paper=theme.WHITE,
    ink=theme.INK,
    accent=theme.ACCENT,
    soft=theme.TEXT_SOFT,
    panel=theme.PANEL_SOFT,
    value=theme.ACCENT_DARK,
    demo=theme.DEMO_INK,
    rule=theme.GRID,
)


# --- data ---------------------------------------------------------------------------------------
def deck_data(db: str, spec: DeckSpec) -> DeckData:
    """The deck's data from the pages' cached accessors: the released rows it reads."""
    layers = data.geometry_layers(db)
    targets = data.targets(db)
    return DeckData(
        catalogue=data.catalogues(db),
        values=deck_values(data.release(db), data.stored_catalogue(db), targets, spec),
        measures=data.measures(db),
        targets=targets,
        summary=data.summary(db),
        geometry={layer: data.geometry(db, layer) for layer in layers},
    )


@st.cache_data(ttl=data.TTL_SECONDS, show_spinner=False, max_entries=8)
def slides(db: str, spec_json: str, lang: str) -> list[Slide]:
    """Slide content of a deck (cached per deck, language and database)."""
    spec = DeckSpec.from_json(spec_json)
    deck = deck_data(db, spec)
    built = build_slides(deck, spec, lang)
    return annotate(built, data.get_store(db), deck.catalogue, deck.values, lang, spec.period)


@st.cache_data(ttl=data.TTL_SECONDS, show_spinner=False)
def saved_decks(db: str) -> list[str]:
    """Names of the saved decks."""
    return list(data.get_store(db).decks()["name"])


def saved_deck(db: str, name: str) -> tuple[DeckSpec, int] | None:
    """A saved deck and its version (read fresh: versions matter for saving)."""
    row = data.get_store(db).deck(name)
    return None if row is None else (DeckSpec.from_json(str(row["spec"])), int(row["version"]))


def editor(tr: Tr) -> str | None:
    """Who saves decks: the measure editors' identity (one place to change for access rules)."""
    from dashboard.ui import measure_conflicts

    return measure_conflicts.editor_name(tr)


def save(db: str, name: str, spec: DeckSpec, version: int | None) -> int:
    """Store the deck under ``name`` as the logged-in user (checked); the page's only write."""
    store, user = data.get_store(db), login.current_user()
    new = guard.save_deck(store, user, valid_name(name), spec.to_json(), version)
    saved_decks.clear()
    slides.clear()
    return new


def delete(db: str, name: str) -> None:
    """Delete a saved deck (checked like saving)."""
    guard.delete_deck(data.get_store(db), login.current_user(), name)
    saved_decks.clear()


def requested_deck(db: str, catalogue: Catalogue, name: str | None, tr: Tr) -> tuple:
    """(name, spec, version) for ``?deck=``: the saved deck, else the default deck."""
    if name:
        found = saved_deck(db, name)
        if found is not None:
            return name, found[0], found[1]
        st.warning(tr("pr.deck.unknown", name=name))
    return "", default_deck(catalogue), None


# --- editor -------------------------------------------------------------------------------------
def working_spec() -> DeckSpec:
    """The deck being edited."""
    return DeckSpec.from_json(st.session_state[SPEC_KEY])


def set_working(spec: DeckSpec) -> None:
    """Replace the working copy (the files built for the old one are dropped)."""
    st.session_state[SPEC_KEY] = spec.to_json()
    st.session_state.pop(FILES_KEY, None)


def load_working(name: str, spec: DeckSpec, version: int | None) -> int | None:
    """Start editing a deck unless it is the working copy; the version it was loaded at.

    The version stays the one read when editing began, so a save after someone else's save
    is refused instead of overwriting it.
    """
    loaded = st.session_state.get(LOADED_KEY)
    if loaded is None or loaded[0] != name or SPEC_KEY not in st.session_state:
        st.session_state[LOADED_KEY] = (name, version)
        set_working(spec)
        return version
    return loaded[1]


def reload_working() -> None:
    """Drop the working copy: the stored deck is loaded afresh on the next run."""
    st.session_state.pop(LOADED_KEY, None)


def move(index: int, step: int) -> None:
    """Move a slide up (-1) or down (+1)."""
    spec = working_spec()
    order = list(spec.slides)
    target = index + step
    if 0 <= target < len(order):
        order[index], order[target] = order[target], order[index]
        set_working(DeckSpec(spec.title, tuple(order), spec.period, spec.districts))


def remove(index: int) -> None:
    """Take a slide out of the deck."""
    spec = working_spec()
    order = [s for i, s in enumerate(spec.slides) if i != index]
    districts = tuple(c for c in spec.districts if f"district:{c}" in order)
    set_working(DeckSpec(spec.title, tuple(order), spec.period, districts))


def addable(spec: DeckSpec, catalogue: Catalogue) -> list[str]:
    """Slide tokens that can be added (each plain kind once; any field not yet in the deck)."""
    tokens = ["title", "overview", "map", "outlook"]
    tokens += [f"field:{f}" for f in catalogue.frames["field"]["id"]]
    return [tok for tok in tokens if tok not in spec.slides]


def label(token: str, catalogue: Catalogue, lang: str) -> str:
    """A slide token as the editor shows it."""
    return slide_label(SlideRef.parse(token), catalogue, lang)


# --- show view ----------------------------------------------------------------------------------
def _figures_html(slide: Slide, vertical: bool = False) -> str:
    cards = "".join(
        "<div class='pr-figure'>"
        f"<div class='pr-value'>{html.escape(k.value)}</div>"
        f"<div class='pr-label'>{html.escape(k.label)}</div>"
        + (f"<div class='pr-note'>{html.escape(k.note)}</div>" if k.note else "")
        + "</div>"
        for k in slide.key_figures
    )
    kind = "pr-figures pr-vertical" if vertical else "pr-figures"
    return f"<div class='{kind}'>{cards}</div>" if cards else ""


def _bullets_html(slide: Slide) -> str:
    if not slide.bullets:
        return ""
    head, *rest = slide.bullets
    items = "".join(f"<li>{html.escape(b)}</li>" for b in rest)
    return f"<div class='pr-bullets'><b>{html.escape(head)}</b><ul>{items}</ul></div>"


def render_slide(slide: Slide) -> None:
    """One slide for the projector: title, explanation, key figures, figure and list."""
    cover = slide.kind == "title"
    title_class = "pr-title pr-cover" if cover else "pr-title"
    st.html(f"<div class='{title_class}'>{html.escape(slide.title)}</div>")
    if slide.subtitle:
        st.html(f"<div class='pr-subtitle'>{html.escape(slide.subtitle)}</div>")
    st.html(f"<p class='pr-explain'>{html.escape(slide.explanation)}</p>")
    # a figure or a list alone gets the key figures beside it (as in the documents)
    beside = bool(slide.key_figures) and bool(slide.figures) != bool(slide.bullets)
    if slide.key_figures and not beside:
        st.html(_figures_html(slide))
    if beside or (slide.figures and slide.bullets):
        left, right = st.columns([2.3, 1], gap="large")
    else:
        left = right = st.container()
    for figure in slide.figures[:1]:
        fig = go.Figure(figure.figure)
        # tall enough to fill a 1920×1080 screen below the title (and the key figures)
        fig.update_layout(height=SHOW_HEIGHT_BESIDE if beside else SHOW_HEIGHT, width=None)
        left.plotly_chart(
            fig,
            width="stretch",
            config={"displayModeBar": False, "staticPlot": figure.name != "map"},
        )
    if beside:
        right.html(_figures_html(slide, vertical=True))
    if slide.bullets:
        # a list alone takes the wide column, beside a chart the narrow one
        (left if beside and not slide.figures else right).html(_bullets_html(slide))


def footer_html(slide: Slide) -> str:
    """Data status line (demo data in strong colour)."""
    demo = " pr-demo" if slide.data_status != "real" else ""
    return f"<div class='pr-footer{demo}'>{html.escape(slide.footer)}</div>"


# --- exports ------------------------------------------------------------------------------------
def build_files(db: str, spec: DeckSpec, lang: str) -> dict[str, bytes]:
    """PPTX and PDF of the deck (figures rendered once for both)."""
    from dashboard.reports.exports import documents
    from dashboard.reports.slide_images import render

    content = slides(db, spec.to_json(), lang)
    return documents(content, render(content), spec.title, lang)


def file_name(spec: DeckSpec, suffix: str) -> str:
    """A safe download name from the deck title."""
    stem = "".join(c if c.isalnum() else "_" for c in spec.title)[:60].strip("_") or "praesentation"
    return f"{stem}.{suffix}"
