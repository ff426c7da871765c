"""Comparative statics: how each equilibrium moves when a parameter or a payoff moves a little.

Definitions
-----------
At a *regular* equilibrium of a two-player game (both supports of the same size ``k``, the
indifference systems nonsingular, and every strategy outside a player's support strictly
worse), the equilibrium is locally a smooth function of the payoffs. The row player's mixed
strategy ``x`` and the column player's payoff ``u`` solve the column player's indifference
system

.. math::

    M_x \\begin{pmatrix} x_I \\\\ u \\end{pmatrix} = e_0, \\qquad
    M_x = \\begin{pmatrix} 1^\\top & 0 \\\\ B_{IJ}^\\top & -1 \\end{pmatrix},

so, by implicit differentiation, :math:`\\partial (x_I, u) / \\partial b_{ij} = -x_i\\, M_x^{-1}
e_{j}` for :math:`i \\in I, j \\in J` and zero for every other entry; symmetrically for the column
player's strategy ``y`` and the row player's payoff ``v`` with the row player's payoffs ``A``.
A player's mixed strategy therefore does not depend on its own payoffs at all, only on the other
player's (Tsebelis, 1989): the derivatives show it as exact zeros.

The derivative with respect to a parameter follows by the chain rule from the derivatives of
the payoffs with respect to that parameter; the *elasticity* of a quantity ``q`` with respect
to ``p`` is :math:`(\\partial q / \\partial p)\\, p / q` (undefined where ``q`` is 0). Every
number is exact. At an equilibrium that is not regular (a threshold, a continuum), derivatives
do not exist in general and are reported as missing, with the reason.

References
----------
G. Tsebelis (1989), The abuse of probability in political analysis: the Robinson Crusoe
fallacy, *American Political Science Review* 83(1), 77-91.

Examples
--------
The inspection game with a fine of 1 (see :mod:`.symbolic`): neither player's mixed strategy
moves with its own payoffs; both move with the other's.

>>> from gametheory import Game
>>> game = Game.from_arrays([[0, 0], [-1, 1]], [[-1, 0], [1, -2]],
...                         players=("Inspectee", "Inspector"),
...                         strategies=(("comply", "cheat"), ("inspect", "rest")))
>>> effects = payoff_statics(game).equilibria[0]
>>> effects.own_payoff_effect("Inspectee"), effects.own_payoff_effect("Inspector")
(Fraction(0, 1), Fraction(0, 1))
>>> effects.other_payoff_effect("Inspectee"), effects.other_payoff_effect("Inspector")
(Fraction(3, 16), Fraction(1, 4))
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from ..game import Game
from ..numbers import format_fraction
from ..result import Equilibrium

__all__ = [
    "EntryStatics",
    "EquilibriumStatics",
    "ParameterStatics",
    "PayoffStatics",
    "comparative_statics",
    "payoff_statics",
]

#: The derivative of one equilibrium: per player the probabilities, then the payoffs.
Change = tuple[tuple[tuple[Fraction, ...], ...], tuple[Fraction, ...]]


def _fmt(value: Fraction | None) -> str | None:
    return None if value is None else format_fraction(value)


def _change_dict(change: Change | None, players: Sequence[str], strategies: Sequence) -> Any:
    if change is None:
        return None
    profile, payoffs = change
    return {
        "strategies": {
            p: {label: _fmt(v) for label, v in zip(labels, probs, strict=True)}
            for p, labels, probs in zip(players, strategies, profile, strict=True)
        },
        "payoffs": {p: _fmt(v) for p, v in zip(players, payoffs, strict=True)},
    }


@dataclass(frozen=True)
class EntryStatics:
    """The derivatives of one equilibrium with respect to every payoff entry.

    Attributes
    ----------
    equilibrium : Equilibrium
    regular : bool
        False if the equilibrium is not locally a smooth function of the payoffs.
    reason : str
        Why not, when not regular.
    derivatives : dict
        ``(player index, pure profile)`` -> the change of every probability and payoff per unit
        increase of that player's payoff in that cell; missing entries have no effect. Empty
        when not regular.
    """

    equilibrium: Equilibrium
    regular: bool
    reason: str
    derivatives: dict[tuple[int, tuple[int, ...]], Change]

    def effect(self, entry: tuple[int, tuple[int, ...]]) -> Change:
        """The derivative with respect to one entry (zero if it has no effect)."""
        if entry in self.derivatives:
            return self.derivatives[entry]
        eq = self.equilibrium
        return (
            tuple(tuple(Fraction(0) for _ in probs) for probs in eq.profile),
            tuple(Fraction(0) for _ in eq.payoffs),
        )

    def _max_effect(self, player: int, of_own: bool) -> Fraction:
        out = Fraction(0)
        for (owner, _), (profile, _) in self.derivatives.items():
            if (owner == player) == of_own:
                out = max(out, *(abs(v) for v in profile[player]))
        return out

    def own_payoff_effect(self, player: str) -> Fraction:
        """The largest change of a player's probabilities per unit of its *own* payoffs."""
        return self._max_effect(self.equilibrium.players.index(player), True)

    def other_payoff_effect(self, player: str) -> Fraction:
        """The largest change of a player's probabilities per unit of the *others'* payoffs."""
        return self._max_effect(self.equilibrium.players.index(player), False)

    def ranking(self) -> list[tuple[tuple[int, tuple[int, ...]], Fraction]]:
        """Entries by decreasing largest effect on a probability (ties: by payoff effect)."""
        scored = []
        for entry, (profile, payoffs) in self.derivatives.items():
            prob = max((abs(v) for probs in profile for v in probs), default=Fraction(0))
            pay = max((abs(v) for v in payoffs), default=Fraction(0))
            scored.append((entry, prob, pay))
        scored.sort(key=lambda t: (-t[1], -t[2], t[0]))
        return [(entry, prob) for entry, prob, _ in scored]

    def to_dict(self, game: Game) -> dict[str, Any]:
        eq = self.equilibrium
        out: dict[str, Any] = {
            "equilibrium": eq.to_dict(),
            "regular": self.regular,
            "reason": self.reason,
            "own_payoff_effect": {p: _fmt(self.own_payoff_effect(p)) for p in eq.players},
            "other_payoff_effect": {p: _fmt(self.other_payoff_effect(p)) for p in eq.players},
            "derivatives": [
                {
                    "player": eq.players[player],
                    "profile": [game.strategies[i][s] for i, s in enumerate(cell)],
                    "change": _change_dict(change, eq.players, eq.strategies),
                }
                for (player, cell), change in sorted(self.derivatives.items())
            ],
        }
        return out


