"""A throwaway PostgreSQL server for tests: Debian's binaries, initdb/pg_ctl in a temp dir.

No Docker, no external service: ``initdb`` creates a cluster in a temporary directory, ``pg_ctl``
starts it on a free loopback port (trust authentication, fsync off: test data only), and it is
stopped afterwards. As root (CI, the project's machines) the server runs as the ``postgres``
user the Debian package creates, since PostgreSQL refuses to run as root.
"""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.browser import free_port


def pg_bin(name: str) -> Path | None:
    """A PostgreSQL server binary (initdb, pg_ctl) from PATH or Debian's versioned directory."""
    found = shutil.which(name)
    if found:
        return Path(found)
    candidates = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"))
    return candidates[-1] if candidates else None


def require_postgres() -> tuple[Path, Path]:
    """initdb and pg_ctl; skipped without them, except under CI where they must be installed."""
    initdb, pg_ctl = pg_bin("initdb"), pg_bin("pg_ctl")
    if initdb is None or pg_ctl is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("PostgreSQL binaries missing: `make test` installs postgresql (apt-get)")
        pytest.skip("PostgreSQL not installed (make test installs it)")
    return initdb, pg_ctl


@contextmanager
def postgres_server(folder: Path) -> Iterator[str]:
    """Start a PostgreSQL server in ``folder``; yields the URL of its ``postgres`` database."""
    initdb, pg_ctl = require_postgres()
    prefix: list[str] = []
    if os.geteuid() == 0:
        user = pwd.getpwnam("postgres")
        os.chown(folder, user.pw_uid, user.pw_gid)
        prefix = ["runuser", "-u", "postgres", "--"]
    data, port = folder / "data", free_port()
    run = {"check": True, "capture_output": True, "timeout": 120}
    subprocess.run([*prefix, str(initdb), "-D", str(data), "-U", "leitbild", "--auth=trust",
                    "-E", "UTF8", "--no-locale"], **run)  # fmt: skip
    options = (
        f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off "
        "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
    )
    subprocess.run([*prefix, str(pg_ctl), "-D", str(data), "-o", options, "-l",
                    str(folder / "log"), "-w", "start"], **run)  # fmt: skip
    try:
        yield f"postgresql://leitbild@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run([*prefix, str(pg_ctl), "-D", str(data), "-m", "immediate", "stop"],
                       check=False, capture_output=True, timeout=60)  # fmt: skip


def fresh_database(server_url: str) -> str:
    """Create an empty database on the server; returns its URL."""
    import psycopg

    name = "t_" + uuid.uuid4().hex[:12]
    with psycopg.connect(server_url, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    return server_url.rsplit("/", 1)[0] + "/" + name
