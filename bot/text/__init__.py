"""Text analysis the crisis screen (``bot.safety``) and the matcher (``bot.search``) share, imported by both and
importing neither: the analysers, each loaded once per process, and the text views built on them.

    japanese   SudachiPy with its small dictionary: one tokenizer, the morphemes of a text, dictionary forms
    english    simplemma: the dictionary form of an English word, whether a word is known
    fold       the fast width and case fold every screen starts from
    trie       many alternatives as one trie-shaped regex
"""