@dataclass(frozen=True)
class PayoffStatics:
    """Comparative statics of every equilibrium of a numeric game w.r.t. each payoff entry."""

    game: Game
    equilibria: tuple[EntryStatics, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"equilibria": [e.to_dict(self.game) for e in self.equilibria]}


def _inverse(matrix: list[list[Fraction]]) -> list[list[Fraction]] | None:
    n = len(matrix)
    m = [list(row) + [Fraction(int(i == j)) for j in range(n)] for i, row in enumerate(matrix)]
    for k in range(n):
        pivot = next((r for r in range(k, n) if m[r][k] != 0), None)
        if pivot is None:
            return None
        m[k], m[pivot] = m[pivot], m[k]
        p = m[k][k]
        m[k] = [v / p for v in m[k]]
        for r in range(n):
            if r != k and m[r][k]:
                f = m[r][k]
                m[r] = [a - f * b for a, b in zip(m[r], m[k], strict=True)]
    return [row[n:] for row in m]


def _two_player_effects(game: Game, eq: Equilibrium, in_component: bool) -> EntryStatics:
    a, b = game.matrices()
    x, y = eq.profile
    m, n = len(x), len(y)
    rows = [i for i in range(m) if x[i] > 0]
    cols = [j for j in range(n) if y[j] > 0]
    row_pay = game.pure_payoffs_against(0, eq.profile)
    col_pay = game.pure_payoffs_against(1, eq.profile)
    reason = ""
    if in_component:
        reason = "the equilibrium lies in a continuum of equilibria"
    elif len(rows) != len(cols):
        reason = "the supports differ in size (a degenerate equilibrium)"
    else:
        ties = [
            game.strategies[0][i] for i in range(m) if i not in rows and row_pay[i] == max(row_pay)
        ] + [
            game.strategies[1][j] for j in range(n) if j not in cols and col_pay[j] == max(col_pay)
        ]
        if ties:
            reason = (
                "strategies outside the support are best responses too ("
                + ", ".join(ties)
                + "): the equilibrium sits on a threshold"
            )
    mx = [[Fraction(1)] * len(rows) + [Fraction(0)]] + [
        [b[i][j] for i in rows] + [Fraction(-1)] for j in cols
    ]
    my = [[Fraction(1)] * len(cols) + [Fraction(0)]] + [
        [a[i][j] for j in cols] + [Fraction(-1)] for i in rows
    ]
    inv_x = _inverse(mx) if not reason else None
    inv_y = _inverse(my) if not reason else None
    if not reason and (inv_x is None or inv_y is None):
        reason = "the indifference equations are singular"
    if reason:
        return EntryStatics(eq, False, reason, {})
    derivatives: dict[tuple[int, tuple[int, ...]], Change] = {}
    zero_x = [Fraction(0)] * m
    zero_y = [Fraction(0)] * n
    for jj, j in enumerate(cols):
        for ii, i in enumerate(rows):
            # Column's payoff b_ij moves the row player's strategy and Column's payoff.
            dz = [-x[i] * inv_x[r][1 + jj] for r in range(len(rows) + 1)]
            dx = list(zero_x)
            for k, r in enumerate(rows):
                dx[r] = dz[k]
            derivatives[(1, (i, j))] = ((tuple(dx), tuple(zero_y)), (Fraction(0), dz[-1]))
            # Row's payoff a_ij moves the column player's strategy and Row's payoff.
            dw = [-y[j] * inv_y[r][1 + ii] for r in range(len(cols) + 1)]
            dy = list(zero_y)
            for k, c in enumerate(cols):
                dy[c] = dw[k]
            derivatives[(0, (i, j))] = ((tuple(zero_x), tuple(dy)), (dw[-1], Fraction(0)))
    return EntryStatics(eq, True, "", derivatives)


