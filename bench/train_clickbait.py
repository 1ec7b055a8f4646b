"""Train the H120 clickbait headline model and write it as package data.

    python bench/train_clickbait.py [--data ../shared/data/clickbait/dev.tsv]
                                    [--out plugins/data/clickbait_model.json]

A logistic regression (scikit-learn, the dev-only ``train`` extra) over the
features of ``newslint_plugins.clickbait_model.features``, the same function
the rule calls at run time, each scaled by its naive-Bayes log-count ratio. The model is pruned to the features with the
largest weights, refitted on them, and written as JSON (bias + weights),
which the rule scores in pure Python.
"""
from __future__ import annotations

import argparse
import csv
import json
from pathlib import Path

from newslint_plugins.clickbait_model import Model, features

DEFAULT_DATA = Path("../shared/data/clickbait/dev.tsv")
DEFAULT_OUT = Path("plugins/data/clickbait_model.json")
C = 1.0  # inverse regularisation strength, chosen by 5-fold CV on dev
MAX_FEATURES = 6000  # kept after pruning; keeps the JSON small and scoring fast


def load(path: Path) -> tuple[list[str], list[int]]:
    """Read a `label<TAB>headline` file with a header line."""
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    body = rows[1:] if rows and rows[0][0] == "label" else rows
    return [r[1] for r in body], [int(r[0]) for r in body]


def fit(headlines: list[str], labels: list[int], *, c: float = C, max_features: int = MAX_FEATURES) -> Model:
    """Fit, prune to the strongest ``max_features`` features, refit, return a Model.

    Features are scaled by their naive-Bayes log-count ratio before the
    logistic regression (Wang & Manning's NB-LR): rare but telling words get
    their due. The scaling folds into the weights, so the stored model is a
    plain linear one over binary features.
    """
    import numpy as np
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    y = np.asarray(labels)
    rows = [dict.fromkeys(features(h), 1) for h in headlines]

    def train(vocab=None):
        vec = DictVectorizer()
        matrix = (vec.fit_transform(rows) if vocab is None else vec.fit([dict.fromkeys(vocab, 1)]).transform(rows)).tocsr()
        bait = np.asarray(matrix[y == 1].sum(axis=0)).ravel() + 1.0
        news = np.asarray(matrix[y == 0].sum(axis=0)).ravel() + 1.0
        ratio = np.abs(np.log((bait / bait.sum()) / (news / news.sum())))
        lr = LogisticRegression(C=c, max_iter=5000).fit(matrix.multiply(ratio).tocsr(), y)
        return vec.get_feature_names_out(), lr.coef_[0] * ratio, float(lr.intercept_[0])

    names, weights, _ = train()
    keep = np.argsort(-np.abs(weights))[:max_features]
    names, weights, bias = train([names[i] for i in keep])
    rounded = {str(n): round(float(w), 4) for n, w in zip(names, weights)}
    return Model(round(bias, 4), {n: w for n, w in rounded.items() if w})


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--c", type=float, default=C)
    parser.add_argument("--max-features", type=int, default=MAX_FEATURES)
    args = parser.parse_args(argv)
    headlines, labels = load(args.data)
    model = fit(headlines, labels, c=args.c, max_features=args.max_features)
    data = model.to_dict(trained_on=f"{args.data.name}: {len(headlines)} headlines", c=args.c)
    args.out.write_text(json.dumps(data, ensure_ascii=False, sort_keys=True, indent=0) + "\n", encoding="utf-8")
    print(f"wrote {args.out}: {len(model.weights)} features, {args.out.stat().st_size / 1024:.0f} KiB")


if __name__ == "__main__":
    main()
