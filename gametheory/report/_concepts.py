"""Shared pieces of the reports of the negotiation concepts (commitment, bargaining, repetition)."""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import Any

from ..numbers import format_fraction
from ._document import Document, Heading, Mix, Numbers, Paragraph
from ._solve import parameters_text

__all__ = ["context", "finish_report", "mix", "number_cell"]


def mix(labels: tuple[str, ...], probabilities: tuple[Fraction, ...]) -> Mix:
    """A strategy cell: the support's probabilities and labels."""
    return Mix(tuple((p, s) for p, s in zip(probabilities, labels, strict=True) if p > 0))


def number_cell(value: Any, numbers: Numbers) -> Any:
    """A Fraction stays a number cell; a sympy number becomes text (exact, or decimals)."""
    if value is None:
        return "never"
    if isinstance(value, Fraction):
        return value
    from ..concepts.bargaining import decimal_text, exact_text

    if numbers.decimals is not None:
        return decimal_text(value, numbers.decimals)
    return exact_text(value)


def context(
    data: dict[str, Any], model: str | None, parameters: Mapping[str, Fraction] | None
) -> dict[str, Any]:
    """The JSON head: model name and parameter values (exact: they are inputs)."""
    head: dict[str, Any] = {}
    if model is not None:
        head["model"] = model
    if parameters:
        head["parameters"] = {name: format_fraction(v) for name, v in parameters.items()}
    head.update(data)
    return head


def finish_report(
    title: str, blocks: list[Any], parameters: Mapping[str, Fraction] | None, data: Any,
    format: str, decimals: int | None, standalone: bool,
) -> str:
    """Render a concept's report: a heading, the parameters, then the blocks."""
    from . import render

    head: list[Any] = [Heading(title)]
    if parameters:
        head.append(Paragraph("Parameters: " + parameters_text(parameters) + "."))
    return render(Document(tuple(head + blocks), title=title), format, decimals=decimals,
                  standalone=standalone, data=data)
