"""The questionnaire and crisis checks as staff read them through ``python -m bot check``: Japanese for content/ja,
English for content/en, each with the line, what was found, what is expected and how to fix it."""

from __future__ import annotations

import pytest

from bot.content.domain_messages import ENTRIES, localize_domain
from bot.content.loader import load_content
from bot.content.problems import Severity
from tests.content.conftest import ContentTree


def messages(tree: ContentTree, file: str) -> list[str]:
    return [str(p) for p in load_content(tree.root)[1] if p.file.endswith(file) and p.severity is not Severity.INFO]


def test_intake_problem_in_japanese_for_ja_and_english_for_en(tree: ContentTree) -> None:
    for lang in ("ja", "en"):
        tree.replace(f"{lang}/intake.yaml", "    label: Name\n", "    label: Name\n    when: {who: gardian}\n")
    assert messages(tree, "intake.yaml") == [
        "content/ja/intake.yaml:22: questions[1].when: 質問「who」に「gardian」という選択肢はありません\n"
        "    見つかった内容: gardian\n"
        "    正しい形: 質問「who」の choices: にある id\n"
        "    直し方: 選択肢の id のつづりを確かめてください（「guardian」のことですか？）",
        "content/en/intake.yaml:22: questions[1].when: question 'who' has no choice 'gardian'\n"
        "    found: gardian\n"
        "    expected: an id from the choices of 'who'\n"
        "    fix: check the spelling of the choice id (did you mean 'guardian'?)",
    ]


def test_intake_parity_problem_names_both_files(tree: ContentTree) -> None:
    tree.replace("ja/intake.yaml", "    health: true\n", "")
    assert messages(tree, "intake.yaml") == [
        "content/ja/intake.yaml:10: questions: health: true の付いた質問がありません（健康に関する質問は、"
        "同意をいただいた後にだけ聞きます）\n"
        "    正しい形: 健康に関する質問に health: true\n"
        "    直し方: 症状や治療歴など、健康に関する質問に health: true を加えてください。",
        "content/en/intake.yaml:22: questions[1].health: differs from content/ja/intake.yaml: True here, False there\n"
        "    found: True\n"
        "    expected: the same value in both languages\n"
        "    fix: make both languages match",
    ]


def test_a_misspelt_policy_name_is_said_in_the_staff_language_with_the_policies_there_are(tree: ContentTree) -> None:
    interest = ("      - {id: child, label: Me, flag: minor}\n"
                "  - id: interest\n    kind: choice\n    text: Which treatment?\n    label: Interest\n"
                "    minors_note: 'Not offered to patients under 18: {{ withheld }}.'\n    choices:\n"
                "      - {id: tms, label: TMS}\n"
                "      - {id: exosome, label: Exosome, minors_policy: exosome_under_18}\n")
    parent = "      - {id: guardian, label: Parent, flag: guardian}\n"
    for lang in ("ja", "en"):
        tree.replace(f"{lang}/intake.yaml", parent, parent + interest)
    assert messages(tree, "intake.yaml") == [
        "content/ja/intake.yaml:26: questions[1].choices[1].minors_policy: settings.yaml に「exosome_under_18」"
        "という方針（policy）はありません\n"
        "    見つかった内容: minors_policy: exosome_under_18\n"
        "    正しい形: settings.yaml の policy: にある yes / no の方針の名前（tms_for_under_18, "
        "exosome_for_under_18, combined_for_under_18）\n"
        "    直し方: minors_policy: の名前のつづりを確かめてください（「exosome_for_under_18」のことですか？）",
        "content/en/intake.yaml:26: questions[1].choices[1].minors_policy: settings.yaml has no policy "
        "'exosome_under_18'\n"
        "    found: minors_policy: exosome_under_18\n"
        "    expected: the name of a yes / no policy under policy: in settings.yaml (tms_for_under_18, "
        "exosome_for_under_18, combined_for_under_18)\n"
        "    fix: check the spelling of the policy name (did you mean 'exosome_for_under_18'?)",
    ]


def test_crisis_problem_in_japanese_for_ja(tree: ContentTree) -> None:
    tree.replace("ja/crisis.yaml", "phrases: [kill myself, 死にたい]", "phrases: [kill myself, 死にたい, 死]")
    assert messages(tree, "crisis.yaml") == [
        "content/ja/crisis.yaml: phrases[2]: かな・全角半角・空白・記号をそろえると短くなりすぎます（"
        "言い回しは2文字以上必要です）\n"
        "    見つかった内容: '死' → '死'\n"
        "    正しい形: 2文字以上の言い回し\n"
        "    直し方: 前後の言葉も含めた、もう少し長い言い回しにしてください。",
    ]


