"""The exact solver on games whose equilibrium sets are known exactly.

One table, one test function. Each case gives the payoff matrices, every extreme equilibrium,
the components (as groups of extreme equilibria) and the maximal Nash subsets, and whether the
game is degenerate. Sources: von Stengel (2007), "Equilibrium computation for two-player games
in strategic and extensive form", ch. 3 of *Algorithmic Game Theory* (the 3 x 2 game (3.3) and
its equilibria); the degenerate variants of that game cited by SageMath's ``is_degenerate``
(from Avis, Rosenberg, Savani and von Stengel, 2010, and Nisan et al., 2007), whose equilibria
were worked out by hand; Shapley's (1964) 3 x 3 game without pure equilibrium; textbook games;
and small degenerate games built to have continua, worked out by hand (comments give the
reasoning).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

import pytest
from strategies import brute_force_components, is_degenerate, reference_extreme_equilibria

from gametheory import Game, solve

F = Fraction
H, T3 = F(1, 2), F(1, 3)


@dataclass(frozen=True)
class Case:
    a: list[list]
    b: list[list]
    equilibria: list[tuple[tuple, tuple]]
    degenerate: bool
    # Groups of indices into `equilibria`; default: every equilibrium on its own.
    components: list[list[int]] | None = None
    nash_subsets: list[list[int]] | None = None
    notes: str = field(default="", compare=False)


def _pure(k: int, i: int) -> tuple:
    return tuple(int(t == i) for t in range(k))


CASES = [
    pytest.param(
        Case(
            a=[[3, 3], [2, 5], [0, 6]],
            b=[[3, 2], [2, 6], [3, 1]],
            equilibria=[
                ((1, 0, 0), (1, 0)),
                ((F(4, 5), F(1, 5), 0), (F(2, 3), F(1, 3))),
                ((0, T3, 2 * T3), (T3, 2 * T3)),
            ],
            degenerate=False,
        ),
        id="von-stengel-2007-3x2",
    ),
    pytest.param(
        Case(
            # B's top row is (3, 3): against the top row both columns are best responses, and
            # the top row stays a best response while y_2 <= 1/3: a segment of equilibria.
            a=[[3, 3], [2, 5], [0, 6]],
            b=[[3, 3], [2, 6], [3, 1]],
            equilibria=[
                ((1, 0, 0), (1, 0)),
                ((1, 0, 0), (F(2, 3), F(1, 3))),
                ((0, T3, 2 * T3), (T3, 2 * T3)),
            ],
            degenerate=True,
            components=[[0, 1], [2]],
        ),
        id="avis-et-al-2010-degenerate-3x2",
    ),
    pytest.param(
        Case(
            # The bottom row has two best responses; it stays a best response while
            # y_2 <= 1/3. Rows 1 and 2 are both best against y = (1/3, 2/3).
            a=[[0, 6], [2, 5], [3, 3]],
            b=[[1, 0], [0, 2], [4, 4]],
            equilibria=[
                ((0, 0, 1), (1, 0)),
                ((0, 0, 1), (F(2, 3), F(1, 3))),
                ((F(2, 3), T3, 0), (T3, F(2, 3))),
            ],
            degenerate=True,
            components=[[0, 1], [2]],
        ),
        id="nisan-et-al-2007-degenerate-3x2",
    ),
    pytest.param(
        Case(
            # Row wants to match Column; Column wants to be one step ahead of Row. No pure
            # equilibrium; the uniform profile is the only equilibrium.
            a=[[1, 0, 0], [0, 1, 0], [0, 0, 1]],
            b=[[0, 1, 0], [0, 0, 1], [1, 0, 0]],
            equilibria=[((T3, T3, T3), (T3, T3, T3))],
            degenerate=False,
        ),
        id="shapley-1964-3x3",
    ),
    pytest.param(
        Case(
            a=[[0, -1, 1], [1, 0, -1], [-1, 1, 0]],
            b=[[0, 1, -1], [-1, 0, 1], [1, -1, 0]],
            equilibria=[((T3, T3, T3), (T3, T3, T3))],
            degenerate=False,
        ),
        id="rock-paper-scissors",
    ),
    pytest.param(
        Case(
            a=[[1, -1], [-1, 1]],
            b=[[-1, 1], [1, -1]],
            equilibria=[((H, H), (H, H))],
            degenerate=False,
        ),
        id="matching-pennies",
    ),
    pytest.param(
        Case(
            a=[[2, 0], [0, 1]],
            b=[[1, 0], [0, 2]],
            equilibria=[((1, 0), (1, 0)), ((F(2, 3), T3), (T3, F(2, 3))), ((0, 1), (0, 1))],
            degenerate=False,
        ),
        id="battle-of-the-sexes",
    ),
    pytest.param(
        Case(
            a=[[3, 0], [5, 1]],
            b=[[3, 5], [0, 1]],
            equilibria=[((0, 1), (0, 1))],
            degenerate=False,
        ),
        id="prisoners-dilemma",
    ),
    pytest.param(
        Case(
            a=[[4, 0], [3, 3]],
            b=[[4, 3], [0, 3]],
            equilibria=[
                ((1, 0), (1, 0)),
                ((F(3, 4), F(1, 4)), (F(3, 4), F(1, 4))),
                ((0, 1), (0, 1)),
            ],
            degenerate=False,
        ),
        id="stag-hunt",
    ),
    pytest.param(
        Case(
            # Pure coordination on three strategies: for every non-empty set S of strategies,
            # both players mixing uniformly on S is an equilibrium (7 in all).
            a=[[1, 0, 0], [0, 1, 0], [0, 0, 1]],
            b=[[1, 0, 0], [0, 1, 0], [0, 0, 1]],
            equilibria=[
                (_pure(3, 0), _pure(3, 0)),
                (_pure(3, 1), _pure(3, 1)),
                (_pure(3, 2), _pure(3, 2)),
                ((H, H, 0), (H, H, 0)),
                ((H, 0, H), (H, 0, H)),
                ((0, H, H), (0, H, H)),
                ((T3, T3, T3), (T3, T3, T3)),
            ],
            degenerate=False,
        ),
        id="coordination-3x3",
    ),
    pytest.param(
        Case(
            # Column is indifferent everywhere; Row's top row is best while y_2 <= 1/2, the
            # bottom one while y_2 >= 1/2. The set is {T} x [c1, h] u conv(T, B) x {h}
            # u {B} x [h, c2] with h = (1/2, 1/2): one component, three maximal Nash subsets.
            a=[[1, 1], [0, 2]],
            b=[[1, 1], [1, 1]],
            equilibria=[
                ((1, 0), (1, 0)),
                ((1, 0), (H, H)),
                ((0, 1), (H, H)),
                ((0, 1), (0, 1)),
            ],
            degenerate=True,
            components=[[0, 1, 2, 3]],
            nash_subsets=[[0, 1], [1, 2], [2, 3]],
        ),
        id="continuum-three-nash-subsets",
    ),
    pytest.param(
        Case(
            # The top row and the left column are weakly dominant: every (T, y) and every
            # (x, L) is an equilibrium, an "L"-shaped component that is not convex.
            a=[[1, 1], [1, 0]],
            b=[[1, 1], [1, 0]],
            equilibria=[((1, 0), (1, 0)), ((1, 0), (0, 1)), ((0, 1), (1, 0))],
            degenerate=True,
            components=[[0, 1, 2]],
            nash_subsets=[[0, 1], [0, 2]],
        ),
        id="l-shaped-component",
    ),
    pytest.param(
        Case(
            # Two coordination blocks, each with a duplicated column. Components:
            # {T} x conv(c1, c2), {B} x conv(c3, c4), and x = (1/2, 1/2) with every y putting
            # 1/2 on each block (a square with four extreme points).
            a=[[1, 1, 0, 0], [0, 0, 1, 1]],
            b=[[1, 1, 0, 0], [0, 0, 1, 1]],
            equilibria=[
                ((1, 0), _pure(4, 0)),
                ((1, 0), _pure(4, 1)),
                ((H, H), (H, 0, H, 0)),
                ((H, H), (H, 0, 0, H)),
                ((H, H), (0, H, H, 0)),
                ((H, H), (0, H, 0, H)),
                ((0, 1), _pure(4, 2)),
                ((0, 1), _pure(4, 3)),
            ],
            degenerate=True,
            components=[[0, 1], [2, 3, 4, 5], [6, 7]],
        ),
        id="three-continuum-components",
    ),
    pytest.param(
        Case(
            # Nothing is at stake: every profile is an equilibrium; the extreme ones are the
            # pure profiles, forming one component and one Nash subset.
            a=[[0, 0, 0], [0, 0, 0]],
            b=[[0, 0, 0], [0, 0, 0]],
            equilibria=[(_pure(2, i), _pure(3, j)) for i in range(2) for j in range(3)],
            degenerate=True,
            components=[[0, 1, 2, 3, 4, 5]],
        ),
        id="all-zero-2x3",
    ),
    pytest.param(
        Case(
            # A strictly dominant row against a column player with a tie: a segment.
            a=[[2, 2], [1, 1]],
            b=[[0, 0], [1, 0]],
            equilibria=[((1, 0), (1, 0)), ((1, 0), (0, 1))],
            degenerate=True,
            components=[[0, 1]],
        ),
        id="dominant-row-indifferent-column",
    ),
    pytest.param(
        Case(a=[[5]], b=[[-5]], equilibria=[((1,), (1,))], degenerate=False),
        id="one-by-one",
    ),
]


def _as_fractions(profile) -> tuple:
    return tuple(tuple(F(p) for p in sigma) for sigma in profile)


@pytest.mark.parametrize("case", CASES)
def test_literature_game(case: Case):
    game = Game.from_arrays(case.a, case.b)
    result = solve(game, "exact")
    expected = [_as_fractions(eq) for eq in case.equilibria]
    assert len(set(expected)) == len(expected)  # the table itself lists each once

    found = [eq.profile for eq in result.equilibria]
    assert len(found) == len(set(found)), "an extreme equilibrium is listed twice"
    assert set(found) == set(expected)
    # The table agrees with the independent brute-force reference too.
    assert reference_extreme_equilibria(game) == set(expected)

    for eq in result.equilibria:
        assert eq.regret == 0 and game.regret(eq.profile) == 0
        assert eq.payoffs == game.expected_payoffs(eq.profile)

    singletons = [[k] for k in range(len(expected))]
    components = case.components or singletons
    subsets = case.nash_subsets or components
    as_sets = lambda groups: {frozenset(expected[k] for k in g) for g in groups}  # noqa: E731
    got_components = {frozenset(found[k] for k in c.equilibria) for c in result.components}
    got_subsets = {
        frozenset(found[k] for k in s) for c in result.components for s in c.nash_subsets
    }
    assert got_components == as_sets(components)
    assert got_subsets == as_sets(subsets)
    assert brute_force_components(set(expected)) == (as_sets(components), as_sets(subsets))

    assert is_degenerate(game) == case.degenerate
    assert result.status == ("degenerate" if case.degenerate else "ok")
    assert result.exact and result.complete


def test_components_refer_to_equilibria_of_their_own_component():
    # Each Nash subset lies inside its component, and X x Y of a subset are all equilibria.
    game = Game.from_arrays([[1, 1, 0, 0], [0, 0, 1, 1]], [[1, 1, 0, 0], [0, 0, 1, 1]])
    result = solve(game)
    profiles = {eq.profile for eq in result.equilibria}
    for component in result.components:
        for subset in component.nash_subsets:
            assert set(subset) <= set(component.equilibria)
            xs = {result.equilibria[k].profile[0] for k in subset}
            ys = {result.equilibria[k].profile[1] for k in subset}
            assert {(x, y) for x in xs for y in ys} <= profiles
            assert len(subset) == len(xs) * len(ys)


def test_order_is_deterministic():
    game = Game.from_arrays([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    first = solve(game).to_dict()
    assert solve(game).to_dict() == first
    rows = [eq["strategies"]["Row"] for eq in first["equilibria"]]
    assert rows == [{"1": "1", "2": "0"}, {"1": "2/3", "2": "1/3"}, {"1": "0", "2": "1"}]
