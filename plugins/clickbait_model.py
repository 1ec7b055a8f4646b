"""Pure-Python clickbait headline model: feature extraction, scoring, explanation.

Training (``bench/train_clickbait.py``, scikit-learn, dev-only) and the H120
rule import the same :func:`features`, so a headline is described identically
at both ends. The trained model is a logistic regression stored as JSON
(``data/clickbait_model.json``): a bias and a weight per kept feature. Scoring
is a dictionary look-up per feature and one ``exp``: no numpy, no download.
"""
from __future__ import annotations

import json
import math
from collections import defaultdict
from functools import lru_cache
from itertools import repeat
from pathlib import Path

from newslint_plugins.lexicons import data_file

from newslint.patterns import compile as compile_regex

MODEL_FILE = "clickbait_model.json"
FORMAT_VERSION = 1
CHAR_N = 4  # length of the within-word character n-grams (word edges marked ^ and $)

# Abbreviations with dots (U.S.), words with inner apostrophes, numbers.
TOKEN = compile_regex(r"(?:\p{L}\.){2,}|\p{L}[\p{L}\p{M}\d]*(?:['’]\p{L}+)*|\d+(?:[.,]\d+)*")
YEAR = compile_regex(r"(?:19|20)\d\d")
PUNCTUATION = frozenset(".,:;'\"‘’“”()-–—")
SECOND_PERSON = frozenset({"you", "your", "you're", "you'll", "you've", "you'd", "yours", "yourself", "yourselves"})
FIRST_PERSON_PLURAL = frozenset({"we", "us", "our", "we're", "we've", "let's"})
DEMONSTRATIVES = frozenset({"this", "these", "that", "those"})
# Words too common to explain anything: never named as a reason.
FUNCTION_WORDS = frozenset("a an the of to in on at for by with from and or but is are was be it its as".split())
# How a finding's message names each shape feature.
SHAPES = {
    "shape:starts-with-number": "opens with a number",
    "shape:second-person": "talks to the reader",
    "shape:first-person-plural": "'we' voice",
    "shape:starts-with-demonstrative": "opens with 'this'/'these'",
    "shape:question": "a question",
    "shape:exclamation": "an exclamation mark",
    "shape:capitals-word": "a word in capitals",
    "shape:no-punctuation": "no punctuation",
}


def _number(token: str) -> str:
    """The class of a number: a year, a quantity (100 and more, 2,500, 3.5), a few, or a count."""
    if YEAR.fullmatch(token):
        return "<year>"
    if len(token) > 2:
        return "<bignum>"
    return "<few>" if int(token) <= 4 else "<num>"


def _tokens(headline: str) -> tuple[list[str], list[str]]:
    """The headline's tokens as written, and normalised: lower case, straight apostrophes, number classes."""
    raw = TOKEN.findall(headline)
    return raw, [_number(t) if t[0].isdigit() else t.lower().replace("’", "'") for t in raw]


def _char_grams(word: str) -> list[str]:
    if len(word) <= 2 or word[0] == "<":
        return []
    marked = f"^{word}$"
    return ["c:" + marked[i : i + CHAR_N] for i in range(len(marked) - CHAR_N + 1)]


def _length(n: int) -> str:
    return "len:" + ("1-3" if n <= 3 else "4-6" if n <= 6 else "7-9" if n <= 9 else "10-12" if n <= 12 else "13+")


def _shapes(headline: str, raw: list[str], words: list[str]) -> list[str]:
    shapes = []
    if words and words[0] == "<num>":
        shapes.append("shape:starts-with-number")
    if not SECOND_PERSON.isdisjoint(words):
        shapes.append("shape:second-person")
    if not FIRST_PERSON_PLURAL.isdisjoint(words):
        shapes.append("shape:first-person-plural")
    if words and words[0] in DEMONSTRATIVES:
        shapes.append("shape:starts-with-demonstrative")
    if headline.rstrip().endswith("?"):
        shapes.append("shape:question")
    if "!" in headline:
        shapes.append("shape:exclamation")
    if any(len(t) >= 3 and t.isupper() and t.isalpha() for t in raw):
        shapes.append("shape:capitals-word")
    if PUNCTUATION.isdisjoint(headline):
        shapes.append("shape:no-punctuation")
    return shapes


