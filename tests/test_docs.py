"""The documentation site builds from docs/ without a warning (warnings are errors), its
executed examples run, and every command's --help points to a page and section that exist.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import cli

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("sphinx")
    pytest.importorskip("matplotlib")  # the tutorial draws a figure
    from sphinx.cmd.build import build_main

    out = tmp_path_factory.mktemp("site")
    warnings = out / "warnings.txt"
    code = build_main(["-W", "--keep-going", "-q", "-b", "html", "-w", str(warnings),
                       "-d", str(out / "doctrees"), str(DOCS), str(out / "html")])
    assert code == 0, warnings.read_text()
    assert warnings.read_text() == ""
    return out / "html"


def test_every_page_of_docs_is_in_the_site(site: Path) -> None:
    pages = {p.stem for p in DOCS.glob("*.md")}
    assert pages <= {p.stem for p in site.glob("*.html")}
    for page in ("tutorial", "howto-model-from-text", "howto-open-judgements", "howto-paper",
                 "api", "model-format", "contracts", "commands", "guide", "models"):
        assert page in pages


@pytest.mark.parametrize("command", sorted(cli.cli.commands))
def test_each_command_s_documentation_pointer_exists_in_the_site(site: Path, command: str) -> None:
    page, _, anchor = cli.cli.commands[command].documentation.partition("#")
    html = (site / Path(page).with_suffix(".html").name).read_text()
    if anchor:
        assert f'id="{anchor}"' in html
    if page == "docs/commands.md":
        # the command reference shows the command's real --help
        assert f"Usage: gametheory {command} " in html


def test_the_api_reference_renders_the_numpydoc_sections(site: Path) -> None:
    html = (site / "api.html").read_text()
    assert 'id="gametheory.solve"' in html
    for section in ("Parameters", "Returns", "Raises", "Examples"):
        assert re.search(rf">{section}<", html), section


def test_executed_examples_show_real_output(site: Path) -> None:
    text = (site / "tutorial.html").read_text()
    # The tutorial's solve of the dual track, computed at build time: Moscow's 1/4 and 3/4.
    assert "1/4 friendly_offer + 3/4 hard_demand" in text
    assert "{gametheory-run}" not in text
