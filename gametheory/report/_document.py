"""The format-independent shape of a report: a list of blocks, each rendered by every format.

A report (of a solve, a model, an analysis) is built once as a :class:`Document` of headings,
paragraphs, tables and payoff tables; ``text``, ``markdown``, ``latex`` and ``csv`` renderers
turn it into text. Cells hold numbers as exact :class:`~fractions.Fraction` so that each format
chooses how to print them (``1/3``, ``\\frac{1}{3}``, or ``0.333`` with ``--decimals``).

The blocks are named tuples rather than dataclasses: they are created at import time of the
command line, where each dataclass costs a third of a millisecond.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import NamedTuple

from ..algebraic import Algebraic
from ..numbers import format_decimal, format_fraction

__all__ = [
    "ALL_FORMATS",
    "Bimatrix",
    "Cell",
    "Document",
    "Expr",
    "Footnoted",
    "Heading",
    "Mix",
    "Numbers",
    "Paragraph",
    "Table",
    "is_number",
]

#: The formats a document block can appear in (json is built separately, from the data).
ALL_FORMATS = frozenset({"text", "markdown", "latex", "csv"})
_DISPLAY = frozenset({"text", "markdown", "latex"})


class Mix(NamedTuple):
    """A (possibly mixed) strategy: ``(probability, label)`` pairs of its support, in order."""

    parts: tuple[tuple[Fraction, str], ...]


class Expr(NamedTuple):
    """A payoff expression in the parameters, shown as written (e.g. ``1 - c``)."""

    text: str
    #: The model's expression object (with ``to_sympy()``), for LaTeX; not compared.
    source: object | None = None


class Footnoted(NamedTuple):
    """An irrational number too wide for a table (a ``CRootOf``): shown as its decimal value
    and a footnote mark, ``0.793701[r1]``; the footnote (and JSON, CSV) give the exact form."""

    value: Algebraic
    mark: str
    digits: int = 6

    @property
    def text(self) -> str:
        return f"{self.value.decimal(self.digits)}[{self.mark}]"


#: What a table cell holds: text, an exact number (rational or algebraic), a strategy, or an
#: expression.
Cell = str | Fraction | Algebraic | Footnoted | Mix | Expr


def is_number(cell: object) -> bool:
    """True for an exact number: a Fraction or an irrational :class:`Algebraic`."""
    return isinstance(cell, (Fraction, Algebraic, Footnoted))


class Numbers(NamedTuple):
    """How numbers are written: exact fractions, or ``decimals`` places when given.

    Examples
    --------
    >>> Numbers().format(Fraction(-5, 2)), Numbers(3).format(Fraction(1, 3))
    ('-5/2', '0.333')
    """

    decimals: int | None = None

    def format(self, value: Fraction | Algebraic | Footnoted) -> str:
        if isinstance(value, Footnoted):
            return value.text if self.decimals is None else value.value.decimal(self.decimals)
        if isinstance(value, Algebraic):
            # Irrational: a sympy-readable expression, or rounded exactly.
            return str(value) if self.decimals is None else value.decimal(self.decimals)
        if self.decimals is None:
            return format_fraction(value)
        return format_decimal(value, self.decimals)


class Heading(NamedTuple):
    text: str
    level: int = 1
    formats: frozenset[str] = _DISPLAY


class Paragraph(NamedTuple):
    text: str
    formats: frozenset[str] = _DISPLAY


class Table(NamedTuple):
    """A table: a header row and rows of cells.

    Columns whose body cells are all numbers are right-aligned in text and markdown.
    ``caption`` is printed above the table (text, markdown) or as its caption (latex).
    """

    header: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    caption: str = ""
    label: str = ""
    formats: frozenset[str] = ALL_FORMATS


class Bimatrix(NamedTuple):
    """A payoff table of a game: rows are the first player's strategies, columns the second's.

    ``payoffs`` maps each pure profile (strategy indices) to one cell per player. ``best``
    maps each pure profile to one flag per player: is that player's strategy a best response
    to the others' strategies there? (Empty for tables of expressions.) A profile where every
    flag is set is a pure equilibrium. Games with more than two players are printed as one
    table per choice of the other players' strategies.
    """

    players: tuple[str, ...]
    strategies: tuple[tuple[str, ...], ...]
    payoffs: Mapping[tuple[int, ...], tuple[Cell, ...]]
    best: Mapping[tuple[int, ...], tuple[bool, ...]] = {}
    caption: str = ""
    label: str = ""
    formats: frozenset[str] = _DISPLAY

    def is_equilibrium(self, profile: tuple[int, ...]) -> bool:
        flags = self.best.get(profile)
        return bool(flags) and all(flags)


Block = Heading | Paragraph | Table | Bimatrix


class Document(NamedTuple):
    """A report: blocks in order, and the title used by a standalone LaTeX document."""

    blocks: tuple[Block, ...]
    title: str = ""
