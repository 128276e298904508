"""The one import path: validate all, write all or nothing, idempotent, logged."""

from __future__ import annotations

import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dashboard.errors import UsageError, ValidationError
from dashboard.imports import Options, check_file, import_file, write_checked
from dashboard.store import Store
from tests.conftest import ASSETS

GOOD_CSV = (
    "indicator;area;period;group;value;numerator;denominator;flag;source\n"
    "bevoelkerung;61;2014;insgesamt;10555;;;;Test\n"
    "bevoelkerung;91;2014;insgesamt;5640;;;;Test\n"
)


def test_import_is_logged_with_sha_and_counts(empty_store: Store, tmp_path) -> None:
    path = tmp_path / "obs.csv"
    path.write_text(GOOD_CSV, encoding="utf-8")
    checked, entry = import_file(empty_store, "observations", path, "tester")
    assert (entry.inserted, entry.status) == (2, "ok")
    log = empty_store.import_log()
    assert log.loc[0, "sha256"] == checked.sha256 and log.loc[0, "actor"] == "tester"
    assert log.loc[0, "rows"] == 2


def test_same_file_twice_changes_nothing(empty_store: Store, tmp_path) -> None:
    path = tmp_path / "obs.csv"
    path.write_text(GOOD_CSV, encoding="utf-8")
    import_file(empty_store, "observations", path, "t")
    data_before = {k: v for k, v in empty_store.fingerprint().items()}
    _, entry = import_file(empty_store, "observations", path, "t")
    assert (entry.inserted, entry.updated, entry.unchanged, entry.status) == (
        0,
        0,
        2,
        "unverändert",
    )
    assert empty_store.fingerprint() == data_before


def test_one_bad_row_rejects_the_whole_file(empty_store: Store, tmp_path) -> None:
    path = tmp_path / "mixed.csv"
    path.write_text(GOOD_CSV + "bevoelkerung;99;2014;insgesamt;1;;;;Test\n", encoding="utf-8")
    before = empty_store.fingerprint()
    with pytest.raises(ValidationError) as info:
        import_file(empty_store, "observations", path, "t")
    assert [(p.row, p.column) for p in info.value.errors] == [(4, "area")]
    assert empty_store.fingerprint() == before
    assert empty_store.import_log().loc[0, "status"] == "abgelehnt"


@pytest.mark.parametrize(
    ("kind", "good", "bad", "opts"),
    [
        ("targets", "targets_good.csv", "targets_bad.csv", Options()),
        ("measures", "measures_good.csv", "measures_bad.csv", Options()),
        ("areas", "areas_good.geojson", "areas_bad.geojson", Options()),
    ],
)
def test_each_importer_good_and_bad(
    empty_store: Store, kind: str, good: str, bad: str, opts: Options
) -> None:
    before = empty_store.fingerprint()
    checked = check_file(empty_store, kind, (ASSETS / bad).read_bytes(), bad, opts)
    assert checked.errors
    with pytest.raises(ValidationError):
        write_checked(empty_store, checked, "t")
    assert empty_store.fingerprint() == before
    checked = check_file(empty_store, kind, (ASSETS / good).read_bytes(), good, opts)
    assert checked.errors == []
    entry = write_checked(empty_store, checked, "t")
    assert entry.status == "ok"
    after = empty_store.fingerprint()
    assert after != before
    again = write_checked(
        empty_store, check_file(empty_store, kind, (ASSETS / good).read_bytes(), good, opts), "t"
    )
    assert again.status == "unverändert"
    assert empty_store.fingerprint() == after


def test_stats_needs_a_stored_indicator(empty_store: Store) -> None:
    data = b"BezirkName,BezirkNummer,2014\nCoerde,61,10\n"
    with pytest.raises(UsageError):
        check_file(empty_store, "stats", data, "x.csv", Options())
    with pytest.raises(UsageError, match="berechnet"):
        check_file(empty_store, "stats", data, "x.csv", Options(indicator="anteil_mv"))
    with pytest.raises(UsageError):
        check_file(empty_store, "stats", data, "x.csv", Options(indicator="gibts_nicht"))


def test_unknown_kind_is_a_usage_error(empty_store: Store) -> None:
    with pytest.raises(UsageError):
        check_file(empty_store, "pictures", b"x", "x", Options())


HEADER = "indicator;area;period;group;value;numerator;denominator;flag;source"
cell = st.one_of(
    st.sampled_from(["bevoelkerung", "anteil_mv", "61", "91", "Atlantis", "2014", "20x4",
                     "insgesamt", "mit_mv", "-5", "1.450", "16,1", ".", "…", "X", "abc", "",
                     "=cmd()", '"', "\t", "12r", "1e400", "ü"]),
    st.text(alphabet=string.printable + "äöüß€…", max_size=12),
)  # fmt: skip
row = st.lists(cell, min_size=0, max_size=12).map(lambda cells: ";".join(cells))
header = st.one_of(
    st.just(HEADER),
    st.lists(st.sampled_from([*HEADER.split(";"), "wert", "extra", "value"]), max_size=10).map(
        ";".join
    ),
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    head=header,
    body=st.lists(row, min_size=0, max_size=8),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "latin-1", "utf-16"]),
    delimiter=st.sampled_from([";", ",", "\t"]),
    truncate=st.integers(min_value=0, max_value=40),
)
def test_malformed_csv_gives_clear_errors_and_changes_nothing(
    empty_store: Store, head: str, body: list[str], encoding: str, delimiter: str, truncate: int
) -> None:
    text = "\n".join([head, *body]).replace(";", delimiter)
    data = text.encode(encoding, errors="replace")
    if truncate:
        data = data[: max(0, len(data) - truncate)]
    before = empty_store.fingerprint()
    try:
        checked = check_file(empty_store, "observations", data, "fuzz.csv")
        if checked.errors:
            with pytest.raises(ValidationError):
                write_checked(empty_store, checked, "fuzz")
        else:
            write_checked(empty_store, checked, "fuzz")
            empty_store.transaction(lambda cur: cur.execute("DELETE FROM observation"))
    except ValidationError as err:
        assert err.problems and all(p.file == "fuzz.csv" for p in err.problems)
        assert 1 <= err.user_message().count("\n") <= len(err.problems)
    assert empty_store.fingerprint() == before
