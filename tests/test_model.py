"""Tests of the Model object (gametheory.models.model): values, games, edits, writing."""

from __future__ import annotations

import subprocess
import sys
from fractions import Fraction as F
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gametheory import Game
from gametheory.errors import ModelError
from gametheory.models import (
    Expression,
    Judgement,
    Model,
    Outcome,
    Parameter,
    Player,
    Strategy,
    builtin_models,
    load_model,
    parse_expression,
    parse_model,
)

DATA = Path(__file__).parent / "data" / "models"
GOOD = sorted(DATA.glob("*.toml"))


@pytest.fixture
def parameter() -> Model:
    return load_model(DATA / "parameter.toml")


@pytest.fixture
def ranked() -> Model:
    return load_model(DATA / "ranked.toml")


# ---------------------------------------------------------------------- values
@pytest.mark.parametrize(
    ("raw", "value"),
    [
        pytest.param("3", F(3), id="integer-string"),
        pytest.param("2.5", F(5, 2), id="decimal-string"),
        pytest.param("1/3", F(1, 3), id="fraction-string"),
        pytest.param("-1/3", F(-1, 3), id="negative-fraction-clipped"),
        pytest.param(" 6 ", F(6), id="spaces"),
        pytest.param("1e0", F(1), id="scientific"),
        pytest.param(F(7, 2), F(7, 2), id="fraction"),
        pytest.param(0, F(0), id="int"),
    ],
)
def test_values_accept_numbers(parameter: Model, raw: object, value: F) -> None:
    if not 0 <= value <= 6:
        with pytest.raises(ModelError, match=r"outside its range \[0, 6\]"):
            parameter.values({"c": raw})
        return
    assert parameter.values({"c": raw}) == {"c": value}


def test_values_defaults_and_order(ranked: Model) -> None:
    assert ranked.values() == {"t": F(5), "s": F(1, 2)}
    assert list(ranked.values({"s": "1/4"})) == ["t", "s"]
    # The defaults are not changed by an override.
    assert ranked.values() == {"t": F(5), "s": F(1, 2)}


@pytest.mark.parametrize(
    ("overrides", "fragments"),
    [
        pytest.param({"cc": "1"}, ["unknown parameter 'cc'", "did you mean 'c'?", "parameters: c"]),
        pytest.param({"zzz": "1"}, ["unknown parameter 'zzz'", "parameters: c"]),
        pytest.param({"c": "7"}, ["parameter c = 7 is outside its range [0, 6]"]),
        pytest.param({"c": "-1"}, ["parameter c = -1 is outside its range [0, 6]"]),
        pytest.param({"c": "abc"}, ["not a number", "parameter c"]),
        pytest.param({"c": "1/0"}, ["not a number", "division by zero"]),
        pytest.param({"c": "__import__('os')"}, ["not a number", "not allowed"]),
        pytest.param({"c": True}, ["not a number"]),
        pytest.param({"c": "1e999999"}, ["out of range"]),
    ],
)
def test_values_reject(parameter: Model, overrides: dict, fragments: list[str]) -> None:
    with pytest.raises(ModelError) as info:
        parameter.values(overrides)
    for fragment in fragments:
        assert fragment in str(info.value)


def test_unknown_parameter_without_parameters() -> None:
    m = Model.from_game(Game.from_arrays([[1]], [[2]]))
    with pytest.raises(ModelError, match="this model has no parameters"):
        m.values({"c": "1"})


# ---------------------------------------------------------------------- games
def test_game_is_exact_and_labelled(parameter: Model) -> None:
    g = parameter.game()
    assert g.players == ("Row", "Column")
    assert g.strategies == (("r1", "r2"), ("c1", "c2"))
    assert g.title == "A game with a parameter"
    assert g.payoffs[0].tolist() == [[3, 0], [2, 0]]
    assert g.payoffs[1].tolist() == [[2, 0], [F(1, 2), 1]]
    assert all(isinstance(x, F) for p in g.payoffs for x in p.flat)
    assert parameter.game({"c": "1/3"}).payoffs[0].tolist() == [[3, F(2, 3)], [F(2, 3), 0]]


def test_game_uses_strategy_ids_not_labels(ranked: Model) -> None:
    assert ranked.players[0].strategies[0].label == "Stay silent"
    assert ranked.game().strategies == (("silent", "confess"), ("silent", "confess"))


def test_game_division_by_zero_names_cell_and_values() -> None:
    m = parse_model(
        "[game]\ntitle = 't'\n[parameters.c]\nvalue = 2\n"
        "[[players]]\nname = 'A'\nstrategies = ['x']\n[[players]]\nname = 'B'\n"
        "strategies = ['y', 'z']\n[payoffs]\nA = [[1, '1/(c - 1)']]\nB = [[0, 0]]\n",
        file="m.toml",
    )
    with pytest.raises(ModelError) as info:
        m.game({"c": 1})
    assert str(info.value) == (
        "m.toml: payoffs.A[0][1]: division by zero in '1 / (c - 1)' at c = 1"
    )


