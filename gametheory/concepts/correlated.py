"""Correlated and coarse correlated equilibria, exactly: optimal ones and the polytope's vertices.

Definitions (Aumann, 1974; Moulin and Vial, 1978)
-------------------------------------------------
A *correlated equilibrium* (CE) is a probability distribution :math:`p` over the pure profiles
:math:`S = S_1 \\times \\dots \\times S_N` such that no player, told its own component
:math:`s_i` of a profile drawn from :math:`p` by a mediator, gains by playing another strategy
:math:`t_i` instead:

.. math::

    \\sum_{s_{-i}} p(s_i, s_{-i}) \\, [u_i(s_i, s_{-i}) - u_i(t_i, s_{-i})] \\ge 0
    \\quad \\text{for every player } i \\text{ and } s_i \\ne t_i .

A *coarse correlated equilibrium* (CCE) asks less: no player gains by committing, before the
draw, to one strategy :math:`t_i` whatever it is told,
:math:`\\sum_s p(s) [u_i(s) - u_i(t_i, s_{-i})] \\ge 0`. Every Nash equilibrium (as the product
of its mixed strategies) is a CE, and every CE is a CCE. These *incentive constraints* are
linear in :math:`p`: the CEs (and the CCEs) form a polytope, defined for any number of players.

Methods
-------
*Optimal equilibria.* A linear objective (the sum of the payoffs, or one player's payoff) is
maximised over the polytope by linear programming: HiGHS (scipy) in floating point, then the
basic optimal solution is made exact (:mod:`gametheory.algorithms._exact_lp`), and its
optimality is *certified* by an exact dual solution of equal value (LP duality). Ties are
broken by a second objective (the welfare, for a player's best equilibrium), fixed the same
way. If a certificate cannot be found, the vertices (below) give the exact optimum.

*Vertices.* The polytope is the cone :math:`\\{p \\ge 0, G p \\ge 0\\}` (G: the incentive
constraints) cut by :math:`\\sum_s p(s) = 1`; its vertices are the cone's extreme rays, scaled
to sum to one. They are enumerated exactly by the double description method (Motzkin et al.,
1953; Fukuda and Prodon, 1996) on primitive integer rays, with the combinatorial adjacency
test. This is our own short enumerator: :mod:`gametheory.algorithms._polytope` enumerates
polytopes :math:`\\{z \\ge 0, C z \\le 1\\}` with a positive :math:`C`, which contain the
origin; a cone with constraints of both signs is not of that form.

Examples
--------
Aumann's (1974) game of chicken: the mediator's 1/3, 1/3, 1/3 lottery over (swerve, swerve),
(swerve, straight) and (straight, swerve) is a CE; the best one for the sum of the payoffs puts
1/2 on (swerve, swerve).

>>> from gametheory import Game
>>> g = Game.from_arrays([[6, 2], [7, 0]], [[6, 7], [2, 0]],
...                      strategies=(("swerve", "straight"), ("swerve", "straight")))
>>> ce = welfare_maximizing(g)
>>> [(profile, str(p)) for profile, p in ce.support()]
[(('swerve', 'swerve'), '1/2'), (('swerve', 'straight'), '1/4'), (('straight', 'swerve'), '1/4')]
>>> [str(u) for u in ce.payoffs]
['21/4', '21/4']
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from .._display import Displayed
from ..errors import GameValueError
from ..game import Game
from ..numbers import format_fraction
from ._correlated_exact import extreme_rays, integer_row, lexicographic_maximum

__all__ = [
    "CorrelatedEquilibrium",
    "CorrelatedResult",
    "best_for_player",
    "correlated_equilibria",
    "correlated_vertices",
    "incentive_constraints",
    "is_correlated_equilibrium",
    "welfare_maximizing",
]

#: Largest number of pure profiles for which the vertices are enumerated by default.
MAX_VERTEX_PROFILES = 16
#: The enumeration stops (vertices not given) when it holds more rays than this, or has done
#: more than 200 times as many adjacency tests.
MAX_RAYS = 20000


@dataclass(frozen=True)
class CorrelatedEquilibrium:
    """A correlated (or coarse correlated) equilibrium: a distribution over pure profiles.

    Attributes
    ----------
    players : tuple of str
    strategies : tuple of tuple of str
    distribution : tuple of Fraction
        The probability of every pure profile, in the lexicographic order of
        :meth:`gametheory.Game.pure_profiles`; exact, non-negative, summing to one.
    payoffs : tuple of Fraction
        Each player's expected payoff.
    coarse : bool
        True for a coarse correlated equilibrium.
    """

    players: tuple[str, ...]
    strategies: tuple[tuple[str, ...], ...]
    distribution: tuple[Fraction, ...]
    payoffs: tuple[Fraction, ...]
    coarse: bool = False

    @property
    def welfare(self) -> Fraction:
        """The sum of the players' expected payoffs."""
        return sum(self.payoffs, Fraction(0))

    def support(self) -> list[tuple[tuple[str, ...], Fraction]]:
        """The profiles (labels) with positive probability, and their probabilities, in order."""
        shape = tuple(len(s) for s in self.strategies)
        out = []
        for index, p in zip(np.ndindex(*shape), self.distribution, strict=True):
            if p > 0:
                out.append((tuple(self.strategies[i][j] for i, j in enumerate(index)), p))
        return out

    def to_dict(self, write: Any = format_fraction) -> dict[str, Any]:
        """The JSON form (contract): ``distribution`` (list of ``{profile, probability}``,
        profiles with positive probability only) and ``payoffs`` (player -> exact string)."""
        return {
            "distribution": [
                {"profile": list(profile), "probability": write(p)}
                for profile, p in self.support()
            ],
            "payoffs": {
                player: write(u) for player, u in zip(self.players, self.payoffs, strict=True)
            },
        }


