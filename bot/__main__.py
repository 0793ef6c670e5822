"""Command line (after README's set-up, as ``.venv/bin/python -m bot ...``): ``run`` starts the bot, ``check
[--strict] [--launch] [--verbose]`` checks the content, ``preview [--out DIR] [--serve]`` draws it for a browser,
``chat`` tries the bot in a local chat page without Telegram, ``settings`` prints the settings table that README
shows."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


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
    table = commands.add_parser("settings", help="print the settings table (README's, from bot/config.py)")
    table.set_defaults(handler=_settings)
    chat = commands.add_parser("chat", help="try the bot in a local chat page on 127.0.0.1 (no Telegram, no token)")
    chat.add_argument("--port", type=int, default=8765, help="port on 127.0.0.1 (default: 8765; 0: any free one)")
    chat.add_argument("--no-browser", action="store_true", help="do not open the page in a browser")
    chat.add_argument("--data-dir", help="keep the simulated users' data here (default: a temporary folder, erased)")
    chat.set_defaults(handler=_chat)
    args = parser.parse_args(argv)
    try:
        return int(args.handler(args))
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
