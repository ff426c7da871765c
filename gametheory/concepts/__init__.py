"""Solution concepts beyond Nash equilibrium, one module per concept.

- :mod:`.stackelberg`: commitment (pure and mixed Stackelberg, strong and weak).
- :mod:`.bargaining`: the feasible set and the Nash, Kalai-Smorodinsky, egalitarian and
  utilitarian bargaining solutions.
- :mod:`.rubinstein`: Rubinstein's alternating-offers bargaining.
- :mod:`.repeated`: grim-trigger critical discount factors and the folk-theorem payoff set.
"""

from __future__ import annotations

__all__: list[str] = []
