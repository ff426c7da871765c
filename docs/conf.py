"""Sphinx configuration of the gametheory documentation site.

Why Sphinx (with numpydoc and myst-parser) rather than MkDocs Material with mkdocstrings: the
library's docstrings are numpydoc, which Sphinx's autodoc and numpydoc render as they are
(Parameters, Returns, Raises, References, doctest Examples); myst-parser reads the existing
Markdown pages (docs/*.md, README.md, models/README.md) unchanged, so that every page exists
once and GitHub shows the same files; and the site needs no theme or plug-in beyond those two
packages (the built-in alabaster theme), which keeps the `docs` extra small and the build well
under a minute. Examples are executed: the local extension ``_ext/gametheory_docs.py`` runs
each ``{gametheory-run}`` command and each ``{gametheory-help}`` at build time and prints what
the program prints, so the site cannot drift from the program.

Build (warnings are errors, as in tests/test_docs.py)::

    pip install ".[docs]"
    python -m sphinx -W --keep-going -b html docs docs/_build/html
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE / "_ext"), str(HERE.parent)]

from gametheory import __version__  # noqa: E402

project = "gametheory"
author = "the gametheory authors"
copyright = "2026, the gametheory authors"
version = release = __version__

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "numpydoc",
    "gametheory_docs",
]
source_suffix = {".md": "markdown", ".rst": "restructuredtext"}
root_doc = "index"
exclude_patterns = ["_build", "_ext"]

# Headings get anchors as on GitHub, so that links such as commands.md#solve work in both.
myst_heading_anchors = 3
myst_enable_extensions = ["colon_fence"]

autodoc_default_options = {"members": True, "imported-members": True}
autodoc_member_order = "bysource"
numpydoc_show_class_members = False
numpydoc_class_members_toctree = False

html_theme = "alabaster"
html_title = f"gametheory {__version__}"
html_theme_options = {"description": "Exact game-theoretic analysis of negotiations"}
