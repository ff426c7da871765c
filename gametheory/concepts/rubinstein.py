"""Rubinstein's alternating-offers bargaining: subgame-perfect shares and their limit.

Definitions
-----------
Two players alternate proposals, one per period, over an infinite horizon; player :math:`i`
discounts each period's delay by :math:`\\delta_i \\in (0, 1)`. Splitting a pie of size one,
the unique subgame-perfect equilibrium (SPE) gives the first mover :math:`i` the share

.. math:: x_i = \\frac{1 - \\delta_j}{1 - \\delta_i \\delta_j}, \\qquad
   x_j = \\frac{\\delta_j (1 - \\delta_i)}{1 - \\delta_i \\delta_j}

and is accepted at once (Rubinstein 1982; Osborne and Rubinstein 1994, Proposition 122.1).

Over a game's bargaining set (:mod:`.bargaining`: the feasible set above the disagreement point
:math:`d`, with free disposal) the stationary SPE proposals :math:`x` (by player 1) and
:math:`y` (by player 2) are the points of the Pareto frontier with
:math:`y_1 - d_1 = \\delta_1 (x_1 - d_1)` and :math:`x_2 - d_2 = \\delta_2 (y_2 - d_2)`: each
responder is indifferent between accepting and proposing next period (Binmore, Rubinstein and
Wolinsky 1986). On a piecewise-linear frontier both conditions are linear between breakpoints,
so the SPE payoffs are exact.

When the period length :math:`\\Delta` shrinks with :math:`\\delta_i = e^{-r_i \\Delta}`, the SPE
converges to the Nash bargaining solution with weights :math:`w_i = 1 / r_i`, i.e. player 1's
weight share :math:`\\ln \\delta_2 / (\\ln \\delta_1 + \\ln \\delta_2)` (Binmore, Rubinstein and
Wolinsky 1986; Osborne and Rubinstein 1994, Section 15.4).

References
----------
Rubinstein, A. (1982). Perfect equilibrium in a bargaining model. *Econometrica* 50, 97-109.
Binmore, K., Rubinstein, A. and Wolinsky, A. (1986). The Nash bargaining solution in economic
modelling. *RAND Journal of Economics* 17, 176-188.
Osborne, M. J. and Rubinstein, A. (1994). *A Course in Game Theory*, MIT Press, Chapter 7 and
Section 15.4.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from .._display import Displayed
from ..errors import GameValueError
from ..game import Game
from ..numbers import format_fraction, to_fraction
from ._polygon import clip_below, pareto_frontier, upper_boundary
from .bargaining import (
    Disagreement,
    decimal_text,
    disagreement_point,
    exact_text,
    feasible_set,
    nash_point,
)

__all__ = ["RubinsteinResult", "rubinstein", "rubinstein_shares"]

Point = tuple[Any, Any]


def discount_symbol(player: str) -> Any:
    """The sympy symbol for a player's discount factor: ``delta_<name>``."""
    import sympy

    name = re.sub(r"\W+", "_", player).strip("_") or "player"
    return sympy.Symbol(f"delta_{name}", positive=True)


def rubinstein_shares(first: int, delta: Sequence[Any]) -> tuple[Any, Any]:
    """The SPE shares of a unit pie when player ``first`` (0 or 1) proposes first.

    Examples
    --------
    >>> import sympy
    >>> d1, d2 = sympy.symbols("delta_1 delta_2")
    >>> rubinstein_shares(0, (d1, d2))
    ((1 - delta_2)/(-delta_1*delta_2 + 1), delta_2*(1 - delta_1)/(-delta_1*delta_2 + 1))
    >>> rubinstein_shares(1, (Fraction(1, 2), Fraction(1, 2)))
    (Fraction(1, 3), Fraction(2, 3))
    """
    i, j = first, 1 - first
    proposer = (1 - delta[j]) / (1 - delta[i] * delta[j])
    responder = delta[j] * (1 - delta[i]) / (1 - delta[i] * delta[j])
    return (proposer, responder) if first == 0 else (responder, proposer)


