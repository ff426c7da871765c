"""Infinitely repeated games: grim-trigger critical discount factors and the folk-theorem set.

Definitions
-----------
The stage game is played in every period; each player maximises the discounted sum of its
payoffs with discount factor :math:`\\delta \\in [0, 1)`. *Grim trigger* supports a pure outcome
:math:`s` by playing it as long as everyone has, and reverting for ever to a *punishment* after
any deviation: a stage Nash equilibrium :math:`e` (then the strategies form a subgame-perfect
equilibrium) or the *minmax* profile that holds each player to its minmax payoff
:math:`v_i = \\min_{\\sigma_{-i}} \\max_{s_i} u_i` (a Nash equilibrium of the repeated game; not
subgame-perfect in general, since punishing may not be a best response). With :math:`D_i` the
best payoff player :math:`i` gets by deviating from :math:`s` for one period and :math:`p_i` its
punishment payoff, the deviation does not pay when
:math:`u_i(s) \\ge (1 - \\delta) D_i + \\delta p_i`, that is

.. math:: \\delta \\ge \\delta_i^* = \\frac{D_i - u_i(s)}{D_i - p_i}

when :math:`D_i > u_i(s) > p_i`; :math:`\\delta_i^* = 0` when no deviation gains; and no
:math:`\\delta < 1` works when :math:`D_i > u_i(s) \\le p_i`. The outcome is sustained for every
:math:`\\delta \\ge \\delta^* = \\max_i \\delta_i^*` (Friedman 1971; Osborne and Rubinstein 1994,
Section 8.5). For the prisoner's dilemma with temptation T > reward R > punishment P this is the
textbook :math:`(T - R) / (T - P)`.

With the model's parameters, :math:`\\delta^*` is a closed form (sympy) valid where the same
deviation is each player's best and the same player binds as at the given values.

The *folk theorem* set is the feasible set (the convex hull of the outcomes' payoffs: lotteries
over outcomes, i.e. correlated play or public randomisation) intersected with the individually
rational payoffs :math:`u \\ge v`; every payoff in it with :math:`u > v` is a subgame-perfect
equilibrium payoff of the repeated game for :math:`\\delta` close enough to 1 (Fudenberg and Maskin
1986; Osborne and Rubinstein 1994, Proposition 151.1 for Nash and 146.2 for SPE). For two
players :math:`v_i` equals the security level (von Neumann's minimax theorem).

References
----------
Friedman, J. W. (1971). A non-cooperative equilibrium for supergames. *Review of Economic
Studies* 38, 1-12.
Fudenberg, D. and Maskin, E. (1986). The folk theorem in repeated games with discounting or with
incomplete information. *Econometrica* 54, 533-554.
Osborne, M. J. and Rubinstein, A. (1994). *A Course in Game Theory*, MIT Press, Chapter 8.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from .._display import Displayed
from ..errors import GameValueError
from ..game import Game
from ..numbers import format_fraction
from ._polygon import clip_below, convex_hull

__all__ = ["OutcomeSustainability", "RepeatedResult", "punishment_payoffs", "repeated"]


@dataclass(frozen=True)
class OutcomeSustainability:
    """Whether and from which discount factor grim trigger sustains one pure outcome.

    Attributes
    ----------
    profile : tuple of int
        The outcome (strategy indices).
    payoffs : tuple of Fraction
    deviation : tuple of int
        Each player's best one-period deviation (strategy index; its own strategy if none gains).
    player_critical : tuple of Fraction or None
        Each player's critical discount factor (None: no discount factor below 1 works).
    critical_discount : Fraction or None
        The largest of them: the outcome is sustained for every discount factor at least this.
    expression : sympy expression or None
        ``critical_discount`` as a closed form in the model's parameters, where available.
    """

    profile: tuple[int, ...]
    payoffs: tuple[Fraction, ...]
    deviation: tuple[int, ...]
    player_critical: tuple[Fraction | None, ...]
    critical_discount: Fraction | None
    expression: Any = None


@dataclass(frozen=True)
class RepeatedResult(Displayed):
    """Grim trigger for every pure outcome, and the folk-theorem payoff set.

    Attributes
    ----------
    game : Game
    punishment : str
        ``"minmax"``, ``"equilibrium K"`` or ``"outcome (S1, S2)"``.
    punishment_payoffs : tuple of Fraction
    outcomes : tuple of OutcomeSustainability
        In the order of the pure profiles.
    minmax : tuple of Fraction
        Each player's minmax payoff (two players: its security level).
    feasible : tuple of point
        The feasible set's vertices (two players; empty otherwise).
    folk : tuple of point
        The vertices of the feasible, individually rational set (two players).
    subgame_perfect : bool
        True when the punishment is a stage Nash equilibrium.
    """

    def __repr__(self) -> str:
        return self._report_text()

    def _report(self, format: str) -> str:
        from ..report import format_repeated  # what the command line prints

        return format_repeated(self, format)

    game: Game
    punishment: str
    punishment_payoffs: tuple[Fraction, ...]
    outcomes: tuple[OutcomeSustainability, ...]
    minmax: tuple[Fraction, ...]
    feasible: tuple[tuple[Fraction, Fraction], ...]
    folk: tuple[tuple[Fraction, Fraction], ...]
    subgame_perfect: bool

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (contract: ``outcomes``, each with ``profile`` and
        ``critical_discount``)."""
        game = self.game

        def pair(p: tuple[Fraction, Fraction]) -> list[str]:
            return [format_fraction(p[0]), format_fraction(p[1])]

        return {
            "punishment": self.punishment,
            "punishment_payoffs": {
                p: format_fraction(v)
                for p, v in zip(game.players, self.punishment_payoffs, strict=True)
            },
            "subgame_perfect": self.subgame_perfect,
            "outcomes": [
                {
                    "profile": [game.strategies[i][k] for i, k in enumerate(o.profile)],
                    "payoffs": {
                        p: format_fraction(v) for p, v in zip(game.players, o.payoffs, strict=True)
                    },
                    "critical_discount": None if o.critical_discount is None
                    else format_fraction(o.critical_discount),
                    "critical_discount_expression": None if o.expression is None
                    else str(o.expression),
                    "players": {
                        p: {
                            "deviation": game.strategies[i][o.deviation[i]],
                            "critical_discount": None if c is None else format_fraction(c),
                        }
                        for i, (p, c) in enumerate(
                            zip(game.players, o.player_critical, strict=True)
                        )
                    },
                }
                for o in self.outcomes
            ],
            "minmax": {
                p: format_fraction(v) for p, v in zip(game.players, self.minmax, strict=True)
            },
            "feasible_set": {
                "vertices": [pair(p) for p in self.feasible], "correlated_play": True,
            },
            "folk_theorem_set": [pair(p) for p in self.folk],
            "exact": True,
        }


