"""The compiled content cache: a checked content snapshot saved whole, so a start with unchanged files skips the
reading, rendering, checking and regex compiling (about a second) and only loads the file (tens of milliseconds).

The cache is keyed by what the snapshot was built from: the bytes of every content file, the bot's own code (names,
sizes and modification times of its modules and data files, the crisis check-in weights included), the Python
version and the installed files of the libraries whose output is baked in (the Japanese analyser's dictionary forms
end up in the crisis rules). Any difference is a miss, and a miss only costs the normal load. A file that cannot be
read back (truncated, another format) is a miss too, logged.

Snapshots are pickled in named parts, each with a digest of its inputs, so a reload can keep the parts whose inputs
did not change (the crisis screen when only a page changed) instead of loading them again.

Regular expressions are the expensive part of loading a pickle: ``re.Pattern`` pickles as its source and is
compiled again. Here a pattern is stored with the program the ``re`` compiler produced for it and restored with
``_sre.compile`` directly; at save time each restored pattern is compared with the original (pattern equality
includes the compiled program), and any pattern that does not round-trip exactly is stored the ordinary way. The
Python version is part of the key, so a program is only ever restored by the interpreter that produced it.
A build keeps each program as ``re`` compiles it (``programs_kept``), so saving a pattern does not compile it a
second time.

The cache lives in the data directory (``BOT_DATA_DIR/cache``), which only the bot writes; it is trusted as much as
the database beside it.
"""

from __future__ import annotations

import _sre
import array
import contextlib
import gc
import hashlib
import importlib.util
import io
import logging
import os
import pickle
import re
import sys
import tempfile
import threading
import types
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

FORMAT = 3
"""Bump when the layout of the cache file changes (2: regex programs packed as machine words; 3: a table of the
parts first, so a reload reads only the parts it needs)."""
BAKED_IN = ("sudachipy", "sudachidict_small", "pydantic", "pydantic_core", "jinja2", "markdown_it", "jaconv",
            "rapidfuzz")
"""Libraries whose output is stored in the snapshot (dictionary forms, rendered HTML, index features); an upgrade
rewrites their files, and the modification time of each one's ``__init__`` is part of the key."""
_BOT_PACKAGE = Path(__file__).resolve().parent.parent
_CODE_TYPECODE = next(code for code in "HILQ" if array.array(code).itemsize == _sre.CODESIZE)
"""An ``array`` type of the ``re`` engine's code word size (``_sre.CODESIZE``, part of the key)."""
Parts = dict[str, tuple[str, bytes]]
"""Part name -> (digest of its inputs, pickled bytes)."""


def code_key() -> str:
    """What the snapshot's shape and contents depend on besides the content files."""
    digest = hashlib.sha256(f"{FORMAT}|{sys.version}|{_sre.MAGIC}|{_sre.CODESIZE}".encode())
    for name in BAKED_IN:
        spec = importlib.util.find_spec(name)  # found, not imported
        origin = spec.origin if spec is not None else None
        stat = os.stat(origin) if origin and os.path.exists(origin) else None
        digest.update(f"|{name}={origin}:{stat.st_size if stat else '-'}:{stat.st_mtime_ns if stat else '-'}".encode())
    for path in sorted(_BOT_PACKAGE.rglob("*")):  # modules and their data (the crisis check-in model's weights)
        if not path.is_file() or "__pycache__" in path.parts:
            continue
        stat = path.stat()
        digest.update(f"|{path.relative_to(_BOT_PACKAGE)}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.hexdigest()


def content_key(content_dir: Path, code: str | None = None) -> str:
    """The cache key for ``content_dir`` as it is now: every file's name and bytes, and ``code_key()``."""
    digest = hashlib.sha256((code or code_key()).encode())
    for path in sorted(content_dir.rglob("*")):
        if path.is_file():
            digest.update(f"|{path.relative_to(content_dir).as_posix()}|".encode())
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:32]


def inputs_digest(*inputs: object) -> str:
    """A digest of a part's inputs (pydantic models are dumped as JSON, everything else by ``repr``)."""
    digest = hashlib.sha256()
    for value in inputs:
        digest.update(_canonical(value).encode("utf-8"))
        digest.update(b"\0")
    return digest.hexdigest()


def _canonical(value: object) -> str:
    dump = getattr(value, "model_dump_json", None)
    if callable(dump):
        return str(dump())
    if isinstance(value, Mapping):
        return "{" + ",".join(f"{k!r}:{_canonical(v)}" for k, v in sorted(value.items())) + "}"
    return repr(value)


