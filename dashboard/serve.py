"""``leitbild-monitor serve --workers N``: N app processes behind nginx with sticky sessions.

Each worker is ``leitbild-monitor run`` on a loopback port of its own; nginx (Debian's package)
listens on one port in front of them with the repository's ``deploy/nginx.conf``. Several
processes need PostgreSQL (``LEITBILD_DB=postgresql://…``): a DuckDB file admits one process.
"""

from __future__ import annotations

import argparse
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from dashboard import cli, config
from dashboard.store import postgres

TEMPLATE = config.PROJECT_ROOT / "deploy" / "nginx.conf"
NGINX_CANDIDATES = ("/usr/sbin/nginx", "/usr/bin/nginx")
TEMP_DIRS = ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")


def nginx_config(run_dir: Path, listen: str, worker_ports: list[int], max_upload_mb: int) -> str:
    """The repository's nginx template filled in for these workers."""
    servers = "\n".join(f"        server 127.0.0.1:{p} max_fails=0;" for p in worker_ports)
    text = TEMPLATE.read_text(encoding="utf-8")
    for key, value in {
        "RUN_DIR": str(run_dir),
        "LISTEN": listen,
        "UPSTREAM_SERVERS": servers,
        "MAX_UPLOAD_MB": str(max_upload_mb),
    }.items():
        text = text.replace("{{" + key + "}}", value)
    if os.geteuid() == 0:  # nginx's workers would otherwise run as nobody, without the run dir
        text = "user root;\n" + text
    return text


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="leitbild-monitor serve",
        description="Mehrere App-Prozesse hinter nginx starten (braucht PostgreSQL).",
    )
    parser.add_argument("--workers", type=int, default=2, help="Anzahl App-Prozesse")
    parser.add_argument("--port", type=int, default=8501, help="Port des Proxys")
    parser.add_argument("--address", default="0.0.0.0", help="Adresse des Proxys")
    parser.add_argument(
        "--first-worker-port",
        type=int,
        default=None,
        help="erster Port der App-Prozesse (Standard: Proxy-Port + 1)",
    )
    return parser


def _wait_healthy(port: int, proc: subprocess.Popen, deadline: float) -> None:
    while True:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2):
                return
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"App-Prozess auf Port {port} ist nicht gestartet.") from None
            time.sleep(0.3)


def _nginx(workers: int) -> str | None:
    """The nginx binary, or None (with a message) when it or a shared database is missing."""
    if workers > 1 and not postgres.is_url(config.db_path()):
        print(
            "Mehrere Prozesse brauchen PostgreSQL (LEITBILD_DB=postgresql://…): eine "
            "DuckDB-Datei lässt nur einen Prozess zu.",
            file=sys.stderr,
        )
        return None
    nginx = next((n for n in NGINX_CANDIDATES if Path(n).exists()), shutil.which("nginx"))
    if nginx is None:
        print("nginx fehlt: apt-get install nginx (make system-deps).", file=sys.stderr)
    return nginx


def _run_dir(args: argparse.Namespace, ports: list[int]) -> Path:
    """A fresh directory with nginx's configuration and its temporary directories."""
    run_dir = Path(tempfile.mkdtemp(prefix="leitbild-serve-"))
    for name in TEMP_DIRS:
        (run_dir / name).mkdir()
    conf = run_dir / "nginx.conf"
    conf.write_text(
        nginx_config(
            run_dir, f"{args.address}:{args.port}", ports, int(config.get("max_upload_mb"))
        ),
        encoding="utf-8",
    )
    return run_dir


def _worker(port: int, env: dict[str, str]) -> subprocess.Popen:
    """One app process on a local port, without initialising the database again."""
    command = [sys.executable, "-m", "dashboard", "run", "--no-init"]
    return subprocess.Popen([*command, "--port", str(port), "--address", "127.0.0.1"], env=env)


def serve(argv: list[str]) -> int:
    """Initialise once, start the workers and nginx, stop everything on Ctrl+C or SIGTERM."""
    args = _parser().parse_args(argv)
    nginx = _nginx(args.workers)
    if nginx is None:
        return 2
    status = cli.main(["init"])
    if status != 0:
        return status
    first = args.first_worker_port or args.port + 1
    ports = list(range(first, first + args.workers))
    run_dir = _run_dir(args, ports)
    conf = run_dir / "nginx.conf"
    procs: list[subprocess.Popen] = []
    # the workers import this very package, from a checkout as from an installation
    env = {**os.environ, "PYTHONPATH": str(config.PACKAGE_DIR.parent)}
    # one cookie secret for all workers: Streamlit's XSRF and login cookies signed by one process
    # stay valid in another (otherwise each process draws its own at start)
    env.setdefault("STREAMLIT_SERVER_COOKIE_SECRET", secrets.token_hex(32))
    stop = {"now": False}
    signal.signal(signal.SIGTERM, lambda *_: stop.update(now=True))
    try:
        for port in ports:  # one by one: those started are stopped if a later one fails
            procs.append(_worker(port, env))
        deadline = time.monotonic() + 180
        for port, proc in zip(ports, procs, strict=True):
            _wait_healthy(port, proc, deadline)
        procs.append(
            subprocess.Popen([nginx, "-c", str(conf), "-p", str(run_dir), "-g", "daemon off;"])
        )
        print(
            f"Leitbild-Monitor: http://{args.address}:{args.port} ({args.workers} Prozesse, "
            f"Ports {ports[0]}–{ports[-1]})",
            flush=True,
        )
        while not stop["now"] and all(p.poll() is None for p in procs):
            time.sleep(0.5)
        return 0 if stop["now"] else 1
    except KeyboardInterrupt:
        return 0
    finally:
        for proc in reversed(procs):
            proc.terminate()
        for proc in procs:
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
        shutil.rmtree(run_dir, ignore_errors=True)
