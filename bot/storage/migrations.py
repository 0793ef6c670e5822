"""The database schema as numbered migrations: script N runs once, when ``PRAGMA user_version`` is N - 1.

Rules for adding one: append a new script (never edit a shipped one); change the schema with additive statements
(``CREATE TABLE``, ``ALTER TABLE ... ADD COLUMN``, ``CREATE INDEX``) so existing rows are kept as they are; no
``BEGIN``/``COMMIT`` inside (the runner wraps each script in its own transaction with the version bump).

The same migrations for PostgreSQL are in ``bot.storage.migrations_postgres``, number for number (a test checks
that both give the same tables and columns): add a migration to both.

All times are UTC text written by ``bot.storage.db.to_db_time`` (fixed width, so text order is time order).
"""

from __future__ import annotations

_V1_USERS = """
-- One row per Telegram user; every hot-path statement finds it by primary key.
CREATE TABLE users (
    user_id          INTEGER PRIMARY KEY,
    language         TEXT,
    draft            TEXT,            -- JSON of an application in progress, or NULL
    draft_started_at TEXT,
    updated_at       TEXT NOT NULL
);
CREATE INDEX users_draft_started ON users (draft_started_at) WHERE draft IS NOT NULL;

-- Submitted applications per user, for the daily limit; pruned as they age.
CREATE TABLE user_submissions (
    user_id      INTEGER NOT NULL,
    submitted_at TEXT NOT NULL
);
CREATE INDEX user_submissions_user ON user_submissions (user_id, submitted_at);

-- Question sets that applications in progress started with (content may be reloaded meanwhile).
CREATE TABLE snapshots (
    version_key TEXT PRIMARY KEY,
    payload     TEXT NOT NULL,
    saved_at    TEXT NOT NULL
);
"""

_V1_LEADS = """
-- AUTOINCREMENT: an id shown to a patient (A-000123) is never handed out again, even after erasure.
CREATE TABLE leads (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    submission_key   TEXT UNIQUE,     -- NULL once erased
    created_at       TEXT NOT NULL,
    user_id          INTEGER,         -- personal: NULL once erased
    chat_id          INTEGER,         -- personal: NULL once erased
    lang             TEXT NOT NULL,
    answers          TEXT,            -- personal: JSON {question id: {label, value}}, NULL once erased
    flags            TEXT NOT NULL,   -- JSON list
    consent          TEXT NOT NULL,   -- JSON {version, lang, time}
    intake_version   TEXT NOT NULL,
    status           TEXT NOT NULL,
    staff_message_id INTEGER,
    erased_at        TEXT,
    erased_reason    TEXT
);
CREATE INDEX leads_user ON leads (user_id) WHERE user_id IS NOT NULL;
CREATE INDEX leads_status ON leads (status, id);
CREATE INDEX leads_created ON leads (created_at);

CREATE TABLE lead_history (
    id      INTEGER PRIMARY KEY,
    lead_id INTEGER NOT NULL REFERENCES leads (id),
    at      TEXT NOT NULL,
    who     TEXT NOT NULL,
    status  TEXT NOT NULL
);
CREATE INDEX lead_history_lead ON lead_history (lead_id, id);

-- What must reach the staff chat; a row is delivered once delivered_at is set.
CREATE TABLE outbox (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    lead_id          INTEGER NOT NULL REFERENCES leads (id),
    kind             TEXT NOT NULL CHECK (kind IN ('card', 'withdrawn', 'status_update')),
    created_at       TEXT NOT NULL,
    attempts         INTEGER NOT NULL DEFAULT 0,
    next_attempt_at  TEXT NOT NULL,
    last_error_kind  TEXT,
    last_attempt_at  TEXT,
    delivered_at     TEXT,
    staff_message_id INTEGER
);
CREATE INDEX outbox_pending ON outbox (next_attempt_at) WHERE delivered_at IS NULL;
CREATE INDEX outbox_lead ON outbox (lead_id, id);

-- Erasures, kept without personal data: which lead, when, why.
CREATE TABLE audit (
    id      INTEGER PRIMARY KEY,
    lead_id INTEGER,
    at      TEXT NOT NULL,
    action  TEXT NOT NULL
);
CREATE INDEX audit_lead ON audit (lead_id);

-- Typed questions the bot could not answer, counted per day, with no user identity.
CREATE TABLE unanswered (
    question TEXT NOT NULL,
    lang     TEXT NOT NULL,
    day      TEXT NOT NULL,           -- YYYY-MM-DD (UTC)
    count    INTEGER NOT NULL,
    PRIMARY KEY (question, lang, day)
) WITHOUT ROWID;
CREATE INDEX unanswered_day ON unanswered (day);
"""

_V2_CRISIS = """
-- When the crisis screen last answered this user: a later application is flagged for the doctor.
ALTER TABLE users ADD COLUMN crisis_seen_at TEXT;
"""

_V3_STATS = """
-- Usage statistics: how often each kind of event happened per day (Japan time). Counts only: no message text, no
-- user or chat id, no time finer than the day. The CHECKs make the table unable to hold anything else: kind and
-- label are short ASCII ids (a page, question or FAQ entry id, a crisis tier), never free text.
CREATE TABLE stats_daily (
    day   TEXT NOT NULL CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    kind  TEXT NOT NULL CHECK (kind GLOB '[a-z]*' AND kind NOT GLOB '*[^a-z_]*' AND length(kind) <= 32),
    label TEXT NOT NULL DEFAULT '' CHECK (label = '' OR (label GLOB '[a-z]*' AND label NOT GLOB '*[^a-z0-9_]*'
                                                          AND length(label) <= 32)),
    count INTEGER NOT NULL CHECK (count > 0),
    PRIMARY KEY (day, kind, label)
) WITHOUT ROWID;
"""

