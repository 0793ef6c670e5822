"""``python -m bot preview --serve``: the preview on http://127.0.0.1:PORT, rebuilt when a content file changes.

Only the loopback interface is bound: the preview shows unpublished content and is for the person editing it.
Changes are noticed the way the running bot notices them (names, sizes and times of the files, polled), so no
file-watching dependency is needed; reload the browser page to see the new build.
"""

from __future__ import annotations

import functools
import threading
import time
from collections.abc import Callable
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from bot.content.loader import content_fingerprint
from bot.preview.site import BuildResult, build_site

HOST = "127.0.0.1"


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass  # one line per rebuild is enough; request lines would drown it


def start_server(out: Path, port: int) -> ThreadingHTTPServer:
    """Serve ``out`` on 127.0.0.1 in a background thread (port 0 picks a free port)."""
    handler = functools.partial(_QuietHandler, directory=str(out))
    server = ThreadingHTTPServer((HOST, port), handler)
    threading.Thread(target=server.serve_forever, name="preview-http", daemon=True).start()
    return server


def watch(content_dir: Path, out: Path, built: BuildResult, *, interval: float = 1.0,
          stop: threading.Event | None = None,
          on_build: Callable[[BuildResult], None] = lambda result: print(result.summary(), flush=True)) -> None:
    """Rebuild the site whenever the content differs from what ``built`` was made from, until ``stop`` is set."""
    stop = stop or threading.Event()
    seen = built.fingerprint
    while not stop.wait(interval):
        now = content_fingerprint(content_dir)
        if now == seen:
            continue
        started = time.perf_counter()
        result = build_site(content_dir, out)
        seen = result.fingerprint
        on_build(result)
        print(f"rebuilt in {time.perf_counter() - started:.1f} s", flush=True)


def serve(content_dir: Path, out: Path, port: int) -> int:
    result = build_site(content_dir, out)
    print(result.summary())
    server = start_server(out, port)
    print(f"serving on http://{HOST}:{server.server_address[1]}/ (rebuilt when content changes; Ctrl-C stops)",
          flush=True)
    try:
        watch(content_dir, out, result)
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        server.server_close()
    return 0
