"""The equilibria of an N-player game with one given support profile, exactly.

See :mod:`.exact_nplayer` for the method: the indifference equations are solved by
:func:`._polysystem.real_solutions`, each solution is certified from the game's payoffs in its
number field, and a solution set of positive dimension is described by its equations and
bounds, with a certified sample point where a bounded search finds one.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np

from ..algebraic import Algebraic, field_sign, field_value, real_root_intervals
from ..game import Game
from ..result import AlgebraicEquilibrium, certify
from ._polysystem import FieldPoint, NotInShapePosition, PositiveDimensional, real_solutions
from .conditional_dominance import Supports, _integer_payoffs

__all__ = ["SupportOutcome", "solve_support_profile"]

#: Rational values tried for the free variables of a positive-dimensional solution set, and
#: the number of trials (a bounded search for a certified sample point).
_SAMPLES = tuple(sorted({Fraction(k, d) for d in range(2, 9) for k in range(1, d)},
                        key=lambda v: (v.denominator, v)))
_TRIALS = 24


@dataclass
class SupportOutcome:
    """What one support profile holds: certified equilibria, a component, or unresolved."""

    supports: Supports
    equilibria: list[AlgebraicEquilibrium] = field(default_factory=list)
    component: PositiveDimensional | None = None
    component_text: tuple[tuple[str, ...], tuple[str, ...], tuple[tuple[str, str], ...]] = (
        (),
        (),
        (),
    )
    unresolved: bool = False


def _symbols(game: Game, supports: Supports) -> tuple[list[list[Any]], list[Any], list[str]]:
    """Each player's probabilities as sympy expressions, the free variables and their names."""
    from sympy import Integer, Symbol

    probabilities: list[list[Any]] = []
    free: list[Any] = []
    names: list[str] = []
    for i, support in enumerate(supports):
        row: list[Any] = [Integer(0)] * game.shape[i]
        rest = []
        for a in support[1:]:
            symbol = Symbol(f"p{i + 1}_{a + 1}")
            row[a] = symbol
            rest.append(symbol)
            free.append(symbol)
            names.append(f"{game.players[i]}:{game.strategies[i][a]}")
        row[support[0]] = 1 - sum(rest)
        probabilities.append(row)
    return probabilities, free, names


def _payoff_expressions(
    game: Game, u: list[np.ndarray], supports: Supports, probabilities: list[list[Any]]
) -> list[list[Any]]:
    """u_i(a, sigma_-i) for every player i and strategy a, as polynomials (scaled payoffs)."""
    from sympy import expand

    n = game.n_players
    out = []
    for i in range(n):
        others = [supports[j] for j in range(n) if j != i]
        weights = []
        for r in itertools.product(*others):
            term = 1
            for j, a in zip((j for j in range(n) if j != i), r, strict=True):
                term = term * probabilities[j][a]
            weights.append((r, term))
        row = []
        for a in range(game.shape[i]):
            total = 0
            for r, term in weights:
                index = list(r)
                index.insert(i, a)
                value = int(u[i][tuple(index)])
                if value:
                    total += value * term
            row.append(expand(total))
        out.append(row)
    return out


def _field_poly(expression: Any, variables: list[Any], values: list[Any], point: FieldPoint,
                t: Any) -> Any:
    """An expression in the variables, at the point, as a polynomial in t reduced mod f."""
    from sympy import Poly

    poly = Poly(expression, *variables, domain="QQ") if variables else None
    if poly is None:
        return Poly(expression, t, domain="QQ")
    total = Poly(0, t, domain="QQ")
    for monomial, coefficient in poly.terms():
        term = Poly(coefficient, t, domain="QQ")
        for value, exponent in zip(values, monomial, strict=True):
            for _ in range(exponent):
                term = (term * value).rem(point.minimal)
        total += term
    return total.rem(point.minimal)


