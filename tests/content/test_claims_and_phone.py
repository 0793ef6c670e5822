"""Claims lint (negation-aware, both languages' lists, every patient-facing string), the status rule, literal
Markdown marks, the per-message budget and "More" parts: each fed one broken thing, with the exact message."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

from bot.content.claims import ClaimsLint
from bot.content.loader import load_content
from bot.content.models import validate_doc
from bot.content.problems import Problems, Severity
from bot.content.schema import Claims
from bot.content.yamldoc import load_yaml
from tests.content.conftest import ContentTree
from tests.shipped import shipped_content

SHIPPED = Path(__file__).resolve().parents[2] / "content"


@cache
def shipped_lint() -> ClaimsLint:
    """The shipped lists compiled once per test process (compiling them takes about a second; a test that edits
    the lists builds its own ``ClaimsLint``). The lint keeps no state but its memo of findings per text."""
    models = []
    for lang in ("ja", "en"):
        problems = Problems()
        doc = load_yaml(SHIPPED / lang / "claims.yaml", f"{lang}/claims.yaml", problems)
        assert doc is not None
        model = validate_doc(Claims, doc, problems)
        assert model is not None, problems.report()
        models.append(model)
    return ClaimsLint(models)


def words(text: str) -> list[str]:
    return [f.word for f in shipped_lint().findings(text)]


def fired(text: str) -> list[str]:
    """Every entry that fires, before overlapping findings of one category are merged."""
    return [word for _, word, _ in shipped_lint().explain(text)]


def test_an_honest_negation_is_not_a_claim_but_the_claim_is() -> None:
    assert words("完治を約束するものではありません。") == []
    assert words("TMS is not a cure.") == []
    assert words("安全性は確立していません。") == []
    assert words("完治します。") == ["完治"]
    assert words("TMS cures depression.") == ["cures"]
    assert words("副作用はありません。") == ["副作用[はがも](ほとんど|全く|まったく)?(ありません|ない|なし)"]
    assert words("There are no side effects.") == ["no side effects"]  # one finding per expression and rule


def test_not_every_negation_word_negates() -> None:
    assert words("効果だけではありません、必ず治ります。") == ["必ず", "治ります"]
    assert words("Not only safe and effective: the best.") == ["safe and effective", "best"]


def test_both_languages_lists_apply_to_both_languages() -> None:
    assert words("当院は No.1 のクリニックです。") == ["No.1"]
    assert words("It is 絶対 safe.") == ["絶対"]


def lint_of(yaml_text: str) -> ClaimsLint:
    return ClaimsLint(Claims.model_validate(yaml.safe_load(yaml_text)))


def found(lint: ClaimsLint, text: str) -> list[str]:
    return [f.found for f in lint.findings(text)]


JA_FAMILY = """
categories:
  guarantee:
    why: 保証
    words: [治る]
    families:
      - name: 保証＋結果
        terms: [[必ず, 確実], [良くなる, 改善]]
      - name: 効果の数字
        ordered: false
        unless: [報告]
        terms: [['re:\\d+%'], [改善]]
      - name: 承認済みのように書く
        ordered: false
        same_clause: true
        terms: [[エクソソーム], ['re:(?<!未)承認(され|済)']]
negations_after: [とは限りません, ではありません]
"""


def test_japanese_words_match_by_dictionary_form_and_kana_words_only_whole() -> None:
    lint = lint_of(JA_FAMILY)
    assert found(lint, "うつ病が治ります。") == ["治り"]
    assert found(lint, "きっと治った。") == ["治っ"]
    assert found(lint, "治らない方もいます。") == []  # a negative auxiliary right after the word negates it
    kana = lint_of("categories: {guarantee: {why: x, words: [ない]}}")
    assert found(kana, "副作用はない。") == ["ない"]
    assert found(kana, "副作用は少ない。") == []  # ない is not a word inside 少ない


def test_a_family_needs_one_term_of_each_group_in_order_in_one_sentence() -> None:
    lint = lint_of(JA_FAMILY)
    assert found(lint, "必ずよくなります。") == ["必ずよくなり"]
    assert found(lint, "確実に改善します。") == ["確実に改善"]
    assert found(lint, "改善は確実です。") == []  # ordered: the result word before the promise is another family
    assert found(lint, "必ずご相談ください。改善には時間がかかります。") == []  # two sentences
    assert found(lint, "必ずよくなるとは限りません。") == []  # honest negation after the last term


def test_a_family_report_of_research_and_clauses_keep_the_scope_exact() -> None:
    lint = lint_of(JA_FAMILY)
    assert found(lint, "80%の方が改善しています。") == ["80%の方が改善"]
    assert found(lint, "研究では80%の方が改善したと報告されています。") == []  # unless: a report, not a claim
    assert found(lint, "承認済みのエクソソームです。") == ["承認済みのエクソソーム"]
    assert found(lint, "TMSは承認された治療ですが、エクソソームは未承認です。") == []  # same_clause: a comma between


def test_english_stems_and_a_negation_between_the_terms() -> None:
    lint = lint_of("""
