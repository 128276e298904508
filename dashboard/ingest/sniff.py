"""Check an uploaded file by its CONTENT before any parser sees it: size, type, zip safety.

File names are only labels: the type comes from the bytes, and names inside a zip are looked
at (to refuse odd ones) but never used as paths. Everything is read in memory.
"""

from __future__ import annotations

import io
import json
import zipfile

from dashboard import config
from dashboard.errors import Problem, ValidationError

SQLITE_HEADER = b"SQLite format 3\x00"
ZIP_HEADER = b"PK\x03\x04"
TABLE_FORMATS = ("csv", "xlsx")
FORMATS_BY_KIND = {
    "observations": TABLE_FORMATS,
    "stats": TABLE_FORMATS,
    "targets": TABLE_FORMATS,
    "measures": TABLE_FORMATS,
    "areas": ("geojson", "shapefile_zip", "gpkg"),
}
FORMAT_LABELS = {
    "csv": "CSV (Text)",
    "xlsx": "XLSX",
    "geojson": "GeoJSON",
    "shapefile_zip": "Shapefile (.zip)",
    "gpkg": "GeoPackage",
}
# the parts of a Shapefile; anything else in the zip (e.g. a GDAL .vrt that points at local
# files) is refused, so GDAL only ever opens the shapefile itself
SHAPEFILE_PARTS = {".shp", ".shx", ".dbf", ".prj", ".cpg", ".qpj", ".sbn", ".sbx", ".qix", ".xml"}
MAX_ZIP_MEMBERS = 2000
UNZIPPED_FACTOR = 10  # uncompressed content may be this many times the upload limit


def limit_bytes() -> int:
    """The upload limit in bytes (setting max_upload_mb)."""
    return int(config.get("max_upload_mb")) * 1024 * 1024


def _zip_names(data: bytes) -> list[str] | None:
    """Member names of a sound, not oversized zip; None if it is no zip or too big unpacked."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    if len(infos) > MAX_ZIP_MEMBERS:
        return None
    if sum(i.file_size for i in infos) > UNZIPPED_FACTOR * limit_bytes():
        return None
    return [i.filename for i in infos]


def _safe_member(name: str) -> bool:
    """A member name without absolute paths, parent steps or drive letters."""
    parts = name.replace("\\", "/").split("/")
    return not (name.startswith(("/", "\\")) or ".." in parts or ":" in name)


def _zip_format(data: bytes) -> str | None:
    names = _zip_names(data)
    if names is None:
        return None
    if "[Content_Types].xml" in names and "xl/workbook.xml" in names:
        return "xlsx"
    if not all(_safe_member(n) for n in names):
        return None
    files = [n for n in names if not n.endswith("/")]
    suffixes = {n[n.rfind(".") :].lower() if "." in n else "" for n in files}
    if {".shp", ".shx", ".dbf"} <= suffixes and suffixes <= SHAPEFILE_PARTS:
        return "shapefile_zip"
    return None


def _is_text(data: bytes) -> bool:
    if b"\x00" in data:
        return False
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return True
    return False


def _is_geojson(data: bytes) -> bool:
    try:
        doc = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return False
    return isinstance(doc, dict) and isinstance(doc.get("type"), str)


def sniff(data: bytes) -> str | None:
    """The file format judged from the content: csv, xlsx, geojson, shapefile_zip, gpkg."""
    if data.startswith(ZIP_HEADER):
        return _zip_format(data)
    if data.startswith(SQLITE_HEADER):
        return "gpkg"
    if data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{") and _is_geojson(data):
        return "geojson"
    return "csv" if _is_text(data) else None


def check_upload(data: bytes, name: str, kind: str) -> str:
    """Refuse oversized, empty or wrongly typed content for an import kind; returns the format."""
    limit = limit_bytes()
    if len(data) > limit:
        mb = len(data) / 1024 / 1024
        expected = f"höchstens {limit // 1024 // 1024} MB"
        raise ValidationError([Problem(name, None, None, expected, f"{mb:.1f} MB")])
    if not data.strip():
        raise ValidationError([Problem(name, None, None, "Daten", "eine leere Datei")])
    allowed = FORMATS_BY_KIND.get(kind, ())
    found = sniff(data)
    if found == "csv" and "geojson" in allowed and data.lstrip(b" \t\r\n").startswith(b"{"):
        # JSON that is not UTF-8 (e.g. Latin-1 umlauts): say so instead of calling it CSV
        expected = "GeoJSON in UTF-8-Kodierung (RFC 7946)"
        raise ValidationError([Problem(name, None, None, expected, "JSON in anderer Kodierung")])
    if found not in allowed:
        expected = " oder ".join(FORMAT_LABELS[f] for f in allowed)
        label = FORMAT_LABELS.get(found or "", "ein unbekanntes oder unsicheres Format")
        raise ValidationError([Problem(name, None, None, expected, label)])
    return found
