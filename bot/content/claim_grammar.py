"""English claim constructions: the shapes an advertising claim takes, whatever words fill them.

The lists in ``content/<lang>/claims.yaml`` hold words and phrases; a writer who avoids them still writes a claim
when the sentence has the shape of one: a good result told as what will happen to the reader ("You'll have a clear
head again"), a comparison with other providers ("We succeed where antidepressants fail"), a patient's story
("One of our patients went back to work after four weeks"), a push to act now ("Don't let this chance slip away")
or a price made the selling point ("Your first step costs nothing"). Each construction names the category of the
lists whose reason, rule and advice the staff read, so a finding is explained in their language as a listed word's
is. The lint reads them with the same grammar as list entries: a negation, a hedge, a question or a word talked
about as a word ("We do not say that your brain will thank you") claims nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Construction:
    """A claim's shape: a name said in findings, the category of the lists it belongs to and its pattern (on
    folded text: lower case, half-width)."""

    name: str
    category: str
    pattern: re.Pattern[str]
    unless: re.Pattern[str] | None = None
    """Words that, anywhere in the sentence, make it no claim ("the idea that ...", "... is a hypothesis")."""


NAMES_JA = {
    "a comparison with others": "他との比較",
    "a hypothesis told as fact": "仮説を事実として述べる",
    "a patient's story": "患者の体験談",
    "a price made the selling point": "費用を売りにする",
    "a push to act now": "今すぐの行動を迫る",
    "a result promised to the reader": "読む人への結果の約束",
    "a result told as likely": "結果が見込めると言う",
    "a superlative": "最上級の表現",
    "an unapproved treatment told as approved": "未承認の治療を承認済みのように言う",
    "safety told as an absolute": "安全の言い切り",
}
"""Each construction's name as Japanese staff read it (a finding in content/ja is explained in Japanese)."""


def _c(name: str, category: str, source: str, unless: str = "") -> Construction:
    return Construction(name, category, re.compile(_any_apostrophe(source), re.ASCII),
                        re.compile(_any_apostrophe(unless), re.ASCII) if unless else None)


def _any_apostrophe(source: str) -> str:
    """The pattern with each straight apostrophe also meeting a curly one ("don’t"), inside a class or not."""
    out, in_class, escaped = [], False, False
    for ch in source:
        if ch == "'" and not escaped:
            out.append("'’" if in_class else "['’]")
        else:
            out.append(ch)
        in_class = (in_class or (ch == "[" and not escaped)) and not (ch == "]" and not escaped)
        escaped = ch == "\\" and not escaped
    return "".join(out)


_READER = (r"(?:you|your (?!doctors?\b|nurses?\b|staff\b|appointments?\b|sessions?\b|questions?\b|results?\b"
           r"|application\b|place\b|details\b|data\b|information\b|records?\b|first\b|next\b)[\w-]+)")
"""The reader or what is theirs, as the subject of what will happen."""
_CERTAIN_FUTURE = (r"(?:'ll|\s+will|\s+are going to|\s+is going to)(?:\s+(?:surely|definitely|certainly|soon"
                   r"|finally|quickly|at last|once again|already))?")
_GOOD_END = (r"(?:better|lighter|brighter|calmer|happier|clearer|healthier|stronger|younger|more productive|fun"
             r"|relief|smiles?|behind you|(?:the|a) turning point|a lift|lift\w* (?:your|the) (?:mood|spirits)"
             r"|(?:the|a|real|big|clear) (?:difference|change)|thank you|turn(?:s)? around|a (?:bad|distant) dream"
             r"|recover\w*|improve\w*|well again|on your feet|back to (?:work|school|normal|life|yourself|your old)"
             r"|looking forward to (?:the day|each day|every day|life|the future|mornings)"
             r"|yourself again|(?:clear|calm|happy|light|strong|energetic|smiling|laughing|yourself|whole)\b"
             r"[^.;!?]{0,25}\bagain)")
