"""Write ``models/us-russia-tracks.toml``: each side's strategy is a combination of instruments.

The 64 outcomes are too many to rank one by one with a citation each. Instead every outcome's
facts follow from the instruments by the rules below (each cited), and each player's payoff is
the sum of the values it puts on those facts: a declared cardinalisation whose values are
parameters, each with its source and a range. The tests check that the model file is exactly
what this script writes (``tests/test_us_russia_tracks.py``)::

    python tools/make_us_russia_tracks.py          # rewrite the model file
"""

from __future__ import annotations

import itertools
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "models" / "us-russia-tracks.toml"

# (id part, meaning) per instrument, in the order of the strategy ids.
RUSSIA = (
    ("offer", "none"),          # the economic offer: made or not
    ("maximal", "compromise"),  # the demands
    ("continue", "escalate"),   # the fighting
)
US = (
    ("relief", "norelief"),     # sanctions relief and normalisation: offered or withheld
    ("moscow", "compromise"),   # the terms tabled: Moscow's or compromise
    ("press", "nopress"),       # military and economic pressure: applied or not
)
DIMENSIONS = {
    "ceasefire": ["none", "current_line", "russia_terms"],
    "sanctions": ["expanded", "kept", "eased", "lifted"],
    "kyiv_support": ["increased", "continued", "halted"],
    "fighting": ["stops", "continues", "escalates"],
    "economic_track": ["none", "offered", "goes_ahead"],
}


def facts(us: tuple[str, ...], russia: tuple[str, ...]) -> dict[str, str]:
    """What happens when the US plays ``us`` and Russia ``russia`` (the rules, cited)."""
    relief, terms, press = us
    offer, demands, fighting = russia
    # A ceasefire needs agreed terms and no escalation: on Russia's terms if Washington tables
    # them and Moscow keeps its maximal demands; on the current line if Moscow settles for a
    # compromise (Hopes and fears, hope 3 and fear 1); none if Washington tables compromise
    # terms and Moscow keeps its maximal demands (Tough negotiations, para. 4), and none while
    # Moscow escalates.
    if fighting == "escalate" or (terms == "compromise" and demands == "maximal"):
        ceasefire = "none"
    elif demands == "maximal":
        ceasefire = "russia_terms"
    else:
        ceasefire = "current_line"
    if press == "press":
        # Fear 1: expanded sanctions if Moscow resists; eased once it accepts the terms.
        sanctions = "expanded" if ceasefire == "none" else "eased"
    elif relief == "relief" or ceasefire == "russia_terms":
        sanctions = "lifted"  # Russia's stance, item 3; hope 3 ('likely include the lifting')
    else:
        sanctions = "eased" if ceasefire == "current_line" else "kept"  # fear 1's compromise
    if press == "press":
        kyiv = "increased"  # fear 1: more military aid, restrictions lifted
    elif terms == "moscow":
        kyiv = "halted"  # Russia's stance, item 2; hope 3
    else:
        kyiv = "continued"
    fight = "stops" if ceasefire != "none" else (
        "escalates" if fighting == "escalate" else "continues")
    if offer == "none":
        track = "none"
    elif relief == "relief" and press == "nopress":
        track = "goes_ahead"  # Russia's stance, item 3; Friendly offers, paras. 2-3
    else:
        track = "offered"
    return {"ceasefire": ceasefire, "sanctions": sanctions, "kyiv_support": kyiv,
            "fighting": fight, "economic_track": track}


# Each player's value of each fact (a parameter, or a number fixing the scale); 0 if absent.
US_VALUES = {
    ("ceasefire", "current_line"): "d",
    ("ceasefire", "russia_terms"): "d - t",
    ("economic_track", "goes_ahead"): "v",
    ("kyiv_support", "increased"): "-k",
    ("kyiv_support", "halted"): "h",
    ("fighting", "escalates"): "-e",
    ("sanctions", "lifted"): "-l",
}
RUSSIA_VALUES = {
    ("sanctions", "lifted"): "2",
    ("sanctions", "eased"): "1",
    ("sanctions", "expanded"): "-s",
    ("kyiv_support", "halted"): "m",
    ("kyiv_support", "increased"): "-a",
    ("ceasefire", "russia_terms"): "w",
    ("ceasefire", "current_line"): "-c",
    ("fighting", "escalates"): "g",
    ("economic_track", "goes_ahead"): "x",
    ("economic_track", "offered"): "o",
}