def test_three_players_two_forms_give_one_game() -> None:
    nested = load_model(DATA / "three_players.toml")
    table = load_model(DATA / "three_players_table.toml")
    assert nested == table
    g = nested.game({"v": 5})
    assert g.shape == (2, 2, 3)
    assert g.payoff(("y", "y", "y")) == (5, 5, 5)
    assert g.payoff(("x", "x", "z")) == (0, 0, F(1, 2))


def test_symbolic_payoffs(parameter: Model) -> None:
    import sympy

    c = sympy.Symbol("c", real=True)
    A, B = parameter.symbolic_payoffs()
    assert isinstance(A, sympy.MatrixBase)
    assert sympy.Matrix([[3, 1 - c], [2 * c, 0]]) == A
    assert sympy.Matrix([[2, 0], [sympy.Rational(1, 2), 1]]) == B
    arrays = load_model(DATA / "three_players.toml").symbolic_payoffs()
    assert len(arrays) == 3 and arrays[2].shape == (2, 2, 3)
    assert arrays[2][1, 1, 1] == sympy.Symbol("v", real=True)


# ---------------------------------------------------------------------- edits
def test_with_payoff_one_player_and_whole_cell(parameter: Model) -> None:
    edited = parameter.with_payoff("Column", ("r1", "c2"), "c + 1/2")
    assert edited.game().payoff(("r1", "c2")) == (0, F(3, 2))
    assert str(edited.payoffs[1][0, 1]) == "c + 1 / 2"
    assert parameter.game().payoff(("r1", "c2")) == (0, 0)  # the original is unchanged
    cell = parameter.with_payoff(None, ["r2", "c1"], (5, "-c"))
    assert cell.game().payoff(("r2", "c1")) == (5, -1)


@pytest.mark.parametrize(
    ("player", "profile", "text", "fragments"),
    [
        pytest.param("Colum", ("r1", "c1"), "1", ["unknown player 'Colum'", "'Column'"]),
        pytest.param("Row", ("r1", "cc1"), "1", ["unknown strategy 'cc1' of Column", "'c1'"]),
        pytest.param("Row", ("r1",), "1", ["one strategy per player (2: Row, Column), got 1"]),
        pytest.param("Row", "r1", "1", ["got a string"]),
        pytest.param("Row", ("r1", "c1"), "1 - d", ["payoffs.Row[0][0]", "unknown name 'd'"]),
        pytest.param("Row", ("r1", "c1"), "open('x')", ["function calls are not allowed"]),
        pytest.param("Row", ("r1", "c1"), "1/(c-1)", ["division by zero", "default values"]),
        pytest.param(None, ("r1", "c1"), "1", ["a whole cell takes 2 payoffs"]),
        pytest.param(None, ("r1", "c1"), ["1"], ["a whole cell takes 2 payoffs"]),
    ],
)
def test_with_payoff_rejects(
    parameter: Model, player: str | None, profile: tuple, text: object, fragments: list[str]
) -> None:
    with pytest.raises(ModelError) as info:
        parameter.with_payoff(player, profile, text)
    for fragment in fragments:
        assert fragment in str(info.value)


def test_edit_contradicting_ranks_drops_those_judgements(ranked: Model) -> None:
    # Ann ranks (confess, silent) best; making it her worst payoff contradicts her ranks only.
    edited = ranked.with_payoff("Ann", ("confess", "silent"), "-1")
    assert all(j.player == "Bob" for o in edited.outcomes for j in o.judgements)
    assert "judgements of Ann were removed" in edited.notes
    assert edited.notes.startswith(ranked.notes)
    # An edit that keeps the order keeps every judgement.
    same_order = ranked.with_payoff("Ann", ("confess", "silent"), "t + 1")
    assert same_order.outcomes == ranked.outcomes and same_order.notes == ranked.notes
    # Either way the edited model is a valid model file.
    assert parse_model(edited.to_toml()) == edited
    assert parse_model(same_order.to_toml()) == same_order


def test_with_values(ranked: Model) -> None:
    m = ranked.with_values({"t": "9/2"})
    assert m.parameters["t"].value == F(9, 2)
    assert m.parameters["t"].low == 4 and m.parameters["t"].description
    assert m.game().payoff(("confess", "silent")) == (F(9, 2), F(1, 2))
    assert m.outcomes == ranked.outcomes
    with pytest.raises(ModelError, match="outside its range"):
        ranked.with_values({"t": 11})
    # s = 2 puts the sucker's payoff above mutual defection (1): ranks no longer hold.
    broken = ranked.with_values({"s": 2})
    assert broken.outcomes == ()
    assert parse_model(broken.to_toml()) == broken


# ---------------------------------------------------------------------- writing and equality
@pytest.mark.parametrize("path", GOOD, ids=[p.stem for p in GOOD])
def test_toml_round_trip(path: Path) -> None:
    m = load_model(path)
    text = m.to_toml()
    again = parse_model(text, name=m.name)
    assert again == m
    assert again.to_toml() == text  # deterministic, and a fixed point


