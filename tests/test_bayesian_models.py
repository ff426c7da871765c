"""Bayesian model files: loading, located errors, show and solve through the CLI."""

from __future__ import annotations

import json
from fractions import Fraction as F

import pytest
from click.testing import CliRunner

import cli
from gametheory import solve
from gametheory.models import load_model

GOOD = '''[game]
title = "t"

[parameters.p]
value = "1/2"
range = [0, "1/2"]

[[players]]
name = "A"
actions = ["x", "y"]
types = { hi = "p", lo = "1 - p" }

[[players]]
name = "B"
actions = ["l", "r"]

[[payoffs]]
types = ["hi", "-"]
table = [[[1, 0], [0, 1]], [[0, 1], [1, 0]]]

[[payoffs]]
types = ["lo", "-"]
table = [[[0, 1], [1, 0]], [[1, 0], [0, 1]]]
'''


def _write(tmp_path, text):
    path = tmp_path / "m.toml"
    path.write_text(text)
    return str(path)


def test_builtin_bayesian_bos_matches_the_library_case():
    model = load_model("bayesian-battle-of-the-sexes")
    game = model.game()
    assert game.prior == {("-", "meet"): F(1, 2), ("-", "avoid"): F(1, 2)}
    result = solve(game, method="pure")
    assert [e.choice("2", "avoid") for e in result.equilibria] == ["S"]
    assert len(solve(model.game({"p": "2/3"}), method="pure").equilibria) == 2


def test_joint_prior(tmp_path):
    text = GOOD.replace('types = { hi = "p", lo = "1 - p" }', 'types = ["hi", "lo"]') + '''
[[prior]]
types = ["hi", "-"]
probability = "p"

[[prior]]
types = ["lo", "-"]
probability = "1 - p"
'''
    game = load_model(_write(tmp_path, text)).game()
    assert game.prior == {("hi", "-"): F(1, 2), ("lo", "-"): F(1, 2)}


def test_default_single_type_and_solve(tmp_path):
    game = load_model(_write(tmp_path, GOOD)).game()
    assert game.types == (("hi", "lo"), ("-",))
    # B plays l with q: q > 1/2 makes hi play x and lo play y, to which B answers r (and
    # symmetrically), so q = 1/2 in every equilibrium; A's types then mix along a continuum.
    result = solve(game)
    assert len(result.equilibria) > 1
    for eq in result.equilibria:
        assert eq.to_dict()["strategies"]["B"]["-"] == {"l": "1/2", "r": "1/2"}


@pytest.mark.parametrize("old, new, where, message", [
    pytest.param('lo = "1 - p"', 'lo = "1 - 2*p"', "players[0].types",
                 "probabilities sum to", id="sum"),
    pytest.param('range = [0, "1/2"]', 'range = [0, 2]', "players[0].types",
                 "probability of 'lo' is negative", id="negative-in-range"),
    pytest.param('types = ["lo", "-"]', 'types = ["low", "-"]', "payoffs[1].types",
                 "unknown type 'low' of A", id="unknown-type"),
    pytest.param('table = [[[0, 1], [1, 0]], [[1, 0], [0, 1]]]', 'table = [[[0, 1], [1, 0]]]',
                 "payoffs[1].table", "expected 2 entries (the actions of A)", id="shape"),
    pytest.param('types = ["lo", "-"]', 'types = ["hi", "-"]', "payoffs[1].types",
                 "payoffs for hi, - given twice", id="twice"),
    pytest.param('actions = ["l", "r"]', 'actions = "l"', "players[1].actions",
                 "expected a list of distinct action labels", id="actions"),
])
def test_bad_files_one_line_with_place(tmp_path, old, new, where, message):
    assert old in GOOD
    path = _write(tmp_path, GOOD.replace(old, new, 1))
    result = CliRunner().invoke(cli.cli, ["solve", path])
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: {path}:")
    assert where in result.output and message in result.output


def test_missing_type_profile(tmp_path):
    text = GOOD[: GOOD.index("[[payoffs]]\ntypes = [\"lo\"")]
    result = CliRunner().invoke(cli.cli, ["solve", _write(tmp_path, text)])
    assert result.exit_code == 1
    assert "no [[payoffs]] for the type profile lo, -" in result.output


def test_cli_show_and_solve():
    runner = CliRunner()
    shown = runner.invoke(cli.cli, ["show", "bayesian-battle-of-the-sexes"])
    assert shown.exit_code == 0
    assert "Types 1=-, 2=avoid (prior 1/2; payoffs 1, 2)" in shown.output
    assert "  B      2, 0  0, 2" in shown.output
    solved = runner.invoke(cli.cli, ["solve", "bayesian-battle-of-the-sexes", "--format", "json"])
    data = json.loads(solved.output)
    assert data["method"] == "exact" and len(data["equilibria"]) == 3
    assert data["equilibria"][0]["ex_ante"] == {"1": "1", "2": "3/2"}
    for fmt in ("markdown", "latex", "csv"):
        out = runner.invoke(cli.cli, ["solve", "bayesian-battle-of-the-sexes", "-f", fmt])
        assert out.exit_code == 0 and "2/3" in out.output
    refused = runner.invoke(cli.cli, ["analyze", "bayesian-battle-of-the-sexes"])
    assert refused.exit_code == 1
    assert refused.output.strip().endswith("analyze does not handle Bayesian games yet: use "
                                           "solve or show")


def test_prior_sensitivity_cutoffs_known_by_hand():
    # (B, (B, S)) needs 2p >= 1 - p (player 1's B against the meeting type's B and the
    # avoiding type's S), p >= 1/3; (S, (S, B)) needs p >= 2(1 - p), p >= 2/3. The thresholds
    # of the ex-ante form in p are exactly these cutoffs.
    runner = CliRunner()
    out = runner.invoke(cli.cli, ["sensitivity", "bayesian-battle-of-the-sexes", "--param", "p",
                                  "--format", "json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    assert data["thresholds"] == ["1/3", "2/3"]
    model = load_model("bayesian-battle-of-the-sexes")
    for p, pure in [("1/4", set()), ("1/2", {("B", "B", "S")}),
                    ("3/4", {("B", "B", "S"), ("S", "S", "B")})]:
        result = solve(model.game({"p": p}), method="pure")
        assert {(e.choice("1", "-"), e.choice("2", "meet"), e.choice("2", "avoid"))
                for e in result.equilibria} == pure


def test_parametric_game_is_the_ex_ante_form():
    from gametheory.bayesian import ex_ante_form

    model = load_model("bayesian-battle-of-the-sexes")
    pg = model.parametric_game()
    for p in ("1/5", "1/2", "9/10"):
        numeric = ex_ante_form(model.game({"p": p}))
        assert pg.strategies == numeric.strategies
        assert pg.game({"p": p}).same_payoffs(numeric)