@dataclass(frozen=True)
class CorrelatedResult(Displayed):
    """What :func:`correlated_equilibria` found.

    Attributes
    ----------
    game : Game
    coarse : bool
        True for coarse correlated equilibria.
    welfare_maximizing : CorrelatedEquilibrium
        One maximising the sum of the payoffs. When the vertices are known and several are
        optimal, the centre (barycentre) of the optimal vertices; else the LP's vertex.
    best_for : tuple of CorrelatedEquilibrium
        For each player, one maximising that player's payoff; ties broken by the welfare, then
        as for ``welfare_maximizing``.
    vertices : tuple of CorrelatedEquilibrium or None
        The vertices of the polytope, sorted by decreasing welfare then by distribution; None
        when not enumerated (too many profiles or rays: see ``message``).
    welfare_unique : bool or None
        Whether the welfare-maximising equilibrium is unique (None when the vertices are not
        known).
    certified : str
        How the welfare optimum was proved: ``"duality"`` (an exact dual solution of equal
        value) or ``"vertices"`` (the best of every vertex). When the vertices are enumerated
        (exact and complete) each player's best is read from them; else it is certified by
        duality too.
    message : str
    """

    def __repr__(self) -> str:
        return self._report_text()

    def _report(self, format: str) -> str:
        from ..report import format_correlated  # what the command line prints

        return format_correlated(self, format)

    game: Game
    coarse: bool
    welfare_maximizing: CorrelatedEquilibrium
    best_for: tuple[CorrelatedEquilibrium, ...]
    vertices: tuple[CorrelatedEquilibrium, ...] | None
    welfare_unique: bool | None
    certified: str
    message: str = ""

    def to_dict(self, write: Any = format_fraction) -> dict[str, Any]:
        """The JSON form: ``welfare_maximizing`` and, per player, ``best_for`` (contract)."""
        return {
            "game": self.game.title,
            "players": list(self.game.players),
            "concept": "coarse correlated equilibrium" if self.coarse else "correlated equilibrium",
            "exact": True,
            "certified": self.certified,
            "welfare_maximizing": {
                **self.welfare_maximizing.to_dict(write),
                "welfare": write(self.welfare_maximizing.welfare),
                "unique": self.welfare_unique,
            },
            "best_for": {
                player: ce.to_dict(write)
                for player, ce in zip(self.game.players, self.best_for, strict=True)
            },
            "vertices": None
            if self.vertices is None
            else [ce.to_dict(write) for ce in self.vertices],
            "message": self.message,
        }


