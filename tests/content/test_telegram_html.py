"""Markdown to Telegram HTML: only tags Telegram accepts, escaped text, splits between blocks."""

from __future__ import annotations

from bot.content.telegram_html import html_problems, literal_markup, markdown_blocks, split_messages, visible_length


def test_markdown_subset_becomes_telegram_html() -> None:
    source = ("# Title\n\nSome **bold**, _italic_ & a [link](https://x.jp/?a=1&b=2).\n\n- one\n- two\n\n"
              "1. a\n2. b\n\n> quoted")
    assert markdown_blocks(source) == [
        "<b>Title</b>",
        'Some <b>bold</b>, <i>italic</i> &amp; a <a href="https://x.jp/?a=1&amp;b=2">link</a>.',
        "• one\n• two",
        "1. a\n2. b",
        "<blockquote>quoted</blockquote>",
    ]


def test_text_that_looks_like_html_is_escaped_or_reported() -> None:
    assert markdown_blocks("1 < 2 and 3 > 2") == ["1 &lt; 2 and 3 &gt; 2"]
    assert html_problems("<div>x</div>") == [
        "HTML tag <div> is not accepted by Telegram (use Markdown: **bold**, _italic_, [link](url))"
    ]
    assert html_problems("<b>never closed") == ["tag <b> is never closed"]
    assert html_problems("&nbsp;") == ["entity &nbsp; is not accepted by Telegram (only &lt; &gt; &amp; &quot;)"]


def test_split_never_cuts_a_block_and_respects_the_limit() -> None:
    blocks = [f"<b>{i}</b> " + "あ" * 1500 for i in range(5)]
    messages = split_messages(blocks)
    assert len(messages) == 3
    assert all(visible_length(m) <= 4096 for m in messages)
    assert all(not html_problems(m) for m in messages)
    assert "\n\n".join(messages) == "\n\n".join(blocks)


def test_visible_length_counts_utf16_like_telegram() -> None:
    assert visible_length("<b>a</b>&amp;😀") == 4


def test_japanese_bold_next_to_full_width_punctuation_becomes_bold() -> None:
    assert markdown_blocks("**BDNF（脳由来神経栄養因子）**は、神経の成長を助けます。") == [
        "<b>BDNF（脳由来神経栄養因子）</b>は、神経の成長を助けます。"
    ]
    assert markdown_blocks("これは**「重要」**です。次の**太字**も。") == [
        "これは<b>「重要」</b>です。次の<b>太字</b>も。"
    ]
    assert markdown_blocks("反応率**30〜40%**（学会のまとめ）") == ["反応率<b>30〜40%</b>（学会のまとめ）"]


def test_english_emphasis_keeps_commonmark_rules() -> None:
    assert markdown_blocks("a **b** c and snake_case_name") == ["a <b>b</b> c and snake_case_name"]


def test_literal_marks_left_in_rendered_text_are_found() -> None:
    assert literal_markup(markdown_blocks("これは ** 重要 ** です")[0]) == ["これは ** 重要 ** です"]
    assert literal_markup("<b>ok</b> https://x.jp/a_b mail: a_b@x.jp <code>x_y</code>") == []
