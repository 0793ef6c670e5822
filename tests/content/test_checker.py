"""Each check of ``python -m bot check`` fed a broken file, with the exact message staff will read."""

from __future__ import annotations

from pathlib import Path

from bot.__main__ import main
from bot.content.loader import load_content
from bot.content.problems import Severity
from tests.content.conftest import ContentTree
from tests.shipped import shipped_content

SHIPPED = Path(__file__).resolve().parents[2] / "content"


def messages(tree: ContentTree, severity: Severity | None = None) -> list[str]:
    _content, problems = load_content(tree.root)
    return [str(p) for p in problems if severity is None or p.severity is severity]


def test_minimal_tree_is_clean(tree: ContentTree) -> None:
    content, problems = load_content(tree.root)
    assert content is not None
    assert [str(p) for p in problems] == []


def test_shipped_content_passes_strict() -> None:
    """The session's one load and check of the shipped content (scripts/test.sh also runs check --strict)."""
    content, problems = shipped_content()
    assert content is not None and not problems.errors and not problems.warnings, problems.report()


# 1. syntax, unknown keys, types, missing fields ---------------------------------------------------------------

def test_yaml_syntax_error_names_file_and_line(tree: ContentTree) -> None:
    tree.replace("en/faq.yaml", "questions: [\"What is TMS?\"]", "questions: [\"What is TMS?\"")
    assert messages(tree, Severity.ERROR) == [
        "content/en/faq.yaml:6: this file cannot be read because of a formatting mistake: a [ ] list is not closed\n"
        "    found: answer: TMS uses a magnetic field.\n"
        "    expected: [a, b], with [ and ] in pairs\n"
        "    fix: add the missing ] or close the quote before it"
    ]


def test_unknown_key_is_a_warning_and_fails_strict(tree: ContentTree, capsys) -> None:
    tree.replace("en/pages/tms.md", "button: TMS\n", "button: TMS\nbuton: TMS\n")
    assert messages(tree) == [
        "content/en/pages/tms.md:4: buton: unknown key (known keys: actions, button, image, image_caption, links, "
        "lint_allow, notices, reviewed, sources, title, treatment)"
    ]
    assert main(["check", "--content", str(tree.root)]) == 0
    assert main(["check", "--strict", "--content", str(tree.root)]) == 1
    assert "FAILED: 0 error(s), 1 warning(s)" in capsys.readouterr().out


def test_wrong_kind_and_missing_field(tree: ContentTree) -> None:
    tree.replace("en/intake.yaml", "kind: choice", "kind: chioce")
    tree.replace("en/intake.yaml", "    label: Name\n", "")
    assert messages(tree, Severity.ERROR) == [
        "content/en/intake.yaml:12: questions[0].kind: expected one of ['choice', 'multi', 'text', 'phone', "
        "'email', 'date', 'number'], found 'chioce'",
        "content/en/intake.yaml:18: questions[1].label: required field is missing",
    ]


def test_missing_file(tree: ContentTree) -> None:
    (tree.root / "en" / "crisis.yaml").unlink()
    assert messages(tree, Severity.ERROR) == ["content/en/crisis.yaml: file is missing"]


def test_page_without_front_matter(tree: ContentTree) -> None:
    tree.write("en/pages/tms.md", "Just text\n")
    assert "content/en/pages/tms.md:1: expected front matter between two '---' lines at the top (title, button ...)" \
        in messages(tree, Severity.ERROR)


# 2. parity -----------------------------------------------------------------------------------------------------

def test_page_missing_in_one_language(tree: ContentTree) -> None:
    tree.write("ja/pages/extra.md", "---\ntitle: X\nbutton: X\nreviewed: 2026-11-01\n---\nText\n")
    tree.replace("ja/pages/tms.md", "links: [exosome]", "links: [exosome, extra]")
    errors = messages(tree, Severity.ERROR)
    assert "content/en/pages/extra.md: file is missing: content/ja/pages/extra.md exists in 'ja'" in errors
    assert "content/en/pages/tms.md:4: links: differs from content/ja/pages/tms.md: ['exosome'] here, " \
        "['exosome', 'extra'] there (both languages must match)" in errors


def test_placeholder_missing_in_one_language(tree: ContentTree) -> None:
    tree.replace("en/pages/tms.md", "Call {{ clinic.phone }}.", "Call us.")
    assert messages(tree) == [
        "content/en/pages/tms.md: content/ja/pages/tms.md uses {{ clinic.phone }} but this page does not"
    ]


