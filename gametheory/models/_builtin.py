"""The built-in models: their folder (installed, or models/ in the source tree) and names.

A built-in model is a ``.toml`` file of that folder whose stem is a lower-case name such as
``us-russia``; :func:`gametheory.models.load_model` takes the name.

Examples
--------
>>> ("prisoners-dilemma" in dict(builtin_models())) == (_builtin_file("prisoners-dilemma") is not None)
True
"""  # noqa: E501

from __future__ import annotations

import re
import tomllib
from functools import cache
from pathlib import Path as FilePath
from typing import Any

__all__ = ["builtin_models"]

_BUILTIN_NAME = re.compile(r"[a-z0-9][a-z0-9_-]*")


def builtin_models() -> list[tuple[str, str]]:
    """The built-in models as ``(name, title)`` pairs, sorted by name.

    Examples
    --------
    >>> all(isinstance(name, str) and isinstance(title, str) for name, title in builtin_models())
    True
    """
    folder = _builtin_folder()
    if folder is None:
        return []
    out = []
    for entry in folder.iterdir():
        name = entry.name
        if not name.endswith(".toml") or not _BUILTIN_NAME.fullmatch(name[:-5]):
            continue
        try:
            data = tomllib.loads(entry.read_text(encoding="utf-8"))
            title = data.get("game", {}).get("title", "")
        except (tomllib.TOMLDecodeError, UnicodeDecodeError, AttributeError):
            title = ""
        out.append((name[:-5], title if isinstance(title, str) else ""))
    return sorted(out)


@cache
def _builtin_folder() -> Any:
    """The folder of built-in models: the installed package, or models/ in the source tree."""
    from importlib.util import find_spec

    # The package's folder on disk (every pip install of a wheel unpacks it): found without
    # importlib.resources, whose import costs about 10 ms of a 0.35 s start-up.
    try:
        spec = find_spec("gametheory._builtin_models")
    except ModuleNotFoundError:
        spec = None
    locations = list(spec.submodule_search_locations or ()) if spec is not None else []
    for location in locations:
        if FilePath(location).is_dir():
            return FilePath(location)
    if spec is not None:  # elsewhere (a zip archive): importlib.resources knows how to read it
        import importlib.resources

        folder = importlib.resources.files("gametheory._builtin_models")
        if folder.is_dir():
            return folder
    source_tree = FilePath(__file__).resolve().parents[2] / "models"
    return source_tree if source_tree.is_dir() else None


def _builtin_file(name: str) -> Any:
    if not _BUILTIN_NAME.fullmatch(name):
        return None
    folder = _builtin_folder()
    if folder is None:
        return None
    entry = folder.joinpath(name + ".toml")
    return entry if entry.is_file() else None
