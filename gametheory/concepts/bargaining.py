"""Axiomatic bargaining over the payoffs of a two-player game, exactly.

Definitions
-----------
The *feasible set* :math:`S` is the convex hull of the pure outcomes' payoff pairs: every point
of it is the expected payoff of a lottery over outcomes, which assumes *correlated* play (the
players draw the outcome jointly, e.g. by a mediator's lottery); independent mixing reaches only
part of it. The *disagreement point* :math:`d` is what each player gets if bargaining fails: by
default the players' security (maximin) levels, or a named equilibrium's payoffs, or given
numbers. The *bargaining set* is :math:`P = \\{u \\in S : u \\ge d\\}`, a convex polygon.

On :math:`P`:

- the *Nash* solution maximises :math:`(u_1 - d_1)^{w_1} (u_2 - d_2)^{w_2}` (symmetric:
  :math:`w_1 = w_2`; Nash 1950, Kalai 1977 for weights);
- the *Kalai-Smorodinsky* solution is the largest point of :math:`P` on the segment from
  :math:`d` to the ideal point :math:`I` (each player's largest payoff in :math:`P`)
  (Kalai and Smorodinsky 1975);
- the *egalitarian* solution is the largest point of :math:`P` with equal gains
  :math:`u_1 - d_1 = u_2 - d_2` (Kalai 1977);
- the *utilitarian* solution maximises :math:`u_1 + u_2` (ties: the point of the maximising
  edge with the most equal gains).

All are computed exactly. On an edge :math:`a u_1 + b u_2 = c` the weighted Nash product is
maximised at :math:`u_1 - d_1 = t (c - a d_1 - b d_2) / a` with :math:`t = w_1 / (w_1 + w_2)`,
so with rational weights every solution is rational; with irrational weights (the Rubinstein
limit) it is exact in sympy.

References
----------
Osborne, M. J. and Rubinstein, A. (1994). *A Course in Game Theory*, MIT Press, Chapter 15.
Nash, J. (1950). The bargaining problem. *Econometrica* 18, 155-162.
Kalai, E. and Smorodinsky, M. (1975). Other solutions to Nash's bargaining problem.
*Econometrica* 43, 513-518.
Kalai, E. (1977). Proportional solutions to bargaining situations. *Econometrica* 45, 1623-1630.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from .._display import Displayed
from ..errors import GameValueError, did_you_mean
from ..game import Game
from ..numbers import format_fraction, to_fraction
from ._polygon import clip_below, convex_hull, line_interval, pareto_frontier
from .disagreement import Disagreement, decimal_text, disagreement_point, exact_text

__all__ = [
    "SOLUTIONS",
    "BargainingResult",
    "Disagreement",
    "bargain",
    "disagreement_point",
    "feasible_set",
    "nash_point",
]

#: The bargaining solutions by name.
SOLUTIONS = ("nash", "kalai-smorodinsky", "egalitarian", "utilitarian")

Point = tuple[Any, Any]


@dataclass(frozen=True)
class BargainingResult(Displayed):
    """A bargaining solution of a two-player game.

    Attributes
    ----------
    game : Game
    solution : str
        One of :data:`SOLUTIONS`.
    weights : tuple
        The Nash weights (w1, w2) (1, 1 unless weighted; used by ``nash`` only).
    disagreement : Disagreement
    feasible : tuple of point
        The feasible set's vertices (counter-clockwise).
    bargaining_set : tuple of point
        The vertices of the part of the feasible set at or above the disagreement point.
    payoffs : tuple
        The solution's payoffs: Fractions, or sympy numbers for irrational weights.
    lottery : tuple of (tuple of str, Fraction)
        Outcomes (strategy labels) and probabilities whose lottery gives ``payoffs``.
    status : str
        ``"ok"``, or ``"degenerate"`` when no feasible point gives both players more than the
        disagreement point (the solution is then the disagreement point or a boundary point).
    message : str
    """

    def __repr__(self) -> str:
        return self._report_text()

    def _report(self, format: str) -> str:
        from ..report import format_bargaining  # what the command line prints

        return format_bargaining((self,), format)

    game: Game
    solution: str
    weights: tuple[Any, Any]
    disagreement: Disagreement
    feasible: tuple[Point, ...]
    bargaining_set: tuple[Point, ...]
    payoffs: tuple[Any, Any]
    lottery: tuple[tuple[tuple[str, ...], Fraction], ...] = ()
    status: str = "ok"
    message: str = ""
    correlated: bool = field(default=True)

    def to_dict(self, decimals: int = 6) -> dict[str, Any]:
        """The JSON form (contract: ``solution``, ``disagreement``, ``payoffs``,
        ``payoffs_decimal``)."""
        players = self.game.players
        return {
            "solution": self.solution,
            "weights": {p: exact_text(w) for p, w in zip(players, self.weights, strict=True)},
            "disagreement": {
                p: format_fraction(v)
                for p, v in zip(players, self.disagreement.payoffs, strict=True)
            },
            "disagreement_source": self.disagreement.source,
            "payoffs": {p: exact_text(v) for p, v in zip(players, self.payoffs, strict=True)},
            "payoffs_decimal": {
                p: decimal_text(v, decimals) for p, v in zip(players, self.payoffs, strict=True)
            },
            "lottery": [
                {"profile": list(profile), "probability": format_fraction(q)}
                for profile, q in self.lottery
            ],
            "feasible_set": {
                "vertices": [[exact_text(x), exact_text(y)] for x, y in self.feasible],
                "correlated_play": self.correlated,
            },
            "bargaining_set": [[exact_text(x), exact_text(y)] for x, y in self.bargaining_set],
            "exact": True,
            "status": self.status,
            "message": self.message,
        }


def _outcomes(game: Game) -> dict[tuple[Fraction, Fraction], list[tuple[str, ...]]]:
    a, b = game.matrices()
    points: dict[tuple[Fraction, Fraction], list[tuple[str, ...]]] = {}
    for profile in game.pure_profiles():
        labels = tuple(game.strategies[i][k] for i, k in enumerate(profile))
        points.setdefault((a[profile], b[profile]), []).append(labels)
    return points


def feasible_set(game: Game) -> list[tuple[Fraction, Fraction]]:
    """The vertices of the convex hull of the pure outcomes' payoffs, counter-clockwise.

    Examples
    --------
    >>> g = Game.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> [tuple(map(str, p)) for p in feasible_set(g)]
    [('0', '5'), ('1', '1'), ('5', '0'), ('3', '3')]
    """
    if game.n_players != 2:
        raise GameValueError(
            f"bargaining needs a two-player game; this one has {game.n_players} players"
        )
    return convex_hull(list(_outcomes(game)))


def _lines(frontier: Sequence[Point], d: Point) -> list[tuple[Any, Any, Any]]:
    """Per frontier edge: (a, b, gain) of its line a u1 + b u2 = c, gain = c - a d1 - b d2."""
    out = []
    for p, q in itertools.pairwise(frontier):
        a, b = q[1] - p[1], p[0] - q[0]  # both > 0 on a strictly efficient edge
        out.append((a, b, a * (p[0] - d[0]) + b * (p[1] - d[1])))
    return out


def nash_point(frontier: Sequence[Point], d: Point, share: Any) -> Point:
    """The weighted Nash solution on a Pareto frontier, for ``share = w1 / (w1 + w2)``.

    ``frontier`` runs from the largest u1 to the largest u2 and lies strictly above ``d`` on
    its edges. ``share`` is a Fraction or an exact sympy number in (0, 1): each edge's optimum
    lies on it for a closed interval of shares, so locating ``share`` needs only exact
    comparisons with rationals.

    Examples
    --------
    >>> F = Fraction
    >>> nash_point([(F(4), F(0)), (F(0), F(4))], (F(0), F(0)), F(1, 2))
    (Fraction(2, 1), Fraction(2, 1))
    """
    if len(frontier) == 1:
        return frontier[0]
    for k, (a, b, gain) in enumerate(_lines(frontier, d)):
        p, q = frontier[k], frontier[k + 1]
        high = a * (p[0] - d[0]) / gain
        low = a * (q[0] - d[0]) / gain
        if share >= high:
            return p
        if share >= low:
            u1 = d[0] + share * gain / a
            return (u1, (gain - a * (u1 - d[0])) / b + d[1])
    return frontier[-1]


def _ray_end(polygon: Sequence[Point], d: Point, direction: Point) -> Point | None:
    found = line_interval(polygon, d, direction)
    if found is None or found[1] < 0:
        return None
    t = found[1]
    return (d[0] + t * direction[0], d[1] + t * direction[1])


def _lottery(
    point: Point, game: Game
) -> tuple[tuple[tuple[str, ...], Fraction], ...]:
    """Outcomes and probabilities whose expected payoffs are ``point`` (one or two outcomes)."""
    if not all(isinstance(v, Fraction) for v in point):
        return ()
    outcomes = _outcomes(game)
    if point in outcomes:
        return ((outcomes[point][0], Fraction(1)),)
    hull = convex_hull(list(outcomes))
    for k in range(len(hull)):
        p, q = hull[k], hull[(k + 1) % len(hull)]
        e, w = (q[0] - p[0], q[1] - p[1]), (point[0] - p[0], point[1] - p[1])
        if e[0] * w[1] - e[1] * w[0] != 0:
            continue
        s = (w[0] * e[0] + w[1] * e[1]) / (e[0] ** 2 + e[1] ** 2)
        if 0 < s < 1:
            return ((outcomes[p][0], 1 - s), (outcomes[q][0], s))
    return ()


def _weights(game: Game, weights: Any) -> tuple[Any, Any]:
    if weights is None:
        return (Fraction(1), Fraction(1))
    if isinstance(weights, str):
        parts = [p.strip() for p in weights.split(",")]
        if all("=" in p for p in parts):
            weights = dict(tuple(x.strip() for x in p.split("=", 1)) for p in parts)
        else:
            weights = parts
    if isinstance(weights, Mapping):
        values = {game.player_index(k): v for k, v in weights.items()}
        if len(values) != 2:
            raise GameValueError("give a weight for each player", key="weights")
        weights = (values[0], values[1])
    out = tuple(
        w if hasattr(w, "is_positive") else to_fraction(w, where="weights") for w in weights
    )
    if len(out) != 2 or not all(w > 0 for w in out):
        raise GameValueError("the weights must be two positive numbers", key="weights")
    return out  # type: ignore[return-value]


def bargain(
    game: Game,
    solution: str = "nash",
    disagreement: str | Sequence[Any] | Disagreement | None = None,
    weights: Sequence[Any] | Mapping[str, Any] | None = None,
) -> BargainingResult:
    """A bargaining solution over the feasible set of a two-player game, exactly.

    Parameters
    ----------
    game : Game
        A two-player game.
    solution : str, optional
        One of :data:`SOLUTIONS` (default ``"nash"``).
    disagreement : str, sequence or Disagreement, optional
        See :func:`disagreement_point` (default: the security levels).
    weights : sequence or mapping of player to number, optional
        Nash weights (w1, w2), positive (default equal: the symmetric Nash solution).

    Returns
    -------
    BargainingResult

    Raises
    ------
    GameValueError
        For a game without two players, an unknown solution, a bad disagreement point or
        weights, or a disagreement point that no feasible payoff weakly improves on.

    Examples
    --------
    The prisoner's dilemma with payoffs 3, 0, 5, 1 and the security levels (1, 1) as
    disagreement: the symmetric solutions all pick mutual cooperation.

    >>> g = Game.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> bargain(g).payoffs, bargain(g, "kalai-smorodinsky").payoffs
    ((Fraction(3, 1), Fraction(3, 1)), (Fraction(3, 1), Fraction(3, 1)))
    >>> bargain(g, weights=(3, 1)).payoffs
    (Fraction(7, 2), Fraction(9, 4))
    """
    if solution not in SOLUTIONS:
        raise GameValueError(
            f"unknown bargaining solution {solution!r}", key="solution",
            hint=did_you_mean(solution, SOLUTIONS),
        )
    if weights is not None and solution != "nash":
        raise GameValueError("weights apply to the Nash solution only", key="weights")
    feasible = feasible_set(game)
    d = disagreement if isinstance(disagreement, Disagreement) else disagreement_point(
        game, disagreement
    )
    w = _weights(game, weights)
    point = d.payoffs
    polygon = clip_below(feasible, point)
    if not polygon:
        raise GameValueError(
            "no feasible payoff gives both players at least the disagreement point "
            f"({format_fraction(point[0])}, {format_fraction(point[1])})", key="disagreement",
        )
    frontier = pareto_frontier(polygon)
    status, message = "ok", ""
    # Gains are linear along an edge of P and never negative: some point of P gives both
    # players more than d exactly when a vertex or the midpoint of an edge does.
    probes = polygon + [((p[0] + q[0]) / 2, (p[1] + q[1]) / 2)
                        for p, q in zip(polygon, polygon[1:] + polygon[:1], strict=True)]
    if not any(p[0] > point[0] and p[1] > point[1] for p in probes):
        status = "degenerate"
        message = "no feasible payoff gives both players more than the disagreement point"
    payoffs = _solve(solution, polygon, frontier, point, w, status)
    return BargainingResult(
        game, solution, w, d, tuple(feasible), tuple(polygon), payoffs,
        _lottery(payoffs, game), status, message,
    )


def _solve(
    solution: str, polygon: list[Point], frontier: list[Point], d: Point,
    w: tuple[Any, Any], status: str,
) -> Point:
    if status == "degenerate":
        # Every solution is a point of P maximising the players' gains lexicographically.
        return max(frontier, key=lambda p: (p[0] - d[0]) + (p[1] - d[1]))
    if solution == "nash":
        return nash_point(frontier, d, w[0] / (w[0] + w[1]))
    if solution == "kalai-smorodinsky":
        ideal = (max(p[0] for p in polygon), max(p[1] for p in polygon))
        end = _ray_end(polygon, d, (ideal[0] - d[0], ideal[1] - d[1]))
        # P holds a point with the ideal u1 and one with the ideal u2: the segment between
        # them crosses the ray from d to the ideal point.
        if end is None:
            raise RuntimeError("Kalai-Smorodinsky: the ray missed the bargaining set")
        return end
    if solution == "egalitarian":
        end = _ray_end(polygon, d, (Fraction(1), Fraction(1)))
        if end is not None:
            return end
        # No point with equal gains: the most equal one maximises the smaller gain.
        return max(frontier, key=lambda p: min(p[0] - d[0], p[1] - d[1]))
    best = max(p[0] + p[1] for p in frontier)
    tied = [p for p in frontier if p[0] + p[1] == best]
    if len(tied) == 1:
        return tied[0]
    end = _ray_end(tied, d, (Fraction(1), Fraction(1)))
    if end is not None:
        return end
    return min(tied, key=lambda p: abs((p[0] - d[0]) - (p[1] - d[1])))
