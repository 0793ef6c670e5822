"""Which database the settings ask for: its own module, so the interface in ``base`` needs neither backend."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.storage.base import Database

if TYPE_CHECKING:
    from bot.config import Settings


def open_database(settings: Settings, *, owner: str | None = None) -> Database:
    """PostgreSQL when ``DATABASE_URL`` is set, else SQLite in ``BOT_DATA_DIR``; migrations run first. Each backend
    is imported only when chosen: psycopg costs an SQLite deployment start-up time and memory for nothing."""
    if settings.database_url:
        from bot.storage.postgres import PostgresDatabase

        return PostgresDatabase.open(settings.database_url, owner=owner)
    from bot.storage.db import SQLiteDatabase

    return SQLiteDatabase.open(settings.data_dir)