def test_menu_and_faq_parity(tree: ContentTree) -> None:
    tree.replace("en/menu.yaml", "  - page: exosome\n", "")
    tree.replace("en/faq.yaml", "  - id: apply\n", "  - id: applying\n")
    errors = messages(tree, Severity.ERROR)
    assert "content/en/menu.yaml:5: items: menu differs from content/ja/menu.yaml: [tms, action:apply] here, " \
        "[tms, exosome, action:apply] there (both languages must match)" in errors
    assert "content/en/faq.yaml: entries: no entry 'apply' (it exists in content/ja/faq.yaml)" in errors


# 3. templates --------------------------------------------------------------------------------------------------

def test_misspelt_variable_names_the_variable_and_line(tree: ContentTree) -> None:
    tree.replace("en/pages/tms.md", "{{ clinic.phone }}", "{{ clinic.phnoe }}")
    assert "content/en/pages/tms.md:10: unknown variable: 'clinic.phnoe' (did you mean 'clinic.phone'?)" \
        in messages(tree, Severity.ERROR)


def test_misspelt_variable_in_yaml_text(tree: ContentTree) -> None:
    tree.replace("en/menu.yaml", "{{ clinic.name }}", "{{ clinc.name }}")
    assert messages(tree, Severity.ERROR) == ["content/en/menu.yaml:1: unknown variable: 'clinc'"]


# 4. Telegram limits --------------------------------------------------------------------------------------------

def test_html_tag_telegram_rejects(tree: ContentTree) -> None:
    tree.replace("en/pages/exosome.md", "Exosomes are vesicles.", "Exosomes are <div>vesicles</div>.")
    assert messages(tree, Severity.ERROR) == [
        "content/en/pages/exosome.md: HTML tag <div> is not accepted by Telegram (use Markdown: **bold**, "
        "_italic_, [link](url))"
    ]


def test_long_page_is_split_and_said_so(tree: ContentTree) -> None:
    paragraph = "Exosomes are small vesicles. " * 60
    tree.replace("en/pages/exosome.md", "Exosomes are vesicles.", "\n\n".join([paragraph] * 4))
    assert messages(tree, Severity.INFO) == [
        "content/en/pages/exosome.md: longer than one Telegram message: sent as 2 messages"
    ]
    content, _ = load_content(tree.root)
    assert content is not None
    assert len(content.page("en", "exosome").messages) == 2  # type: ignore[union-attr]


def test_single_paragraph_over_the_limit(tree: ContentTree) -> None:
    tree.replace("en/pages/exosome.md", "Exosomes are vesicles.", "word " * 900)
    assert "content/en/pages/exosome.md: a single paragraph is longer than Telegram's 4096 characters " \
        "(message 2): split it into shorter paragraphs" in messages(tree, Severity.ERROR)


# 5. links and reachability -------------------------------------------------------------------------------------

def test_link_to_missing_page_suggests_the_right_one(tree: ContentTree) -> None:
    tree.replace("en/pages/tms.md", "links: [exosome]", "links: [exosme]")
    assert "content/en/pages/tms.md:4: links[0]: no page 'exosme' (did you mean 'exosome'?)" \
        in messages(tree, Severity.ERROR)


def test_unreachable_page(tree: ContentTree) -> None:
    for lang in ("ja", "en"):
        tree.write(f"{lang}/pages/orphan.md", "---\ntitle: O\nbutton: O\nreviewed: 2026-11-01\n---\nText\n")
    assert messages(tree) == [
        "content/ja/pages/orphan.md: このページはメインメニューからたどれません\n"
        "    直し方: menu.yaml か、ほかのページの links: に加えてください。",
        "content/en/pages/orphan.md: page cannot be reached from the main menu (add it to menu.yaml or to another "
        "page's links)",
    ]


# 6. claims lint ------------------------------------------------------------------------------------------------

def test_claims_lint_flags_a_guarantee(tree: ContentTree) -> None:
    tree.replace("ja/pages/exosome.md", "Exosomes are vesicles.", "Exosomes are vesicles.\n\n必ず良くなります。")
    assert messages(tree, Severity.ERROR) == [
        "content/ja/pages/exosome.md:12: 広告として使えない表現です（guarantee）：guarantees are prohibited\n"
        "    見つかった内容: 「必ず」 (必ず)\n"
        "    正しい形: 根拠のある事実を、保証や比較をせずに書くこと\n"
        "    直し方: guarantee に当たります。言い換えてください。正直な否定や手続きの説明で誤って見つかった場合は、"
        "lint_allow に word と理由を書いてください。"
    ]