SAMPLES = [
    "duplicate id 'seizure' (already used by questions[1])",
    "no question is marked 'health: true': mark the health questions so they are asked only after consent",
    "the thanks should show the application number: add {{ lead_id }}",
    "expected choices with a 'range' ([from, to] in years) for a question with 'amount'",
    "duplicate choice id 'yes' in question 'seizure'",
    "a screening answer is health information: add 'health: true' to the question",
    "'exclusive' only matters in a multi question; this is a choice question",
    "'range' is only used when the question has 'amount: age' or 'amount: duration'",
    "expected [from, to] with from <= to, found (9, 3)",
    "question id 'q' and choice id 'c' are too long together for a Telegram button (64 bytes): shorten one of them",
    "no question 'aplicant' (did you mean 'applicant'?)",
    "question 'notes' cannot depend on its own answer",
    "question 'seizure' comes later (questions[1]): a condition can only use the answer to an earlier question",
    "question 'child_name' is a text question: a condition can only use a choice or multi question",
    "expected a choice id of 'who' or a list of them, found []",
    "question 'applicant' has no choice 'gardian' (did you mean 'guardian'?)",
    "'min' is used only by number and date questions; this is a choice question",
    "min (120) is larger than max (18)",
    "'max_length' is used only by text questions; this is a choice question",
    "differs from content/en/intake.yaml: 'a' here, 'b' there (both languages must match)",
    "no question 'notes' (it exists in content/en/intake.yaml)",
    "questions are in a different order from content/ja/intake.yaml: [a, b] here, [b, a] there (both languages must "
    "match)",
    "choice ids differ from content/ja/intake.yaml: [a] here, [b] there (both languages must match)",
    "no policy 'exosome_for_under18' in settings.yaml (did you mean 'exosome_for_under_18'?); the policies are "
    "tms_for_under_18, exosome_for_under_18, combined_for_under_18",
    "question 'interest' has choices with 'minors_policy' but no 'minors_note' to say why they are not offered to "
    "applicants under 18",
    "'minors_note' is shown only when a choice has 'minors_policy'; question 'interest' has none",
    "no earlier question has a choice with 'flag: minor', so the age is not known when this question is asked",
    "'x*' matches an empty message, so every message would be flagged",
    "'a' is the same as not_risk[0] 'a' once normalised; remove it",
    "'hello' contains no risk phrase or pattern, so it silences nothing",
    "'死' leaves '死' once width, kana, spaces and punctuation are normalised; a phrase needs at least 2 letters",
    "'しにたい' is already caught by phrases[0] '死にたい' (kana, width and spelling variants are matched "
    "automatically); remove it",
    "'@die' is not a word list of this file; the lists are @death. Fix the name, or add the list under 'words:'",
    "no rule uses @death; use it in a rule or remove it",
    "rule 'r1' matches not_risk[0] '死ぬほど眠い', which is listed as an ordinary message; narrow the rule",
    "'tms' here, but its page 'exosome' is about 'exosome': set the treatment the answer is about",
    "'受付したい' is not taken as a wish to apply: add the word it uses to 'subjects', 'wishes' or 'alone', or take it "
    "out of 'not_in_sentence' and 'not_in_message'",
    "'予約をお願いします' is taken as a wish to apply: add the phrase that makes it a question to 'not_in_sentence' or "
    "'not_in_message'",
    "'{申込' has an unpaired brace: close every opening brace of alternatives",
    "'電わ' is not a phrase of the lists above, so this does nothing: write it as it is listed there",
    "'つらい' is not recognised as distress: add a phrase it contains to 'phrases'",
    "'つらい？' is taken as distress: add the phrase around the distress word to 'not_distress', or make it a question",
    "'私が眠れない' is not taken as distress about someone close: add the person word to 'someone_else' or the phrase "
    "to a family",
    "'息子が眠れない' is not taken as the writer's own distress: add the writer's word to 'me', or a phrase to a "
    "family",
]


@pytest.mark.parametrize("message", SAMPLES)
def test_every_domain_message_is_said_in_both_languages_with_what_to_do(message: str) -> None:
    ja, ja_parts = localize_domain("content/ja/intake.yaml", message, {})
    en, en_parts = localize_domain("content/en/intake.yaml", message, {})
    assert not ja.isascii() and ja_parts["expected"] and ja_parts["fix"]
    assert en != ja and en_parts["expected"] and en_parts["fix"]


def test_every_entry_has_a_sample() -> None:
    assert sorted({next(i for i, e in enumerate(ENTRIES) if e.pattern.search(m)) for m in SAMPLES}) == \
        list(range(len(ENTRIES)))


def test_remaining_checker_messages_are_japanese_for_ja(tree: ContentTree) -> None:
    tree.write("ja/pages/Bad-Name.md", "---\ntitle: B\nbutton: B\nreviewed: 2026-11-01\n---\nText\n")
    tree.write("ja/pages/front.md", "---\njust words\n---\nText\n")
    errors = [str(p) for p in load_content(tree.root)[1].errors if p.file.startswith("content/ja/pages")]
    assert "content/ja/pages/Bad-Name.md: ファイル名「Bad-Name」は使えません\n" \
        "    正しい形: 半角の小文字・数字・_ だけの名前（例: tms_safety.md）\n" \
        "    直し方: ファイル名を半角の小文字・数字・_ だけにしてください（両方の言語で同じ名前にします）。" in errors
    assert "content/ja/pages/front.md:2: 前書きが「キー: 値」の行になっていません\n" \
        "    正しい形: --- と --- の間に title: などの行\n" \
        "    直し方: 前書きの各行を「キー: 値」の形にしてください。" in errors