@dataclass(frozen=True)
class RubinsteinResult(Displayed):
    """Alternating offers over a two-player game.

    Attributes
    ----------
    game : Game
    first : int
        The first mover reported in ``shares`` and ``payoffs``.
    discounts : tuple
        Each player's discount factor: a Fraction, or a sympy symbol when not given.
    disagreement : Disagreement
    shares : dict of int to tuple
        Per first mover: the SPE shares of a unit pie (closed forms in the discounts).
    payoffs : dict of int to tuple, or None
        Per first mover: the exact SPE payoffs over the game's bargaining set (needs numeric
        discount factors).
    limit_share : sympy expression
        Player 1's share in the limit of frequent offers: ln d2 / (ln d1 + ln d2).
    limit_payoffs : tuple or None
        The weighted Nash solution that the SPE payoffs converge to (exact, sympy).
    """

    def __repr__(self) -> str:
        return self._report_text()

    def _report(self, format: str) -> str:
        from ..report import format_rubinstein  # what the command line prints

        return format_rubinstein(self, format)

    game: Game
    first: int
    discounts: tuple[Any, Any]
    disagreement: Disagreement
    shares: dict[int, tuple[Any, Any]]
    payoffs: dict[int, tuple[Any, Any]] | None
    limit_share: Any
    limit_payoffs: tuple[Any, Any] | None

    def to_dict(self, decimals: int = 6) -> dict[str, Any]:
        """The JSON form (contract: ``shares``, player -> sympy-readable expression)."""
        players = self.game.players

        def by_player(values: Sequence[Any]) -> dict[str, str]:
            return {p: exact_text(v) for p, v in zip(players, values, strict=True)}

        def decimal(values: Sequence[Any]) -> dict[str, str]:
            return {p: decimal_text(v, decimals) for p, v in zip(players, values, strict=True)}

        out: dict[str, Any] = {
            "solution": "rubinstein",
            "first_mover": players[self.first],
            "discount_factors": by_player(self.discounts),
            "disagreement": {
                p: format_fraction(v)
                for p, v in zip(players, self.disagreement.payoffs, strict=True)
            },
            "disagreement_source": self.disagreement.source,
            "shares": by_player(self.shares[self.first]),
            "shares_by_first_mover": {players[k]: by_player(v) for k, v in self.shares.items()},
            "payoffs": None,
            "payoffs_decimal": None,
            "payoffs_by_first_mover": None,
            "limit": {
                "share": {players[0]: exact_text(self.limit_share),
                          players[1]: exact_text(1 - self.limit_share)},
                "payoffs": None if self.limit_payoffs is None else by_player(self.limit_payoffs),
                "payoffs_decimal": None if self.limit_payoffs is None
                else decimal(self.limit_payoffs),
            },
            "exact": True,
        }
        if self.payoffs is not None:
            out["payoffs"] = by_player(self.payoffs[self.first])
            out["payoffs_decimal"] = decimal(self.payoffs[self.first])
            out["payoffs_by_first_mover"] = {
                players[k]: by_player(v) for k, v in self.payoffs.items()
            }
        return out


def _spe(frontier: Sequence[Point], d: Point, delta: Sequence[Fraction]) -> tuple[Point, Point]:
    """The SPE proposals (player 1's, player 2's) on a frontier, exactly."""
    if len(frontier) == 1:
        return frontier[0], frontier[0]
    d1, d2 = d
    top = frontier[0][0]

    def f(u1: Fraction) -> Fraction:
        return upper_boundary(frontier, u1)

    def g(a: Fraction) -> Fraction:
        return f(a) - d2 - delta[1] * (f(d1 + delta[0] * (a - d1)) - d2)

    cuts = {d1, top} | {p[0] for p in frontier}
    if delta[0] > 0:
        cuts |= {d1 + (p[0] - d1) / delta[0] for p in frontier}
    points = sorted(c for c in cuts if d1 <= c <= top)
    a = top
    if g(top) < 0:
        # g is non-increasing (the frontier is concave) and g(d1) >= 0: find its root.
        for lo, hi in itertools.pairwise(points):
            if g(lo) >= 0 > g(hi):
                a = lo + g(lo) * (hi - lo) / (g(lo) - g(hi))
                break
    b = d1 + delta[0] * (a - d1)
    return (a, f(a)), (b, f(b))


