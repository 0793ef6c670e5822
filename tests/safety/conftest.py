"""Fixtures shared by the crisis tests that read one mechanism at a time."""

from __future__ import annotations

import pytest

from bot.safety.crisis import CrisisScreen
from tests.safety.test_crisis import shipped


@pytest.fixture(scope="module")
def rules() -> CrisisScreen:
    """The shipped phrases, rules and context without the learned layer, so a test fails when its mechanism goes."""
    return CrisisScreen.build(shipped(), learned=False)
