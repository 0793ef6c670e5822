"""A real database file in tmp_path, and a fixed clock."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.storage.db import Database

T0 = datetime(2025, 11, 27, 5, 0, tzinfo=UTC)  # 14:00 in Nagoya


def query_plans(db: Database, statements: list[str]) -> dict[str, list[str]]:
    """EXPLAIN QUERY PLAN of each traced statement (transaction control skipped)."""
    plans = {}
    for sql in statements:
        if sql.split(" ", 1)[0].upper() in {"BEGIN", "COMMIT", "ROLLBACK", "PRAGMA"}:
            continue
        plans[sql] = [row[3] for row in db.connection.execute("EXPLAIN QUERY PLAN " + sql)]
    return plans


def full_scans(plans: dict[str, list[str]]) -> dict[str, list[str]]:
    return {sql: steps for sql, steps in plans.items() if any(step.startswith("SCAN") for step in steps)}
