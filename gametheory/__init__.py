"""gametheory: exact, complete game-theoretic analysis of negotiations.

The public API::

    from gametheory import Game, solve
    game = Game.from_arrays(A, B, players=("US", "Russia"), strategies=(...))
    result = solve(game)            # every extreme equilibrium, exact, with components
    for eq in result.equilibria:
        eq.profile, eq.payoffs      # exact fractions, certified: regret exactly 0
    tree = Tree.from_nested(...)    # a game tree (gametheory.extensive)
    solve(tree)                     # its subgame-perfect equilibria, certified
"""

from typing import TYPE_CHECKING, Any

from .errors import GameError, GameValueError, ModelError
from .game import Game, Profile
from .result import Component, Equilibrium, SolveResult, certify
from .solve import METHODS, solve

if TYPE_CHECKING:
    from .bayesian.game import BayesianGame
    from .extensive.tree import Tree

# BayesianGame and Tree are imported on first use (PEP 562): a matrix game's `solve` needs
# neither, and importing them costs start-up time.
_LAZY = {"BayesianGame": ".bayesian.game", "Tree": ".extensive.tree"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from importlib import import_module

        value = getattr(import_module(_LAZY[name], __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

__all__ = [
    "METHODS",
    "BayesianGame",
    "Component",
    "Equilibrium",
    "Game",
    "GameError",
    "GameValueError",
    "ModelError",
    "Profile",
    "SolveResult",
    "Tree",
    "certify",
    "solve",
]

__version__ = "0.1.0"