def _certified(
    game: Game, u: list[np.ndarray], supports: Supports, point: FieldPoint,
    probabilities: list[list[Any]], free: list[Any],
) -> AlgebraicEquilibrium | None:
    """The equilibrium at a solution point, certified exactly, or None if it is not one."""
    from sympy import Poly, Rational

    t = point.minimal.gens[0]
    sigma = [
        [_field_poly(p, free, list(point.coordinates), point, t) for p in row]
        for row in probabilities
    ]
    # Exact support: positive on the support (zero elsewhere by construction).
    for i, support in enumerate(supports):
        if any(field_sign(sigma[i][a], point.minimal, point.theta) <= 0 for a in support):
            return None
    if point.minimal.degree() == 1:
        profile = tuple(
            tuple(Fraction(field_value(p, point.minimal, point.theta)) for p in row)
            for row in sigma
        )
        eq = certify(game, profile)
        if eq is None:
            return None
        return AlgebraicEquilibrium(
            eq.players, eq.strategies, eq.profile, eq.payoffs, Fraction(0), supports
        )
    # Irrational: recompute every pure strategy's payoff from the game, in Q(theta).
    payoffs = []
    for i in range(game.n_players):
        scale = game._integer_payoffs()[i][1]
        others = [j for j in range(game.n_players) if j != i]
        against = []
        for a in range(game.shape[i]):
            total = Poly(0, t, domain="QQ")
            for r in itertools.product(*(range(game.shape[j]) for j in others)):
                weight = Poly(int(u[i][(*r[:i], a, *r[i:])]), t, domain="QQ")
                if weight.is_zero:
                    continue
                for j, b in zip(others, r, strict=True):
                    weight = (weight * sigma[j][b]).rem(point.minimal)
                total += weight
            against.append(total.rem(point.minimal))
        value = Poly(0, t, domain="QQ")
        for a in range(game.shape[i]):
            value += sigma[i][a] * against[a]
        value = value.rem(point.minimal)
        if any(field_sign(w - value, point.minimal, point.theta) > 0 for w in against):
            return None
        true_value = value * Poly(Rational(1, scale), t, domain="QQ")
        payoffs.append(field_value(true_value, point.minimal, point.theta))
    profile = tuple(
        tuple(field_value(p, point.minimal, point.theta) for p in row) for row in sigma
    )
    return AlgebraicEquilibrium(
        game.players, game.strategies, profile, tuple(payoffs), Fraction(0), supports
    )


def solve_support_profile(game: Game, supports: Supports,
                          u: list[np.ndarray] | None = None) -> SupportOutcome:
    """Every equilibrium with exactly the given support profile, exactly.

    Parameters
    ----------
    game : Game
    supports : tuple of tuple of int
        Each player's support (strategy indices, ascending).

    Returns
    -------
    SupportOutcome
        Its certified isolated equilibria, or the positive-dimensional solution set (with
        certified sample points), or ``unresolved=True``.
    """
    from sympy import Poly, symbols

    u = _integer_payoffs(game) if u is None else u
    outcome = SupportOutcome(supports)
    probabilities, free, names = _symbols(game, supports)
    payoff = _payoff_expressions(game, u, supports, probabilities)
    equations = [
        payoff[i][a] - payoff[i][s[0]] for i, s in enumerate(supports) for a in s[1:]
    ]
    t = symbols("t")
    if not free:
        point = FieldPoint(Poly(t, t, domain="QQ"), Fraction(0), ())
        eq = _certified(game, u, supports, point, probabilities, free)
        outcome.equilibria = [eq] if eq is not None else []
        return outcome
    try:
        solutions = real_solutions(equations, tuple(free))
    except NotInShapePosition:
        outcome.unresolved = True
        return outcome
    if isinstance(solutions, PositiveDimensional):
        described = _describe(game, supports, solutions, probabilities, payoff, free, names)
        if described is None:
            return outcome
        if len(free) == 1:
            found, continuum = _one_variable(game, u, supports, probabilities, payoff, free[0])
            if not continuum:  # isolated equilibria only, or none: decided exactly
                outcome.equilibria = found
                return outcome
            outcome.component = solutions
            outcome.component_text = described
            outcome.equilibria = found
            return outcome
        outcome.component = solutions
        outcome.component_text = described
        outcome.equilibria = _witnesses(game, u, supports, solutions, equations,
                                        probabilities, free)
        return outcome
    for point in solutions:
        eq = _certified(game, u, supports, point, probabilities, free)
        if eq is not None:
            outcome.equilibria.append(eq)
    return outcome


def _describe(game: Game, supports: Supports, solutions: PositiveDimensional,
              probabilities: list[list[Any]], payoff: list[list[Any]], free: list[Any],
              names: list[str]) -> tuple[tuple[str, ...], tuple[str, ...],
                                         tuple[tuple[str, str], ...]] | None:
    """The equations, bounds and variable legend of a positive-dimensional solution set, or
    None when a bound fails identically (the set then holds no equilibrium)."""
    from sympy import Symbol, expand

    equations = [f"{expand(e)} = 0" for e in solutions.basis]
    legend = [(str(v), name) for v, name in zip(free, names, strict=True)]
    bounds = []
    for i, support in enumerate(supports):
        first = Symbol(f"p{i + 1}_{support[0] + 1}")
        legend.append((str(first), f"{game.players[i]}:{game.strategies[i][support[0]]}"))
        equations.append(f"{first} = {probabilities[i][support[0]]}")
        bounds += [f"{Symbol(f'p{i + 1}_{a + 1}')} > 0" for a in support]
        for b in range(game.shape[i]):
            if b not in support:
                gain = expand(payoff[i][b] - payoff[i][support[0]])
                if gain.is_number and gain > 0:
                    return None  # b is always strictly better: the set holds no equilibrium
                if not gain.is_number:
                    bounds.append(f"{gain} <= 0")
    legend.sort()
    return tuple(equations), tuple(bounds), tuple(legend)