def punishment_payoffs(game: Game, spec: str | None = None) -> tuple[str, tuple[Fraction, ...],
                                                                      tuple[int, ...] | None]:
    """The punishment named by ``spec``: (description, payoffs, pure profile or None).

    ``spec`` is ``None`` or ``"minmax"`` (each player's minmax payoff), ``"nash:K"`` (stage
    equilibrium K, 1-based in the order of :func:`gametheory.solve`) or a pure profile
    ``"S1,S2"`` that is a stage Nash equilibrium.

    Raises
    ------
    GameValueError
        For an unknown strategy or equilibrium number, or a profile that is not a stage
        equilibrium.
    """
    key = "punishment"
    if spec is None or spec.strip() == "minmax":
        return "minmax", _minmax(game), None
    text = spec.strip()
    if text.startswith("nash:"):
        from ..solve import solve

        equilibria = solve(game).equilibria
        number = text[5:].strip()
        if not number.isdigit() or not 1 <= int(number) <= len(equilibria):
            raise GameValueError(
                f"no equilibrium {number!r}: the game has {len(equilibria)} "
                f"(nash:1 to nash:{len(equilibria)})", key=key,
            )
        eq = equilibria[int(number) - 1]
        pure = tuple(s.index(Fraction(1)) for s in eq.profile) if eq.is_pure else None
        return f"equilibrium {number}", eq.payoffs, pure
    parts = tuple(p.strip() for p in text.split(","))
    index = tuple(game.strategy_index(i, p) for i, p in enumerate(parts)) if len(
        parts) == game.n_players else None
    if index is None:
        raise GameValueError(
            f"{spec!r}: expected 'minmax', 'nash:K' or a pure profile with one strategy per "
            "player", key=key,
        )
    if not game.is_nash(list(parts)):
        raise GameValueError(
            f"({', '.join(parts)}) is not a Nash equilibrium of the stage game: reverting to it "
            "is not a credible punishment", key=key,
        )
    return f"outcome ({', '.join(parts)})", game.payoff(parts), index


def _minmax(game: Game) -> tuple[Fraction, ...]:
    if game.n_players == 2:
        from ..algorithms.security import security_levels

        return tuple(s.level for s in security_levels(game))
    # More players: the pure minmax (the others may not correlate or mix here).
    out = []
    for i, payoffs in enumerate(game.payoffs):
        best = np.moveaxis(payoffs, i, 0).reshape(payoffs.shape[i], -1)
        out.append(min(max(best[:, k]) for k in range(best.shape[1])))
    return tuple(out)


