"""The model layer: model files (TOML) with parameters and provenance, turned into games.

A model file describes players, strategies, payoffs as expressions in named parameters, and,
for each outcome, the players' ranks with the passage of the source text that justifies them.
The format is described in :mod:`gametheory.models.loader`; the expression language in
:mod:`gametheory.models.expression`.

Importing this package imports neither sympy nor scipy: the command line starts fast.

Examples
--------
>>> from gametheory.models import load_model
>>> model = load_model("tests/data/models/parameter.toml")
>>> model.game({"c": "1/2"}).payoff(("r1", "c2"))
(Fraction(1, 2), Fraction(0, 1))
"""

from .expression import Expression, parse_expression
from .loader import builtin_models, load_model, parse_model, validate_model_file
from .model import Judgement, Model, Outcome, Parameter, Player, Strategy

__all__ = [
    "Expression",
    "Judgement",
    "Model",
    "Outcome",
    "Parameter",
    "Player",
    "Strategy",
    "builtin_models",
    "load_model",
    "parse_expression",
    "parse_model",
    "validate_model_file",
]
