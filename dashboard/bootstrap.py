"""Create or update a database: migrations, catalogues, the tile map, and the demo data."""

from __future__ import annotations

import hashlib

import pandas as pd

from dashboard import config
from dashboard.catalogues import finer_levels, load_catalogues
from dashboard.config import GEO_DIR, catalogue_dir
from dashboard.errors import ValidationError
from dashboard.imports import store_catalogue
from dashboard.ingest.geometry import parse_geometry
from dashboard.services.prepared import prepare_after_write
from dashboard.store import Store

TILE_FILE = GEO_DIR / "stadtteile_kacheln.geojson"
TILE_LAYER = "kacheln"
CATALOGUE_TILES = "tiles.geojson"  # a catalogue directory may bring its own tile map
DEMO_KEY = "demo_seed"
CATALOGUE_KEY = "catalogue_fingerprint"


def load_catalogues_into(store: Store) -> None:
    """Validate the YAML catalogues and replace the stored ones (extra group labels stay)."""
    catalogue = load_catalogues()
    frames = dict(catalogue.frames)
    stored_groups = store.catalogue("group_label")
    extra = stored_groups[~stored_groups["id"].isin(frames["group_label"]["id"])]
    frames["group_label"] = pd.concat([frames["group_label"], extra], ignore_index=True)
    # areas of finer levels (Stadtzellen) come from imported geometry, not from the YAML
    stored_areas = store.catalogue("area")
    finer = {rule.level for rule in finer_levels()}
    imported = stored_areas[
        stored_areas["level"].isin(finer) & ~stored_areas["code"].isin(frames["area"]["code"])
    ]
    if len(imported):
        frames["area"] = pd.concat([frames["area"], imported], ignore_index=True)
    # an unchanged catalogue is not written again: a write stales every released value, and
    # each start (`init`, `run`) would make the first visitor wait for their computation
    fingerprint = _fingerprint(frames)
    if store.meta(CATALOGUE_KEY) == fingerprint and len(store.catalogue("area")):
        return
    store.replace_catalogues(frames)
    store.set_meta(CATALOGUE_KEY, fingerprint)


def _fingerprint(frames: dict[str, pd.DataFrame]) -> str:
    """A hash of the catalogue tables' content (names, columns and values)."""
    digest = hashlib.sha256()
    for table in sorted(frames):
        digest.update(table.encode())
        digest.update(frames[table].to_json(orient="split", default_handler=str).encode())
    return digest.hexdigest()


def load_tiles(store: Store) -> int:
    """Load the project's schematic tile map as the geometry layer 'kacheln'."""
    own = catalogue_dir() / CATALOGUE_TILES
    tiles = own if own.is_file() else TILE_FILE
    frame, _layer, problems = parse_geometry(tiles, tiles.name, store_catalogue(store), "code")
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise ValidationError(errors, "Die Kachelkarte ist ungültig.")
    store.replace_geometry(TILE_LAYER, frame, None)
    return len(frame)


def load_demo(store: Store, seed: int) -> dict[str, int]:
    """Load the demo files (observations, targets, measures) through the import path."""
    from dashboard.demo.load import load_demo_files

    counts = load_demo_files(store, seed, store_catalogue(store))
    store.set_meta(DEMO_KEY, str(seed))
    return counts


def initialise(store: Store, demo: bool = True) -> list[str]:
    """Bring a database up to date; loads the demo data once, on first start only."""
    messages = []
    applied = store.migrate()
    if applied:
        messages.append("Migrationen angewendet: " + ", ".join(applied))
    load_catalogues_into(store)
    summary = store.summary()
    messages.append(
        f"Kataloge geladen: {summary['fields']} Handlungsfelder, {summary['goals']} Ziele, "
        f"{summary['indicators']} Indikatoren, {summary['areas']} Gebiete"
    )
    messages.append(f"Kachelkarte: {load_tiles(store)} Stadtteile")
    if demo and store.meta(DEMO_KEY) is None and not summary["observations"]:
        counts = load_demo(store, int(config.get("demo_seed")))
        observations = f"{counts['observations']:,}".replace(",", ".")  # 29.383, not 29383
        messages.append(
            f"Demodaten geladen: {observations} Beobachtungen, "
            f"{counts['targets']} Zielwerte, {counts['measures']} Maßnahmen"
        )
    elif not demo and store.meta(DEMO_KEY) is not None:
        store.delete_demo()
        store.set_meta(DEMO_KEY, "removed")
        messages.append("Demodaten entfernt.")
    prepare_after_write(store)  # what the first visit of every page reads
    return messages
