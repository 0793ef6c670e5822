"""The content schema: every file staff edit, declared once, typed, with docstrings as the staff reference.

Field docstrings are what staff read (``python -m bot schema`` prints them); keep them short and concrete.
Ids (pages, questions, choices, FAQ entries) are short ASCII names shared by ``ja/`` and ``en/``.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Literal, get_args

from pydantic import Field, field_validator, model_validator

from bot.content.models import ContentModel
from bot.vocabulary import Flag, Treatment

ID_PATTERN = re.compile(r"^[a-z][a-z0-9_]{0,31}$")
PageAction = Literal["apply", "delete_data", "language", "privacy"]
MenuItemAction = Literal["apply", "language", "privacy", "ask"]
QuestionKind = Literal["choice", "multi", "text", "phone", "email", "date", "number"]


def check_regexes(values: list[str]) -> list[str]:
    """Every value compiles as a regular expression (claims and crisis ``patterns``)."""
    for value in values:
        try:
            re.compile(value)
        except re.error as exc:
            raise ValueError(f"not a valid regular expression {value!r}: {exc}") from None
    return values


def check_id(value: str) -> str:
    if not ID_PATTERN.match(value):
        raise ValueError(f"expected an id of lower-case ASCII letters, digits and _ (max 32), found {value!r}")
    return value


# --- settings.yaml ----------------------------------------------------------------------------------------------

Decision = Literal["yes", "no", "undecided"]


def _yes_no(value: object) -> object:
    """YAML reads a bare yes/no as true/false: accept both spellings staff write."""
    if value is True:
        return "yes"
    if value is False:
        return "no"
    return value


class Policy(ContentModel):
    """Who may be offered what. ``undecided`` behaves as ``no`` and fails ``check --launch``."""

    tms_for_under_18: Decision = "undecided"
    """Is TMS offered to patients under 18 (outside its approval in Japan, which is for adults)? Until ``yes``, it
    is not offered through this bot."""
    exosome_for_under_18: Decision = "undecided"
    """Is exosome infusion offered to patients under 18? Until the clinic says ``yes``, it is not."""
    combined_for_under_18: Decision = "undecided"
    """Is the combined TMS + exosome protocol offered to patients under 18? Until ``yes``, it is not."""
    guardian_path_under_age: int = Field(15, ge=0, le=18)
    """Applicants younger than this apply through the guardian path (a parent or guardian applies with them)."""

    _decisions = field_validator("tms_for_under_18", "exosome_for_under_18", "combined_for_under_18", mode="before")(
        classmethod(lambda cls, v: _yes_no(v)))

    def decisions(self) -> dict[str, str]:
        """The yes/no decisions by name (what a choice's ``minors_policy`` may name)."""
        return {name: getattr(self, name) for name in POLICY_DECISIONS}


POLICY_DECISIONS: tuple[str, ...] = tuple(
    name for name, info in Policy.model_fields.items() if get_args(info.annotation) == get_args(Decision))
"""The names of the clinic's yes/no policies in settings.yaml (tms_for_under_18, exosome_for_under_18, ...)."""


class MonitorPolicy(ContentModel):
    """The monitor programme's yes/no terms. The words for each language are in ``<lang>/clinic.yaml``."""

    fee_reduction: Decision = "undecided"
    """Do monitors pay less? If ``yes``, describe it in ``monitor.fee_terms``; never advertise it as a bargain."""
    results_published: Decision = "undecided"
    """Are monitors' results published (in any form)? Testimonials and before/after pictures are never used."""
    research: Decision = "undecided"
    """Is the programme a research study (with an ethics review and its own consent)?"""

    _decisions = field_validator("fee_reduction", "results_published", "research", mode="before")(
        classmethod(lambda cls, v: _yes_no(v)))


class Settings(ContentModel):
    """``content/settings.yaml``: what both languages share."""

    languages: list[str] = ["ja", "en"]
    """Language folders under content/, in the order they are offered."""
    default_language: str = "ja"
    """The language used when nothing else says which."""
    review_max_age_days: int = Field(365, ge=1)
    """A page whose ``reviewed`` date is older than this many days gets a warning."""
    required_notices: dict[str, list[str]] = {}
    """For each treatment (tms, exosome, combined), the notices its pages must list."""
    notice_must_mention: dict[str, dict[str, list[str]]] = {}
    """For each notice, per language, words it must contain as shown on every treatment page (the disclosures
    the advertising guideline requires: free care, cost, risks, contact; unapproved status ...)."""
    status_wording: dict[str, list[str]] = {}
    """Per language, words of which one must appear on every page, FAQ answer and menu text that names the exosome
    infusion or the combined protocol (未承認, 研究段階 ...), unless the page shows the ``unapproved`` notice."""
    status_names: dict[str, list[str]] = {}
    """Per language, the words that name the exosome infusion or the combined protocol (エクソソーム, 併用 ...)."""
    message_budget: int = Field(800, ge=200, le=4096)
    """Characters a page part may hold before its folded notices; longer parts are warned about (split them
    with a line ``<!-- more -->``)."""
    policy: Policy = Policy()
    """Decisions only the clinic can make; the safe default applies until they are made."""
    monitor: MonitorPolicy = MonitorPolicy()
    """The monitor programme's terms that do not depend on language."""


# --- clinic.yaml (shared) and <lang>/clinic.yaml -----------------------------------------------------------------

class Prices(ContentModel):
    """Free-care (自由診療) prices, tax included. Leave empty until the clinic confirms them."""

    consultation: str | None = None
    """First consultation fee."""
    tms_session: str | None = None
    """One TMS session."""
    tms_course: str | None = None
    """A full TMS course (e.g. 30 sessions)."""
    exosome_infusion: str | None = None
    """One exosome infusion."""
    combined_course: str | None = None
    """The combined TMS + exosome protocol, if priced as a course."""


class SharedClinic(ContentModel):
    """``content/clinic.yaml``: facts that are the same in every language, written once.

    An empty value means "not known yet": the bot leaves the line out and says once that the clinic will give it
    when it contacts the patient; ``python -m bot check --launch`` fails until it is filled in. Never guess.
    """

    phone: str | None = None
    """Phone number for enquiries (required before launch: the advertising guideline asks for a contact point)."""
    address: str | None = None
    """Full postal address, as written on the clinic's own documents (shown as is in every language)."""
    email: str | None = None
    """E-mail address for enquiries."""
    website: str | None = None
    """The clinic's website address."""
    prices: Prices = Prices()
    """Free-care prices (required before launch: the guideline asks for the standard cost)."""


class MonitorText(ContentModel):
    """The monitor programme in this language's words; the clinic decides it (see ``monitor:`` in settings)."""

    what_monitors_do: str | None = None
    """What a monitor agrees to do (e.g. answer a questionnaire at each visit). Required before launch."""
    fee_terms: str | None = None
    """The fee reduction, if ``fee_reduction: yes`` in settings.yaml: how much, for what. Facts only."""
    how_to_withdraw: str | None = None
    """How a monitor stops taking part, and that stopping has no disadvantage. Required before launch."""


class Clinic(ContentModel):
    """``<lang>/clinic.yaml``: facts about the clinic that are written in words, used as ``{{ clinic.name }}``.

    Phone, e-mail, address, website and prices live once in ``content/clinic.yaml`` and are used the same way
    (``{{ clinic.phone }}``). An empty value means "not known yet". Never invent a value.
    """

    name: str
    """The clinic's full name."""
    doctor: str | None = None
    """The doctor who wrote the clinic's article."""
    area: str
    """Ward and city, e.g. 名古屋市千種区."""
    hours: str | None = None
    """Opening hours. Required before launch."""
    access: str | None = None
    """How to get there (station, parking)."""
    product_source: str | None = None
    """入手経路: how the exosome product is obtained (maker, country, who imports it). Required before launch;
    shown in the unapproved-treatment notice and on the status page."""
    after_applying: str | None = None
    """What happens after a monitor application, and when (who contacts the applicant, how, within how many
    days). Required before launch."""
    monitor: MonitorText = MonitorText()
    """The monitor programme's terms in words."""


# --- pages/*.md front matter ------------------------------------------------------------------------------------

class LintAllowance(ContentModel):
    """Silences one claims-lint finding on this page; the reason is required."""

    word: str
    """The flagged word, exactly as the lint reported it."""
    reason: str = Field(min_length=5)
    """Why this use is not a prohibited claim."""


class PageMeta(ContentModel):
    """The front matter at the top of a page file, between two ``---`` lines."""

    title: str = Field(min_length=1)
    """Shown in bold at the top of the page."""
    button: str = Field(min_length=1, max_length=40)
    """Label of the buttons that open this page; keep it short."""
    links: list[str] = []
    """Ids of other pages, shown as buttons under the text."""
    actions: list[PageAction] = []
    """Buttons that do something: apply (start the monitor application), delete_data, language, privacy."""
    treatment: Treatment | None = None
    """Set on pages that describe a treatment; their required notices are checked."""
    notices: list[str] = []
    """Notices (files in notices/) shown folded under the page."""
    image: str | None = None
    """A picture in images/ sent before the text."""
    image_caption: str = ""
    """Said under the picture, after the title: what it shows and its caveats (also its text for screen readers
    and for the claims lint). Required with ``image``."""
    reviewed: dt.date
    """Date of the last medical review (YYYY-MM-DD)."""
    sources: list[str] = []
    """Where the facts on this page come from."""
    lint_allow: list[LintAllowance] = []
    """Claims-lint findings silenced on this page, each with a reason."""

    @field_validator("links", "notices")
    @classmethod
    def _ids(cls, values: list[str]) -> list[str]:
        return [check_id(v) for v in values]


# --- menu.yaml --------------------------------------------------------------------------------------------------

class MenuItem(ContentModel):
    """One main-menu button: either a page or an action."""

    page: str | None = None
    """Id of the page the button opens."""
    action: MenuItemAction | None = None
    """Or an action: apply, language, privacy, ask (how to type a question)."""
    label: str | None = Field(None, max_length=40)
    """Button label; defaults to the page's ``button``. Required for actions."""

    @model_validator(mode="after")
    def _one_target(self) -> MenuItem:
        if (self.page is None) == (self.action is None):
            raise ValueError("expected exactly one of 'page' or 'action'")
        if self.action is not None and not self.label:
            raise ValueError("an action needs a 'label'")
        return self


class Menu(ContentModel):
    """``menu.yaml``: the welcome and the main menu."""

    welcome: str = Field(min_length=1)
    """Shown after /start, above the main menu (Markdown)."""
    disclaimer: str = Field(min_length=1)
    """One line under the welcome: general information, not medical advice; emergency 119."""
    title: str = Field(min_length=1)
    """Shown above the menu buttons when the user goes Home."""
    items: list[MenuItem] = Field(min_length=1)
    """The buttons, in order."""
    columns: int = Field(1, ge=1, le=3)
    """Buttons per row."""
    lint_allow: list[LintAllowance] = []
    """Claims-lint findings silenced in this file, each with a reason."""


# --- claims.yaml ------------------------------------------------------------------------------------------------

class ClaimFamily(ContentModel):
    """A family of expressions: one term of each group in one sentence (in this order unless ``ordered: false``),
    e.g. [必ず, 確実, 保証] then [治る, 改善, 効果] catches 必ず良くなります, 確実に改善, 効果を保証します."""

    name: str
    """What the family is, in the staff's words (shown with each finding), e.g. 保証＋結果."""
    terms: list[list[str]] = Field(min_length=1)
    """Groups of terms. Japanese terms match the word in any conjugation (治る: 治ります, 治った); a term of
    hiragana only matches whole words (ない does not match 少ない). English terms match whole words; a ``*`` at
    the end of a word matches any ending (improv*: improve, improved, improvement). ``re:`` starts a regular
    expression."""
    ordered: bool = True
    """Whether the groups must come in the order written."""
    span: int = 30
    """At most this many characters from the first term to the last."""
    negation_between: bool = True
    """Whether a negation between the terms makes it honest (false for "nobody leaves without ...")."""
    same_clause: bool = False
    """Whether a comma or "but" between the terms separates them (TMS は承認されていますが、エクソソームは…)."""
    unless: list[str] = []
    """Words that make the sentence a report of research, not a claim (報告, 研究, study, reported)."""


class ClaimPattern(ContentModel):
    """A regular expression with the name staff read in each finding (a pattern is never shown as its regex)."""

    name: str = Field(min_length=1)
    """What the pattern catches, in this file's language, e.g. 「治療の成果を休みの期限に合わせる」."""
    pattern: str
    """The regular expression (matched on folded text: lower case, half-width)."""

    _check_pattern = field_validator("pattern")(classmethod(lambda cls, v: check_regexes([v])[0]))


class ClaimCategory(ContentModel):
    """A group of words the medical advertising guideline does not allow."""

    label: str = ""
    """The category's name in this file's language, shown with each finding (the key, e.g. guarantee, if empty)."""
    why: str
    """Why these words are a problem (shown with each finding)."""
    rule: str = ""
    """The rule a finding breaks, e.g. 医療広告ガイドライン 第3「誇大広告」 (shown with each finding)."""
    expected: str = ""
    """What staff should write instead (shown with each finding)."""
    fix: str = ""
    """How to reword a finding of this kind (shown with each finding)."""
    words: list[str] = Field(min_length=1)
    """Words or phrases; matched ignoring case and full-/half-width. Whole words for English; Japanese words
    also match in any conjugation (治る: 治ります)."""
    patterns: list[str | ClaimPattern] = []
    """Regular expressions for phrasings a plain word cannot catch (e.g. 副作用[はがも]ありません). Write a new one
    as ``{name: ..., pattern: ...}``: findings show its name; a bare regex is shown by the category's label."""
    families: list[ClaimFamily] = []
    """Families of expressions (one term of each group in a sentence), for phrasings no list of words foresees."""

    @field_validator("patterns")
    @classmethod
    def _check_patterns(cls, values: list[str | ClaimPattern]) -> list[str | ClaimPattern]:
        check_regexes([v for v in values if isinstance(v, str)])  # a named pattern checks its own
        return values


class Claims(ContentModel):
    """``claims.yaml``: the claims lint's word lists for this language (the lists of every language are applied
    to every language's text, so an English claim inside Japanese text is caught too)."""

    categories: dict[str, ClaimCategory]
    """Category name (guarantee, superlative, testimonial, discount ...) -> its words."""
    negations_after: list[str] = []
    """Endings that turn a word into an honest negation when they follow it in the same sentence
    (完治を約束する**ものではありません**): the word is then not a claim."""
    negations_before: list[str] = []
    """Words that negate what follows within a few words ("TMS is **not** a cure")."""
    not_negations: list[str] = []
    """Phrases that look like a negation but are not ("not only", 「だけではありません」)."""
    mentions_before: list[str] = []
    """Words that present the next words as words being talked about ("words **like** cutting-edge", "**called**
    the best"): with a negation in the sentence ("we avoid words like ..."), such a mention is not a claim."""
    mentions_after: list[str] = []
    """Endings that present the words before them as words (「最先端」**といった言葉**は使いません)."""
    mention_negations: list[str] = []
    """Words that say a mentioned word is not used or means nothing (avoid, rather than, 使いません, 避け)."""


# --- faq.yaml ---------------------------------------------------------------------------------------------------

class FaqEntry(ContentModel):
    """One answer to typed questions."""

    id: str
    """Shared by both languages."""
    questions: list[str] = Field(min_length=1)
    """Example phrasings a patient might type (several, in different styles)."""
    answer: str = ""
    """A short answer (Markdown); may use {{ clinic.* }}."""
    page: str | None = None
    """A page offered as "read more"."""
    action: Literal["apply", "contact"] | None = None
    """Instead of only answering: apply starts the application, contact shows the clinic's contact."""
    treatment: Treatment | None = None
    """The treatment the entry is about (tms, exosome, combined), if any: a question that names only the other
    treatment is never answered with this entry (an exosome question never gets a TMS answer)."""

    _check_id = field_validator("id")(classmethod(lambda cls, v: check_id(v)))

    @model_validator(mode="after")
    def _has_reply(self) -> FaqEntry:
        if not self.answer.strip() and self.page is None and self.action is None:
            raise ValueError("expected an 'answer', a 'page' or an 'action'")
        return self


class WishToApply(ContentModel):
    """The words of a wish to apply, book or be contacted: such a message starts the application instead of
    getting an FAQ answer. Phrases are matched after folding width and case; English ones match whole words,
    Japanese ones anywhere. ``{a|b}`` offers alternatives ("{can|could} someone", "i {really |}want")."""

    subjects: list[str] = []
    """What is wished for: applying, booking, an appointment, a consultation (応募, 予約, "sign up")."""
    wishes: list[str] = []
    """Words of wanting or asking (したい, お願い, "i would like", "please"): with a subject, a wish."""
    within: int | None = Field(None, ge=0, le=30)
    """The wish word comes at most this many characters after the subject, in one sentence (Japanese:
    「予約したい」); leave out for anywhere in the sentence, in either order (English)."""
    contacts: list[str] = []
    """Being contacted (連絡, 電話, 折り返し): with a word of ``contact_asks`` after it, a wish."""
    contact_asks: list[str] = []
    """Asking for it (ください, ほしい, もらえ): at most ``contact_within`` characters after a ``contacts`` word."""
    contact_within: int | None = Field(None, ge=0, le=30)
    """How many characters may stand between ``contacts`` and ``contact_asks``; leave out for anywhere."""
    alone: list[str] = []
    """A message of only this is a wish ("apply", "sign up"), with at most one ``alone_before`` word before it
    and one ``alone_after`` phrase after it ("monitor application", "apply now")."""
    alone_before: list[str] = []
    """Words that may come before an ``alone`` word ("monitor", "the")."""
    alone_after: list[str] = []
    """Phrases that may come after an ``alone`` word ("now", "please", "as a monitor")."""
    not_in_sentence: list[str] = []
    """A sentence with one of these is no wish: another question or a refusal (番号, 教えて, "how much",
    "do not want")."""
    not_in_message: list[str] = []
    """A message with one of these has no wish at all: a question about what applying does, or about stopping
    (したら, キャンセル, 辞退, "if i apply", "withdraw")."""
    not_followed_by: dict[str, list[str]] = {}
    """A phrase of the lists above that does not count when one of these follows it at once (たい: [か], so
    「予約したいか」 is not a wish; 電話: [で], so 「電話で診察」 is not a request to be called)."""
    examples: list[str] = []
    """Messages that must start the application; ``python -m bot check`` tries each one."""
    counter_examples: list[str] = []
    """Messages that must stay questions (「予約したらキャンセルできますか」); the checker tries each one."""


class Faq(ContentModel):
    """``faq.yaml``: answers to typed questions and the synonyms that help find them."""

    lint_allow: list[LintAllowance] = []
    """Claims-lint findings silenced in this file, each with a reason."""
    wish_to_apply: WishToApply = WishToApply()
    """The words that tell a wish to apply, book or be contacted from a question (see below)."""
    synonyms: list[list[str]] = []
    """Groups of words that mean the same thing (TMS = 経頭蓋磁気刺激 = 磁気刺激)."""
    entries: list[FaqEntry] = Field(min_length=1)
    """The answers."""


# --- crisis.yaml ------------------------------------------------------------------------------------------------

class CrisisRule(ContentModel):
    """One rule: parts that must appear in this order in one sentence, a few words apart."""

    id: str
    """Short ASCII name, shown in logs and the evaluation report (never the message)."""
    parts: list[str] = Field(min_length=1)
    """Each part is a word list (``@die``) or one word; Japanese words in dictionary form (死ぬ, たい)."""
    gap: int = Field(2, ge=0, le=8)
    """At most this many words between two consecutive parts."""
    tier: Literal["definite", "check_in"] = "definite"
    """``definite``: the crisis reply; ``check_in``: a weak signal, so the bot asks first."""
    topic: bool = False
    """A mention of the subject (suicidal, 自殺念慮) rather than a wish or act: a question about it is a check-in."""

    _check_id = field_validator("id")(classmethod(lambda cls, v: check_id(v)))


class CrisisContext(ContentModel):
    """Word lists that route a finding: they can change which help is given, never silence it."""

    others: list[str] = []
    """People other than the writer (息子, 娘, 友達, my son, she): a risk that is theirs gets the carer reply."""
    reporting: list[str] = []
    """Verbs of saying (言う, 話す, says, told): 「死にたいと言っています」 reports someone else."""
    me: list[str] = []
    """The writer (私, 僕, I, me): nearer to the finding than an ``others`` word, the risk is the writer's."""
    generic: list[str] = []
    """Words right after a finding that make it general (人, 方, people): a question about the topic."""
    past: list[str] = []
    """Words of a past time (昔, 以前, years ago)."""
    resolved: list[str] = []
    """Words of a settled present (今は, 落ち着いて, now, recovered): with ``past``, a history, so a check-in."""
    negation: list[str] = []
    """Words that negate (ない after a verb; not, never before one): 「死にたくない」 is a check-in."""
    topic: list[str] = []
    """Words of the subject in general (統計, ニュース, statistics, risk): with a mention and no ``me``, a check-in."""
    question: list[str] = []
    """Sentence-final (か, ですか) or, in English, sentence-opening words (can, does) that make a question."""
    joking: list[str] = []
    """Joke markers (笑, ｗ, lol, haha): in the sentence of a finding, the full reply becomes a check-in (the
    learned layer may still raise it); it never silences."""
    accident: list[str] = []
    """Words of an accident or an everyday task (料理中, 誤って, shaving, cooking, by accident): in the sentence of a
    self-harm or method finding, the full reply becomes a check-in ("I cut myself shaving"); it never silences."""
    risk: list[str] = []
    """Words of risk itself (死ぬ, 切る, 薬, 橋, die, cut, pills, bridge; English in dictionary form, so ``die`` also
    meets died and dying): the learned layer gives the full reply on its own only when one of them is there."""
    hypothetical: list[str] = []
    """A case supposed, not told (if a friend, if someone, what if, 言われたら, 相談されたら): in a question, a finding
    in its sentence gets the check-in ("what should I say if a friend tells me they want to die?")."""
    bereaved: list[str] = []
    """A death that has happened (died by suicide, killed himself, 自殺で亡くなった) next to a finding: a loss told,
    not a risk now, so a check-in."""
    observer: list[str] = []
    """The writer's own words as the one who noticed or worries (found, saw, worried, what should I do, 心配, 気づく,
    どうしたら): "I" right before one of them is not the one at risk, so "I found my son's note" stays about him."""
    current: list[str] = []
    """Words of a present or recurring time (still, again, lately, tonight, まだ, また, 最近, 今も): with one in the
    message, a finding told in the past is not read as a history that is over."""
    story: list[str] = []
    """A story, the news or a lesson (novel, film, documentary, the news, lecture, 小説, 映画, ニュース, 主人公): a
    finding in its sentence told of strangers or a character, not of the writer or the writer's people, is a topic:
    a check-in."""
    embarrassed: list[str] = []
    """A feeling that is no suffering (恥ずかしい, 幸せ, boring, embarrassed): right after a finding and ほど/くらい,
    or after "so" just before it, a measure of degree (「消えたいくらい恥ずかしい」, "so boring I wanted to die"), so a
    check-in the learned layer does not raise; 「死にたいくらいつらい」 and "so tired of everything I want to die" keep
    their reply."""
    joining: list[str] = []
    """The writer doing the same (too, the same, me too, 私も, 同じこと, 真似): after the writer with a wish ("now I
    want to do it too"), someone else's risk told beside the writer's own gives the full reply."""
    then: list[str] = []
    """A time well past (years ago, back in college, in 2019, when I was 14, 昔, 年前, 学生時代): a finding in its
    sentence, with a verb in the past and the present set apart (``present``), is a history."""
    present: list[str] = []
    """Words that set the present apart from a past told before (now, these days, 今は, 現在は): a finding told in the
    past, with one of them in another sentence (or a question, or a settled present), is a history: a check-in."""
    body: list[str] = []
    """Parts of the body (腕, 手首, arm, wrist; English in dictionary form): owned by someone the writer names inside
    or right after a finding (「娘の腕に」, "cuts on my son's arms", "her wrists"), the marks are that person's, so
    the carer reply."""
    means: list[str] = []
    """Means a person can take from someone at home (薬, ロープ, pill, rope, gun; English in dictionary form): owned
    by someone the writer names (「母の薬」, "my dad's pills"), they are the writer's own means, not a report about
    that person, so the owner does not make the finding someone else's."""
    animals: list[str] = []
    """Animals (猫, 犬, cat, dog): the nearest one before a finding, with no person nearer, did what it tells
    ("my cat jumped off the balcony railing"), so a check-in at most."""
    bare: list[str] = []
    """Words of risk that ask a check-in when they make up a short message almost alone (しぬ, 切る, もう無理, die,
    i am done): nothing else in the message says what they mean, so the question is asked (``bot.safety.bare``)."""
    bare_fillers: list[str] = []
    """Words that do not count as "something around" a ``bare`` word (もう, ほんと, たい, i, am, so, just): 「もう
    しぬ」 and "im so done" are still bare; 「課題で死ぬ」 and "done with the form" are not."""
    everyday: list[str] = []
    """Words of an everyday occasion or of talking again (旅行, 花火, また明日, holiday, fireworks, as prescribed, see
    you at): in the sentence of a finding, the full reply becomes a check-in ("the roof terrace for the fireworks
    tonight"); in the message, plan signals (``signals``) count for nothing. They never silence."""


class CrisisSignals(ContentModel):
    """Weak signals of a plan, each kind a word list (bot/safety/signals.py). Alone none of them says anything. A
    check-in and two kinds in one message give the full reply; a message nothing else flagged gets a check-in for
    two kinds of which one is strong (``means``, ``place``, ``affairs``, ``finality``, ``opportunity``, or
    ``farewell`` beside an apology or finality), and the full reply for three of which two are strong (or one is
    ``finality`` or ``opportunity``). Someone else named and not the writer: the carer reply instead."""

    time: list[str] = []
    """A day or moment chosen (tonight, on Friday, the date, 決行日, 明日, 月末, 年内)."""
    preparation: list[str] = []
    """Arranging and getting ready (arranged, everything i need, booked, worked out, 準備, 用意, 調べる)."""
    affairs: list[str] = []
    """Putting affairs in order (my will, passwords, insurance, cancelled my lease, 身辺整理, 解約, 形見)."""
    place: list[str] = []
    """A place from which or where it could happen (bridge, car park, quarry, tracks, 屋上, 踏切, 崖)."""
    means: list[str] = []
    """Something to do it with (pills, rope, charcoal, blade, the train times, 薬, 練炭, ロープ)."""
    finality: list[str] = []
    """Finality and concealment (won't need, for after, nobody will know, made my peace, もう関係ない, 誰にも言わず)."""
    opportunity: list[str] = []
    """The writer left alone (nobody home, when everyone is asleep, my parents will be away, 留守, 寝静まってから)."""
    farewell: list[str] = []
    """A goodbye (bye, farewell, さようなら, これで最後)."""
    apology: list[str] = []
    """An apology or thanks as if for the last time (sorry for everything, forgive me, ごめんなさい, お世話に
    なりました)."""
    intent: list[str] = []
    """The writer's own intent, said in the first person (i am going to, i have decided to, つもり, しようと思う).
    It counts only beside a check-in that a phrase or rule gave: then it and one more kind give the full reply."""


class CheckIn(ContentModel):
    """The one warm question asked when a message may or may not be about the writer's own risk."""

    question: str = Field(min_length=1)
    """Asks directly and kindly whether they are thinking of ending their life or hurting themselves now."""
    yes_button: str = Field(min_length=1, max_length=40)
    """Button: yes (shows the full crisis reply)."""
    no_button: str = Field(min_length=1, max_length=40)
    """Button: no (answers the original message as usual)."""
    footer: str = Field(min_length=1)
    """One line with a hotline, shown under the question and under distress answers, so numbers are never held back."""


class Crisis(ContentModel):
    """``crisis.yaml``: the crisis replies and what triggers them (both languages' lists are always used)."""

    message: str = Field(min_length=1)
    """Warm, brief, with emergency numbers and hotlines (Markdown; may use {{ clinic.* }})."""
    carer_message: str = Field(min_length=1)
    """For someone worried about another person: emergency first, then what to do, and the lines for young people."""
    check_in: CheckIn
    """The question asked when a message may or may not be about the writer's own risk."""
    phrases: list[str] = Field(min_length=1)
    """Phrases that signal the writer's own risk; matched after normalising width, kana and spacing."""
    mentions: list[str] = []
    """Words that name the subject (自殺, suicide): a check-in unless a rule or context says more."""
    patterns: list[str] = []
    """Regular expressions for phrasings a plain phrase cannot catch."""
    not_risk: list[str] = []
    """Ordinary phrasings that contain a risk word (死亡例はありますか). No rule may match one of them."""
    words: dict[str, list[str]] = {}
    """Word lists used by ``rules`` as ``@name`` (Japanese in dictionary form; English words, * = any ending)."""
    rules: list[CrisisRule] = []
    """Meaning across conjugations and a few words of distance (see ``bot/safety/rules.py``)."""
    context: CrisisContext = CrisisContext()
    """Word lists that decide whose risk a finding is and whether it is a question or a history."""
    signals: CrisisSignals = CrisisSignals()
    """Weak signals of a plan (a time, preparation, affairs, a place, means, finality) that count when they agree."""

    @field_validator("patterns")
    @classmethod
    def _check_patterns(cls, values: list[str | ClaimPattern]) -> list[str | ClaimPattern]:
        check_regexes([v for v in values if isinstance(v, str)])  # a named pattern checks its own
        return values

    @field_validator("words")
    @classmethod
    def _word_list_names(cls, values: dict[str, list[str]]) -> dict[str, list[str]]:
        for name in values:
            check_id(name)
        return values


# --- distress.yaml ----------------------------------------------------------------------------------------------

class Distress(ContentModel):
    """``distress.yaml``: a short warm reply to messages about low mood, exhaustion, sleeplessness or not coping.

    Not the crisis reply: the crisis screen (crisis.yaml) sees every message first; this is for the messages it did
    not flag, which would otherwise get "I don't have an answer to that"."""

    message: str = Field(min_length=1)
    """The acknowledgement (Markdown; may use {{ clinic.* }}): brief, warm, what the clinic can do. Never a
    diagnosis and never a promise."""
    footer: str = Field(min_length=1)
    """One line under the message with a hotline, for when things get worse."""
    carer_message: str = Field(min_length=1)
    """The acknowledgement for a message about someone close (a child, a partner): addressed to the one who worries,
    with what the clinic can do for the person they write about (Markdown; may use {{ clinic.* }} and
    {{ policy.* }})."""
    someone_else: list[str] = []
    """People close to the writer (息子, 娘, my son, she): distress said of one of them gets ``carer_message``."""
    me: list[str] = []
    """The writer (私, 自分, I, me): the person word nearest before a distress phrase tells whose distress it is."""
    phrases: list[str] = []
    """Words and phrases of distress (つらい, 眠れない, "exhausted"); matched after normalising width and kana.
    English phrases match whole words; a trailing * matches any ending (hopeless* = hopelessness); `` ~ `` between
    two parts allows a few words (English) or characters (Japanese) between them ("feel ~ down": "feel really down")."""
    families: dict[str, list[str]] = {}
    """More phrases, grouped by what they say (sleep, fatigue, school, worry_about_child, not_coping, loneliness ...),
    written like ``phrases``; the checker asks for at least one example that each family recognises."""
    not_distress: list[str] = []
    """Phrases that contain a distress word but are ordinary questions (治療はつらいですか, "is TMS tiring")."""
    examples: list[str] = Field(min_length=1)
    """Messages that must get the acknowledgement; the checker tries each one."""
    counter_examples: list[str] = []
    """Messages that must not get it (questions about treatment); the checker tries each one."""
    carer_examples: list[str] = []
    """Messages about someone close that must get ``carer_message``; the checker tries each one."""
    self_examples: list[str] = []
    """Messages that name someone close but tell the writer's own distress ("my husband left and I can't stop
    crying"): they must get ``message``; the checker tries each one."""


# --- intake.yaml ------------------------------------------------------------------------------------------------

class Choice(ContentModel):
    """One button of a choice or multi question."""

    id: str
    """Shared by both languages; used in conditions (``when``)."""
    label: str = Field(min_length=1, max_length=60)
    """The button text."""
    flag: Flag | None = None
    """Choosing this flags the lead for the doctor (minor, screening ...)."""
    exclusive: bool = False
    """For multi questions: choosing this clears the other choices, and the others clear it (e.g. "none")."""
    means: Literal["yes", "no", "unsure"] | None = None
    """What a typed yes, no or "not sure" stands for at this question (a choice with the id yes, no or unsure
    means that already): e.g. ``means: yes`` on 診断を受けている, so 「はい」 typed is taken as that choice."""
    typed: list[str] = []
    """Other words patients type for this choice, besides the label (「両方」, "both"); matched inside the message."""
    range: list[float] | None = Field(None, min_length=2, max_length=2)
    """For a question with ``amount``: the band this choice covers, [from, to] in years, both ends included
    (a typed value on the boundary of two bands gets "did you mean" with both)."""
    minors_policy: str | None = None
    """For a choice the clinic may not offer to patients under 18: the name of the policy in settings.yaml
    (``tms_for_under_18``, ``exosome_for_under_18``, ``combined_for_under_18``) that must be ``yes`` for it to be
    offered. Until it is, when an earlier answer has ``flag: minor`` the button is not shown, a typed answer meaning
    it is not taken, and the question's ``minors_note`` says why."""

    _check_id = field_validator("id")(classmethod(lambda cls, v: check_id(v)))


class Question(ContentModel):
    """One question of the application."""

    id: str
    """Shared by both languages."""
    kind: QuestionKind
    """choice (one button), multi (several buttons), text, phone, email, date (YYYY-MM-DD), number."""
    text: str = Field(min_length=1)
    """The question (Markdown)."""
    help: str = ""
    """A hint shown under the question."""
    label: str = Field(min_length=1, max_length=40)
    """Short name of the answer on the review screen and in the lead card."""
    section: str = ""
    """Heading of the group the question belongs to (e.g. 安全確認)."""
    health: bool = False
    """True for health information (要配慮個人情報): asked only after consent."""
    optional: bool = False
    """May be skipped with a Skip button."""
    when: dict[str, str | list[str]] | list[dict[str, str | list[str]]] = {}
    """Ask only if earlier answers match: {question_id: choice_id or [choice ids]} (every key must match), or a
    list of such conditions, any of which may match (e.g. [{applicant: guardian}, {handover: guardian}])."""
    choices: list[Choice] = []
    """For choice and multi questions."""
    min: float | None = None
    """Smallest number allowed (number) or earliest days from today (date)."""
    max: float | None = None
    """Largest number allowed (number) or latest days from today (date)."""
    max_length: int = Field(500, ge=1, le=2000)
    """For text: the longest answer accepted."""
    form_help: str = ""
    """A short reply to a question about filling in this answer typed instead of it ("can I write it in
    katakana?"); the question is then asked again. Without it such a message is taken as the answer."""
    may_count: list[str] = []
    """For a choice question: things a patient may name without knowing whether they are what the question asks
    (an IUD at the implant question, 「立ちくらみ」 at the fainting question, 「妊活中」 at the pregnancy question).
    Named as the answer, they make the bot ask which choice to record instead of recording "yes"; a choice's
    ``typed`` word named beside them (「貧血で倒れた」) still answers. For a multi question: things that may be one
    choice or another (St John's wort: an antidepressant, or another treatment?); named, they make the bot offer
    the choices instead of recording some."""
    amount: Literal["age", "duration"] | None = None
    """For a choice question whose choices are bands (``range``): what a typed number means, an age in years
    (「35歳」, "42") or a duration (「3年くらい」, "about 6 months")."""
    minors_note: str = ""
    """Required when a choice has ``minors_policy``: one short line shown under the question to an applicant under
    18 while such a choice is not offered, saying so honestly (Markdown). ``{{ withheld }}`` is replaced by the
    labels of the choices not offered, in quotes (「エクソソーム点滴」「…」 / “Exosome infusion” or “…”)."""

    _check_id = field_validator("id")(classmethod(lambda cls, v: check_id(v)))

    @model_validator(mode="after")
    def _choices_fit_kind(self) -> Question:
        if self.kind in ("choice", "multi") and not self.choices:
            raise ValueError(f"a {self.kind} question needs 'choices'")
        if self.kind not in ("choice", "multi") and self.choices:
            raise ValueError(f"a {self.kind} question cannot have 'choices'")
        return self


class Consent(ContentModel):
    """The consent step shown before any health question."""

    version: str = Field(min_length=1)
    """Version of this notice; stored with every consent. Change it when the text changes."""
    text: str = Field(min_length=1)
    """Purpose, what is collected, who sees it, how long it is kept, how to withdraw or delete."""
    agree: str = Field(min_length=1, max_length=40)
    """Button to agree."""
    decline: str = Field(min_length=1, max_length=40)
    """Button to decline."""
    declined: str = Field(min_length=1)
    """Kind message after declining."""


class IntakeErrors(ContentModel):
    """What the bot says when an answer cannot be accepted. ``{{ max }}``/``{{ min }}`` may be used."""

    choice: str
    """A typed answer where a button was expected."""
    text_too_long: str
    """Text longer than ``max_length``."""
    empty: str
    """An empty answer to a required question."""
    phone: str
    """Not a phone number."""
    email: str
    """Not an e-mail address."""
    date: str
    """Not a date, or out of range."""
    number: str
    """Not a number, or out of range."""
    not_text: str
    """A sticker, photo or other non-text message."""


class Intake(ContentModel):
    """``intake.yaml``: the monitor application questionnaire."""

    version: str = Field(min_length=1)
    """Version of the question set; an application in progress keeps the version it started with."""
    intro: str = Field(min_length=1)
    """What the programme is and what happens after applying."""
    start: str = Field(min_length=1, max_length=40)
    """Button to begin."""
    consent: Consent
    """The consent step."""
    questions: list[Question] = Field(min_length=1)
    """The questions in order."""
    review: str = Field(min_length=1)
    """Heading of the review screen."""
    submit: str = Field(min_length=1, max_length=40)
    """Button to submit."""
    thanks: str = Field(min_length=1)
    """After submitting; ``{{ lead_id }}`` is the application number."""
    flagged_note: str = ""
    """Added to the thanks when an answer needs the doctor's review."""
    errors: IntakeErrors
    """Messages for answers that cannot be accepted."""
    lint_allow: list[LintAllowance] = []
    """Claims-lint findings silenced in this file, each with a reason."""
