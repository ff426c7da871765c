"""Equilibria in closed form: probabilities and payoffs as expressions in the parameters.

Definitions
-----------
A *symbolic equilibrium* of a parametric game is a profile :math:`\\sigma(\\theta)` and payoffs
:math:`u(\\theta)` given by rational functions of the parameters :math:`\\theta`, with a list of
*conditions* (inequalities and, rarely, equations in :math:`\\theta`) under which the formula
is a Nash equilibrium:

* every probability on the support is positive;
* no pure strategy outside a player's best responses pays more than the equilibrium payoff
  (this is "no profitable deviation": :math:`u_i(s_i, \\sigma_{-i}) \\le u_i(\\sigma)`);
* the linear system that defines the formula is nonsingular (its determinant is not zero).

For two players the formula of an extreme equilibrium is found from the labels of the exact
numeric equilibrium at a point: a player's mixed strategy solves the indifference equations of
the *other* player (the other's payoffs are equal on the best responses) and the sum-to-one
equation, which is why a player's mixed strategy depends on the other player's payoffs only
(Tsebelis, 1989). For more than two players only pure equilibria are given.

Examples
--------
The inspection game: the inspectee complies or cheats (gaining 1, or paying the fine ``f`` if
inspected); the inspector inspects (at cost 1, gaining 2 from catching a cheat) or rests (losing
2 to an undetected cheat). The inspector mixes so as to make the inspectee indifferent, so the
inspection rate depends on the fine and the cheating rate does not (Tsebelis, 1989):

>>> import sympy
>>> f = sympy.Symbol("f", real=True)
>>> from gametheory.sensitivity import ParametricGame
>>> pg = ParametricGame.from_arrays(
...     [[0, 0], [-f, 1]], [[-1, 0], [1, -2]],
...     parameters={"f": ("2", "0", None)},
...     players=("Inspectee", "Inspector"),
...     strategies=(("comply", "cheat"), ("inspect", "rest")),
... )
>>> [eq.to_dict()["strategies"] for eq in symbolic_equilibria(pg)]
[{'Inspectee': {'comply': '3/4', 'cheat': '1/4'}, 'Inspector': {'inspect': '1/(f + 1)', 'rest': 'f/(f + 1)'}}]
>>> symbolic_equilibria(pg)[0].conditions
(1/(f + 1) > 0, f/(f + 1) > 0, Ne(f + 1, 0))
"""  # noqa: E501

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from ..game import Game
from ..numbers import to_fraction

__all__ = [
    "SymbolicEquilibrium",
    "equilibrium_formula",
    "expression_text",
    "symbolic_equilibria",
]


def expression_text(expr: Any) -> str:
    """The text of a sympy expression, as sympy's parser reads it back (``str``)."""
    return str(expr)


@dataclass(frozen=True)
class SymbolicEquilibrium:
    """An equilibrium whose probabilities and payoffs are sympy expressions.

    Attributes
    ----------
    players : tuple of str
    strategies : tuple of tuple of str
    probabilities : tuple of tuple of sympy.Expr
        Per player, one expression per strategy.
    payoffs : tuple of sympy.Expr
        Per player, the expected payoff.
    conditions : tuple of sympy.Rel
        Where the formula is an equilibrium (empty when the context gives it, e.g. a regime).
    regular : bool
        False if the formula was found at a point where it is degenerate (a condition holds
        with equality there): it is then an equilibrium at that point but may not be one
        nearby, and it is not differentiable there.
    """

    players: tuple[str, ...]
    strategies: tuple[tuple[str, ...], ...]
    probabilities: tuple[tuple[Any, ...], ...]
    payoffs: tuple[Any, ...]
    conditions: tuple[Any, ...] = ()
    regular: bool = True

    def support(self) -> tuple[tuple[str, ...], ...]:
        """Per player, the strategies whose probability is not identically zero."""
        return tuple(
            tuple(label for label, p in zip(labels, probs, strict=True) if p != 0)
            for labels, probs in zip(self.strategies, self.probabilities, strict=True)
        )

    @property
    def is_pure(self) -> bool:
        return all(len(s) == 1 for s in self.support())

    def evaluate(self, values: Mapping[str, Any]) -> tuple[tuple, tuple]:
        """The exact profile and payoffs at rational parameter values.

        Returns
        -------
        (profile, payoffs)
            Tuples of :class:`~fractions.Fraction`.
        """
        import sympy

        subs = {
            sympy.Symbol(name, real=True): sympy.Rational(str(to_fraction(v)))
            for name, v in values.items()
        }

        def value(expr: Any) -> Fraction:
            out = expr.xreplace(subs) if subs else expr
            out = sympy.Rational(out)
            return Fraction(int(out.p), int(out.q))

        profile = tuple(tuple(value(p) for p in probs) for probs in self.probabilities)
        return profile, tuple(value(u) for u in self.payoffs)

    def to_dict(self) -> dict[str, Any]:
        """The ``solve`` JSON form with expression strings (and the conditions, if any)."""
        out: dict[str, Any] = {
            "strategies": {
                player: {label: expression_text(p) for label, p in zip(labels, probs, strict=True)}
                for player, labels, probs in zip(
                    self.players, self.strategies, self.probabilities, strict=True
                )
            },
            "payoffs": {
                player: expression_text(u)
                for player, u in zip(self.players, self.payoffs, strict=True)
            },
        }
        if self.conditions:
            out["conditions"] = [expression_text(c) for c in self.conditions]
        return out