categories:
  guarantee:
    why: guarantees
    words: [cure]
    families:
      - name: risk denial
        ordered: false
        terms: [[side effect*], [absent, none]]
      - name: promise
        ordered: false
        terms: [[confident, definitely], [work*, better]]
negations_before: [not, cannot, "don't"]
""")
    assert found(lint, "Side effects are absent.") == ["side effects are absent"]
    assert found(lint, "Side effects may not always be absent.") == []
    assert found(lint, "We are confident it works.") == ["confident it works"]
    assert found(lint, "We cannot say it will definitely work.") == []
    assert found(lint, "Don't worry, this will definitely make you better.") == ["definitely make you better"]


def test_a_word_talked_about_as_a_word_is_not_a_claim_when_the_sentence_says_it_is_not_used() -> None:
    lint = lint_of("""
categories:
  superlative:
    why: superlatives
    words: [cutting-edge, best, 最先端]
negations_before: [not, never]
negations_after: [ではありません]
mentions_before: [words like, claiming]
mentions_after: [といった言葉]
mention_negations: [avoid, rather than, 使いません]
""")
    assert found(lint, "We avoid words like cutting-edge.") == []
    assert found(lint, "Rather than claiming to be the best, we list the risks.") == []
    assert found(lint, 'We never call it "cutting-edge".') == []  # quoted, and the sentence says never
    assert found(lint, "「最先端」といった言葉は使いません。") == []
    assert found(lint, "最先端といった言葉は使いません。") == []
    assert found(lint, "We use words like cutting-edge.") == ["cutting-edge"]  # a mention, but nothing denies it
    assert found(lint, 'Patients call it "the best, not just good".') == ["best"]  # the negation is inside the quotes
    assert found(lint, "「最先端」の治療です。") == ["最先端"]


def test_a_dash_ends_the_reach_of_an_english_negation() -> None:
    lint = lint_of("categories: {guarantee: {why: x, words: [guaranteed]}}\nnegations_before: [without, not]")
    assert found(lint, "A future without depression – guaranteed.") == ["guaranteed"]
    assert found(lint, "Results are not guaranteed.") == []


def test_shipped_lint_meets_honest_negations_and_fresh_phrasings() -> None:
    assert words("効き目には自信があります。") == ["保証・断定＋結果（必ず良くなる、効き目に自信）"]
    assert words("副作用がまったくないわけではありません。") == []
    assert words("安全性については分かっていないことがあります。") == []
    assert words("Nobody can promise a cure.") == []
    assert words("Nearly everyone responds.") == ["works for everyone"]
    assert words("すぐに効果が出るとは限らず、通常4〜6週間かかります。") == []
    assert words("「画期的」「最先端」といった言葉で効果を示すことはしません。") == []
    assert words("We avoid words like cutting-edge or revolutionary to describe results.") == []
    assert "どんな…でも効く（どんな難治性うつ病でも改善）" in fired("どんな難治性うつ病でも効果を実感できます。")
    assert words("併用で効果が倍増します。") == ["効果が倍になる（倍増、飛躍的に）"]
    assert words("Combining them doubles the effect.") == [
        "a multiplied effect (doubles the effect, twice the results)"]
    assert words("今すぐ申し込まないと枠が埋まります。") != []
    assert words("Sign up now before all the slots are gone!") != []


def test_finding_is_said_in_the_language_of_the_file(tree: ContentTree) -> None:
    tree.replace("en/claims.yaml", "why: guarantees are prohibited",
                 "why: guarantees are prohibited\n    expected: plain facts with their source\n"
                 "    fix: say what is known and what is not")
    tree.replace("ja/claims.yaml", "why: guarantees are prohibited", "why: 保証する表現です")
    tree.replace("en/pages/exosome.md", "Exosomes are vesicles.", "Exosomes are vesicles. 必ず.")
    assert [str(p) for p in load_content(tree.root)[1].errors] == [
        "content/en/pages/exosome.md:10: wording the advertising rules do not allow (guarantee): guarantees are "
        "prohibited\n"
        "    found: 「必ず」 (必ず)\n"
        "    expected: plain facts with their source\n"
        "    fix: this breaks guarantee. say what is known and what is not; if it is an honest negation or a "
        "procedure that was flagged by mistake, add a lint_allow entry with the word and the reason"
    ]


def test_finding_names_the_rule_it_breaks(tree: ContentTree) -> None:
    tree.replace("en/pages/exosome.md", "Exosomes are vesicles.", "Exosomes are vesicles. It is the best.")
    errors = [p for p in load_content(tree.root)[1] if p.severity is Severity.ERROR]
    assert [str(p) for p in errors] == [
        "content/en/pages/exosome.md:10: wording the advertising rules do not allow (superlative): superlatives are "
        "prohibited\n"
        "    found: 「best」 (best)\n"
        "    expected: facts with their basis, without guarantees or comparisons\n"
        "    fix: this breaks superlative. Reword it; if it is an honest negation or a procedure that was flagged by "
        "mistake, add a lint_allow entry with the word and the reason"
    ]


def test_titles_buttons_and_menu_labels_are_linted(tree: ContentTree) -> None:
    tree.replace("en/pages/exosome.md", "button: Exosomes", "button: Best exosomes")
    tree.replace("en/menu.yaml", "label: Apply", "label: Guaranteed results")
    assert [(p.file, p.line, p.where) for p in load_content(tree.root)[1].errors] == [
        ("content/en/pages/exosome.md", 3, "button"),
        ("content/en/menu.yaml", 9, "items[2].label"),
    ]


def test_literal_bold_marks_fail_the_check(tree: ContentTree) -> None:
    tree.replace("ja/pages/exosome.md", "Exosomes are vesicles.", "これは ** 大切 ** です。")
    assert [str(p) for p in load_content(tree.root)[1].errors] == [
        "content/ja/pages/exosome.md: 記号「**」が太字・斜体にならず、そのまま患者さんに表示されます\n"
        "    見つかった内容: …これは ** 大切 ** です。…\n"
        "    正しい形: **太字** のように、記号が対になって文字をはさんでいること\n"
        "    直し方: 記号の対をそろえるか、不要な記号を消してください（記号の内側に空白を入れないでください）。"
    ]


def test_a_page_naming_exosomes_must_say_they_are_unapproved(tree: ContentTree) -> None:
    tree.write("settings.yaml", (tree.root / "settings.yaml").read_text(encoding="utf-8")
               + "status_names:\n  ja: [exosome]\n  en: [exosome]\nstatus_wording:\n  ja: [unapproved]\n"
                 "  en: [unapproved]\n")
    tree.replace("en/pages/tms.md", "TMS uses a magnetic field.", "TMS uses a magnetic field, unlike exosome infusion.")
    assert [str(p) for p in load_content(tree.root)[1].errors] == [
        "content/en/pages/tms.md:10: names exosome infusion or the combined protocol but does not say it is "
        "unapproved / research-stage\n"
        "    found: 「… magnetic field, unlike exosome infusion. Call 052-000-…」\n"
        "    expected: one of unapproved in the text, or the unapproved notice on the page\n"
        "    fix: add a sentence such as \"exosome infusion is unapproved and research-stage\""
    ]


def test_an_answer_about_exosomes_says_their_status_even_when_it_does_not_name_them(tree: ContentTree) -> None:
    tree.write("settings.yaml", (tree.root / "settings.yaml").read_text(encoding="utf-8")
               + "status_names:\n  ja: [exosome]\n  en: [exosome]\nstatus_wording:\n  ja: [unapproved]\n"
                 "  en: [unapproved]\n")
    tree.replace("en/faq.yaml", "  - id: apply\n",
                 "  - id: infusion_length\n    treatment: exosome\n    questions: [How long do the infusions go on?]\n"
                 "    answer: The plan is an infusion every 2 weeks.\n  - id: apply\n")
    tree.replace("ja/faq.yaml", "  - id: apply\n",
                 "  - id: infusion_length\n    treatment: exosome\n    questions: [点滴はいつまで？]\n"
                 "    answer: 2週間に1回の計画です（unapproved）。\n  - id: apply\n")
    assert [(p.file, p.where) for p in load_content(tree.root)[1].errors] == [
        ("content/en/faq.yaml", "faq.infusion_length.answer"),
    ]


def test_shipped_pages_and_answers_naming_exosomes_carry_their_status() -> None:
    content, problems = shipped_content()
    assert content is not None and not problems.errors
    assert content.settings.status_names["ja"] and content.settings.status_wording["ja"]


def test_long_page_is_warned_and_split_behind_more(tree: ContentTree) -> None:
    long = "Exosomes are small vesicles. " * 30
    tree.replace("en/pages/tms.md", "TMS uses a magnetic field. Call {{ clinic.phone }}.", long)
    assert [str(p) for p in load_content(tree.root)[1].warnings if "too long" in p.message] == [
        "content/en/pages/tms.md: too long to read on a phone: 874 characters (aim for 800, not counting the "
        "folded notices)\n"
        "    found: 874\n"
        "    expected: parts of at most 800 characters\n"
        "    fix: shorten it, or put a line with only <!-- more --> where it may be split; the rest is shown behind "
        "a \"More\" button"
    ]
    tree.replace("en/pages/tms.md", long, f"{long[:400]}\n\n<!-- more -->\n\n{long[400:]}")
    content, problems = load_content(tree.root)
    assert content is not None and not [p for p in problems.warnings if "too long" in p.message]
    page = content.page("en", "tms")
    assert page is not None and len(page.more) == 1
    assert "<!--" not in page.messages[0] and page.part(1) == page.more[0] and page.part(2) is None


def test_menu_with_too_many_buttons_is_warned(tree: ContentTree) -> None:
    items = "".join(f"  - page: tms\n    label: T{i}\n" for i in range(6))
    tree.replace("en/menu.yaml", "  - action: apply\n", items + "  - action: apply\n")
    tree.replace("ja/menu.yaml", "  - action: apply\n", items + "  - action: apply\n")
    assert [str(p).splitlines()[0] for p in load_content(tree.root)[1].warnings] == [
        "content/ja/menu.yaml:5: items: メインメニューのボタンが9個あります。スマートフォンでは8個までにしてください",
        "content/en/menu.yaml:5: items: the main menu has 9 buttons: keep it to 8 on a phone",
    ]


def test_shipped_menu_fits_a_phone_and_opens_crisis_help_in_one_tap() -> None:
    content, _ = shipped_content()
    assert content is not None
    for lang in ("ja", "en"):
        items = content.lang(lang).menu.items
        assert len(items) <= 8
        assert "crisis_help" in [item.page for item in items]


def test_a_japanese_phrase_that_ends_in_a_negative_predicate_is_honest() -> None:
    lint = lint_of("categories: {guarantee: {why: x, words: "
                   "[効果を保証, 他院より, 安全性に問題, 今なら, 副作用のない]}}")
    assert found(lint, "当院は、効果を保証することも、他院と比べることもしません。") == []
    assert found(lint, "当院は他院より優れているとは申しません。") == []
    assert found(lint, "未承認のため、安全性に問題がないとは言えません。") == []  # the last negation decides
    assert found(lint, "今なら待たずに受けられます。") == ["今なら"]  # …ずに goes on as the claim
    assert found(lint, "効果を保証します。副作用のない治療です。") == ["効果を保証", "副作用のない"]
    assert found(lint, "効果を保証し、待たずに受けられます。") == ["効果を保証"]


def test_grammar_negators_and_mentions_need_no_list() -> None:
    lint = lint_of("categories: {guarantee: {why: x, words: [guarantee, number one, risk-free, cure, 最先端]}}")
    assert found(lint, "We can't guarantee anything.") == []
    assert found(lint, "We do not compare ourselves with other clinics or claim to be number one.") == []
    assert found(lint, "We do not compare ourselves, but we are number one.") == ["number one"]
    assert found(lint, "There is no such thing as a painless, risk-free treatment.") == []
    assert found(lint, "Some websites claim exosomes are a cure; there is no evidence for this.") == []
    assert found(lint, "「最先端医療」とうたう広告には注意してください。") == []
    assert found(lint, "Exosomes are a cure.") == ["cure"]


def test_explain_names_every_entry_and_family_term_that_fires() -> None:
    lint = lint_of("""
