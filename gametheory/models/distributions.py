"""Distributions of parameters for sampling (``[distributions]``, ``--param-distribution``).

A distribution is written ``uniform(a, b)``, ``triangular(a, c, b)`` (low, mode, high), or
``uniform`` alone for the parameter's declared range.
"""

from __future__ import annotations

import re
from fractions import Fraction

from ..errors import ModelError, did_you_mean

__all__ = ["DISTRIBUTIONS", "parse_distribution"]

_DISTRIBUTION = re.compile(r"^\s*([A-Za-z_]+)\s*(?:\((.*)\))?\s*$")
#: Distribution name -> number of arguments (uniform also takes none: the declared range).
DISTRIBUTIONS = {"uniform": 2, "triangular": 3}


def parse_distribution(
    text: str, low: Fraction | None = None, high: Fraction | None = None, where: str = ""
) -> tuple[str, tuple[float, ...]]:
    """Parse ``uniform(a, b)``, ``uniform`` (the declared range) or ``triangular(a, c, b)``.

    Returns
    -------
    (name, arguments)

    Raises
    ------
    ModelError
        For an unknown distribution, wrong arguments, or ``uniform`` without a range.

    Examples
    --------
    >>> parse_distribution("uniform(0, 1/2)")
    ('uniform', (0.0, 0.5))
    >>> parse_distribution("uniform", Fraction(1), Fraction(3))
    ('uniform', (1.0, 3.0))
    >>> parse_distribution("normal(0, 1)", where="d")
    Traceback (most recent call last):
    ...
    gametheory.errors.ModelError: d: unknown distribution 'normal' (did you mean 'uniform'?)
    """
    from .model import parse_value

    match = _DISTRIBUTION.match(text) if isinstance(text, str) else None
    if match is None:
        raise ModelError(
            f"not a distribution: {text!r}", key=where or None,
            hint="e.g. uniform(0, 10) or triangular(0, 2, 10)",
        )
    name, inside = match.group(1), match.group(2)
    if name not in DISTRIBUTIONS:
        raise ModelError(
            f"unknown distribution {name!r}", key=where or None,
            hint=did_you_mean(name, DISTRIBUTIONS),
        )
    if inside is None or not inside.strip():
        if name == "uniform" and low is not None and high is not None:
            return name, (float(low), float(high))
        raise ModelError(
            f"{name} needs {DISTRIBUTIONS[name]} numbers"
            + (" (or a declared range)" if name == "uniform" else ""),
            key=where or None, hint="e.g. uniform(0, 10)",
        )
    values = [parse_value(part.strip(), where or name) for part in inside.split(",")]
    if len(values) != DISTRIBUTIONS[name]:
        raise ModelError(
            f"{name} takes {DISTRIBUTIONS[name]} numbers, got {len(values)}", key=where or None
        )
    if values != sorted(values) or values[0] == values[-1]:
        raise ModelError(
            f"{name}({inside.strip()}): the numbers must increase (low < high)",
            key=where or None,
        )
    # A draw outside the declared range would solve a model the file says is not meant, as
    # --param NAME=VALUE outside the range is refused.
    if (low is not None and values[0] < low) or (high is not None and values[-1] > high):
        bounds = f"[{'-oo' if low is None else low}, {'oo' if high is None else high}]"
        raise ModelError(
            f"{name}({inside.strip()}) reaches outside the parameter's declared range {bounds}",
            key=where or None,
        )
    return name, tuple(float(v) for v in values)