# ---------------------------------------------------------------------- formulas
def _solve_square(matrix: list[list[Any]], rhs: list[Any]) -> tuple[list[Any], Any]:
    import sympy

    m = sympy.Matrix(matrix)
    det = sympy.cancel(m.det(method="berkowitz"))
    adj = m.adjugate(method="berkowitz")
    sol = [
        sympy.cancel(sum(adj[i, j] * rhs[j] for j in range(len(rhs))) / det)
        for i in range(len(rhs))
    ]
    return sol, det


def _fraction_rank_ok(rows: Sequence[Sequence[Fraction]]) -> bool:
    """True if the square Fraction matrix is nonsingular."""
    m = [list(r) for r in rows]
    n = len(m)
    for k in range(n):
        pivot = next((r for r in range(k, n) if m[r][k] != 0), None)
        if pivot is None:
            return False
        m[k], m[pivot] = m[pivot], m[k]
        for r in range(k + 1, n):
            f = m[r][k] / m[k][k]
            if f:
                for c in range(k, n):
                    m[r][c] -= f * m[k][c]
    return True


def _vertex_formula(
    sym: Any, num: Any, probs: tuple[Fraction, ...], other_pay: Sequence[Fraction]
) -> tuple[list[Any], Any, Any, int, int]:
    """A player's mixed strategy as a formula from its labels at a numeric point.

    ``sym[k][l]`` is the other player's payoff (sympy) when this player plays k and the other
    l; ``num`` the same numerically. Returns probabilities, the other's payoff, the
    determinant, and the identically tight labels (own zero probabilities, other's best
    responses) as bit masks.
    """
    import itertools

    import sympy

    own, other = len(probs), len(other_pay)
    best = max(other_pay)
    zeros = [k for k in range(own) if probs[k] == 0]
    tight = [col for col in range(other) if other_pay[col] == best]
    support = [k for k in range(own) if probs[k] != 0]
    # Free coordinates: the support (and, in degenerate cases, zero ones needed for a basis).
    chosen = None
    for extra in range(len(zeros) + 1):
        for more in itertools.combinations(zeros, extra):
            free = sorted(support + list(more))
            for rows in itertools.combinations(tight, len(free)):
                numeric = [[1] * len(free) + [0]] + [
                    [num[k][col] for k in free] + [-1] for col in rows
                ]
                if _fraction_rank_ok(numeric):
                    chosen = (free, rows)
                    break
            if chosen:
                break
        if chosen:
            break
    if chosen is None:  # pragma: no cover - a vertex always has a nonsingular basis
        raise AssertionError("no basis for a vertex")
    free, rows = chosen
    matrix = [[1] * len(free) + [0]] + [[sym[k][col] for k in free] + [-1] for col in rows]
    sol, det = _solve_square(matrix, [1] + [0] * len(rows))
    x = [sympy.Integer(0)] * own
    for k, v in zip(free, sol[:-1], strict=True):
        x[k] = v
    value = sol[-1]
    zero_mask = sum(1 << k for k in range(own) if x[k] == 0)
    tight_mask = 0
    for col in range(other):
        slack = sympy.cancel(value - sum(x[k] * sym[k][col] for k in range(own)))
        if slack == 0:
            tight_mask |= 1 << col
    return x, value, det, zero_mask, tight_mask