def _pure_effects(game: Game, eq: Equilibrium) -> EntryStatics:
    s = tuple(probs.index(1) for probs in eq.profile)
    for i in range(game.n_players):
        for k in range(game.shape[i]):
            d = (*s[:i], k, *s[i + 1 :])
            if k != s[i] and game.payoffs[i][d] == game.payoffs[i][s]:
                return EntryStatics(
                    eq, False, f"{game.players[i]} is indifferent to {game.strategies[i][k]}", {}
                )
    zero_profile = tuple(tuple(Fraction(0) for _ in probs) for probs in eq.profile)
    derivatives = {}
    for i in range(game.n_players):
        pays = tuple(Fraction(int(j == i)) for j in range(game.n_players))
        derivatives[(i, s)] = (zero_profile, pays)
    return EntryStatics(eq, True, "", derivatives)


def payoff_statics(game: Game) -> PayoffStatics:
    """The derivatives of every equilibrium with respect to every payoff entry, exactly.

    Two players: every extreme equilibrium (exact solver); more players: pure equilibria.

    Parameters
    ----------
    game : Game

    Returns
    -------
    PayoffStatics
    """
    if game.n_players == 2:
        from ..algorithms.exact import exact_equilibria

        result = exact_equilibria(game)
        in_component = set()
        for c in result.components:
            if not c.is_singleton:
                in_component.update(c.equilibria)
        effects = tuple(
            _two_player_effects(game, eq, k in in_component)
            for k, eq in enumerate(result.equilibria)
        )
    else:
        from .symbolic import _pure_equilibria

        effects = tuple(_pure_effects(game, eq) for eq in _pure_equilibria(game))
    return PayoffStatics(game, effects)


# ---------------------------------------------------------------------- parameters
@dataclass(frozen=True)
class EquilibriumStatics:
    """Derivatives and elasticities of one equilibrium with respect to each parameter.

    Attributes
    ----------
    equilibrium : Equilibrium
        The exact equilibrium at the point.
    regular : bool
    reason : str
        Why derivatives do not exist, when not regular.
    derivatives : dict
        Parameter -> :data:`Change` (empty when not regular).
    elasticities : dict
        Parameter -> the same shape, ``None`` where the quantity is zero.
    """

    equilibrium: Equilibrium
    regular: bool
    reason: str
    derivatives: dict[str, Change]
    elasticities: dict[str, Any]


