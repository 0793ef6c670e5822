"""The transcript runner: the examples pass, and failures say which step, which line and what the bot showed."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.botapi.echo_app import build
from tests.botapi.transcript import TranscriptError, TranscriptFailure, load_transcript, run_transcript

EXAMPLES = sorted((Path(__file__).parent / "examples").glob("*.yaml"))


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
async def test_example_transcripts_pass(path: Path) -> None:
    results = await run_transcript(path, build)
    assert len(results) == len(load_transcript(path).steps)


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "case.yaml"
    path.write_text(text, encoding="utf-8")
    return path


async def test_a_failing_step_reports_file_line_and_screen(tmp_path: Path) -> None:
    path = write(tmp_path, """\
name: wrong expectation
user: {first_name: Hanako, language_code: en}
steps:
  - send: /start
  - press: About
    expect: ["prices"]
""")
    with pytest.raises(TranscriptFailure) as caught:
        await run_transcript(path, build)
    assert str(caught.value).splitlines()[:5] == [
        "transcript case.yaml ('wrong expectation'), step 2 (line 5: press: 'About'):",
        "  expected /prices/ in the replies",
        "the bot showed:",
        "    (edited) #3",
        "    This bot echoes what you write.",
    ]


async def test_errors_logged_by_the_bot_fail_the_step_unless_allowed(tmp_path: Path) -> None:
    path = write(tmp_path, "steps:\n  - send: /crash\n")
    with pytest.raises(TranscriptFailure, match=r"ERROR logged: telegram\.ext\.Application: No error handlers are "
                                                r"registered, logging exception\. \((builtins\.)?RuntimeError"):
        await run_transcript(path, build)
    await run_transcript(write(tmp_path, "steps:\n  - send: /crash\n    allow: [logged_errors]\n"), build)


async def test_calls_telegram_would_refuse_fail_the_step(tmp_path: Path) -> None:
    path = write(tmp_path, "steps:\n  - send: /badhtml\n")
    with pytest.raises(TranscriptFailure) as caught:
        await run_transcript(path, build)
    assert str(caught.value).splitlines()[1] == (
        "  the Bot API refused: sendMessage({'chat_id': 1001, 'text': 'line one<br>line two', 'parse_mode': 'HTML'})"
        " -> 400 Bad Request: can't parse entities: Unsupported start tag \"br\" at byte offset 8"
    )


async def test_unanswered_button_presses_fail(tmp_path: Path) -> None:
    path = write(tmp_path, "steps:\n  - send: /start\n  - press_data: mute:1\n")
    with pytest.raises(TranscriptFailure, match=r"never answered the button press \(answerCallbackQuery\)"):
        await run_transcript(path, build)


async def test_injected_failures_and_refused_calls(tmp_path: Path) -> None:
    path = write(tmp_path, """\
allow: [logged_errors]
steps:
  - fail: {method: sendMessage, chat: user, times: 1, status: 403}
  - send: hello
    count: 0
  - send: hello again
    expect: ["You said: hello again"]
""")
    await run_transcript(path, build)


@pytest.mark.parametrize(("text", "message"), [
    ("steps:\n  - send: hi\n    exepct: [x]\n",
     "case.yaml:2: steps[0]: unknown key(s) ['exepct']; actions are ['send', 'press', 'press_data', 'tap', "
     "'sticker', 'photo', 'voice', 'location', 'contact', 'edit', 'restart', 'fail', 'wait_for'], checks are "
     "['expect', 'expect_not', 'buttons', 'no_buttons', 'alert', 'document', 'count']"),
    ("steps:\n  - send: hi\n  - send: a\n    press: b\n",
     "case.yaml:3: steps[1]: one action per step, found ['send', 'press']"),
    ("steps:\n  - send: hi\n    as: nurse\n",
     "case.yaml:2: steps[0]: unknown actor 'nurse'; declare it under 'actors'"),
    ("steps:\n  - fail: {method: sendMessage, code: 500}\n",
     "case.yaml:2: steps[0].fail: expected a mapping with 'method' and some of ['chat', 'times', 'status', "
     "'description', 'retry_after', 'network'], found {'method': 'sendMessage', 'code': 500}"),
    ("name: x\n", "case.yaml:1: a transcript is a mapping with 'name', optional 'user', and 'steps' (a list)"),
])
def test_malformed_transcripts_name_the_line(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(TranscriptError) as caught:
        load_transcript(write(tmp_path, text))
    assert str(caught.value) == f"{tmp_path}/{message}"
