"""The static preview without a browser: what files and marks it writes, and what --serve does."""

from __future__ import annotations

import re
import threading
import urllib.request
from html import unescape
from pathlib import Path

from bot.__main__ import main
from bot.preview import BuildResult, build_site
from bot.preview.browser_html import mark_words, to_browser
from bot.preview.serve import start_server, watch
from tests.preview.conftest import MISSING_PAGE, SEEDED_WORD, SHIPPED_CONTENT, shipped_page_ids


def column(html: str, anchor: str) -> str:
    """The HTML of one phone column (``tms-ja``), up to the next column or section."""
    start = html.rindex("<div", 0, html.index(f'id="{anchor}"'))
    ends = [i for marker in ('<div class="phone', "<section") if (i := html.find(marker, start + 1)) > 0]
    return html[start:min(ends) if ends else len(html)]


def seeded_line() -> int:
    lines = (SHIPPED_CONTENT / "ja" / "pages" / "tms.md").read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if "非侵襲的" in line)


def seeded_site_located(index_html: str) -> list[str]:
    """The problems the index links to a screen, as text."""
    return [unescape(m) for m in re.findall(r'<a href="[\w-]+\.html#[\w-]+">([^<]+)</a>', index_html)]


def test_every_page_is_written_with_both_languages_side_by_side(seeded_site: BuildResult) -> None:
    for page_id in shipped_page_ids():
        html = (seeded_site.out / f"page-{page_id}.html").read_text(encoding="utf-8")
        assert 'class="side-by-side"' in html
        assert f'id="{page_id}-ja"' in html and f'id="{page_id}-en"' in html
    for name in ("index", "welcome", "faq", "notices", "crisis", "application"):
        assert (seeded_site.out / f"{name}.html").is_file()


def test_the_seeded_claims_word_is_marked_on_the_text_and_listed_beside_it(seeded_site: BuildResult) -> None:
    html = (seeded_site.out / "page-tms.html").read_text(encoding="utf-8")
    ja = column(html, "tms-ja")
    assert f'<mark class="finding" title="claims lint: {SEEDED_WORD}">{SEEDED_WORD}</mark>' in ja
    assert f"content/ja/pages/tms.md:{seeded_line()}: 広告として使えない表現です（効果・安全性の保証）" in ja
    assert 'class="phone error"' in ja
    assert "<mark" not in column(html, "tms-en")


def test_a_missing_english_page_is_shown_as_missing_with_the_parity_error(seeded_site: BuildResult) -> None:
    html = (seeded_site.out / f"page-{MISSING_PAGE}.html").read_text(encoding="utf-8")
    en = column(html, f"{MISSING_PAGE}-en")
    assert f"missing: content/en/pages/{MISSING_PAGE}.md does not exist" in en
    assert f"file is missing: content/ja/pages/{MISSING_PAGE}.md exists in &#39;ja&#39;" in en
    assert "<mark" not in column(html, f"{MISSING_PAGE}-ja")


def test_the_index_lists_problems_first_each_linked_to_where_it_is_marked(seeded_site: BuildResult) -> None:
    html = (seeded_site.out / "index.html").read_text(encoding="utf-8")
    errors = seeded_site.problems.errors
    assert len(errors) >= 3  # the claim, the missing file, and every link to it
    assert html.index(f"{len(errors)} error(s)") < html.index('id="screens"')
    assert f'href="page-tms.html#tms-ja">content/ja/pages/tms.md:{seeded_line()}: 広告として使えない表現です' in html
    assert f'href="page-{MISSING_PAGE}.html#{MISSING_PAGE}-en">content/en/pages/{MISSING_PAGE}.md: file is missing' \
        in html
    assert re.search(r'href="faq.html#\w+-en">content/en/faq.yaml:\d+: entries\[\d+\].page', html)
    assert all(p in seeded_site_located(html) for p in map(str, errors)), "every error links to its screen"
    notices = len(seeded_site.problems.notices)
    assert notices and f"{notices} notice(s)" in html  # clinic facts still to fill in: listed, folded, on the index


