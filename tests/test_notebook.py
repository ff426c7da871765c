"""The example notebook docs/us-russia.ipynb runs top to bottom (nbclient, a real kernel)."""

from __future__ import annotations

from pathlib import Path

import pytest

NOTEBOOK = Path(__file__).resolve().parent.parent / "docs" / "us-russia.ipynb"


def test_example_notebook_runs():
    nbformat = pytest.importorskip("nbformat", reason="nbformat is in the test extra")
    nbclient = pytest.importorskip("nbclient", reason="nbclient is in the test extra")
    pytest.importorskip("ipykernel", reason="ipykernel (the Python kernel) is in the test extra")
    from jupyter_client.kernelspec import NoSuchKernel

    notebook = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(
        notebook, timeout=300, kernel_name="python3",
        resources={"metadata": {"path": str(NOTEBOOK.parent)}},
    )
    try:
        client.execute()
    except (NoSuchKernel, RuntimeError) as exc:
        if "kernel" in str(exc).lower() and "died" not in str(exc).lower():
            pytest.skip(f"no Jupyter kernel could start here: {exc}")
        raise
    outputs = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    shown = [o.get("data", {}) for o in outputs if o.output_type == "execute_result"]
    # The solve shows itself as the report's tables, and as LaTeX for a paper.
    solve_output = shown[1]
    assert "<table" in solve_output["text/html"] and "43/5" in solve_output["text/html"]
    assert "\\begin{tabular}" in solve_output["text/latex"]
    assert any("image/svg+xml" in data for data in shown)
