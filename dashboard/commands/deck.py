"""``python -m dashboard deck [--name NAME] --out FILE.pptx|FILE.pdf``: export a saved deck."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from dashboard.errors import UsageError

NAME = "deck"


def register(sub: Any) -> None:
    """Add the ``deck`` sub-command."""
    parser = sub.add_parser("deck", help="Präsentation als PPTX oder PDF exportieren")
    parser.add_argument("--name", help="gespeicherte Präsentation (Standard: Standardpräsentation)")
    parser.add_argument("--out", type=Path, required=True, help="Zieldatei .pptx oder .pdf")
    parser.add_argument("--lang", choices=("de", "en"), default="de", help="Sprache der Folien")


def run(store: Any, args: argparse.Namespace) -> int:
    """Build the deck from the live data and write it; UsageError for unknown name or format."""
    from dashboard.reports import exports

    suffix = args.out.suffix.lower()
    if suffix.lstrip(".") not in exports.RENDERERS:
        known = " oder ".join(f".{ext}" for ext in exports.RENDERERS)
        raise UsageError(f"{args.out.name}: bitte eine Datei auf {known} angeben.")
    from dashboard.imports import store_catalogue

    spec = exports.saved_or_default(store, store_catalogue(store), args.name)
    data = exports.deck_data(store, spec)
    content = exports.export(data, spec, suffix.lstrip("."), args.lang, store)
    try:
        args.out.write_bytes(content)
    except OSError as exc:
        raise UsageError(f"{args.out}: {exc.strerror}") from exc
    print(f"{args.out}: {spec.title} ({len(spec.slides)} Folien)")
    return 0
