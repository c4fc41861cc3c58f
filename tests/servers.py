"""Real servers for tests: a production environment, manage.py, gunicorn as the Procfile says.

Shared by tests/test_production.py and tests/test_many_processes.py.
"""

import http.client
import os
import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from http.client import HTTPMessage
from http.cookies import SimpleCookie
from pathlib import Path
from typing import NamedTuple
from urllib.parse import urlencode, urlsplit

PROJECT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def production_env(tmp_path: Path, **extra: str) -> dict[str, str]:
    """A production process's environment: DEBUG off, files and database in ``tmp_path``."""
    return (
        {key: value for key, value in os.environ.items() if key in {"PATH", "HOME", "LANG"}}
        | {
            "DEBUG": "false",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "USE_HTTPS": "false",
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
            "STATIC_ROOT": str(tmp_path / "static"),
            "MEDIA_ROOT": str(tmp_path / "media"),
            "PYTHONPATH": str(PROJECT),
        }
        | extra
    )


def manage(env: dict[str, str], *args: str, timeout: float = 180) -> str:
    """Run ``manage.py`` with ``env``; its output, or a failure that shows what it said."""
    done = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=PROJECT, env=env, capture_output=True,
        text=True, timeout=timeout, check=False,
    )  # fmt: skip
    assert done.returncode == 0, f"manage.py {args[0]} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout


def fetch(url: str, **headers) -> tuple[int, dict, bytes]:
    request = urllib.request.Request(url, headers=headers)  # noqa: S310 (our own server)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def listening_address(stream) -> str | None:
    """Read gunicorn's log lines from ``stream`` until it says where it listens."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        line = stream.readline()
        if not line:
            return None
        found = re.search(r"Listening at: (http://\S+)", line)
        if found:
            return found.group(1)
    return None


class Answer(NamedTuple):
    status: int
    headers: HTTPMessage
    text: str

    @property
    def served_by(self) -> str:
        """The worker that answered (tests/served_by.py), or "" without that header."""
        return self.headers.get("X-Served-By", "")

    @property
    def cookies(self) -> dict[str, str]:
        jar = SimpleCookie()
        for value in self.headers.get_all("Set-Cookie") or ():
            jar.load(value)
        return {name: morsel.value for name, morsel in jar.items()}


def request(
    url: str,
    method: str = "GET",
    *,
    form: dict | None = None,
    headers: dict[str, str] | None = None,
    cookies: dict[str, str] | None = None,
    timeout: float = 20,
) -> Answer:
    """One request on a connection of its own, redirects not followed.

    A ``Host`` in ``headers`` replaces the one the address implies.
    """
    parts = urlsplit(url)
    headers = dict(headers or {})
    body = None
    if form is not None:
        body = urlencode(form).encode()
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    if cookies:
        headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in cookies.items())
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        connection.request(method, path or "/", body=body, headers=headers)
        response = connection.getresponse()
        return Answer(response.status, response.headers, response.read().decode(errors="replace"))
    finally:
        connection.close()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def procfile(process_type: str) -> str:
    """The command the Procfile gives ``process_type`` (``web``, ``release``, ``worker``)."""
    lines = (PROJECT / "Procfile").read_text().splitlines()
    commands = dict(line.split(": ", 1) for line in lines if line.strip())
    return commands[process_type]


class ProcfileWeb:
    """The Procfile's ``web`` command, run by a shell as a platform runs it, on a free port.

    Its output goes to ``log``; the workers it booted are read from there.
    """

    def __init__(self, env: dict[str, str], log: Path, workers: int):
        self.env, self.log, self.workers = env, log, workers
        self.url = ""
        self.process: subprocess.Popen | None = None

    def start(self) -> "ProcfileWeb":
        for _attempt in range(3):  # another program may take the port between probe and bind
            port = free_port()
            env = self.env | {
                "PORT": str(port),
                "WEB_CONCURRENCY": str(self.workers),
                "PATH": f"{BIN}{os.pathsep}{self.env.get('PATH', os.defpath)}",
            }
            with self.log.open("a") as log:
                self.process = subprocess.Popen(
                    ["/bin/sh", "-c", f"exec {procfile('web')}"],
                    cwd=PROJECT, env=env, stdout=log, stderr=subprocess.STDOUT,
                )  # fmt: skip
            self.url = f"http://127.0.0.1:{port}"
            if self._wait_until_ready():
                return self
            self.stop()
            if "Address already in use" not in self.log.read_text():
                break
        raise AssertionError(f"gunicorn did not start:\n{self.log_tail()}")

    def _wait_until_ready(self) -> bool:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and self.process.poll() is None:
            if len(self.worker_pids()) >= self.workers:
                try:
                    if request(self.url + "/healthz", timeout=5).status == 200:
                        return True
                except OSError:
                    pass
            time.sleep(0.1)
        return False

    def worker_pids(self) -> set[str]:
        """The workers gunicorn booted for this master that are still alive."""
        booted = re.findall(r"Booting worker with pid: (\d+)", self.log.read_text())
        return {pid for pid in booted if _alive(int(pid)) and pid != str(self.process.pid)}

    def log_tail(self, lines: int = 40) -> str:
        return "\n".join(self.log.read_text().splitlines()[-lines:])

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
