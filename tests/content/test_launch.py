"""The launch gate, facts written once, and what staff read about them: exact messages, in the file's language."""

from __future__ import annotations

import shutil
from pathlib import Path

from bot.__main__ import main
from bot.content.launch import startup_notice
from bot.content.loader import load_content
from bot.content.render import MissingFact, leave_out_missing
from tests.content.conftest import ContentTree
from tests.shipped import shipped_content

SHIPPED = Path(__file__).resolve().parents[2] / "content"
FILLED = {
    "clinic.yaml": [('phone: ""', 'phone: "052-000-0000"'), ('address: ""', 'address: "名古屋市千種区1-2-3"'),
                    ('consultation: ""', 'consultation: "5,500円"'), ('tms_session: ""', 'tms_session: "11,000円"'),
                    ('tms_course: ""', 'tms_course: "330,000円"'),
                    ('exosome_infusion: ""', 'exosome_infusion: "220,000円"'),
                    ('combined_course: ""', 'combined_course: "1,500,000円"')],
    "settings.yaml": [("tms_for_under_18: undecided", "tms_for_under_18: no"),
                      ("exosome_for_under_18: undecided", "exosome_for_under_18: no"),
                      ("combined_for_under_18: undecided", "combined_for_under_18: no"),
                      ("fee_reduction: undecided", "fee_reduction: no"),
                      ("results_published: undecided", "results_published: no"),
                      ("research: undecided", "research: no")],
}
LANGUAGE_FACTS = [('hours: ""', 'hours: "9:00-18:00"'), ('product_source: ""', 'product_source: "TEST SOURCE"'),
                  ('after_applying: ""', 'after_applying: "TEST AFTER"'),
                  ('what_monitors_do: ""', 'what_monitors_do: "TEST DUTIES"'),
                  ('how_to_withdraw: ""', 'how_to_withdraw: "TEST WITHDRAW"')]


def shipped_copy(tmp_path: Path) -> ContentTree:
    root = tmp_path / "content"
    shutil.copytree(SHIPPED, root)
    return ContentTree(root)


def fill(tree: ContentTree) -> None:
    for file, pairs in FILLED.items():
        for old, new in pairs:
            tree.replace(file, old, new)
    for lang in ("ja", "en"):
        for old, new in LANGUAGE_FACTS:
            tree.replace(f"{lang}/clinic.yaml", old, new)


def launch_errors(root: Path) -> list[tuple[str, str]]:
    _content, problems = load_content(root, launch=True)
    return [(p.file, p.where) for p in problems.errors]


def test_shipped_content_fails_launch_naming_every_missing_fact(capsys) -> None:
    assert main(["check", "--launch", "--content", str(SHIPPED)]) == 1
    assert capsys.readouterr().out.strip().endswith("FAILED: 23 error(s), 0 warning(s), 0 notice(s)")
    shared = ["phone", "address", "prices.consultation", "prices.tms_session", "prices.tms_course",
              "prices.exosome_infusion", "prices.combined_course"]
    per_language = ["hours", "product_source", "after_applying", "monitor.what_monitors_do",
                    "monitor.how_to_withdraw"]
    decisions = ["policy.tms_for_under_18", "policy.exosome_for_under_18", "policy.combined_for_under_18",
                 "monitor.fee_reduction",
                 "monitor.results_published", "monitor.research"]
    assert launch_errors(SHIPPED) == [
        *(("content/clinic.yaml", f) for f in shared),
        *(("content/ja/clinic.yaml", f) for f in per_language),
        *(("content/en/clinic.yaml", f) for f in per_language),
        *(("content/settings.yaml", f) for f in decisions),
    ]


def test_a_filled_copy_passes_launch_and_shows_the_facts(tmp_path: Path) -> None:
    tree = shipped_copy(tmp_path)
    fill(tree)
    content, problems = load_content(tree.root, launch=True)  # what check --launch --strict reads (CLI: above)
    assert content is not None and not problems.errors and not problems.warnings, problems.report()
    assert content.missing_facts() == []
    en_clinic = content.page("en", "clinic").messages[0]  # type: ignore[union-attr]
    assert "Phone: 052-000-0000" in en_clinic and "名古屋市千種区1-2-3" in en_clinic  # written once, shown in both
    assert "Not listed here yet: website, e-mail address and directions." in en_clinic  # optional, still empty
    status = "\n".join(content.page("ja", "exosome_status").messages)  # type: ignore[union-attr]
    assert "TEST SOURCE" in status and "入手経路：TEST SOURCE" in status  # the page and its notice say the same
    page = content.page("ja", "monitor")
    assert page is not None
    monitor = "\n".join([*page.messages, *page.more[0]])
    assert "TEST DUTIES" in monitor and "TEST WITHDRAW" in monitor and "TEST AFTER" in monitor
    assert "モニターになっても、費用は変わりません" in monitor
    assert "エクソソーム点滴は、18歳未満の方には行っていません" in monitor


