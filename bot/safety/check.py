"""Checks of crisis.yaml for ``python -m bot check``: each problem located, saying what to change.

Phrases that match nothing or everything, duplicates, exceptions that silence nothing, rules that name a word
list the file does not have, a plan signal listed under two kinds, and rules that match one of the file's own
``not_risk`` examples (a rule that
fires on an ordinary question would show the crisis reply to everyone who asks it).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from bot.content.problems import Problems
from bot.content.raw import RawLanguage
from bot.content.registry import register
from bot.content.schema import Crisis
from bot.content.yamldoc import YamlDoc
from bot.safety import japanese
from bot.safety.crisis import CrisisScreen, build_rules, english_forms
from bot.safety.english import EnglishForms
from bot.safety.normalize import fold
from bot.safety.phrase_screen import MIN_PHRASE_LETTERS
from bot.safety.phrases import CompiledPhrase, Script, compile_phrase
from bot.safety.rules import Token
from bot.safety.sentences import english_sentence_views, english_tokens
from bot.safety.signals import KINDS


def check_crisis(crisis_by_lang: Mapping[str, Crisis], problems: Problems, files: Mapping[str, str],
                 docs: Mapping[str, YamlDoc] | None = None) -> None:
    """Checks for ``python -m bot check``: phrases that match nothing or everything, duplicates, idle exceptions,
    rules with unknown word lists, rules that match the file's own not_risk examples."""
    without_exceptions = {lang: crisis.model_copy(update={"not_risk": []}) for lang, crisis in crisis_by_lang.items()}
    risk_only = CrisisScreen.build(without_exceptions, learned=False)
    for lang, crisis in crisis_by_lang.items():
        file = files.get(lang, f"content/{lang}/crisis.yaml")
        doc = docs.get(lang) if docs else None

        def line(*path: str | int, doc: YamlDoc | None = doc) -> int | None:
            return doc.line(list(path)) if doc is not None else None

        _check_rules(lang, crisis, file, line, problems)
        _check_signals(crisis, file, line, problems)
        phrases = [compile_phrase(p) for p in crisis.phrases]
        _check_lengths("phrases", phrases, file, problems)
        _check_caught(phrases, file, problems)
        mentions = [compile_phrase(p) for p in crisis.mentions]
        _check_lengths("mentions", mentions, file, problems)
        _check_mention_as_phrase(phrases, mentions, file, problems)
        for i, pattern in enumerate(crisis.patterns):
            if any(re.search(pattern, probe) for probe in ("", " ")):
                problems.error(file, line("patterns", i), f"patterns[{i}]",
                               f"{pattern!r} matches an empty message, so every message would be flagged",
                               code="CRISIS-E001")
        not_risk = [compile_phrase(p) for p in crisis.not_risk]
        _check_lengths("not_risk", not_risk, file, problems)
        seen: dict[tuple[str, str], int] = {}
        for i, phrase in enumerate(not_risk):
            first = seen.setdefault((phrase.script, phrase.key), i)
            if first != i:
                problems.warning(file, None, f"not_risk[{i}]", f"{phrase.text!r} is the same as not_risk[{first}] "
                                 f"{not_risk[first].text!r} once normalised; remove it", code="CRISIS-W001")
            elif phrase.key and not crisis.rules and not risk_only.screen(phrase.text.replace("*", "")).hit:
                problems.warning(file, None, f"not_risk[{i}]",
                                 f"{phrase.text!r} contains no risk phrase or pattern, so it silences nothing",
                                 code="CRISIS-W002")


def _letters(phrase: CompiledPhrase) -> int:
    return len(phrase.key.replace(" ", "").replace("*", ""))


def _check_lengths(name: str, phrases: Sequence[CompiledPhrase], file: str, problems: Problems) -> None:
    for i, phrase in enumerate(phrases):
        if _letters(phrase) < MIN_PHRASE_LETTERS:
            problems.error(file, None, f"{name}[{i}]",
                           f"{phrase.text!r} leaves {phrase.key!r} once width, kana, spaces and punctuation are "
                           f"normalised; a phrase needs at least {MIN_PHRASE_LETTERS} letters", code="CRISIS-E002")


def _check_caught(phrases: Sequence[CompiledPhrase], file: str, problems: Problems) -> None:
    """Warn about a phrase that an other phrase of the file already catches (the later one of two equals)."""
    regexes = [p.regex if _letters(p) >= MIN_PHRASE_LETTERS else None for p in phrases]
    views = [p.view() for p in phrases]

    def catches(i: int, j: int) -> bool:
        rx = regexes[i]
        return rx is not None and phrases[i].script == phrases[j].script and rx.search(views[j]) is not None

    for j, phrase in enumerate(phrases):
        if regexes[j] is None:
            continue
        for i, other in enumerate(phrases):
            if i != j and catches(i, j) and (i < j or not catches(j, i)):
                problems.warning(file, None, f"phrases[{j}]",
                                 f"{phrase.text!r} is already caught by phrases[{i}] {other.text!r} (kana, width "
                                 f"and spelling variants are matched automatically); remove it", code="CRISIS-W003")
                break


