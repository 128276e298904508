"""The served app: Streamlit's server for ``app.py`` plus a readiness check at ``/healthz``.

Streamlit's own ``/_stcore/health`` answers "ok" as soon as the server runs, even when every
page fails to import. ``/healthz`` answers 200 only when the app's script runs to its end in a
headless session (imports, database, navigation, start page) and 503 with "error" otherwise,
so a proxy or process manager can tell a serving app from a broken one. Started by
``leitbild-monitor run`` (``python -m streamlit run dashboard/ui/server.py`` does the same).
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import Route
from streamlit import runtime

APP_SCRIPT = Path(__file__).resolve().parent.parent / "app.py"
HEALTH_PATH = "/healthz"


async def healthz(request: Request) -> PlainTextResponse:
    """200 "ok" when the app's script runs without an error, else 503 "error"/"timeout"."""
    del request  # the answer does not depend on who asks
    if not runtime.exists():
        return PlainTextResponse("starting", status_code=503)
    # Streamlit's script health check: runs app.py once in a session of its own (no browser)
    ok, message = await runtime.get_instance().does_script_run_without_error()
    return PlainTextResponse(
        message, status_code=200 if ok else 503, headers={"Cache-Control": "no-cache"}
    )


app = st.App(APP_SCRIPT, routes=[Route(HEALTH_PATH, healthz, methods=["GET", "HEAD"])])


def serve_script(flags: list[str]) -> None:
    """Run Streamlit's command line on this server script; returns when the server stops."""
    import sys

    from streamlit.web import cli as streamlit_cli

    sys.argv = ["streamlit", "run", str(Path(__file__).resolve()), *flags]
    streamlit_cli.main()  # serves until stopped, then exits the process
