"""What the checker tells staff, in the language of the file they are editing.

Each entry gives the message, what was expected and how to fix it, in Japanese (``content/ja`` and the shared
files) and English (``content/en``); ``say`` fills in the values. Staff are not programmers: no parser words, one
concrete next step each.
"""

from __future__ import annotations

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
               "{rule} に当たります。言い換えてください。正直な否定や手続きの説明で誤って見つかった場合は、"
               "lint_allow に word と理由を書いてください。"),
        "en": ("wording the advertising rules do not allow ({category}): {why}",
               "facts with their basis, without guarantees or comparisons",
               "this breaks {rule}. Reword it; if it is an honest negation or a procedure that was flagged by "
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
    "yaml_syntax": {
        "ja": ("書き方の誤りで、このファイルを読み込めません：{what}", "{expected}", "{fix}"),
        "en": ("this file cannot be read because of a formatting mistake: {what}", "{expected}", "{fix}"),
    },
}

YAML_HINTS: list[tuple[str, dict[str, _Text]]] = [
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