@dataclass(frozen=True)
class ParameterStatics:
    """Comparative statics of every equilibrium at a point of the parameters."""

    values: dict[str, Fraction]
    parameters: tuple[str, ...]
    equilibria: tuple[EquilibriumStatics, ...]
    payoffs: PayoffStatics

    def to_dict(self) -> dict[str, Any]:
        out = []
        for e in self.equilibria:
            eq = e.equilibrium
            out.append(
                {
                    "equilibrium": eq.to_dict(),
                    "regular": e.regular,
                    "reason": e.reason,
                    "derivatives": {
                        p: _change_dict(e.derivatives.get(p), eq.players, eq.strategies)
                        for p in self.parameters
                    },
                    "elasticities": {
                        p: _change_dict(e.elasticities.get(p), eq.players, eq.strategies)
                        for p in self.parameters
                    },
                }
            )
        return {
            "at": {k: format_fraction(v) for k, v in self.values.items()},
            "equilibria": out,
            "payoff_entries": self.payoffs.to_dict(),
        }


def comparative_statics(
    pg: Any, at: Mapping[str, Any] | None = None, parameters: Sequence[str] | None = None
) -> ParameterStatics:
    """Derivatives and elasticities of every equilibrium with respect to the parameters.

    Parameters
    ----------
    pg : ParametricGame
    at : mapping, optional
        The point (default: the parameters' values).
    parameters : sequence of str, optional
        Which parameters (default: all).

    Returns
    -------
    ParameterStatics
        Also holds the statics with respect to every payoff entry of the game at the point.

    Examples
    --------
    >>> import sympy
    >>> from gametheory.sensitivity import ParametricGame
    >>> f = sympy.Symbol("f", real=True)
    >>> pg = ParametricGame.from_arrays([[0, 0], [-f, 1]], [[-1, 0], [1, -2]],
    ...                                 parameters={"f": 3})
    >>> st = comparative_statics(pg)
    >>> change = st.equilibria[0].derivatives["f"]
    >>> change[0]  # the fine moves the inspection rate, not the cheating rate
    ((Fraction(0, 1), Fraction(0, 1)), (Fraction(-1, 16), Fraction(1, 16)))
    """
    values = pg.values(at)
    names = tuple(parameters) if parameters is not None else pg.parameter_names
    for name in names:
        pg.parameter(name)
    game = pg.game(values)
    entries = payoff_statics(game)
    gradient = pg.gradient(values)
    out = []
    for effect in entries.equilibria:
        eq = effect.equilibrium
        if not effect.regular:
            out.append(EquilibriumStatics(eq, False, effect.reason, {}, {}))
            continue
        derivatives, elasticities = {}, {}
        for name in names:
            grads = gradient[name]
            profile = [[Fraction(0)] * len(p) for p in eq.profile]
            pays = [Fraction(0)] * len(eq.payoffs)
            for (player, cell), (dprof, dpay) in effect.derivatives.items():
                weight = grads[player][cell]
                if weight:
                    for i, probs in enumerate(dprof):
                        for k, v in enumerate(probs):
                            profile[i][k] += weight * v
                    for i, v in enumerate(dpay):
                        pays[i] += weight * v
            change = (tuple(tuple(p) for p in profile), tuple(pays))
            derivatives[name] = change
            value = values[name]
            elasticities[name] = (
                tuple(
                    tuple(_elasticity(d, value, q) for d, q in zip(dp, qp, strict=True))
                    for dp, qp in zip(change[0], eq.profile, strict=True)
                ),
                tuple(_elasticity(d, value, q) for d, q in zip(change[1], eq.payoffs, strict=True)),
            )
        out.append(EquilibriumStatics(eq, True, "", derivatives, elasticities))
    return ParameterStatics(values, names, tuple(out), entries)


def _elasticity(derivative: Fraction, at: Fraction, value: Fraction) -> Fraction | None:
    if value == 0:
        return None
    return derivative * at / value
