"""The H family beyond its fixtures: plain news never fires, each pattern on
bait and on look-alikes, every headline source, and the pure-Python model."""
from __future__ import annotations

import json
import subprocess
import sys
from importlib import resources

import pytest
from conftest import lint, linter_for

from newslint_plugins import clickbait_model

# Plain factual headlines, in sentence case and in title case: no H rule may fire.
PLAIN = """\
Council approves budget for new library
Council Approves Budget for New Library
Council Approves Budget For New Library
Flooding closes main road into Tarnby for two days
Police arrest man after bank robbery in Harlow
Government to raise fuel duty from April
Hospital waiting lists grow for third month in a row
Storm brings down power lines across the region
Mayor resigns over expenses claims
School board votes to extend term by a week
Farmers protest against new water charges
Two killed in motorway crash near Leeds
Central bank holds interest rates at 5 percent
Train drivers vote to strike over pay
City unveils plan to plant 10,000 trees
New Bridge Opens to Traffic After Three Years of Work
Court jails former councillor for fraud
Factory closure puts 300 jobs at risk
Wildfire forces 2,000 to evacuate homes in Valdora
Unemployment falls to lowest level since 2008
Earthquake of magnitude 6.1 strikes off coast of Chile
Supermarket chain to close 40 stores
Five arrested in drugs raid in Northfield
Regional elections: ruling party loses majority
Residents object to plans for 200 new homes
Judge orders release of detained journalist
""".splitlines()


@pytest.mark.parametrize("headline", PLAIN)
def test_plain_news_headline_never_fires(headline):
    assert lint(f"# {headline}\n\nBody text.\n", select=["H"]) == []


def codes(headline: str, code: str) -> list[str]:
    return [f.code for f in lint(f"# {headline}\n\nBody text.\n", select=[code])]


BAIT = [
    ("H101", "Nobody Tells You This About Renting in Corrick"),
    ("H101", "Dentists Hate This One Weird Trick for Whiter Teeth"),
    ("H101", "The Real Reason the Pier Closed Early"),
    ("H101", "What Happened Next at the Village Fete Will Surprise Everyone"),
    ("H102", "Here's Why the Ferry Was Late Again"),
    ("H102", "Local Singer Wins Award: Find Out What She Said"),
    ("H102", "Famous Chef Opens Restaurant in Lowick – See the Photos Inside"),
    ("H103", "This Mind-Blowing Garden Is a Must-See"),
    ("H103", "The Cutest Puppy You'll Ever See Lives in Orwell"),
    ("H105", "Your Council Tax Is About to Change"),
    ("H106", "Seven Reasons Why Dunmere Is the Best Town to Live In"),
    ("H106", "21 People Who Regret Their Holiday Tattoos"),
    ("H107", "Residents Say This Is the WORST Road in Kent"),
    ("H108", "Snow in June!!!"),
    ("H109", "These Pensioners Built Their Own Swimming Pool"),
]
LOOK_ALIKES = [
    ("H101", "No one hurt as fire breaks out at Lisford depot"),
    ("H101", "Murray takes one small step towards the final"),
    ("H101", "The reason for the delay was a signal fault, rail firm says"),
    ("H102", "Inside the race to save the Marlow glassworks"),
    ("H102", "Here is the news from Brenton parish council"),
    ("H103", "Film becomes highest-grossing of all time in Estonia"),
    ("H103", "Deadliest year ever for journalists, press group says"),
    ("H105", '"Thank you," says rescued climber'),
    ("H105", "U.S. and Canada agree on fishing quotas"),
    ("H106", "600 people missing after typhoon"),
    ("H106", "2 suspects held after 266 times police were called"),
    ("H106", "68 pieces of luggage found behind depot"),
    ("H106", "2015 budget passes"),
    ("H107", "NATO and the WHO meet in Geneva"),
    ("H107", "BREAKING: river Lune bursts its banks"),
    ("H107", "YES network signs new baseball deal"),
    ("H108", "Yahoo! to close offices in Dunmere"),
    ("H109", "This Time, Treasuries Push Markets Higher"),
    ("H109", "This year's harvest is the smallest since 1990"),
]


