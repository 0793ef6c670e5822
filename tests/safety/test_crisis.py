"""The crisis screen with the shipped crisis.yaml files and with small hand-made lists."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.content.models import validate_doc
from bot.content.problems import Problems
from bot.content.schema import CheckIn, Crisis
from bot.content.yamldoc import load_yaml
from bot.safety.crisis import CrisisScreen, language_of, reads_as_english
from bot.safety.normalize import MAX_SCREEN_CHARS

CONTENT = Path(__file__).resolve().parents[2] / "content"


def shipped() -> dict[str, Crisis]:
    problems = Problems()
    out: dict[str, Crisis] = {}
    for lang in ("ja", "en"):
        doc = load_yaml(CONTENT / lang / "crisis.yaml", f"content/{lang}/crisis.yaml", problems)
        assert doc is not None
        model = validate_doc(Crisis, doc, problems)
        assert model is not None, problems.report()
        out[lang] = model
    return out


@pytest.fixture(scope="module")
def screen() -> CrisisScreen:
    return CrisisScreen.build(shipped())


def crisis(phrases: list[str], patterns: list[str] | None = None, not_risk: list[str] | None = None) -> Crisis:
    return Crisis(message="Call 119.", carer_message="Call 119 for them.",
                  check_in=CheckIn(question="Are you safe?", yes_button="Yes", no_button="No", footer="Call 119."),
                  phrases=phrases, patterns=patterns or [], not_risk=not_risk or [])


# --- hits across spellings --------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "死にたい", "しにたい", "シニタイ", "ｼﾆﾀｲ", "死 に た い", "死にたーい", "死にたぁい", "死にたぃ", "氏にたい",
    "タヒにたい", "ﾀﾋにたい", "4にたい", "しにたいいいいい", "死、に、た、い…😢", "もう限界", "もうげんかい",
    "消えたい", "きえたい", "キエタイ", "いなくなりたい", "居なくなりたい", "終わりにしたい", "生きていたくない",
    "いきていたくない", "リスカ", "ﾘｽｶ", "りすか", "OD", "ＯＤしちゃった", "首を吊ろうか", "くびつり", "飛び降りたい",
    "もう楽になりたい", "命を絶った", "自殺", "じさつ", "ジサツ",
])
def test_japanese_spellings_hit(screen: CrisisScreen, text: str) -> None:
    assert screen.screen(text).hit, text


@pytest.mark.parametrize("text", [
    "I want to kill myself", "i wanna kill myself", "KILL MYSELF", "kiiiill myself", "kil myself", "k i l l myself",
    "k1ll myself", "killing myself", "I want to end it all", "I don't want to live", "dont want to live",
    "I dont wanna live anymore", "unalive", "unaliving myself", "un-alive", "I'm suicidal", "su1cide", "5uicide",
    "suiside", "sucidal", "sewerslide", "kms", "kys", "hurt myself", "I want to die", "wanna d1e", "better off dead",
    "no reason to live", "I want to sleep forever", "my friend wants to die", "asking for a friend", "self-harm",
    "ｓｕｉｃｉｄｅ", "I OD'd", "I can't go on.",
])
def test_english_spellings_hit(screen: CrisisScreen, text: str) -> None:
    assert screen.screen(text).hit, text


def test_both_languages_always_apply(screen: CrisisScreen) -> None:
    """Someone with English settings may type Japanese, and a Japanese message may hold English."""
    assert screen.screen("I feel 死にたい today").hit
    assert screen.screen("昨日ODしました").matched == "od"  # a phrase from en/crisis.yaml
    assert screen.screen("最近 suicidal な気分").hit


@pytest.mark.parametrize("text", [
    "TMSで死亡例はありますか", "副作用で死ぬことはありますか？", "死ぬほど痛いですか",
    "TMSを受けて死んだ方がいるって本当ですか", "治療中も旅行を楽しんでもいいですか",
    "名古屋市にたくさんクリニックがありますが", "飛び込みで受診できますか",
    "TMSの限界は何ですか", "Can TMS cause seizures?", "Is it painful?", "How do I kill time while waiting?",
    "this paperwork is killing me", "I'm dying to know the price", "odd question", "How many kms is it?",
    "It is 10 kms from here", "I can't go on Monday", "I never wake up early", "Can TMS kill you?",
])
def test_ordinary_questions_do_not_hit(screen: CrisisScreen, text: str) -> None:
    assert screen.screen(text).tier == "none", screen.screen(text).reason()


# --- not_risk ---------------------------------------------------------------------------------------------------

def test_not_risk_silences_only_what_it_covers(screen: CrisisScreen) -> None:
    assert not screen.screen("TMSで楽になりたいです").hit
    assert screen.screen("TMSで楽になりたい。でも本当は死にたい").matched == "死にた"
    rules_only = CrisisScreen.build(shipped(), learned=False)
    assert rules_only.screen("もう楽になりたい").tier == "check_in"  # a common euphemism: the rules ask ...
    assert screen.screen("もう楽になりたい").tier in ("check_in", "definite")  # ... a confident model may raise it
    assert not screen.screen("I want to take my life back").hit
    assert screen.screen("take my life").matched == "tak* my life"


def test_not_risk_in_a_hand_made_list() -> None:
    s = CrisisScreen.build({"ja": crisis(["自殺"], not_risk=["自殺予防週間"])}, learned=False)
    assert not s.screen("自殺予防週間のポスターを見ました").hit
    assert s.screen("自殺予防週間だけど自殺したい").hit
    assert s.screen("じさつよぼうしゅうかん").hit  # not_risk phrases match only their own spellings


# --- patterns, labels -------------------------------------------------------------------------------------------

def test_patterns_follow_their_script_and_are_labelled() -> None:
    s = CrisisScreen.build({"en": crisis(["kill myself"], patterns=[" (?<![0-9] )kms(?= )"]),
                            "ja": crisis(["死にたい"], patterns=["[死氏]ね"])}, learned=False)
    assert s.screen("kms").matched == "en.patterns[0]"
    assert not s.screen("10 kms").hit
    assert s.screen("もう氏ね").matched == "ja.patterns[0]"
    assert s.screen("死にたい").matched == "死にたい"


def test_matched_names_the_rule_not_the_message(screen: CrisisScreen) -> None:
    result = screen.screen("山田です。正直に言うと、毎日しにたいと思っています。電話番号は090-1234-5678")
    assert (result.tier, result.rule) == ("definite", "死にた")
    assert "山田" not in result.reason() and "090" not in result.reason()


def test_language_of() -> None:
    assert language_of("TMSは痛いですか") == "ja"
    assert language_of("Is TMS painful?") == "en"
    assert language_of("ｼﾆﾀｲ") == "ja"


def test_english_is_told_from_romaji() -> None:
    for english in ("i want to die", "can't do this anymore", "die", "My life is over", "I’m so tired of it"):
        assert reads_as_english(english), english
    for not_english in ("shinitai", "mou shinitai yo", "gakkou he ikitakunai", "kms", "死にたい", "shinu to omou"):
        assert not reads_as_english(not_english), not_english


# --- long input -------------------------------------------------------------------------------------------------

def test_long_input_is_screened_up_to_the_limit(screen: CrisisScreen) -> None:
    filler = "TMSについて教えてください。" * 400
    assert not screen.screen(filler).hit
    assert screen.screen(filler[:MAX_SCREEN_CHARS - 10] + "死にたい").hit
    assert not screen.screen(filler[:MAX_SCREEN_CHARS] + "死にたい").hit  # past the limit: documented cut


def test_long_english_input(screen: CrisisScreen) -> None:
    filler = "How much does a course cost and how many kms is it from the station? " * 150
    assert not screen.screen(filler).hit
    assert screen.screen(filler[:3000] + " I want to end it all").hit


def test_many_not_risk_matches_in_a_long_message(screen: CrisisScreen) -> None:
    text = "I want to take my life back. " * 140
    assert not screen.screen(text).hit
    assert screen.screen(text[:2000] + "kill myself").hit


def test_empty_and_odd_input(screen: CrisisScreen) -> None:
    for text in ("", " ", "🙂", "\u3099", "\ud800", "1111", "!!!!"):
        assert not screen.screen(text).hit, repr(text)


def test_long_input_is_read_in_pieces(screen: CrisisScreen) -> None:
    """Every piece is read: a risk sentence anywhere in a long message, or cut across two windows of a long
    sentence without any sentence end, is found."""
    from bot.safety.crisis import OVERLAP, PIECE_CHARS, pieces

    filler = "TMSについて教えてください。" * 200
    assert screen.screen("死にたい。" + filler).tier == "definite"
    assert screen.screen(filler[:2000] + "死にたい" + filler[:1000]).tier == "definite"
    unbroken = "あ" * (PIECE_CHARS - 2) + "死にたい" + "あ" * 2000
    cut = pieces(unbroken)
    assert all(len(piece) <= PIECE_CHARS for piece in cut)
    assert any("死にたい" in piece for piece in cut) and len("死にたい") <= OVERLAP
    assert screen.screen(unbroken).hit



@pytest.mark.parametrize("unit", ["lmao I'm dead that meme ", "もう無理かもしれないけど明日も頑張る",
                                  "i'm fine i guess "])
def test_a_sentence_repeated_without_an_end_is_cut_alike_each_time(unit: str) -> None:
    """The cut depends on the text only, at the same point of the repeat each time: its windows are few and alike,
    so each is read once (windows that drifted through the repeat were each read again)."""
    from bot.safety.crisis import pieces

    cut = pieces((unit * (10_000 // len(unit)))[:10_000])
    assert len(cut) > 20
    assert len(set(cut)) <= 3

def test_a_joke_marker_asks_first(screen: CrisisScreen) -> None:
    """「死にたい笑」 or "kill me lol": a check-in, never silence and never the full alarm by the rules alone."""
    base = CrisisScreen.build(shipped(), learned=False)
    assert base.assess("テスト死んだわ笑 もう死にたい笑").tier == "check_in"
    assert base.assess("I want to kill myself lol").tier == "check_in"
    assert base.assess("I want to kill myself").tier == "definite"