@pytest.mark.parametrize("name", [name for name, _ in builtin_models()])
def test_builtin_round_trip(name: str) -> None:
    m = load_model(name)
    assert parse_model(m.to_toml()) == m


def test_equality_ignores_name_and_path(parameter: Model) -> None:
    other = parse_model(parameter.to_toml(), name="other")
    assert other == parameter and hash(other) == hash(parameter)
    assert other.name == "other" and other.path is None
    assert parameter.with_values({"c": 2}) != parameter


def test_payoff_arrays_are_read_only(parameter: Model) -> None:
    with pytest.raises(ValueError):
        parameter.payoffs[0][0, 0] = parse_expression("1")


def test_from_game_and_constructor_checks() -> None:
    g = Game.from_arrays(
        [[1, "1/3"], ["-0.25", 4]],
        [[0, 0], [0, 1]],
        players=("Player 1", "Player 2"),
        strategies=(("Up move", "Down"), ("L", "R")),
        title="",
    )
    m = Model.from_game(g, name="from-nfg")
    assert m.title == "from-nfg"
    assert m.game().same_payoffs(g)
    assert m.game().strategies == g.strategies
    assert parse_model(m.to_toml()) == m
    assert '"Player 1" = [' in m.to_toml()
    assert Model.from_game(g.with_names(title="  "), name="").title == "game"
    with pytest.raises(ModelError, match="two or more players"):
        Model.from_game(Game([np.array([1], dtype=object)], ["solo"], [["a"]]))
    with pytest.raises(ModelError, match="control characters"):
        Model.from_game(g.with_names(strategies=(("a\x07", "b"), ("L", "R"))))
    with pytest.raises(ModelError, match="unknown name 'c'"):
        Model(
            name="x",
            title="x",
            players=(Player("A", (Strategy("a"),)), Player("B", (Strategy("b"),))),
            payoffs=(np.array([[parse_expression("c", {"c"})]]),) * 2,
        )
    with pytest.raises(ModelError, match="expected"):
        Model(
            name="x",
            title="x",
            players=(Player("A", (Strategy("a"),)), Player("B", (Strategy("b"),))),
            payoffs=(np.array([[parse_expression("1")]]),),
        )


def test_dataclasses() -> None:
    p = Parameter("c", F(1), F(0), None)
    assert p.range_text == "[0, oo]" and p.contains(F(100)) and not p.contains(F(-1))
    assert Parameter("c", F(1)).range_text == ""
    assert Strategy("a").label == "a" and Strategy("a").is_plain
    assert not Strategy("a", "A").is_plain
    o = Outcome(("a", "b"), (Judgement("A", 2, "why"),))
    assert o.judgement("A").rank == 2 and o.judgement("B") is None


_FRACTIONS = st.fractions(max_denominator=50).filter(lambda x: abs(x) < 10**6)


@st.composite
def _games(draw: st.DrawFn) -> Game:
    n = draw(st.integers(2, 3))
    shape = tuple(draw(st.integers(1, 3)) for _ in range(n))
    arrays = [
        np.array(
            draw(st.lists(_FRACTIONS, min_size=int(np.prod(shape)), max_size=int(np.prod(shape)))),
            dtype=object,
        ).reshape(shape)
        for _ in range(n)
    ]
    labels = st.text(
        alphabet=st.characters(blacklist_categories=("Cc", "Cs")), min_size=1, max_size=6
    ).filter(str.strip)
    strategies = [draw(st.lists(labels, min_size=k, max_size=k, unique=True)) for k in shape]
    players = draw(st.lists(labels, min_size=n, max_size=n, unique=True))
    return Game.from_arrays(*arrays, players=players, strategies=strategies)


@settings(max_examples=60, deadline=None)
@given(_games())
def test_random_games_round_trip(game: Game) -> None:
    m = Model.from_game(game, name="random")
    again = parse_model(m.to_toml())
    assert again == m
    assert again.game() == game.with_names(title="random")
    assert all(isinstance(e, Expression) for p in again.payoffs for e in p.flat)


def test_nfg_round_trip(tmp_path: Path) -> None:
    nfg = pytest.importorskip("gametheory.io.nfg")
    for path in GOOD:
        m = load_model(path)
        game = m.game()
        back = nfg.parse_nfg(nfg.write_nfg(game))
        assert back == game
        file = tmp_path / f"{m.name}.nfg"
        file.write_text(nfg.write_nfg(game), encoding="utf-8")
        from_nfg = load_model(file)
        assert from_nfg.game() == game
        assert from_nfg.name == m.name and from_nfg.path == str(file)


def test_import_is_light() -> None:
    code = (
        "import sys, gametheory.models; "
        "m = gametheory.models.load_model(sys.argv[1]); m.game(); "
        "print(sorted(x for x in ('sympy', 'scipy', 'nashpy', 'matplotlib', 'click') "
        "if x in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(DATA / "ranked.toml")],
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.strip() == "[]"
