"""What ``gametheory analyze`` reports on a model: its game's analysis, and the model's lenses.

A game tree is analysed through its reduced strategic form (the title says so); a matrix model
whose outcomes carry ranks also gets the ordinal lenses
(:func:`gametheory.ordinal.ordinal_analysis`) and the rank-only robustness verdicts
(:func:`gametheory.robustness.verdicts_if_ranked`). Pure functions of a loaded model
(:class:`gametheory.models.edits.Loaded`).
"""

from __future__ import annotations

from typing import Any

__all__ = ["analyse_model", "format_model_analysis"]


def analyse_model(loaded: Any, method: str | None = None,
                  concepts: frozenset[str] | None = None) -> tuple[Any, str]:
    """The analysis of the model's game (a tree's reduced strategic form), and its title.

    ``concepts`` None: every concept beyond Nash that applies (:func:`gametheory.analysis.analyze`).
    """
    from ..analysis import analyze

    game, title = loaded.game, loaded.title
    if getattr(loaded.model, "is_tree", False):  # analyses of a tree: its reduced strategic form
        from ..extensive import reduced_strategic_form

        game, title = reduced_strategic_form(game), f"{title} (reduced strategic form)"
    return analyze(game, method, concepts=True if concepts is None else concepts), title


def format_model_analysis(loaded: Any, analysis: Any, fmt: str, *, title: str,
                          decimals: int | None = None, standalone: bool = False,
                          sgame: bool = False) -> str:
    """The report of :func:`analyse_model`; a ranked model adds its lenses and verdicts."""
    from ..robustness import verdicts_if_ranked
    from . import format_analysis

    tree = getattr(loaded.model, "is_tree", False)
    ordinal = None
    if not tree and any(outcome.judgements for outcome in loaded.model.outcomes):
        from ..ordinal import ordinal_analysis

        ordinal = ordinal_analysis(loaded.game)
    return format_analysis(
        analysis, fmt, decimals=decimals, title=title, model=loaded.model.name,
        parameters=loaded.values, standalone=standalone, sgame=sgame,
        verdicts=None if tree else verdicts_if_ranked(loaded.model), ordinal=ordinal,
        notes=getattr(loaded.model, "reading_notes", ()),
    )
