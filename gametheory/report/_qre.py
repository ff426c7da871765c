"""The report of ``gametheory qre``: the logit QRE branch (floating point) and its exact limit."""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import Any

from ..numbers import format_fraction
from ._document import ALL_FORMATS, Document, Heading, Mix, Numbers, Paragraph, Table
from ._solve import game_bimatrix, parameters_text

__all__ = ["format_qre", "qre_blocks", "qre_document", "qre_json", "qre_limit_text"]

_DISPLAY = ALL_FORMATS - {"csv"}
#: Decimals of the floating-point probabilities when --decimals is not given.
DEFAULT_DECIMALS = 4


def _rounded(point: Any, decimals: int) -> tuple[str, ...]:
    return tuple(f"{p:.{decimals}f}" for sigma in point.profile for p in sigma)


def _shown(branch: Any, decimals: int) -> list[Any]:
    """The grid points up to the first one that, rounded, equals the end of the branch.

    Past lambda = 10 / (range of the payoffs) only the powers of ten are shown.
    """
    import math

    values = [float(v) for p in branch.game.payoffs for v in p.reshape(-1)]
    scale = (max(values) - min(values)) or 1.0

    def shown(lam: float) -> bool:
        if lam * scale <= 10:
            return True
        exponent = math.floor(math.log10(lam))
        return math.isclose(lam, 10.0**exponent)

    grid = [p for p in branch.grid_points() if shown(p.lam)]
    if not branch.points:
        return grid
    end = _rounded(branch.points[-1], decimals)
    shown = []
    for point in grid:
        shown.append(point)
        if _rounded(point, decimals) == end and len(shown) > 1:
            break
    return shown


def qre_limit_text(branch: Any, numbers: Numbers, *, brief: bool = False) -> str:
    """One paragraph: the exact limit equilibrium, or why there is none.

    ``brief`` leaves out where the branch bifurcates (a floating-point figure). Where the
    branch ends, and how close to the limit, is in the JSON (``message``).
    """
    from ._text import cell_text

    game = branch.game
    if branch.limit is None:
        if branch.status == "ok":
            return f"The branch was followed to a given precision: {branch.message}."
        if branch.status == "uncertified":
            last = branch.points[-1]
            where = "; ".join(
                f"{player} " + ", ".join(f"{p:.6f} {s}" for s, p in zip(labels, sigma,
                                                                        strict=True))
                for player, labels, sigma in zip(game.players, game.strategies, last.profile,
                                                 strict=True)
            )
            return (
                f"The branch ends at lambda = {last.lam:.3g} at {where} (floating point), near "
                "a Nash equilibrium that is not rational (or not among the equilibria "
                "computed exactly): it is not certified."
            )
        return f"No limit equilibrium: {branch.message}."
    eq = branch.limit
    strategies = "; ".join(
        f"{player} {cell_text(_mix(labels, sigma), numbers)}"
        for player, labels, sigma in zip(game.players, game.strategies, eq.profile, strict=True)
    )
    payoffs = ", ".join(
        f"{player} {numbers.format(u)}" for player, u in zip(game.players, eq.payoffs, strict=True)
    )
    if branch.steps == 0:
        return (
            f"Uniform play is a Nash equilibrium ({strategies}; payoffs {payoffs}; exact, "
            "regret 0), so it is a logit QRE at every lambda: the principal branch stays there, "
            "and this is its limit."
        )
    fork = ""
    if branch.bifurcations:
        where = ", ".join(f"{lam:.3g}" for lam in branch.bifurcations)
        fork = (
            f" The branch passes a bifurcation{'' if brief else f' near lambda = {where}'} (a "
            "non-generic game, symmetric for instance): other branches of QREs split off "
            "there; this is the smooth continuation of the branch from lambda = 0."
        )
    return (
        f"Limit as lambda grows (the logit solution): {strategies} (payoffs {payoffs}). This "
        "Nash equilibrium is exact and certified (regret 0); the branch leading to it is "
        f"computed in floating point.{fork}"
    )


def _mix(labels: tuple[str, ...], sigma: tuple[Fraction, ...]) -> Mix:
    return Mix(tuple((p, s) for s, p in zip(labels, sigma, strict=True) if p > 0))


def qre_blocks(branch: Any, numbers: Numbers, *, label: str = "") -> list[Any]:
    """The branch table (rounded floats at round lambdas), the CSV of every point, the limit."""
    game = branch.game
    decimals = numbers.decimals if numbers.decimals is not None else DEFAULT_DECIMALS
    columns = tuple(
        f"{player}: {s}" for player, labels in zip(game.players, game.strategies, strict=True)
        for s in labels
    )
    rows = tuple((f"{p.lam:g}", *_rounded(p, decimals)) for p in _shown(branch, decimals))
    caption = (
        "The principal branch of the logit QRE from lambda = 0 (floating point, rounded; "
        "until it no longer changes at this precision)"
    )
    return [
        Table(("lambda", *columns), rows, caption=caption,
              label=f"{label}-qre" if label else "", formats=_DISPLAY),
        Table(
            ("lambda", *columns),
            tuple((repr(p.lam), *(repr(v) for s in p.profile for v in s)) for p in branch.points),
            formats=frozenset({"csv"}),
        ),
        Paragraph(qre_limit_text(branch, numbers), formats=_DISPLAY),
    ]


def qre_document(
    branch: Any,
    *,
    title: str = "",
    parameters: Mapping[str, Fraction] | None = None,
    numbers: Numbers | None = None,
    label: str = "",
) -> Document:
    """The report of a :class:`~gametheory.concepts.qre.LogitBranch`."""
    numbers = numbers or Numbers()
    game = branch.game
    title = title or game.title or "Game"
    caption = f"Payoffs ({', '.join(game.players)})"
    if parameters:
        caption += " at " + parameters_text(parameters)
    blocks: list[Any] = [
        Heading(title),
        game_bimatrix(game, caption, label=f"{label}-payoffs" if label else ""),
        Heading("Logit quantal response equilibrium", level=2),
        *qre_blocks(branch, numbers, label=label),
    ]
    return Document(tuple(blocks), title=title)


def qre_json(
    branch: Any,
    *,
    model: str | None = None,
    parameters: Mapping[str, Fraction] | None = None,
    numbers: Numbers | None = None,
) -> dict[str, Any]:
    """The JSON form (contract: ``branch``, a list of ``{lambda, strategies}``, floats)."""
    numbers = numbers or Numbers()
    data: dict[str, Any] = {}
    if model is not None:
        data["model"] = model
    if parameters:
        data["parameters"] = {name: format_fraction(v) for name, v in parameters.items()}
    data.update(branch.to_dict(numbers.format))
    return data


def format_qre(
    branch: Any,
    format: str = "text",
    *,
    decimals: int | None = None,
    title: str = "",
    model: str | None = None,
    parameters: Mapping[str, Fraction] | None = None,
    standalone: bool = False,
) -> str:
    """A :class:`~gametheory.concepts.qre.LogitBranch` in one of :data:`FORMATS`.

    The branch is floating point: its probabilities are written with ``decimals`` places
    (default 4; every digit in CSV and JSON); the limit equilibrium is exact.
    """
    from . import render

    numbers = Numbers(decimals)
    document = qre_document(
        branch, title=title, parameters=parameters, numbers=numbers, label=model or ""
    )
    data = qre_json(branch, model=model, parameters=parameters, numbers=numbers)
    return render(document, format, decimals=decimals, standalone=standalone, data=data)
