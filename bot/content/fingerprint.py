"""The content folder's fingerprint: names, sizes and modification times of every file.

Its own module because start-up needs it to pick the content cache, and the loader (with the checker and every
library it imports) is needed only when there is no cache to read.
"""

from __future__ import annotations

import hashlib
from pathlib import Path


def content_fingerprint(content_dir: Path) -> str:
    """Cheap change detector for the file watcher and the cache key: names, sizes and modification times."""
    digest = hashlib.sha256()
    for path in sorted(content_dir.rglob("*")):
        if path.is_file():
            stat = path.stat()
            digest.update(f"{path.relative_to(content_dir)}:{stat.st_size}:{stat.st_mtime_ns}".encode())
    return digest.hexdigest()[:16]
