"""Matching typed questions to the FAQ: ``FaqIndex.build(faq_by_lang)`` once per content load, then ``match(text)``.

Modules: ``normalize`` (width, case, kana, scripts), ``english`` (stemmer, stopwords), ``synonyms`` (groups from
faq.yaml), ``analyzer`` (text -> features), ``scoring`` (coverage and example overlap), ``readings`` (kana and
romaji, SudachiPy), ``index`` (the decision, the treatment signal), ``sentences`` (is it a question?),
``translation`` (a request to translate is no FAQ question), ``distress`` (the acknowledgement's screen, content
from distress.yaml), ``typed_reply`` (what a typed message gets, for the handler and the evaluation alike) and
``check`` (faq.yaml's treatment field).
"""

from bot.search.index import FaqIndex, IndexOptions, Match, Thresholds
from bot.search.normalize import detect_language

__all__ = ["FaqIndex", "IndexOptions", "Match", "Thresholds", "detect_language"]
