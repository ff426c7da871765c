"""nashpy's floating-point equilibrium algorithms, with every result certified exactly.

nashpy (Knight and Campbell, 2018) computes in floating point. Each candidate it returns is
rounded to fractions and then *certified*: its regret, computed in rational arithmetic, must be
exactly zero (:func:`gametheory.result.certify`). A candidate whose rounding fails is
*polished*: the equal-payoff conditions on its supports are solved exactly
(:mod:`gametheory.algorithms._polish`) and the solution kept if it certifies. Candidates that
still fail are kept in :attr:`SolveResult.rejected` and never passed off as equilibria. Each
distinct candidate is counted once in the message.

The payoffs reach nashpy through :func:`gametheory.numbers.to_float_array`: a payoff beyond
the range of floats is a clear :class:`~gametheory.errors.GameValueError` for these methods
alone (the exact methods still work).

Rounding
--------
After scaling a player's payoffs to integers (which changes no equilibrium), the probabilities
of an extreme equilibrium solve a square linear system with the indifference equations and
:math:`\\sum_i x_i = 1`. By Cramer's rule their common denominator divides the determinant of
that bordered system, so it is at most the Hadamard bound :math:`H = \\sqrt{k}\\,(k M^2 + 1)^{k/2}`
with :math:`k = \\min(m, n)` and :math:`M` the largest absolute integer payoff after centring
(centring the payoffs leaves the determinant unchanged). Two fractions with denominators at most
:math:`H` differ by at least :math:`1/H^2`, so ``limit_denominator(H)`` returns the exact
probability whenever the floating-point error is below :math:`1/(2H^2)`. Since simple
equilibria are far more common than :math:`H` suggests, denominator bounds 10, 100, ... up to
:math:`H` are tried in turn, each rounding is renormalised to sum to one exactly, and the first
that certifies is kept; a rounding more than 1e-7 away from nashpy's floats is never used
(so a candidate is never snapped onto a different point).

Status and completeness
-----------------------
``exact`` is False (the algorithms run in floating point; the equilibria returned are certified
exactly). ``status`` is ``"incomplete"`` if any candidate was rejected or a run failed, else
``"degenerate"`` if the game is degenerate (checked exactly), else ``"ok"``. ``complete`` is
True only for support and vertex enumeration on a nondegenerate game with nothing rejected and
an odd number of equilibria: in exact arithmetic both algorithms find every equilibrium of a
nondegenerate game, and such a game has an odd number of equilibria (an even count proves that
floating point lost one). Lemke-Howson is never complete, even from every starting label.
For every equilibrium of a degenerate game, use the method ``"exact"``. Degeneracy is decided
(by enumerating both best-response polytopes) only up to :data:`DEGENERACY_LIMIT` strategies per
player; beyond, the message says it was not decided and ``complete`` is False.
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable, Iterable

import numpy as np

from ..errors import GameValueError
from ..game import Game, Profile
from ..numbers import to_float_array
from ..result import Equilibrium, SolveResult, certify
from ._exact_lp import ROUNDING_TOLERANCE, rational_candidates
from ._polish import polish
from ._polytope import enumerate_vertices

__all__ = ["lemke_howson", "support_enumeration", "vertex_enumeration"]

_Candidate = tuple[np.ndarray, np.ndarray]

#: Largest number of strategies of a player for which degeneracy is decided (by enumerating
#: both best-response polytopes, which grows exponentially with the size).
DEGENERACY_LIMIT = 10
#: Largest m + n for which Lemke-Howson runs in nashpy (floating point); larger games use the
#: exactly certified path of :mod:`._lemke_howson`.
NASHPY_LABELS_LIMIT = 40


def _integers(matrix: np.ndarray) -> np.ndarray:
    """The matrix times the lcm of its denominators, as Python integers."""
    scale = math.lcm(*(v.denominator for v in matrix.reshape(-1)))
    return np.array([[int(v * scale) for v in row] for row in matrix], dtype=object)


def denominator_bound(matrix: np.ndarray) -> int:
    """Hadamard bound on the denominators of the opponent's equilibrium probabilities.

    ``matrix`` is the payoff matrix that makes the *other* player indifferent (the column
    player's matrix B bounds the row player's probabilities, and vice versa).

    Examples
    --------
    >>> from fractions import Fraction as F
    >>> denominator_bound(np.array([[F(1), F(-1)], [F(-1), F(1)]], dtype=object))
    5
    """
    ints = _integers(matrix)
    low, high = min(ints.reshape(-1)), max(ints.reshape(-1))
    centre = (low + high) // 2
    size = max(abs(low - centre), abs(high - centre))
    k = min(matrix.shape)
    # sqrt(k) * (k M^2 + 1)^(k/2) = sqrt(k (k M^2 + 1)^k), rounded up.
    return math.isqrt(k * (k * size * size + 1) ** k) + 1


def is_degenerate(game: Game) -> bool:
    """True if the two-player game is degenerate, decided exactly.

    A bimatrix game is nondegenerate when no mixed strategy with support of size k has more
    than k pure best responses; equivalently (with positive payoffs) no vertex of a
    best-response polytope has more labels than its dimension (von Stengel, 2007, section 3.6).

    Examples
    --------
    >>> is_degenerate(Game.from_arrays([[1, -1], [-1, 1]]))
    False
    >>> is_degenerate(Game.from_arrays([[1, 1], [0, 2]], [[1, 1], [1, 1]]))
    True
    """
    a, b = game.matrices()
    m, n = game.shape

    def positive(matrix: np.ndarray) -> np.ndarray:
        shifted = matrix - min(matrix.reshape(-1)) + 1
        return _integers(shifted)

    p_labels = enumerate_vertices(positive(b).T.copy()).labels
    q_labels = enumerate_vertices(positive(a)).labels
    return any(v.bit_count() > m for v in p_labels) or any(v.bit_count() > n for v in q_labels)


def _check_two_players(game: Game, method: str) -> None:
    if game.n_players != 2:
        raise GameValueError(
            f"method {method!r} needs a two-player game; this one has {game.n_players} players",
            key="method",
        )


def _exact_candidate(
    game: Game, x: np.ndarray, y: np.ndarray, bounds: tuple[int, int]
) -> tuple[Equilibrium | None, Profile | None]:
    """Round a float candidate and certify it: (equilibrium, None), (None, rejected profile),
    or (None, None) for a malformed candidate (wrong shape, not finite, not a probability)."""
    m, n = game.shape
    x = np.asarray(x, dtype=float).reshape(-1)
    y = np.asarray(y, dtype=float).reshape(-1)
    if x.shape != (m,) or y.shape != (n,) or not (np.isfinite(x).all() and np.isfinite(y).all()):
        return None, None
    if min(x.min(), y.min()) < -ROUNDING_TOLERANCE or x.sum() <= 0 or y.sum() <= 0:
        return None, None
    # With no rounding close enough, the nearest fractions with denominators up to 10^12 stand
    # for the candidate (to be rejected).
    xs = rational_candidates(x.tolist(), bounds[0]) or rational_candidates(x.tolist(), 10**12)
    ys = rational_candidates(y.tolist(), bounds[1]) or rational_candidates(y.tolist(), 10**12)
    if not xs or not ys:
        return None, None
    # Try the roundings in step (simplest first); the last pair is the closest to the floats.
    steps = max(len(xs), len(ys))
    for k in range(steps):
        profile = (xs[min(k, len(xs) - 1)], ys[min(k, len(ys) - 1)])
        equilibrium = certify(game, profile)
        if equilibrium is not None:
            return equilibrium, None
    return None, (xs[-1], ys[-1])


def _run(
    game: Game,
    method: str,
    name: str,
    runs: Callable[[object], Iterable[Callable[[], Iterable[_Candidate]]]],
    can_be_complete: bool,
) -> SolveResult:
    _check_two_players(game, method)
    import nashpy

    a, b = game.matrices()
    where = f"the method {method!r}"
    nashpy_game = nashpy.Game(*(to_float_array(p, where=where) for p in game.payoffs))
    bounds = (denominator_bound(b), denominator_bound(a))
    found: dict[Profile, Equilibrium] = {}
    rejected: list[Profile] = []
    seen: set[tuple[tuple[float, ...], tuple[float, ...]]] = set()
    malformed = failed = polished = 0
    failure = ""
    for run in runs(nashpy_game):
        # nashpy warns about degenerate games; degeneracy is decided exactly below and
        # reported in the status instead. Numerical failures inside nashpy on degenerate
        # input take many forms, so any exception counts as one failed run.
        try:
            with warnings.catch_warnings(), np.errstate(all="ignore"):
                warnings.simplefilter("ignore")
                candidates = list(run())
        except Exception as exc:
            failed += 1
            text = str(exc) if isinstance(exc, _CyclingError) else f"{type(exc).__name__}: {exc}"
            failure = failure or text.splitlines()[0]
            continue
        for x, y in candidates:
            key = _candidate_key(x, y)
            if key is not None:
                if key in seen:  # the same candidate again (another run or label)
                    continue
                seen.add(key)
            equilibrium, profile = _exact_candidate(game, x, y, bounds)
            if equilibrium is None and profile is not None:
                equilibrium = polish(game, *key) if key is not None else None
                polished += equilibrium is not None and equilibrium.profile not in found
            if equilibrium is not None:
                found.setdefault(equilibrium.profile, equilibrium)
            elif profile is not None:
                if profile not in rejected:
                    rejected.append(profile)
            else:
                malformed += 1
    equilibria = tuple(
        found[key] for key in sorted(found, key=lambda p: tuple(tuple(-v for v in s) for s in p))
    )
    # Deciding degeneracy enumerates both best-response polytopes; beyond a size where that is
    # cheap it is left undecided (None) rather than left to run for hours.
    degenerate = is_degenerate(game) if max(game.shape) <= DEGENERACY_LIMIT else None

    notes = [f"{name} found {len(equilibria)} equilibri{'um' if len(equilibria) == 1 else 'a'}"]
    if polished:
        notes.append(
            f"{polished} of them certified by an exact polish on the candidate's supports "
            "(its rounding was not an equilibrium)"
        )
    if rejected:
        notes.append(
            f"{len(rejected)} candidate{'s' if len(rejected) > 1 else ''} rejected: not an "
            "equilibrium once rounded to fractions"
        )
    if malformed:
        notes.append(f"{malformed} malformed candidate{'s' if malformed > 1 else ''} dropped")
    if failed:
        notes.append(f"{failed} run{'s' if failed > 1 else ''} failed in nashpy ({failure})")
    if degenerate:
        notes.append(f"the game is degenerate, so {name} may miss equilibria")
    elif degenerate is None:
        notes.append(
            f"degeneracy not decided (more than {DEGENERACY_LIMIT} strategies), so {name} "
            "may miss equilibria"
        )
    # A nondegenerate game has an odd number of equilibria: an even count proves a miss.
    missed = can_be_complete and degenerate is False and len(equilibria) % 2 == 0
    if missed:
        notes.append("an even number of equilibria in a nondegenerate game: some were missed")
    if rejected or malformed or failed or missed:
        status = "incomplete"
    elif degenerate:
        status = "degenerate"
    else:
        status = "ok"
    complete = can_be_complete and status == "ok" and degenerate is False
    if complete:
        notes.append("every equilibrium was found (the game is nondegenerate)")
    elif not can_be_complete:
        notes.append(f"{name} need not find every equilibrium")
    return SolveResult(
        game=game,
        method=method,
        equilibria=equilibria,
        exact=False,
        complete=complete,
        status=status,
        message="; ".join(notes),
        rejected=tuple(rejected),
    )


def _candidate_key(x: object, y: object) -> tuple[tuple[float, ...], tuple[float, ...]] | None:
    """A float candidate as a hashable pair, rounded to 12 decimals; None if malformed."""
    try:
        xs = np.asarray(x, dtype=float).reshape(-1)
        ys = np.asarray(y, dtype=float).reshape(-1)
    except (TypeError, ValueError):
        return None
    if not (np.isfinite(xs).all() and np.isfinite(ys).all()):
        return None
    return tuple(round(v, 12) for v in xs.tolist()), tuple(round(v, 12) for v in ys.tolist())


class _CyclingError(RuntimeError):
    """Floating-point Lemke-Howson returned to a basis it had left."""


def _lemke_howson_path(a: np.ndarray, b: np.ndarray, label: int) -> _Candidate:
    """nashpy's Lemke-Howson (lexicographic, integer pivoting) with a guard against cycling.

    The same steps as ``nashpy.algorithms.lemke_howson.lemke_howson``. In exact arithmetic
    lexicographic pivoting cannot cycle, but in floating point nashpy can loop for ever on
    some degenerate games (for example a 3 x 1 game with tied payoffs); a tableau is determined
    by its basis, so a repeated (basis, entering label) state proves a cycle and ends the run.
    """
    from nashpy.linalg import create_col_tableau, create_row_tableau

    col_tableau = create_col_tableau(a, True)
    row_tableau = create_row_tableau(b, True)
    tableaux = (row_tableau, col_tableau)
    turn = 0 if label in row_tableau.non_basic_variables else 1
    full_labels = col_tableau.labels
    entering = label
    seen: set[tuple[int, int, frozenset[int], frozenset[int]]] = set()
    while True:
        state = (
            turn,
            entering,
            frozenset(col_tableau.non_basic_variables),
            frozenset(row_tableau.non_basic_variables),
        )
        if state in seen:
            raise _CyclingError(f"Lemke-Howson cycles from label {label}")
        seen.add(state)
        entering = tableaux[turn].pivot_and_drop_label(entering)
        turn = 1 - turn
        if col_tableau.non_basic_variables | row_tableau.non_basic_variables == full_labels:
            break
    return (
        row_tableau.to_strategy(col_tableau.non_basic_variables),
        col_tableau.to_strategy(row_tableau.non_basic_variables),
    )


def support_enumeration(game: Game) -> SolveResult:
    """nashpy's support enumeration, with every result certified exactly.

    Parameters
    ----------
    game : Game
        A two-player game.

    Returns
    -------
    SolveResult
        Method ``"support-enumeration"``; certified equilibria in the order of method
        ``"exact"``; ``exact=False``; ``complete`` and ``status`` as in the module docstring;
        candidates that are not equilibria once rounded are in ``rejected``.

    Raises
    ------
    GameValueError
        If the game does not have two players.

    References
    ----------
    Algorithm 3.4 in B. von Stengel (2007), Equilibrium computation for two-player games in
    strategic and extensive form, ch. 3 of *Algorithmic Game Theory*.

    Examples
    --------
    >>> g = Game.from_arrays([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    >>> r = support_enumeration(g)
    >>> [eq.to_dict()["strategies"]["Row"] for eq in r.equilibria]
    [{'1': '1', '2': '0'}, {'1': '2/3', '2': '1/3'}, {'1': '0', '2': '1'}]
    >>> r.status, r.complete, r.exact
    ('ok', True, False)
    """
    return _run(
        game,
        "support-enumeration",
        "support enumeration",
        lambda g: [g.support_enumeration],
        can_be_complete=True,
    )


def vertex_enumeration(game: Game) -> SolveResult:
    """nashpy's vertex enumeration, with every result certified exactly.

    Parameters
    ----------
    game : Game
        A two-player game.

    Returns
    -------
    SolveResult
        Method ``"vertex-enumeration"``; as :func:`support_enumeration`.

    Raises
    ------
    GameValueError
        If the game does not have two players.

    References
    ----------
    Algorithm 3.5 in B. von Stengel (2007), Equilibrium computation for two-player games in
    strategic and extensive form, ch. 3 of *Algorithmic Game Theory*.

    Examples
    --------
    >>> g = Game.from_arrays([[1, -1], [-1, 1]])
    >>> r = vertex_enumeration(g)
    >>> r.equilibria[0].to_dict()["strategies"]
    {'Row': {'1': '1/2', '2': '1/2'}, 'Column': {'1': '1/2', '2': '1/2'}}
    >>> r.complete
    True
    """
    return _run(
        game,
        "vertex-enumeration",
        "vertex enumeration",
        lambda g: [g.vertex_enumeration],
        can_be_complete=True,
    )


def lemke_howson(game: Game) -> SolveResult:
    """nashpy's Lemke-Howson algorithm from every starting label, certified exactly.

    Runs the algorithm once for each initially dropped label 0, ..., m + n - 1 and keeps the
    distinct equilibria found. A game with more than :data:`NASHPY_LABELS_LIMIT` strategies in
    all (where nashpy's floating-point integer pivoting overflows) is solved by
    :func:`gametheory.algorithms._lemke_howson.large_lemke_howson` instead: the same paths
    followed in floating point, their end supports solved and certified exactly, from every
    label up to :data:`gametheory.algorithms._lemke_howson.ALL_LABELS_LIMIT` strategies and
    from the first label that gives an equilibrium beyond (one equilibrium, in seconds, on a
    200 x 200 game); it never enumerates the polytopes.

    Parameters
    ----------
    game : Game
        A two-player game.

    Returns
    -------
    SolveResult
        Method ``"lemke-howson"``; ``complete=False`` always (Lemke-Howson from every label may
        still miss equilibria); otherwise as :func:`support_enumeration`.

    Raises
    ------
    GameValueError
        If the game does not have two players.

    References
    ----------
    C. E. Lemke and J. T. Howson (1964), Equilibrium points of bimatrix games, *SIAM J. Appl.
    Math.* 12, 413-423; Algorithm 3.6 in von Stengel (2007).

    Examples
    --------
    In this coordination game Lemke-Howson from any label reaches a pure equilibrium, never the
    mixed one:

    >>> g = Game.from_arrays([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    >>> r = lemke_howson(g)
    >>> [eq.is_pure for eq in r.equilibria], r.complete
    ([True, True], False)
    """
    m, n = game.shape if game.n_players == 2 else (0, 0)
    if m + n > NASHPY_LABELS_LIMIT:
        from ._lemke_howson import large_lemke_howson

        return large_lemke_howson(game)
    return _run(
        game,
        "lemke-howson",
        "Lemke-Howson from every starting label",
        lambda g: [
            (lambda label=label: [_lemke_howson_path(*g.payoff_matrices, label)])
            for label in range(m + n)
        ],
        can_be_complete=False,
    )
