r"""LaTeX rendering of a report document: booktabs tables, or sgame's ``game`` environment.

Fragments (the default) need ``\usepackage{booktabs}`` (and ``\usepackage{sgame}`` for the
``game`` environment) in the preamble; ``standalone=True`` wraps them in a document that
compiles as it is with pdflatex.
"""

from __future__ import annotations

import itertools
import re
from fractions import Fraction

from ._document import (
    Bimatrix,
    Cell,
    Document,
    Expr,
    Footnoted,
    Heading,
    Mix,
    Numbers,
    Paragraph,
    Table,
    is_number,
)
from ._text import _numeric_columns, cell_text

__all__ = [
    "escape_latex",
    "latex_comment",
    "latex_expression",
    "latex_label",
    "latex_number",
    "render_latex",
]

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
    # A row starting with "[" after "\\" would be read as the \\ command's optional argument.
    "[": "{[}",
    "]": "{]}",
}

#: Characters beyond ASCII that pdflatex typesets with its default set-up (OT1 fonts, UTF-8
#: input), measured character by character with TeX Live 2022; others are written as their
#: code point (``U+0126``) so that every document compiles.
_SAFE_NON_ASCII = frozenset(
    "\xa0¡¢£¤¥¦§¨©ª¬\xad®¯°±²³´µ¶·¸¹º¼½¾¿ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÑÒÓÔÕÖ×ØÙÚÛÜÝßàáâãäåæçèéêëìíîïñòóôõö÷"
    "øùúûüýÿĀāĂăĆćĈĉĊċČčĎďĒēĔĕĖėĚěĜĝĞğĠġĢģĤĥĨĩĪīĬĭİıĲĳĴĵĶķĹĺĻļĽľŁłŃńŅņŇňŌōŎŏŐőŒœŔŕŖŗŘřŚśŜŝŞşŠšŢţ"
    "ŤťŨũŪūŬŭŮůŰűŴŵŶŷŸŹźŻżŽž"
)


def _escape_char(ch: str) -> str:
    if ch in _ESCAPES:
        return _ESCAPES[ch]
    code = ord(ch)
    if code < 0x20 or 0x7F <= code < 0xA0 or ch in "\u2028\u2029":
        return " "  # every control character, CR and LF included: TeX reads them as line ends
    if code < 0x7F or ch in _SAFE_NON_ASCII:
        return ch
    return rf"\texttt{{U+{code:04X}}}"


def escape_latex(text: str) -> str:
    r"""Escape text for LaTeX's text mode: the one escaping function for every string.

    Every character TeX treats specially is written so that it prints as itself; every
    control character (CR and LF included) becomes a space, so that no text can end a
    comment or a line; characters pdflatex cannot typeset by default are written as their
    code point. The result never contains a command that reads a file.

    Examples
    --------
    >>> print(escape_latex("hard_demand & 50% <x>"))
    hard\_demand \& 50\% $<$x$>$
    >>> print(escape_latex("a}b\\input{x}\r\\input{y}"))
    a\}b\textbackslash{}input\{x\} \textbackslash{}input\{y\}
    """
    return "".join(_escape_char(ch) for ch in str(text))


def latex_comment(text: str) -> list[str]:
    r"""Text as LaTeX comment lines: ``%`` before each line, control characters as spaces.

    Examples
    --------
    >>> latex_comment("Title\r\\input{x}")
    ['% Title \\input{x}']
    """
    lines = str(text).split("\n")
    return ["% " + "".join(" " if ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0 or c in "\u2028\u2029"
                            else c for c in line) for line in lines]


def latex_label(text: str) -> str:
    r"""A string as a LaTeX ``\label`` key: letters, digits and ``-:.`` only.

    Examples
    --------
    >>> latex_label("a}b\\input{x}-payoffs")
    'a-b-input-x--payoffs'
    """
    return re.sub(r"[^A-Za-z0-9:.-]", "-", str(text))


def latex_expression(expr: object) -> str:
    r"""A sympy expression, or an exact number, for LaTeX's math mode.

    Symbols are written through :func:`escape_latex` in ``\mathit`` (so a parameter name is
    never read as a command or a subscript); a :class:`~fractions.Fraction` becomes sympy's
    ``Rational`` first.

    Examples
    --------
    >>> import sympy
    >>> print(latex_expression(sympy.Symbol("hard_demand") / 2 + Fraction(1, 3)))
    \frac{\mathit{hard\_demand}}{2} + \frac{1}{3}
    >>> latex_expression(Fraction(-5, 2))
    '- \\frac{5}{2}'
    """
    import sympy

    if isinstance(expr, Fraction):
        expr = sympy.Rational(expr.numerator, expr.denominator)
    elif isinstance(expr, int):
        expr = sympy.Integer(expr)
    names = {
        symbol: (symbol.name if re.fullmatch(r"[A-Za-z]", symbol.name)
                 else r"\mathit{" + escape_latex(symbol.name) + "}")
        for symbol in getattr(expr, "free_symbols", ())
    }
    return sympy.latex(expr, symbol_names=names)


