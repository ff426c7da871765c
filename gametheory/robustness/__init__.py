"""Robustness of conclusions: every admissible reading of a model, and every cardinalisation.

A layer above the solvers (they know nothing of sampling or workers):

- :mod:`.orders`: the admissible orders of a player, counted exactly and sampled uniformly
  (dynamic programming over up-sets);
- :mod:`.verdicts`: what the ranks alone decide in every reading (pure equilibria always, in
  some or no reading, with the comparisons each rests on; dominance; Pareto efficiency);
- :mod:`.smaa`: stochastic multicriteria acceptability analysis of the equilibria (Lahdelma,
  Hokkanen and Salminen, 1998): payoffs sampled over the ranks or the parameters, every sample
  solved, shares and distributions reported; reproducible for any number of workers;
- :mod:`.runners`: where the samples are solved (this process, local worker processes, a Dask
  cluster);
- :mod:`.report`, :mod:`.plot`: what ``gametheory robustness`` prints and draws.
"""

from .orders import AdmissibleOrders, count_orders
from .verdicts import Dominance, OutcomeVerdict, RankVerdicts, RestsOn, rank_verdicts

__all__ = [
    "AdmissibleOrders",
    "Dominance",
    "OutcomeVerdict",
    "RankVerdicts",
    "RestsOn",
    "count_orders",
    "rank_verdicts",
]
