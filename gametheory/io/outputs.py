"""A command's output files: where it may write them, and the formats their names ask for.

Pure checks (no click, no printing), made before any work so that a refused output wastes
none: never over the input model, over another model file only with ``--force``
(:func:`check_target`, :func:`check_outputs`); a figure's format from its suffix
(:func:`figure_format`); options that apply to one format only (:func:`check_dpi`,
:func:`check_latex_flags`). Each raises a :class:`~gametheory.errors.GameError`; the writing
itself is :func:`gametheory.report.atomic_write`.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

from ..errors import GameError

__all__ = ["check_dpi", "check_latex_flags", "check_outputs", "check_target", "figure_format"]


def check_target(
    path: str, *, force: bool = False, inputs: Sequence[str] = (), model: bool = False
) -> None:
    """Refuse to write over the input model or, without --force, over any model file.

    ``model`` is true for --save, which writes a model: with --force it may replace the input.
    """
    from ..report import check_output_path, is_model_file

    check_output_path(path)
    device = os.path.exists(path) and not os.path.isfile(path)  # e.g. /dev/stdout
    if model and not device and not path.lower().endswith(".toml"):
        raise GameError(
            "--save writes a model file in TOML: name it .toml (for Gambit's formats, "
            "`gametheory convert MODEL OUT.nfg`)", file=path)
    is_input = os.path.exists(path) and any(
        os.path.exists(i) and os.path.samefile(path, i) for i in inputs
    )
    if is_input and not (model and force):
        hint = "; use --force to overwrite it" if model else ""
        raise GameError(f"refusing to overwrite the input model{hint}", file=path)
    if not force and not is_input and is_model_file(path):
        raise GameError(
            "refusing to overwrite a model file; use --force to overwrite it", file=path
        )


def check_outputs(targets: Sequence[str | None], *, force: bool, inputs: Sequence[str]) -> None:
    """check_target for each output of a command, and no two of them the same file."""
    from ..report import check_distinct_outputs

    check_distinct_outputs(targets)
    for target in targets:
        if target is not None:
            check_target(target, force=force, inputs=inputs)


def figure_format(path: str) -> str:
    """The figure format named by a file's suffix (png, pdf or svg).

    Raises
    ------
    GameError
        For another suffix, naming the ones allowed.

    Examples
    --------
    >>> figure_format("map.PNG")
    'png'
    """
    from ..plot import FIGURE_SUFFIXES

    suffix = os.path.splitext(path)[1].lower()
    if suffix not in FIGURE_SUFFIXES:
        raise GameError(f"{path!r}: the suffix must be one of {', '.join(FIGURE_SUFFIXES)}")
    return suffix[1:]


def check_dpi(dpi: int | None, figure_format: str | None) -> None:
    """Refuse a resolution (``--dpi``) for a figure that is not a PNG (or no figure)."""
    if dpi is not None and figure_format != "png":
        raise GameError("--dpi applies to PNG figures (a .png file)")


def check_latex_flags(fmt: str, standalone: bool, sgame: bool) -> None:
    """Refuse ``--standalone`` or ``--sgame`` for an output format other than LaTeX."""
    if (standalone or sgame) and fmt != "latex":
        flag = "--standalone" if standalone else "--sgame"
        raise GameError(f"{flag} applies to --format latex only")
