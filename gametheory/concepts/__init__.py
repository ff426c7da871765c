"""Solution concepts beyond Nash equilibrium, one module per concept.

- :mod:`.stackelberg`: commitment (pure and mixed Stackelberg, strong and weak; the weak value
  in ``_weak_stackelberg``).
- :mod:`.bargaining`: the feasible set and the Nash, Kalai-Smorodinsky, egalitarian and
  utilitarian bargaining solutions; :mod:`.disagreement`: the disagreement point.
- :mod:`.rubinstein`: Rubinstein's alternating-offers bargaining.
- :mod:`.repeated`: grim-trigger critical discount factors and the folk-theorem payoff set.
- :mod:`.correlated`: correlated and coarse correlated equilibria (optimal ones, vertices).
- :mod:`.qre`: the logit quantal response equilibrium's principal branch and its limit.
- :mod:`.selection`: payoff dominance, risk dominance and Nash products of the equilibria.
"""

from __future__ import annotations

from .bargaining import SOLUTIONS, BargainingResult, Disagreement, bargain, disagreement_point
from .correlated import CorrelatedEquilibrium, CorrelatedResult, correlated_equilibria
from .qre import LogitBranch, logit_branch
from .repeated import OutcomeSustainability, RepeatedResult, repeated
from .rubinstein import RubinsteinResult, rubinstein
from .selection import Selection, select_equilibria
from .stackelberg import Commitment, StackelbergResult, stackelberg

__all__ = [
    "SOLUTIONS",
    "BargainingResult",
    "Commitment",
    "CorrelatedEquilibrium",
    "CorrelatedResult",
    "Disagreement",
    "LogitBranch",
    "OutcomeSustainability",
    "RepeatedResult",
    "RubinsteinResult",
    "Selection",
    "StackelbergResult",
    "bargain",
    "correlated_equilibria",
    "disagreement_point",
    "logit_branch",
    "repeated",
    "rubinstein",
    "select_equilibria",
    "stackelberg",
]
