"""Shared fixtures: the shipped FAQ content, its index, and the bench evaluation module (bench/ is no package)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from bot.content.schema import Faq
from bot.search import FaqIndex

REPO = Path(__file__).resolve().parents[2]


def load_bench(name: str) -> ModuleType:
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, REPO / "bench" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def evaluation() -> ModuleType:
    return load_bench("eval_questions")


@pytest.fixture(scope="session")
def shipped_faqs(evaluation: ModuleType) -> dict[str, Faq]:
    faqs: dict[str, Faq] = evaluation.load_faqs(REPO / "content")
    return faqs


@pytest.fixture(scope="session")
def index(shipped_faqs: dict[str, Faq]) -> FaqIndex:
    return FaqIndex.build(shipped_faqs)