"""A good outcome for the reader: feeling better, relief, a difference, being oneself again."""
_TREATMENT = (r"(?:tms|rtms|exosomes?|exosome (?:therapy|treatment|infusions?)|(?:the|an?) (?:drip|infusions?"
              r"|combination|combined protocol|treatment)|infusing|this treatment|our (?:treatment|protocol))")
_SUPPOSED = (r"\b(?:hypothes\w*|idea|theory|thinks?|thought|believed?|believes|may|might|could|whether|if|aims?"
             r"|aimed|hopes?|hoped|studied|studying|stud(?:y|ies)|research\w*|trials?|suggest\w*|possib\w*"
             r"|proposed|said to|expected|in animals|not (?:yet )?(?:been )?(?:shown|proven|proved|established|tested"
             r"|known|confirmed))\b")
"""What makes an effect told of the treatment a hypothesis or a question rather than a fact."""
_PROVIDERS = (r"(?:other (?:clinics?|psychiatrists?|doctors|hospitals|providers|practices|centres|centers)|others"
              r"|(?:a|the|any|most|many|ordinary|typical|conventional|regular|general) (?:clinics?|hospitals?"
              r"|psychiatrists?|doctors))")
_ALTERNATIVES = (r"(?:medications?|antidepressants?|pills|drugs|insurance[\s-](?:based|covered) (?:care|treatment)"
                 r"|standard (?:care|treatment)|others|other (?:treatments|clinics|doctors|psychiatrists))")
_PATIENT = (r"(?:(?:one|some|many|several) of our (?:patients|monitors|clients)|(?:a|one|our|this) (?:recent "
            r"|former |young |retired )?(?:patient|monitor|client)|(?:mr|mrs|ms|miss)\.?\s+[a-z]\b|[a-z]+ \(\d0s\))")
"""A patient named, initialled or described ("one of our patients", "Mrs. T", "Ms A (40s)")."""
_RESULT_PAST = (r"(?:went back|returned|recovered|got (?:better|back|well)|is back|was back|found (?:relief|hope"
                r"|what works|peace)|(?:saved|changed|transformed|turned around) (?:his|her|their|my)\b"
                r"|runs (?:her|his|their) own|is thriving|thrives|smiles? again|no longer (?:needs?|takes?)"
                r"|back (?:at|to) (?:work|school|her|his|their))")

