"""Command line (after README's set-up, as ``.venv/bin/python -m bot ...``): ``run`` starts the bot, ``check [--strict]
[--launch] [--verbose]`` checks the content, ``preview [--out DIR] [--serve]`` draws it for a browser, ``chat``
tries the bot in a local chat page without Telegram, ``settings`` prints the settings table of docs/operating.md,
``migrate [--dry-run]`` brings the database's schema up to date, ``export-data FILE`` / ``import-data FILE`` move
every row between databases (SQLite to PostgreSQL), ``codes`` prints the table of checker problem codes and
``schema`` the reference of every content file and field, both as content/README.md shows them."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.config import Settings


def _check(args: argparse.Namespace) -> int:
    from bot.content.loader import load_content

    content_dir = Path(args.content) if args.content else _content_dir_from_env()
    _content, problems = load_content(content_dir, launch=args.launch)
    print(problems.report(strict=args.strict, verbose=args.verbose))
    return 1 if problems.failed(strict=args.strict) else 0


def _content_dir_from_env() -> Path:
    from bot.config import load_settings

    return load_settings(require_token=False).content_dir


def _preview(args: argparse.Namespace) -> int:
    from bot.preview import build_site
    from bot.preview.serve import serve

    content_dir = Path(args.content) if args.content else _content_dir_from_env()
    if args.serve:
        return serve(content_dir, Path(args.out), args.port)
    print(build_site(content_dir, Path(args.out)).summary())
    return 0


def _run(args: argparse.Namespace) -> int:
    from bot.tls import preload

    preload()  # certificates and the HTTP client's import, beside the imports below
    from bot.config import ConfigError, load_settings

    try:
        settings = load_settings()
    except ConfigError as exc:
        print(exc, file=sys.stderr)
        return 2
    from bot.app import run

    return run(settings)


def _settings(args: argparse.Namespace) -> int:
    from bot.config import settings_table

    print(settings_table())
    return 0


def _database_settings() -> Settings:
    from bot.config import load_settings

    return load_settings(require_token=False)


def _migrate(args: argparse.Namespace) -> int:
    from bot.config import ConfigError
    from bot.storage.base import StorageError
    from bot.storage.operations import migrate, plan

    try:
        settings = _database_settings()
        before = plan(settings) if args.dry_run else migrate(settings)
    except (ConfigError, StorageError) as exc:
        print(exc, file=sys.stderr)
        return 2
    if args.dry_run:
        print(before.describe())
        return 1 if before.current > before.known else 0
    ran = ", ".join(map(str, before.pending)) or "none"
    print(f"{before.where}: migration(s) run: {ran}; schema version {before.known}.")
    return 0


def _export_data(args: argparse.Namespace) -> int:
    from bot.config import ConfigError
    from bot.storage.base import StorageError
    from bot.storage.operations import export_data

    try:
        counts = export_data(_database_settings(), Path(args.file))
    except (ConfigError, StorageError) as exc:
        print(exc, file=sys.stderr)
        return 2
    print(f"wrote {args.file} (personal data: keep it private, delete it after the import): "
          + ", ".join(f"{table} {n}" for table, n in counts.items()))
    return 0


def _import_data(args: argparse.Namespace) -> int:
    from bot.config import ConfigError
    from bot.storage.base import StorageError
    from bot.storage.operations import import_data

    try:
        counts = import_data(_database_settings(), Path(args.file))
    except (ConfigError, StorageError, OSError, ValueError) as exc:
        print(exc, file=sys.stderr)
        return 2
    print(f"imported {args.file}, every row count checked: " + ", ".join(f"{t} {n}" for t, n in counts.items()))
    return 0


def _codes(args: argparse.Namespace) -> int:
    from bot.content.codes import codes_table

    print(codes_table())
    return 0


def _schema(args: argparse.Namespace) -> int:
    from bot.content.reference import schema_reference

    print(schema_reference())
    return 0


def _chat(args: argparse.Namespace) -> int:
    from bot.config import ConfigError, load_settings
    from bot.localchat import ChatOptions, run_chat

    try:
        base = load_settings(require_token=False)
    except ConfigError as exc:
        print(exc, file=sys.stderr)
        return 2
    data_dir = Path(args.data_dir) if args.data_dir else None
    return run_chat(base, ChatOptions(port=args.port, open_browser=not args.no_browser, data_dir=data_dir))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog=".venv/bin/python -m bot", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    run = commands.add_parser("run", help="start the bot (long polling, or a webhook when WEBHOOK_URL is set)")
    run.set_defaults(handler=_run)
    check = commands.add_parser("check", help="check the content files and print every problem")
    check.add_argument("--strict", action="store_true", help="fail on warnings too")
    check.add_argument("--launch", action="store_true",
                       help="fail while a clinic fact or decision needed to go live is missing (before launch)")
    check.add_argument("--verbose", action="store_true", help="list every notice instead of one summary line")
    check.add_argument("--content", help="content folder (default: CONTENT_DIR or ./content)")
    check.set_defaults(handler=_check)
    preview = commands.add_parser("preview", help="write the content as a static site: both languages side by side")
    preview.add_argument("--out", default="build/preview", help="folder to write (default: build/preview)")
    preview.add_argument("--serve", action="store_true", help="serve it on 127.0.0.1 and rebuild on change")
    preview.add_argument("--port", type=int, default=8000, help="port for --serve (default: 8000)")
    preview.add_argument("--content", help="content folder (default: CONTENT_DIR or ./content)")
    preview.set_defaults(handler=_preview)
    table = commands.add_parser("settings", help="print the settings table (docs/operating.md's, from bot/config.py)")
    table.set_defaults(handler=_settings)
    codes = commands.add_parser("codes", help="print the checker's problem codes (content/README.md's table)")
    codes.set_defaults(handler=_codes)
    schema = commands.add_parser("schema", help="print the reference of every content file and field "
                                 "(content/README.md's reference)")
    schema.set_defaults(handler=_schema)
    chat = commands.add_parser("chat", help="try the bot in a local chat page on 127.0.0.1 (no Telegram, no token)")
    chat.add_argument("--port", type=int, default=8765, help="port on 127.0.0.1 (default: 8765; 0: any free one)")
    chat.add_argument("--no-browser", action="store_true", help="do not open the page in a browser")
    chat.add_argument("--data-dir", help="keep the simulated users' data here (default: a temporary folder, erased)")
    chat.set_defaults(handler=_chat)
    migrate = commands.add_parser("migrate", help="bring the database's schema up to date (the bot also does at start)")
    migrate.add_argument("--dry-run", action="store_true", help="print what would run, change nothing")
    migrate.set_defaults(handler=_migrate)
    export = commands.add_parser("export-data", help="write every row of the database to FILE (stop the bot first)")
    export.add_argument("file", help="the file to write (it holds personal data; written 0600)")
    export.set_defaults(handler=_export_data)
    load = commands.add_parser("import-data", help="load FILE from export-data into an empty database")
    load.add_argument("file", help="a file written by export-data")
    load.set_defaults(handler=_import_data)
    args = parser.parse_args(argv)
    try:
        return int(args.handler(args))
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
