"""The parts of a paper bundle beyond the analysis (:mod:`._bundle`): the rank verdicts and
ordinal lenses that ``analyze`` adds, the sensitivity and robustness sections, the figures.

A part that does not apply to a model is returned as a string saying why (the bundle names it
under "Not included"); any other error propagates.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import Any

from ..errors import GameError

__all__ = [
    "analysis_extras",
    "figures",
    "robustness_result",
    "robustness_section",
    "sensitivity_section",
]


def analysis_extras(model: Any, game: Any) -> tuple[Any, ...]:
    """What ``gametheory analyze`` adds for a model with ranks: verdicts and ordinal lenses."""
    from ..robustness import verdict_blocks, verdicts_if_ranked

    blocks: list[Any] = []
    verdicts = verdicts_if_ranked(model)
    if verdicts is not None:
        blocks += verdict_blocks(verdicts)
    if any(outcome.judgements for outcome in model.outcomes):
        from ..ordinal import ordinal_analysis
        from ._ordinal import ordinal_blocks

        blocks += ordinal_blocks(ordinal_analysis(game), model.name)
    return tuple(blocks)


def sensitivity_section(model: Any, values: Mapping[str, Fraction]) -> tuple[Any, ...] | str:
    """("Sensitivity", stem, LaTeX, HTML) for every parameter in turn, or why not."""
    if not model.parameters:
        return "the model has no parameters"
    if len(model.players) != 2:
        return "thresholds and regimes are computed for two-player games"
    import html

    from ..sensitivity import ParametricGame, format_report, sensitivity

    report = sensitivity(ParametricGame.from_model(model), (), at=values)
    text = format_report(report, "text")
    return ("Sensitivity", "sensitivity", format_report(report, "latex"),
            f'<pre class="gametheory-report">{html.escape(text)}</pre>\n')


def robustness_result(model: Any, values: Mapping[str, Fraction], seed: int,
                      samples: int) -> Any:
    """The robustness analysis (over the ranks, else the parameters' ranges), or why not."""
    from ..robustness import robustness

    if len(model.players) != 2:
        return "the sampled games are solved for two-player games"
    try:
        return robustness(model, samples=samples, seed=seed,
                          values={k: str(v) for k, v in values.items()})
    except GameError as exc:  # neither ranks nor parameters with ranges to sample
        return exc.message


def robustness_section(result: Any) -> tuple[str, str, str, str]:
    """("Robustness", stem, LaTeX, HTML): the report of ``gametheory robustness`` without its
    rank verdicts (the analysis sections have them already)."""
    import dataclasses

    from ..robustness import format_robustness

    result = dataclasses.replace(result, verdicts=None)
    return ("Robustness", "robustness", format_robustness(result, "latex"),
            format_robustness(result, "html"))


def figures(model: Any, values: Mapping[str, Fraction], result: Any, robust: Any,
            resolution: int, omitted: dict[str, str]) -> list[tuple[str, str, bytes, bytes]]:
    """(caption, stem, PDF, SVG) of each figure that applies; the others named in ``omitted``."""
    from ..plot import figure_bytes, require_matplotlib

    require_matplotlib()
    out: list[tuple[str, str, bytes, bytes]] = []
    if len(model.players) == 2:
        two_by_two = model.shape == (2, 2)
        caption = ("Best responses and equilibria" if two_by_two
                   else "Payoffs of the pure outcomes, the Pareto frontier and the equilibria")
        out.append((caption, "game", *(figure_bytes(result, format=f, title=model.title or "")
                                       for f in ("pdf", "svg"))))
    else:
        omitted["Figure of the game"] = "drawn for two-player games"
    names = list(model.parameters)
    if len(names) >= 2 and len(model.players) == 2:
        from ..sensitivity import ParametricGame, plot_regime_map, regime_map

        rmap = regime_map(ParametricGame.from_model(model), names[0], names[1], at=values,
                          resolution=resolution)
        descriptions = {n: p.description for n, p in model.parameters.items()}
        out.append((f"Regime map of {names[0]} and {names[1]} (the other parameters fixed)",
                    "regime-map", *(plot_regime_map(rmap, fmt=f, descriptions=descriptions)
                                    for f in ("pdf", "svg"))))
    else:
        omitted["Regime map"] = "drawn for two parameters of a two-player game"
    if not isinstance(robust, str):
        from ..robustness import plot_robustness

        out.append(("Robustness: how often each outcome is an equilibrium, and the mixed "
                    "probabilities", "robustness",
                    *(plot_robustness(robust, f) for f in ("pdf", "svg"))))
    return out
