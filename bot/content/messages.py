"""What the checker tells staff, in the language of the file they are editing.

Each entry gives the message, what was expected and how to fix it, in Japanese (``content/ja`` and the shared
files) and English (``content/en``); ``say`` fills in the values. Staff are not programmers: no parser words, one
concrete next step each.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from bot.content.problems import lang_of


@dataclass(frozen=True)
class Said:
    message: str
    expected: str = ""
    fix: str = ""

    def parts(self, found: str = "") -> dict[str, str]:
        return {"found": found, "expected": self.expected, "fix": self.fix}


_Text = tuple[str, str, str]

MESSAGES: dict[str, dict[str, _Text]] = {
    "fact_missing": {
        "ja": ("クリニックに記入してもらう項目です（空のあいだ、ボットはこの行を出さず、"
               "「クリニックからご連絡する際にお伝えします」と一言添えます）", "", ""),
        "en": ("to be filled in by the clinic (until then the bot leaves the line out and says once that the "
               "clinic will give it when it contacts the patient)", "", ""),
    },
    "launch_missing": {
        "ja": ("公開の前に必要な情報がまだ空です（{why}）",
               "{what}", "{file} の {field}: に記入してください。推測では書かないでください。"),
        "en": ("required before launch and still empty ({why})",
               "{what}", "fill in {field}: in {file}; never guess"),
    },
    "launch_undecided": {
        "ja": ("公開の前にクリニックが決める方針がまだ undecided です（決まるまでは「{default}」として扱います）",
               "yes か no", "{file} の {field}: を yes または no にしてください。"),
        "en": ("a policy the clinic must decide before launch is still undecided (treated as '{default}' meanwhile)",
               "yes or no", "set {field}: in {file} to yes or no"),
    },
    "launch_differs": {
        "ja": ("{other} では記入されていますが、ここは空です（両方の言語で同じ情報が必要です）",
               "両方の言語で記入されていること", "{field}: をこのファイルにも記入してください。"),
        "en": ("filled in {other} but empty here (patients of both languages need it)",
               "filled in both languages", "fill in {field}: in this file too"),
    },
    "fact_written_twice": {
        "ja": ("この項目は言語によらないため、content/clinic.yaml に一度だけ書きます",
               "content/clinic.yaml の {field}:",
               "この行を消し、値を content/clinic.yaml の {field}: に書いてください。"),
        "en": ("this fact is the same in every language and is written once, in content/clinic.yaml",
               "{field}: in content/clinic.yaml", "delete this line and put the value in content/clinic.yaml"),
    },
    "claim": {
        "ja": ("広告として使えない表現です（{category}）：{why}", "根拠のある事実を、保証や比較をせずに書くこと",
               "{rule} に当たります。{advice}正直な否定や手続きの説明で誤って見つかった場合は、"
               "lint_allow に word と理由を書いてください。"),
        "en": ("wording the advertising rules do not allow ({category}): {why}",
               "facts with their basis, without guarantees or comparisons",
               "this breaks {rule}. {advice}; if it is an honest negation or a procedure that was flagged by "
               "mistake, add a lint_allow entry with the word and the reason"),
    },
    "literal_markup": {
        "ja": ("記号「{mark}」が太字・斜体にならず、そのまま患者さんに表示されます",
               "**太字** のように、記号が対になって文字をはさんでいること",
               "記号の対をそろえるか、不要な記号を消してください（記号の内側に空白を入れないでください）。"),
        "en": ("the mark '{mark}' does not become bold or italic: patients would see it as it is",
               "marks in pairs around the text, like **bold**",
               "pair the marks or delete the stray one (no space just inside the marks)"),
    },
    "budget": {
        "ja": ("スマートフォンで読むには長すぎます：{length}字（目安は{budget}字まで、折りたたみの注意書きを除く）",
               "{budget}字以内のまとまり",
               "短くするか、区切りたい所に <!-- more --> だけの行を入れてください。"
               "続きは「続きを読む」ボタンで表示されます。"),
        "en": ("too long to read on a phone: {length} characters (aim for {budget}, not counting the folded notices)",
               "parts of at most {budget} characters",
               "shorten it, or put a line with only <!-- more --> where it may be split; the rest is shown behind "
               "a \"More\" button"),
    },
    "status_missing": {
        "ja": ("エクソソーム点滴または併用療法にふれていますが、未承認・研究段階であることが書かれていません",
               "本文に {words} のどれか、またはページに unapproved のお知らせ",
               "「未承認・研究段階の治療です」のような一文を加えてください。"),
        "en": ("names exosome infusion or the combined protocol but does not say it is unapproved / "
               "research-stage", "one of {words} in the text, or the unapproved notice on the page",
               "add a sentence such as \"exosome infusion is unapproved and research-stage\""),
    },
    "status_missing_text": {
        "ja": ("「{name}」にふれていますが、同じ画面に未承認・研究段階であることが書かれていません",
               "同じ文面に {words} のどれか",
               "「{name}」のすぐあとに「（未承認・研究段階の治療です）」のような一言を加えてください。"),
        "en": ("names '{name}' but the same screen does not say it is unapproved / research-stage",
               "one of {words} in the same text",
               "add the status right after the name, e.g. \"exosome infusion (unapproved, research-stage)\""),
    },
    "status_missing_catalog": {
        "ja": ("ボタンや案内の文言が「{name}」にふれていますが、未承認・研究段階であることが書かれていません",
               "同じ文言に {words} のどれか",
               "コードの中の英語の文（msgid）に状態を書き添えて scripts/update_catalogs.sh を実行し、"
               "この msgstr も同じように訳してください。"),
        "en": ("an interface string names '{name}' but does not say it is unapproved / research-stage",
               "one of {words} in the same string",
               "add the status to the English text in the code (the msgid), run scripts/update_catalogs.sh, and "
               "translate the Japanese msgstr to match"),
    },
    "yaml_syntax": {
        "ja": ("書き方の誤りで、このファイルを読み込めません：{what}", "{expected}", "{fix}"),
        "en": ("this file cannot be read because of a formatting mistake: {what}", "{expected}", "{fix}"),
    },
}

YAML_HINTS: list[tuple[str, dict[str, _Text]]] = [
    ("found duplicate key", {
        "ja": ("同じ項目名が同じ階層に2回あります（後の方だけが使われ、前の方は黙って消えてしまいます）", "項目名は1回だけ",
               "2つをひとつにまとめてください。"),
        "en": ("the same key appears twice at one level (only the last would count; the first would vanish silently)",
               "each key once", "merge the two into one"),
    }),
    ("mapping values are not allowed", {
        "ja": ("値の途中に「: 」（コロンと空白）があります", "「キー: 値」の形で、値の中のコロンは引用符の内側",
               "値全体を \"...\" で囲むか、コロンを「：」（全角）にしてください。"),
        "en": ("a ': ' (colon and space) in the middle of a value", "key: value, with any colon in a value quoted",
               "put the whole value in \"...\", or use another character than ':'"),
    }),
    ("cannot start any token", {
        "ja": ("行の始めにタブ文字または使えない記号があります", "字下げは半角スペースだけ",
               "タブを半角スペースに置き換えてください。"),
        "en": ("a tab or a character that cannot start a value", "indentation with spaces only",
               "replace the tab with spaces"),
    }),
    ("did not find expected ',' or ']'", {
        "ja": ("[ ] のリストが閉じていません", "[a, b] のように、[ と ] が対になっていること",
               "行の終わりに ] を足すか、引用符が閉じているか確かめてください。"),
        "en": ("a [ ] list is not closed", "[a, b], with [ and ] in pairs",
               "add the missing ] or close the quote before it"),
    }),
    ("did not find expected key", {
        "ja": ("字下げがそろっていないか、「- 」の位置がずれています", "同じ階層の行は同じ数のスペースで始まること",
               "上の行と字下げ（スペースの数）をそろえてください。"),
        "en": ("the indentation does not line up, or a '- ' is out of place", "lines of one level start at the "
               "same column", "line the indentation up with the lines above"),
    }),
    ("could not find expected ':'", {
        "ja": ("「キー: 値」の「:」が見つかりません", "キー: 値",
               "キーの後ろに「: 」を入れるか、前の行の引用符を閉じてください。"),
        "en": ("a 'key: value' line has no ':'", "key: value", "add ': ' after the key, or close a quote above"),
    }),
    ("found unexpected end of stream", {
        "ja": ("引用符（\" または '）が閉じられていません", "開いた引用符は同じ値の終わりで閉じること",
               "引用符を閉じてください。"),
        "en": ("a quote (\" or ') is never closed", "every opening quote closed", "close the quote"),
    }),
    ("expected <block end>", {
        "ja": ("字下げがそろっていません", "同じ階層の行は同じ数のスペースで始まること",
               "上の行と字下げ（スペースの数）をそろえてください。"),
        "en": ("the indentation does not line up", "lines of one level start at the same column",
               "line the indentation up with the lines above"),
    }),
]


def say(file: str, key: str, /, **params: Any) -> Said:
    """The message ``key`` in the language of ``file``, with ``{name}`` values filled in."""
    message, expected, fix = MESSAGES[key][lang_of(file)]
    return Said(message.format(**params), expected.format(**params), fix.format(**params))


def yaml_syntax(file: str, problem: str) -> Said:
    """A YAML parser's complaint, said in words staff understand."""
    lang = lang_of(file)
    for needle, texts in YAML_HINTS:
        if needle in problem:
            what, expected, fix = texts[lang]
            return say(file, "yaml_syntax", what=what, expected=expected, fix=fix)
    fallback = ("書き方の規則に合わない箇所があります", "「キー: 値」と、そろった字下げ",
                "この行とひとつ前の行の字下げ・引用符・コロンを確かめてください。") if lang == "ja" else (
        "something does not follow the YAML rules", "key: value lines with even indentation",
        "check the indentation, quotes and colons of this line and the one before")
    return say(file, "yaml_syntax", what=fallback[0], expected=fallback[1], fix=fallback[2])


