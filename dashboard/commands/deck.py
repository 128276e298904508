"""``python -m dashboard deck [--name NAME] --out FILE.pptx|FILE.pdf``: export a saved deck."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from dashboard.errors import UsageError

NAME = "deck"
FORMATS = (".pptx", ".pdf")


def register(sub: Any) -> None:
    """Add the ``deck`` sub-command."""
    parser = sub.add_parser("deck", help="Präsentation als PPTX oder PDF exportieren")
    parser.add_argument("--name", help="gespeicherte Präsentation (Standard: Standardpräsentation)")
    parser.add_argument("--out", type=Path, required=True, help="Zieldatei .pptx oder .pdf")
    parser.add_argument("--lang", choices=("de", "en"), default="de", help="Sprache der Folien")


def run(store: Any, args: argparse.Namespace) -> int:
    """Build the deck from the live data and write it; UsageError for unknown name or format."""
    suffix = args.out.suffix.lower()
    if suffix not in FORMATS:
        raise UsageError(f"{args.out.name}: bitte eine Datei auf .pptx oder .pdf angeben.")
    # the map figure builder lives next to streamlit caches, which warn outside a running app
    import streamlit.logger

    streamlit.logger.set_log_level("error")
    from dashboard.reports import exports

    data = exports.deck_data(store)
    spec = exports.saved_or_default(store, data.catalogue, args.name)
    content = exports.export(data, spec, suffix.lstrip("."), args.lang, store)
    try:
        args.out.write_bytes(content)
    except OSError as exc:
        raise UsageError(f"{args.out}: {exc.strerror}") from exc
    print(f"{args.out}: {spec.title} ({len(spec.slides)} Folien)")
    return 0
