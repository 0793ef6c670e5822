"""The certificates the Bot API client checks servers against, loaded once per process and, at start-up, beside the
other imports instead of before the first request.

Loading a certificate store reads and parses a bundle file (~35-70 ms here), and importing ``aiohttp`` loads the
system store twice for contexts of its own (~100 ms of its ~110 ms import). Both run in C with the interpreter
lock released, so ``preload`` starts them in a thread while the main thread imports Telegram and the content
(the 2-core machine had one core idle there); ``certificates`` waits for that context or loads it itself.
"""

from __future__ import annotations

import ssl
import threading
from functools import lru_cache

_lock = threading.Lock()


@lru_cache(maxsize=1)
def _load() -> ssl.SSLContext:
    try:
        import certifi  # httpx's bundle, installed with python-telegram-bot
    except ImportError:  # pragma: no cover - certifi comes with httpx, which PTB requires
        return ssl.create_default_context()
    return ssl.create_default_context(cafile=certifi.where())


def certificates() -> ssl.SSLContext:
    """The process's one client context, verifying against ``certifi``'s bundle (the system's without it)."""
    with _lock:  # a preload still under way finishes first; the context is never loaded twice
        return _load()


def _preload() -> None:
    certificates()
    import aiohttp  # noqa: F401  its own contexts, loaded here instead of on the main thread's import


def preload() -> threading.Thread:
    """Start loading the certificates and ``aiohttp`` in a daemon thread (call once, first thing at start-up)."""
    thread = threading.Thread(target=_preload, name="tls-preload", daemon=True)
    thread.start()
    return thread
