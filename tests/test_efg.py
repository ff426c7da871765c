"""Gambit .efg files: read and write, compared with pygambit (test-only peer)."""

import pathlib
from fractions import Fraction as F

import pytest
from hypothesis import given, settings
from tree_strategies import trees

from gametheory import GameValueError
from gametheory.extensive import reduced_strategic_form
from gametheory.extensive.nash import exact_tree
from gametheory.io.efg import parse_efg, read_efg, write_efg

gbt = pytest.importorskip("pygambit")

DATA = pathlib.Path(__file__).parent / "data" / "efg"
# pygambit 16.7 refuses nim.efg (its node labels repeat); ours reads it.
READABLE_BY_GAMBIT = ["selten1975_fig1", "selten1975_fig2", "myerson1991_fig2_1",
                      "vonstengel2022_fig10_1"]


def _terminal_payoffs(game) -> list[tuple]:
    out = []

    def walk(node) -> None:
        if not node.children:
            out.append(tuple(F(str(node.outcome[p])) if node.outcome is not None else F(0)
                             for p in game.players))
        for c in node.children:
            walk(c)

    walk(game.root)
    return out


@pytest.mark.parametrize("name", READABLE_BY_GAMBIT)
def test_reading_agrees_with_pygambit(name):
    path = DATA / f"{name}.efg"
    tree = read_efg(path)
    game = gbt.read_efg(str(path))
    assert tree.players == tuple(p.label for p in game.players)
    assert [n.payoffs for n in tree.terminals] == _terminal_payoffs(game)
    assert len(tree.infosets) == sum(len(p.infosets) for p in game.players)
    assert tree.has_perfect_recall == game.is_perfect_recall


@pytest.mark.parametrize("name", READABLE_BY_GAMBIT)
def test_gambit_reads_what_we_write(tmp_path, name):
    tree = read_efg(DATA / f"{name}.efg")
    out = tmp_path / "out.efg"
    out.write_text(write_efg(tree))
    game = gbt.read_efg(str(out))
    assert _terminal_payoffs(game) == [n.payoffs for n in tree.terminals]
    assert parse_efg(out.read_text()) == tree


@pytest.mark.parametrize("name", READABLE_BY_GAMBIT)
def test_reduced_form_equilibria_agree_with_enummixed(name):
    """Equilibrium payoffs of the reduced form: ours (exact) and pygambit's enummixed."""
    tree = read_efg(DATA / f"{name}.efg")
    if tree.n_players != 2:
        pytest.skip("enummixed is for two players")
    game = gbt.read_efg(str(DATA / f"{name}.efg"))
    theirs = {tuple(F(str(eq.payoff(p))) for p in game.players)
              for eq in gbt.nash.enummixed_solve(game, rational=True).equilibria}
    ours = {eq.payoffs for eq in exact_tree(tree).equilibria}
    assert ours == theirs


def test_subgames_agree_with_pygambit(tmp_path):
    for name in READABLE_BY_GAMBIT:
        tree = read_efg(DATA / f"{name}.efg")
        out = tmp_path / "t.efg"
        out.write_text(write_efg(tree))
        game = gbt.read_efg(str(out))
        assert {sg.root.label for sg in game.subgames} == set(tree.subgame_roots())


def test_nim_with_repeated_node_names_and_omitted_infoset_lists():
    tree = read_efg(DATA / "nim.efg")
    assert tree.is_perfect_information and len(tree.terminals) == 8
    assert [n.id for n in tree.nodes][:3] == ["5 left", "4 left", "3 left"]
    odd = read_efg(DATA / "vonstengel2022_fig10_1.efg")
    assert odd.root.actions == ("1/2", "1/2_2")


@settings(max_examples=30, deadline=None)
@given(trees())
def test_round_trip_and_gambit_reduced_form(tree):
    text = write_efg(tree)
    assert parse_efg(text) == tree
    import tempfile

    with tempfile.NamedTemporaryFile("w", suffix=".efg", delete=False) as handle:
        handle.write(text)
    game = gbt.read_efg(handle.name)
    ours = reduced_strategic_form(tree)
    assert ours.shape == tuple(len(p.strategies) for p in game.players)


@pytest.mark.parametrize(
    "text, message",
    [
        pytest.param('NFG 1 R "x" { "A" }', "not an extensive-form game file", id="nfg"),
        pytest.param('EFG 2 R "x" { "A" } ""\np "" 2 1 "" { "a" } 0\nt "" 1 "" { 1 }',
                     "<string>:2: no player number 2", id="player"),
        pytest.param('EFG 2 R "x" { "A" } ""\np "" 1 1 "" { "a" "b" } 0\nt "" 1 "" { 1 }',
                     "the tree ends early", id="short"),
        pytest.param('EFG 2 R "x" { "A" } ""\nc "" 1 "" { "a" 1/2 "b" 1/3 } 0\n'
                     't "" 1 "" { 1 }\nt "" 2 "" { 0 }',
                     "<string>:2: n1: probabilities sum to 5/6", id="chance"),
        pytest.param('EFG 2 R "x" { "A" } ""\nt "" 1 "" { 1 2 }',
                     "outcome 1 has 2 payoffs for 1 players", id="payoffs"),
    ],
)
def test_malformed_files_name_the_line(text, message):
    with pytest.raises(GameValueError) as info:
        parse_efg(text)
    assert message in str(info.value)


@pytest.mark.parametrize("name", ["selten1975_fig2", "myerson1991_fig2_1",
                                  "vonstengel2022_fig10_1"])
def test_gambit_lcp_equilibrium_passes_our_certificate(name):
    """pygambit's sequence-form LCP equilibrium, read into our behaviour strategies, has regret
    0 by our exact certificate (an independent check of both)."""
    from gametheory.extensive.certify import is_nash

    tree = read_efg(DATA / f"{name}.efg")
    game = gbt.read_efg(str(DATA / f"{name}.efg"))
    (eq,) = gbt.nash.lcp_solve(game, rational=True).equilibria[:1]
    ours = {s.id: s for s in tree.infosets}
    behavior = {}
    for player, (mine, theirs) in zip(tree.players, zip(
            [[s for s in tree.infosets if s.player == p] for p in tree.players],
            [list(p.infosets) for p in game.players], strict=True), strict=True):
        assert len(mine) == len(theirs), player
        for s, t in zip(mine, theirs, strict=True):
            behavior[s.id] = {a: F(str(eq[x])) for a, x in zip(ours[s.id].actions, t.actions,
                                                                strict=True)}
    assert is_nash(tree, behavior)
