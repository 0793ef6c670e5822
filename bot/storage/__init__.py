"""Storage: one interface, two databases (SQLite by default, PostgreSQL with DATABASE_URL), numbered migrations for
both, and one small store per kind of row.

    base        Database (the interface every store uses), time helpers, StorageError
    opening     open_database(settings): SQLite or PostgreSQL, as the settings say
    db          SQLiteDatabase: one file in BOT_DATA_DIR
    postgres    PostgresDatabase: a psycopg pool, ``?`` statements translated, driver errors as StorageError
    migrations  MIGRATIONS: the schema, append-only; migrations_postgres: the same, number for number
    instances   several instances on one database: per-chat turns, updates once, leases, the one long poller
    operations  migrate plan, export-data / import-data
    users       UserStore: language, draft and submission counts of one user at a time
    snapshots   SnapshotStore: question sets that applications in progress started with
    audit       AuditLog: erasures of leads (which, when, why)
    unanswered  UnansweredLog: typed questions the bot could not answer, without user identity
    lock        DataDirLock: one bot process per data directory
"""

from bot.storage.audit import AuditEntry, AuditLog
from bot.storage.db import Database, StorageError, utcnow
from bot.storage.snapshots import SnapshotStore
from bot.storage.unanswered import UnansweredCount, UnansweredLog
from bot.storage.users import UserRecord, UserStore

__all__ = [
    "AuditEntry",
    "AuditLog",
    "Database",
    "SnapshotStore",
    "StorageError",
    "UnansweredCount",
    "UnansweredLog",
    "UserRecord",
    "UserStore",
    "utcnow",
]
