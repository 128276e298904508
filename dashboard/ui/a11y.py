"""Accessibility fixes around Streamlit's own markup: the document language, caption contrast
and a navigation made of plain links.

Streamlit 1.67 serves ``index.html`` with a hard-coded ``<html lang="en">`` and offers no
setting for it (streamlit/streamlit#15726, the proposed ``page_lang`` of #16024 is not
released); its sidebar navigation puts ``<div>`` elements between ``<ul>`` and ``<li>``
(axe rules ``list``/``listitem``); its caption grey (#828180) has a contrast of 3.9:1 on white.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable, Mapping, Sequence

import streamlit as st

from dashboard.present import theme

# captions, help texts and sidebar captions: darker than Streamlit's faded grey (≥ 4.5:1 on the
# white page and on the grey sidebar)
CAPTION_COLOUR = theme.CAPTION
STYLE = f"""<style>
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p,
[data-testid="stWidgetLabel"] small, [data-testid="stMetricDelta"],
[data-testid="stSidebar"] [data-testid="stCaptionContainer"] {{
  color: {CAPTION_COLOUR}; opacity: 1;
}}
</style>"""


# One script per page run: the document language, and accessible names that Streamlit's
# elements cannot take from Python: a hidden <span data-a11y-for="KEY"> (see ``label``) names
# the button or chart of the element with that key; a chart without one is named after the
# heading above it. A MutationObserver applies both again whenever Streamlit re-renders.
SCRIPT = """<script>
(() => {
  document.documentElement.lang = %(lang)s;
  const chartWord = %(chart)s, tableHint = %(hint)s, words = %(words)s;
  const translate = (el, attr) => {
    const text = el.getAttribute(attr);
    if (words[text]) el.setAttribute(attr, words[text]);
    else if (text && text.startsWith("Help for ") && words["Help for "])
      el.setAttribute(attr, words["Help for "] + text.slice(9));
  };
  const apply = () => {
    // Streamlit's own English names of its controls ("Clear value", "Fullscreen", …)
    document.querySelectorAll("[aria-label], [title]").forEach((el) => {
      if (el.hasAttribute("aria-label")) translate(el, "aria-label");
      if (el.hasAttribute("title")) translate(el, "title");
    });
    document.querySelectorAll("span[data-a11y-for]").forEach((span) => {
      const box = document.querySelector(".st-key-" + span.dataset.a11yFor);
      if (!box) return;
      // a button with a help text is rendered twice (one copy sizes the tooltip): name both
      const buttons = [...box.querySelectorAll("button")];
      if (!buttons.length) box.setAttribute("role", "figure");
      for (const target of buttons.length ? buttons : [box]) {
        if (target.getAttribute("aria-label") !== span.textContent)
          target.setAttribute("aria-label", span.textContent);
      }
    });
    document.querySelectorAll("[data-testid=stPlotlyChart]").forEach((chart) => {
      const box = chart.closest("[class*=st-key-]") || chart;
      if (box.getAttribute("aria-label") || chart.getAttribute("aria-label")) return;
      let heading = null;
      for (const h of document.querySelectorAll("main h1, main h2, main h3")) {
        if (h.compareDocumentPosition(chart) & Node.DOCUMENT_POSITION_FOLLOWING) heading = h;
      }
      const about = heading ? heading.textContent.trim().replace(/[.?!:]+$/, "") : "";
      chart.setAttribute("role", "figure");
      chart.setAttribute("aria-label", chartWord + (about ? ": " + about : "") + ". " + tableHint);
    });
  };
  apply();
  if (!window.__a11yObserver) {
    let timer = null;
    window.__a11yObserver = new MutationObserver(() => {
      clearTimeout(timer);
      timer = setTimeout(apply, 200);
    });
    window.__a11yObserver.observe(document.body, {childList: true, subtree: true});
  }
})();
</script>"""
# Streamlit's built-in English control names in German (Streamlit has no i18n, #1353)
STREAMLIT_WORDS = {
    "de": {
        "Clear value": "Auswahl löschen", "Clear all": "Alle löschen", "Fullscreen": "Vollbild",
        "Close fullscreen": "Vollbild schließen", "Exit fullscreen": "Vollbild beenden",
        "Close": "Schließen", "Open": "Öffnen", "Show password text": "Passwort anzeigen",
        "Hide password text": "Passwort verbergen", "Search": "Suchen",
        "Download as CSV": "Als CSV herunterladen", "Help for ": "Hilfe zu ",
        "Collapse sidebar": "Seitenleiste einklappen", "Expand sidebar": "Seitenleiste öffnen",
        "Main menu": "Hauptmenü", "Sidebar": "Seitenleiste",
        "Show password": "Passwort anzeigen",  # secret-check: ignore (a label, not a secret)
        "Link to heading": "Link zu dieser Überschrift", "Help": "Hilfe",
        "Selected values": "Ausgewählte Werte", "Show/hide columns": "Spalten zeigen/verbergen",
        "Skip to main content": "Zum Inhalt springen",
    },
}  # fmt: skip
TEXTS = {
    "de": ("Diagramm", "Die Werte stehen in der Tabelle oder im Download (CSV, XLSX) dabei."),
    "en": ("Chart", "The values are in the table or the download (CSV, XLSX) next to it."),
}


def document_language(lang: str) -> None:
    """Set ``<html lang>`` to the page language (Streamlit's index.html says "en") and apply
    the accessible names (a tiny script; st.html runs it in the main document)."""
    chart, hint = TEXTS.get(lang, TEXTS["de"])
    values = {
        "lang": json.dumps(lang), "chart": json.dumps(chart), "hint": json.dumps(hint),
        "words": json.dumps(STREAMLIT_WORDS.get(lang, {}), ensure_ascii=False),
    }  # fmt: skip
    st.html(SCRIPT % values, unsafe_allow_javascript=True)


def css_key(key: str) -> str:
    """The class suffix Streamlit gives an element with this key ('pr.up.1' → 'pr-up-1')."""
    return re.sub(r"[^a-zA-Z0-9_-]", "-", key)


def label(key: str, text: str) -> None:
    """Give the button (or chart) with widget key ``key`` the accessible name ``text``."""
    labels([(key, text)])


def labels(names: Iterable[tuple[str, str]]) -> None:
    """Accessible names for several widgets (key, text) in one element (each costs a rerun)."""
    spans = (f'<span hidden data-a11y-for="{css_key(k)}">{html.escape(t)}</span>' for k, t in names)
    st.html("".join(spans))


def styles() -> None:
    """The contrast fixes as a style sheet (no element on the page)."""
    st.html(STYLE)


def sidebar_navigation(sections: Mapping[str, Sequence[st.Page]]) -> None:
    """The page navigation as headed groups of plain links (call it inside the sidebar).

    Replaces Streamlit's navigation list, whose markup fails the axe list rules; the current
    page is marked by Streamlit's page link."""
    with st.container(key="app_nav"):
        for section, pages in sections.items():
            listed = [page for page in pages if page.visibility != "hidden"]
            if not listed:  # e.g. the data care section for someone who may not import
                continue
            st.markdown(f"**{section}**")
            for page in listed:
                st.page_link(page, label=page.title, icon=page.icon)
