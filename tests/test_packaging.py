"""The installable package: a wheel with every module and data file, served from anywhere.

Offline and honest: the wheel is built from the checkout without network, installed with
``--no-index --no-deps`` into a fresh virtual environment, and only the *dependencies* come from
the project's environment (a ``.pth`` line naming its site-packages; ``.pth`` files inside that
directory are not read from there, so the checkout never lands on the path that way). Every
test checks that ``dashboard`` is imported from where it claims to be.
"""

from __future__ import annotations

import os
import site
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.browser import browser_page, free_port, require_chromium, wait_for_app
from tests.conftest import ROOT

PY = "python3.11"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project's wheel, built offline from the checkout."""
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
         "--no-index", "--quiet", "-w", str(out), str(ROOT)],
        check=True, timeout=300, cwd=tmp_path_factory.getbasetemp(),
    )  # fmt: skip
    return next(out.glob("leitbild_monitor-*.whl"))


def fresh_venv(folder: Path, wheel: Path | None) -> Path:
    """A new virtual environment with the project's dependencies and, if given, the wheel."""
    subprocess.run([sys._base_executable, "-m", "venv", str(folder)], check=True, timeout=300)
    lib = folder / "lib" / PY / "site-packages"
    (lib / "_leitbild_deps.pth").write_text(site.getsitepackages()[0] + "\n", encoding="utf-8")
    if wheel is not None:
        subprocess.run(
            [folder / "bin" / "python", "-m", "pip", "install", "--no-index", "--no-deps",
             "--quiet", str(wheel)],
            check=True, timeout=300,
        )  # fmt: skip
    return folder


def clean_env(**extra: str) -> dict[str, str]:
    """The environment without anything that would put the checkout on the import path."""
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "VIRTUAL_ENV"}}
    return {**env, **extra}


@contextmanager
def serving(argv: list[str], cwd: Path, env: dict[str, str], port: int) -> Iterator[str]:
    """Start a server process and wait until Streamlit answers; yields the base URL."""
    with tempfile.TemporaryFile() as log:
        proc = subprocess.Popen(argv, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT)
        url = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 180
            while http_status(f"{url}/_stcore/health")[0] != 200:
                if proc.poll() is not None or time.monotonic() > deadline:
                    log.seek(0)
                    raise RuntimeError("server did not start:\n" + log.read().decode())
                time.sleep(0.5)
            yield url
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()


def http_status(url: str) -> tuple[int, str]:
    """Status code and body of a GET (0 when nothing answers)."""
    try:
        with urllib.request.urlopen(url, timeout=90) as resp:
            return resp.status, resp.read().decode()
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode()
    except OSError:
        return 0, ""


def checkout_files() -> set[str]:
    """Every module and run-time data file of the checkout, as paths inside the wheel."""
    files = {p.relative_to(ROOT).as_posix() for p in (ROOT / "dashboard").rglob("*.py")}
    # the store's migrations are SQL files read at run time (dashboard/store/schema.py)
    files |= {p.relative_to(ROOT).as_posix() for p in (ROOT / "dashboard").rglob("*.sql")}
    resources = [*ROOT.glob("data/*.yaml"), *ROOT.glob("geo/*.geojson"), *ROOT.glob("pages/*.py")]
    files |= {"dashboard/_res/" + p.relative_to(ROOT).as_posix() for p in resources}
    return files | {"dashboard/_res/.streamlit/config.toml", "dashboard/_res/deploy/nginx.conf"}


