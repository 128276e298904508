"""``python -m dashboard profil --stadtteil "Berg Fidel" --out FILE.pdf``: the district profile."""

from __future__ import annotations

import argparse
from pathlib import Path

from dashboard.errors import UsageError
from dashboard.reports.profile_report import profile_pdf
from dashboard.store import Store

NAME = "profil"


def register(sub: argparse._SubParsersAction) -> None:
    """Add ``profil`` to the CLI."""
    parser = sub.add_parser("profil", help="Stadtteilprofil als druckbares PDF (A4) schreiben")
    parser.add_argument(
        "--stadtteil",
        required=True,
        help="Nummer oder Name des Stadtteils, z. B. 91 oder 'Berg Fidel'",
    )
    parser.add_argument("--out", type=Path, required=True, help="Zieldatei (.pdf)")
    parser.add_argument("--jahr", type=int, help="Berichtsjahr (ohne: je Indikator das jüngste)")
    parser.add_argument("--sprache", choices=("de", "en"), default="de", help="Sprache (de, en)")
    parser.add_argument("--ohne-karte", action="store_true", help="ohne Lagekarte (kein Chromium)")


def run(store: Store, args: argparse.Namespace) -> int:
    """Write the profile PDF of one Stadtteil."""
    if args.out.suffix.lower() != ".pdf":
        raise UsageError(f"--out muss auf .pdf enden, nicht {args.out.name!r}.")
    pdf = profile_pdf(store, args.stadtteil, args.jahr, args.sprache, not args.ohne_karte)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(pdf)
    print(f"Stadtteilprofil geschrieben: {args.out} ({len(pdf) / 1e3:.0f} kB)")
    return 0
