"""The concept sections of ``gametheory analyze``: selection, correlation, QRE, commitment,
bargaining and repetition (a :class:`~gametheory.concepts.summary.ConceptSummary`)."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from ._document import ALL_FORMATS, Heading, Mix, Numbers, Paragraph, Table

__all__ = ["summary_blocks", "summary_json"]

_DISPLAY = ALL_FORMATS - {"csv"}


def _numbers(values: Any, numbers: Numbers) -> str:
    return ", ".join(_number(v, numbers) for v in values)


def _number(value: Any, numbers: Numbers) -> str:
    if isinstance(value, Fraction):
        return numbers.format(value)
    from ..concepts.bargaining import decimal_text, exact_text

    return exact_text(value) if numbers.decimals is None else decimal_text(value, numbers.decimals)


def _list(indices: Any) -> str:
    items = [str(k + 1) for k in indices]
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _selection_blocks(s: Any, numbers: Numbers) -> list[Any]:
    players = ", ".join(s.game.players)
    if s.payoff_dominant is not None:
        payoff = (
            f"equilibrium {s.payoff_dominant + 1} payoff-dominates every other (better for "
            "every player)."
        )
    else:
        payoff = (
            "no equilibrium is better for every player than all the others; not "
            f"payoff-dominated: {_list(s.payoff_undominated)}."
        )
    if s.risk is None:
        risk = s.risk_note[0].upper() + s.risk_note[1:] + "."
    else:
        (k1, k2), (p1, p2) = s.risk.pair, s.risk.products
        verdict = (
            "neither risk-dominates the other" if s.risk.dominant is None
            else f"equilibrium {s.risk.dominant + 1} risk-dominates"
        )
        risk = (
            f"Risk dominance (Harsanyi-Selten, 2x2): the products of the deviation losses are "
            f"{numbers.format(p1)} at equilibrium {k1 + 1} and {numbers.format(p2)} at "
            f"equilibrium {k2 + 1}: {verdict}."
        )
    products = ", ".join(
        f"{'-' if v is None else numbers.format(v)} (equilibrium {k + 1})"
        for k, v in enumerate(s.nash_products)
    )
    nash = (
        f"Nash products of the gains over the {s.disagreement_source} "
        f"({players}: {_numbers(s.disagreement, numbers)}): {products}; the largest: "
        f"equilibrium {_list(s.nash_selected)}."
    )
    return [
        Heading("Equilibrium selection", level=2, formats=_DISPLAY),
        Paragraph("Payoff dominance: " + payoff, formats=_DISPLAY),
        Paragraph(risk, formats=_DISPLAY),
        Paragraph(nash, formats=_DISPLAY),
    ]


def _distribution(ce: Any) -> Mix:
    return Mix(tuple((p, "(" + ", ".join(profile) + ")") for profile, p in ce.support()))


def _correlated_blocks(c: Any, result: Any, numbers: Numbers) -> list[Any]:
    game = c.game
    rows = [("welfare-maximising", _distribution(c.welfare_maximizing),
             *c.welfare_maximizing.payoffs)]
    rows += [(f"best for {p}", _distribution(ce), *ce.payoffs)
             for p, ce in zip(game.players, c.best_for, strict=True)]
    nash = max((sum(eq.payoffs) for eq in result.equilibria), default=None)
    text = "Exact; optimality certified by LP duality."
    if nash is not None:
        text = (
            "The best sum of payoffs is "
            f"{numbers.format(c.welfare_maximizing.welfare)} with a mediator's signal, against "
            f"{numbers.format(nash)} in the best Nash equilibrium found. " + text
        )
    return [
        Heading("Correlated equilibria", level=2, formats=_DISPLAY),
        Table(("correlated equilibrium", "distribution", *(f"{p} payoff" for p in game.players)),
              tuple(rows), formats=_DISPLAY),
        Paragraph(text, formats=_DISPLAY),
    ]


def _stackelberg_blocks(results: Any, numbers: Numbers) -> list[Any]:
    game = results[0].game
    rows, pure = [], []
    for r in results:
        labels = game.strategies[r.leader]
        rows.append((
            game.players[r.leader],
            Mix(tuple((p, s) for s, p in zip(labels, r.mixed.strategy, strict=True) if p > 0)),
            game.strategies[r.follower][r.mixed.follower],
            r.mixed.payoffs[0],
            r.best_nash,
            r.value_of_commitment,
        ))
        pure.append(
            f"{game.players[r.leader]} {labels[r.pure.strategy.index(1)]} (payoff "
            f"{numbers.format(r.pure.payoffs[0])})"
        )
    return [
        Heading("Commitment (Stackelberg)", level=2, formats=_DISPLAY),
        Table(("leader", "commitment", "follower", "payoff", "best Nash", "value"),
              tuple(rows),
              caption="The leader commits to a mixed strategy; the follower best-responds, "
              "breaking ties for the leader (strong Stackelberg); value: payoff minus the "
              "leader's best Nash payoff", formats=_DISPLAY),
        Paragraph("Best pure commitment: " + "; ".join(pure) + ".", formats=_DISPLAY),
    ]


def _bargaining_blocks(b: Any, numbers: Numbers) -> list[Any]:
    players = b.game.players
    return [
        Heading("Bargaining", level=2, formats=_DISPLAY),
        Paragraph(
            f"Nash bargaining solution over the {b.disagreement.source} "
            f"({_numbers(b.disagreement.payoffs, numbers)}), on the convex hull of the "
            f"outcomes (correlated play assumed): {players[0]} "
            f"{_number(b.payoffs[0], numbers)}, {players[1]} {_number(b.payoffs[1], numbers)}.",
            formats=_DISPLAY,
        ),
    ]


def _repeated_blocks(r: Any, numbers: Numbers) -> list[Any]:
    game = r.game
    rows = []
    never = []
    for outcome in r.outcomes:
        label = "(" + ", ".join(
            game.strategies[i][j] for i, j in enumerate(outcome.profile)) + ")"
        if outcome.critical_discount is None:
            never.append(label)
            continue
        rows.append((label, *outcome.payoffs, outcome.critical_discount))
    blocks: list[Any] = [Heading("Repeated game", level=2, formats=_DISPLAY)]
    if rows:
        blocks.append(Table(
            ("outcome", *(f"{p} payoff" for p in game.players), "critical discount factor"),
            tuple(rows),
            caption=f"Grim trigger ({r.punishment} punishment) sustains each outcome for "
            "every discount factor at least",
            formats=_DISPLAY,
        ))
    if never:
        blocks.append(Paragraph("Never sustained: " + "; ".join(never) + ".", formats=_DISPLAY))
    return blocks


def summary_blocks(summary: Any, result: Any, numbers: Numbers) -> list[Any]:
    """The analyze sections of every concept that applies (display formats only)."""
    from ._qre import qre_limit_text

    blocks: list[Any] = []
    if summary.selection is not None:
        blocks += _selection_blocks(summary.selection, numbers)
    if summary.correlated is not None:
        blocks += _correlated_blocks(summary.correlated, result, numbers)
    if summary.qre is not None:
        blocks += [Heading("Logit quantal response equilibrium", level=2, formats=_DISPLAY),
                   Paragraph(qre_limit_text(summary.qre, numbers, brief=True),
                             formats=_DISPLAY)]
    if summary.stackelberg is not None:
        blocks += _stackelberg_blocks(summary.stackelberg, numbers)
    if summary.bargaining is not None:
        blocks += _bargaining_blocks(summary.bargaining, numbers)
    if summary.repeated is not None:
        blocks += _repeated_blocks(summary.repeated, numbers)
    if summary.skipped:
        blocks.append(Paragraph(
            "Not computed: " + "; ".join(summary.skipped)
            + ".", formats=_DISPLAY,
        ))
    return blocks


def summary_json(summary: Any, numbers: Numbers) -> dict[str, Any]:
    """The JSON of the concepts: each concept's own JSON form (QRE: its limit only)."""
    qre = None if summary.qre is None else summary.qre.to_dict(numbers.format)
    return {
        "selection": None if summary.selection is None
        else summary.selection.to_dict(numbers.format),
        "correlated": None if summary.correlated is None
        else summary.correlated.to_dict(numbers.format),
        "qre": None if qre is None
        else {key: qre[key] for key in ("status", "message", "bifurcations", "limit")},
        "stackelberg": None if summary.stackelberg is None
        else [r.to_dict() for r in summary.stackelberg],
        "bargaining": None if summary.bargaining is None else summary.bargaining.to_dict(),
        "repeated": None if summary.repeated is None else summary.repeated.to_dict(),
        "skipped": list(summary.skipped),
    }