def features(headline: str) -> list[str]:
    """Describe a headline as a list of string features.

    Word unigrams and bigrams (numbers collapsed to <year>, <bignum>, <few>
    or <num>), character 4-grams inside words (so that "stunning" and
    "amazing" share "ing$" and unseen words still count), the headline's
    length in words, and a few shapes: opens with a number, talks to the
    reader, a question, ...

    Casing is deliberately ignored apart from whole words in capitals: house
    styles differ (sentence case, title case), and a model that learnt one
    publisher's capitalisation would flag another's plain news.
    """
    raw, words = _tokens(headline)
    feats = ["w:" + w for w in words]
    padded = ["<s>", *words, "</s>"]
    feats.extend(f"b:{a} {b}" for a, b in zip(padded, padded[1:]))
    for w in words:
        feats.extend(_char_grams(w))
    feats.append(_length(len(words)))
    feats.extend(_shapes(headline, raw, words))
    return feats


class Model:
    """A logistic regression over :func:`features`, loaded from its JSON form."""

    def __init__(self, bias: float, weights: dict[str, float]) -> None:
        self.bias = bias
        self.weights = weights

    @classmethod
    def from_dict(cls, data: dict) -> "Model":
        if data.get("format") != FORMAT_VERSION:
            raise ValueError(f"clickbait model format {data.get('format')!r}, expected {FORMAT_VERSION}")
        return cls(float(data["bias"]), {k: float(v) for k, v in data["weights"].items()})

    def to_dict(self, **meta) -> dict:
        return {"format": FORMAT_VERSION, **meta, "bias": self.bias, "weights": self.weights}

    def probability(self, headline: str) -> float:
        """The probability that the headline is clickbait (each feature counts once)."""
        z = self.bias + sum(map(self.weights.get, set(features(headline)), repeat(0.0)))
        # The logistic function, written so that a large |z| cannot overflow.
        return 1.0 / (1.0 + math.exp(-z)) if z >= 0 else math.exp(z) / (1.0 + math.exp(z))

    def explain(self, headline: str, k: int = 3) -> list[str]:
        """The k words or shapes of the headline that pushed its score up the most.

        A word gets its own weight, its character n-grams' and half of each
        bigram it is part of, so that reasons read as words, not features.
        Function words ("the", "of") are never named.
        """
        w = self.weights
        raw, words = _tokens(headline)
        credit: dict[str, float] = defaultdict(float)
        for token, word in zip(raw, words):
            credit[f"'{token}'"] += w.get("w:" + word, 0.0) + sum(w.get(g, 0.0) for g in _char_grams(word))
        padded = ["<s>", *words, "</s>"]
        for i in range(len(padded) - 1):
            weight = w.get(f"b:{padded[i]} {padded[i + 1]}", 0.0)
            inside = [j - 1 for j in (i, i + 1) if 0 < j <= len(words)]
            for j in inside:
                credit[f"'{raw[j]}'"] += weight / len(inside)
        for shape in _shapes(headline, raw, words):
            credit[SHAPES[shape]] += w.get(shape, 0.0)
        ranked = sorted(((label, weight) for label, weight in credit.items()
                         if weight > 0 and label.strip("'").lower() not in FUNCTION_WORDS), key=lambda kv: -kv[1])
        return [label for label, _ in ranked[:k]]


@lru_cache(maxsize=8)
def load(path: str | None = None) -> Model:
    """A model from a JSON file, by default the one shipped in the package (``data/``)."""
    if path is None:
        path = data_file(MODEL_FILE)
    text = Path(path).read_text(encoding="utf-8")
    return Model.from_dict(json.loads(text))
