"""Every Nash equilibrium of a small game with any number of players, exactly.

Method
------
*Support enumeration with conditional dominance* (Porter, Nudelman and Shoham, 2008,
Algorithm 2), made exhaustive and exact. Every equilibrium has exactly one *support profile*
(the strategies each player plays with positive probability). The profiles are enumerated
player by player; after each choice, strategies *conditionally strictly dominated* given the
chosen supports and the other players' remaining strategies are removed (iteratively) from the
players still to choose, and the branch is abandoned when a chosen support strategy is itself
dominated: such a strategy is never a best response, so no equilibrium is lost.

On a surviving support profile :math:`(S_1, \\dots, S_N)` the equilibria are the solutions of
the indifference equations :math:`u_i(a, \\sigma_{-i}) = u_i(a_i^0, \\sigma_{-i})` for every
:math:`a \\in S_i` (one polynomial system, multilinear in the other players' probabilities,
with :math:`\\sigma_i(a_i^0) = 1 - \\sum_{a \\ne a_i^0} \\sigma_i(a)`) satisfying
:math:`\\sigma_i(a) > 0` on :math:`S_i` and :math:`u_i(b, \\sigma_{-i}) \\le u_i(a_i^0,
\\sigma_{-i})` for every :math:`b \\notin S_i`. The system is solved exactly by Groebner bases over
the rationals (:mod:`._polysystem`; why not resultants is said there): each isolated real
solution lies in a number field :math:`\\mathbb{Q}(\\theta)`, and its inequalities are decided by
exact sign computations there. A solution set of positive dimension is reported as a
:class:`~gametheory.result.SupportComponent` (equations and bounds), with sample equilibria
where rational points of it are found, never dropped.

Certification is separate from solving: each candidate profile's expected payoffs are
recomputed from the game's payoffs and every player's regret is shown to be exactly 0.

Cost: the number of support profiles grows as :math:`\\prod_i (2^{m_i} - 1)` before pruning and
the Groebner bases grow quickly with the support sizes; this method is for small games (see
``benchmarks/bench_nplayer.py`` for the sizes solved within a minute).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import numpy as np

from ..algebraic import field_sign, field_value
from ..game import Game
from ..result import AlgebraicEquilibrium, SolveResult, SupportComponent, certify
from ._polysystem import FieldPoint, NotInShapePosition, PositiveDimensional, real_solutions

__all__ = ["exact_nplayer_equilibria", "solve_support_profile", "support_profiles"]

Supports = tuple[tuple[int, ...], ...]

#: Rational values tried for the free variables of a positive-dimensional solution set, and
#: the number of trials (a bounded search for a certified sample point).
_SAMPLES = tuple(sorted({Fraction(k, d) for d in range(2, 9) for k in range(1, d)},
                        key=lambda v: (v.denominator, v)))
_TRIALS = 24


# ---------------------------------------------------------------------- conditional dominance
def _integer_payoffs(game: Game) -> list[np.ndarray]:
    arrays = []
    for ints, _ in game._integer_payoffs():
        flat = [int(v) for v in ints.reshape(-1)]
        dtype = np.int64 if max(map(abs, flat)) < 2**62 else object
        arrays.append(np.array(flat, dtype=dtype).reshape(ints.shape))
    return arrays


def _dominated(u: np.ndarray, player: int, sets: list[list[int]]) -> list[int]:
    """The strategies in ``sets[player]`` strictly dominated by a pure strategy given the
    other players' sets (Porter, Nudelman and Shoham 2008, Definition 1)."""
    index = [
        list(range(u.shape[player])) if j == player else s for j, s in enumerate(sets)
    ]
    sub = np.moveaxis(u[np.ix_(*index)], player, 0).reshape(u.shape[player], -1)
    return [a for a in sets[player] if bool(np.any(np.all(sub > sub[a], axis=1)))]


def _irsds(u: list[np.ndarray], sets: list[list[int]], fixed: int) -> list[list[int]] | None:
    """Iterated removal of conditionally dominated strategies from players ``fixed`` on.

    Returns the reduced sets, or None when a strategy of a chosen support (players before
    ``fixed``) is dominated or a player is left with nothing.
    """
    sets = [list(s) for s in sets]
    changed = True
    while changed:
        changed = False
        for j in range(len(sets)):
            out = _dominated(u[j], j, sets)
            if not out:
                continue
            if j < fixed:
                return None
            sets[j] = [a for a in sets[j] if a not in out]
            if not sets[j]:
                return None
            changed = True
    return sets


def support_profiles(game: Game) -> list[Supports]:
    """Every support profile that survives conditional dominance, smallest supports first.

    Examples
    --------
    In the prisoner's dilemma only (defect, defect) survives:

    >>> g = Game.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> support_profiles(g)
    [((1,), (1,))]
    """
    u = _integer_payoffs(game)
    n = game.n_players
    found: list[Supports] = []

    def recurse(i: int, sets: list[list[int]]) -> None:
        if i == n:
            found.append(tuple(tuple(s) for s in sets))
            return
        for size in range(1, len(sets[i]) + 1):
            for chosen in itertools.combinations(sets[i], size):
                trial = [*sets[:i], list(chosen), *sets[i + 1 :]]
                reduced = _irsds(u, trial, i + 1)
                if reduced is not None:
                    recurse(i + 1, reduced)

    start = _irsds(u, [list(range(k)) for k in game.shape], 0)
    if start is not None:
        recurse(0, start)
    found.sort(key=lambda s: (sum(map(len, s)), s))
    return found