# --------------------------------------------------------------------------- constraints
def incentive_constraints(
    game: Game, coarse: bool = False
) -> list[tuple[int, int | None, int, tuple[Fraction, ...]]]:
    """The incentive constraints ``row . p >= 0`` of the CE (or CCE) polytope.

    Parameters
    ----------
    game : Game
        Any number of players.
    coarse : bool
        False: one constraint per player ``i``, recommended ``s_i`` and deviation ``t_i != s_i``.
        True: one per player and deviation ``t_i`` (the recommendation is ignored).

    Returns
    -------
    list of (player, recommended, deviation, row)
        ``recommended`` is None for coarse constraints; ``row`` has one exact coefficient per
        pure profile (lexicographic order): the gain of obeying over deviating there.

    Examples
    --------
    >>> g = Game.from_arrays([[1, 0], [0, 1]], [[1, 0], [0, 1]])
    >>> [(i, s, t, [str(v) for v in row]) for i, s, t, row in incentive_constraints(g)][:2]
    [(0, 0, 1, ['1', '-1', '0', '0']), (0, 1, 0, ['0', '0', '-1', '1'])]
    """
    out = []
    for i, payoff in enumerate(game.payoffs):
        k = game.shape[i]
        for t in range(k):
            # deviation[s] = u_i(t, s_-i): the payoff array with axis i replaced by t.
            deviation = np.broadcast_to(np.take(payoff, [t], axis=i), payoff.shape)
            gain = payoff - deviation
            if coarse:
                out.append((i, None, t, tuple(Fraction(v) for v in gain.reshape(-1))))
                continue
            for s in range(k):
                if s == t:
                    continue
                mask = np.zeros(payoff.shape, dtype=bool)
                np.moveaxis(mask, i, 0)[s] = True
                row = np.where(mask, gain, Fraction(0))
                out.append((i, s, t, tuple(Fraction(v) for v in row.reshape(-1))))
    if not coarse:
        out.sort(key=lambda c: (c[0], c[1], c[2]))
    return out


def is_correlated_equilibrium(game: Game, distribution: Any, coarse: bool = False) -> bool:
    """True exactly when a distribution over pure profiles is a (coarse) correlated equilibrium.

    Parameters
    ----------
    game : Game
    distribution : sequence of numbers
        One probability per pure profile, in lexicographic order.
    coarse : bool

    Raises
    ------
    GameValueError
        If the distribution has the wrong length, a negative entry, or does not sum to one.
    """
    p = _distribution(game, distribution)
    return all(_dot(row, p) >= 0 for *_, row in incentive_constraints(game, coarse))


def _distribution(game: Game, distribution: Any) -> tuple[Fraction, ...]:
    from ..numbers import to_fraction

    p = tuple(to_fraction(v, where="distribution") for v in distribution)
    if len(p) != math.prod(game.shape):
        raise GameValueError(
            f"a distribution has one probability per pure profile ({math.prod(game.shape)}), "
            f"got {len(p)}", key="distribution",
        )
    if any(v < 0 for v in p) or sum(p) != 1:
        raise GameValueError("not a probability distribution", key="distribution")
    return p


def _dot(row: Any, p: Any) -> Fraction:
    return sum((a * b for a, b in zip(row, p, strict=True) if a and b), Fraction(0))


def _equilibrium(game: Game, p: tuple[Fraction, ...], coarse: bool) -> CorrelatedEquilibrium:
    payoffs = tuple(_dot([Fraction(v) for v in u.reshape(-1)], p) for u in game.payoffs)
    return CorrelatedEquilibrium(game.players, game.strategies, p, payoffs, coarse)


