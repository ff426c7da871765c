"""Reports of games and of solver results: payoff tables, equilibria, components, status."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Any

import numpy as np

from ..algebraic import Algebraic
from ..game import Game
from ..numbers import format_fraction
from ..result import Equilibrium, SolveResult, SupportComponent
from ._document import (
    ALL_FORMATS,
    Bimatrix,
    Document,
    Footnoted,
    Heading,
    Mix,
    Numbers,
    Paragraph,
    Table,
)
from ._solve_text import interrupted, no_equilibrium_text, progress_text, status_text

__all__ = [
    "equilibria_table",
    "game_bimatrix",
    "parameters_text",
    "progress_text",
    "root_footnotes",
    "solve_document",
    "solve_json",
    "wide_roots",
]


def _nested_strings(value: Any, write: Any) -> Any:
    """Nested lists with every leaf written as a string by ``write``."""
    if isinstance(value, list):
        return [_nested_strings(v, write) for v in value]
    return write(value)


def parameters_text(values: Mapping[str, Fraction]) -> str:
    """``c = 1, s = 1/2``: parameter values in one line, exact (they are inputs).

    Examples
    --------
    >>> parameters_text({"c": Fraction(1), "s": Fraction(1, 2)})
    'c = 1, s = 1/2'
    """
    return ", ".join(f"{name} = {format_fraction(v)}" for name, v in values.items())


def game_bimatrix(game: Game, caption: str = "", *, label: str = "", csv: bool = False) -> Bimatrix:
    """The payoff table of a game with every best response flagged.

    Examples
    --------
    >>> g = Game.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]])
    >>> m = game_bimatrix(g)
    >>> m.best[(1, 1)], m.is_equilibrium((1, 1)), m.is_equilibrium((0, 0))
    ((True, True), True, False)
    """
    payoffs: dict[tuple[int, ...], tuple[Fraction, ...]] = {}
    best: dict[tuple[int, ...], tuple[bool, ...]] = {}
    profiles = list(game.pure_profiles())
    for profile in profiles:
        payoffs[profile] = tuple(Fraction(p[profile]) for p in game.payoffs)
    # The best payoff player i can get against the others' strategies, once per opponents'
    # profile (not once per cell: that is cubic in the number of strategies).
    tops = [np.max(array, axis=i, keepdims=True) for i, array in enumerate(game.payoffs)]
    for profile in profiles:
        best[profile] = tuple(
            array[profile] == top[(*profile[:i], 0, *profile[i + 1 :])]
            for i, (array, top) in enumerate(zip(game.payoffs, tops, strict=True))
        )
    formats = ALL_FORMATS if csv else ALL_FORMATS - {"csv"}
    return Bimatrix(
        players=game.players,
        strategies=game.strategies,
        payoffs=payoffs,
        best=best,
        caption=caption or f"Payoffs ({', '.join(game.players)})",
        label=label,
        formats=formats,
    )


def _mix(labels: Sequence[str], probabilities: Sequence[Fraction]) -> Mix:
    return Mix(tuple((p, s) for s, p in zip(labels, probabilities, strict=True) if p > 0))


def _component_of(result: SolveResult) -> dict[int, int]:
    return {e: k for k, comp in enumerate(result.components) for e in comp.equilibria}


def equilibria_table(
    result: SolveResult,
    *,
    extra: Mapping[str, Sequence[str]] | None = None,
    caption: str | None = None,
    label: str = "",
) -> Table:
    """The equilibria as a display table: number, each player's strategy, payoffs.

    ``extra`` adds columns (header -> one text per equilibrium). A ``component`` column is
    shown when some component holds more than one extreme equilibrium.
    """
    game = result.game
    header = ["#", *game.players, *(f"{p} payoff" for p in game.players)]
    show_components = any(len(c.equilibria) > 1 for c in result.components)
    component = _component_of(result)
    if show_components:
        header.append("component")
    extra = dict(extra or {})
    header += list(extra)
    marks = wide_roots(result)

    def shown(value: Any) -> Any:
        return Footnoted(value, marks[str(value)]) if str(value) in marks else value

    rows = []
    for k, eq in enumerate(result.equilibria):
        row: list[Any] = [str(k + 1)]
        row += [
            Mix(tuple((shown(p), s) for p, s in _mix(labels, sigma).parts))
            for labels, sigma in zip(eq.strategies, eq.profile, strict=True)
        ]
        row += [shown(u) for u in eq.payoffs]
        if show_components:
            row.append(str(component[k] + 1) if k in component else "")
        row += [values[k] for values in extra.values()]
        rows.append(tuple(row))
    if caption is None:
        caption = _equilibria_caption(result)
    return Table(
        tuple(header), tuple(rows), caption=caption, label=label, formats=ALL_FORMATS - {"csv"}
    )


def _is_wide(value: Any) -> bool:
    return isinstance(value, Algebraic) and (str(value).startswith("CRootOf")
                                             or len(str(value)) > WIDE)


#: Irrational numbers whose exact form is longer than this (and every ``CRootOf``) are shown
#: in tables as decimals with a footnote mark (:func:`root_footnotes`).
WIDE = 24


def wide_roots(result: SolveResult) -> dict[str, str]:
    """The wide irrational numbers of a result's equilibria (exact text -> footnote mark
    ``r1``, ``r2``, ... in order of appearance).

    Examples
    --------
    >>> import itertools
    >>> from fractions import Fraction
    >>> from gametheory import Game, solve
    >>> n = 4  # unanimity: a pays 1 if all others play a, b pays 1/2; 2**(-1/3) is a cubic
    >>> table = {s: tuple((int(all(t == "a" for j, t in enumerate(s) if j != i))
    ...           if s[i] == "a" else Fraction(1, 2)) for i in range(n))
    ...          for s in itertools.product("ab", repeat=n)}
    >>> g = Game.from_payoffs(table, ["P1", "P2", "P3", "P4"], [["a", "b"]] * n)
    >>> wide_roots(solve(g))
    {'CRootOf(2*x**3 - 1, 0)': 'r1', 'CRootOf(2*x**3 - 6*x**2 + 6*x - 1, 0)': 'r2'}
    """
    marks: dict[str, str] = {}
    for eq in result.equilibria:
        for value in (*(p for sigma in eq.profile for p in sigma), *eq.payoffs):
            if _is_wide(value) and str(value) not in marks:
                marks[str(value)] = f"r{len(marks) + 1}"
    return marks


def root_footnotes(result: SolveResult, digits: int = 12) -> str:
    """The footnotes of the marks :func:`wide_roots` puts in tables: each number's exact,
    sympy-readable form and its value rounded exactly to ``digits`` places."""
    values = {str(v): v for eq in result.equilibria
              for v in (*(p for sigma in eq.profile for p in sigma), *eq.payoffs)}
    notes = []
    for text, mark in wide_roots(result).items():
        value = values[text]
        k = value.index + 1
        which = "smallest" if k == 1 else f"{k}{'nd' if k == 2 else 'rd' if k == 3 else 'th'} " \
            "smallest"
        where = f", the {which} real root of {value.polynomial_text()}," \
            if text.startswith("CRootOf") else ""
        notes.append(f"[{mark}] {text}{where} is {value.decimal(digits)} to {digits} places")
    return "; ".join(notes) + "." if notes else ""


def _equilibria_caption(result: SolveResult) -> str:
    n = len(result.equilibria)
    noun = "equilibrium" if n == 1 else "equilibria"
    # "Extreme" matters only when there are continua: then the list is their corners.
    kind = "extreme " if any(len(c.equilibria) > 1 for c in result.components) else ""
    if interrupted(result):  # say so where the eye lands
        return f"{n} {kind}Nash {noun} certified so far (search interrupted; others may exist)"
    return f"{n} {kind}Nash {noun}"


def _data_table(result: SolveResult, numbers: Numbers) -> Table:
    """One row per equilibrium with every probability in its own column (for CSV)."""
    game = result.game
    header = ["equilibrium", "component"]
    header += [f"{p}:{s}" for p, labels in zip(game.players, game.strategies, strict=True)
               for s in labels]
    header += [f"{p} payoff" for p in game.players]
    component = _component_of(result)
    rows = []
    for k, eq in enumerate(result.equilibria):
        row: list[Any] = [str(k + 1), str(component[k] + 1) if k in component else ""]
        row += [p for sigma in eq.profile for p in sigma]
        row += list(eq.payoffs)
        rows.append(tuple(row))
    return Table(tuple(header), tuple(rows), formats=frozenset({"csv"}))


def _components_text(result: SolveResult) -> str:
    """Say in words which equilibria form continua (only when some do)."""
    players = result.game.players
    lines = []
    for k, comp in enumerate(result.components):
        if isinstance(comp, SupportComponent):
            lines.append(_support_component_text(k, comp))
            continue
        if comp.is_singleton:
            continue
        members = ", ".join(str(e + 1) for e in comp.equilibria)
        subsets = ", ".join(
            "{" + ", ".join(str(e + 1) for e in subset) + "}" for subset in comp.nash_subsets
        )
        lines.append(
            f"Equilibria {members} form one continuum (component {k + 1}): within each of its "
            f"maximal Nash subsets {subsets}, any mixture of {players[0]}'s strategies in "
            f"those equilibria, against any mixture of {players[1]}'s, is an equilibrium."
        )
    return "\n".join(lines)


def _support_component_text(k: int, comp: SupportComponent) -> str:
    """A set of equilibria of positive dimension on one support profile, in words."""
    support = " x ".join("{" + ", ".join(s) + "}" for s in comp.support)
    legend = ", ".join(f"{name} = {label}" for name, label in comp.variables)
    sample = (
        "sample point: equilibrium " + ", ".join(str(e + 1) for e in comp.equilibria)
        if comp.equilibria
        else "no sample point was found (the set may be empty)"
    )
    boundary = (
        "; equilibria " + ", ".join(str(e + 1) for e in comp.boundary) + " (smaller supports) "
        "may be its limit points" if comp.boundary else ""
    )
    return (
        f"Component {k + 1}: the equilibria with supports {support} form a set of dimension "
        f"at most {comp.dimension}: the points with {'; '.join(comp.equations)}; and "
        f"{'; '.join(comp.bounds) or 'no other condition'} (probabilities {legend}; payoffs "
        f"scaled to integers); {sample}{boundary}."
    )


def _decimal_table(result: SolveResult, digits: int = 6) -> Table | None:
    """The equilibria in decimals (rounded exactly), when some number is irrational."""
    irrational = any(
        isinstance(v, Algebraic)
        for eq in result.equilibria
        for v in (*(p for sigma in eq.profile for p in sigma), *eq.payoffs)
    )
    if not irrational:
        return None
    numbers = Numbers(digits)
    game = result.game
    header = ["#", *game.players, *(f"{p} payoff" for p in game.players)]
    rows = []
    for k, eq in enumerate(result.equilibria):
        row: list[Any] = [str(k + 1)]
        for labels, sigma in zip(eq.strategies, eq.profile, strict=True):
            if max(sigma) == 1:
                row.append(labels[list(sigma).index(1)])
                continue
            row.append(" + ".join(
                f"{numbers.format(p)} {label}"
                for label, p in zip(labels, sigma, strict=True) if p > 0
            ))
        row += [numbers.format(u) for u in eq.payoffs]
        rows.append(tuple(row))
    caption = f"The same equilibria in decimals (rounded exactly to {digits} places)"
    if any("CRootOf" in str(v) for eq in result.equilibria for sigma in eq.profile
           for v in sigma):
        caption += "; CRootOf(f, k) is the (k+1)-th smallest real root of f"
    return Table(tuple(header), tuple(rows), caption=caption, formats=ALL_FORMATS - {"csv"})


#: Games with more strategies than this for some player are reported without their payoff table
#: (:func:`solve_document`).
MAX_TABLE_STRATEGIES = 40


def solve_document(
    result: SolveResult,
    *,
    title: str = "",
    parameters: Mapping[str, Fraction] | None = None,
    numbers: Numbers | None = None,
    label: str = "",
) -> Document:
    """The report of a solve: payoff table, equilibria, components and status."""
    numbers = numbers or Numbers()
    game = result.game
    title = title or game.title or "Game"
    blocks: list[Any] = [Heading(title)]
    caption = f"Payoffs ({', '.join(game.players)})"
    if parameters:
        caption += " at " + parameters_text(parameters)
    if max(game.shape) > MAX_TABLE_STRATEGIES:  # a table nobody reads, megabytes long
        shape = "x".join(str(k) for k in game.shape)
        blocks.append(Paragraph(
            f"{caption}: a {shape} table, not printed here (more than {MAX_TABLE_STRATEGIES} "
            "strategies for a player); `gametheory show` prints it."))
    else:
        blocks.append(game_bimatrix(game, caption, label=f"{label}-payoffs" if label else ""))
    if result.equilibria:
        blocks.append(equilibria_table(result, label=f"{label}-equilibria" if label else ""))
        footnotes = root_footnotes(result) if numbers.decimals is None else ""
        if footnotes:
            blocks.append(Paragraph(footnotes))
        decimals = _decimal_table(result) if numbers.decimals is None else None
        if decimals is not None:
            blocks.append(decimals)
        components = _components_text(result)
        if components:
            blocks.append(Paragraph(components))
    else:
        blocks.append(Paragraph(no_equilibrium_text(result)))
    blocks.append(_data_table(result, numbers))
    blocks.append(Paragraph(status_text(result)))
    return Document(tuple(blocks), title=title)


def equilibrium_json(eq: Equilibrium, numbers: Numbers) -> dict[str, Any]:
    """The JSON contract of one equilibrium, with numbers written by ``numbers``."""
    if numbers.decimals is None:
        return eq.to_dict()
    return {
        "strategies": {
            player: {s: numbers.format(p) for s, p in zip(labels, sigma, strict=True)}
            for player, labels, sigma in zip(eq.players, eq.strategies, eq.profile, strict=True)
        },
        "payoffs": {
            player: numbers.format(u) for player, u in zip(eq.players, eq.payoffs, strict=True)
        },
    }


def solve_json(
    result: SolveResult,
    *,
    model: str | None = None,
    parameters: Mapping[str, Fraction] | None = None,
    numbers: Numbers | None = None,
) -> dict[str, Any]:
    """The JSON form of a solve (the contract of :meth:`SolveResult.to_dict`, plus context).

    Examples
    --------
    >>> from gametheory import solve
    >>> data = solve_json(solve(Game.from_arrays([[1, -1], [-1, 1]])), numbers=Numbers(2))
    >>> data["equilibria"][0]["strategies"]["Row"]
    {'1': '0.50', '2': '0.50'}
    """
    numbers = numbers or Numbers()
    data: dict[str, Any] = {}
    if model is not None:
        data["model"] = model
    if parameters:
        # The parameters are inputs: exact whatever --decimals says.
        data["parameters"] = {name: format_fraction(v) for name, v in parameters.items()}
    data.update(result.to_dict())
    data["equilibria"] = [equilibrium_json(eq, numbers) for eq in result.equilibria]
    return data
