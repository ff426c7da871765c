"""The built-in models: they load, validate and solve; their equilibria are pinned.

The pinned equilibria below are the models' results at their default parameter values. An
intended change to a built-in model updates them in the same commit, and the commit message
says why the results moved.
"""

from __future__ import annotations

import doctest
import re
from fractions import Fraction
from pathlib import Path

import pytest

from gametheory import solve
from gametheory.models import builtin_models, load_model, parse_model, validate_model_file

BUILTIN = (
    "us-russia",
    "us-russia-2x2",
    "us-russia-tracks",
    "us-russia-europe",
    "prisoners-dilemma",
    "chicken",
    "stag-hunt",
    "stag-hunt-3",
    "battle-of-the-sexes",
    "matching-pennies",
)
#: Game trees (tested in test_tree_models.py).
BUILTIN_TREES = ("us-russia-sequential", "entry-deterrence", "centipede", "ultimatum",
                 "deterrence", "beer-quiche", "entry-uncertain", "us-russia-signals")
#: Bayesian games (tested in test_bayesian_models.py).
BUILTIN_BAYESIAN = ("bayesian-battle-of-the-sexes", "us-russia-types")
US_RUSSIA = ("us-russia", "us-russia-2x2")
README = Path(__file__).resolve().parents[1] / "models" / "README.md"


def _compact(result):
    """Each equilibrium as (support with probabilities, payoffs), zeros dropped, sorted."""
    out = []
    for eq in result.equilibria:
        d = eq.to_dict()
        strategies = tuple(
            (player, tuple((s, p) for s, p in probs.items() if p != "0"))
            for player, probs in d["strategies"].items()
        )
        out.append((strategies, tuple(d["payoffs"].items())))
    return sorted(out)


def _expected(*equilibria):
    """The pinned form of :func:`_compact` from readable dictionaries."""
    out = []
    for strategies, payoffs in equilibria:
        out.append(
            (
                tuple((player, tuple(probs.items())) for player, probs in strategies.items()),
                tuple(payoffs.items()),
            )
        )
    return sorted(out)


# ------------------------------------------------------------------------------ loading


def test_builtin_models_are_exactly_these():
    assert sorted(name for name, _ in builtin_models()) == sorted(
        BUILTIN + BUILTIN_TREES + BUILTIN_BAYESIAN)


@pytest.mark.parametrize("name", BUILTIN)
def test_loads_validates_and_solves(name):
    model = load_model(name)
    assert model.name == name
    assert model.title
    assert validate_model_file(model.path) == []
    result = solve(model.game())
    assert result.exact and result.complete
    assert result.status == "ok"  # no built-in model is degenerate at its defaults
    assert result.equilibria


# ------------------------------------------------------------------------------ pinned results