# --------------------------------------------------------------------------- optimisation
def _objectives(game: Game) -> tuple[list[Fraction], list[list[Fraction]]]:
    per_player = [[Fraction(v) for v in u.reshape(-1)] for u in game.payoffs]
    welfare = [sum(column, Fraction(0)) for column in zip(*per_player, strict=True)]
    return welfare, per_player


def welfare_maximizing(game: Game, coarse: bool = False) -> CorrelatedEquilibrium:
    """A (coarse) correlated equilibrium maximising the sum of the payoffs, exact and certified.

    Parameters
    ----------
    game : Game
        Any number of players.
    coarse : bool
        Coarse correlated equilibria instead.

    Returns
    -------
    CorrelatedEquilibrium
        A vertex of the polytope; its optimality is certified by LP duality, exactly (or, if
        no certificate is found, by comparing every vertex).

    References
    ----------
    R. J. Aumann (1974), Subjectivity and correlation in randomized strategies, *Journal of
    Mathematical Economics* 1, 67-96. C. H. Papadimitriou and T. Roughgarden (2008), Computing
    correlated equilibria in multi-player games, *Journal of the ACM* 55(3), section 1.
    """
    return correlated_equilibria(game, coarse=coarse, vertices=False).welfare_maximizing


def best_for_player(game: Game, player: str | int, coarse: bool = False) -> CorrelatedEquilibrium:
    """A (coarse) correlated equilibrium best for one player (ties: the highest welfare).

    Raises
    ------
    GameValueError
        For an unknown player.
    """
    i = game.player_index(player)
    return correlated_equilibria(game, coarse=coarse, vertices=False).best_for[i]


def correlated_equilibria(
    game: Game, coarse: bool = False, vertices: bool | None = None
) -> CorrelatedResult:
    """The welfare-maximising and each player's best (coarse) correlated equilibrium, exactly.

    Parameters
    ----------
    game : Game
        Any number of players.
    coarse : bool
        Coarse correlated equilibria instead of correlated ones.
    vertices : bool or None
        Enumerate the vertices of the polytope: True, False, or None (default) for games with
        at most :data:`MAX_VERTEX_PROFILES` pure profiles.

    Returns
    -------
    CorrelatedResult
        Every equilibrium in it satisfies the incentive constraints exactly (checked).

    Raises
    ------
    GameValueError
        Never for a valid game; the linear programs are always feasible (a Nash equilibrium
        is a correlated one) and bounded.

    References
    ----------
    Aumann (1974); H. Moulin and J.-P. Vial (1978), Strategically zero-sum games,
    *International Journal of Game Theory* 7, 201-221 (coarse correlated equilibria);
    K. Fukuda and A. Prodon (1996), Double description method revisited (vertices).

    Examples
    --------
    The battle of the sexes: a fair coin between the two pure equilibria maximises the welfare.

    >>> from gametheory import Game
    >>> r = correlated_equilibria(Game.from_arrays([[2, 0], [0, 1]], [[1, 0], [0, 2]]))
    >>> [str(p) for p in r.welfare_maximizing.distribution], r.welfare_unique
    (['1/2', '0', '0', '1/2'], False)
    >>> [[str(p) for p in ce.distribution] for ce in r.best_for]
    [['1', '0', '0', '0'], ['0', '0', '0', '1']]
    >>> len(r.vertices)
    5
    """
    rows = [row for *_, row in incentive_constraints(game, coarse)]
    welfare, per_player = _objectives(game)
    d = math.prod(game.shape)
    enumerate_them = d <= MAX_VERTEX_PROFILES if vertices is None else vertices
    found = _enumerate(game, rows, coarse, MAX_RAYS) if enumerate_them else None
    message = ""
    if enumerate_them and found is None:
        message = "vertices not enumerated: the enumeration passed its work limit"
    elif vertices is None and not enumerate_them:
        message = (
            f"vertices not enumerated: {d} pure profiles, more than {MAX_VERTEX_PROFILES}"
        )

    # The LP gives the optimum (certified by duality). With the vertices, which are exact
    # and complete, each player's best is read from them, and a tie is resolved by the centre
    # of the optimal face (treating the optimal vertices alike) whatever vertex HiGHS returned.
    best = lexicographic_maximum(d, rows, [welfare])
    certified = "duality" if best is not None else "vertices"
    if found is None and best is None:
        found = _enumerate(game, rows, coarse, limit=None)
    if found is None:
        mine = [lexicographic_maximum(d, rows, [u, welfare]) for u in per_player]
        if any(z is None for z in mine):  # pragma: no cover - HiGHS failed: enumerate
            found = _enumerate(game, rows, coarse, limit=None)
            certified = "vertices"
    unique = None
    if found is not None:
        top = max(ce.welfare for ce in found)
        if best is not None and _dot(welfare, best) != top:  # pragma: no cover
            raise AssertionError("the certified LP optimum differs from the best vertex")
        optimal = [ce for ce in found if ce.welfare == top]
        unique = len(optimal) == 1
        best = _centre(optimal)
        mine = []
        for i in range(game.n_players):
            key = max((ce.payoffs[i], ce.welfare) for ce in found)
            mine.append(_centre([ce for ce in found if (ce.payoffs[i], ce.welfare) == key]))
    result = CorrelatedResult(
        game=game,
        coarse=coarse,
        welfare_maximizing=_equilibrium(game, best, coarse),
        best_for=tuple(_equilibrium(game, z, coarse) for z in mine),
        vertices=found,
        welfare_unique=unique,
        certified=certified,
        message=message,
    )
    for ce in (result.welfare_maximizing, *result.best_for, *(found or ())):
        if not all(_dot(row, ce.distribution) >= 0 for row in rows):  # pragma: no cover
            raise AssertionError("a computed correlated equilibrium fails its constraints")
    return result


