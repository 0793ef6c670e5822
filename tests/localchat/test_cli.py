"""``python -m bot chat --no-browser --port N`` as a newcomer runs it: the page answers, the bot answers /start,
only 127.0.0.1 listens, and Ctrl+C erases the simulated users' data. How fast the page answers is a figure of
``bench/localchat_start.py``, not an assertion here."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import psutil

from tests.localchat.client import REPO, SHIPPED_CONTENT, LocalChat, bot_says


def _status(url: str, headers: dict[str, str], body: bytes | None = None) -> int:
    request = urllib.request.Request(url, data=body, headers=headers, method="POST" if body else "GET")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return int(response.status)
    except urllib.error.HTTPError as exc:
        return int(exc.code)


def test_the_page_answers_a_new_user_is_answered_and_the_data_is_erased(tmp_path: Path) -> None:
    tmp_dir = tmp_path / "tmp"
    tmp_dir.mkdir()
    chat = LocalChat(tmp_dir=tmp_dir)
    try:
        chat.wait_listening()
        page = chat.get("/")[1]
        assert b"Local chat" in page and b"/static/chat.js" in page
        for path in ("/static/chat.js", "/static/chat.css"):
            assert chat.get(path)[0] == 200
        chat.wait_ready()
        listening = [c.laddr for c in psutil.Process(chat.process.pid).net_connections(kind="inet")
                     if c.status == psutil.CONN_LISTEN]
        assert listening and {address.ip for address in listening} == {"127.0.0.1"}
        assert _status(chat.url, {"Host": "attacker.example"}) == 403, "a DNS-rebound page must not reach the chat"
        assert _status(chat.url + "api/send", {"Content-Type": "application/x-www-form-urlencoded"},
                       b"pane=patient&text=hi") == 415, "a cross-site form must not post as the patient"
        chat.send("/start")
        state = chat.wait_for(bot_says("和光医院"), "the welcome")
        assert any(m["buttons"] for m in state["patient"]["messages"])
        data = [p for p in tmp_dir.iterdir() if p.name.startswith("clinic-bot-chat-")]
        assert len(data) == 1 and any(data[0].iterdir()), "the bot keeps its database in the temporary folder"
    finally:  # the log file is closed even when a step failed: left open it fails a later test (ResourceWarning)
        code = chat.stop()
        output = chat.output()
        chat.close()
    assert code == 0, output
    assert "Stopped; the simulated users' data was erased." in output
    assert not list(tmp_dir.iterdir())


def test_content_with_errors_at_start_is_shown_until_fixed_and_a_given_data_dir_is_kept(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(SHIPPED_CONTENT, content)
    page = content / "ja" / "pages" / "tms.md"
    original = page.read_text(encoding="utf-8")
    broken_title = original.replace("title: TMS治療（反復経頭蓋磁気刺激）とは\n", "title: [unclosed\n")
    page.write_text(broken_title, encoding="utf-8")
    chat = LocalChat(content_dir=content, data_dir=tmp_path / "data")
    try:
        chat.wait_listening()
        broken = chat.wait_for(lambda s: bool(s["problem"]), "the checker's report on the page")
        assert not broken["ready"] and "ja/pages/tms.md" in broken["problem"]
        page.write_text(original, encoding="utf-8")
        chat.wait_for(lambda s: s["ready"] and not s["problem"], "the bot started once the file was fixed")
        chat.send("/start")
        chat.wait_for(bot_says("和光医院"), "the welcome")
    finally:
        code = chat.stop()
        output = chat.output()
        chat.close()
    assert code == 0, output
    assert "erased" not in output
    assert any((tmp_path / "data").iterdir()), "the given data directory keeps the database"


def test_a_busy_port_is_explained(tmp_path: Path) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = subprocess.run([sys.executable, "-m", "bot", "chat", "--no-browser", "--port", str(port)],
                                cwd=REPO, capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert result.stderr.strip() == (f"The local chat cannot listen on 127.0.0.1:{port} (Address already in use). "
                                     f"Choose another port with --port, for example --port {port + 1}.")


def test_a_data_dir_in_use_is_explained(tmp_path: Path) -> None:
    first = LocalChat(data_dir=tmp_path / "data")
    try:
        first.wait_ready()
        result = subprocess.run([sys.executable, "-m", "bot", "chat", "--no-browser", "--port", "0",
                                 "--data-dir", str(tmp_path / "data")], cwd=REPO, capture_output=True, text=True,
                                timeout=60)
    finally:
        first.close()
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith("The local chat cannot start.\n")
    assert "Traceback" not in result.stderr