# ---------------------------------------------------------------------- one support profile
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


# ---------------------------------------------------------------------- the solver
def _order_key(eq: AlgebraicEquilibrium) -> tuple[Any, ...]:
    # Floats only order the list (deterministically); nothing is decided with them.
    return (
        sum(map(len, eq.support_profile)),
        eq.support_profile,
        tuple(-float(p) for sigma in eq.profile for p in sigma),
    )


def exact_nplayer_equilibria(game: Game) -> SolveResult:
    """Every Nash equilibrium of a game with any number of players, exactly.

    Parameters
    ----------
    game : Game
        A (small) game with any number of players.

    Returns
    -------
    SolveResult
        Method ``"exact"``. ``equilibria``: every isolated equilibrium, as
        :class:`~gametheory.result.AlgebraicEquilibrium` (rational numbers as Fractions,
        irrational ones as :class:`~gametheory.algebraic.Algebraic`), certified, ordered by
        support size; plus certified sample points of the sets of positive dimension.
        ``components``: one :class:`~gametheory.result.SupportComponent` per support profile
        whose solution set has positive dimension. ``status``: ``"ok"``, ``"degenerate"``
        (there are such sets) or ``"incomplete"`` (a support profile could not be resolved,
        named in the message; ``complete`` is then False).

    References
    ----------
    R. Porter, E. Nudelman and Y. Shoham (2008), Simple search methods for finding a Nash
    equilibrium, *Games and Economic Behavior* 63, 642-662, Algorithm 2.

    R. D. McKelvey and A. McLennan (1996), Computation of equilibria in finite games,
    *Handbook of Computational Economics* 1, 87-142, section 6 (equilibria as the solutions of
    polynomial systems, one per support profile).

    Examples
    --------
    Three players, each paid 1 for matching the next player's coin and the last for
    mismatching the first's (Jordan's game): one equilibrium, every coin fair.

    >>> import itertools
    >>> table = {s: (int(s[0] == s[1]), int(s[1] == s[2]), int(s[2] != s[0]))
    ...          for s in itertools.product("HT", repeat=3)}
    >>> g = Game.from_payoffs(table, ("A", "B", "C"), [["H", "T"]] * 3)
    >>> r = exact_nplayer_equilibria(g)
    >>> [eq.to_dict()["strategies"]["A"] for eq in r.equilibria], r.status
    ([{'H': '1/2', 'T': '1/2'}], 'ok')
    """
    u = _integer_payoffs(game)
    profiles = support_profiles(game)
    equilibria: list[AlgebraicEquilibrium] = []
    pending: list[SupportOutcome] = []
    unresolved: list[Supports] = []
    for supports in profiles:
        outcome = solve_support_profile(game, supports, u)
        if outcome.unresolved:
            unresolved.append(supports)
        elif outcome.component is not None:
            pending.append(outcome)
        equilibria.extend(outcome.equilibria)
    equilibria.sort(key=_order_key)
    components = []
    for outcome in pending:
        members = tuple(
            k for k, eq in enumerate(equilibria) if eq.support_profile == outcome.supports
        )
        equations, bounds, legend = outcome.component_text
        components.append(
            SupportComponent(
                equilibria=members,
                support=_labels(game, outcome.supports),
                dimension=outcome.component.dimension if outcome.component else 0,
                equations=equations,
                bounds=bounds,
                variables=legend,
            )
        )
    total = 1
    for k in game.shape:
        total *= 2**k - 1
    searched = f"{len(profiles)} of {total} support profiles solved, the others pruned by " \
        "conditional dominance"
    isolated = len(equilibria) - sum(len(c.equilibria) for c in components)
    if unresolved:
        status = "incomplete"
        names = "; ".join(_support_text(game, s) for s in unresolved)
        message = f"{len(unresolved)} support profile(s) could not be solved ({names}); " \
            f"{searched}"
    elif components:
        status = "degenerate"
        message = (
            f"every equilibrium was found: {isolated} isolated, and {len(components)} set(s) "
            f"of positive dimension described by equations and bounds; {searched}"
        )
    else:
        status = "ok"
        message = f"every equilibrium was found ({len(equilibria)}); {searched}"
    return SolveResult(
        game=game,
        method="exact",
        equilibria=tuple(equilibria),
        components=tuple(components),
        exact=True,
        complete=not unresolved,
        status=status,
        message=message,
    )


def _labels(game: Game, supports: Supports) -> tuple[tuple[str, ...], ...]:
    return tuple(
        tuple(game.strategies[i][a] for a in s) for i, s in enumerate(supports)
    )


def _support_text(game: Game, supports: Supports) -> str:
    return " x ".join("{" + ", ".join(s) + "}" for s in _labels(game, supports))