# --- pickling with compiled regular expressions ---------------------------------------------------------------

def _restore_pattern(pattern: str | bytes, flags: int, code: bytes, groups: int, groupindex: dict[str, int],
                     indexgroup: tuple[str | None, ...]) -> re.Pattern[Any]:
    """The program travels as packed machine words: as lists of ints, the crisis patterns' ~600,000 words took
    ~14 MB more while a snapshot was unpickled (pickle keeps every list until it is done), and the freed ints left
    the process ~11 MB larger for good. Unpacked here, one pattern at a time."""
    compiled: re.Pattern[Any] = _sre.compile(pattern, flags, array.array(_CODE_TYPECODE, code).tolist(), groups,
                                             groupindex, indexgroup)
    return compiled


def _pattern_program(compiled: re.Pattern[Any]) -> tuple[Any, ...] | None:
    """The arguments ``_sre.compile`` needs to rebuild ``compiled`` exactly, or None when that cannot be shown."""
    try:
        kept = _programs.get((type(compiled.pattern), compiled.pattern, compiled.flags)) if _programs else None
        if kept is not None:
            args: tuple[Any, ...] = (compiled.pattern, compiled.flags, *kept)
        else:
            from re import _compiler, _parser  # type: ignore[attr-defined]

            parsed = _parser.parse(compiled.pattern, compiled.flags)
            code = array.array(_CODE_TYPECODE, [int(op) for op in _compiler._code(parsed, compiled.flags)]).tobytes()
            groupindex = dict(parsed.state.groupdict)
            indexgroup: list[str | None] = [None] * parsed.state.groups
            for name, index in groupindex.items():
                indexgroup[index] = name
            args = (compiled.pattern, compiled.flags | parsed.state.flags, code, parsed.state.groups - 1, groupindex,
                    tuple(indexgroup))
        if _restore_pattern(*args) != compiled:  # equality compares flags, source and the compiled program
            return None
        return args
    except Exception:  # another interpreter's internals: pickle the ordinary way
        return None


_Program = tuple[bytes, int, dict[str, int], tuple[str | None, ...]]
_programs: dict[tuple[type, str | bytes, int], _Program] | None = None
"""While ``programs_kept`` is active: the program of every pattern compiled meanwhile by a thread inside it, by
(type, source, flags), so saving a pattern needs no second compile (about a second of a build's CPU)."""
_programs_lock = threading.Lock()
_keeping_threads: dict[int, int] = {}
"""Thread id -> how many ``programs_kept`` it is inside; only these threads' compiles are noted."""
_swapped_compiler: types.ModuleType | None = None
"""``re``'s compiler module while its ``_sre`` is swapped for ``_KEEPING_SRE``; None when nothing is swapped."""


def _keeping_compile(pattern: str | bytes | None, flags: int, code: list[int], groups: int,
                     groupindex: dict[str, int], indexgroup: tuple[str | None, ...]) -> re.Pattern[Any]:
    """``_sre.compile`` as ``re``'s compiler calls it while programs are kept: the arguments are noted on the way,
    for a thread inside ``programs_kept`` only (any other thread gets the very same call and nothing more)."""
    compiled: re.Pattern[Any] = _sre.compile(pattern, flags, code, groups, groupindex, indexgroup)
    kept = _programs
    if kept is not None and isinstance(pattern, str | bytes) and threading.get_ident() in _keeping_threads:
        kept[(type(pattern), pattern, flags)] = (array.array(_CODE_TYPECODE, code).tobytes(), groups,
                                                 dict(groupindex), tuple(indexgroup))
    return compiled


_KEEPING_SRE = types.SimpleNamespace(**{**{name: getattr(_sre, name) for name in dir(_sre)},
                                        "compile": _keeping_compile})
"""``_sre`` as ``re``'s compiler sees it while programs are kept (the same names, ``compile`` noting)."""


def _swappable_compiler() -> types.ModuleType | None:
    """``re``'s compiler module when it reaches the engine through a module-level ``_sre`` that is the real one;
    None on a Python without it (before 3.11 it was ``sre_compile``) or when something else swapped it already."""
    try:
        from re import _compiler  # type: ignore[attr-defined]
    except ImportError:
        return None
    compiler: types.ModuleType = _compiler
    return compiler if getattr(compiler, "_sre", None) is _sre else None