def _discounts(game: Game, discounts: Mapping[str, Any] | None) -> tuple[Any, Any]:
    values: list[Any] = [discount_symbol(p) for p in game.players]
    for name, value in (discounts or {}).items():
        i = game.player_index(name)
        number = to_fraction(value, where=f"discount {game.players[i]}")
        if not 0 < number < 1:
            raise GameValueError(
                f"a discount factor lies strictly between 0 and 1, got {format_fraction(number)}",
                key=f"discount {game.players[i]}",
            )
        values[i] = number
    return values[0], values[1]


def rubinstein(
    game: Game,
    discounts: Mapping[str, Any] | None = None,
    disagreement: str | Sequence[Any] | Disagreement | None = None,
    first: str | int = 0,
) -> RubinsteinResult:
    """Rubinstein's alternating offers over a two-player game, exactly.

    Parameters
    ----------
    game : Game
        A two-player game.
    discounts : mapping of player to number, optional
        Discount factors in (0, 1). A player left out keeps a symbol ``delta_<name>``; the
        SPE payoffs over the game need both.
    disagreement : optional
        As in :func:`.bargaining.disagreement_point` (default: the security levels).
    first : str or int, optional
        The first mover reported in ``shares`` (both are computed).

    Returns
    -------
    RubinsteinResult

    Raises
    ------
    GameValueError
        For a game without two players, an unknown player, a discount factor outside (0, 1),
        or a bad disagreement point.

    Examples
    --------
    >>> g = Game.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> r = rubinstein(g, {"Row": "9/10", "Column": "9/10"})
    >>> r.shares[0], r.payoffs[0]
    ((Fraction(10, 19), Fraction(9, 19)), (Fraction(37, 12), Fraction(23, 8)))
    """
    import sympy

    feasible = feasible_set(game)
    d = disagreement if isinstance(disagreement, Disagreement) else disagreement_point(
        game, disagreement
    )
    delta = _discounts(game, discounts)
    first_index = game.player_index(first)
    shares = {k: rubinstein_shares(k, delta) for k in (0, 1)}
    if not all(isinstance(x, Fraction) for x in delta):
        shares = {k: tuple(sympy.simplify(x) for x in v) for k, v in shares.items()}
    ln = [sympy.log(sympy.Rational(x.numerator, x.denominator)) if isinstance(x, Fraction)
          else sympy.log(x) for x in delta]
    limit_share = ln[1] / (ln[0] + ln[1])
    polygon = clip_below(feasible, d.payoffs)
    if not polygon:
        raise GameValueError(
            "no feasible payoff gives both players at least the disagreement point",
            key="disagreement",
        )
    frontier = pareto_frontier(polygon)
    payoffs = limit_payoffs = None
    if all(isinstance(x, Fraction) for x in delta):
        x, y = _spe(frontier, d.payoffs, delta)
        payoffs = {0: x, 1: y}
        as_sympy = [tuple(sympy.Rational(v.numerator, v.denominator) for v in p)
                    for p in frontier]
        point = tuple(sympy.Rational(v.numerator, v.denominator) for v in d.payoffs)
        # Linear in the weight share: left unsimplified, it reads as d + share * gain.
        limit_payoffs = tuple(nash_point(as_sympy, point, limit_share))
    return RubinsteinResult(
        game, first_index, delta, d, shares, payoffs, limit_share, limit_payoffs
    )
