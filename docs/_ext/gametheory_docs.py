"""Executed examples for the gametheory site: directives that run the command line.

``{gametheory-run} ARGS`` runs ``gametheory ARGS`` (in a folder of its own for each page, so
that a file one example writes is there for the next) and shows the command and its output;
``{gametheory-help} COMMAND`` shows ``gametheory COMMAND --help``. A command that fails is a
build warning, hence an error with ``-W``: the site shows only examples that work.
"""

from __future__ import annotations

import shlex
import tempfile
from pathlib import Path
from typing import Any, ClassVar

from docutils import nodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

_LOG = logging.getLogger(__name__)
#: One working folder per page, removed when the build finishes.
_FOLDERS: dict[str, str] = {}


def _invoke(args: list[str], folder: str) -> tuple[int, str]:
    import os

    from click.testing import CliRunner

    import cli

    before = os.getcwd()
    os.chdir(folder)
    try:
        result = CliRunner().invoke(cli.cli, args, prog_name="gametheory", terminal_width=100)
    finally:
        os.chdir(before)
    return result.exit_code, result.output


class _Run(SphinxDirective):
    has_content = False
    required_arguments = 1
    final_argument_whitespace = True
    option_spec: ClassVar[dict[str, Any]] = {"exit-code": int}

    def _folder(self) -> str:
        if self.env.docname not in _FOLDERS:
            _FOLDERS[self.env.docname] = tempfile.mkdtemp(prefix="gametheory-docs-")
        return _FOLDERS[self.env.docname]

    def _block(self, args: list[str], shown: str) -> list[nodes.Node]:
        code, output = _invoke(args, self._folder())
        if code != self.options.get("exit-code", 0):
            _LOG.warning("gametheory %s exited with %s: %s", " ".join(args), code,
                         output.strip().splitlines()[-1:] if output.strip() else "",
                         location=self.get_location())
        block = nodes.literal_block(shown + output, shown + output)
        block["language"] = "console"
        return [block]


class RunDirective(_Run):
    """``gametheory ARGS``: the command and its real output."""

    def run(self) -> list[nodes.Node]:
        args = shlex.split(self.arguments[0])
        return self._block(args, f"$ gametheory {self.arguments[0]}\n")


class HelpDirective(_Run):
    """``gametheory COMMAND --help``, as the program prints it."""

    def run(self) -> list[nodes.Node]:
        return self._block([*self.arguments[0].split(), "--help"], "")


class FileDirective(_Run):
    """A file written into the page's folder (for the examples after it) and shown."""

    has_content = True

    def run(self) -> list[nodes.Node]:
        text = "\n".join(self.content) + "\n"
        (Path(self._folder()) / self.arguments[0]).write_text(text)
        block = nodes.literal_block(text, text)
        block["language"] = "toml" if self.arguments[0].endswith(".toml") else "text"
        return [nodes.paragraph(text=f"{self.arguments[0]}:"), block]


#: Links between files of the repository, as GitHub shows them, and their pages in the site.
_LINKS = {
    "](models/README.md#bayesian-games": "](model-format.md#bayesian-games",
    "](../models/README.md": "](models.md",
    "](models/README.md": "](models.md",
}


def _links(text: str) -> str:
    for github, site in _LINKS.items():
        text = text.replace(github, site)
    return text


def _source_read(_app: Any, _docname: str, source: list[str]) -> None:
    source[0] = _links(source[0])


def _include_read(_app: Any, _path: Any, _parent: str, content: list[str]) -> None:
    content[0] = _links(content[0])


def _module_sections_as_rubrics(
    _app: Any, what: str, _name: str, _obj: Any, _options: Any, lines: list[str]
) -> None:
    """A module docstring's numpydoc headings (Examples, ...) as rubrics, not page sections.

    Sections would give every module's "Examples" the same anchor on one page.
    """
    if what != "module":
        return
    k = 0
    while k + 1 < len(lines):
        title, rule = lines[k].strip(), lines[k + 1].strip()
        if title and rule and set(rule) <= set("-=~") and len(rule) == len(title):
            lines[k : k + 2] = [f".. rubric:: {title}", ""]
        k += 1


def _clean(_app: Any, _exc: Exception | None) -> None:
    import shutil

    for folder in _FOLDERS.values():
        shutil.rmtree(folder, ignore_errors=True)
    _FOLDERS.clear()


def setup(app: Any) -> dict[str, Any]:
    app.add_directive("gametheory-run", RunDirective)
    app.add_directive("gametheory-help", HelpDirective)
    app.add_directive("gametheory-file", FileDirective)
    app.connect("build-finished", _clean)
    app.connect("source-read", _source_read)
    app.connect("include-read", _include_read)
    app.connect("autodoc-process-docstring", _module_sections_as_rubrics)
    return {"version": "1", "parallel_read_safe": False, "parallel_write_safe": True}
