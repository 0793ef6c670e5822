"""The rules' word search: what the shortcuts (a rule tried only when all its parts are in the message, a
multi-word member tried only when the next word can be its second) must never change."""

from __future__ import annotations

from bot.safety.rules import Rule, RuleSet, Token, WordList


def tokens(*words: str) -> list[Token]:
    return [Token(()) if word == "." else Token((word,)) for word in words] + [Token((), boundary=True)]


def test_multi_word_members_match_from_their_first_word_whatever_comes_first() -> None:
    words = WordList.compile(["end it", "end it all", "end my*", "ending"])
    message = tokens("i", "will", "end", "it", "all", "now")
    assert words.ends_at(message, 2) == [4, 5]
    assert words.ends_at(tokens("end", "myself"), 0) == [2]
    assert words.ends_at(tokens("end", "the", "day"), 0) == []
    assert words.ends_at(tokens("end"), 0) == []  # no second word: a sentence's end
    assert WordList.compile(["overdos* on", "pills"]).ends_at(tokens("overdosed", "on", "pills"), 0) == [2]


def test_a_rule_matches_only_with_every_part_in_order_within_its_gap() -> None:
    rule = Rule("t.want_die", "definite", (WordList.compile(["want", "wanna"]), WordList.compile(["die", "end it"])),
                gap=2)
    rules = RuleSet([rule], WordList.compile(["not"]), negation_before=True)
    assert [f.rule for f in rules.find(tokens("i", "really", "want", "to", "die"))] == ["t.want_die"]
    assert rules.find(tokens("i", "want", "to", "go")) == []  # a later part nowhere in the message
    assert rules.find(tokens("die", "i", "want")) == []  # the second part before the first
    assert rules.find(tokens("want", "a", "b", "c", "die")) == []  # beyond the gap
    assert [f.end for f in rules.find(tokens("want", "die", "and", "want", "to", "end", "it"))] == [2]
