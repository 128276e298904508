"""Messages of shareable links, embedding and 'what's new' (issue 19)."""

from __future__ import annotations

from dashboard.present.i18n import MESSAGES

_M: dict[str, tuple[str, str]] = {
    "links.share": ("Link kopieren", "Copy link"),
    "links.share.help": (
        "Kurzer Link auf genau diese Ansicht mit allen Filtern. Mit dem Symbol rechts in die "
        "Zwischenablage kopieren.",
        "Short link to exactly this view with all filters. Copy it with the icon on the right.",
    ),
    "links.embed": ("Zum Einbetten (iframe)", "To embed (iframe)"),
    "links.unknown": (
        "Dieser Kurzlink ist unbekannt. Die Startseite wird gezeigt.",
        "This short link is unknown. The start page is shown.",
    ),
    "links.failed": (
        "Der Kurzlink konnte nicht erstellt werden. Die volle Adresse steht oben im Browser.",
        "The short link could not be created. The full address is in the browser's address bar.",
    ),
}

MESSAGES.update({key: {"de": de, "en": en} for key, (de, en) in _M.items()})