def test_english_words_match_whole_words_only(tree: ContentTree) -> None:
    tree.replace("en/pages/exosome.md", "Exosomes are vesicles.", "Your data is kept secure; bestow care.")
    assert messages(tree) == []


def test_lint_allow_needs_a_reason_and_silences(tree: ContentTree) -> None:
    tree.replace("en/pages/exosome.md", "Exosomes are vesicles.", "We are not the best judge of that.")
    tree.replace("en/pages/exosome.md", "sources: [article]",
                 "sources: [article]\nlint_allow:\n  - word: best\n    reason: a modest phrase, not a claim")
    assert messages(tree) == []
    tree.replace("en/pages/exosome.md", "reason: a modest phrase, not a claim", "reason: ok")
    assert messages(tree, Severity.ERROR) == [
        "content/en/pages/exosome.md:11: lint_allow[0].reason: string should have at least 5 characters"
    ]


def test_claims_lint_covers_yaml_texts(tree: ContentTree) -> None:
    tree.replace("en/faq.yaml", "answer: TMS uses a magnetic field.", "answer: Results are guaranteed.")
    assert messages(tree, Severity.ERROR) == [
        "content/en/faq.yaml:6: faq.tms_what.answer: wording the advertising rules do not allow (guarantee): "
        "guarantees are prohibited\n"
        "    found: 「guaranteed」 (guaranteed)\n"
        "    expected: facts with their basis, without guarantees or comparisons\n"
        "    fix: this breaks guarantee. Reword it; if it is an honest negation or a procedure that was flagged by "
        "mistake, add a lint_allow entry with the word and the reason"
    ]


# 7. required notices -------------------------------------------------------------------------------------------

def test_exosome_page_must_show_the_unapproved_notice(tree: ContentTree) -> None:
    tree.replace("en/pages/exosome.md", "notices: [free_care, unapproved]", "notices: [free_care]")
    errors = messages(tree, Severity.ERROR)
    assert "content/en/pages/exosome.md:6: notices: a exosome page must show the notice 'unapproved' " \
        "(add it to notices:)" in errors


def test_notice_is_folded_under_the_page(tree: ContentTree) -> None:
    content, _ = load_content(tree.root)
    assert content is not None
    page = content.page("en", "exosome")
    assert page is not None
    assert page.messages[-1].endswith(
        "<blockquote expandable>Free care. Cost 3.</blockquote>\n\n"
        "<blockquote expandable>Unapproved treatment.</blockquote>"
    )


# 8. review dates, clinic facts ---------------------------------------------------------------------------------

def test_old_review_date_is_a_warning(tree: ContentTree) -> None:
    tree.replace("en/pages/tms.md", "reviewed: 2026-11-01", "reviewed: 2020-01-01")
    assert [m for m in messages(tree, Severity.WARNING) if "reviewed" in m] == [
        "content/en/pages/tms.md:7: reviewed: last reviewed 2020-01-01, more than 365 days ago: please review the "
        "page and update the date"
    ]


def test_empty_clinic_fact_is_a_notice_and_its_line_is_left_out(tree: ContentTree, capsys) -> None:
    tree.replace("clinic.yaml", 'phone: "052-000-0000"', 'phone: ""')
    assert messages(tree) == [
        "content/clinic.yaml:1: phone: クリニックに記入してもらう項目です（空のあいだ、ボットはこの行を出さず、"
        "「クリニックからご連絡する際にお伝えします」と一言添えます）",
    ]
    assert main(["check", "--strict", "--content", str(tree.root)]) == 0
    content, _ = load_content(tree.root)
    assert content is not None
    text = content.page("en", "tms").messages[0]  # type: ignore[union-attr]
    assert "Call" not in text and "ask the clinic" not in text
    assert ("Not listed here yet: phone number. If you apply as a monitor, the clinic will tell you when it "
            "contacts you.") in text


def test_report_lists_every_problem_not_just_the_first(tree: ContentTree, capsys) -> None:
    tree.replace("ja/pages/tms.md", "links: [exosome]", "links: [exosme]")
    tree.replace("en/intake.yaml", "kind: choice", "kind: chioce")
    assert main(["check", "--content", str(tree.root)]) == 1
    out = capsys.readouterr().out
    assert "「exosme」というページはありません" in out and "found 'chioce'" in out
    assert out.strip().endswith("FAILED: 3 error(s), 0 warning(s), 0 notice(s)")


