"""The command line's robustness options, checked together before any work (pure).

``--workers`` (local processes) and ``--scheduler`` (a Dask cluster) exclude each other;
``--param-distribution`` draws parameters, so it goes with ``--over parameters``; a parameter is
given a value (``--param``) or a distribution, not both.
"""

from __future__ import annotations

from collections.abc import Mapping

from ..errors import GameValueError

__all__ = ["check_robustness_options"]


def check_robustness_options(over: str | None, distributions: Mapping[str, str],
                             values: Mapping[str, str], workers: int | None,
                             scheduler: str | None) -> None:
    """Refuse robustness options that contradict each other.

    Raises
    ------
    GameValueError
        Naming the options at odds.

    Examples
    --------
    >>> check_robustness_options("parameters", {"d": "uniform(0,1)"}, {"s": "2"}, 2, None)
    >>> check_robustness_options(None, {"d": "uniform(0,1)"}, {"d": "2"}, None, None)
    Traceback (most recent call last):
    ...
    gametheory.errors.GameValueError: d: give a parameter a value (--param) or a distribution (--param-distribution), not both
    """  # noqa: E501
    if workers is not None and scheduler is not None:
        raise GameValueError("give --workers or --scheduler, not both")
    if over == "ranks" and distributions:
        raise GameValueError("--param-distribution goes with --over parameters, not ranks")
    if twice := sorted(set(values) & set(distributions)):
        raise GameValueError(
            f"{', '.join(twice)}: give a parameter a value (--param) or a distribution "
            "(--param-distribution), not both"
        )