def _centre(vertices: list[CorrelatedEquilibrium]) -> tuple[Fraction, ...]:
    """The barycentre of some vertices: in the polytope, and optimal if they all are."""
    n = len(vertices)
    return tuple(sum(column, Fraction(0)) / n
                 for column in zip(*(v.distribution for v in vertices), strict=True))


# --------------------------------------------------------------------------- vertices
def correlated_vertices(game: Game, coarse: bool = False) -> tuple[CorrelatedEquilibrium, ...]:
    """Every vertex of the (coarse) correlated-equilibrium polytope, exactly.

    There is no work limit here (unlike :func:`correlated_equilibria`): the number of vertices
    can grow exponentially, and some 4x4 games already have hundreds.

    Returns
    -------
    tuple of CorrelatedEquilibrium
        Sorted by decreasing welfare, then by decreasing probabilities.

    Examples
    --------
    Matching pennies has a single correlated equilibrium, the uniform distribution:

    >>> from gametheory import Game
    >>> [[str(p) for p in v.distribution] for v in correlated_vertices(
    ...     Game.from_arrays([[1, -1], [-1, 1]]))]
    [['1/4', '1/4', '1/4', '1/4']]
    """
    rows = [row for *_, row in incentive_constraints(game, coarse)]
    return _enumerate(game, rows, coarse, limit=None)


def _enumerate(
    game: Game, rows: list, coarse: bool, limit: int | None
) -> tuple[CorrelatedEquilibrium, ...] | None:
    rays = extreme_rays([integer_row(row) for row in rows], math.prod(game.shape), limit)
    if rays is None:
        return None
    found = []
    for ray in rays:
        total = sum(ray)
        found.append(_equilibrium(game, tuple(Fraction(v, total) for v in ray), coarse))
    found.sort(key=lambda ce: (-ce.welfare, tuple(-p for p in ce.distribution)))
    return tuple(found)