PINNED = [
    pytest.param(
        "us-russia",
        _expected(
            (
                {
                    "US": {"concede": "1/2", "pressure": "1/2"},
                    "Russia": {"friendly_offer": "1/10", "hard_demand": "9/10"},
                },
                {"US": "43/5", "Russia": "9"},
            ),
        ),
        id="us-russia",
    ),
    pytest.param(
        "us-russia-2x2",
        _expected(
            (
                {
                    "US": {"concede": "1/2", "pressure": "1/2"},
                    "Russia": {"friendly_offer": "1/4", "hard_demand": "3/4"},
                },
                {"US": "5/2", "Russia": "5/2"},
            ),
        ),
        id="us-russia-2x2",
    ),
    pytest.param(
        "us-russia-europe",
        _expected(
            (
                {
                    "US": {"concede": "1/3", "pressure": "2/3"},
                    "Russia": {"friendly_offer": "2/7", "hard_demand": "5/7"},
                    "Europe": {"hold": "1"},
                },
                {"US": "34/7", "Russia": "3", "Europe": "44/7"},
            ),
        ),
        id="us-russia-europe",
    ),
    pytest.param(
        "us-russia-tracks",
        _expected(
            (
                {"US": {"relief_compromise_nopress": "1"},
                 "Russia": {"offer_maximal_continue": "1"}},
                {"US": "1", "Russia": "3"},
            ),
        ),
        id="us-russia-tracks",
    ),
    pytest.param(
        "prisoners-dilemma",
        _expected(
            (
                {"Prisoner 1": {"fink": "1"}, "Prisoner 2": {"fink": "1"}},
                {"Prisoner 1": "-6", "Prisoner 2": "-6"},
            ),
        ),
        id="prisoners-dilemma",
    ),
    pytest.param(
        "chicken",
        _expected(
            (
                {"Driver 1": {"swerve": "1"}, "Driver 2": {"straight": "1"}},
                {"Driver 1": "-1", "Driver 2": "1"},
            ),
            (
                {"Driver 1": {"straight": "1"}, "Driver 2": {"swerve": "1"}},
                {"Driver 1": "1", "Driver 2": "-1"},
            ),
            (
                {
                    "Driver 1": {"swerve": "1/2", "straight": "1/2"},
                    "Driver 2": {"swerve": "1/2", "straight": "1/2"},
                },
                {"Driver 1": "-1/2", "Driver 2": "-1/2"},
            ),
        ),
        id="chicken",
    ),
    pytest.param(
        "stag-hunt",
        _expected(
            (
                {"Hunter 1": {"stag": "1"}, "Hunter 2": {"stag": "1"}},
                {"Hunter 1": "2", "Hunter 2": "2"},
            ),
            (
                {"Hunter 1": {"hare": "1"}, "Hunter 2": {"hare": "1"}},
                {"Hunter 1": "1", "Hunter 2": "1"},
            ),
            (
                {
                    "Hunter 1": {"stag": "1/2", "hare": "1/2"},
                    "Hunter 2": {"stag": "1/2", "hare": "1/2"},
                },
                {"Hunter 1": "1", "Hunter 2": "1"},
            ),
        ),
        id="stag-hunt",
    ),
    pytest.param(
        "battle-of-the-sexes",
        _expected(
            (
                {"Player 1": {"bach": "1"}, "Player 2": {"bach": "1"}},
                {"Player 1": "2", "Player 2": "1"},
            ),
            (
                {"Player 1": {"stravinsky": "1"}, "Player 2": {"stravinsky": "1"}},
                {"Player 1": "1", "Player 2": "2"},
            ),
            (
                {
                    "Player 1": {"bach": "2/3", "stravinsky": "1/3"},
                    "Player 2": {"bach": "1/3", "stravinsky": "2/3"},
                },
                {"Player 1": "2/3", "Player 2": "2/3"},
            ),
        ),
        id="battle-of-the-sexes",
    ),
    pytest.param(
        "matching-pennies",
        _expected(
            (
                {
                    "Player 1": {"heads": "1/2", "tails": "1/2"},
                    "Player 2": {"heads": "1/2", "tails": "1/2"},
                },
                {"Player 1": "0", "Player 2": "0"},
            ),
        ),
        id="matching-pennies",
    ),
    pytest.param(
        "stag-hunt-3",
        _expected(
            (
                {f"Hunter {k}": {"stag": "1"} for k in (1, 2, 3)},
                {f"Hunter {k}": "2" for k in (1, 2, 3)},
            ),
            (
                {f"Hunter {k}": {"hare": "1"} for k in (1, 2, 3)},
                {f"Hunter {k}": "1" for k in (1, 2, 3)},
            ),
            (
                {f"Hunter {k}": {"stag": "sqrt(2)/2", "hare": "1 - sqrt(2)/2"} for k in (1, 2, 3)},
                {f"Hunter {k}": "1" for k in (1, 2, 3)},
            ),
        ),
        id="stag-hunt-3",
    ),
]


def test_every_builtin_model_is_pinned():
    assert sorted(p.values[0] for p in PINNED) == sorted(BUILTIN)


@pytest.mark.parametrize(("name", "expected"), PINNED)
def test_equilibria_at_defaults(name, expected):
    result = solve(load_model(name).game())
    assert _compact(result) == expected
    # Isolated equilibria: each is its own component (N players too: the game has finitely
    # many equilibria, status "ok").
    assert result.status == "ok"
    assert sorted(c.equilibria for c in result.components) == [
        (i,) for i in range(len(result.equilibria))
    ]


# ------------------------------------------------------------------------------ provenance


@pytest.mark.parametrize("name", BUILTIN)
def test_ranks_order_payoffs_as_at_defaults(name):
    model = load_model(name)
    game = model.game()
    for i, player in enumerate(game.players):
        ranked = [
            (o.judgement(player).rank, game.payoff(o.profile)[i])
            for o in model.outcomes
            if o.judgement(player) is not None
        ]
        for rank_a, pay_a in ranked:
            for rank_b, pay_b in ranked:
                assert (rank_a > rank_b) == (pay_a > pay_b)
                assert (rank_a == rank_b) == (pay_a == pay_b)


