"""No import cycles in ``bot``, counting the imports inside functions too (an import moved into a function to dodge
a cycle still is one), and the domain never imports Telegram."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

BOT = Path(__file__).resolve().parents[1] / "bot"
DOMAIN = ("bot.content", "bot.search", "bot.intake", "bot.safety", "bot.leads", "bot.storage")


def module_name(path: Path) -> str:
    parts = path.relative_to(BOT.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in BOT.rglob("*.py")}


def parse(path: Path) -> ast.Module:
    """The file's syntax tree. CPython 3.11 can raise a spurious "AST constructor recursion depth mismatch" when
    parsing deep in a busy test worker's stack (python/cpython#106905); a fresh thread starts with a shallow one."""
    source = path.read_text(encoding="utf-8")
    try:
        return ast.parse(source)
    except SystemError:
        with ThreadPoolExecutor(max_workers=1) as pool:
            return pool.submit(ast.parse, source).result()


def _type_checking_only(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or \
        (isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def imports(path: Path) -> Iterator[str]:
    """Every module this file imports at run time, at any depth (not under ``if TYPE_CHECKING:``)."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]

    def visit(node: ast.AST) -> Iterator[str]:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _type_checking_only(child):
                yield from (m for c in child.orelse for m in visit(c))
                continue
            if isinstance(child, ast.Import):
                yield from (alias.name for alias in child.names)
            elif isinstance(child, ast.ImportFrom):
                base = child.module or ""
                if child.level:
                    base = ".".join([*package.split(".")[: len(package.split(".")) - child.level + 1], base]).strip(".")
                for alias in child.names:
                    yield f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base
            yield from visit(child)

    yield from visit(parse(path))


def graph() -> dict[str, set[str]]:
    return {name: {m for m in imports(path) if m in MODULES and m != name} for name, path in MODULES.items()}


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def connect(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in edges[v]:
            if w not in index:
                connect(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(edges):
        if v not in index:
            connect(v)
    return found


KNOWN_CYCLES: list[list[str]] = []
"""None left; a cycle that must stay for a while is listed here with the reason."""


def test_no_import_cycles() -> None:
    found = [c for c in cycles(graph()) if c not in KNOWN_CYCLES]
    assert found == [], "import cycles (break them by moving what both need into a third module):\n" + \
        "\n".join(" ⇄ ".join(c) for c in found)


def test_the_domain_never_imports_telegram() -> None:
    offenders = sorted(name for name, path in MODULES.items() if name.startswith(DOMAIN)
                       and any(m == "telegram" or m.startswith("telegram.") for m in imports(path)))
    assert offenders == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