PARAMETERS = [
    # name, default, range, description, source
    ("d", "4", "[0, 10]", "US: value of a deal now (any ceasefire)",
     "Russia's stance, item 2 (100 days, a rapid summit, an 'Easter' ceasefire)"),
    ("t", "11/2", "[0, 10]", "US: cost of a ceasefire on Moscow's terms (the 'root causes' "
     "reach the US and NATO posture in Europe); open: the text does not say how much Washington "
     "minds them. The default puts a deal on Moscow's terms below a reset without a deal, as "
     "us-russia's ranks do (8 against 11)", "Tough negotiations, para. 3; Hopes and fears, hope 3"),
    ("v", "2", "[0, 8]", "US: value of the economic track going ahead",
     "Russia's stance, item 3; Friendly offers, para. 2"),
    ("k", "2", "[0, 6]", "US: cost of increased aid to Kyiv",
     "Russia's stance, item 2 (declarations to halt support for Kyiv)"),
    ("h", "1", "[0, 4]", "US: value of halting support for Kyiv",
     "Russia's stance, item 2; Hopes and fears, hope 3 (Moscow's expectation)"),
    ("e", "2", "[0, 6]", "US: cost of an escalating war",
     "Russia's stance, item 2 (urgency to settle)"),
    ("l", "1", "[0, 4]", "US: cost of lifting sanctions (leverage given up); open: the text "
     "reports readiness to lift them, not their value to Washington",
     "Russia's stance, item 3 (readiness to lift, explicitly announced)"),
    ("s", "2", "[0, 10]", "Russia: cost of expanded energy and secondary sanctions",
     "Hopes and fears, fear 1 (energy, 'Moscow's most vulnerable area')"),
    ("m", "1", "[0, 4]", "Russia: value of US support for Kyiv halted",
     "Russia's stance, item 2 (weakened Ukraine's position)"),
    ("a", "1", "[0, 4]", "Russia: cost of increased Western aid to Kyiv",
     "Hopes and fears, fear 1"),
    ("w", "3", "[0, 8]", "Russia: value of a ceasefire on its terms (the annexation "
     "legitimised, the split in the West)", "Hopes and fears, hopes 2-3"),
    ("c", "3/2", "[0, 4]", "Russia: cost of a ceasefire on the current line (below no ceasefire: "
     "the line 'cannot simply follow the current front line', and a ceasefire only within a "
     "broader settlement)", "Tough negotiations, paras. 4-5"),
    ("g", "-1/2", "[-2, 2]", "Russia: value of escalating, beyond its effects above; open: the "
     "text reports no escalation (negative: the swift turn Moscow fears in Trump; positive: "
     "ground gained)", "Hopes and fears, fears intro; Tough negotiations, paras. 1 and 5"),
    ("x", "1", "[0, 4]", "Russia: value of the economic track going ahead (projects, also in "
     "occupied territories, that support legitimising the annexation)",
     "Friendly offers, paras. 3 and 5"),
    ("o", "1/2", "[0, 2]", "Russia: value of an offer made and not taken up (Washington kept "
     "engaged in place of political concessions)", "Friendly offers, paras. 6-7"),
]
OPEN = ("t", "l", "g")  # the values the text leaves open: drawn first in [distributions]

RUSSIA_TEXT = {
    "offer": "offers economic cooperation (Arctic, rare earths, also in occupied territories)",
    "none": "makes no economic offer",
    "maximal": "keeps its maximal demands (four regions in full, no Western troops, root causes)",
    "compromise": "settles for compromise terms (a line along the front)",
    "continue": "continues the offensive at its present intensity",
    "escalate": "escalates the offensive (which the text does not report)",
}
US_TEXT = {
    "relief": "offers sanctions relief and normalisation",
    "norelief": "withholds relief",
    "moscow": "tables Moscow's terms (a freeze on its demands, support for Kyiv halted)",
    "compromise": "tables compromise terms (front-line freeze, NATO membership postponed)",
    "press": "applies military and economic pressure",
    "nopress": "applies no pressure",
}


def _value(table: dict, f: dict[str, str]) -> str:
    terms = [table[(k, v)] for k, v in f.items() if (k, v) in table]
    if not terms:
        return "0"
    text = " + ".join(terms).replace("+ -", "- ")
    return text


def _quote(text: str) -> str:
    return '"' + text.replace('"', "'") + '"'