def equilibrium_formula(
    pg: Any, game: Game, profile: Any, values: Mapping[str, Fraction]
) -> SymbolicEquilibrium:
    """The closed form, with conditions, of an exact numeric equilibrium of ``pg`` at a point.

    Parameters
    ----------
    pg : ParametricGame
    game : Game
        ``pg.game(values)``.
    profile : Profile
        An extreme equilibrium of ``game`` (for more than two players, a pure one).
    values : mapping
        The parameter values of the point.

    Returns
    -------
    SymbolicEquilibrium
        With its conditions in all parameters; ``regular`` is False if some condition holds
        with equality at the point.
    """
    import sympy

    symbols = {name: sympy.Symbol(name, real=True) for name in pg.parameter_names}
    subs = {symbols[n]: sympy.Rational(v.numerator, v.denominator) for n, v in values.items()}
    if pg.n_players != 2:
        return _pure_formula(pg, game, profile, subs)
    a, b = (p.tolist() for p in pg.payoffs)
    na, nb = (p.tolist() for p in game.payoffs)
    x_num, y_num = profile
    m, n = len(x_num), len(y_num)
    col_pay = game.pure_payoffs_against(1, profile)
    row_pay = game.pure_payoffs_against(0, profile)
    x, u, det_x, _zx, tx = _vertex_formula(b, nb, x_num, col_pay)
    bt = [[a[i][j] for i in range(m)] for j in range(n)]
    nat = [[na[i][j] for i in range(m)] for j in range(n)]
    y, v, det_y, _zy, ty = _vertex_formula(bt, nat, y_num, row_pay)
    conditions = []
    regular = True

    relations = {
        "gt": sympy.StrictGreaterThan,
        "ge": sympy.GreaterThan,
        "ne": sympy.Unequality,
        "eq": sympy.Equality,
    }

    def add(expr: Any, rel: str) -> None:
        nonlocal regular
        expr = sympy.factor(sympy.cancel(expr))
        if not expr.free_symbols:
            return
        conditions.append(relations[rel](expr, 0))
        # A condition met with equality at the point: the formula is on a boundary there.
        if rel == "eq" or expr.xreplace(subs) == 0:
            regular = False

    for k in range(m):
        if x[k] != 0:
            add(x[k], "gt")
    for k in range(n):
        if y[k] != 0:
            add(y[k], "gt")
    # No profitable deviation, for every pure strategy not identically a best response.
    for j in range(n):
        if not tx >> j & 1:
            add(u - sum(x[i] * b[i][j] for i in range(m)), "ge")
    for i in range(m):
        if not ty >> i & 1:
            add(v - sum(y[j] * a[i][j] for j in range(n)), "ge")
    # A strategy in the support must be a best response: where this holds only by
    # coincidence at the point, it is an equation on the parameters.
    for i in range(m):
        if x[i] != 0 and not ty >> i & 1:
            add(v - sum(y[j] * a[i][j] for j in range(n)), "eq")
    for j in range(n):
        if y[j] != 0 and not tx >> j & 1:
            add(u - sum(x[i] * b[i][j] for i in range(m)), "eq")
    for det in (det_x, det_y):
        if det.free_symbols:
            add(det, "ne")
    conditions = _dedupe_conditions(conditions)
    payoffs = (sympy.factor(sympy.cancel(v)), sympy.factor(sympy.cancel(u)))
    probs = (
        tuple(sympy.factor(p) for p in x),
        tuple(sympy.factor(p) for p in y),
    )
    return SymbolicEquilibrium(
        pg.players, pg.strategies, probs, payoffs, tuple(conditions), regular
    )


def _dedupe_conditions(conditions: list[Any]) -> list[Any]:
    import sympy

    eqs = {c.lhs for c in conditions if isinstance(c, sympy.Equality)}
    out, seen = [], set()
    for c in conditions:
        # An equation makes the inequality on the same expression redundant.
        if not isinstance(c, sympy.Equality) and c.lhs in eqs:
            continue
        if c not in seen:
            seen.add(c)
            out.append(c)
    return out


