"""English words in their dictionary forms, elongations, g-dropping, typos and starred-out words."""

from __future__ import annotations

from bot.safety.crisis import CrisisScreen
from bot.safety.english import EnglishForms, word_key
from bot.safety.normalize import english_views, fold
from tests.safety.test_crisis import shipped


def english(text: str) -> str:
    return english_views(fold(text))[0]


def test_forms_hold_the_lemma_after_the_word_as_typed() -> None:
    forms = EnglishForms()
    assert forms.forms("killing") == ("killing", "kill")
    assert forms.forms("took") == ("took", "take")
    assert forms.forms("pills") == ("pills", "pill")


def test_elongations_are_squeezed_to_a_known_word() -> None:
    forms = EnglishForms()
    assert "die" in forms.forms("diiiie")
    assert "kill" in forms.forms("killllll")
    assert "kil" not in forms.forms("killllll")  # a squeezed form that is no word is left out


def test_dropped_g_is_restored() -> None:
    assert "dying" in EnglishForms().forms("dyin")


def test_typos_are_read_against_the_list_words_only_when_unknown() -> None:
    forms = EnglishForms(["want", "existing", "what"])
    assert "want" in forms.forms("wnat")
    assert "existing" in forms.forms("exisitng")
    assert forms.forms("what") == ("what",)
    assert "want" not in forms.forms("what")  # a known word is never "corrected"
    assert forms.forms("wat") == ("wat",)  # too short to be read as a typo


def test_the_learned_layer_reads_words_without_the_lists() -> None:
    assert [word_key(w) for w in ("diiiie", "pills", "took", "10mg")] == ["die", "pill", "take", "10mg"]


def test_starred_out_words_are_read_as_the_word_they_fit() -> None:
    assert english("thinking abt s*icide") == " thinking about suicide "
    assert english("su*cide") == " suicide "
    assert english("k*ll myself") == " kill myself "
    assert english("f*ck this") == " f ck this "  # no crisis word fits: left as it was


def test_screen_meets_inflections_and_spellings() -> None:
    screen = CrisisScreen.build(shipped(), learned=False)
    for text in ("i reallyyy wnat to diiie", "thinking abt s*icide every day", "ion wanna be alive no more"):
        assert screen.assess(text).hit, text