@contextlib.contextmanager
def programs_kept() -> Iterator[None]:
    """Keep the compiled program of every pattern this thread compiles inside (``re``'s compiler hands it to
    ``_sre.compile`` and drops it): a build saves its patterns with them instead of compiling each a second time.
    A pattern ``re`` had cached before, one another thread compiled, or any pattern on a Python whose compiler
    cannot be seen this way, is compiled again as before; every saved pattern is still compared with the original
    (``_pattern_program``). Threads may enter and leave in any order; the compiler is put back when the last
    leaves."""
    global _programs, _swapped_compiler
    ident = threading.get_ident()
    with _programs_lock:
        if not _keeping_threads:
            compiler = _swappable_compiler()
            if compiler is not None:
                _programs = {}
                compiler._sre = _KEEPING_SRE  # type: ignore[attr-defined]
                _swapped_compiler = compiler
        _keeping_threads[ident] = _keeping_threads.get(ident, 0) + 1
    try:
        yield
    finally:
        with _programs_lock:
            if _keeping_threads[ident] == 1:
                del _keeping_threads[ident]
            else:
                _keeping_threads[ident] -= 1
            if not _keeping_threads:
                if _swapped_compiler is not None and getattr(_swapped_compiler, "_sre", None) is _KEEPING_SRE:
                    _swapped_compiler._sre = _sre  # type: ignore[attr-defined]
                _swapped_compiler = None
                _programs = None


class _Pickler(pickle.Pickler):
    def reducer_override(self, obj: Any) -> Any:
        if type(obj) is re.Pattern:
            args = _pattern_program(obj)
            if args is not None:
                return _restore_pattern, args
        return NotImplemented


def dumps(value: object) -> bytes:
    """Pickle ``value`` with its regular expressions stored compiled."""
    buffer = io.BytesIO()
    _Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(value)
    return buffer.getvalue()


def loads(data: bytes) -> Any:
    """Unpickle with the garbage collector paused: the many new objects would trigger collections that find
    nothing (a third of the time otherwise)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        return pickle.loads(data)
    finally:
        if enabled:
            gc.enable()


# --- the cache file --------------------------------------------------------------------------------------------

def _file(cache_dir: Path, key: str) -> Path:
    return cache_dir / f"content-{key}.pickle"


def read(cache_dir: Path, key: str, *, known: Mapping[str, str] | None = None) -> Parts | None:
    """The parts saved under ``key``, or None (no such file, or one that cannot be read back).

    ``known``: part name -> digest of a part the caller holds already (a reload keeps what did not change); such a
    part comes back with empty bytes, unread. The file is the table of parts (name -> digest, length) pickled,
    then each part's bytes in that order, so skipping one is a seek: a reload that read every part held ~14 MB
    more of the bot's memory for good (freed bytes stay with the allocator)."""
    path = _file(cache_dir, key)
    try:
        stream = path.open("rb")
    except OSError:
        return None
    try:
        with stream:
            table = pickle.load(stream)
            if not isinstance(table, dict):
                raise TypeError(f"expected a table of parts, found {type(table).__name__}")
            parts: Parts = {}
            for name, (digest, length) in table.items():
                if known is not None and known.get(name) == digest:
                    stream.seek(length, io.SEEK_CUR)
                    parts[name] = (digest, b"")
                    continue
                data = stream.read(length)
                if len(data) != length:
                    raise EOFError(f"part {name} cut short")
                parts[name] = (digest, data)
            return parts
    except Exception as exc:
        log.warning("content cache %s unreadable (%s); loading the content files instead", path.name,
                    type(exc).__name__)
        return None


def write(cache_dir: Path, key: str, parts: Parts) -> bool:
    """Save ``parts`` under ``key`` atomically and remove older cache files; a failure is logged and returns
    False, never raises."""
    tmp_name = None
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
        target = _file(cache_dir, key)
        with tempfile.NamedTemporaryFile(dir=cache_dir, prefix=".content-", suffix=".tmp", delete=False) as tmp:
            tmp_name = tmp.name
            table = {name: (digest, len(data)) for name, (digest, data) in parts.items()}
            tmp.write(pickle.dumps(table, protocol=pickle.HIGHEST_PROTOCOL))
            for _, data in parts.values():
                tmp.write(data)
        os.replace(tmp_name, target)
        for old in [*cache_dir.glob("content-*.pickle"), *cache_dir.glob(".content-*.tmp")]:
            if old != target and old.name != Path(tmp_name).name:
                with contextlib.suppress(OSError):
                    old.unlink()
    except OSError as exc:
        if tmp_name is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp_name)
        log.warning("could not write the content cache in %s (%s); the next start loads the files again",
                    cache_dir, type(exc).__name__)
        return False
    return True
