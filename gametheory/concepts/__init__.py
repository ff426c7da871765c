"""Solution concepts beyond Nash equilibrium, one module per concept.

- :mod:`.stackelberg`: commitment (pure and mixed Stackelberg, strong and weak).
- :mod:`.bargaining`: the feasible set and the Nash, Kalai-Smorodinsky, egalitarian and
  utilitarian bargaining solutions.
- :mod:`.rubinstein`: Rubinstein's alternating-offers bargaining.
- :mod:`.repeated`: grim-trigger critical discount factors and the folk-theorem payoff set.
"""

from __future__ import annotations

from .bargaining import SOLUTIONS, BargainingResult, Disagreement, bargain, disagreement_point
from .repeated import OutcomeSustainability, RepeatedResult, repeated
from .rubinstein import RubinsteinResult, rubinstein
from .stackelberg import Commitment, StackelbergResult, stackelberg

__all__ = [
    "SOLUTIONS",
    "BargainingResult",
    "Commitment",
    "Disagreement",
    "OutcomeSustainability",
    "RepeatedResult",
    "RubinsteinResult",
    "StackelbergResult",
    "bargain",
    "disagreement_point",
    "repeated",
    "rubinstein",
    "stackelberg",
]
