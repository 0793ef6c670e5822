"""What the questionnaire, crisis, FAQ and distress checks tell staff, in the language of the file.

Those checks live in their own packages (``bot.intake.check``, ``bot.safety.check``, ``bot.search``) and word their
messages in English, for programmers reading the code and its tests. When they run inside ``python -m bot check``,
the content checker passes each message through ``localize_domain``: for ``content/ja`` (and the shared files) it
becomes Japanese, and in both languages it gains what was found, what is expected and how to fix it, as every other
checker message does. A message no entry knows is left as it is (a test keeps the table complete).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.content.problems import lang_of

_DYM = r"(?: \(did you mean '(?P<dym>[^']+)'\?\))?"
_Texts = tuple[str, str, str]


@dataclass(frozen=True)
class _Entry:
    pattern: re.Pattern[str]
    found: str
    ja: _Texts
    en: _Texts


def _e(pattern: str, found: str, ja: _Texts, en: _Texts) -> _Entry:
    return _Entry(re.compile(pattern), found, ja, en)


BOTH = "両方の言語の intake.yaml で同じにしてください。"
ENTRIES: list[_Entry] = [
    # --- intake.yaml: one language ----------------------------------------------------------------------------
    _e(r"^duplicate id '(?P<a>[^']+)' \(already used by questions\[(?P<b>\d+)\]\)$", "{a}",
       ("「{a}」という id は、すでに questions[{b}] で使われています", "質問ごとに違う id",
        "どちらかの id を別の名前に変えてください（ほかの言語の intake.yaml の同じ質問も同じ id にします）。"),
       ("the id '{a}' is already used by questions[{b}]", "each question with its own id",
        "rename one of the two (and the same question in the other language's intake.yaml)")),
    _e(r"^no question is marked 'health: true'", "",
       ("health: true の付いた質問がありません（健康に関する質問は、同意をいただいた後にだけ聞きます）",
        "健康に関する質問に health: true", "症状や治療歴など、健康に関する質問に health: true を加えてください。"),
       ("no question is marked 'health: true' (health questions are asked only after consent)",
        "health: true on every question about health",
        "add health: true to the questions about symptoms, treatment and other health matters")),
    _e(r"^the thanks should show the application number", "thanks:",
       ("お礼の文に受付番号がありません", "thanks: の文に {{{{ lead_id }}}}",
        "thanks: の文に {{{{ lead_id }}}} を入れてください（患者さんがお問い合わせのときに使います）。"),
       ("the thanks does not show the application number", "{{{{ lead_id }}}} in thanks:",
        "add {{{{ lead_id }}}} to thanks: (patients quote it when they contact the clinic)")),
    _e(r"^expected choices with a 'range'", "amount:",
       ("amount: のある質問ですが、選択肢に range:（[から, まで]、年数）がありません", "各選択肢に range: [から, まで]",
        "選択肢ごとに range: [0, 12] のように年の範囲を書くか、amount: の行を消してください。"),
       ("the question has 'amount' but its choices have no 'range'", "range: [from, to] (in years) on each choice",
        "give each choice a range such as range: [0, 12], or remove amount:")),
    _e(r"^duplicate choice id '(?P<a>[^']+)' in question '(?P<b>[^']+)'$", "{a}",
       ("質問「{b}」の選択肢に「{a}」という id が2回あります", "選択肢ごとに違う id",
        "どちらかの id を別の名前に変えてください。"),
       ("the choice id '{a}' appears twice in question '{b}'", "each choice with its own id",
        "rename one of the two")),
    _e(r"^a screening answer is health information", "flag: screening",
       ("確認が必要な答え（flag: screening）は健康情報ですが、この質問に health: true がありません",
        "この質問に health: true",
        "この質問に health: true を加えてください（同意をいただいた後に聞くようになります）。"),
       ("a screening answer is health information, but the question has no 'health: true'",
        "health: true on the question", "add health: true to the question (it is then asked after consent)")),
    _e(r"^'exclusive' only matters in a multi question; this is a (?P<a>\w+) question$", "exclusive: ({a})",
       ("exclusive: は複数選択（multi）の質問でだけ使えます（この質問は {a}）", "kind: multi の質問",
        "exclusive: の行を消すか、質問を kind: multi にしてください。"),
       ("'exclusive' only matters in a multi question; this is a {a} question", "kind: multi",
        "remove exclusive:, or make the question kind: multi")),
    _e(r"^'range' is only used when the question has 'amount", "range:",
       ("range: は amount: age か amount: duration のある質問でだけ使われます",
        "質問に amount: age または amount: duration",
        "range: を消すか、質問に amount: を加えてください。"),
       ("'range' is only used when the question has 'amount: age' or 'amount: duration'",
        "amount: age or amount: duration on the question", "remove range:, or add amount: to the question")),
    _e(r"^expected \[from, to\] with from <= to, found (?P<a>.+)$", "{a}",
       ("range: の数の順番が逆です", "[小さい数, 大きい数]", "2つの数を入れ替えてください。"),
       ("the range is the wrong way round", "[from, to] with from <= to", "swap the two numbers")),
    _e(r"^question id '(?P<a>[^']+)' and choice id '(?P<b>[^']+)' are too long together for a Telegram button "
       r"\((?P<c>\d+) bytes\)", "{a} / {b}",
       ("質問の id「{a}」と選択肢の id「{b}」を合わせると、Telegram のボタンに入りません（{c}バイトまで）",
        "もっと短い id",
        "どちらかの id を短くしてください（ほかの言語の intake.yaml も同じ id にします）。"),
       ("question id '{a}' and choice id '{b}' are too long together for a Telegram button ({c} bytes)",
        "shorter ids", "shorten one of them, in both languages' intake.yaml")),
    _e(r"^no question '(?P<a>[^']+)' \(it exists in (?P<b>\S+)\)$", "{a}",
       ("「{a}」の質問がありません（{b} にはあります）", "両方の言語で同じ質問",
        "同じ id の質問をこのファイルにも作るか、{b} から消してください。"),
       ("no question '{a}' (it exists in {b})", "the same questions in both languages",
        "add the question here too, or remove it from {b}")),
    _e(rf"^no question '(?P<a>[^']+)'{_DYM}$", "{a}",
       ("「{a}」という質問はありません", "questions: にある質問の id",
        "when: の質問 id のつづりを確かめてください{dym_ja}"),
       ("no question '{a}'", "the id of a question in questions:", "check the spelling of the question id{dym_en}")),
    _e(r"^question '(?P<a>[^']+)' cannot depend on its own answer$", "{a}",
       ("質問「{a}」の when: が、その質問自身の答えを使っています", "この質問より前の質問の id",
        "when: には、この質問より前にある質問の id を書いてください。"),
       ("question '{a}' cannot depend on its own answer", "the id of an earlier question",
        "base the condition on an earlier question")),
    _e(r"^question '(?P<a>[^']+)' comes later \(questions\[(?P<b>\d+)\]\)", "{a}",
       ("質問「{a}」はこの質問より後（questions[{b}]）にあります。when: には前の質問の答えしか使えません",
        "この質問より前にある質問", "質問の順番を入れ替えるか、when: を前にある質問にしてください。"),
       ("question '{a}' comes later (questions[{b}]): a condition can only use the answer to an earlier question",
        "an earlier question", "move that question up, or base the condition on an earlier question")),
    _e(r"^question '(?P<a>[^']+)' is a (?P<b>\w+) question: a condition can only use a choice or multi question$",
       "{a} ({b})",
       ("質問「{a}」は {b} の質問です。when: に使えるのは、選択肢のある質問（choice / multi）だけです",
        "kind: choice または multi の質問", "when: には、選択肢のある質問の id を書いてください。"),
       ("question '{a}' is a {b} question: a condition can only use a choice or multi question",
        "a choice or multi question", "base the condition on a question with choices")),
    _e(r"^expected a choice id of '(?P<a>[^']+)' or a list of them, found \[\]$", "[]",
       ("質問「{a}」の選択肢の id が書かれていません", "選択肢の id、またはそのリスト",
        "[] の中に選択肢の id を書いてください。"),
       ("no choice id of '{a}' is given", "a choice id of '{a}' or a list of them", "put the choice ids inside []")),
    _e(rf"^question '(?P<a>[^']+)' has no choice '(?P<b>[^']+)'{_DYM}$", "{b}",
       ("質問「{a}」に「{b}」という選択肢はありません", "質問「{a}」の choices: にある id",
        "選択肢の id のつづりを確かめてください{dym_ja}"),
       ("question '{a}' has no choice '{b}'", "an id from the choices of '{a}'",
        "check the spelling of the choice id{dym_en}")),
    _e(r"^'(?P<a>\w+)' is used only by number and date questions; this is a (?P<b>\w+) question$", "{a}: ({b})",
       ("{a}: は数字（number）と日付（date）の質問でだけ使われます（この質問は {b}）",
        "kind: number または date の質問",
        "{a}: の行を消してください。"),
       ("'{a}' is used only by number and date questions; this is a {b} question", "kind: number or date",
        "remove {a}:")),
    _e(r"^min \((?P<a>[^)]+)\) is larger than max \((?P<b>[^)]+)\)$", "min {a}, max {b}",
       ("min（{a}）が max（{b}）より大きくなっています", "min が max 以下", "min と max の値を直してください。"),
       ("min ({a}) is larger than max ({b})", "min <= max", "correct min or max")),
    _e(r"^'max_length' is used only by text questions; this is a (?P<a>\w+) question$", "max_length: ({a})",
       ("max_length: は文字で答える質問（text）でだけ使われます（この質問は {a}）", "kind: text の質問",
        "max_length: の行を消してください。"),
       ("'max_length' is used only by text questions; this is a {a} question", "kind: text", "remove max_length:")),
    _e(rf"^no policy '(?P<a>[^']*)' in settings.yaml{_DYM}; the policies are (?P<b>.+)$", "minors_policy: {a}",
       ("settings.yaml に「{a}」という方針（policy）はありません",
        "settings.yaml の policy: にある yes / no の方針の名前（{b}）",
        "minors_policy: の名前のつづりを確かめてください{dym_ja}"),
       ("settings.yaml has no policy '{a}'", "the name of a yes / no policy under policy: in settings.yaml ({b})",
        "check the spelling of the policy name{dym_en}")),
    _e(r"^question '(?P<a>[^']+)' has choices with 'minors_policy' but no 'minors_note'", "minors_policy:",
       ("質問「{a}」には minors_policy: の付いた選択肢がありますが、18歳未満の方にその選択肢を出さない理由を伝える "
        "minors_note: がありません", "質問に minors_note:（理由を伝える短い1文）",
        "質問に minors_note: を加えてください。例：「当院では、18歳未満の方への{{{{ withheld }}}}は行っていません。」"),
       ("question '{a}' has choices with minors_policy: but no minors_note: to tell applicants under 18 why they "
        "are not offered", "minors_note: on the question (one short line saying why)",
        "add minors_note: to the question, e.g. \"At this clinic, patients under 18 are not offered "
        "{{{{ withheld }}}}.\"")),
    _e(r"^'minors_note' is shown only when a choice has 'minors_policy'; question '(?P<a>[^']+)' has none$",
       "minors_note:",
       ("minors_note: は、minors_policy: の付いた選択肢があるときだけ表示されます（質問「{a}」にはありません）",
        "選択肢に minors_policy:", "minors_note: を消すか、該当する選択肢に minors_policy: を加えてください。"),
       ("minors_note: is shown only when a choice has minors_policy:; question '{a}' has none",
        "minors_policy: on a choice", "remove minors_note:, or add minors_policy: to the choice it is about")),
    _e(r"^no earlier question has a choice with 'flag: minor'", "minors_policy:",
       ("この質問より前に flag: minor の選択肢（18歳未満の年齢）がないため、この質問のときには年齢がわかりません",
        "年齢の質問（flag: minor のある選択肢）をこの質問より前に",
        "年齢の質問をこの質問より前に移してください。"),
       ("no earlier question has a choice with flag: minor, so the age is not known when this question is asked",
        "the age question (with flag: minor) before this question", "move the age question above this one")),
    # --- intake.yaml: both languages --------------------------------------------------------------------------
    _e(r"^differs from (?P<a>\S+): (?P<b>.+) here, (?P<c>.+) there \(both languages must match\)$", "{b}",
       ("{a} と違います（ここ：{b}、あちら：{c}）", "両方の言語で同じ値", BOTH),
       ("differs from {a}: {b} here, {c} there", "the same value in both languages", "make both languages match")),
    _e(r"^questions are in a different order from (?P<a>\S+): \[(?P<b>[^\]]*)\] here, \[(?P<c>[^\]]*)\] there", "{b}",
       ("質問の順番が {a} と違います（ここ：{b}、あちら：{c}）", "両方の言語で同じ順番",
        "質問を {a} と同じ順番に並べてください。"),
       ("questions are in a different order from {a}: [{b}] here, [{c}] there", "the same order in both languages",
        "put the questions in the order of {a}")),
    _e(r"^choice ids differ from (?P<a>\S+): \[(?P<b>[^\]]*)\] here, \[(?P<c>[^\]]*)\] there", "{b}",
       ("選択肢の id が {a} と違います（ここ：{b}、あちら：{c}）", "両方の言語で同じ選択肢の id",
        "選択肢の id を {a} とそろえてください（label: の文字は訳してかまいません）。"),
       ("choice ids differ from {a}: [{b}] here, [{c}] there", "the same choice ids in both languages",
        "use the choice ids of {a} (translate only the labels)")),
    # --- crisis.yaml ------------------------------------------------------------------------------------------
    _e(r"^(?P<a>.+) matches an empty message, so every message would be flagged$", "{a}",
       ("このパターンは空のメッセージにも当てはまるため、すべてのメッセージが危険と判定されてしまいます",
        "何か文字があるときだけ当てはまるパターン",
        "パターンを直すか消してください（* や ? だけの部分がないか確かめてください）。"),
       ("this pattern matches an empty message, so every message would be flagged", "a pattern that needs some text",
        "fix or remove the pattern (look for parts made only of * or ?)")),
    _e(r"^(?P<a>.+) is the same as not_risk\[(?P<b>\d+)\] (?P<c>.+) once normalised; remove it$", "{a}",
       ("not_risk[{b}] {c} と同じ例です（かな・全角半角などをそろえると同じになります）", "同じ例は1回だけ",
        "この行を消してください。"),
       ("the same as not_risk[{b}] {c} once normalised", "each example once", "remove this line")),
    _e(r"^(?P<a>.+) contains no risk phrase or pattern, so it silences nothing$", "{a}",
       ("この例には危険を示す言い回しもパターンも含まれていないため、何も打ち消しません",
        "phrases か patterns の言い回しを含む、ふつうのメッセージの例",
        "この行を消すか、打ち消したい言い回しをそのまま含む例にしてください。"),
       ("this example contains no risk phrase or pattern, so it silences nothing",
        "an ordinary message that contains a risk phrase or pattern",
        "remove it, or write the exact message it should let through")),
    _e(r"^(?P<a>.+) leaves (?P<b>.+) once width, kana, spaces and punctuation are normalised; a phrase needs at least "
       r"(?P<c>\d+) letters$", "{a} → {b}",
       ("かな・全角半角・空白・記号をそろえると短くなりすぎます（言い回しは{c}文字以上必要です）",
        "{c}文字以上の言い回し",
        "前後の言葉も含めた、もう少し長い言い回しにしてください。"),
       ("too short once width, kana, spaces and punctuation are normalised (a phrase needs at least {c} letters)",
        "at least {c} letters", "make the phrase longer, with the words around it")),
    _e(r"^(?P<a>.+) is already caught by phrases\[(?P<b>\d+)\] (?P<c>.+) \(kana, width and spelling variants are "
       r"matched automatically\); remove it$", "{a}",
       ("phrases[{b}] {c} ですでに見つかります（かな・全角半角・表記のゆれは自動でそろえます）",
        "同じ言い回しは1回だけ",
        "この行を消してください。"),
       ("already caught by phrases[{b}] {c} (kana, width and spelling variants are matched automatically)",
        "each phrase once", "remove this line")),
    _e(r"^(?P<a>'@[^']*') is not a word list of this file; the lists are (?P<b>.+?)\. Fix the name, or add the list "
       r"under 'words:'$", "{a}",
       ("{a} という単語リストはこのファイルにありません（あるのは {b}）", "words: にあるリストの名前",
        "名前のつづりを直すか、words: にそのリストを加えてください。"),
       ("{a} is not a word list of this file; the lists are {b}", "the name of a list under words:",
        "fix the name, or add the list under words:")),
    _e(r"^no rule uses @(?P<a>\S+); use it in a rule or remove it$", "@{a}",
       ("単語リスト @{a} はどのルールにも使われていません", "rules: の parts: で使われるリスト",
        "ルールの parts: で使うか、リストを消してください。"),
       ("no rule uses @{a}", "a list used in a rule's parts:", "use it in a rule, or remove it")),
    _e(r"^rule (?P<a>'[^']*') matches not_risk\[(?P<b>\d+)\] (?P<c>.+), which is listed as an ordinary message",
       "{a}",
       ("ルール {a} が、ふつうのメッセージとして挙げた not_risk[{b}] {c} に当てはまります",
        "not_risk の例には当てはまらないルール",
        "ルールを狭める（単語リストを短く、間の語数を少なく）か、その例を消してください。"),
       ("rule {a} matches not_risk[{b}] {c}, which is listed as an ordinary message",
        "a rule that lets the file's ordinary examples through",
        "narrow the rule (a shorter word list, a smaller gap) or remove the example")),
    # --- faq.yaml, distress.yaml ------------------------------------------------------------------------------
    _e(r"^'(?P<a>\w+)' here, but its page '(?P<b>\w+)' is about '(?P<c>\w+)'", "{a}",
       ("ここは「{a}」ですが、「くわしく」のページ {b} は「{c}」についてのページです",
        "答えが扱う治療（tms, exosome, combined）",
        "treatment: を答えの内容に合わせるか、行ごと消してください。"),
       ("'{a}' here, but its page '{b}' is about '{c}'", "the treatment the answer is about (tms, exosome, combined)",
        "correct treatment:, or leave it out")),
    _e(r"^(?P<a>.+) is not taken as a wish to apply: add the word it uses to 'subjects', 'wishes' or 'alone', or take "
       r"it out of 'not_in_sentence' and 'not_in_message'$", "{a}",
       ("この例が、申込・予約・連絡の希望として見つかりません", "申込を始める例",
        "例で使っている言葉を subjects:・wishes:（連絡なら contacts:・contact_asks:）に加えるか、"
        "not_in_sentence:・not_in_message: から外してください。"),
       ("not taken as a wish to apply", "an example that starts the application",
        "add the word it uses to subjects:, wishes: or alone:, or take it out of not_in_sentence: and "
        "not_in_message:")),
    _e(r"^(?P<a>.+) is taken as a wish to apply: add the phrase that makes it a question to 'not_in_sentence' or "
       r"'not_in_message'$", "{a}",
       ("質問の例なのに、申込の希望と判定されます", "申込を始めない例（質問のまま）",
        "質問だとわかる言い回しを not_in_sentence:（その文だけ）か not_in_message:（メッセージ全体）に"
        "加えてください。"),
       ("taken as a wish to apply although it is listed as a counter-example", "an example that stays a question",
        "add the phrase that makes it a question to not_in_sentence: or not_in_message:")),
    _e(r"^(?P<a>.+) has an unpaired brace: close every opening brace of alternatives$", "{a}",
       ("かっこ {{ }} が対になっていません", "{{a|b}} の形の書き分け",
        "{{ と }} を対にしてください（例: {{申し込|申込}}）。"),
       ("an unpaired brace", "alternatives written as {{a|b}}", "pair every {{ with a }}")),
    _e(r"^(?P<a>.+) is not a phrase of the lists above, so this does nothing: write it as it is listed there$", "{a}",
       ("この言葉は上のどのリストにもないため、ここに書いても効果がありません", "上のリストにある言葉",
        "リストに書いてあるとおりの形で書いてください。"),
       ("not a phrase of the lists above, so this does nothing", "a phrase listed above",
        "write it as it is listed there")),
    _e(r"^(?P<a>.+) is not recognised as distress: add a phrase it contains to 'phrases'$", "{a}",
       ("この例が、つらさを伝える言葉として見つかりません", "phrases: の言い回しを含む例",
        "この例に含まれる言い回しを phrases: に加えてください。"),
       ("not recognised as distress", "an example containing one of phrases:",
        "add a phrase it contains to phrases:")),
    _e(r"^(?P<a>.+) is taken as distress: add the phrase around the distress word to 'not_distress', or make it a "
       r"question$", "{a}",
       ("つらさを伝える言葉ではない例なのに、そう判定されます", "つらさの言葉と判定されない例",
        "その言葉を含む言い回しを not_distress: に加えるか、例を質問の形にしてください。"),
       ("taken as distress although it is listed as a counter-example", "an example that is not taken as distress",
        "add the phrase around the distress word to not_distress:, or make it a question")),
    _e(r"^(?P<a>.+) is not taken as distress about someone close: add the person word to 'someone_else' or the "
       r"phrase to a family$", "{a}",
       ("身近な人（お子さんやご家族）のつらさとして判定されません", "身近な人のつらさと判定される例",
        "その人を表す言葉を someone_else: に加えるか、つらさの言い回しを families: に加えてください。"),
       ("not taken as distress about someone close", "an example taken as distress about someone close",
        "add the person word to someone_else:, or the phrase to a family")),
    _e(r"^(?P<a>.+) is not taken as the writer's own distress: add the writer's word to 'me', or a phrase to a "
       r"family$", "{a}",
       ("書いた人ご自身のつらさとして判定されません", "書いた人自身のつらさと判定される例",
        "書いた人を表す言葉（私など）を me: に加えるか、つらさの言い回しを families: に加えてください。"),
       ("not taken as the writer's own distress", "an example taken as the writer's own distress",
        "add the writer's word to me:, or a phrase to a family")),
]


def localize_domain(file: str, message: str, parts: dict[str, str]) -> tuple[str, dict[str, str]]:
    """The message in the language of ``file``, with what was found, what is expected and how to fix it."""
    for entry in ENTRIES:
        match = entry.pattern.search(message)
        if match is None:
            continue
        values = {k: v or "" for k, v in match.groupdict().items()}
        dym = values.get("dym", "")
        values["dym_ja"] = f"（「{dym}」のことですか？）" if dym else "。"
        values["dym_en"] = f" (did you mean '{dym}'?)" if dym else ""
        text, expected, fix = entry.ja if lang_of(file) == "ja" else entry.en
        return text.format(**values), {
            "found": parts.get("found") or entry.found.format(**values),
            "expected": parts.get("expected") or expected.format(**values),
            "fix": parts.get("fix") or fix.format(**values),
        }
    return message, parts