CONSTRUCTIONS: tuple[Construction, ...] = (
    # a good result told as what will happen: the reader, their life or the treatment as the one who acts
    _c("a result promised to the reader", "guarantee",
       rf"\b{_READER}{_CERTAIN_FUTURE}\s+(?!not\b|never\b|be asked\b|need\b|be told\b|be given\b|have to\b)"
       rf"(?:[\w'-]+\s+){{0,6}}?{_GOOD_END}"),
    _c("a result promised to the reader", "guarantee",
       rf"\b(?:we|tms|it|this|the treatment|the infusions?|exosomes?|the combination|our (?:doctors|team|treatment))"
       rf"{_CERTAIN_FUTURE}\s+(?:get|make|bring|help|have|see)\s+you\b(?:\s+[\w'-]+){{0,4}}?\s+{_GOOD_END}"),
    _c("a result promised to the reader", "guarantee",
       r"(?:^|(?<=[.!?]\s))expect (?:real |big |clear |lasting |visible )?(?:change|results?|relief|improvement"
       r"|a difference)\b"),
    _c("a result told as likely", "guarantee",
       rf"\b(?:chances are|odds are|in all likelihood|there'?s every reason|there is every reason|before long"
       rf"|we(?: are|'re) (?:confident|sure|certain))\b[^.;!?]{{0,60}}?{_GOOD_END}"),
    # a comparison with other providers or other treatments: better, where they fail, what they cannot match
    _c("a comparison with others", "superlative",
       rf"\b(?:unlike|compared (?:with|to)|in contrast to)\s+{_PROVIDERS}\b(?![^.;!?]{{0,50}}\b(?:may|might|could)\b)"),
    _c("a comparison with others", "superlative",
       rf"\b(?:where|when)\s+{_ALTERNATIVES}\s+(?:(?:only\s+)?(?:fail|fails|failed|stop|stops|stopped|give up"
       rf"|gave up|see|saw|can'?t|cannot|don'?t))\b"),
    _c("a comparison with others", "superlative",
       rf"\b{_PROVIDERS}\s+(?:only\s+)?(?:can'?t|cannot|don'?t|do not|won'?t|could not|couldn'?t|offer|promise)\b"
       rf"[^.!?]{{0,40}}?[;,]\s*(?:we|here|our)\b"),
    _c("a comparison with others", "superlative",
       r"\b(?:other (?:psychiatrists?|clinics?|doctors|hospitals)|others)\s+(?:can'?t|cannot|don'?t|won'?t)"
       r"\s+(?:offer|match|provide|do|give)\b"),
    _c("a comparison with others", "superlative",
       r"\b(?:can'?t|cannot|can not|won'?t|will not|couldn'?t)\s+(?:match|beat|compete with|rival|equal)\b"
       r"|\b(?:few|no|not many|hardly any) (?:other )?(?:clinics?|doctors|hospitals|providers|places|one)\b"
       r"[^.!?]{0,30}?\b(?:can|could) (?:match|rival|equal|compete with|offer)\b"),
    _c("a comparison with others", "superlative",
       r"\b(?:won'?t|will not|can'?t|cannot|never)\s+find\b[^.!?]{0,25}?\b(?:elsewhere|anywhere else|better|anything"
       r" like it|another)\b|\b(?:will|'ll|can) only (?:find|get|see)\b[^.!?]{0,20}?\bhere\b"),
    _c("a comparison with others", "superlative",
       r"\b(?:nobody|no one|no-one|no (?:other )?(?:clinic|doctor|hospital|team))\s+(?:does|do|[\w-]+s)\b"
       r"[^.!?]{0,25}?\bbetter\b(?! than you\b)"
       r"|\bthere(?:'s| is) no (?:better|safer|more effective|finer|greater)\b"
       r"|\bsets? (?:us|it|tms|our [\w-]+) apart\b|\bin a (?:class|league) of (?:its|their|our) own\b"
       r"|\ba class of its own\b"),
    _c("a superlative", "superlative",
       r"\bamong the (?!most (?:common|frequent|often|reported|usual|likely)\b)(?:\w+est|most \w+|best|leading|top)\b"
       r"|\bthe (?:highest|finest|greatest|lowest|cheapest|strongest|fastest) (?:standards?|quality|level|care|fees?"
       r"|prices?|value|results?|rates?|technology|treatment)\b"
       r"|\bmost[\s-]talked[\s-]about\b|\b(?:treatment|therapy|clinic|choice) of the (?:moment|year|decade|century)\b"),
    # a patient's story: a named or described patient and what happened to them
    _c("a patient's story", "testimonial",
       rf"\b{_PATIENT}(?:[^.!?]{{0,60}}?)\b{_RESULT_PAST}"),
    _c("a patient's story", "testimonial",
       r"\b[a-z]+ \(\d0s\)\s*:|\b(?:hear|read|see|watch) how (?:tms|it|the treatment|exosomes?|the combination"
       r"|our [\w-]+)\s+(?:changed|transformed|saved|turned around|helped)\b"
       r"|\b(?:share|shares|sharing)\s+their\s+(?:journeys?|stories|story|experiences?|recoveries)\b"
       r"|\b(?:tms|it|the treatment|exosomes?|the combination|this)\s+(?:got|gave|brought|helped)\s+me\b"
       r"|\bbefore\b[^.!?]{0,40}?\b(?:couldn'?t|could not|was unable|bedridden|barely)\b[^.!?]{0,40}?[;,]\s*after\b"
       r"|\bphotos? of (?:the )?(?:changes?|results?|progress)\b"),
    # a push to act now: what waiting costs, a chance that passes
    _c("a push to act now", "discount",
       r"(?:^|(?<=[.!?]\s))(?:don'?t|do not|never)\s+(?:wait|delay|put (?:it )?off|waste|miss"
       r"|let (?:this|the|your|another|depression|anxiety|it|a single)\b)"
       r"(?!\s+to (?:tell|ask|contact|call|seek|see|talk|speak|let))"
       r"|\bevery (?:day|week|month|year) you (?:delay|wait|put (?:it )?off)\b"
       r"|\bdo it (?:now|today)\b|\blast chance\b|\b(?:now or never|act now|hurry)\b"
       r"|\bwait and you(?:'ll| will)\b|\bso (?:start|begin|book|apply|act)\b[^.!?]{0,20}?\b(?:now|today)\b"),
    # a price made the selling point: something given, cheaper or for nothing
    _c("a price made the selling point", "discount",
       r"\bcosts? (?:you )?nothing\b|\bat no (?:extra |additional )?(?:charge|cost)\b"
       r"|\b(?:lower|reduced|cheaper|special|preferential) (?:fees?|prices?|rates?)\b|\bdiscounts\b"
       r"|\b(?:great|best|better|good|excellent)[\s-]value\b|\bvalue for money\b|\bmatch any (?:quote|price)\b"
       r"|\bprice match\w*\b|\bcourtesy (?:taxi|car|gift)\b|\bwelcome (?:drink|gift|present)\b"
       r"|\b(?:cost|costs) less than\b|\bfor less\b"),
    # an effect on the body told as what the treatment does, not as what is supposed or studied
    _c("a hypothesis told as fact", "exaggeration",
       rf"\b{_TREATMENT}\s+(?:(?:directly|actively|effectively|really|further|even)\s+)?(?:(?:improve|boost|correct|raise"
       rf"|repair|restore|activate|regenerate|rebuild|strengthen|normali[sz]e|reverse|heal|cure|maximi[sz]e"
       rf"|triple|double|enhance|reset|rewire|recharge)s?|fix(?:es)?|multipl(?:y|ies)|switch(?:es)?|works? on)\b"
       rf"|\bsynerg\w*|\b(?:do|does|achieve|achieves) what neither\b", _SUPPOSED),
    _c("a result promised to the reader", "guarantee",
       rf"\b{_TREATMENT}\s+(?:makes?|will make)\s+(?:you|your|every)\b[^.!?]{{0,25}}?\b(?:fun|happy|happier"
       rf"|brighter|better|lighter|calmer|more productive|younger|stronger)\b"),
    # an outcome pictured as the reader's own: feel it, imagine it, watch it happen
    _c("a result promised to the reader", "guarantee",
       r"(?:^|(?<=[.!?]\s))(?:feel (?:[\w-]+ )?(?:years younger|born again|like new|the weight lift|alive again)"
       r"|experience (?:relief|a new|the (?:joy|relief|freedom))|(?:imagine|picture) (?:yourself|waking|a life|life"
       r"|your (?:life|days|mornings))|watch (?:yourself|your (?:child|family|life))|walk out (?:lighter|happier"
       r"|feeling)|get back (?:the|your) (?:energy|joy|life|smile|spark)|end your (?:suffering|depression|pain)"
       r"|let the (?:\w+ )?(?:healing|recovery|sun|light) (?:begin|shine|in))\b"),
    _c("a result promised to the reader", "guarantee",
       r"\b(?:closer|easier|sooner|nearer|simpler|lighter|happier) than you (?:think|imagine|expect|walked in"
       r"|came in)\b"),
    # a harm said never to happen
    _c("safety told as an absolute", "guarantee",
       r"\b(?:relapse|recurrence|side[\s-]effects?|pain|risks?|complications?|harm)\b[^.!?]{0,15}?\b(?:simply |just )?"
       r"(?:won'?t|will not|never|doesn'?t|does not|don'?t|do not) (?:happen|occur|come back|return|arise)\b"
       r"(?!\s+(?:often|in (?:every|all|most)|to (?:everyone|all)|for (?:everyone|all)|always|usually|every time))"
       r"|\b(?:so|and)\s+(?:there is |there's )?(?:no need (?:for|to) (?:concern|worry|be (?:worried|afraid"
       r"|concerned))|you (?:can|may) relax|you(?:'ll| will) be fine|you needn'?t worry|nothing to worry)"
       r"|\bthat you needn'?t worry\b"),
    # crowds as proof: thousands already chose it, patients keep coming back
    _c("a patient's story", "testimonial",
       r"\b(?:thousands|hundreds|countless|so many|more and more|tens of thousands)\b(?: of (?:happy )?(?:people"
       r"|patients|families|clients))?\s+(?:have |had )?(?:already |now )?(?:found|made the switch|chosen|chose"
       r"|trusted|trust|rely|relied|recovered|can'?t be wrong|recommend|are feeling|swear by)\b"
       r"|\b(?:recommend us|tell their friends|word (?:has spread|of mouth|is spreading)|keep coming back"
       r"|pouring in|flocking|wish they had found us)\b"),
    # a chance that passes, a place free right now
    _c("a push to act now", "discount",
       r"\b(?:places?|spots?|slots?|openings?|waiting list|appointments?|vacanc\w+)\b[^.!?]{0,25}?\bright now\b"
       r"|\b(?:chance|opportunity|offer)\b[^.!?]{0,20}?\b(?:won'?t|will not|may not|never|does not|doesn'?t)"
       r" (?:come again|come back|last|return)\b|\bonce[\s-]in[\s-]a[\s-]lifetime\b|\bnever been a better time\b"
       r"|\byou owe it to yourself\b"),
    _c("a price made the selling point", "discount",
       r"\bfree,?\s+(?:no-obligation\s+|initial\s+|first\s+)?(?:consultations?|sessions?|trials?|assessments?)\b"
       r"|\b(?:easy|low|small) monthly (?:payments|amounts|instalments|installments)\b|\bspecial arrangements?\b"
       r"|\bpriority booking\b|\ba little something\b"),
    # exosome infusion and the combined protocol are unapproved: told as approved, standard or recognised, they sell
    _c("an unapproved treatment told as approved", "exaggeration",
       r"\b(?:exosomes?|exosome (?:therapy|treatment|infusions?|products?)|the (?:infusions?|drip|combination"
       r"|combined protocol)|regenerative (?:medicine|therapy|treatment))\b[^.!?;]{0,40}?\b(?:approved|authori[sz]ed"
       r"|recogni[sz]ed|certified|licensed|endorsed|accredited|sanctioned|mainstream|standard (?:care|treatment"
       r"|practice|therapy)|established (?:treatment|therapy|care)|routine(?:ly)? (?:used|offered|given)"
       r"|insurance[\s-]covered|covered by (?:insurance|the national))\b", _SUPPOSED),
    # a rank or an award: placed above the others
    _c("a superlative", "superlative",
       r"\b(?:ranked|rated|voted|chosen|named|crowned)\s+(?:as\s+)?(?:the\s+)?(?:#\s?\d|no\.?\s?\d|number (?:one|1)"
       r"|first|top|best|highest|\d+(?:st|nd|rd|th))\b|\btop[\s-](?:rated|ranked|ranking)\b|\baward[\s-]winning\b"
       r"|\b(?:#|no\.\s?)1\b"),
    # the treatment's working told as what will happen ("this will help", "TMS will work for you")
    _c("a result promised to the reader", "guarantee",
       rf"\b(?:{_TREATMENT}|it|this)(?:'ll|\s+will|\s+is going to)(?:\s+(?:surely|definitely|certainly|really"
       rf"|finally))?\s+(?:help|work|change your life|make (?:a|the|all the) difference|transform)\b"
       rf"(?!\s+(?:us|the clinic|the staff|your doctor|the doctor|if|when|to (?:know|decide|plan|check)))",
       _SUPPOSED),
)
"""Every construction, in the order the lint tries them."""
