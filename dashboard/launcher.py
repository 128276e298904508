"""Console script ``leitbild-monitor``: ``run`` serves the app, every other command is the CLI's."""

from __future__ import annotations

import argparse
import sys
import tomllib
from pathlib import Path

from dashboard import cli, config

STREAMLIT_CONFIG = config.PROJECT_ROOT / ".streamlit" / "config.toml"
RUN_HELP = (
    "run [--port 8501] [--address ADRESSE] [--no-init]  die App starten (Streamlit)\n"
    "serve --workers N [--port 8501]  N App-Prozesse hinter nginx (braucht PostgreSQL)"
)


def streamlit_flags(path: Path = STREAMLIT_CONFIG) -> list[str]:
    """The project's Streamlit settings as ``--section.option=value`` flags.

    Streamlit reads ``.streamlit/config.toml`` only from the current directory (or beside the
    main script); as flags the settings hold wherever the app is started from, installed or not.
    """
    with path.open("rb") as handle:
        sections = tomllib.load(handle)
    flags = []
    for section, options in sections.items():
        for name, value in options.items():
            text = str(value).lower() if isinstance(value, bool) else str(value)
            flags.append(f"--{section}.{name}={text}")
    return flags


def _run_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="leitbild-monitor run",
        description="Datenbank anlegen/aktualisieren (wie init) und die App starten. Weitere "
        "Streamlit-Optionen nach '--', z. B. -- --server.baseUrlPath=monitor.",
    )
    parser.add_argument("--port", type=int, default=8501, help="Port (Standard 8501)")
    parser.add_argument("--address", default=None, help="Adresse (Standard: alle)")
    parser.add_argument("--no-init", action="store_true", help="Datenbank nicht vorher prüfen")
    return parser


def run(argv: list[str]) -> int:
    """Initialise the database like ``init``, then serve the app until stopped."""
    extra: list[str] = []
    if "--" in argv:
        cut = argv.index("--")
        argv, extra = argv[:cut], argv[cut + 1 :]
    try:
        args = _run_parser().parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0)
    if not args.no_init:
        # a separate step that closes the database again: DuckDB lets one process write it
        status = cli.main(["init"])
        if status != 0:
            return status
    flags = [*streamlit_flags(), f"--server.port={args.port}"]
    if args.address:
        flags.append(f"--server.address={args.address}")
    # imported only here: the other commands (init, import, deck …) run without Streamlit
    from dashboard.ui.server import serve_script

    serve_script([*flags, *extra])
    return 0


def main(argv: list[str] | None = None) -> int:
    """Entry point of ``leitbild-monitor`` and ``python -m dashboard``."""
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["run"]:
        return run(argv[1:])
    if argv[:1] == ["serve"]:
        from dashboard.serve import serve

        return serve(argv[1:])
    if not argv or argv[0] in {"-h", "--help"}:
        print(f"Befehle: {RUN_HELP}\n")
    return cli.main(argv)