@pytest.mark.parametrize("code,headline", BAIT)
def test_pattern_rule_finds_bait(code, headline):
    assert code in codes(headline, code)


@pytest.mark.parametrize("code,headline", LOOK_ALIKES)
def test_pattern_rule_ignores_look_alike(code, headline):
    assert codes(headline, code) == []


@pytest.mark.parametrize("text,path", [
    ("---\ntitle: \"You Won't Believe These Bread Prices\"\n---\n\nBody.\n", "story.md"),
    ("# You Won't Believe These Bread Prices\n\nBody.\n", "story.md"),
    ("You Won't Believe These Bread Prices\n\nBody.\n", "story.txt"),
])
def test_every_headline_source_is_checked(text, path):
    assert [f.code for f in lint(text, path, select=["H101"])] == ["H101"]


def test_jsonl_title_is_checked(tmp_path):
    archive = tmp_path / "archive.jsonl"
    records = [{"title": "You Won't Believe These Bread Prices", "text": "Body."},
               {"title": "Bread prices rise by 4 percent", "text": "Body."}]
    archive.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    results = list(linter_for(["H"]).lint_paths([str(archive)]))
    assert [sorted({f.code for f in r.findings}) for r in results] == [["H101", "H105", "H120"], []]


def test_first_paragraph_of_a_body_without_headline_is_left_alone():
    text = ("In case you live in the valley, you will have noticed the new bus timetable. "
            "It starts on Monday and cuts two evening services.\n")
    assert lint(text, "body.txt", select=["H"]) == []


def test_suggestions_are_safe_replacements():
    def suggested(headline, code):
        [finding] = lint(f"# {headline}\n", select=[code])
        return finding.suggestions

    assert suggested("Ferry firm changes timetable – full details inside!", "H102") == ("",)
    assert suggested("Residents Say This Is the WORST Road in Kent", "H107") == ("Worst",)
    assert suggested("Residents say this is the WORST road in Kent", "H107") == ("worst",)
    assert suggested("Snow in June?!!", "H108") == ("?",)


def test_model_message_gives_score_and_reasons():
    [finding] = lint("# 17 Things Every Dog Owner Secretly Does\n", select=["H120"])
    assert "score 1.00" in finding.message
    assert "'17'" in finding.message or "'Things'" in finding.message
    assert "H120" not in finding.message


def test_model_option_loads_another_model(tmp_path):
    path = tmp_path / "tiny.json"
    path.write_text(json.dumps(clickbait_model.Model(-5.0, {"w:library": 10.0}).to_dict()), encoding="utf-8")
    config = tmp_path / "rules.yaml"
    config.write_text(f"rules:\n  H120:\n    model: {json.dumps(str(path))}\n", encoding="utf-8")
    assert [f.code for f in lint("# Council approves budget for new library\n", select=["H120"], config=config)] == ["H120"]


def test_shipped_model_is_small_and_current():
    data = resources.files("newslint_plugins").joinpath("data", clickbait_model.MODEL_FILE).read_bytes()
    assert len(data) < 1_000_000
    model = clickbait_model.Model.from_dict(json.loads(data))
    assert model.weights and all(isinstance(w, float) for w in model.weights.values())


def test_model_round_trips_through_json():
    model = clickbait_model.Model(0.5, {"w:you": 1.5, "shape:question": -0.5})
    again = clickbait_model.Model.from_dict(json.loads(json.dumps(model.to_dict())))
    assert again.probability("Are you ready?") == model.probability("Are you ready?")


def test_features_fold_case_apostrophes_and_numbers():
    assert clickbait_model.features("YOU’LL Never Guess") == clickbait_model.features("you'll never guess")
    feats = clickbait_model.features("17 Things About 2015 and 3,000 People")
    assert {"w:<num>", "w:<year>", "w:<bignum>", "shape:starts-with-number"} <= set(feats)
    assert "shape:second-person" not in clickbait_model.features("U.S. talks resume")


def test_runtime_imports_neither_sklearn_nor_numpy():
    code = ("import sys, newslint_plugins.headline as h; h.clickbait_model.load().probability('x y z'); "
            "sys.exit(bool({'sklearn', 'numpy'} & set(sys.modules)))")
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0
