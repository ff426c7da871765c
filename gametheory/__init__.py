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

from .bayesian.game import BayesianGame
from .errors import GameError, GameValueError, ModelError
from .extensive.tree import Tree
from .game import Game, Profile
from .result import Component, Equilibrium, SolveResult, certify
from .solve import METHODS, solve

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