def test_launch_error_message_in_japanese_and_english(tmp_path: Path) -> None:
    tree = shipped_copy(tmp_path)
    fill(tree)
    tree.replace("clinic.yaml", 'phone: "052-000-0000"', 'phone: ""')
    tree.replace("en/clinic.yaml", 'product_source: "TEST SOURCE"', 'product_source: ""')
    _content, problems = load_content(tree.root, launch=True)
    assert [str(p) for p in problems.errors] == [
        "content/clinic.yaml:7: phone: 公開の前に必要な情報がまだ空です（広告には問い合わせ先が必要です）\n"
        "    見つかった内容: \"\"\n"
        "    正しい形: 電話番号（例 052-000-0000）\n"
        "    直し方: content/clinic.yaml の phone: に記入してください。推測では書かないでください。",
        "content/en/clinic.yaml:12: product_source: required before launch and still empty (advertising an "
        "unapproved product requires how it is obtained)\n"
        "    found: \"\"\n"
        "    expected: maker, country and how it is imported\n"
        "    fix: fill in product_source: in content/en/clinic.yaml; never guess",
        "content/en/clinic.yaml:12: product_source: filled in content/ja/clinic.yaml but empty here (patients of "
        "both languages need it)\n"
        "    found: \"\"\n"
        "    expected: filled in both languages\n"
        "    fix: fill in product_source: in this file too",
    ]
    _content, problems = load_content(tree.root)  # without --launch: notices, and a warning for the language gap
    assert [p.where for p in problems.warnings] == ["product_source"]
    assert {p.where for p in problems.notices} == {"phone", "product_source"}


def test_a_shared_fact_written_in_a_language_file_is_one_error(tree: ContentTree) -> None:
    tree.write("ja/clinic.yaml", (tree.root / "ja/clinic.yaml").read_text(encoding="utf-8") + 'phone: "03-1111"\n')
    _content, problems = load_content(tree.root)
    assert [str(p) for p in problems] == [
        "content/ja/clinic.yaml:11: phone: この項目は言語によらないため、content/clinic.yaml に一度だけ書きます\n"
        "    見つかった内容: phone: '03-1111'\n"
        "    正しい形: content/clinic.yaml の phone:\n"
        "    直し方: この行を消し、値を content/clinic.yaml の phone: に書いてください。"
    ]


def test_yes_and_no_may_be_written_bare(tree: ContentTree) -> None:
    tree.write("settings.yaml", (tree.root / "settings.yaml").read_text(encoding="utf-8")
               + "policy:\n  exosome_for_under_18: yes\n  combined_for_under_18: no\n")
    content, problems = load_content(tree.root)
    assert content is not None and not problems.errors
    policy = content.settings.policy
    assert (policy.exosome_for_under_18, policy.combined_for_under_18) == ("yes", "no")


def test_one_yaml_mistake_gives_one_message(tmp_path: Path) -> None:
    tree = shipped_copy(tmp_path)
    tree.replace("ja/menu.yaml", "title: 知りたいことを選んでください", "title: 知りたいこと: 選んでください")
    _content, problems = load_content(tree.root)
    assert [str(p) for p in problems.errors] == [
        "content/ja/menu.yaml:8: 書き方の誤りで、このファイルを読み込めません："
        "値の途中に「: 」（コロンと空白）があります\n"
        "    見つかった内容: title: 知りたいこと: 選んでください\n"
        "    正しい形: 「キー: 値」の形で、値の中のコロンは引用符の内側\n"
        "    直し方: 値全体を \"...\" で囲むか、コロンを「：」（全角）にしてください。"
    ]


