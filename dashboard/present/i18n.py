"""One translation function for every UI string (German default, English available).

Translations are data: ``dashboard/locales/<language>/<group>.yaml``, flat ``key: text`` maps,
loaded once on first use. To add a text, add its key to the group's file in every language
(``tests/test_i18n.py`` checks that both languages have it and that placeholders agree).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from dashboard.yamltext import load_yaml

DEFAULT_LANGUAGE = "de"
LANGUAGES = {"de": "Deutsch", "en": "English"}
LOCALES_DIR = Path(__file__).resolve().parent.parent / "locales"
# Catalogue texts (indicators, fields, goals) are looked up by id in present/catalogue_text.py.
SEPARATE_FILES = ("catalogue.yaml",)


def load_locale_files(directory: Path = LOCALES_DIR) -> dict[str, dict[str, str]]:
    """Messages from the locale files as {key: {lang: text}}; a key defined twice is an error."""
    messages: dict[str, dict[str, str]] = {}
    for lang in LANGUAGES:
        for path in sorted((directory / lang).glob("*.yaml")):
            if path.name in SEPARATE_FILES:
                continue
            for key, text in (load_yaml(path.read_text(encoding="utf-8")) or {}).items():
                entry = messages.setdefault(str(key), {})
                if lang in entry:
                    raise ValueError(f"{path.name}: key {key} defined twice for {lang}")
                entry[lang] = str(text)
    return messages


@cache
def messages() -> dict[str, dict[str, str]]:
    """All messages, read from the locale files once per process."""
    return load_locale_files()


def group(name: str, directory: Path = LOCALES_DIR) -> dict[str, dict[str, str]]:
    """The messages of one group (the files ``<lang>/<name>.yaml``), e.g. for a page's tests."""
    keys = set()
    for lang in LANGUAGES:
        path = directory / lang / f"{name}.yaml"
        if path.exists():
            keys |= {str(k) for k in load_yaml(path.read_text(encoding="utf-8")) or {}}
    return {key: messages()[key] for key in sorted(keys)}


# The loaded catalogue under its historic name (the same dict object as messages()).
MESSAGES: dict[str, dict[str, str]] = messages()


def t(key: str, lang: str = DEFAULT_LANGUAGE, **values: Any) -> str:
    """The text for ``key`` in ``lang`` (German fallback), with ``{placeholders}`` filled."""
    entry = MESSAGES.get(key)
    if entry is None:
        return key
    text = entry.get(lang) or entry[DEFAULT_LANGUAGE]
    return text.format(**values) if values else text
