r"""LaTeX rendering of a report document: booktabs tables, or sgame's ``game`` environment.

Fragments (the default) need ``\usepackage{booktabs}`` (and ``\usepackage{sgame}`` for the
``game`` environment) in the preamble; ``standalone=True`` wraps them in a document that
compiles as it is with pdflatex.
"""

from __future__ import annotations

import itertools
from fractions import Fraction

from ._document import Bimatrix, Cell, Document, Expr, Heading, Mix, Numbers, Paragraph, Table
from ._text import _numeric_columns

__all__ = ["escape_latex", "latex_number", "render_latex"]

_ESCAPES = {
    "\\": r"\textbackslash{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "{": r"\{",
    "}": r"\}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
    "<": r"$<$",
    ">": r"$>$",
    "|": r"$|$",
}


def escape_latex(text: str) -> str:
    r"""Escape text for LaTeX's text mode.

    Examples
    --------
    >>> print(escape_latex("hard_demand & 50% <x>"))
    hard\_demand \& 50\% $<$x$>$
    """
    return "".join(_ESCAPES.get(ch, ch) for ch in text)


def latex_number(value: Fraction, numbers: Numbers) -> str:
    r"""A number for LaTeX's math mode: ``\frac{p}{q}``, or decimals.

    Examples
    --------
    >>> latex_number(Fraction(-5, 2), Numbers()), latex_number(Fraction(3), Numbers())
    ('-\\frac{5}{2}', '3')
    >>> latex_number(Fraction(-1, 3), Numbers(2))
    '-0.33'
    """
    if numbers.decimals is not None or value.denominator == 1:
        return numbers.format(value)
    sign = "-" if value < 0 else ""
    return f"{sign}\\frac{{{abs(value.numerator)}}}{{{value.denominator}}}"


def _expr_latex(cell: Expr) -> str:
    if cell.source is not None:
        import sympy  # only for LaTeX of expressions in parameters

        return sympy.latex(cell.source.to_sympy())
    return r"\mathtt{" + escape_latex(cell.text) + "}"


def _math(cell: Cell, numbers: Numbers) -> str:
    """A cell's content for math mode (numbers and expressions)."""
    if isinstance(cell, Fraction):
        return latex_number(cell, numbers)
    if isinstance(cell, Expr):
        return _expr_latex(cell)
    return r"\mbox{" + escape_latex(str(cell)) + "}"


def _cell(cell: Cell, numbers: Numbers) -> str:
    if isinstance(cell, (Fraction, Expr)):
        return f"${_math(cell, numbers)}$"
    if isinstance(cell, Mix):
        if len(cell.parts) == 1 and cell.parts[0][0] == 1:
            return escape_latex(cell.parts[0][1])
        return " + ".join(
            f"${latex_number(p, numbers)}$~{escape_latex(label)}" for p, label in cell.parts
        )
    return escape_latex(str(cell))


def _float(body: list[str], caption: str, label: str) -> list[str]:
    lines = [r"\begin{table}[htbp]", r"\centering"]
    if caption:
        lines.append(r"\caption{" + escape_latex(caption) + "}")
    if label:
        lines.append(r"\label{" + label + "}")
    return lines + body + [r"\end{table}"]


def _table(table: Table, numbers: Numbers) -> list[str]:
    right = _numeric_columns(table)
    spec = "".join("r" if r else "l" for r in right)
    body = [r"\begin{tabular}{" + spec + "}", r"\toprule"]
    body.append(" & ".join(escape_latex(h) for h in table.header) + r" \\")
    body.append(r"\midrule")
    for row in table.rows:
        body.append(" & ".join(_cell(c, numbers) for c in row) + r" \\")
    body += [r"\bottomrule", r"\end{tabular}"]
    return _float(body, table.caption, table.label)


def _payoff_cell(matrix: Bimatrix, profile: tuple[int, ...], numbers: Numbers) -> str:
    flags = matrix.best.get(profile, ())
    text = ", ".join(
        _math(v, numbers) + ("^{*}" if flags and flags[k] else "")
        for k, v in enumerate(matrix.payoffs[profile])
    )
    return r"\fbox{$" + text + "$}" if matrix.is_equilibrium(profile) else f"${text}$"


def _bimatrix_caption(matrix: Bimatrix, tail_text: str) -> str:
    caption = matrix.caption + (f" ({tail_text})" if tail_text else "")
    return caption


def _legend(matrix: Bimatrix) -> list[str]:
    if not matrix.best:
        return []
    return [r"\par\smallskip{\footnotesize $^{*}$ best response; boxed: pure equilibrium.}"]


def _bimatrix(matrix: Bimatrix, numbers: Numbers, sgame: bool) -> list[str]:
    two = len(matrix.players) > 1
    if not two:
        rows = tuple((s, *matrix.payoffs[(r,)]) for r, s in enumerate(matrix.strategies[0]))
        return _table(Table((matrix.players[0], "payoff"), rows, matrix.caption), numbers)
    tails = list(itertools.product(*(range(len(s)) for s in matrix.strategies[2:])))
    rows_n, cols_n = len(matrix.strategies[0]), len(matrix.strategies[1])
    out: list[str] = []
    for number, tail in enumerate(tails):
        tail_text = ", ".join(
            f"{matrix.players[k + 2]} plays {matrix.strategies[k + 2][j]}"
            for k, j in enumerate(tail)
        )
        label = matrix.label + (f"-{number + 1}" if tail and matrix.label else "")
        if sgame and not tail:
            body = [
                rf"\begin{{game}}{{{rows_n}}}{{{cols_n}}}"
                f"[{escape_latex(matrix.players[0])}][{escape_latex(matrix.players[1])}]",
                " & " + " & ".join(escape_latex(s) for s in matrix.strategies[1]) + r" \\",
            ]
            for r, s in enumerate(matrix.strategies[0]):
                cells = [_payoff_cell(matrix, (r, c), numbers) for c in range(cols_n)]
                end = r" \\" if r < rows_n - 1 else ""
                body.append(escape_latex(s) + " & " + " & ".join(cells) + end)
            body.append(r"\end{game}")
        else:
            body = [
                r"\begin{tabular}{l" + "c" * cols_n + "}",
                r"\toprule",
                f" & \\multicolumn{{{cols_n}}}{{c}}{{{escape_latex(matrix.players[1])}}} \\\\",
                rf"\cmidrule(l){{2-{cols_n + 1}}}",
                escape_latex(matrix.players[0])
                + " & "
                + " & ".join(escape_latex(s) for s in matrix.strategies[1])
                + r" \\",
                r"\midrule",
            ]
            for r, s in enumerate(matrix.strategies[0]):
                cells = [_payoff_cell(matrix, (r, c, *tail), numbers) for c in range(cols_n)]
                body.append(escape_latex(s) + " & " + " & ".join(cells) + r" \\")
            body += [r"\bottomrule", r"\end{tabular}"]
        out += [*_float(body[:] + _legend(matrix), _bimatrix_caption(matrix, tail_text), label)]
        out.append("")
    return out[:-1]


def render_latex(
    document: Document, numbers: Numbers, *, standalone: bool = False, sgame: bool = False
) -> str:
    """Render a document as LaTeX: a fragment, or a whole document with ``standalone``."""
    chunks: list[list[str]] = []
    for block in document.blocks:
        if "latex" not in block.formats:
            continue
        if isinstance(block, Heading):
            if block.level <= 1:
                chunks.append(["% " + line for line in block.text.split("\n")])
            else:
                chunks.append([r"\paragraph{" + escape_latex(block.text) + "}"])
        elif isinstance(block, Paragraph):
            chunks.append([escape_latex(block.text)])
        elif isinstance(block, Table):
            chunks.append(_table(block, numbers))
        elif isinstance(block, Bimatrix):
            chunks.append(_bimatrix(block, numbers, sgame))
    body = "\n\n".join("\n".join(chunk) for chunk in chunks)
    packages = ["booktabs"] + (["sgame"] if sgame else [])
    if not standalone:
        needs = " and ".join(rf"\usepackage{{{p}}}" for p in packages)
        return f"% Needs {needs} in the preamble.\n{body}\n"
    preamble = "\n".join(rf"\usepackage{{{p}}}" for p in packages)
    return (
        "\\documentclass{article}\n"
        f"{preamble}\n"
        "\\begin{document}\n"
        f"{body}\n"
        "\\end{document}\n"
    )