def test_notice_must_mention_the_required_disclosures(tree: ContentTree) -> None:
    tree.write("en/notices/free_care.md", "Free care.\n")
    assert messages(tree, Severity.ERROR) == [
        "content/en/notices/free_care.md: must mention 'Cost' (as shown on tms pages; see notice_must_mention in "
        "settings.yaml)",
        "content/en/notices/free_care.md: must mention 'Cost' (as shown on exosome pages; see notice_must_mention in "
        "settings.yaml)",
        "content/en/notices/free_care.md: must mention 'Cost' (as shown on combined pages; see notice_must_mention in "
        "settings.yaml)",
    ]


def test_a_notice_that_is_not_utf8_is_one_located_error(tree: ContentTree) -> None:
    (tree.root / "ja" / "notices" / "unapproved.md").write_bytes("未承認".encode("shift_jis"))
    assert "content/ja/notices/unapproved.md: ファイルを読めません\n    正しい形: UTF-8 の文字コード\n" \
        "    直し方: UTF-8 で保存し直してください。" in messages(tree, Severity.ERROR)


def test_messages_about_japanese_files_are_in_japanese(tree: ContentTree) -> None:
    tree.replace("ja/pages/tms.md", "button: TMS\n", "button: TMS\nbuton: TMS\n")
    tree.replace("ja/intake.yaml", "kind: choice", "kind: chioce")
    tree.replace("ja/pages/exosome.md", "links: [tms]", "links: [tsm]")
    assert messages(tree) == [
        "content/ja/intake.yaml:12: questions[0].kind: 決められた値ではありません：'chioce'\n"
        "    正しい形: ['choice', 'multi', 'text', 'phone', 'email', 'date', 'number'] のどれか\n"
        "    直し方: 一覧にある値を、そのとおりに書いてください。",
        "content/ja/pages/tms.md:4: buton: この項目名は使えません（つづりの誤りかもしれません）\n"
        "    正しい形: actions, button, image, image_caption, links, lint_allow, notices, reviewed, sources, title, "
        "treatment のどれか\n"
        "    直し方: 項目名のつづりを直すか、不要なら行ごと消してください。",
        "content/ja/pages/exosome.md:4: links[0]: 「tsm」というページはありません\n"
        "    正しい形: pages/ にあるファイル名（.md を除く）\n"
        "    直し方: ページのファイル名を確かめてください（「tms」のことですか？）",
        "content/en/pages/exosome.md:4: links: differs from content/ja/pages/exosome.md: ['tms'] here, ['tsm'] there "
        "(both languages must match)",
    ]


def test_a_claim_found_by_a_pattern_is_named_never_shown_as_its_regex(tree: ContentTree) -> None:
    tree.replace("en/claims.yaml", "    words: [best, 最高]",
                 "    words: [best, 最高]\n    patterns:\n      - '\\bno\\.? ?1 clinic\\b'\n"
                 "      - name: a rate told as a figure\n        pattern: 'success rate of \\d+%'")
    tree.replace("en/pages/exosome.md", "Exosomes are vesicles.",
                 "Exosomes are vesicles.\n\nThe No. 1 clinic, with a success rate of 90%.")
    found = [line.strip() for m in messages(tree, Severity.ERROR) for line in m.splitlines() if "found:" in line]
    assert found == ["found: 「no. 1 clinic」 (superlative)",
                     "found: 「success rate of 90%」 (a rate told as a figure)"]


def test_a_claim_shape_is_named_in_japanese_for_japanese_staff(tree: ContentTree) -> None:
    tree.replace("ja/pages/exosome.md", "Exosomes are vesicles.",
                 "Exosomes are vesicles.\n\nYou'll feel better in no time.")
    found = [line.strip() for m in messages(tree, Severity.ERROR)
             for line in m.splitlines() if "見つかった内容" in line]
    assert found and all("読む人への結果の約束" in line for line in found), found


def test_a_named_pattern_must_compile(tree: ContentTree) -> None:
    tree.replace("en/claims.yaml", "    words: [best, 最高]",
                 "    words: [best, 最高]\n    patterns:\n      - name: broken\n        pattern: '(unclosed'")
    errors = messages(tree, Severity.ERROR)
    assert any("not a valid regular expression '(unclosed'" in m for m in errors), errors