def _check_mention_as_phrase(phrases: Sequence[CompiledPhrase], mentions: Sequence[CompiledPhrase], file: str,
                             problems: Problems) -> None:
    """Warn about a phrase that is, once normalised, no more than a mention ("sewerslide" reads "suicide"): as a
    phrase it would give the full reply to every question that names the subject."""
    for j, phrase in enumerate(phrases):
        view = phrase.view()
        for i, mention in enumerate(mentions):
            found = mention.regex.search(view) if mention.regex and _letters(mention) >= MIN_PHRASE_LETTERS else None
            if found is not None and phrase.script == mention.script and found.group().strip() == view.strip():
                problems.warning(file, None, f"phrases[{j}]",
                                 f"{phrase.text!r} reads as {view.strip()!r} once spellings are normalised, which is "
                                 f"mentions[{i}] {mention.text!r}: as a phrase it gives the full reply to every "
                                 f"question that names the subject; move it to mentions", code="CRISIS-W005")
                break


def _check_rules(lang: str, crisis: Crisis, file: str, line: object, problems: Problems) -> None:
    locate = line if callable(line) else (lambda *path: None)
    used: set[str] = set()
    for i, rule in enumerate(crisis.rules):
        for j, part in enumerate(rule.parts):
            if not part.startswith("@"):
                continue
            used.add(part[1:])
            if part[1:] not in crisis.words:
                names = ", ".join(f"@{name}" for name in sorted(crisis.words)) or "(none yet)"
                problems.error(file, locate("rules", i, "parts", j), f"rules[{i}].parts[{j}]",
                               f"{part!r} is not a word list of this file; the lists are {names}. Fix the name, "
                               f"or add the list under 'words:'", code="CRISIS-E003")
    for name in crisis.words:
        if name not in used:
            problems.warning(file, locate("words", name), f"words.{name}",
                             f"no rule uses @{name}; use it in a rule or remove it", code="CRISIS-W004")
    if not crisis.rules or not crisis.not_risk:
        return
    forms = english_forms({lang: crisis}) if _script(lang) == "en" else None
    known = japanese.known_words({lang: crisis}) if _script(lang) == "ja" else frozenset()
    examples = [(k, _tokens(text, forms, known)) for k, text in enumerate(crisis.not_risk)]
    compiled = build_rules({lang: crisis}, _script(lang))  # once: its word lists serve every rule's test below
    for i, rule in enumerate(crisis.rules):
        single = compiled.only(f"{lang}.rules.{rule.id}")
        if single is None:
            continue  # an unknown @list: reported above
        for k, views in examples:
            if any(single.find(tokens) for tokens in views):
                problems.error(file, locate("rules", i), f"rules[{i}]",
                               f"rule {rule.id!r} matches not_risk[{k}] {crisis.not_risk[k]!r}, which is listed as "
                               f"an ordinary message; narrow the rule (a shorter word list, a smaller gap) or "
                               f"remove the example", code="CRISIS-E004")
                break


def _check_signals(crisis: Crisis, file: str, line: object, problems: Problems) -> None:
    """Warn about a word listed under two kinds of plan signal: one phrase would count as two kinds that agree."""
    locate = line if callable(line) else (lambda *path: None)
    first: dict[str, str] = {}
    for kind in KINDS:
        for i, word in enumerate(getattr(crisis.signals, kind)):
            key = " ".join(fold(word).split())
            if key in first and first[key] != kind:
                problems.warning(file, locate("signals", kind, i), f"signals.{kind}[{i}]",
                                 f"{word!r} is also listed under signals.{first[key]}, so one phrase would count as "
                                 f"two kinds of signal agreeing; keep it under one kind", code="CRISIS-W006")
            first.setdefault(key, kind)


def _script(lang: str) -> Script:
    return "en" if lang == "en" else "ja"


def _tokens(text: str, forms: EnglishForms | None = None,
            known: frozenset[str] = frozenset()) -> list[Sequence[Token]]:
    folded = fold(text)
    if not folded.isascii():
        return [japanese.tokens(folded, known)]  # kana read again as the screen reads it
    return [english_tokens(views[0], question, forms) for views, question in english_sentence_views(folded)]


@register("crisis")
def check_crisis_content(raws: Mapping[str, RawLanguage], problems: Problems) -> None:
    """crisis.yaml of every language, once each has loaded (registered with the content checks)."""
    crises = {lang: raw.model("crisis.yaml", Crisis) for lang, raw in raws.items()}
    if all(crises.values()):
        check_crisis({k: v for k, v in crises.items() if v},
                     problems, {lang: raw.display("crisis.yaml") for lang, raw in raws.items()},
                     {lang: raw.docs["crisis.yaml"] for lang, raw in raws.items()})
