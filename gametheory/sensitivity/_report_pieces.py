"""The pieces of the sensitivity reports (private): numbers, expressions, mixed strategies,
intervals, tables and headings in each format (text, markdown, latex), and the LaTeX document
around a report.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

from ..errors import GameValueError
from ..numbers import format_fraction

__all__ = ["FORMATS"]


FORMATS = ("text", "json", "latex", "markdown")
_PLAIN_NUMBER = re.compile(r"^\d+(/\d+)?$")
_LATEX_NEEDS = "% Needs \\usepackage{graphicx} in the preamble."

def _latex(expr: Any) -> str:
    from ..report._latex import latex_expression  # symbols escaped, Fractions converted

    return latex_expression(expr)


def _label(text: str, fmt: str) -> str:
    if fmt == "latex":
        return "\\mbox{" + _escape_latex(text) + "}"
    if fmt == "markdown":
        return text.replace("|", "\\|")
    return text


def _escape_latex(text: str) -> str:
    from ..report._latex import escape_latex  # the one escaping function

    return escape_latex(text)


def _prose(text: str, fmt: str) -> str:
    """Running text: escaped for LaTeX, as it is otherwise."""
    return _escape_latex(text) if fmt == "latex" else text


def _expr(expr: Any, fmt: str) -> str:
    if fmt == "latex":
        return _latex(expr)
    return str(expr)


def _mix(labels: Sequence[str], probs: Sequence[Any], fmt: str) -> str:
    """A (possibly mixed) strategy as text: ``label`` or ``1/3 a + (c/(c + 1)) b``."""
    from ..report._text import mixture_text

    parts = [(p, label) for p, label in zip(probs, labels, strict=True) if p != 0]
    if len(parts) == 1 and parts[0][0] == 1:
        return _label(parts[0][1], fmt)
    if fmt == "latex":
        return " + ".join(f"{_expr(p, fmt)}\\,{_label(label, fmt)}" for p, label in parts)
    texts = []
    for p, label in parts:
        text = format_fraction(p) if isinstance(p, Fraction) else str(p)
        if not _PLAIN_NUMBER.match(text):
            text = f"({text})"
        texts.append((text, _label(label, fmt)))
    return mixture_text(texts)


def _number(x: Fraction | None, fmt: str) -> str:
    if x is None:
        return "-"
    if fmt == "latex":
        if x.denominator == 1:
            return str(x.numerator)
        sign = "-" if x < 0 else ""
        return f"{sign}\\frac{{{abs(x.numerator)}}}{{{x.denominator}}}"
    return format_fraction(x)


def _table(header: Sequence[str], rows: Sequence[Sequence[str]], fmt: str) -> list[str]:
    if fmt == "markdown":
        lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
        lines += ["| " + " | ".join(row) + " |" for row in rows]
        return lines
    if fmt == "latex":
        from ..report._latex import fit_box

        body = [
            "\\begin{tabular}{" + "l" * len(header) + "}",
            "\\hline",
            " & ".join(header) + " \\\\",
            "\\hline",
        ]
        body += [" & ".join(row) + " \\\\" for row in rows]
        body += ["\\hline", "\\end{tabular}"]
        # Centred, and scaled down to the line width if wider.
        return ["\\begin{center}", *fit_box(body), "\\end{center}"]
    widths = [max(len(str(c)) for c in col) for col in zip(header, *rows, strict=True)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += [
        "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in rows
    ]
    return lines


def _heading(text: str, level: int, fmt: str) -> list[str]:
    if fmt == "markdown":
        return ["#" * (level + 1) + " " + text, ""]
    if fmt == "latex":
        command = ("section", "subsection", "subsubsection")[min(level, 2)]
        return [f"\\{command}*{{{_escape_latex(text)}}}", ""]
    return [text, ("=" if level == 0 else "-") * len(text), ""]


def _math(text: str, fmt: str) -> str:
    return f"${text}$" if fmt == "latex" else text


def _interval(regime: Any, name: str, fmt: str) -> str:
    low, high = regime.interval()
    if regime.is_point:
        value = _expr(_sympy_number(regime.low), fmt)
        return _math(f"{name} = {value}", fmt)
    lo = (
        _expr(_sympy_number(regime.low), fmt)
        if regime.low is not None
        else ("-\\infty" if fmt == "latex" else low)
    )
    hi = (
        _expr(_sympy_number(regime.high), fmt)
        if regime.high is not None
        else ("\\infty" if fmt == "latex" else high)
    )
    left = "[" if regime.closed[0] else "("
    right = "]" if regime.closed[1] else ")"
    return _math(
        f"{name} \\in {left}{lo}, {hi}{right}"
        if fmt == "latex"
        else f"{name} in {left}{lo}, {hi}{right}",
        fmt,
    )


def _sympy_number(x: Any) -> Any:
    import sympy

    from ._poly import Algebraic

    if isinstance(x, Algebraic):
        return x.to_sympy()
    return sympy.Rational(x.numerator, x.denominator)


def _eq_row(eq: Any, fmt: str) -> list[str]:
    cells = [
        _math(_mix(labels, probs, fmt), fmt)
        for labels, probs in zip(eq.strategies, eq.probabilities, strict=True)
    ]
    cells += [_math(_expr(u, fmt), fmt) for u in eq.payoffs]
    return cells

def _signed(v: Fraction) -> str:
    return ("+" if v > 0 else "") + format_fraction(v)

def _latex_document(lines: list[str], standalone: bool) -> list[str]:
    """A LaTeX fragment headed by the packages it needs, or a whole document."""
    if not standalone:
        return [_LATEX_NEEDS, *lines]
    # The preamble of the other reports' standalone documents (gametheory.report._latex).
    return [
        "\\documentclass{article}", "\\usepackage{graphicx}",
        "\\setlength{\\emergencystretch}{3em}", "\\begin{document}",
        *("\n".join(lines).rstrip().split("\n")), "\\end{document}",
    ]

def _check_format(fmt: str) -> None:
    if fmt not in FORMATS:
        raise GameValueError(
            f"unknown format {fmt!r}", key="--format", hint="expected one of " + ", ".join(FORMATS)
        )
