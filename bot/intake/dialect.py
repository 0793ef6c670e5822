"""Regional Japanese negations written as the standard ones, so the yes / no reader (bot.intake.polarity) sees them.

Patients in Nagoya and from the Kansai type as they speak: 「飲んでへん」, 「飲まへん」, 「あらへん」 (Kansai),
「飲んどらん」, 「入っとらん」, 「ありゃせん」, 「行かせん」 (Nagoya and the Chubu region), 「ねーよ」 said alone;
the Kansai 「ちゃう」 (違う: no) and 「せや」 (そうだ: yes) and the Kyushu 「なかよ」 (ない) said as the whole answer.
The analyser's small dictionary does not know these endings (it reads 「へん」 as a noun and
「受けとらん」 as 「受け取る」), so ``standard`` rewrites them before it runs: 「飲んでへん」 -> 「飲んでない」,
「飲んどらん」 -> 「飲んでいない」, 「あらへん」 -> 「ない」. The copulas や and だで (「飲んどるでね」, 「ないだで」)
need nothing: they carry no negation, and 「〜とる」 is read as 「〜ている」, a plain yes.

Only endings are rewritten, and only where a verb stands before them: 「たいへん」, 「このへん」, 「ひんけつ」 (貧血
typed in kana) and 「ません」 are left as they are.
"""

from __future__ import annotations

import re
from functools import lru_cache

__all__ = ["standard"]

_END = r"(?=$|[\s、。,.!！?？…〜~ー]|よ|わ|で|ね|な|し|と|や|けど|って|もん|ねん|の|か|です|でした|った|かった|みたい)"
"""What may follow a negative ending: the end, a mark, or a particle; not a kana that goes on with a word."""

_RULES: tuple[tuple[re.Pattern[str], str], ...] = tuple((re.compile(pattern), repl) for pattern, repl in (
    # Kansai 「言うて」, 「ゆうて」 (言って), so the typed words of the choices find them: 「まだ言うてへん」
    (r"(?<=[言思])うて", "って"),
    (r"(?<![ぁ-ん])ゆうて", "言って"),
    # Kansai, after て / で: 「飲んでへん」, 「入ってへん」, 「してへん」, 「飲んでひん」, and their past
    (r"([てで])(?:へん|ひん)かった", r"\1なかった"),
    (rf"([てで])(?:へん|ひん){_END}", r"\1ない"),
    # Kansai, the verb's own negative: 「あらへん」, 「おらへん」, 「せえへん」, 「飲まへん」, 「できひん」
    (r"(?:あら|あれ)へん", "ない"),
    (r"おらへん", "いない"),
    (r"(?:せえ|せー|せぇ|しい|しー|しぃ|せ)(?:へん|ひん)(?=かった)", "しな"),
    (rf"(?:せえ|せー|せぇ|しい|しー|しぃ)(?:へん|ひん){_END}", "しない"),
    (r"(?:こー|こお|けえ|けー|きい|きー|こ)(?:へん|ひん)(?=かった)", "こな"),
    (rf"(?:こー|こお|けえ|けー|きい|きー)(?:へん|ひん){_END}", "こない"),
    (r"(?<=[\u3400-\u9fff])まへん(?=かった)", "まな"),
    (r"(?<=[\u3400-\u9fff])まへん", "まない"),  # 「飲まへん」; after a verb's stem 「ありまへん」 is 「ありません」
    (r"まへん", "ません"),
    (r"([かがさざただなばまらわ])へん(?=かった)", r"\1な"),
    (rf"(?<![こそあど]こ)([かがさざただなばまらわ])へん{_END}", r"\1ない"),
    (rf"([\u3400-\u9fffけげせぜねべめれえ])へん{_END}", r"\1ない"),
    (rf"([\u3400-\u9fffいきぎしじちにびみりぃー])ひん{_END}", r"\1ない"),
    # Nagoya and the Chubu region: 「〜とらん」, 「〜どらん」 (ていない), 「〜とりゃせん」, 「行かせん」
    (rf"([っいしきぎちにびみりえけげせぜねべめれ\u3400-\u9fff])(?:とら|とりゃせ|とらへ)ん{_END}", r"\1ていない"),
    (rf"ん(?:どら|どりゃせ|どらへ)ん{_END}", "んでいない"),
    (rf"ありゃせん{_END}", "ない"),
    (rf"おらん{_END}", "いない"),
    (rf"(?<=[ぁ-ん\u3400-\u9fff])(?:しや|しゃ)せん{_END}", "しない"),
    (rf"(?<=[かがさただなばらわ])せん{_END}", "ない"),
    # Kansai, said alone: 「ちゃう」, 「ちゃいます」 (違う: no), 「せや」 (そうだ: yes)
    (r"^(?:ちゃう|ちゃいます)(?:ちゃう)?(?=$|[\s、。,.!！]|よ|で|ねん|わ)", "違います"),
    (r"^せや(?=$|[\s、。,.!！]|で|な|ね|よ|ねん)", "そうだ"),
    (r"ありゃへん", "ない"),
    # Kyushu, said as the whole answer: 「なかよ」, 「なかです」, 「なかばい」 (ない)
    (r"^(?:なか|無か)(?=(?:よ|です|ばい|と|ね|けど)?$)", "ない"),
    # Kanto and the north, said alone: 「ねーよ」
    (r"^(?:ねえ|ねー|ねぇ)(?:よ|わ|です|っす)?$", "ない"),
))


_STARTS = ("ちゃ", "せや", "なか", "無か")
"""How the answers said whole in dialect begin (the rest end in ん, ね or うて)."""


@lru_cache(maxsize=4096)
def standard(text: str) -> str:
    """The message with regional negative endings written as the standard ones (「飲んでへん」 -> 「飲んでない」)."""
    if "ん" not in text and "ね" not in text and "うて" not in text and not text.startswith(_STARTS):
        return text
    for pattern, repl in _RULES:
        text = pattern.sub(repl, text)
    return text