def latex_number(value: Fraction, numbers: Numbers) -> str:
    r"""A number for LaTeX's math mode: ``\frac{p}{q}``, or decimals.

    Examples
    --------
    >>> latex_number(Fraction(-5, 2), Numbers()), latex_number(Fraction(3), Numbers())
    ('-\\frac{5}{2}', '3')
    >>> latex_number(Fraction(-1, 3), Numbers(2))
    '-0.33'
    """
    if isinstance(value, Footnoted):  # a wide root: its decimal value and footnote mark
        if numbers.decimals is not None:
            return numbers.format(value)
        return f"{value.value.decimal(value.digits)}^{{[\\mathrm{{{value.mark}}}]}}"
    if not isinstance(value, Fraction):  # an irrational Algebraic
        if numbers.decimals is not None:
            return numbers.format(value)
        import sympy  # only for LaTeX of irrational numbers

        return sympy.latex(value.to_sympy())
    if numbers.decimals is not None or value.denominator == 1:
        return numbers.format(value)
    sign = "-" if value < 0 else ""
    return f"{sign}\\frac{{{abs(value.numerator)}}}{{{value.denominator}}}"


def _expr_latex(cell: Expr) -> str:
    if cell.source is not None:
        return latex_expression(cell.source.to_sympy())
    return r"\mathtt{" + escape_latex(cell.text) + "}"


def _math(cell: Cell, numbers: Numbers) -> str:
    """A cell's content for math mode (numbers and expressions)."""
    if is_number(cell):
        return latex_number(cell, numbers)
    if isinstance(cell, Expr):
        return _expr_latex(cell)
    return r"\mbox{" + escape_latex(str(cell)) + "}"


def _cell(cell: Cell, numbers: Numbers) -> str:
    if is_number(cell) or isinstance(cell, Expr):
        return f"${_math(cell, numbers)}$"
    if isinstance(cell, Mix):
        if len(cell.parts) == 1 and cell.parts[0][0] == 1:
            return escape_latex(cell.parts[0][1])
        # One line per strategy in the support keeps wide mixtures from overflowing.
        lines = [f"${latex_number(p, numbers)}$~{escape_latex(label)}" for p, label in cell.parts]
        return r"\begin{tabular}[t]{@{}l@{}}" + r" \\[2pt] ".join(lines) + r"\end{tabular}"
    return escape_latex(str(cell))


def _float(body: list[str], caption: str, label: str) -> list[str]:
    lines = [r"\begin{table}[htbp]", r"\centering"]
    if caption:
        lines.append(r"\caption{" + escape_latex(caption) + "}")
    if label:
        lines.append(r"\label{" + latex_label(label) + "}")
    return lines + body + [r"\end{table}"]


def _fit(body: list[str]) -> list[str]:
    """Set the body in a box, scaled down to the line width only if it is wider.

    The box is set in a paragraph of its own (``\\leavevmode`` ... ``\\par``), so that the
    float's ``\\centering`` centres it; appended in vertical mode it would sit at the left
    margin.
    """
    return fit_box(body)


def fit_box(body: list[str]) -> list[str]:
    """As :func:`_fit`, for the other LaTeX writers (sensitivity and sweep reports)."""
    return [
        r"\setbox0=\hbox{%",
        *body,
        r"}%",
        r"\leavevmode\ifdim\wd0>\linewidth\resizebox{\linewidth}{!}{\box0}\else\box0\fi\par",
    ]


#: About how many characters fit on a line of an article's text width.
_LINE = 80
#: The space between two columns, as a fraction of the line (2 \\tabcolsep of 345pt).
_COLUMN_SEP = 0.035
#: Paragraph columns are set ragged right (the array package's >{...} column prefix).
_RAGGED = r">{\raggedright\arraybackslash}"
_RAGGED_LEFT = r">{\raggedleft\arraybackslash}"
#: Columns of at most this many characters stay unbroken in a table too wide for the line.
_SHORT = 16
#: Where a long cell may break: spaces, and after an underscore, slash or hyphen.
_BREAKS = re.compile(r"\s+|(?<=[_/-])")
#: Tables with more rows than this, or with paragraph columns, may break across pages.
_MANY_ROWS = 25


