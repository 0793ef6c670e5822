"""Does a typed message ask to apply, book or be contacted? Then it starts the application, it is not a question.

"I'd like to book a consultation", 「クリニックから連絡がほしいです」 and "Please have someone call me" share most
of their words with FAQ entries about booking, contact and the monitor programme, so the ranking alone offers
those answers ("did you mean"). But the person has said what they want, and the one thing that does it is the
application. A wish or a request (I want to, I'd like to, please, can someone, したい, ほしい, お願いします, 希望)
about applying, booking, an appointment or being contacted is recognised here; a question about the process
("Does applying mean my treatment is booked?", 「予約したらキャンセルできますか」) is not a wish and stays an FAQ
question.

The words are content staff edit: the ``wish_to_apply`` block of each language's faq.yaml (``WishToApply`` in the
schema). This module holds only the grammar that combines them, the same for both languages:

* a sentence with a ``not_in_sentence`` phrase is no wish; a message with a ``not_in_message`` phrase has none;
* a sentence is a wish when it has a ``subjects`` phrase and a ``wishes`` phrase (Japanese: the wish at most
  ``within`` characters after the subject, 「予約したい」; English: anywhere in the sentence), or a ``contacts``
  phrase followed within ``contact_within`` characters by a ``contact_asks`` phrase (「連絡ください」), or when it
  is nothing but an ``alone`` phrase, with at most one ``alone_before`` and one ``alone_after`` ("apply now");
* ``not_followed_by`` cancels a phrase followed at once by one of its strings (たい, but not たいか; in English by
  one of its words: "can someone", but not "can someone under 18").

English phrases match whole words of the folded text; Japanese phrases match anywhere. ``{a|b}`` in a phrase offers
alternatives ("{can|could} someone"). A sentence in Japanese script is read with the ``ja`` words, any other with
the ``en`` words.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from bot.content.problems import Problems
from bot.content.schema import Faq, WishToApply
from bot.content.yamldoc import YamlDoc
from bot.search.normalize import fold

_BRACES = re.compile(r"\{([^{}]*)\}")
_END = "[^。！？!?]"
"""Characters of one sentence: a Japanese wish and its subject stand in the same sentence."""


def expand(phrase: str) -> list[str]:
    """Every spelling ``{a|b}`` offers: "{can|could} you" gives "can you" and "could you"."""
    found = _BRACES.search(phrase)
    if found is None:
        return [phrase]
    head, tail = phrase[:found.start()], phrase[found.end():]
    return [spelt for option in found.group(1).split("|") for spelt in expand(head + option + tail)]


def spellings(phrases: list[str]) -> list[str]:
    """The phrases folded as messages are, braces expanded, blanks squeezed; empty ones left out."""
    return [" ".join(fold(spelt).split()) for phrase in phrases for spelt in expand(phrase) if spelt.strip()]


@dataclass(frozen=True)
class _Words:
    """One language's word lists compiled (None: the list is empty, so it never matches)."""

    japanese: bool
    not_in_sentence: re.Pattern[str] | None
    not_in_message: re.Pattern[str] | None
    wish: re.Pattern[str] | None
    contact: re.Pattern[str] | None
    alone: re.Pattern[str] | None

    @classmethod
    def compile(cls, words: WishToApply, *, japanese: bool) -> _Words:
        unless = {spelt: spellings(value) for key, value in words.not_followed_by.items() for spelt in spellings([key])}

        def options(phrases: list[str]) -> str | None:
            spelt = spellings(phrases)
            if not spelt:
                return None
            parts = []
            for phrase in spelt if japanese else [_words(p) for p in spelt]:
                part = re.escape(phrase)
                if unless.get(phrase):  # English words follow after a blank, and as whole words
                    followers = "|".join(re.escape(after) for after in unless[phrase])
                    part += f"(?!{followers})" if japanese else rf"(?! (?:{followers})\b)"
                parts.append(part)
            return "(" + "|".join(parts) + ")"

        def anywhere(phrases: list[str]) -> re.Pattern[str] | None:
            found = options(phrases)
            if found is None:
                return None
            return re.compile(found if japanese else rf"\b{found}\b")

        def then(first: list[str], second: list[str], within: int | None) -> re.Pattern[str] | None:
            a, b = options(first), options(second)
            if a is None or b is None:
                return None
            if within is None:  # both anywhere in the sentence, in either order
                return re.compile(rf"^(?=.*\b{a}\b)(?=.*\b{b}\b)" if not japanese else rf"^(?=.*{a})(?=.*{b})")
            return re.compile(rf"{a}{_END}{{0,{within}}}?{b}")

        alone = options(words.alone)
        before, after = options(words.alone_before), options(words.alone_after)
        alone_pattern = None
        if alone is not None:
            alone_pattern = re.compile("^" + (f"({before} )?" if before else "") + alone
                                       + (f"( {after})?" if after else "") + "$")
        return cls(
            japanese=japanese,
            not_in_sentence=anywhere(words.not_in_sentence),
            not_in_message=anywhere(words.not_in_message),
            wish=then(words.subjects, words.wishes, words.within),
            contact=then(words.contacts, words.contact_asks, words.contact_within),
            alone=alone_pattern,
        )

    def read(self, text: str) -> str:
        """The text as this language's patterns read it: Japanese as folded, English as its words."""
        return text if self.japanese else _words(text)

    def blocks(self, message: str) -> bool:
        return _search(self.not_in_message, self.read(message))

    def wish_in(self, sentence: str) -> bool:
        text = self.read(sentence)
        if _search(self.not_in_sentence, text):
            return False
        if self.alone is not None and self.alone.match(text):
            return True
        return _search(self.wish, text) or _search(self.contact, text)