categories:
  guarantee:
    why: x
    words: [必ず]
    families:
      - {name: 保証＋結果, terms: [[必ず, 確実], [治る, 改善]]}
""")
    assert lint.explain("必ず治ります。") == [("guarantee", "必ず", ""), ("guarantee", "保証＋結果", "0:必ず + 1:治る")]
    assert [f.word for f in lint.findings("必ず治ります。")] == ["必ず"]  # one finding per expression


def test_an_english_pattern_finds_english_written_straight_into_japanese() -> None:
    lint = lint_of(r"categories: {superlative: {why: x, words: [x], patterns: ['\bperfect\b', '最(強|速)']}}")
    assert found(lint, "perfectなケアをお約束します。") == ["perfect"]
    assert found(lint, "A perfectly normal question.") == []
    assert found(lint, "最強の治療です。") == ["最強"]


def test_a_question_asked_for_information_claims_nothing() -> None:
    lint = lint_of("categories: {guarantee: {why: x, words: [cure, 副作用はありません, 効果を保証], "
                   "patterns: ['\\bstill relying on pills\\b']}}")
    assert found(lint, "Is TMS a cure? No, it may ease symptoms.") == []
    assert found(lint, "副作用はありませんか、と聞かれることがあります。") == []
    assert found(lint, "TMS is a cure? Think again.") == ["cure"]  # not a yes/no question
    assert found(lint, "Still relying on pills?") == ["still relying on pills"]
    assert found(lint, "効果を保証する医療機関があれば、その根拠をご確認ください。") == []
    assert found(lint, "効果を保証する医療機関です。") == ["効果を保証"]
    assert found(lint, "Would you like a cure?") == ["cure"]  # put to the reader, it still sells


def test_an_english_denial_takes_back_the_claims_it_is_about() -> None:
    lint = lint_of("categories: {guarantee: {why: x, words: [no risk, no serious side effects, guaranteed]}}")
    assert found(lint, "Even if no serious side effects have been reported, that does not mean there is no risk.") == []
    assert found(lint, "No serious side effects being reported does not mean there is no risk.") == []
    assert found(lint, "Approval is no guarantee; results are guaranteed here.") == ["guaranteed"]  # a new sentence
    assert found(lint, "There is no risk, which does not mean you can skip check-ups.") == ["no risk"]


def test_a_request_to_the_reader_is_an_instruction_not_a_promise() -> None:
    lint = lint_of("categories: {guarantee: {why: x, words: [必ず, always, best, free treatment, 悩まなくていい]}}")
    assert found(lint, "必ず主治医にご相談ください。") == []
    assert found(lint, "必ず良くなるので、ご相談ください。") == ["必ず"]  # a reason in between keeps the promise
    assert found(lint, "Always tell us if you feel worse.") == []
    assert found(lint, "It always works.") == ["always"]
    assert found(lint, "We will do our best to answer.") == []
    assert found(lint, "The best clinic in town.") == ["best"]
    assert found(lint, "もう悩まなくていいんです。") == ["悩まなくていい"]  # the ん of いいんです is not ません's


def test_research_stage_words_hedge_what_comes_before_them() -> None:
    lint = lint_of("categories: {guarantee: {why: x, words: [再発を防]}}")
    assert found(lint, "再発を防ぐ方法は、まだ研究中です。") == []
    assert found(lint, "再発を防ぎます。") == ["再発を防"]


def test_shipped_lint_finds_kinds_of_claim_not_only_phrases() -> None:
    assert words("効かないことはまずありません。") != []
    assert words("妊娠中でも全く問題ありません。") != []
    assert words("FDA-approved, so it's safe.") != []
    assert words("「やっと自分に戻れました」30代男性") != []
    assert words("Receive a gift voucher when you apply.") != []
    assert words("Safe. Simple. Effective.") != []
    assert words("✨うつ改善✨") != []
    assert words("Most side effects are mild and pass quickly.") == []
    assert words("You are free to stop treatment at any time.") == []
    assert words("公的な相談窓口は無料です。") == []
    assert words("TMSが合うかどうかは、医師と相談するのが一番です。") == []


def test_a_claim_reported_and_refuted_or_asked_is_not_made() -> None:
    lint = lint_of("categories: {guarantee: {why: x, words: [painless, definitely work, works for everyone, instant "
                   "results, 痛くない, すぐに効き, 薬に頼って, helps]}}")
    assert found(lint, "It is a common myth that TMS is completely painless.") == []
    assert found(lint, "You may have read that TMS works for everyone; that is not true.") == []
    assert found(lint, "People tell us they expected instant results, which TMS does not give.") == []
    assert found(lint, 'A patient once asked us, "Will this definitely work?" The honest answer is no.') == []
    assert found(lint, "We hope the combination helps, but this is the clinic's hypothesis.") == []
    assert found(lint, "TMSはまったく痛くない、というのは誤解です。") == []
    assert found(lint, "TMSはすぐに効きますか？多くの場合、数週間かかります。") == []
    assert found(lint, "まだ薬に頼っていますか？") == ["薬に頼って"]  # put to the reader, it sells
    assert found(lint, "TMS is painless.") == ["painless"]
    assert found(lint, "The combination helps.") == ["helps"]


def test_an_english_claim_word_as_the_subject_of_a_negated_verb_is_honest() -> None:
    lint = lint_of("categories: {guarantee: {why: x, words: [cure, testimonials, miracle]}}")
    assert found(lint, "A cure cannot be promised.") == []
    assert found(lint, "Testimonials can't tell you whether it will work for you.") == []
    assert found(lint, "A miracle that never fades.") == ["miracle"]  # a relative clause goes on as the claim
    assert found(lint, "A cure you cannot find elsewhere.") == ["cure"]


def test_a_negated_verb_inside_a_long_english_pattern_negates_it() -> None:
    lint = lint_of(r"categories: {guarantee: {why: x, words: [x], patterns: ["
                   r"'(?:^|(?<=[.!?\n]))[^.!?]*?\bpermanent cure\b', '\bno side effects\b']}}")
    assert found(lint, "You should not think of TMS as a permanent cure.") == []
    assert found(lint, "TMS is a permanent cure.") != []
    assert found(lint, "There are no side effects.") != []  # the pattern's own negation is the claim


def test_a_claim_believed_or_heard_and_refuted_in_the_next_sentence_is_not_made() -> None:
    lint = lint_of("categories: {guarantee: {why: x, words: [risk-free, breakthrough, 完全に安全, the future of]}}")
    assert found(lint, "You may have heard that exosomes are risk-free. That is not true.") == []
    assert found(lint, "Exosomes are described online as a breakthrough. This has not been shown in people.") == []
    assert found(lint, "Exosomes are sometimes called the future of medicine, but they remain experimental.") == []
    assert found(lint, "エクソソームは完全に安全だと言われることがあります。しかし、それは誤りです。") == []
    assert found(lint, "You may have heard that exosomes are risk-free. They are.") == ["risk-free"]
    assert found(lint, "Exosomes are risk-free. That is not true of other drugs.") == ["risk-free"]


def test_a_plain_can_in_a_pattern_is_no_negation_of_its_own() -> None:
    lint = lint_of(r"categories: {guarantee: {why: x, words: [x], patterns: ["
                   r"'\bTMS can\b[^.]{0,20}\bcure\b', '\bcan''t fail\b', '\bdon''?t miss\b']}}")
    assert found(lint, "TMS can not always cure depression.") == []  # "can" negates nothing: "not" inside does
    assert found(lint, "TMS can cure depression.") == ["tms can cure"]
    assert found(lint, "It can't fail.") == ["can't fail"]  # the pattern's own "can't" is the claim
    assert found(lint, "Don't miss this chance.") == ["don't miss"]


def test_a_japanese_word_met_in_english_words_is_read_by_english_grammar() -> None:
    lint = lint_of("categories: {testimonial: {why: x, words: [ビフォーアフター]}}")
    honest = "The clinic never uses before/after pictures."
    assert found(lint, "未承認です。" + honest) == []  # Japanese elsewhere in the text (a folded notice)
    assert found(lint, "未承認です。We show before/after pictures.") == ["before/after"]
    assert found(lint, "ビフォーアフターの写真はありません。") == []


def test_asked_if_denied_as_evidence_or_denied_of_others_claims_nothing() -> None:
    lint = lint_of(r"categories: {guarantee: {why: x, words: [no risk, felt better], patterns: ['\bpeople improve']}}")
    assert found(lint, "People often ask us if there is no risk at all; every treatment carries some risk.") == []
    assert found(lint, "Some patients felt better quickly, but that is not the same as evidence.") == []
    assert found(lint, "In studies, some people improved with TMS, but many did not.") == []
    assert found(lint, "Some people improved with TMS, while others noticed no change.") == []
    assert found(lint, "Some people improved with TMS, but not everyone.") == []
    assert found(lint, "There is no risk at all.") == ["no risk"]
    assert found(lint, "People improved with TMS, and many did so within a week.") == ["people improve"]


def test_an_aside_keeps_a_negation_and_a_question_inside_a_long_match_asks() -> None:
    lint = lint_of(r"categories: {guarantee: {why: x, words: [guaranteed, safe], patterns: ["
                   r"'(?:^|(?<=[.!?\n]))[^.!?]*?\bpermanent cure\b']}}")
    assert found(lint, "No treatment, including ours, is guaranteed to work.") == []
    assert found(lint, "A patient once asked if TMS was a permanent cure; we told her it is not.") == []
    assert found(lint, "It is too early to say that the combination is safe.") == []
    assert found(lint, "Don't worry, this is guaranteed.") == ["guaranteed"]  # a comma still ends the negation
    assert found(lint, "TMS is a permanent cure.") != []


def test_a_negated_list_before_a_negated_claim_and_a_denied_noun_after_it() -> None:
    lint = lint_of(r"categories: {guarantee: {why: x, words: [x], patterns: ["
                   r"'\bno downtime\b', '\bno waiting list\b']}}")
    assert found(lint, "Feel the benefits with no drugs and no downtime.") == ["no downtime"]
    assert found(lint, "We cannot promise no pain and no downtime.") == []
    assert found(lint, "There is no downtime guarantee; some people feel tired.") == []
    assert found(lint, "There is no waiting list now, and that says nothing about results.") == []


def test_a_japanese_word_closed_by_a_conjunctive_de_is_not_negated_by_the_next_phrase() -> None:
    lint = lint_of("categories: {discount: {why: x, words: [期間限定]}}\nnegations_after: [ておりません]")
    assert found(lint, "期間限定で、カウンセリング料をいただいておりません。") == ["期間限定"]
    assert found(lint, "期間限定の割引はしておりません。") == []


def test_a_figure_cited_with_its_source_is_honest_and_the_clinics_own_figure_sells() -> None:
    lint = lint_of(r"categories: {guarantee: {why: x, words: [x], patterns: ['\b\d{2}% of patients\b']}}")
    assert found(lint, "The JSPN summary reports response in 30-40% of patients.") == []
    assert found(lint, "In one trial, remission was seen in 30% of patients.") == []
    assert found(lint, "95% of patients improve.") == ["95% of patients"]
    assert found(lint, "Our clinic reports that 95% of patients improve.") == ["95% of patients"]
    assert found(lint, "Studies prove that 95% of patients improve.") == ["95% of patients"]


def test_a_risk_said_of_everyone_warns_and_a_benefit_for_everyone_sells() -> None:
    lint = lint_of(r"categories: {guarantee: {why: x, words: [x], patterns: ['\b(anyone|everyone) (can|will)\b']}}")
    assert found(lint, "Anyone can experience side effects.") == []
    assert found(lint, "Everyone can get a mild headache after a session.") == []
    assert found(lint, "Anyone can benefit from TMS.") == ["anyone can"]
    assert found(lint, "Everyone will feel better.") == ["everyone will"]


def test_a_comma_after_a_japanese_topic_stays_inside_the_clause() -> None:
    lint = lint_of("categories: {exaggeration: {why: x, words: [x], families: [{name: 承認済みのように, "
                   "same_clause: true, terms: [[エクソソーム], [標準治療, 確立]]}]}}")
    assert found(lint, "エクソソーム療法は、海外で確立された治療です。") != []
    assert found(lint, "エクソソーム点滴の前に、標準治療を説明します。") == []  # the clause ends at that comma


def test_shipped_lint_finds_near_certainty_and_keeps_its_negation() -> None:
    assert words("九分九厘、結果が出ます。") != []
    assert words("かなりの確率で回復します。") != []
    assert words("Nine times in ten, patients feel the difference.") != []
    assert words("It will almost certainly work for you.") != []
    assert words("十中八九良くなる、という治療はありません。") == []
    assert words("高い確率で効果が出るとは言えません。") == []
    assert words("There is no treatment that works nine times out of ten.") == []
    assert words("We cannot say that it will almost certainly work.") == []


def test_shipped_lint_finds_superlatives_in_new_words() -> None:
    assert words("抗うつ薬よりも断然早く効きます。") != []
    assert words("うつ病治療のゴールドスタンダード。") != []
    assert words("絶大な効き目の点滴。") != []
    assert words("The most affordable TMS fees in the region.") != []
    assert words("Outcomes other clinics envy.") != []
    assert words("No other treatment comes close.") != []
    assert words("TMSがゴールドスタンダードだとは申しません。") == []
    assert words("We do not compare our fees with other clinics.") == []


def test_shipped_lint_finds_testimonials_by_kind() -> None:
    assert words("当院の患者さまによる体験記です。") != []
    assert words("モニター様の声をまとめました。") != []
    assert words("See the stories of our monitors.") != []
    assert words('"I got my life back thanks to the infusion" – M., 42') != []
    assert words("当院では体験記や患者様の声を掲載していません。") == []
    assert words("We do not publish patients' testimonials or stories.") == []
    assert words("Is TMS safe if I hear voices?") == []
    assert words("See the JSPN guideline, p. 12, for the figures.") == []


def test_shipped_lint_finds_safety_claimed_through_a_relief_system_or_rare_side_effects() -> None:
    assert words("補償制度があるから、万一の時も安心です。") != []
    assert words("重い副作用はまれなので安心して受けられます。") != []
    assert words("安全面は心配ご無用。") != []
    assert words("A compensation scheme is in place, which means you have nothing to worry about.") != []
    assert words("No serious side effects, so it is safe for you.") != []
    assert words("救済制度は未承認の製品には使えないため、エクソソーム点滴は対象外です。") == []
    assert words("重い副作用はまれですが、ゼロではありません。") == []
    assert words("The relief system does not cover exosome products, so it would not protect you.") == []


def test_shipped_lint_finds_guarantees_of_a_result_for_everyone() -> None:
    assert words("寛解をお約束いたします。") != []
    assert words("症状が良くならずに終わる患者様はいません。") != []
    assert words("None of our patients left without feeling better.") != []
    assert words("Our programme ensures lasting recovery.") != []
    assert words("寛解をお約束することはできません。") == []
    assert words("改善しないまま治療を終える方もいます。") == []
    assert words("Some patients finish the course without improving.") == []
    assert words("We cannot ensure recovery.") == []


def test_shipped_lint_reads_counts_refunds_and_reasons_to_relax_by_kind() -> None:
    assert words("十人いれば九人は良くなります。") != []
    assert words("全額返金します。") != []
    assert words("Risks are minimal, so you can relax.") != []
    assert words("Insured against side effects, so there is nothing to fear.") != []
    assert words("返金規定をご確認ください。") == []
    assert words("十人に一人ほどに頭痛が起こると報告されています。") == []
    assert words("Insurance does not cover TMS, so you will pay in full.") == []
    assert words("Side effects are rare, but they are not negligible, so tell us.") == []


def test_shipped_lint_finds_named_patients_stories_and_keeps_kin_words_honest() -> None:
    assert words("ケンタさんの回復の記録です。") != []
    assert words("Watch Aiko's recovery video.") != []
    assert words("Nobody does TMS better.") != []
    assert words("Chances of success are extremely high.") != []
    assert words("お子さんの回復には時間がかかることがあります。") == []
    assert words("The patient's recovery is checked every week.") == []
    assert words("Chances of response are about one in three in published trials.") == []


def test_the_speakers_disclaimer_later_in_the_sentence_puts_the_claim_aside() -> None:
    lint = lint_of(r"categories: {superlative: {why: x, words: [better], patterns: ["
                   r"'\bcompared (with|to) other clinics\b[^.]{0,40}\bbetter\b']}}")
    assert found(lint, "Compared with other clinics, we do not claim to be better.") == []
    assert found(lint, "Other care may suit you better, and we don't claim otherwise.") == []
    assert found(lint, "Compared with other clinics, our care is better.") != []
    assert found(lint, "Our care is better, and we do not say that lightly.") != []  # insisting, not disowning


def test_a_quoted_question_or_worry_is_no_testimonial() -> None:
    assert words("会社員の方からは「効くのか不安です」という質問をよくいただきます。") == []
    assert words("会社員・40代「毎朝起きられるようになりました」") != []


def test_a_claims_shape_is_found_without_a_listed_word_and_read_by_the_same_grammar() -> None:
    lint = lint_of("categories: {guarantee: {why: x, words: [guaranteed]}, testimonial: {why: x, words: [testimonial]},"
                   " exaggeration: {why: x, words: [miracle]}}")
    assert [(f.category, f.word) for f in lint.findings("Your evenings will be calmer.")] == [
        ("guarantee", "a result promised to the reader")]
    assert found(lint, "We cannot say that your evenings will be calmer.") == []
    assert found(lint, "Mr. K is back at work and thriving.") == ["mr. k is back"]
    assert found(lint, "We do not tell stories like Mr. K's, who is back at work.") == []
    assert found(lint, "Exosomes enhance nerve repair.") != []
    assert found(lint, "It is thought that exosomes enhance nerve repair; this is a hypothesis.") == []
    assert found(lint, "Don't let another spring pass you by.") == []  # the lists hold no 'discount' category
    listed = lint_of("categories: {guarantee: {why: x, words: [calmer]}}")
    assert [f.word for f in listed.findings("Your evenings will be calmer.")] == [
        "calmer"]  # the listed word names the finding; the shape over the same words adds none
