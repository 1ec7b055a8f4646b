"""Start-up work that attribution.py no longer does: its shortcut gives regex's answers."""
from __future__ import annotations

import regex

from newslint_plugins import attribution

ODD_WORDS = ["", "a.b", "don't", "x-y", "(c)", "\u00b2", "\u00f1and\u00fa", "\u216b", "a b", "\t", "#1", "$5", "50%"]


def test_escape_is_regex_escape():
    words = {word for phrases in attribution.LEXICON.values() if isinstance(phrases, list)
             for phrase in phrases for word in str(phrase).lower().split()}
    words |= {word for group in attribution.WEASEL_WORDS.values() for phrase in group for word in phrase.lower().split()}
    assert len(words) > 100
    for word in sorted(words) + ODD_WORDS:
        assert attribution.escape(word) == regex.escape(word), word