# --- the checker's other messages, said in Japanese for content/ja and the shared files -------------------------

_DYM = r"(?: \(did you mean '(?P<dym>[^']+)'\?\))?"
_JA: list[tuple[re.Pattern[str], str, str, str]] = [
    (re.compile(rf"^no page '(?P<a>[^']+)'{_DYM}$"), "「{a}」というページはありません", "pages/ にあるファイル名（.md を除く）",
     "ページのファイル名を確かめてください{dym_ja}"),
    (re.compile(rf"^no notice '(?P<a>[^']+)' in (?P<b>\S+)/{_DYM}$"), "「{a}」というお知らせは {b}/ にありません",
     "notices/ にあるファイル名（.md を除く）", "お知らせのファイル名を確かめてください{dym_ja}"),
    (re.compile(r"^page cannot be reached from the main menu"), "このページはメインメニューからたどれません", "",
     "menu.yaml か、ほかのページの links: に加えてください。"),
    (re.compile(r"^must mention '(?P<a>.+)' \(as shown on (?P<b>\w+) pages; see notice_must_mention in settings\.yaml\)$"),
     "{b} のページに表示されるこのお知らせに「{a}」が書かれていません", "「{a}」を含む文",
     "settings.yaml の notice_must_mention にある言葉を、お知らせの本文に入れてください。"),
    (re.compile(r"^a (?P<a>\w+) page must show the notice '(?P<b>\w+)' \(add it to notices:\)$"),
     "{a} のページには「{b}」のお知らせが必要です", "notices: に {b}", "前書きの notices: に {b} を加えてください。"),
    (re.compile(r"^a treatment page should list its sources$"), "治療のページには出典が必要です", "sources: の一覧",
     "前書きに sources: を加え、根拠にした資料を書いてください。"),
    (re.compile(r"^last reviewed (?P<a>\S+), more than (?P<b>\d+) days ago"),
     "最後の見直し（{a}）から{b}日以上たっています", "", "内容を見直して、reviewed: の日付を更新してください。"),
    (re.compile(r"^date (?P<a>\S+) is in the future$"), "日付 {a} が未来になっています", "今日までの日付",
     "reviewed: の日付を直してください。"),
    (re.compile(r"^unknown key \(known keys: (?P<a>.+)\)$"), "この項目名は使えません（つづりの誤りかもしれません）",
     "{a} のどれか", "項目名のつづりを直すか、不要なら行ごと消してください。"),
    (re.compile(r"^required field is missing$"), "必要な項目がありません", "", "この項目を書き加えてください。"),
    (re.compile(r"^expected one of (?P<a>\[.*\]), found (?P<b>.+)$"), "決められた値ではありません：{b}", "{a} のどれか",
     "一覧にある値を、そのとおりに書いてください。"),
    (re.compile(r"^expected text, found (?P<a>.+)$"), "文字で書く項目です：{a}", "文字（必要なら \"...\" で囲む）",
     "値を \"...\" で囲んでください（yes / no / 数字だけの値も文字として扱われます）。"),
    (re.compile(r"^expected a list, found (?P<a>.+)$"), "リストで書く項目です：{a}", "[a, b] または「- 」で始まる行",
     "値をリストの形にしてください。"),
    (re.compile(r"^expected a mapping \(key: value\), found (?P<a>.+)$"), "「キー: 値」の形で書く項目です：{a}",
     "字下げした「キー: 値」の行", "下の行に字下げして「キー: 値」を書いてください。"),
    (re.compile(r"^expected a whole number, found (?P<a>.+)$"), "整数で書く項目です：{a}", "15 のような整数",
     "数字だけを書いてください。"),
    (re.compile(r"^expected true or false, found (?P<a>.+)$"), "true か false で書く項目です：{a}", "true または false",
     "true か false にしてください。"),
    (re.compile(r"^expected a date like (?P<a>\S+), found (?P<b>.+)$"), "日付の形ではありません：{b}", "{a} の形",
     "日付を 年-月-日（{a}）の形で書いてください。"),
    (re.compile(r"^file is missing$"), "ファイルがありません", "", "このファイルを作ってください（ほかの言語のファイルを写すと早いです）。"),
    (re.compile(r"^file is missing: (?P<a>\S+) exists in '(?P<b>\w+)'$"), "ファイルがありません（{a} はあります）", "",
     "同じ名前のファイルを、この言語のフォルダにも作ってください。"),
    (re.compile(r"^differs from (?P<a>\S+): (?P<b>.+) here, (?P<c>.+) there"), "{a} と違います（ここ：{b}、あちら：{c}）",
     "両方の言語で同じ値", "両方の言語で同じ値にしてください。"),
    (re.compile(r"^(?P<a>\S+) uses \{\{ (?P<b>\S+) \}\} but this page does not$"),
     "{a} では {{{{ {b} }}}} を使っていますが、このページにはありません", "", "両方の言語で同じ情報を載せてください。"),
    (re.compile(r"^no entry '(?P<a>[^']+)' \(it exists in (?P<b>\S+)\)$"), "「{a}」の項目がありません（{b} にはあります）", "",
     "同じ id の項目を、この言語にも作ってください。"),
    (re.compile(r"^menu differs from (?P<a>\S+)"), "メインメニューのボタンが {a} と違います", "両方の言語で同じ並び",
     "両方の menu.yaml で、同じページ・同じ順にしてください。"),
    (re.compile(r"^longer than one Telegram message: sent as (?P<a>\d+) messages$"),
     "Telegram の1通に入らないため、{a}通に分けて送ります", "", ""),
    (re.compile(r"^HTML tag <(?P<a>[^>]+)> is not accepted by Telegram"), "HTML タグ <{a}> は Telegram で使えません",
     "Markdown の書き方", "**太字**、_斜体_、[リンク](URL) を使ってください。"),
    (re.compile(r"^tag <(?P<a>[^>]+)> is never closed$"), "タグ <{a}> が閉じられていません", "</{a}>",
     "対になる閉じタグを書いてください。"),
    (re.compile(rf"^unknown variable: (?P<a>.+?){_DYM}$"), "知らない変数です：{a}", "{{{{ clinic.phone }}}} のような名前",
     "clinic.yaml にある項目名を、つづりどおりに書いてください{dym_ja}"),
    (re.compile(r"^cannot read the file"), "ファイルを読めません", "UTF-8 の文字コード", "UTF-8 で保存し直してください。"),
    (re.compile(r"^expected front matter between two '---' lines"), "先頭に --- ではさんだ前書きがありません",
     "1行目に ---、title: などの行、そして ---", "ページの先頭に前書き（title, button …）を書いてください。"),
    (re.compile(r"^string should have at least (?P<a>\d+) characters?$"), "短すぎます", "{a}文字以上",
     "もう少し詳しく書いてください。"),
    (re.compile(r"^(?P<a>\d+) buttons is too many for a phone screen"), "ボタンが{a}個あり、スマートフォンには多すぎます",
     "12個まで", "links: を減らしてください。"),
    (re.compile(r"^a single paragraph is longer than Telegram's (?P<a>\d+) characters"),
     "ひとつの段落が Telegram の上限（{a}字）を超えています", "", "段落を空行で分けてください。"),
    (re.compile(r"^a picture needs an image_caption"), "写真には image_caption（写真の内容と注意書き）が必要です", "",
     "前書きに image_caption: を書いてください。"),
    (re.compile(r"^language folder is missing \(settings\.yaml lists '(?P<a>\w+)'\)$"),
     "言語のフォルダ {a}/ がありません（settings.yaml の languages: にあります）", "{a}/ フォルダ",
     "{a}/ フォルダを作るか、settings.yaml の languages: から {a} を消してください。"),
    (re.compile(r"^folder is missing$"), "フォルダがありません", "", "このフォルダを作ってください（ほかの言語のフォルダを写すと早いです）。"),
    (re.compile(r"^file name must be a lower-case ASCII id, found '(?P<a>[^']*)'$"),
     "ファイル名「{a}」は使えません", "半角の小文字・数字・_ だけの名前（例: tms_safety.md）",
     "ファイル名を半角の小文字・数字・_ だけにしてください（両方の言語で同じ名前にします）。"),
    (re.compile(r"^front matter must be 'key: value' lines$"), "前書きが「キー: 値」の行になっていません",
     "--- と --- の間に title: などの行", "前書きの各行を「キー: 値」の形にしてください。"),
    (re.compile(r"^duplicate id '(?P<a>[^']+)'$"), "「{a}」という id が2回あります", "項目ごとに違う id",
     "どちらかの id を別の名前に変えてください（ほかの言語の faq.yaml も同じ id にします）。"),
    (re.compile(r"^no picture at (?P<a>\S+)$"), "写真 {a} が見つかりません", "content/ にある写真のパス",
     "image: のパスを確かめるか、写真をその場所に置いてください。"),
    (re.compile(r"^expected a \.png or \.jpg picture, found '(?P<a>[^']*)'$"), "写真の形式 {a} は使えません", ".png または .jpg",
     "写真を .png か .jpg で保存し直してください。"),
    (re.compile(r"^picture is larger than Telegram's 10 MB limit"), "写真が Telegram の上限（10 MB）より大きいです",
     "10 MB 以下", "写真を小さくして保存し直してください。"),
    (re.compile(r"^a picture caption holds at most (?P<a>\d+) characters$"),
     "写真の説明（タイトルと image_caption）が長すぎます", "合わせて{a}字まで", "image_caption: を短くしてください。"),
    (re.compile(r"^a notice is already shown as a folded quote"), "お知らせは、もともと折りたたみの引用として表示されます",
     "「>」のない本文", "行頭の「>」を消してください。"),
    (re.compile(r"^longer than Telegram's (?P<a>\d+) characters: shorten it$"), "Telegram の上限（{a}字）より長いです",
     "{a}字以内", "短くしてください。"),
    (re.compile(r"^closing tag </(?P<a>[^>]+)> does not match an open tag$"), "閉じタグ </{a}> に対応する開きタグがありません",
     "<{a}> … </{a}> の対", "不要な閉じタグを消すか、開きタグを書いてください。"),
    (re.compile(r"^entity &(?P<a>\w+); is not accepted by Telegram"), "記号 &{a}; は Telegram で使えません",
     "&lt; &gt; &amp; &quot; だけ", "記号をそのまま書くか、使える形に直してください。"),
    (re.compile(r"^callback data over (?P<a>\d+) bytes"), "ページの id が長すぎて、Telegram のボタンに入りません",
     "{a}バイトまでの id", "ページのファイル名（id）を短くしてください。"),
]


def localize(file: str, message: str, parts: dict[str, str]) -> tuple[str, dict[str, str]]:
    """The Japanese form of a checker message about a Japanese or shared file; English files are left as they are."""
    if lang_of(file) != "ja" or not message.isascii():
        return message, parts
    for pattern, text, expected, fix in _JA:
        match = pattern.search(message)
        if match is None:
            continue
        values = {k: v or "" for k, v in match.groupdict().items()}
        values["dym_ja"] = f"（「{values['dym']}」のことですか？）" if values.get("dym") else "。"
        return text.format(**values), {
            "found": parts.get("found", ""),
            "expected": parts.get("expected") or expected.format(**values),
            "fix": parts.get("fix") or fix.format(**values),
        }
    return message, parts
