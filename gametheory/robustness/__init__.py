"""Robustness of conclusions: every admissible reading of a model, and every cardinalisation.

A layer above the solvers (they know nothing of sampling or workers):

- :mod:`.batch`: the batch solver, every equilibrium of many small games at once, certified;
- :mod:`.orders`: the admissible orders of a player, counted exactly and sampled uniformly
  (dynamic programming over up-sets);
- :mod:`.verdicts`: what the ranks alone decide in every reading (pure equilibria always, in
  some or no reading, with the comparisons each rests on; dominance; Pareto efficiency);
- :mod:`.smaa`: stochastic multicriteria acceptability analysis of the equilibria (Lahdelma,
  Hokkanen and Salminen, 1998): payoffs sampled over the ranks or the parameters, every sample
  solved, shares and distributions reported; reproducible for any number of workers;
- :mod:`.runners`: where the samples are solved (this process, local worker processes, a Dask
  cluster);
- :mod:`.standing`: how often one strategy is a best reply, or played in equilibrium, over
  parameter draws (exact per draw);
- :mod:`.report`, :mod:`.plot`: what ``gametheory robustness`` prints and draws.
"""

from .batch import BatchResult, solve_batch
from .orders import AdmissibleOrders, count_orders
from .plot import plot_robustness
from .report import format_robustness, robustness_json, verdict_blocks
from .runners import DaskRunner, LocalRunner, parse_workers
from .smaa import CHUNK, MODES, RobustnessResult, SupportStats, robustness
from .standing import StandingShares, standing_over_parameters
from .verdicts import (
    Dominance,
    OutcomeVerdict,
    RankVerdicts,
    RestsOn,
    rank_verdicts,
    verdicts_if_ranked,
)

__all__ = [
    "CHUNK",
    "MODES",
    "AdmissibleOrders",
    "BatchResult",
    "DaskRunner",
    "Dominance",
    "LocalRunner",
    "OutcomeVerdict",
    "RankVerdicts",
    "RestsOn",
    "RobustnessResult",
    "StandingShares",
    "SupportStats",
    "count_orders",
    "format_robustness",
    "parse_workers",
    "plot_robustness",
    "rank_verdicts",
    "robustness",
    "robustness_json",
    "solve_batch",
    "standing_over_parameters",
    "verdict_blocks",
    "verdicts_if_ranked",
]