@pytest.mark.parametrize("name", US_RUSSIA)
def test_us_russia_every_outcome_ranked_and_justified(name):
    model = load_model(name)
    assert [p.name for p in model.players] == ["US", "Russia"]
    profiles = {o.profile for o in model.outcomes}
    game = model.game()
    assert profiles == {
        tuple(game.strategies[k][j] for k, j in enumerate(index)) for index in game.pure_profiles()
    }
    for player in ("US", "Russia"):
        judgements = [o.judgement(player) for o in model.outcomes]
        # A strict ranking 1..n: the text gives a basis for every comparison.
        assert sorted(j.rank for j in judgements) == list(range(1, len(profiles) + 1))
        assert all(j.why.strip() and j.source.strip() for j in judgements)
    for player in model.players:
        for strategy in player.strategies:
            assert strategy.label and strategy.description and strategy.source
    assert model.cardinalisation.strip()
    for parameter in model.parameters.values():
        assert parameter.description and parameter.source
        assert parameter.low is not None and parameter.high is not None
        assert parameter.low <= parameter.value <= parameter.high


def test_us_russia_strategy_ids():
    model = load_model("us-russia")
    ids = ("concede", "pressure", "friendly_offer", "hard_demand")
    assert [p.ids for p in model.players] == [ids, ids]


def _iterated_strict_dominance(game):
    """The pure strategies of a two-player game that survive iterated strict dominance by pure
    strategies."""
    keep = [list(range(n)) for n in game.shape]
    changed = True
    while changed:
        changed = False
        for i in (0, 1):

            def pay(own, other, i=i):
                return game.payoffs[i][own, other] if i == 0 else game.payoffs[i][other, own]

            for s in list(keep[i]):
                if any(all(pay(t, o) > pay(s, o) for o in keep[1 - i]) for t in keep[i] if t != s):
                    keep[i].remove(s)
                    changed = True
    return [[game.strategies[i][s] for s in keep[i]] for i in (0, 1)]


def test_us_russia_reduces_to_the_2x2_core():
    # models/README.md: the ranks alone reduce the 4x4 game to the dual-track core.
    core = _iterated_strict_dominance(load_model("us-russia").game())
    assert core == [["concede", "pressure"], ["friendly_offer", "hard_demand"]]


def test_2x2_ranks_are_the_4x4_ranks_restricted():
    big, small = load_model("us-russia"), load_model("us-russia-2x2")
    for player in ("US", "Russia"):
        order_small = sorted(small.outcomes, key=lambda o: o.judgement(player).rank)
        ranks_big = [
            next(o for o in big.outcomes if o.profile == s.profile).judgement(player).rank
            for s in order_small
        ]
        assert ranks_big == sorted(ranks_big)


# ------------------------------------------------------------------------------ README claims


@pytest.mark.parametrize(
    ("d", "w"),
    [
        pytest.param("1", "2", id="defaults"),
        pytest.param("0", "4", id="patient"),
        pytest.param("3/2", "3/2", id="inner"),
    ],
)
def test_2x2_hand_solution(d, w):
    result = solve(load_model("us-russia-2x2").game({"d": d, "w": w}))
    (eq,) = result.equilibria
    d, w = Fraction(d), Fraction(w)
    assert eq.probabilities("US")["concede"] == 1 / w
    assert eq.probabilities("Russia")["hard_demand"] == (2 + d) / 4
    assert eq.payoffs == ((4 + d) / 2, 2 + 1 / w)


@pytest.mark.parametrize(
    "values",
    [
        pytest.param({"d": "3", "v": "5", "w": "4", "s": "1"}, id="a"),
        pytest.param({"d": "9/2", "v": "0", "w": "8", "s": "3"}, id="b"),
        pytest.param({"d": "5/2", "v": "8", "w": "2", "s": "0"}, id="c"),
    ],
)
def test_us_russia_closed_forms_near_defaults(values):
    result = solve(load_model("us-russia").game(values))
    (eq,) = result.equilibria
    d, v, w = (Fraction(values[k]) for k in "dvw")
    assert eq.probabilities("Russia")["friendly_offer"] == (5 - d) / (8 + v)
    assert eq.probabilities("US")["concede"] == 2 / (w + 1)
    assert eq.support() == (("concede", "pressure"), ("friendly_offer", "hard_demand"))


