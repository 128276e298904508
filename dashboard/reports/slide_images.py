"""Every figure of a deck rendered once as PNG (one Chromium for the whole deck)."""

from __future__ import annotations

import threading
import warnings

import kaleido

from dashboard.errors import LeitbildError
from dashboard.reports import slide_layout as L
from dashboard.reports.images import figure_png
from dashboard.reports.slides import Slide

Images = dict[tuple[int, str], bytes]
# kaleido's sync server is one per process: exports from two sessions take turns
_LOCK = threading.Lock()


def render(slides: list[Slide]) -> Images:
    """PNG per (slide index, figure name); LeitbildError when no browser can render them."""
    wanted = [
        (i, f, L.figure_px(slide) or (f.width, f.height))
        for i, slide in enumerate(slides)
        for f in slide.figures
    ]
    if not wanted:
        return {}
    with _LOCK:
        started = False
        try:
            kaleido.start_sync_server(silence_warnings=True)
            started = True
            with warnings.catch_warnings():
                # plotly passes browser options the running server has already been given
                warnings.simplefilter("ignore", UserWarning)
                return {(i, f.name): figure_png(f.figure, *size) for i, f, size in wanted}
        except LeitbildError:
            raise
        except Exception as exc:  # kaleido raises many kinds when Chromium is missing or dies
            raise LeitbildError(
                "Die Diagramme lassen sich nicht als Bild erzeugen: Chromium (für kaleido) "
                "fehlt oder startet nicht. Bitte Chromium installieren (make test installiert "
                f"es) oder BROWSER_PATH setzen. Ursache: {type(exc).__name__}: {exc}"
            ) from exc
        finally:
            if started:
                kaleido.stop_sync_server(silence_warnings=True)
