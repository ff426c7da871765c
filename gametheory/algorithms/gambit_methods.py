"""Fast, possibly incomplete equilibria of larger N-player games: Gambit's solvers, polished.

pygambit (an optional extra: ``pip install "gametheory-exact[gambit]"``) computes equilibria by
floating-point or simplicial methods:

``gnm``
    the global Newton method of Govindan and Wilson (2003), a homotopy from a random
    perturbation of the game; it may return several equilibria. It runs in a separate
    process with a time limit, because it can run for ever on degenerate games (it does on
    McKelvey and McLennan's 2x2x2 game).
``simpdiv``
    simplicial subdivision (van der Laan, Talman and van der Heyden, 1987) in rational
    arithmetic, started from the centroid and from every pure profile, so it may find
    several equilibria.

Every profile found is *polished* exactly: its support (probabilities above ``1e-9``) is
solved exactly by :func:`.exact_nplayer.solve_support_profile` (Groebner bases over the
rationals), and only the certified equilibria of that support profile are returned, exact.
A profile whose support yields no certified equilibrium is listed in ``rejected``. The result
is labelled ``complete=False``, status ``"incomplete"``: other equilibria may exist.
"""

from __future__ import annotations

import itertools
import multiprocessing
from fractions import Fraction
from typing import Any

from ..errors import GameValueError
from ..game import Game
from ..result import AlgebraicEquilibrium, SolveResult
from ._support_system import solve_support_profile
from .conditional_dominance import _integer_payoffs
from .exact_nplayer import _order_key

__all__ = ["gnm", "simpdiv"]

#: Seconds allowed to Gambit's homotopy before it is stopped.
TIME_LIMIT = 60.0
#: A probability above this is in the support of a floating-point profile.
SUPPORT_THRESHOLD = 1e-9


def _pygambit() -> Any:
    try:
        import pygambit
    except ImportError as exc:  # pragma: no cover - depends on the installation
        raise GameValueError(
            "this method needs pygambit", key="method",
            hint='install it with: pip install "gametheory-exact[gambit]"',
        ) from exc
    return pygambit


def _gambit_game(game: Game) -> Any:
    """The game for pygambit, with exact rational payoffs."""
    import numpy as np

    gbt = _pygambit()
    tables = [
        np.array([gbt.Rational(v.numerator, v.denominator) for v in a.reshape(-1)],
                 dtype=object).reshape(game.shape)
        for a in game.payoffs
    ]
    return gbt.Game.from_arrays(*tables)


def _profiles(result: Any, g: Any) -> list[list[list[float]]]:
    return [
        [[float(eq[s]) for s in player.strategies] for player in g.players]
        for eq in result.equilibria
    ]


def _run_gnm(payoffs: list[list[Any]], shape: tuple[int, ...], queue: Any) -> None:
    """Child process: Gambit's gnm on the game (payoffs as flat lists of (num, den))."""
    import numpy as np
    import pygambit as gbt

    tables = [
        np.array([gbt.Rational(n, d) for n, d in flat], dtype=object).reshape(shape)
        for flat in payoffs
    ]
    g = gbt.Game.from_arrays(*tables)
    queue.put(_profiles(gbt.nash.gnm_solve(g), g))


def _polish(game: Game, method: str, candidates: list[list[list[float]]], note: str
            ) -> SolveResult:
    u = _integer_payoffs(game)
    found: dict[Any, AlgebraicEquilibrium] = {}
    rejected = []
    for candidate in candidates:
        supports = tuple(
            tuple(k for k, p in enumerate(sigma) if p > SUPPORT_THRESHOLD) for sigma in candidate
        )
        outcome = solve_support_profile(game, supports, u)
        if not outcome.equilibria:
            rejected.append(tuple(tuple(Fraction(p).limit_denominator(10**12) for p in s)
                                  for s in candidate))
        for eq in outcome.equilibria:
            found[(supports, tuple(str(p) for s in eq.profile for p in s))] = eq
    equilibria = tuple(sorted(found.values(), key=_order_key))
    return SolveResult(
        game=game,
        method=method,
        equilibria=equilibria,
        exact=True,
        complete=False,
        status="incomplete",
        message=(
            f"{note}; each polished exactly on its support and certified "
            f"({len(equilibria)}); other equilibria may exist"
        ),
        rejected=tuple(rejected),
    )


def gnm(game: Game, time_limit: float = TIME_LIMIT) -> SolveResult:
    """Equilibria by Gambit's global Newton method, polished exactly (possibly incomplete).

    Parameters
    ----------
    game : Game
        Any number of players.
    time_limit : float
        Seconds before the homotopy is stopped (then the status is ``"failed"``).

    Returns
    -------
    SolveResult
        Method ``"gnm"``, ``complete=False``; every equilibrium certified exactly.

    Raises
    ------
    GameValueError
        If pygambit is not installed.

    References
    ----------
    S. Govindan and R. Wilson (2003), A global Newton method to compute Nash equilibria,
    *Journal of Economic Theory* 110, 65-86.
    """
    _pygambit()
    payoffs = [[(v.numerator, v.denominator) for v in a.reshape(-1)] for a in game.payoffs]
    context = multiprocessing.get_context("spawn")
    queue = context.Queue()
    process = context.Process(target=_run_gnm, args=(payoffs, game.shape, queue))
    process.start()
    try:
        candidates = queue.get(timeout=time_limit)
    except Exception:  # queue.Empty: the homotopy did not finish in time
        process.kill()
        process.join()
        return SolveResult(
            game=game, method="gnm", equilibria=(), exact=True, complete=False,
            status="failed",
            message=f"Gambit's gnm did not finish within {time_limit:g} seconds",
        )
    process.join()
    return _polish(game, "gnm", candidates,
                   f"Gambit's global Newton method found {len(candidates)} profile(s) "
                   "in floating point")


def simpdiv(game: Game) -> SolveResult:
    """Equilibria by Gambit's simplicial subdivision from several starts, polished exactly.

    Started from the centroid and from every pure profile (at most 64 starts).

    Parameters
    ----------
    game : Game

    Returns
    -------
    SolveResult
        Method ``"simpdiv"``, ``complete=False``; every equilibrium certified exactly.

    Raises
    ------
    GameValueError
        If pygambit is not installed.

    References
    ----------
    G. van der Laan, A. J. J. Talman and L. van der Heyden (1987), Simplicial variable
    dimension algorithms for solving the nonlinear complementarity problem on a product of
    unit simplices using a general labelling, *Mathematics of Operations Research* 12,
    377-397.
    """
    gbt = _pygambit()
    g = _gambit_game(game)
    starts = [g.mixed_strategy_profile(rational=True)]
    for index in itertools.islice(game.pure_profiles(), 63):
        start = g.mixed_strategy_profile(rational=True)
        for player, k in zip(g.players, index, strict=True):
            for j, s in enumerate(player.strategies):
                start[s] = gbt.Rational(int(j == k))
        starts.append(start)
    candidates = []
    for start in starts:
        candidates += _profiles(gbt.nash.simpdiv_solve(start), g)
    return _polish(game, "simpdiv", candidates,
                   f"Gambit's simplicial subdivision from {len(starts)} starts found "
                   f"{len(candidates)} profile(s)")