@pytest.mark.parametrize(
    ("values", "supports"),
    [
        pytest.param(
            {"d": "1/2"},
            [
                (("friendly_offer",), ("friendly_offer",)),
                (("pressure", "hard_demand"), ("friendly_offer", "hard_demand")),
                (("friendly_offer", "hard_demand"), ("friendly_offer", "hard_demand")),
            ],
            id="d-low-reset",
        ),
        pytest.param(
            {"d": "5/4"},
            [
                (("concede", "friendly_offer"), ("friendly_offer", "hard_demand")),
                (("pressure", "hard_demand"), ("friendly_offer", "hard_demand")),
                (("friendly_offer", "hard_demand"), ("friendly_offer", "hard_demand")),
            ],
            id="d-between-1-and-3/2",
        ),
        pytest.param(
            {"d": "9/5"},
            [(("pressure", "hard_demand"), ("friendly_offer", "hard_demand"))],
            id="d-feared-scenario",
        ),
        pytest.param({"d": "6"}, [(("concede",), ("hard_demand",))], id="d-moscow-dictates"),
        pytest.param(
            {"s": "5"},
            [
                (("concede", "pressure"), ("friendly_offer", "hard_demand")),
                (("pressure", "hard_demand"), ("concede", "hard_demand")),
                (
                    ("concede", "pressure", "hard_demand"),
                    ("concede", "friendly_offer", "hard_demand"),
                ),
            ],
            id="s-middle",
        ),
        pytest.param(
            {"s": "8"}, [(("pressure", "hard_demand"), ("concede", "hard_demand"))], id="s-high"
        ),
        pytest.param(
            {"w": "1"},
            [
                (
                    ("concede", "pressure", "hard_demand"),
                    ("pressure", "friendly_offer", "hard_demand"),
                )
            ],
            id="w-low",
        ),
        pytest.param(
            {"v": "0"}, [(("concede", "pressure"), ("friendly_offer", "hard_demand"))], id="v-0"
        ),
        pytest.param(
            {"v": "8"}, [(("concede", "pressure"), ("friendly_offer", "hard_demand"))], id="v-8"
        ),
    ],
)
def test_us_russia_regimes_in_readme(values, supports):
    result = solve(load_model("us-russia").game(values))
    assert result.status == "ok"
    assert sorted(eq.support() for eq in result.equilibria) == sorted(supports)


@pytest.mark.parametrize("c", ["3/2", "2", "5"])
def test_chicken_mixed_equilibrium_is_one_over_c(c):
    result = solve(load_model("chicken").game({"c": c}))
    mixed = [eq for eq in result.equilibria if not eq.is_pure]
    assert len(result.equilibria) == 3
    assert [eq.probabilities("Driver 1")["straight"] for eq in mixed] == [1 / Fraction(c)]


def test_chicken_below_one_is_a_crash():
    (eq,) = solve(load_model("chicken").game({"c": "1/2"})).equilibria
    assert eq.support() == (("straight",), ("straight",))
    assert eq.payoffs == (Fraction(-1, 2), Fraction(-1, 2))


def test_readme_python_examples():
    failures, attempted = doctest.testfile(str(README), module_relative=False, verbose=False)
    assert attempted > 0
    assert failures == 0


def _toml_blocks():
    return re.findall(r"```toml\n(.*?)```", README.read_text(encoding="utf-8"), re.S)


@pytest.mark.parametrize("index", range(5))
def test_readme_toml_examples_are_valid_models(index):
    blocks = _toml_blocks()
    assert len(blocks) == 5  # the third is a game tree, the fourth a Bayesian game
    model = parse_model(blocks[index], name=f"readme-{index}")
    assert solve(model.game()).equilibria


def test_readme_complete_example_equilibria():
    model = parse_model(_toml_blocks()[-1], name="example")
    result = solve(model.game())
    assert _compact(result) == _expected(
        (
            {"Entrant": {"enter": "1"}, "Incumbent": {"accommodate": "1"}},
            {"Entrant": "2", "Incumbent": "1"},
        ),
        (
            {"Entrant": {"stay_out": "1"}, "Incumbent": {"fight": "1"}},
            {"Entrant": "0", "Incumbent": "3"},
        ),
        (
            {"Entrant": {"stay_out": "1"}, "Incumbent": {"fight": "2/3", "accommodate": "1/3"}},
            {"Entrant": "0", "Incumbent": "3"},
        ),
    )
    assert len(result.components) == 2
