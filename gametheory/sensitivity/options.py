"""The command line's parameter options: one meaning per option name (pure functions).

In every command ``--param NAME=VALUE`` sets the model's parameter NAME to VALUE. What a
sensitivity analysis varies has an option of its own:

- ``sensitivity --vary NAME``: the parameter whose thresholds and regimes are computed;
- ``sweep --grid NAME=START:STOP:COUNT``: the parameter solved at every point of a grid.

Spellings from earlier versions stay valid, since scripts use them: ``sensitivity --param
NAME`` (a bare name) means ``--vary NAME``; ``sweep --param NAME=START:STOP:COUNT`` (a grid)
means ``--grid``; ``--at NAME=VALUE`` means ``--param NAME=VALUE``. The forms cannot be
confused: a value never contains ``:`` and always follows ``=``.

Examples
--------
>>> options = split_param_options(["d", "w=2", "b=0:1:3"])
>>> options.names, options.values, options.grids
(('d',), {'w': '2'}, ('b=0:1:3',))
>>> param_kind("d=1/3"), param_kind("d"), param_kind("d=0:10:101")
('value', 'name', 'grid')
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..errors import GameValueError

__all__ = [
    "ParamOptions",
    "command_param_options",
    "merge_values",
    "one_grid",
    "param_kind",
    "split_param_options",
]


def param_kind(item: str) -> str:
    """What one ``--param`` item is: ``'value'``, ``'grid'`` or a bare ``'name'``.

    Raises
    ------
    GameValueError
        If the item has an empty name or an empty value (``=3``, ``d=``), key ``--param``.
    """
    name, sep, text = item.partition("=")
    if not name.strip() or (sep and not text.strip()):
        raise GameValueError(f"{item!r} is not NAME=VALUE (e.g. c=2 or c=1/3)", key="--param")
    if not sep:
        return "name"
    return "grid" if ":" in text else "value"


@dataclass(frozen=True)
class ParamOptions:
    """``--param`` items sorted by kind, in the order given.

    Attributes
    ----------
    values : dict of str to str
        ``NAME=VALUE`` items: parameter values (text, read exactly later).
    names : tuple of str
        Bare ``NAME`` items (``sensitivity``'s older spelling of ``--vary``).
    grids : tuple of str
        ``NAME=START:STOP:COUNT`` items (``sweep``'s older spelling of ``--grid``).
    """

    values: dict[str, str] = field(default_factory=dict)
    names: tuple[str, ...] = ()
    grids: tuple[str, ...] = ()


def split_param_options(items: Iterable[str]) -> ParamOptions:
    """Sort ``--param`` items into values, bare names and grids (see :func:`param_kind`).

    Raises
    ------
    GameValueError
        For an item with an empty name or value, or a parameter given two different values.
    """
    values: dict[str, str] = {}
    names: list[str] = []
    grids: list[str] = []
    for item in items:
        kind = param_kind(item)
        if kind == "name":
            names.append(item.strip())
        elif kind == "grid":
            grids.append(item.strip())
        else:
            name, _, text = item.partition("=")
            values = merge_values(values, {name.strip(): text.strip()})
    return ParamOptions(values, tuple(names), tuple(grids))


def merge_values(first: Mapping[str, str], second: Mapping[str, str]) -> dict[str, str]:
    """Parameter values from two options (``--at`` and ``--param``); the same value twice is fine.

    Raises
    ------
    GameValueError
        If a parameter is given two different values, key ``--param``.

    Examples
    --------
    >>> merge_values({"d": "3"}, {"d": "3", "w": "1/2"})
    {'d': '3', 'w': '1/2'}
    """
    merged = dict(first)
    for name, text in second.items():
        if name in merged and merged[name] != text:
            raise GameValueError(
                f"parameter {name} is given two values, {merged[name]} and {text}", key="--param"
            )
        merged[name] = text
    return merged


def command_param_options(items: Iterable[str], command: str | None) -> ParamOptions:
    """``--param`` items of ``sweep`` or ``sensitivity``, refusing the other one's spelling.

    Raises
    ------
    GameValueError
        For a bad item (:func:`split_param_options`), a bare name given to ``sweep`` or a grid
        given to ``sensitivity``, each with the spelling that does it.

    Examples
    --------
    >>> command_param_options(["d=0:1:3"], "sweep").grids
    ('d=0:1:3',)
    >>> command_param_options(["d"], "sweep")
    Traceback (most recent call last):
    ...
    gametheory.errors.GameValueError: 'd' is not NAME=VALUE; to sweep d: --grid d=START:STOP:COUNT (e.g. d=0:5:101)
    """  # noqa: E501
    options = split_param_options(items)
    if command == "sweep" and options.names:
        name = options.names[0]
        raise GameValueError(f"{name!r} is not NAME=VALUE; to sweep {name}: --grid "
                             f"{name}=START:STOP:COUNT (e.g. {name}=0:5:101)")
    if command == "sensitivity" and options.grids:
        raise GameValueError(f"{options.grids[0]!r} is a grid; to solve on a grid: "
                             f"gametheory sweep MODEL --grid {options.grids[0]}")
    return options


def one_grid(at: Mapping[str, str], values: Mapping[str, str],
             grids: tuple[Any, ...]) -> tuple[dict[str, str], Any]:
    """sweep's fixed values (--param, --at) and its one grid (--grid, or --param NAME=A:B:N).

    Raises
    ------
    GameValueError
        For no grid or more than one, a parameter given two values, or a value for the
        parameter the grid sweeps.
    """
    if len(grids) != 1:
        raise GameValueError(
            "give one grid: --grid NAME=START:STOP:COUNT (e.g. --grid d=0:10:101)"
            if not grids else "give one grid only: sweep varies one parameter"
        )
    fixed = merge_values(at, values)
    swept = grids[0][0] if isinstance(grids[0], tuple) else str(grids[0]).partition("=")[0]
    if swept.strip() in fixed:
        raise GameValueError(
            f"{swept.strip()} is swept by the grid; it cannot also be given a value")
    return fixed, grids[0]
