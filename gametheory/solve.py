"""One entry point to every equilibrium solver, choosing the method by name.

Examples
--------
>>> from gametheory import Game
>>> g = Game.from_arrays([[2, 0], [0, 1]], [[1, 0], [0, 2]])
>>> [eq.to_dict()["strategies"]["Row"] for eq in solve(g).equilibria]
[{'1': '1', '2': '0'}, {'1': '2/3', '2': '1/3'}, {'1': '0', '2': '1'}]
>>> solve(g, method="simplex")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
gametheory.errors.GameValueError: method: unknown method 'simplex' (expected one of 'exact', ...)
>>> solve(g, method="exakt")
Traceback (most recent call last):
...
gametheory.errors.GameValueError: method: unknown method 'exakt' (did you mean 'exact'?)
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import Any

from .errors import GameValueError, did_you_mean
from .game import Game

__all__ = ["BAYESIAN_METHODS", "METHODS", "TREE_METHODS", "solve"]

#: Method name -> (module, function, description). Modules are imported on first use so that
#: the command line starts fast.
METHODS: dict[str, tuple[str, str, str]] = {
    "exact": (
        ".algorithms.exact",
        "exact_equilibria",
        "every equilibrium, exact: extreme equilibria and components (two players), "
        "support enumeration and Groebner bases, algebraic numbers (more players)",
    ),
    "pure": (".algorithms.pure", "pure_equilibria", "pure equilibria, exact (any players)"),
    "support-enumeration": (
        ".algorithms.nashpy_methods",
        "support_enumeration",
        "nashpy's support enumeration, certified exactly (two players)",
    ),
    "vertex-enumeration": (
        ".algorithms.nashpy_methods",
        "vertex_enumeration",
        "nashpy's vertex enumeration, certified exactly (two players)",
    ),
    "lemke-howson": (
        ".algorithms.nashpy_methods",
        "lemke_howson",
        "nashpy's Lemke-Howson from every starting label, certified exactly (two players)",
    ),
    "zero-sum": (
        ".algorithms.zero_sum",
        "zero_sum_equilibrium",
        "value and optimal strategies by linear programming (two-player constant-sum)",
    ),
    "gnm": (
        ".algorithms.gambit_methods",
        "gnm",
        "Gambit's global Newton method, polished exactly, possibly incomplete (pygambit)",
    ),
    "simpdiv": (
        ".algorithms.gambit_methods",
        "simpdiv",
        "Gambit's simplicial subdivision, polished exactly, possibly incomplete (pygambit)",
    ),
}


#: Methods for game trees (:class:`gametheory.extensive.Tree`), as :data:`METHODS`.
TREE_METHODS: dict[str, tuple[str, str, str]] = {
    "spe": (
        ".extensive.spe",
        "spe",
        "subgame-perfect equilibria: subgames solved exactly and combined, certified",
    ),
    "backward-induction": (
        ".extensive.backward_induction",
        "backward_induction",
        "every pure subgame-perfect equilibrium of a perfect-information tree",
    ),
    "exact": (
        ".extensive.sequence_form",
        "sequence_form_equilibria",
        "every extreme Nash equilibrium (sequence form, two players), subgame-perfect ones marked",
    ),
    "pure": (
        ".extensive.nash",
        "pure_tree",
        "every pure Nash equilibrium, subgame-perfect ones marked (any players)",
    ),
    "pbe": (
        ".extensive.pbe",
        "pbe",
        "every pure weak perfect Bayesian equilibrium, beliefs exact; signalling games "
        "classified and tested by the Intuitive Criterion",
    ),
}


#: Methods for Bayesian games (:class:`gametheory.bayesian.BayesianGame`), as :data:`METHODS`.
BAYESIAN_METHODS: dict[str, tuple[str, str, str]] = {
    "exact": (
        ".bayesian.bne",
        "exact_bayesian",
        "every extreme Bayesian Nash equilibrium (ex-ante strategic form), exact (two players)",
    ),
    "pure": (
        ".bayesian.bne",
        "pure_bayesian",
        "every pure Bayesian Nash equilibrium (type-agent form), exact (any players)",
    ),
}


def _bayesian_method(name: str) -> Callable[[Any], Any]:
    if name not in BAYESIAN_METHODS:
        raise GameValueError(
            f"method {name!r} does not apply to a Bayesian game", key="method",
            hint="methods for a Bayesian game: " + ", ".join(BAYESIAN_METHODS),
        )
    module, function, _ = BAYESIAN_METHODS[name]
    return getattr(import_module(module, __package__), function)


def _method(name: str, tree: bool = False) -> Callable[[Any], Any]:
    table, other = (TREE_METHODS, METHODS) if tree else (METHODS, TREE_METHODS)
    if name not in table:
        form, other_form = ("a game tree", "games in strategic form") if tree else (
            "a game in strategic form", "game trees")
        if name in other:
            raise GameValueError(
                f"method {name!r} applies to {other_form}, not to {form}",
                key="method", hint="methods for " + form + ": " + ", ".join(table),
            )
        raise GameValueError(
            f"unknown method {name!r}", key="method", hint=did_you_mean(name, table)
        )
    module, function, _ = table[name]
    return getattr(import_module(module, __package__), function)


def solve(game: Any, method: str | None = None, *,
          progress: Callable[[int, int, int], Any] | None = None) -> Any:
    """Compute the Nash equilibria of a game with the named method.

    Parameters
    ----------
    game : Game, Tree or BayesianGame
        A game in strategic form, a game tree (:class:`gametheory.extensive.Tree`) or a
        Bayesian game (:class:`gametheory.bayesian.BayesianGame`).
    method : str, optional
        One of :data:`METHODS` for a :class:`Game` (default: ``"exact"``; for more than two
        players, exact support enumeration:
        :func:`gametheory.algorithms.exact_nplayer.exact_nplayer_equilibria`), one of
        :data:`TREE_METHODS` for a tree (default ``"spe"``), one of :data:`BAYESIAN_METHODS`
        for a Bayesian game (``"exact"`` for two players, ``"pure"`` otherwise).
    progress : callable, optional
        For ``"exact"`` on more than two players: called as ``progress(tried, total, found)``
        as the search goes (:func:`~gametheory.algorithms.exact_nplayer.exact_nplayer_equilibria`);
        for ``"exact"`` on a two-player game from 13 strategies a side, as described in
        :func:`~gametheory.algorithms.exact.exact_equilibria` (``progress(visited, None,
        found)`` for the streamed search, ``progress(added, total, None)`` for the double
        description method); other methods do not report progress.

    Returns
    -------
    SolveResult, TreeSolveResult or BayesianSolveResult
        Every equilibrium in it is certified exactly (its regret is 0).

    Raises
    ------
    GameValueError
        For an unknown method, or a method that does not apply to the game (for example a
        two-player method on a three-player game).
    SolveInterrupted
        Ctrl-C during an exact N-player search or a streamed two-player one; its ``result``
        holds what was certified.
    """
    if not isinstance(game, Game):
        from .extensive.tree import Tree

        if isinstance(game, Tree):
            return _method(method or "spe", tree=True)(game)
        from .bayesian.game import BayesianGame

        if isinstance(game, BayesianGame):
            return _bayesian_method(method or ("exact" if game.n_players == 2 else "pure"))(game)
    if method is None:
        method = "exact"
    if method == "exact" and game.n_players != 2:
        from .algorithms.exact_nplayer import exact_nplayer_equilibria

        return exact_nplayer_equilibria(game, progress=progress)
    if method == "exact" and progress is not None:
        from .algorithms.exact import exact_equilibria

        return exact_equilibria(game, progress=progress)
    return _method(method)(game)