def test_buttons_link_as_in_the_bot_and_the_picture_is_copied(seeded_site: BuildResult) -> None:
    html = (seeded_site.out / "page-tms.html").read_text(encoding="utf-8")
    assert '<a class="button" href="page-tms_mechanism.html">TMSのしくみ</a>' in html
    assert '<a class="button" href="welcome.html#home">🏠 Menu</a>' in column(html, "tms-en")
    schedule = (seeded_site.out / "page-schedule.html").read_text(encoding="utf-8")
    assert '<img src="images/ja/schedule.png"' in schedule and '<img src="images/en/schedule.png"' in schedule
    assert (seeded_site.out / "images" / "en" / "schedule.png").read_bytes() == \
        (SHIPPED_CONTENT / "en" / "images" / "schedule.png").read_bytes()
    assert re.search(r"\d+ / 1024 caption", schedule) and re.search(r"\d+ / 4096", schedule)


def test_every_application_step_is_drawn_with_the_handlers_buttons(seeded_site: BuildResult) -> None:
    html = (seeded_site.out / "application.html").read_text(encoding="utf-8")
    for anchor in ("intro", "consent", "q-applicant", "q-age", "q-notes", "review", "thanks", "errors"):
        assert f'id="{anchor}-ja"' in html and f'id="{anchor}-en"' in html, anchor
    applicant = column(html, "q-applicant-ja")
    assert "質問 1 / " in applicant and '<span class="button">✖ 中止</span>' in applicant
    interest = column(html, "q-interest-en")  # also as a minor's parent sees it: three choices left out, and why
    assert interest.count('<span class="button">Exosome infusion</span>') == 1
    assert interest.count('<span class="button">TMS</span>') == 1
    assert ("patients under 18 are not offered “TMS”, “Exosome infusion” or “TMS and exosome infusion combined”"
            in interest)


def test_notices_are_folded_as_telegram_folds_them() -> None:
    html = to_browser("<b>T</b>\n\n<blockquote expandable><b>自由診療</b>\n本文</blockquote>")
    assert re.fullmatch(r'<b>T</b>\n\n<input type="checkbox" class="fold" id="fold-\d+">'
                        r'<blockquote class="expandable"><b>自由診療</b>\n本文</blockquote>'
                        r'<label class="unfold" for="fold-\d+"></label>', str(html))


def test_only_what_telegram_accepts_reaches_the_browser() -> None:
    html = str(to_browser('<b onclick="x()">a</b><script>alert(1)</script><a href="javascript:x">l</a> &amp; <'))
    assert html == ('<b>a</b>&lt;script&gt;alert(1)&lt;/script&gt;<a>l</a> &amp; &lt;')


def test_marks_ignore_width_and_case_like_the_lint() -> None:
    assert mark_words("ＴＭＳは１００％", ["100%"]) == \
        'ＴＭＳは<mark class="finding" title="claims lint: 100%">１００％</mark>'
    assert mark_words("A Cure", ["cure"]) == 'A <mark class="finding" title="claims lint: cure">Cure</mark>'


def test_the_command_writes_the_site(tmp_path: Path, capsys: object) -> None:
    assert main(["preview", "--content", str(SHIPPED_CONTENT), "--out", str(tmp_path / "site")]) == 0
    assert (tmp_path / "site" / "index.html").is_file()
    assert "screens written to" in capsys.readouterr().out  # type: ignore[attr-defined]


def test_serve_answers_on_loopback_and_rebuilds_when_a_file_changes(tmp_path: Path) -> None:
    from tests.preview.conftest import seed_mistakes

    content = seed_mistakes(tmp_path / "content")
    out = tmp_path / "site"
    built = build_site(content, out)
    server = start_server(out, 0)
    stop = threading.Event()
    builds: list[BuildResult] = []
    rebuilt = threading.Event()

    def on_build(result: BuildResult) -> None:
        builds.append(result)
        rebuilt.set()

    watcher = threading.Thread(target=watch, args=(content, out, built),
                               kwargs=dict(interval=0.05, stop=stop, on_build=on_build))
    watcher.start()
    try:
        assert server.server_address[0] == "127.0.0.1"
        url = f"http://127.0.0.1:{server.server_address[1]}"
        with urllib.request.urlopen(f"{url}/page-tms.html") as response:
            assert SEEDED_WORD in response.read().decode("utf-8")
        page = content / "ja" / "pages" / "tms.md"
        page.write_text(page.read_text(encoding="utf-8").replace(f"{SEEDED_WORD}治る", ""), encoding="utf-8")
        assert rebuilt.wait(30), "the site was not rebuilt after a content change"
        with urllib.request.urlopen(f"{url}/page-tms.html") as response:
            assert "<mark" not in response.read().decode("utf-8")
        assert len(builds[-1].problems.errors) == 6  # the missing English page's errors remain
    finally:
        stop.set()
        watcher.join()
        server.shutdown()
        server.server_close()
