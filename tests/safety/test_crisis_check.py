"""``check_crisis``: what ``python -m bot check`` tells staff about crisis.yaml, word for word."""

from __future__ import annotations

from bot.content.problems import Problems, Severity
from bot.content.schema import CheckIn, Crisis, CrisisSignals
from bot.safety.check import check_crisis
from tests.safety.test_crisis import shipped

FILES = {"ja": "content/ja/crisis.yaml", "en": "content/en/crisis.yaml"}


def crisis(phrases: list[str], patterns: list[str] | None = None, not_risk: list[str] | None = None) -> Crisis:
    return Crisis(message="Call 119.", carer_message="Call 119 for them.",
                  check_in=CheckIn(question="Are you safe?", yes_button="Yes", no_button="No", footer="Call 119."),
                  phrases=phrases, patterns=patterns or [], not_risk=not_risk or [])


def messages(crisis_by_lang: dict[str, Crisis], severity: Severity | None = None) -> list[str]:
    problems = Problems()
    check_crisis(crisis_by_lang, problems, FILES)
    return [str(p) for p in problems if severity is None or p.severity is severity]


def test_shipped_crisis_files_are_clean() -> None:
    assert messages(shipped()) == []


def test_same_phrase_in_both_files_is_fine() -> None:
    """Both files are always applied, so repeating a phrase across languages is harmless."""
    assert messages({"ja": crisis(["kill myself", "死にたい"]), "en": crisis(["kill myself", "死にたい"])}) == []


def test_phrase_too_short_is_an_error() -> None:
    assert messages({"ja": crisis(["！！", "死", "死にたい"]), "en": crisis(["a", "kms"])}, Severity.ERROR) == [
        "content/ja/crisis.yaml: phrases[0]: '！！' leaves '' once width, kana, spaces and punctuation are "
        "normalised; a phrase needs at least 2 letters",
        "content/ja/crisis.yaml: phrases[1]: '死' leaves '死' once width, kana, spaces and punctuation are "
        "normalised; a phrase needs at least 2 letters",
        "content/en/crisis.yaml: phrases[0]: 'a' leaves 'a' once width, kana, spaces and punctuation are "
        "normalised; a phrase needs at least 2 letters",
    ]


def test_duplicate_or_already_caught_phrase_is_a_warning() -> None:
    assert messages({"ja": crisis(["死にたい", "シニタイ", "もう死にたい"]),
                     "en": crisis(["kill* myself", "Kill  myself!", "suicide", "SUICIDE"])}) == [
        "content/ja/crisis.yaml: phrases[1]: 'シニタイ' is already caught by phrases[0] '死にたい' (kana, width and "
        "spelling variants are matched automatically); remove it",
        "content/ja/crisis.yaml: phrases[2]: 'もう死にたい' is already caught by phrases[0] '死にたい' "
        "(kana, width and spelling variants are matched automatically); remove it",
        "content/en/crisis.yaml: phrases[1]: 'Kill  myself!' is already caught by phrases[0] 'kill* myself' (kana, "
        "width and spelling variants are matched automatically); remove it",
        "content/en/crisis.yaml: phrases[3]: 'SUICIDE' is already caught by phrases[2] 'suicide' (kana, width and "
        "spelling variants are matched automatically); remove it",
    ]


def test_kana_phrase_is_redundant_beside_its_kanji_in_any_order() -> None:
    """死にたい also catches しにたい, but not the other way round: the kana phrase is the one to remove."""
    assert messages({"ja": crisis(["しにたい", "死にたい"])}) == [
        "content/ja/crisis.yaml: phrases[0]: 'しにたい' is already caught by phrases[1] '死にたい' (kana, width and "
        "spelling variants are matched automatically); remove it",
    ]


def test_not_risk_without_a_risk_phrase_is_a_warning() -> None:
    assert messages({"ja": crisis(["死にたい"], not_risk=["痛いですか", "死にたいほど痛い"]),
                     "en": crisis(["kms"], patterns=[" (?<![0-9] )kms(?= )"], not_risk=["kms from"])}) == [
        "content/ja/crisis.yaml: not_risk[0]: '痛いですか' contains no risk phrase or pattern, so it silences nothing",
    ]


def test_not_risk_checks_against_both_files() -> None:
    assert messages({"ja": crisis(["死にたい"], not_risk=["take my life back"]),
                     "en": crisis(["take my life"])}) == []


def test_duplicate_and_short_not_risk() -> None:
    not_risk = ["TMSで楽になりたい", "ＴＭＳで 楽になりたい", "？"]
    assert messages({"ja": crisis(["楽になりたい"], not_risk=not_risk)}) == [
        "content/ja/crisis.yaml: not_risk[2]: '？' leaves '' once width, kana, spaces and punctuation are "
        "normalised; a phrase needs at least 2 letters",
        "content/ja/crisis.yaml: not_risk[1]: 'ＴＭＳで 楽になりたい' is the same as not_risk[0] "
        "'TMSで楽になりたい' once normalised; remove it",
    ]


def test_pattern_matching_an_empty_message_is_an_error() -> None:
    assert messages({"en": crisis(["kill myself"], patterns=["x*", " ", "kms"])}, Severity.ERROR) == [
        "content/en/crisis.yaml: patterns[0]: 'x*' matches an empty message, so every message would be flagged",
        "content/en/crisis.yaml: patterns[1]: ' ' matches an empty message, so every message would be flagged",
    ]


def test_phrase_that_is_only_a_mention_is_a_warning() -> None:
    """"sewerslide" is written out as "suicide" before matching: as a phrase it alarmed every question about it."""
    en = crisis(["sewerslide", "kill* myself"]).model_copy(update={"mentions": ["suicid*"]})
    assert messages({"en": en}) == [
        "content/en/crisis.yaml: phrases[0]: 'sewerslide' reads as 'suicide' once spellings are normalised, which is "
        "mentions[0] 'suicid*': as a phrase it gives the full reply to every question that names the subject; move "
        "it to mentions",
    ]


def test_a_plan_signal_under_two_kinds_is_a_warning() -> None:
    """One phrase under two kinds would count as two signals agreeing, which is how a plan is read."""
    file = crisis(["kill myself"]).model_copy(update={"signals": CrisisSignals(
        time=["tonight"], finality=["for good", "Tonight"], place=["bridge"])})
    assert messages({"en": file}) == [
        "content/en/crisis.yaml: signals.finality[1]: 'Tonight' is also listed under signals.time, so one phrase "
        "would count as two kinds of signal agreeing; keep it under one kind",
    ]
