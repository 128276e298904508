"""``python -m dashboard profil``: the district profile PDF from the command line."""

from __future__ import annotations

from pathlib import Path

import pypdf
import pytest

from dashboard import cli


@pytest.fixture(autouse=True)
def profile_command(monkeypatch: pytest.MonkeyPatch) -> None:
    """Load the command even before the lead lists it in cli.COMMAND_MODULES."""
    modules = tuple(dict.fromkeys((*cli.COMMAND_MODULES, "dashboard.commands.profile")))
    monkeypatch.setattr(cli, "COMMAND_MODULES", modules)


def test_writes_the_profile(demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    out = tmp_path / "berichte" / "berg_fidel.pdf"
    code = cli.main(["profil", "--stadtteil", "Berg Fidel", "--out", str(out), "--ohne-karte"])
    assert code == 0 and "Stadtteilprofil geschrieben" in capsys.readouterr().out
    text = pypdf.PdfReader(out).pages[0].extract_text()
    assert "Stadtteilprofil Berg Fidel" in text


@pytest.mark.parametrize(
    ("args", "message"),
    [(["--stadtteil", "Atlantis", "--out", "x.pdf"], "Unbekannter Stadtteil"),
     (["--stadtteil", "91", "--out", "x.docx"], "muss auf .pdf enden")],
)  # fmt: skip
def test_bad_input_is_a_usage_error(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture, args: list[str], message: str
) -> None:
    args = [a if not a.startswith("x.") else str(tmp_path / a) for a in args]
    assert cli.main(["profil", *args, "--ohne-karte"]) == 2
    assert message in capsys.readouterr().err
