"""A request to translate asks about the words it quotes: never answered with the entry on the bot's language."""

from __future__ import annotations

import pytest

from bot.search import FaqIndex
from bot.search.translation import asks_to_translate


@pytest.mark.parametrize("text", ["「おはよう」を英語にして", "『ありがとう』って英語で何て言う？", "英語で何て言うの",
                                  "英訳してください", "translate thank you into japanese",
                                  "how do you say hello in japanese", "what does 'kawaii' mean in english",
                                  '"ohayo" in english?'])
def test_requests_to_translate_are_recognised(text: str) -> None:
    assert asks_to_translate(text)


@pytest.mark.parametrize("text", ["英語にしてください", "英語で話せますか", "English please", "日本語に切り替えたい",
                                  "Can I use the bot in English?", "表示を英語にできますか", "「寛解」って何ですか",
                                  'Is the 50-60% in "the article" reliable?'])
def test_switching_the_bots_language_and_quoting_a_word_are_not(text: str) -> None:
    assert not asks_to_translate(text)


def test_a_request_to_translate_is_never_answered_outright(index: FaqIndex) -> None:
    found = index.match("「おはよう」を英語にして")
    assert found.status != "answer"
    assert index.match("英語にしてください").entry_id == "language"
