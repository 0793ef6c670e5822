"""A real PostgreSQL server for the tests: initdb in a temporary directory, started on 127.0.0.1 on a free port,
stopped and deleted at the end of the session. Never a mock.

The server binaries are Debian's ``postgresql`` package (``scripts/install_postgres.sh`` installs it when the test
script runs as root). initdb refuses to run as root, so as root the server runs as the package's ``postgres``
user (or ``nobody``) through ``runuser``. The server is started with fsync off: it holds only test data.

``python -m tests.pgserver`` starts one and prints its URL, for trying things by hand (Ctrl-C stops it).
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

SUPERUSER = "postgres"


class NoServer(Exception):
    """Why no PostgreSQL server could be started (what to install)."""


def find_bindir() -> Path | None:
    """The directory with ``initdb`` and ``pg_ctl``: on PATH, or Debian's ``/usr/lib/postgresql/N/bin``."""
    on_path = shutil.which("pg_ctl")
    candidates = [str(Path(on_path).resolve().parent)] if on_path else []
    candidates += sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(p.split("/")[-2]), reverse=True)
    for candidate in candidates:
        if (Path(candidate) / "initdb").exists() and (Path(candidate) / "pg_ctl").exists():
            return Path(candidate)
    return None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class PgServer:
    def __init__(self) -> None:
        self.root: Path | None = None
        self.port = 0
        self.bindir: Path | None = None
        self.user: str | None = None

    @property
    def url(self) -> str:
        return self.url_for(SUPERUSER)

    def url_for(self, dbname: str) -> str:
        return f"postgresql://{SUPERUSER}@127.0.0.1:{self.port}/{dbname}"

    def _run(self, *args: str) -> None:
        command = list(args)
        if self.user is not None:
            command = ["runuser", "-u", self.user, "--", *command]
        result = subprocess.run(command, capture_output=True, text=True, timeout=120, cwd=self.root)
        if result.returncode != 0:
            raise NoServer(f"{' '.join(args[:1])} failed ({result.returncode}): {result.stderr.strip()[-600:]}")

    def start(self) -> PgServer:
        self.bindir = find_bindir()
        if self.bindir is None:
            raise NoServer("initdb/pg_ctl not found: install Debian's package with "
                           "`sudo apt-get install postgresql` (scripts/test.sh does it when run as root)")
        if os.geteuid() == 0:
            self.user = next((name for name in (SUPERUSER, "nobody") if _user_exists(name)), None)
            if self.user is None:
                raise NoServer("running as root and neither a 'postgres' nor a 'nobody' user exists to run initdb")
        self.root = Path(tempfile.mkdtemp(prefix="clinicbot-pg-"))
        if self.user is not None:
            shutil.chown(self.root, self.user)
        data = self.root / "data"
        self._run(str(self.bindir / "initdb"), "-D", str(data), "-U", SUPERUSER, "--auth=trust", "--no-sync",
                  "-E", "UTF8", "--locale=C")
        for _attempt in range(3):  # a free port can be taken by someone else before the server binds it
            self.port = free_port()
            options = (f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off "
                       "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200")
            try:
                self._run(str(self.bindir / "pg_ctl"), "-D", str(data), "-l", str(self.root / "server.log"),
                          "-o", options, "-w", "-t", "60", "start")
                return self
            except NoServer:
                time.sleep(0.2)
        log = (self.root / "server.log").read_text(errors="replace")[-800:]
        raise NoServer(f"pg_ctl start failed: {log}")

    def stop(self) -> None:
        if self.root is None or self.bindir is None:
            return
        with contextlib.suppress(NoServer, subprocess.TimeoutExpired):
            self._run(str(self.bindir / "pg_ctl"), "-D", str(self.root / "data"), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.root, ignore_errors=True)
        self.root = None


def _user_exists(name: str) -> bool:
    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True


if __name__ == "__main__":
    server = PgServer().start()
    print(server.url, flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
