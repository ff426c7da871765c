"""The report of ``gametheory correlated``: optimal correlated equilibria and the polytope."""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import Any

from ..numbers import format_fraction
from ._document import ALL_FORMATS, Document, Heading, Mix, Numbers, Paragraph, Table
from ._solve import game_bimatrix, parameters_text

__all__ = ["correlated_blocks", "correlated_document", "correlated_json", "format_correlated"]

_DISPLAY = ALL_FORMATS - {"csv"}


def _profile(labels: tuple[str, ...]) -> str:
    return "(" + ", ".join(labels) + ")"


def _distribution(ce: Any) -> Mix:
    return Mix(tuple((p, _profile(profile)) for profile, p in ce.support()))


def _noun(coarse: bool) -> str:
    return "coarse correlated equilibrium" if coarse else "correlated equilibrium"


def correlated_blocks(result: Any, *, label: str = "", vertices: bool = True) -> list[Any]:
    """The blocks for a :class:`~gametheory.concepts.correlated.CorrelatedResult`.

    The welfare-maximising equilibrium (its distribution as a table), each player's best one,
    and, when ``vertices`` and they were enumerated, the vertices of the polytope; a CSV table
    with every distribution, one probability per profile.
    """
    game, noun = result.game, _noun(result.coarse)
    best = result.welfare_maximizing
    unique = {
        True: "unique",
        False: "not unique: the centre of the optimal ones",
        None: "uniqueness not checked",
    }
    caption = (
        f"Welfare-maximising {noun} (sum of payoffs {format_fraction(best.welfare)}; "
        f"{unique[result.welfare_unique]})"
    )
    rows = tuple((*profile, p) for profile, p in best.support())
    blocks: list[Any] = [
        Table((*game.players, "probability"), rows, caption=caption,
              label=f"{label}-welfare" if label else "", formats=_DISPLAY),
        Paragraph(
            "Payoffs: " + ", ".join(
                f"{player} {format_fraction(u)}"
                for player, u in zip(game.players, best.payoffs, strict=True)
            ) + ".",
            formats=_DISPLAY,
        ),
    ]
    blocks.append(
        Table(
            ("best for", "distribution", *(f"{p} payoff" for p in game.players)),
            tuple(
                (player, _distribution(ce), *ce.payoffs)
                for player, ce in zip(game.players, result.best_for, strict=True)
            ),
            caption=f"Each player's best {noun} (ties broken by the sum of payoffs)",
            label=f"{label}-best" if label else "",
            formats=_DISPLAY,
        )
    )
    if vertices and result.vertices is not None:
        kind = "coarse correlated" if result.coarse else "correlated"
        n = len(result.vertices)
        blocks.append(
            Table(
                ("#", "distribution", *(f"{p} payoff" for p in game.players), "welfare"),
                tuple(
                    (str(k + 1), _distribution(ce), *ce.payoffs, ce.welfare)
                    for k, ce in enumerate(result.vertices)
                ),
                caption=f"The {n} vertices of the {kind}-equilibrium polytope "
                "(by decreasing welfare)" if n > 1
                else f"The {kind}-equilibrium polytope is a single point",
                label=f"{label}-vertices" if label else "",
                formats=_DISPLAY,
            )
        )
    blocks.append(_data_table(result, vertices))
    return blocks


def _data_table(result: Any, vertices: bool) -> Table:
    """Every distribution in full, one column per pure profile (CSV)."""
    import itertools

    game = result.game
    profiles = [
        ";".join(game.strategies[i][j] for i, j in enumerate(index))
        for index in itertools.product(*(range(k) for k in game.shape))
    ]
    entries = [("welfare-maximizing", result.welfare_maximizing)]
    entries += [(f"best for {p}", ce) for p, ce in zip(game.players, result.best_for, strict=True)]
    if vertices and result.vertices is not None:
        entries += [(f"vertex {k + 1}", ce) for k, ce in enumerate(result.vertices)]
    return Table(
        ("equilibrium", *profiles, *(f"{p} payoff" for p in game.players)),
        tuple((name, *ce.distribution, *ce.payoffs) for name, ce in entries),
        formats=frozenset({"csv"}),
    )


def _method_text(result: Any) -> str:
    how = {
        "duality": "optimality certified by an exact dual solution of equal value (linear "
        "programming with HiGHS, then the exact vertex)",
        "vertices": "optimality certified by comparing every vertex of the polytope",
    }[result.certified]
    text = (
        f"Exact: every {_noun(result.coarse)} shown satisfies the incentive constraints "
        f"exactly; {how}."
    )
    if result.message:
        text += f" Note: {result.message}."
    return text


def correlated_document(
    result: Any,
    *,
    title: str = "",
    parameters: Mapping[str, Fraction] | None = None,
    label: str = "",
) -> Document:
    """The report of a :class:`~gametheory.concepts.correlated.CorrelatedResult`."""
    game = result.game
    title = title or game.title or "Game"
    caption = f"Payoffs ({', '.join(game.players)})"
    if parameters:
        caption += " at " + parameters_text(parameters)
    heading = "Coarse correlated equilibria" if result.coarse else "Correlated equilibria"
    blocks: list[Any] = [
        Heading(title),
        game_bimatrix(game, caption, label=f"{label}-payoffs" if label else ""),
        Heading(heading, level=2),
        *correlated_blocks(result, label=label),
        Paragraph(_method_text(result)),
    ]
    return Document(tuple(blocks), title=title)


def correlated_json(
    result: Any,
    *,
    model: str | None = None,
    parameters: Mapping[str, Fraction] | None = None,
    numbers: Numbers | None = None,
) -> dict[str, Any]:
    """The JSON form (contract: ``welfare_maximizing`` with ``distribution`` and ``payoffs``)."""
    numbers = numbers or Numbers()
    data: dict[str, Any] = {}
    if model is not None:
        data["model"] = model
    if parameters:
        data["parameters"] = {name: format_fraction(v) for name, v in parameters.items()}
    data.update(result.to_dict(numbers.format))
    return data


def format_correlated(
    result: Any,
    format: str = "text",
    *,
    decimals: int | None = None,
    title: str = "",
    model: str | None = None,
    parameters: Mapping[str, Fraction] | None = None,
    standalone: bool = False,
) -> str:
    """A :class:`~gametheory.concepts.correlated.CorrelatedResult` in one of :data:`FORMATS`."""
    from . import render

    numbers = Numbers(decimals)
    document = correlated_document(result, title=title, parameters=parameters, label=model or "")
    data = correlated_json(result, model=model, parameters=parameters, numbers=numbers)
    return render(document, format, decimals=decimals, standalone=standalone, data=data)
