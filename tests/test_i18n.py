"""Translations: every key in German and English; formatting in German conventions."""

from __future__ import annotations

import datetime as dt
import re
import string
from collections import defaultdict
from pathlib import Path

import pytest
import yaml

from dashboard.analysis.review_labels import PROTOCOL_LABELS_DE
from dashboard.present.format import fmt_date, fmt_number, fmt_percent
from dashboard.present.i18n import (
    LANGUAGES,
    LOCALES_DIR,
    MESSAGES,
    SEPARATE_FILES,
    load_locale_files,
    t,
)

ROOT = Path(__file__).resolve().parent.parent
CODE = [*ROOT.glob("dashboard/**/*.py"), *ROOT.glob("pages/*.py")]
# t("key", ...), tr("key", ...), _t("key", ...): literal keys; f-string keys give a prefix.
LITERAL_KEY = re.compile(r"\b_?tr?\(\s*[\"']([a-z_]+\.[A-Za-z0-9_.]+)[\"']")
PREFIX_KEY = re.compile(r"\b_?tr?\(\s*f[\"']([a-z_]+\.[A-Za-z0-9_.]*)\{")


def _used(pattern: re.Pattern[str]) -> dict[str, str]:
    """Keys (or prefixes) found in the code, each with one file that uses it."""
    found: dict[str, str] = {}
    for path in CODE:
        for match in pattern.finditer(path.read_text(encoding="utf-8")):
            found.setdefault(match.group(1), str(path.relative_to(ROOT)))
    return found


def _fields(text: str) -> set[str]:
    """The {placeholder} names of a text."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_every_key_in_every_language(key: str) -> None:
    for lang in LANGUAGES:
        assert MESSAGES[key].get(lang), f"{key} lacks {lang}"


def test_fallback_and_placeholders() -> None:
    assert t("start.indicators_help", "fr", with_data=3, total=4).startswith("3 von 4")
    assert t("no.such.key") == "no.such.key"


@pytest.mark.parametrize(
    ("args", "expected"),
    [((300267,), "300.267"), ((49.66, 1), "49,7"), ((1234.5, 1, "en"), "1,234.5"),
     ((None,), "–"), ((float("nan"),), "–"),
     # half away from zero as in official tables, where Babel alone would round half to even
     ((2.45, 1), "2,5"), ((0.125, 2), "0,13"), ((-2.5,), "-3"), ((2.5,), "3"), ((12, 1), "12,0")],
)  # fmt: skip
def test_fmt_number(args: tuple, expected: str) -> None:
    assert fmt_number(*args) == expected


def test_fmt_percent_and_date() -> None:
    assert fmt_percent(21.72) == "21,7 %"
    assert fmt_date(dt.date(2026, 11, 24)) == "24.11.2026"
    assert fmt_date(dt.datetime(2026, 11, 24, 5, 3)) == "24.11.2026, 05:03"


def test_every_key_used_in_code_exists_in_both_languages() -> None:
    used = {k: f for k, f in _used(LITERAL_KEY).items() if not k.endswith(".")}
    assert len(used) > 800  # the scan works
    missing = {
        k: f for k, f in used.items() if any(not MESSAGES.get(k, {}).get(la) for la in LANGUAGES)
    }
    assert missing == {}


def test_every_key_prefix_used_in_code_has_keys() -> None:
    # t(f"status.{s}") and t("karte.method." + name) name a family of keys
    prefixes = _used(PREFIX_KEY) | {k: f for k, f in _used(LITERAL_KEY).items() if k.endswith(".")}
    assert prefixes
    assert {p: f for p, f in prefixes.items() if not any(k.startswith(p) for k in MESSAGES)} == {}


def test_no_key_only_in_one_language() -> None:
    keys = {lang: set() for lang in LANGUAGES}
    for lang in LANGUAGES:
        for path in (LOCALES_DIR / lang).glob("*.yaml"):
            if path.name in SEPARATE_FILES:
                continue
            keys[lang] |= set(yaml.safe_load(path.read_text(encoding="utf-8")) or {})
    assert keys["de"] - keys["en"] == set() and keys["en"] - keys["de"] == set()
    assert len(keys["de"]) > 1000


def test_each_group_file_exists_in_both_languages() -> None:
    names = {
        lang: {p.name for p in (LOCALES_DIR / lang).glob("*.yaml")} - set(SEPARATE_FILES)
        for lang in LANGUAGES
    }
    assert names["de"] == names["en"]


def test_no_german_text_has_two_english_translations() -> None:
    english: dict[str, dict[str, str]] = defaultdict(dict)
    for key, entry in MESSAGES.items():
        # capitalisation follows the position in a sentence, so it is not a second wording
        english[entry["de"]].setdefault(entry["en"].casefold(), key)
    assert {de: keys for de, keys in english.items() if len(keys) > 1} == {}


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_placeholders_identical(key: str) -> None:
    assert _fields(MESSAGES[key]["de"]) == _fields(MESSAGES[key]["en"]), key


def test_key_defined_twice_is_refused(tmp_path: Path) -> None:
    for lang in LANGUAGES:
        (tmp_path / lang).mkdir()
        (tmp_path / lang / "a.yaml").write_text("x.y: eins\n", encoding="utf-8")
        (tmp_path / lang / "b.yaml").write_text("x.y: zwei\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"x\.y defined twice"):
        load_locale_files(tmp_path)


def test_review_protocol_labels_match_the_analysis() -> None:
    assert {k: MESSAGES[f"rv.p.{k}"]["de"] for k in PROTOCOL_LABELS_DE} == PROTOCOL_LABELS_DE


def test_no_message_modules_registered_by_import() -> None:
    offenders = [
        str(p.relative_to(ROOT))
        for p in CODE
        if "MESSAGES.update(" in p.read_text(encoding="utf-8")
    ]
    assert offenders == []
