"""SQLite storage: one connection (``db``), numbered migrations, and one small store per kind of row.

    db          Database.open(data_dir), transaction(), time helpers, StorageError
    migrations  MIGRATIONS: the schema, append-only
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