def test_notices_take_one_line_unless_verbose(capsys) -> None:
    assert main(["check", "--content", str(SHIPPED)]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert out[-2].startswith("クリニックに記入してもらう項目 / to be filled in by the clinic: 17 (phone, address, ")
    assert out[-2].endswith("— 一覧は --verbose / list them with --verbose")
    assert len(out) == 2
    assert main(["check", "--verbose", "--content", str(SHIPPED)]) == 0
    verbose = capsys.readouterr().out
    assert "content/en/clinic.yaml:10: hours: to be filled in by the clinic" in verbose


def test_staff_are_told_which_facts_are_missing() -> None:
    content, _ = shipped_content()
    assert content is not None
    text = startup_notice(content.missing_facts())
    assert text is not None
    lines = text.splitlines()
    assert lines[0].startswith("⚠️ 公開前に必要なクリニックの情報・方針が23件まだありません。")
    assert lines[1:4] == ["・clinic.yaml: phone", "・clinic.yaml: address", "・clinic.yaml: prices.consultation"]
    assert "・en/clinic.yaml: product_source" in lines
    assert "・settings.yaml: policy.exosome_for_under_18 (undecided)" in lines
    assert startup_notice([]) is None


def test_missing_fact_line_is_left_out_never_a_circular_placeholder() -> None:
    content, _ = shipped_content()
    assert content is not None
    for lang in ("ja", "en"):
        for page in content.lang(lang).rendered.values():
            text = "\n".join([*page.messages, *(m for part in page.more for m in part)])
            assert "お問い合わせください）" not in text and "(please ask the clinic)" not in text, page.id
            assert "\x00" not in text, page.id
    clinic = content.page("ja", "clinic").messages[0]  # type: ignore[union-attr]
    assert "電話：" not in clinic
    assert ("クリニックの住所・電話番号・診療時間・ウェブサイト・メールアドレス・アクセスは、"
            "まだこのボットに載せていません。"
            "モニターにご応募いただいた方には、クリニックからご連絡する際にお伝えします。") in clinic


def test_a_lead_in_whose_whole_list_is_missing_is_left_out_too() -> None:
    missing = str(MissingFact("en", "clinic.prices.tms_session"))
    text = f"Self-paid.\n\nStandard prices:\n- One session: {missing}\n- A course: {missing}\n\nAsk the doctor."
    assert leave_out_missing(text, "en") == (
        "Self-paid.\n\n\nNot listed here yet: prices. If you apply as a monitor, the clinic will tell you when it "
        "contacts you.\n\n\nAsk the doctor.")
    partly = f"Standard prices:\n- First visit: 5,000 yen\n- One session: {missing}"
    assert leave_out_missing(partly, "en").startswith("Standard prices:\n- First visit: 5,000 yen\n")
    content, _ = shipped_content()
    assert content is not None
    costs = "\n".join(content.page("en", "costs").messages)  # type: ignore[union-attr]
    assert "Standard prices (tax included)" not in costs and "Not listed here yet: prices." in costs
    ja_costs = "\n".join(content.page("ja", "costs").messages)  # type: ignore[union-attr]
    assert "標準的な料金（税込）" not in ja_costs


def test_a_broken_clinic_file_or_page_gives_one_message_not_a_cascade(tmp_path: Path) -> None:
    tree = shipped_copy(tmp_path)
    tree.replace("ja/clinic.yaml", "name: 医療法人永朋会 和光医院", "name: 医療法人永朋会: 和光医院")
    tree.replace("en/pages/tms.md", "button: About TMS", "button: About: TMS")
    _content, problems = load_content(tree.root)
    assert [(p.file, p.line) for p in problems.errors] == [("content/ja/clinic.yaml", 6),
                                                          ("content/en/pages/tms.md", 3)]
    assert problems.warnings == []


def test_a_key_written_twice_is_an_error_not_a_silent_loss(tree: ContentTree) -> None:
    tree.replace("en/pages/exosome.md", "sources: [article]", "sources: [article]\nsources: [other]")
    assert [str(p) for p in load_content(tree.root)[1].errors] == [
        "content/en/pages/exosome.md:9: this file cannot be read because of a formatting mistake: the same key "
        "appears twice at one level (only the last would count; the first would vanish silently)\n"
        "    found: sources: [other]\n"
        "    expected: each key once\n"
        "    fix: merge the two into one"
    ]


def test_policy_defaults_are_the_safe_ones() -> None:
    content, _ = shipped_content()
    assert content is not None
    policy = content.settings.policy
    assert (policy.exosome_for_under_18, policy.combined_for_under_18) == ("undecided", "undecided")
    assert policy.guardian_path_under_age == 15