def _lines(cell: Cell, numbers: Numbers) -> list[tuple[str, bool]]:
    """The lines a cell takes in LaTeX, and whether each may break between words.

    A mixed strategy takes one unbreakable line per strategy (a nested ``l`` tabular).
    """
    if isinstance(cell, Mix) and len(cell.parts) > 1:
        return [(f"{numbers.format(p)} {label}", False) for p, label in cell.parts]
    return [(cell_text(cell, numbers), True)]


def _column_spec(
    table: Table,
    numbers: Numbers,
    right: list[bool],
    line: float = _LINE,
    ragged: bool = True,
    short_limit: float = _SHORT,
) -> tuple[str, bool]:
    """l/r columns; if the table is too wide for the line, paragraph columns that fit it.

    Widths are estimated in characters (``line`` to a line). Columns of at most
    ``short_limit`` characters stay l/r; the others share the rest of the line in proportion
    to their length, each at least as wide as its longest word (ids break after an underscore).
    ``ragged`` sets paragraph columns ragged (needs the array package). Returns the column
    specification and whether it fits.
    """
    texts = [[(h, True)] + [line for row in table.rows for line in _lines(row[k], numbers)]
             for k, h in enumerate(table.header)]
    natural = [(max(len(t) for t, _ in column) + 1) / line for column in texts]
    content = 1 - _COLUMN_SEP * len(texts)
    if sum(natural) <= content:
        return "".join("r" if r else "l" for r in right), True
    least = [
        # A single word may be wider than average text: allow for wide letters.
        (max(len(word) for t, breaks in column for word in (_BREAKS.split(t) if breaks else [t]))
         + 2) * 1.15 / line
        for column in texts
    ]
    # Short columns stay l/r; the others share what is left of the line in proportion to their
    # length, but each at least its longest word and at most its whole text (water-filling).
    short = [n <= short_limit / line for n in natural]
    room = content - sum(n for n, s in zip(natural, short, strict=True) if s)
    widths = dict.fromkeys((k for k, s in enumerate(short) if not s), 0.0)
    fixed: dict[int, float] = {}
    while True:
        free = [k for k in widths if k not in fixed]
        left = room - sum(fixed.values())
        total = sum(natural[k] for k in free) or 1
        share = {k: left * natural[k] / total for k in free}
        clamp = {k: least[k] for k in free if share[k] < least[k]}
        clamp.update({k: natural[k] for k in free if share[k] > natural[k]})
        if not clamp:
            widths.update(share)
            widths.update(fixed)
            break
        fixed.update(clamp)
    spec = ""
    for k, (s, r) in enumerate(zip(short, right, strict=True)):
        prefix = (_RAGGED_LEFT if r else _RAGGED) if ragged else ""
        spec += ("r" if r else "l") if s else rf"{prefix}p{{{widths[k]:.3f}\linewidth}}"
    return spec, sum(widths.values()) <= room + 1e-9


def _table(table: Table, numbers: Numbers, needs: set[str], sgame: bool = False) -> list[str]:
    right = _numeric_columns(table)
    cells = [[_cell(c, numbers) for c in row] for row in table.rows]
    # sgame redefines LaTeX's array internals and breaks the array package: no >{...} then.
    ragged = not sgame
    spec, fits = _column_spec(table, numbers, right, ragged=ragged)
    small = not fits
    if small:
        # Footnote size sets about a quarter more characters to the line; if that is still
        # too wide, every column becomes a paragraph (headers break between words).
        spec, fits = _column_spec(table, numbers, right, _LINE * 1.25, ragged)
        if not fits:
            spec, fits = _column_spec(table, numbers, right, _LINE * 1.25, ragged, 0)
    header = " & ".join(escape_latex(h) for h in table.header) + r" \\"
    rows = [" & ".join(row) + r" \\" for row in cells]
    if "p{" in spec:
        # Let long ids break after their underscores in paragraph columns.
        rows = [row.replace(r"\_", r"\_\allowbreak{}") for row in rows]
    if "p{" in spec or len(rows) > _MANY_ROWS:
        needs.add("longtable")
        if ragged:
            needs.add("array")
        lines = [r"\begingroup\footnotesize"] if small else []
        lines.append(r"\begin{longtable}{" + spec + "}")
        # The first head carries the caption and the label (defined once); the head repeated
        # on later pages carries the caption only, as "(continued)".
        first = []
        if table.caption:
            first.append(r"\caption{" + escape_latex(table.caption) + "}")
        if table.label:
            first.append(r"\label{" + latex_label(table.label) + "}")
        if first:
            lines.append("".join(first) + r" \\")
        lines += [r"\toprule", header, r"\midrule", r"\endfirsthead"]
        if table.caption:
            lines.append(
                r"\caption[]{" + escape_latex(table.caption) + r" (continued)} \\"
            )
        lines += [r"\toprule", header, r"\midrule", r"\endhead"]
        lines += [*rows, r"\bottomrule", r"\end{longtable}"]
        return [*lines, r"\endgroup"] if small else lines
    needs.add("graphicx")
    body = [r"\begin{tabular}{" + spec + "}", r"\toprule", header, r"\midrule"]
    body += [*rows, r"\bottomrule", r"\end{tabular}"]
    return _float(_fit(body), table.caption, table.label)