def render() -> str:
    us = ["_".join(c) for c in itertools.product(*US)]
    russia = ["_".join(c) for c in itertools.product(*RUSSIA)]
    out = [
        "# US-Russia, the instruments combined: Moscow's dual track as one pure strategy.",
        "# Written by tools/make_us_russia_tracks.py (edit that, then run it); issue 10.",
        "# Section names as in us-russia.toml.",
        "",
        "[game]",
        'title = "US-Russia: the instruments combined (8x8)"',
        'description = """Each side chooses a combination of the instruments the text names. '
        "Russia: the economic offer (made or not), its demands (maximal or compromise) and the "
        "fighting (continued or escalated). The US: sanctions relief and normalisation (offered "
        "or withheld), the terms it tables (Moscow's or compromise) and pressure (applied or "
        "not). The text's dual track, 'friendly offers and tough negotiations', is one pure "
        "strategy: offer_maximal_continue. What happens in each outcome follows from the "
        "instruments by stated rules ([outcomes.facts]); each player's payoff is the sum of the "
        'values it puts on those facts, each value a parameter with its source."""',
        "source = \"'Russia is tempting Trump: friendly offers and tough negotiations', "
        'analysis (2025)"',
    ]
    for name, value, rng, description, source in PARAMETERS:
        out += ["", f"[parameters.{name}]", f"value = {_number(value)}", f"range = {rng}",
                f"description = {_quote(description)}", f"source = {_quote(source)}"]
    out += ["", "[[players]]", 'name = "US"']
    for sid in us:
        parts = sid.split("_")
        out += ["", "[[players.strategies]]", f'id = "{sid}"',
                f"description = {_quote('; '.join(US_TEXT[p] for p in parts))}",
                'source = "Hopes and fears, hope 3 and fear 1; Russia\'s stance, items 1-3"']
    out += ["", "[[players]]", 'name = "Russia"']
    for sid in russia:
        parts = sid.split("_")
        label = "the dual track" if sid == "offer_maximal_continue" else sid
        out += ["", "[[players.strategies]]", f'id = "{sid}"', f'label = "{label}"',
                f"description = {_quote('; '.join(RUSSIA_TEXT[p] for p in parts))}",
                'source = "Introduction; Friendly offers, paras. 1-3; Tough negotiations, '
                'paras. 2-5"']
    cells = {(a, b): facts(tuple(a.split("_")), tuple(b.split("_"))) for a in us for b in russia}
    out += ["", "[payoffs]"]
    for player, table in (("US", US_VALUES), ("Russia", RUSSIA_VALUES)):
        out.append(f"{player} = [")
        for a in us:
            row = ", ".join(_quote(_value(table, cells[(a, b)])) for b in russia)
            out.append(f"  [{row}],")
        out.append("]")
    for (a, b), f in cells.items():
        out += ["", "[[outcomes]]", f'profile = ["{a}", "{b}"]',
                "facts = { " + ", ".join(f'{k} = "{v}"' for k, v in f.items()) + " }"]
    out += ["", "[facts.dimensions]"]
    out += [f"{k} = [" + ", ".join(f'"{v}"' for v in vs) + "]" for k, vs in DIMENSIONS.items()]
    for player, fact, better, worse, source in _DOMINANCES:
        out += ["", "[[facts.dominance]]", f'player = "{player}"', f'fact = "{fact}"',
                f'better = "{better}"', f'worse = "{worse}"', f"source = {_quote(source)}"]
    out += ["", "[distributions]"]
    out += [f'{name} = "uniform"' for name, *_ in PARAMETERS]
    out += ["", "[cardinalisation]", 'rule = """' + _RULE + '"""', 'notes = """' + _NOTES + '"""']
    return "\n".join(out) + "\n"


_DOMINANCES = [
    ("Russia", "sanctions", "lifted", "kept", "Friendly offers, para. 5"),
    ("Russia", "sanctions", "lifted", "eased", "Hopes and fears, fear 1"),
    ("Russia", "sanctions", "kept", "expanded", "Hopes and fears, fear 1"),
    ("Russia", "kyiv_support", "halted", "continued", "Russia's stance, item 2"),
    ("Russia", "kyiv_support", "continued", "increased", "Hopes and fears, fear 1"),
    ("Russia", "ceasefire", "russia_terms", "current_line", "Tough negotiations, para. 4"),
    ("US", "economic_track", "goes_ahead", "none", "Russia's stance, item 3"),
    ("US", "fighting", "continues", "escalates", "Russia's stance, item 2"),
]
_RULE = (
    "payoff = the sum of the player's values of the outcome's facts (a declared "
    "cardinalisation, not ranks: 64 outcomes are too many to rank one by one with a citation). "
    "Values, each a parameter in the units of Russia's sanctions scale (lifted 2, eased 1, "
    "kept 0): US: ceasefire d (on Moscow's terms d - t), economic track going ahead v, aid to "
    "Kyiv increased -k, halted h, escalation -e, sanctions lifted -l. Russia: sanctions "
    "expanded -s, Kyiv support halted m, increased -a, ceasefire on its terms w, on the "
    "current line -c, escalation g, economic track going ahead x, offered and not taken up o. "
    "Every fact not listed is worth 0. The facts follow from the instruments by the rules in "
    "tools/make_us_russia_tracks.py (ceasefire: agreed terms and no escalation; sanctions: "
    "expanded under pressure without a ceasefire, eased under pressure with one, lifted with "
    "relief or Moscow's terms, eased with a compromise ceasefire, else kept; Kyiv support: "
    "increased under pressure, halted with Moscow's terms; the economic track goes ahead when "
    "Moscow offers and Washington gives relief without pressure)."
)
_NOTES = (
    "The values t, l and g are the judgements the text leaves most open (how much Washington "
    "minds Moscow's terms and lifting sanctions; whether escalation helps or hurts Moscow); "
    "every value is drawn uniformly on its range by gametheory robustness us-russia-tracks "
    "--over parameters. The test of the text's thesis, whether the dual track "
    "(offer_maximal_continue) is a best reply and part of an equilibrium: models/README.md."
)


def _number(text: str) -> str:
    return text if "/" not in text else f'"{text}"'


def main() -> int:
    OUT.write_text(render())
    return 0


if __name__ == "__main__":
    sys.exit(main())