_V4_CRISIS_EVENTS = """
-- Each time the crisis screen answered a user (tier, answer or chat, question id; never the text), and the
-- context a lead's card shows with its crisis flag.
CREATE TABLE crisis_events (
    user_id INTEGER NOT NULL,
    at TEXT NOT NULL,
    tier TEXT NOT NULL,
    place TEXT NOT NULL,
    step TEXT
);
CREATE INDEX crisis_events_user ON crisis_events (user_id, at);
CREATE INDEX crisis_events_at ON crisis_events (at);
ALTER TABLE leads ADD COLUMN crisis TEXT;
"""

_V5_DELIVERY = """
-- A row is claimed (committed) before it is sent, so no two passes or processes ever send it both; a claim left by
-- a process that died mid-send makes the next send say it may be a repeat (in_doubt), as does a send whose answer
-- never came (a time-out after the request went out).
ALTER TABLE outbox ADD COLUMN claimed_by TEXT;
ALTER TABLE outbox ADD COLUMN claimed_at TEXT;
ALTER TABLE outbox ADD COLUMN in_doubt INTEGER NOT NULL DEFAULT 0;

-- Every other message the bot posted about a lead, so erasing the lead reaches it too: copies of the card shown with
-- /lead (kind 'copy', edited with the card) and CSV exports that include the lead (kind 'export', deleted).
CREATE TABLE lead_posts (
    lead_id    INTEGER NOT NULL REFERENCES leads (id),
    chat_id    INTEGER NOT NULL,
    message_id INTEGER NOT NULL,
    kind       TEXT NOT NULL CHECK (kind IN ('copy', 'export')),
    posted_at  TEXT NOT NULL,
    shown      TEXT NOT NULL,         -- what a copy shows (status, erased, history length): edit only on change
    PRIMARY KEY (chat_id, message_id, lead_id)
) WITHOUT ROWID;
CREATE INDEX lead_posts_lead ON lead_posts (lead_id);
"""

_V6_REACHABLE_LEADS = """
-- Who to answer in Telegram (personal: NULL once erased), and the messages relayed between staff and applicant.
ALTER TABLE leads ADD COLUMN tg_username TEXT;
ALTER TABLE leads ADD COLUMN tg_name TEXT;
CREATE TABLE lead_messages (
    id                   INTEGER PRIMARY KEY,
    lead_id              INTEGER NOT NULL REFERENCES leads (id),
    at                   TEXT NOT NULL,
    direction            TEXT NOT NULL CHECK (direction IN ('to_applicant', 'from_applicant')),
    who                  TEXT NOT NULL,   -- staff member's name, or @applicant
    text                 TEXT NOT NULL,   -- personal: the rows are deleted when the lead is erased
    staff_message_id     INTEGER,         -- in the staff chat: the staff member's reply, or the posted answer
    applicant_message_id INTEGER          -- in the applicant's chat
);
CREATE INDEX lead_messages_lead ON lead_messages (lead_id, id);
CREATE INDEX lead_messages_staff ON lead_messages (staff_message_id) WHERE staff_message_id IS NOT NULL;
"""

_V7_INSTANCES = """
-- Updates already handled, by Telegram's update id: one delivered twice (a retry after a time-out, or to a second
-- instance behind the load balancer) is handled once. Pruned after a day (Telegram retries for far less).
CREATE TABLE handled_updates (
    update_id  INTEGER PRIMARY KEY,
    handled_at TEXT NOT NULL
);
CREATE INDEX handled_updates_at ON handled_updates (handled_at);

-- Jobs only one instance may run at a time (retention, the content watcher): who holds each, and until when.
CREATE TABLE leases (
    name       TEXT PRIMARY KEY,
    owner      TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
"""

_V8_RELAY_WAITING = """
-- "Reply to the clinic" pressed: the applicant's next text goes to staff for this lead, until relay_since + 30 min.
-- In the database rather than in memory, so the next message reaches whichever instance gets it.
ALTER TABLE users ADD COLUMN relay_lead_id INTEGER;
ALTER TABLE users ADD COLUMN relay_since TEXT;
"""

_V9_RELAY_POSTS = """
-- Where the relay's messages stand on the staff side (the bot's posts of an applicant's answers, staff members'
-- messages to the applicant): erasing the lead deletes them there. Ids only, no text, so they outlive the erasure
-- until each is deleted (or, too old to delete, edited or reported to staff).
CREATE TABLE relay_posts (
    lead_id    INTEGER NOT NULL REFERENCES leads (id),
    chat_id    INTEGER NOT NULL,
    message_id INTEGER NOT NULL,
    by_bot     INTEGER NOT NULL,      -- 1: the bot posted it (it can edit it), 0: a staff member wrote it
    posted_at  TEXT NOT NULL,
    PRIMARY KEY (chat_id, message_id)
) WITHOUT ROWID;
CREATE INDEX relay_posts_lead ON relay_posts (lead_id);
"""

MIGRATIONS: tuple[str, ...] = (
    _V1_USERS + _V1_LEADS,
    _V2_CRISIS,
    _V3_STATS,
    _V4_CRISIS_EVENTS,
    _V5_DELIVERY,
    _V6_REACHABLE_LEADS,
    _V7_INSTANCES,
    _V8_RELAY_WAITING,
    _V9_RELAY_POSTS,
)
"""Index i holds migration i + 1. Append only."""