@dataclass(frozen=True)
class ApplyWish:
    """The wish to apply, book or be contacted, recognised with the words of every language's faq.yaml."""

    ja: _Words | None
    en: _Words | None

    @classmethod
    def build(cls, faq_by_lang: Mapping[str, Faq]) -> ApplyWish:
        ja, en = faq_by_lang.get("ja"), faq_by_lang.get("en")
        return cls(ja=_Words.compile(ja.wish_to_apply, japanese=True) if ja else None,
                   en=_Words.compile(en.wish_to_apply, japanese=False) if en else None)

    def wants_to_apply(self, text: str) -> bool:
        """True when the message asks to apply, book or be contacted (not a question about how that works).

        A message of several sentences is a wish when one of them is and none asks what applying does or how to
        stop: 「申し込みたいです。費用はいくら？」 is (the cost is the second question), 「応募したいです。応募したら
        予約は確定？」 is not."""
        folded = fold(text)
        words = self._words(folded)
        if words is None or words.blocks(folded):
            return False
        return any(self._wish(sentence) for sentence in _SENTENCES.split(folded) if sentence.strip())

    def _wish(self, sentence: str) -> bool:
        words = self._words(sentence)
        return words is not None and words.wish_in(sentence)

    def _words(self, text: str) -> _Words | None:
        return self.ja if _is_japanese(text) else self.en


_LISTS = ("subjects", "wishes", "contacts", "contact_asks", "alone", "alone_before", "alone_after", "not_in_sentence",
          "not_in_message")


def check_wish(faq_by_lang: Mapping[str, Faq], docs: Mapping[str, YamlDoc], problems: Problems) -> None:
    """Every example starts the application and no counter-example does; braces are in pairs; every phrase of
    ``not_followed_by`` is one of the lists' phrases (otherwise it would silently do nothing)."""
    wish = ApplyWish.build(faq_by_lang)
    for lang, faq in faq_by_lang.items():
        doc, words = docs[lang], faq.wish_to_apply
        base = ["wish_to_apply"]
        for i, example in enumerate(words.examples):
            if not wish.wants_to_apply(example):
                problems.error(doc.file, doc.line([*base, "examples", i]), f"wish_to_apply.examples[{i}]",
                               f"{example!r} is not taken as a wish to apply: add the word it uses to 'subjects', "
                               "'wishes' or 'alone', or take it out of 'not_in_sentence' and 'not_in_message'",
                               code="WISH-E001")
        for i, example in enumerate(words.counter_examples):
            if wish.wants_to_apply(example):
                problems.error(doc.file, doc.line([*base, "counter_examples", i]),
                               f"wish_to_apply.counter_examples[{i}]",
                               f"{example!r} is taken as a wish to apply: add the phrase that makes it a question "
                               "to 'not_in_sentence' or 'not_in_message'", code="WISH-E002")
        listed: set[str] = set()
        for name in _LISTS:
            for i, phrase in enumerate(getattr(words, name)):
                listed.update(spellings([phrase]))
                if phrase.count("{") != phrase.count("}") or _BRACES.sub("", phrase).count("{"):
                    problems.error(doc.file, doc.line([*base, name, i]), f"wish_to_apply.{name}[{i}]",
                                   f"{phrase!r} has an unpaired brace: close every opening brace of alternatives",
                                   code="WISH-E003")
        for key in words.not_followed_by:
            if not set(spellings([key])) & listed:
                problems.warning(doc.file, doc.line([*base, "not_followed_by", key]),
                                 f"wish_to_apply.not_followed_by.{key}",
                                 f"{key!r} is not a phrase of the lists above, so this does nothing: write it as it "
                                 "is listed there", code="WISH-W001")


def _search(pattern: re.Pattern[str] | None, text: str) -> bool:
    return pattern is not None and pattern.search(text) is not None


_SENTENCES = re.compile(r"(?<=[。！？!?])|(?<=[.;])\s+|\n+")
_JAPANESE = re.compile(r"[\u3040-\u30ff\u4e00-\u9fff]")


def _is_japanese(text: str) -> bool:
    return _JAPANESE.search(text) is not None


def _words(text: str) -> str:
    return " ".join(re.sub(r"[^\w']+", " ", text).split())