def _pure_formula(pg: Any, game: Game, profile: Any, subs: Mapping) -> SymbolicEquilibrium:
    import sympy

    s = tuple(probs.index(1) for probs in profile)
    conditions = []
    regular = True
    for i, payoff in enumerate(pg.payoffs):
        for k in range(pg.shape[i]):
            if k != s[i]:
                d = (*s[:i], k, *s[i + 1 :])
                expr = sympy.factor(sympy.cancel(payoff[s] - payoff[d]))
                if expr.free_symbols:
                    conditions.append(sympy.GreaterThan(expr, 0))
                    if expr.xreplace(dict(subs)) == 0:
                        regular = False
    probs = tuple(
        tuple(sympy.Integer(int(k == j)) for k in range(n))
        for j, n in zip(s, pg.shape, strict=True)
    )
    pays = tuple(sympy.factor(sympy.cancel(p[s])) for p in pg.payoffs)
    return SymbolicEquilibrium(
        pg.players, pg.strategies, probs, pays, tuple(_dedupe_conditions(conditions)), regular
    )


def eq_labels(game: Game, profile: Any) -> Any:
    """The identity of an extreme equilibrium: its labels (two players), or the pure profile.

    For two players, the labels are the bit masks of the row player's unused strategies and
    the column player's best responses, and of the column player's unused strategies and the
    row player's best responses (row i is bit i, column j is bit m + j).
    """
    if game.n_players != 2:
        return tuple(probs.index(1) for probs in profile)
    x, y = profile
    m = len(x)
    col_pay = game.pure_payoffs_against(1, profile)
    row_pay = game.pure_payoffs_against(0, profile)
    lx = sum(1 << i for i, p in enumerate(x) if p == 0)
    lx |= sum(1 << (m + j) for j, v in enumerate(col_pay) if v == max(col_pay))
    ly = sum(1 << (m + j) for j, p in enumerate(y) if p == 0)
    ly |= sum(1 << i for i, v in enumerate(row_pay) if v == max(row_pay))
    return lx, ly


def equilibria_at(pg: Any, values: Mapping[str, Fraction]) -> tuple[Game, list[Any]]:
    """The numeric game at a point and its extreme (two players) or pure equilibria."""
    game = pg.game(values)
    if pg.n_players == 2:
        from ..algorithms.exact import exact_equilibria

        return game, list(exact_equilibria(game).equilibria)
    return game, _pure_equilibria(game)


def _pure_equilibria(game: Game) -> list[Any]:
    from ..result import certify

    out = []
    for s in game.pure_profiles():
        profile = tuple(
            tuple(Fraction(int(k == j)) for k in range(n))
            for j, n in zip(s, game.shape, strict=True)
        )
        eq = certify(game, profile)
        if eq is not None:
            out.append(eq)
    return out


def symbolic_equilibria(
    pg: Any,
    at: Mapping[str, Any] | None = None,
    points: Sequence[Mapping[str, Any]] = (),
) -> tuple[SymbolicEquilibrium, ...]:
    """Every equilibrium found at the given points, in closed form with its exact conditions.

    Parameters
    ----------
    pg : ParametricGame
    at : mapping, optional
        Parameter values overriding the defaults: the point where equilibria are found.
    points : sequence of mappings, optional
        More points (each completed with the values of ``at``) at which to look for
        equilibria. To cover a parameter's whole range, use the regimes of
        :func:`gametheory.sensitivity.analyse_parameter`, which are complete.

    Returns
    -------
    tuple of SymbolicEquilibrium
        Distinct formulas, each with the conditions (in all parameters) under which it is an
        equilibrium.
    """
    base = pg.values(at)
    out: list[SymbolicEquilibrium] = []
    seen = set()
    for point in [{}, *points]:
        values = pg.values({**base, **dict(point)})
        game, eqs = equilibria_at(pg, values)
        for eq in eqs:
            formula = equilibrium_formula(pg, game, eq.profile, values)
            key = (formula.probabilities, formula.payoffs)
            if key not in seen:
                seen.add(key)
                out.append(formula)
    return tuple(out)