def _one_variable(game: Game, u: list[np.ndarray], supports: Supports,
                  probabilities: list[list[Any]], payoff: list[list[Any]], x: Any
                  ) -> tuple[list[AlgebraicEquilibrium], bool]:
    """The equilibria of a support profile with one free probability ``x`` and no equation,
    decided exactly: ``(a certified point of an interval of equilibria, True)``, or
    ``(the isolated equilibria, False)``.

    Every condition is a polynomial sign condition in ``x``; signs are constant between
    consecutive real roots of the conditions, so testing a rational point in each gap and
    every root (in its number field) decides the set.
    """
    from functools import cmp_to_key

    from sympy import Poly, factor_list, symbols

    t = symbols("t")
    conditions = [probabilities[i][a] for i, s in enumerate(supports) for a in s]
    conditions += [payoff[i][b] - payoff[i][s[0]] for i, s in enumerate(supports)
                   for b in range(game.shape[i]) if b not in s]
    roots: dict[Any, tuple[Any, Any]] = {}
    for condition in conditions:
        poly = Poly(condition, x, domain="QQ")
        if poly.degree() < 1:
            continue
        for factor, _ in factor_list(poly)[1]:
            f = Poly(factor.as_expr().subs(x, t), t, domain="QQ").monic()
            if f.degree() == 1:
                value = -f.all_coeffs()[1]
                root: Any = Fraction(int(value.p), int(value.q))
                roots[root] = (f, root)
                continue
            integer = [int(c) for c in f.clear_denoms()[1].all_coeffs()]
            for k, interval in enumerate(real_root_intervals(tuple(integer))):
                root = Algebraic(tuple(integer), k, interval)
                roots[root] = (f, root)
    ordered = sorted(roots.values(), key=cmp_to_key(
        lambda p, q: -1 if p[1] < q[1] else (1 if p[1] > q[1] else 0)))
    values = [r for _, r in ordered]
    tests = [_below(values[0]) - 1, _above(values[-1]) + 1] if values else [Fraction(1, 2)]
    tests += [_between(a, b) for a, b in itertools.pairwise(values)]
    for q in tests:
        point = FieldPoint(Poly(t - q, t, domain="QQ"), q, (Poly(q, t, domain="QQ"),))
        eq = _certified(game, u, supports, point, probabilities, [x])
        if eq is not None:
            return [eq], True
    isolated = []
    for f, root in ordered:
        eq = _certified(game, u, supports, FieldPoint(f, root, (Poly(t, t, domain="QQ"),)),
                        probabilities, [x])
        if eq is not None:
            isolated.append(eq)
    return isolated, False


def _below(value: Any) -> Fraction:
    return value if isinstance(value, Fraction) else value.interval[0]


def _above(value: Any) -> Fraction:
    return value if isinstance(value, Fraction) else value.interval[1]


def _between(a: Any, b: Any) -> Fraction:
    """A rational strictly between two real algebraic numbers a < b."""
    while not _above(a) < _below(b):
        for v in (a, b):
            if not isinstance(v, Fraction):
                v._bisect()
    return (_above(a) + _below(b)) / 2


def _witnesses(game: Game, u: list[np.ndarray], supports: Supports,
               solutions: PositiveDimensional, equations: list[Any],
               probabilities: list[list[Any]], free: list[Any]) -> list[AlgebraicEquilibrium]:
    """Certified equilibria of a positive-dimensional set, at rational values of its free
    variables (a bounded search: at most one equilibrium, from :data:`_TRIALS` trials)."""
    from sympy import Poly, symbols

    t = symbols("t")
    chosen = [free[k] for k in solutions.independent]
    rest = [v for v in free if v not in chosen]
    for values in itertools.islice(itertools.product(_SAMPLES, repeat=len(chosen)), _TRIALS):
        fixed = dict(zip(chosen, values, strict=True))
        system = [e.subs(fixed) for e in equations]
        if rest:
            system = [e for e in system if e != 0]
            try:
                points = real_solutions(system, tuple(rest)) if system else []
            except NotInShapePosition:
                continue
            if not isinstance(points, list):
                continue
        else:
            if any(e != 0 for e in system):
                continue
            points = [FieldPoint(Poly(t, t, domain="QQ"), Fraction(0), ())]
        for point in points:
            coordinates = []
            by_rest = dict(zip(rest, point.coordinates, strict=True))
            for v in free:
                if v in fixed:
                    coordinates.append(Poly(fixed[v], point.minimal.gens[0], domain="QQ"))
                else:
                    coordinates.append(by_rest[v])
            full = FieldPoint(point.minimal, point.theta, tuple(coordinates))
            eq = _certified(game, u, supports, full, probabilities, free)
            if eq is not None:
                return [eq]
    return []
