"""Starts ``python -m bot chat`` as a person would and talks to its page's HTTP interface (what chat.js uses)."""

from __future__ import annotations

import html
import json
import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.shipped import seed_data_dir

REPO = Path(__file__).resolve().parents[2]
SHIPPED_CONTENT = REPO / "content"
State = dict[str, Any]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class LocalChat:
    """One running ``python -m bot chat --no-browser``; ``stop()`` sends Ctrl+C and returns the exit code."""

    def __init__(self, *, content_dir: Path = SHIPPED_CONTENT, data_dir: Path | None = None,
                 tmp_dir: Path | None = None) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        args = [sys.executable, "-m", "bot", "chat", "--no-browser", "--port", str(self.port)]
        if data_dir is not None:
            args += ["--data-dir", str(data_dir)]
            if content_dir == SHIPPED_CONTENT:
                seed_data_dir(data_dir)  # the compiled content, as after a first start: seconds less to wait
        env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "STAFF_", "WEBHOOK_"))}
        env.update(CONTENT_DIR=str(content_dir), PYTHONUNBUFFERED="1", FLOOD_BURST="1000")  # machine-speed presses
        if tmp_dir is not None:
            env["TMPDIR"] = str(tmp_dir)
        self.started = time.monotonic()
        self._log = tempfile.TemporaryFile("w+", encoding="utf-8")  # noqa: SIM115 (closed by close(); never a pipe)
        self.process = subprocess.Popen(args, cwd=REPO, env=env, stdout=self._log, stderr=subprocess.STDOUT)

    # -- HTTP ------------------------------------------------------------------------------------------------
    def get(self, path: str, timeout: float = 30.0) -> tuple[int, bytes]:
        try:
            with urllib.request.urlopen(self.url.rstrip("/") + path, timeout=timeout) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read()

    def post(self, path: str, body: dict[str, Any]) -> int:
        request = urllib.request.Request(self.url.rstrip("/") + path, data=json.dumps(body).encode(),
                                         headers={"Content-Type": "application/json"}, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return int(response.status)
        except urllib.error.HTTPError as exc:
            return int(exc.code)

    def state(self, since: int = -1) -> State:
        status, body = self.get(f"/api/state?since={since}")
        assert status == 200, body
        return dict(json.loads(body))

    def send(self, text: str, pane: str = "patient") -> None:
        assert self.post("/api/send", {"pane": pane, "text": text}) == 200

    def press(self, data: str, pane: str = "patient") -> None:
        """Press the button with this callback data in the latest message of the pane that shows it."""
        messages = self.state()[pane]["messages"]
        for message in reversed(messages):
            if any(b["data"] == data for row in message["buttons"] for b in row):
                assert self.post("/api/press", {"pane": pane, "message_id": message["id"], "data": data}) == 200
                return
        raise AssertionError(f"no button {data!r} in the {pane} pane: {buttons(messages)}")

    def wait_for(self, condition: Callable[[State], bool], what: str, timeout: float = 60.0) -> State:
        """Long-poll the page's state until ``condition`` holds (``timeout`` is only a safety net)."""
        deadline = time.monotonic() + timeout
        state = self.state()
        while not condition(state):
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise AssertionError(f"never saw {what}; the page shows:\n{summary(state)}\noutput:\n{self.output()}")
            state = self.state(state["version"])
        return state

    def wait_listening(self, timeout: float = 30.0) -> float:
        """Seconds from the process start until the page answered ``GET /`` with 200."""
        while True:
            try:
                status, _body = self.get("/", timeout=5)
            except (urllib.error.URLError, ConnectionError):
                if self.process.poll() is not None or time.monotonic() - self.started > timeout:
                    raise AssertionError(f"the local chat never answered GET /:\n{self.output()}") from None
                time.sleep(0.05)
                continue
            assert status == 200, status
            return time.monotonic() - self.started

    def wait_ready(self) -> State:
        self.wait_listening()
        return self.wait_for(lambda s: bool(s["ready"]), "the bot ready", timeout=60)

    # -- process ---------------------------------------------------------------------------------------------
    def stop(self) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        return int(self.process.returncode)

    def output(self) -> str:
        """What the process printed so far."""
        self._log.seek(0)
        return self._log.read()

    def close(self) -> None:
        self.stop()
        self._log.close()


def summary(state: State) -> str:
    """One line per message: pane, id, who, the start of the text and the buttons' callback data."""
    lines = [f"ready={state['ready']} problem={state['problem'][:200]!r}"]
    for pane in ("patient", "staff"):
        for m in state[pane]["messages"]:
            who = "bot" if m["from_bot"] else "user"
            lines.append(f"{pane} #{m['id']} {who} {m['kind']}{' (edited)' if m['edited'] else ''}: "
                         f"{m['html'][:90]!r} {buttons([m])}")
    return "\n".join(lines)


def visible(page_html: str) -> str:
    """The text a person reads in a bubble (tags dropped, entities decoded)."""
    return html.unescape(re.sub(r"<[^>]+>", "", page_html))


def texts(state: State, pane: str = "patient") -> str:
    return "\n\n".join(visible(m["html"]) for m in state[pane]["messages"])


def buttons(messages: list[dict[str, Any]]) -> list[str]:
    return [str(b["data"]) for m in messages for row in m["buttons"] for b in row]


def bot_says(fragment: str, pane: str = "patient") -> Callable[[State], bool]:
    return lambda s: any(m["from_bot"] and fragment in visible(m["html"]) for m in s[pane]["messages"])
