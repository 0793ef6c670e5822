"""Which tests pytest-xdist keeps together on one worker (``scripts/test.sh`` runs ``-n N --dist loadgroup``).

Every other test may run on any worker at the same time as any other: each has its own ``tmp_path``, its own fake
Bot API and bot processes on free ports of 127.0.0.1, and each worker its own PostgreSQL server
(``tests/postgres.py``) and compiled shipped content (``tests/shipped.py``). A module is listed here when its tests
must not be spread over workers:

- it starts bot processes and kills them (SIGKILL and SIGTERM in the middle of a send, two webhook instances, a
  full disk): these run one at a time, so their deadlines (30 s for a bot to come up) never have several of them
  starting at once on a small machine;
- its tests share an expensive module fixture (a local chat process, a browser, the crisis evaluation), which
  spread over workers would be built once per worker instead of once.

Tests in one group run one after another on one worker, in file order. Without ``-n`` the marks change nothing.
"""

from __future__ import annotations

import pytest

GROUPS: dict[str, str] = {
    "tests/faults/test_process.py": "bot-processes",
    "tests/faults/test_instances.py": "bot-processes",
    "tests/localchat/test_conversation.py": "localchat-conversation",
    "tests/localchat/test_browser.py": "localchat-browser",
    "tests/safety/test_crisis_eval.py": "crisis-eval",
    "tests/safety/test_crisis.py": "crisis-screen",
    "tests/safety/test_crisis_families.py": "crisis-rules",
    "tests/safety/test_crisis_plans.py": "crisis-plans",
}
"""Test module (path from the repository root) → its xdist group."""


def mark_groups(items: list[pytest.Item], root: str) -> None:
    """Add ``xdist_group`` to the tests of the modules in ``GROUPS`` (``root``: the repository's path)."""
    prefix = root.rstrip("/") + "/"
    for item in items:
        module = str(item.path).removeprefix(prefix)
        group = GROUPS.get(module)
        if group is not None:
            item.add_marker(pytest.mark.xdist_group(group))
