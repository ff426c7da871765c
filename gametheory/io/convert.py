"""Converting a model between file formats: .toml, and Gambit's .nfg and .efg.

The suffix of the target file chooses the format (:func:`conversion_suffix`);
:func:`converted_text` writes a loaded model (a :class:`~gametheory.models.edits.Loaded`, its
parameters substituted) in it. A game tree converts to .efg, to .toml, or to .nfg (its reduced
strategic form); a game in strategic form has no tree to write as .efg.
"""

from __future__ import annotations

import os
from typing import Any

from ..errors import GameError

__all__ = ["CONVERSION_SUFFIXES", "conversion_suffix", "converted_text"]

#: The file suffixes a model converts to.
CONVERSION_SUFFIXES = (".toml", ".nfg", ".efg")


def conversion_suffix(target: str) -> str:
    """The suffix of ``target`` (lower case), one of :data:`CONVERSION_SUFFIXES`.

    Raises
    ------
    GameError
        For another suffix.

    Examples
    --------
    >>> conversion_suffix("game.NFG")
    '.nfg'
    """
    suffix = os.path.splitext(target)[1].lower()
    if suffix not in CONVERSION_SUFFIXES:
        raise GameError(f"{target!r}: the suffix must be .toml, .nfg or .efg")
    return suffix


def converted_text(loaded: Any, target: str) -> str:
    """The text of a loaded model in the format named by the suffix of ``target``.

    Raises
    ------
    GameError
        For a bad suffix, or a game in strategic form written as .efg (naming ``target``).
    """
    suffix = conversion_suffix(target)
    if getattr(loaded.model, "is_tree", False) and suffix != ".toml":
        from ..extensive import reduced_strategic_form
        from .efg import write_efg
        from .nfg import write_nfg

        tree = loaded.game
        return write_efg(tree) if suffix == ".efg" else write_nfg(reduced_strategic_form(tree))
    if suffix == ".efg":
        raise GameError("a game in strategic form has no tree to write as .efg", file=target)
    if suffix == ".nfg":
        from .nfg import write_nfg

        return write_nfg(loaded.game)
    return loaded.model_at_values.to_toml()
