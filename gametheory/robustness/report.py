"""What ``gametheory robustness`` prints, and the rank-only verdicts ``analyze`` adds.

:func:`format_robustness` renders a :class:`~.smaa.RobustnessResult` as text, markdown, LaTeX,
CSV or JSON; :func:`verdict_blocks` gives the blocks of the rank-only verdicts for any report.

JSON contract (scripts rely on it; extend, never break)
-------------------------------------------------------
``samples`` (int), ``seed`` (int), ``mode`` (``"ranks"`` or ``"parameters"``), ``orders``
(player -> exact number of admissible orders, as a string; empty without ranks),
``outcomes``: one item per pure profile (row-major) with ``profile`` (player -> strategy id),
``equilibrium_share`` (a decimal string, 6 places), ``count`` (samples), ``always`` and
``never`` (booleans, exact over the admissible readings; ``null`` without ranks),
``order_share`` (the exact share of readings, a fraction string; ``null`` without ranks) and
``rests_on`` (comparisons ``{"player", "better", "worse", "settled"}``); ``supports``: each
with ``supports`` (player -> list of strategy ids), ``share``, ``count``, and for mixed pairs
``probabilities`` and ``payoffs`` (``mean`` and ``quantiles``, floats as decimal strings);
``unique_share``; ``equilibrium_sets`` (each set of equilibria found together in a sample,
as ``equilibria``, a list of supports, with ``share`` and ``count``); ``equilibrium_counts``
(number of equilibria -> samples); ``exact_fallback`` (samples solved by the exact solver);
``distributions`` (parameters mode: name -> distribution); ``dominance`` (strict dominance in
every reading);
``open_comparisons`` (each ``{"player", "outcomes": [profile, profile], "source"}``).
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from ..numbers import format_decimal

__all__ = ["format_robustness", "robustness_json", "verdict_blocks", "verdicts_json"]

_SHARE_PLACES = 6


def _share(count: int, total: int, places: int = _SHARE_PLACES) -> str:
    return format_decimal(Fraction(count, total), places)


def _shown(count: int, total: int) -> str:
    """A share in a displayed table: four places."""
    return _share(count, total, 4)


def _float(x: float) -> str:
    return f"{x:.6f}"


def _profile(players: Any, ids: Any) -> dict[str, str]:
    return dict(zip(players, ids, strict=True))


def _text(ids: Any) -> str:
    return "(" + ", ".join(ids) + ")"


def verdicts_json(verdicts: Any) -> dict[str, Any]:
    """The rank-only verdicts as JSON data (``analyze`` adds them as ``rank_verdicts``)."""
    return verdicts.to_dict()


def robustness_json(result: Any) -> dict[str, Any]:
    """The JSON contract of a :class:`~.smaa.RobustnessResult` (see the module docstring)."""
    players, strategies, n = result.players, result.strategies, result.samples
    verdicts = result.verdicts
    by_profile = {o.profile: o for o in verdicts.outcomes} if verdicts else {}
    outcomes = []
    for index, count in _cells(result.pure_counts):
        ids = tuple(strategies[p][j] for p, j in enumerate(index))
        v = by_profile.get(index)
        outcomes.append({
            "profile": _profile(players, ids),
            "equilibrium_share": _share(count, n),
            "count": count,
            "always": v.always if v else None,
            "never": v.never if v else None,
            "order_share": _exact(v.share) if v else None,
            "rests_on": [r.to_dict() for r in v.rests_on] if v else [],
        })
    supports = []
    m = len(strategies[0])
    for s in result.supports:
        item: dict[str, Any] = {
            "supports": {
                p: [strategies[i][j] for j in s.supports[i]] for i, p in enumerate(players)
            },
            "share": _share(s.count, n),
            "count": s.count,
        }
        if s.mean:
            columns = _columns(players, strategies, s, m)
            item["probabilities"] = {
                p: {
                    label: _stats(s, c) for (q, label, c) in columns if q == p
                }
                for p in players
            }
            item["payoffs"] = {
                p: _stats(s, len(strategies[0]) + len(strategies[1]) + i)
                for i, p in enumerate(players)
            }
        supports.append(item)
    return {
        "model": result.model,
        "title": result.title,
        "mode": result.mode,
        "samples": n,
        "seed": result.seed,
        "orders": {p: str(c) for p, c in verdicts.orders.items()} if verdicts else {},
        "outcomes": outcomes,
        "supports": supports,
        "unique_share": _share(result.equilibrium_counts.get(1, 0), n),
        "equilibrium_sets": [
            {
                "equilibria": [
                    {p: [strategies[i][j] for j in pair[i]] for i, p in enumerate(players)}
                    for pair in pairs
                ],
                "share": _share(c, n),
                "count": c,
            }
            for pairs, c in result.equilibrium_sets
        ],
        "equilibrium_counts": {str(k): c for k, c in result.equilibrium_counts.items()},
        "exact_fallback": result.fallback,
        "distributions": dict(result.distributions),
        "dominance": verdicts.to_dict()["dominance"] if verdicts else [],
        "open_comparisons": [c.to_dict() for c in result.open_comparisons],
    }


def _exact(x: Fraction) -> str:
    return str(x.numerator) if x.denominator == 1 else f"{x.numerator}/{x.denominator}"


def _cells(counts: Any) -> list[tuple[tuple[int, ...], int]]:
    import numpy as np

    return [(tuple(int(i) for i in index), int(c)) for index, c in np.ndenumerate(counts)]


def _columns(players: Any, strategies: Any, s: Any, m: int) -> list[tuple[str, str, int]]:
    """The (player, strategy, column) of each strategy in the support (x then y)."""
    out = [(players[0], strategies[0][j], j) for j in s.supports[0]]
    out += [(players[1], strategies[1][j], m + j) for j in s.supports[1]]
    return out


def _stats(s: Any, column: int) -> dict[str, Any]:
    from .smaa import QUANTILES

    return {
        "mean": _float(s.mean[column]),
        "quantiles": {f"{q:g}": _float(v) for q, v in zip(QUANTILES, s.quantiles[column],
                                                            strict=True)},
    }


# ---------------------------------------------------------------------- documents
def verdict_blocks(verdicts: Any, heading_level: int = 2) -> list[Any]:
    """The rank-only verdicts as report blocks (tables and paragraphs)."""
    from ..report._document import Heading, Paragraph, Table

    players = verdicts.players
    orders = ", ".join(f"{p} {n}" for p, n in verdicts.orders.items())
    blocks: list[Any] = [
        Heading("Verdicts from the ranks alone", heading_level),
        Paragraph(
            "Over every admissible reading (each player's orders of the outcomes that agree "
            f"with every comparison the model settles). Admissible orders: {orders}. Exact."
        ),
    ]
    rows = []
    for o in verdicts.outcomes:
        if o.never and o.efficient != "always":
            continue
        verdict = "always" if o.always else ("never" if o.never else "in some readings")
        rows.append((_text(o.ids), verdict, o.share, o.efficient))
    never = [_text(o.ids) for o in verdicts.outcomes if o.never]
    blocks.append(Table(
        ("outcome", "pure equilibrium", "share of readings", "Pareto-efficient"),
        tuple(rows),
        caption="Pure outcomes that are an equilibrium or Pareto-efficient in some reading",
    ))
    if never:
        blocks.append(Paragraph("A pure equilibrium in no reading: " + "; ".join(never) + "."))
    rests = []
    for o in verdicts.outcomes:
        for r in o.rests_on:
            rests.append((_text(o.ids), r.player, _text(r.better), _text(r.worse),
                          "settled" if r.settled else "open", r.source or "-"))
    if rests:
        blocks.append(Table(
            ("equilibrium", "player", "better", "worse", "comparison", "source"),
            tuple(rests),
            caption="What each pure equilibrium rests on (reversing any one comparison "
            "removes it)",
        ))
    if verdicts.dominance:
        blocks.append(Table(
            ("player", "strategy", "strictly dominated by"),
            tuple((d.player, d.strategy, d.by) for d in verdicts.dominance),
            caption="Strict dominance in every reading",
        ))
    else:
        blocks.append(Paragraph("No strategy is strictly dominated in every reading."))
    if verdicts.open_comparisons:
        blocks.append(Table(
            ("#", "player", "outcome", "outcome", "source"),
            tuple(
                (str(k + 1), c.player, _text(c.outcomes[0]), _text(c.outcomes[1]),
                 c.source or "-")
                for k, c in enumerate(verdicts.open_comparisons)
            ),
            caption="Comparisons the model leaves open",
        ))
        blocks += [
            Paragraph(f"{k + 1}. {c.why}") for k, c in enumerate(verdicts.open_comparisons)
            if c.why
        ]
    else:
        blocks.append(Paragraph(
            "The model leaves no comparison open: its ranks are the only reading."
        ))
    del players
    return blocks


def _mode_text(result: Any) -> str:
    if result.mode == "ranks":
        return (
            "Over the ranks: each player's payoffs drawn uniformly among the cardinal values "
            "consistent with its admissible orders (a uniform admissible order, then sorted "
            "uniform numbers on [0, 1]); the payoff expressions set aside."
        )
    drawn = ", ".join(f"{n} ~ {d}" for n, d in result.distributions)
    return (
        f"Over the parameters: {drawn}; the other parameters at their values; the payoff "
        "expressions kept."
    )


def robustness_document(result: Any) -> Any:
    from ..report._document import ALL_FORMATS, Document, Heading, Paragraph, Table

    display = ALL_FORMATS - {"csv"}
    players, strategies, n = result.players, result.strategies, result.samples
    blocks: list[Any] = [
        Heading(f"Robustness: {result.title}"),
        Paragraph(
            f"{_mode_text(result)} {n} samples, seed {result.seed}. Every sample is solved "
            "with every equilibrium certified; shares are counts of samples, means and "
            "quantiles are floating point."
            + (f" {result.fallback} samples had no certified float margin and were solved "
               "by the exact solver." if result.fallback else "")
        ),
    ]
    counts = result.pure_counts
    grid = tuple(
        (strategies[0][r], *(_shown(int(counts[r, c]), n) for c in range(counts.shape[1])))
        for r in range(counts.shape[0])
    )
    blocks.append(Table(
        (f"{players[0]} \\ {players[1]}", *strategies[1]), grid,
        caption="Share of samples in which each pure outcome is an equilibrium",
    ))
    blocks.append(Table(
        (players[0], players[1], "share"),
        tuple(
            (", ".join(strategies[0][j] for j in s.supports[0]),
             ", ".join(strategies[1][j] for j in s.supports[1]), _shown(s.count, n))
            for s in result.supports
        ),
        caption="Share of samples in which each pair of supports carries an equilibrium",
    ))
    rows = []
    m = len(strategies[0])
    for s in result.supports:
        if not s.mean:
            continue
        pair = "; ".join(", ".join(strategies[i][j] for j in s.supports[i]) for i in range(2))
        for player, label, column in _columns(players, strategies, s, m):
            rows.append((pair, f"P({player}: {label})", *_five(s, column)))
        for i, player in enumerate(players):
            rows.append((pair, f"{player} payoff", *_five(s, m + len(strategies[1]) + i)))
    if rows:
        blocks.append(Table(
            ("supports", "quantity", "mean", "5%", "median", "95%"), tuple(rows),
            caption="Mixed equilibria: distribution over the samples",
        ))
    if result.equilibrium_sets:
        blocks.append(Table(
            ("share", "equilibria (supports)"),
            tuple(
                (_shown(c, n),
                 " | ".join(_pair_text(strategies, pair) for pair in pairs) or "none")
                for pairs, c in result.equilibrium_sets
            ),
            caption="Share of samples by their whole set of equilibria",
        ))
    numbers = ", ".join(
        f"{k}: {_shown(c, n)}" for k, c in result.equilibrium_counts.items()
    )
    blocks.append(Paragraph(
        f"A unique equilibrium in {_shown(result.equilibrium_counts.get(1, 0), n)} of the "
        f"samples (share of samples by number of equilibria: {numbers}).", formats=display,
    ))
    if result.verdicts is not None:
        blocks += verdict_blocks(result.verdicts)
    return Document(tuple(blocks), title=f"Robustness: {result.title}")


def _pair_text(strategies: Any, pair: Any) -> str:
    return " / ".join(", ".join(strategies[i][j] for j in pair[i]) for i in range(2))


def _five(s: Any, column: int) -> tuple[str, str, str, str]:
    q = s.quantiles[column]
    return (_float4(s.mean[column]), _float4(q[0]), _float4(q[2]), _float4(q[4]))


def _float4(x: float) -> str:
    return f"{x:.4f}"


def format_robustness(result: Any, format: str = "text", *, standalone: bool = False) -> str:
    """A robustness result as text, markdown, LaTeX, CSV or JSON.

    Raises
    ------
    ValueError
        For an unknown format.
    """
    from ..report import render

    return render(
        robustness_document(result), format, standalone=standalone, data=robustness_json(result)
    )