def _pure_minmax_cells(game: Game, minmax: tuple[Fraction, ...]) -> list[tuple[int, ...] | None]:
    """For each player, a cell whose payoff is its minmax payoff, when a pure profile of the
    others holds it there (else None: the punishment mixes)."""
    cells: list[tuple[int, ...] | None] = []
    for i in range(game.n_players):
        found = None
        for profile in game.pure_profiles():
            if game.payoffs[i][profile] != minmax[i]:
                continue
            replies = [game.payoffs[i][(*profile[:i], s, *profile[i + 1:])]
                       for s in range(game.shape[i])]
            if max(replies) == minmax[i]:
                found = profile
                break
        cells.append(found)
    return cells


def repeated(
    game: Game, punishment: str | None = None, symbolic: tuple[Any, ...] | None = None
) -> RepeatedResult:
    """Grim-trigger critical discount factors of every pure outcome, and the folk-theorem set.

    Parameters
    ----------
    game : Game
    punishment : str, optional
        ``"minmax"`` (default), ``"nash:K"`` or a pure stage equilibrium ``"S1,S2"``; see
        :func:`punishment_payoffs`.
    symbolic : tuple, optional
        The payoffs as sympy arrays (:meth:`gametheory.models.Model.symbolic_payoffs`), for
        closed forms of the critical discount factors in the parameters.

    Returns
    -------
    RepeatedResult

    Raises
    ------
    GameValueError
        For a bad punishment.

    Examples
    --------
    The prisoner's dilemma with T = 5, R = 3, P = 1: cooperation needs delta >= (5-3)/(5-1).

    >>> g = Game.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> r = repeated(g)
    >>> [(o.profile, o.critical_discount) for o in r.outcomes]
    [((0, 0), Fraction(1, 2)), ((0, 1), None), ((1, 0), None), ((1, 1), Fraction(0, 1))]
    """
    description, p, pure = punishment_payoffs(game, punishment)
    minmax = p if description == "minmax" else _minmax(game)
    cells: list[tuple[int, ...] | None]
    cells = _pure_minmax_cells(game, minmax) if description == "minmax" else [pure] * game.n_players
    outcomes = []
    for profile in game.pure_profiles():
        u = tuple(game.payoffs[i][profile] for i in range(game.n_players))
        deviations, critical = [], []
        for i in range(game.n_players):
            values = [
                game.payoffs[i][(*profile[:i], s, *profile[i + 1:])]
                for s in range(game.shape[i])
            ]
            top = max(values)
            best = profile[i] if values[profile[i]] == top else values.index(top)
            deviations.append(best)
            if top == u[i]:
                critical.append(Fraction(0))
            elif u[i] <= p[i]:
                critical.append(None)
            else:
                critical.append((top - u[i]) / (top - p[i]))
        overall = None if any(c is None for c in critical) else max(critical)
        expression = None
        if symbolic is not None and overall is not None:
            expression = _expression(symbolic, profile, deviations, critical, cells, game)
        outcomes.append(OutcomeSustainability(
            profile, u, tuple(deviations), tuple(critical), overall, expression
        ))
    feasible = folk = ()
    if game.n_players == 2:
        a, b = game.matrices()
        hull = convex_hull([(a[s], b[s]) for s in game.pure_profiles()])
        feasible, folk = tuple(hull), tuple(clip_below(hull, (minmax[0], minmax[1])))
    return RepeatedResult(
        game, description, tuple(p), tuple(outcomes), tuple(minmax), feasible, folk,
        subgame_perfect=description != "minmax",
    )


def _entry(symbolic: tuple[Any, ...], i: int, profile: tuple[int, ...]) -> Any:
    array = symbolic[i]
    return array[profile] if len(profile) != 2 else array[profile[0], profile[1]]


def _expression(
    symbolic: tuple[Any, ...], profile: tuple[int, ...], deviations: list[int],
    critical: list[Fraction | None], cells: list[tuple[int, ...] | None], game: Game,
) -> Any:
    """The critical discount factor as a closed form, from the binding player's entries."""
    import sympy

    binding = max(range(len(critical)), key=lambda i: (critical[i], -i))
    if critical[binding] == 0:
        return sympy.Integer(0)
    cell = cells[binding]
    if cell is None:
        return None  # a mixed punishment: no closed form from single entries
    i = binding
    u = _entry(symbolic, i, profile)
    d = _entry(symbolic, i, (*profile[:i], deviations[i], *profile[i + 1:]))
    p = _entry(symbolic, i, cell)
    return sympy.factor(sympy.cancel((d - u) / (d - p)))
