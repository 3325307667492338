"""Where the case study and the notebooks are: the source checkout or the installed wheel.

A source checkout (``pip install -e .``) keeps ``seeds/``, ``notebooks/`` and
``scripts/results/`` at the top of the project, next to ``framing/``. A wheel carries the
same files as package data inside the package (``framing/seeds`` ...; see
``[tool.setuptools.package-dir]`` in ``pyproject.toml``). Both layouts have the same
relative paths below their root, so the notebooks' ``../seeds`` works in either.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def source_checkout() -> Path | None:
    """The project folder this package runs from (``pip install -e .`` or a clone), or
    ``None`` for an installed wheel."""
    root = _PACKAGE.parent
    if ((root / "pyproject.toml").is_file() and (root / "notebooks").is_dir()
            and (root / "seeds" / "manifest.csv").is_file()):
        return root
    return None


def case_study_root() -> Path:
    """The folder holding ``seeds/``, ``notebooks/`` and ``scripts/results/``: the source
    checkout when there is one, else the installed package."""
    return source_checkout() or _PACKAGE


def case_study(*parts: str) -> Path:
    """A path below :func:`case_study_root`, e.g. ``case_study("seeds", "actors.csv")``."""
    return case_study_root().joinpath(*parts)