def _payoff_cell(matrix: Bimatrix, profile: tuple[int, ...], numbers: Numbers) -> str:
    flags = matrix.best.get(profile, ())
    text = ", ".join(
        _math(v, numbers) + ("^{*}" if flags and flags[k] else "")
        for k, v in enumerate(matrix.payoffs[profile])
    )
    if not matrix.is_equilibrium(profile):
        return f"${text}$"
    # sgame draws cell rules: a \fbox there merges with them into two stray bars; a
    # framed box with a small separation, inside an inline box, stays visible.
    return r"\mbox{\setlength{\fboxsep}{1.5pt}\fbox{$" + text + "$}}"


def _bimatrix_caption(matrix: Bimatrix, tail_text: str) -> str:
    caption = matrix.caption + (f" ({tail_text})" if tail_text else "")
    return caption


def _legend(matrix: Bimatrix) -> list[str]:
    if not matrix.best:
        return []
    return [r"\par\smallskip{\footnotesize $^{*}$ best response; boxed: pure equilibrium.}"]


def _bimatrix(matrix: Bimatrix, numbers: Numbers, sgame: bool, needs: set[str]) -> list[str]:
    two = len(matrix.players) > 1
    if not two:
        rows = tuple((s, *matrix.payoffs[(r,)]) for r, s in enumerate(matrix.strategies[0]))
        return _table(Table((matrix.players[0], "payoff"), rows, matrix.caption), numbers, needs)
    needs.add("graphicx")
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
            needs.add("sgame")
            body = [
                # Taller rows leave room for the framed mark of a pure equilibrium inside
                # its cell; at sgame's default height the frame merges with the cell rules.
                r"\renewcommand{\gamestretch}{2}",
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
        out += _float(_fit(body) + _legend(matrix), _bimatrix_caption(matrix, tail_text), label)
        out.append("")
    return out[:-1]


def render_latex(
    document: Document, numbers: Numbers, *, standalone: bool = False, sgame: bool = False
) -> str:
    """Render a document as LaTeX: a fragment, or a whole document with ``standalone``."""
    chunks: list[list[str]] = []
    needs: set[str] = {"booktabs"}
    for block in document.blocks:
        if "latex" not in block.formats:
            continue
        if isinstance(block, Heading):
            if block.level <= 1:
                chunks.append(latex_comment(block.text))
            else:
                chunks.append([r"\subsection*{" + escape_latex(block.text) + "}"])
        elif isinstance(block, Paragraph):
            # Running text: let ids such as friendly_offer break after the underscore.
            chunks.append(
                [escape_latex(line).replace(r"\_", r"\_\allowbreak{}")
                 for line in block.text.split("\n")]
            )
        elif isinstance(block, Table):
            chunks.append(_table(block, numbers, needs, sgame))
        elif isinstance(block, Bimatrix):
            chunks.append(_bimatrix(block, numbers, sgame, needs))
    body = "\n\n".join("\n".join(chunk) for chunk in chunks)
    packages = [p for p in _PACKAGES if p in needs]
    if not standalone:
        listed = ", ".join(packages)
        return f"% Needs \\usepackage{{{listed}}} in the preamble.\n{body}\n"
    return (
        "\\documentclass{article}\n"
        f"\\usepackage{{{','.join(packages)}}}\n"
        # Long ids in running text otherwise stick out of the line now and then.
        "\\setlength{\\emergencystretch}{3em}\n"
        "\\begin{document}\n"
        f"{body}\n"
        "\\end{document}\n"
    )


#: Packages a LaTeX report may need, in preamble order.
_PACKAGES = ("array", "booktabs", "graphicx", "longtable", "sgame")