def test_wheel_holds_every_module_and_data_file(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    missing = sorted(checkout_files() - names)
    assert missing == []
    assert not [n for n in names if n.endswith((".duckdb", ".wal"))]  # no database copies
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    text = zipfile.ZipFile(wheel).read(entry_points).decode()
    assert "leitbild-monitor = dashboard.launcher:main" in text


def test_installed_console_script_runs_cli_commands(wheel: Path, tmp_path: Path) -> None:
    venv = fresh_venv(tmp_path / "venv", wheel)
    where = subprocess.run(
        [venv / "bin" / "python", "-c", "import dashboard; print(dashboard.__file__)"],
        cwd=tmp_path, env=clean_env(), capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert where.stdout.startswith(str(venv))
    done = subprocess.run(
        [venv / "bin" / "leitbild-monitor", "init", "--no-demo"],
        cwd=tmp_path, env=clean_env(LEITBILD_DB="x.duckdb"), capture_output=True, text=True,
        timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    # the catalogues came out of the installed package; the database is where it was started
    assert "Kataloge geladen: 12 Handlungsfelder" in done.stdout
    assert (tmp_path / "x.duckdb").is_file()


@pytest.mark.browser
def test_installed_app_serves_pages_from_another_directory(wheel: Path, tmp_path: Path) -> None:
    require_chromium()
    venv = fresh_venv(tmp_path / "venv", wheel)
    work = tmp_path / "elsewhere"
    work.mkdir()
    port = free_port()
    argv = [str(venv / "bin" / "leitbild-monitor"), "run", "--port", str(port),
            "--address", "127.0.0.1"]  # fmt: skip
    with serving(argv, work, clean_env(), port) as url:
        assert http_status(f"{url}/healthz") == (200, "ok")
        # relative default database: in the directory it was started from, demo data loaded
        assert (work / "data" / "leitbild.duckdb").is_file()
        with browser_page() as (page, _requests):
            page.goto(f"{url}/karte")
            wait_for_app(page, timeout_ms=120_000)
            text = page.inner_text("body")
    assert "ModuleNotFoundError" not in text
    assert "This app has encountered an error" not in text
    assert "Karte" in text and "Demodaten" in text


@pytest.mark.browser
def test_healthz_reports_an_app_that_cannot_import(wheel: Path, tmp_path: Path) -> None:
    venv = fresh_venv(tmp_path / "venv", wheel)
    # the failure of the issue: a module the pages import is missing from the installation
    shell = next(venv.glob("lib/*/site-packages/dashboard/ui/shell.py"))
    shell.unlink()
    port = free_port()
    argv = [str(venv / "bin" / "leitbild-monitor"), "run", "--port", str(port),
            "--address", "127.0.0.1"]  # fmt: skip
    with serving(argv, tmp_path, clean_env(), port) as url:
        assert http_status(f"{url}/_stcore/health") == (200, "ok")  # Streamlit's liveness only
        status, body = http_status(f"{url}/healthz")
    assert (status, body) == (503, "error")


@pytest.mark.browser
def test_streamlit_run_from_the_root_without_an_install(tmp_path: Path) -> None:
    require_chromium()
    venv = fresh_venv(tmp_path / "venv", wheel=None)  # dependencies only, no project path
    probe = subprocess.run(
        [venv / "bin" / "python", "-c", "import dashboard"],
        cwd=tmp_path, env=clean_env(), capture_output=True, text=True,
    )  # fmt: skip
    assert "No module named 'dashboard'" in probe.stderr  # nothing else puts it on the path
    db = tmp_path / "demo.duckdb"
    subprocess.run(
        [venv / "bin" / "python", "-m", "dashboard", "init"],
        cwd=ROOT, env=clean_env(LEITBILD_DB=str(db)), check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    port = free_port()
    argv = [str(venv / "bin" / "python"), "-m", "streamlit", "run", "dashboard/app.py",
            "--server.port", str(port), "--server.address", "127.0.0.1"]  # fmt: skip
    with (
        serving(argv, ROOT, clean_env(LEITBILD_DB=str(db)), port) as url,
        browser_page() as (page, _requests),
    ):
        for path in ("", "ziele"):
            page.goto(f"{url}/{path}")
            wait_for_app(page, timeout_ms=120_000)
            text = page.inner_text("body")
            assert "ModuleNotFoundError" not in text
            assert "This app has encountered an error" not in text
            assert "Demodaten" in text
