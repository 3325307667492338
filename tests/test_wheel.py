"""A release-shaped package: the wheel, installed in a fresh virtual environment, runs the
case study and another corpus from any folder.

Slow (it builds the wheel and runs the notebooks twice), so it runs once per session. The
dependencies are not downloaded again: the fresh environment sees this environment's
packages through a ``.pth`` line (which brings no ``framing`` with it: the editable install's
hook is a ``.pth`` file of its own, and ``.pth`` files are not read from such a path). Set
``FRAMING_WHEEL_FULL_INSTALL=1`` to let pip install the dependencies too (from its cache).
"""

import os
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

from .helpers import ROOT
from .test_cli import _story

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX venv layout assumed")


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """A fresh venv with the wheel installed; returns its bin folder."""
    tmp = tmp_path_factory.mktemp("wheel")
    build = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w",
                            str(tmp / "dist"), str(ROOT)], capture_output=True, text=True,
                           timeout=600)
    if build.returncode != 0:
        pytest.skip("cannot build the wheel here (offline without setuptools in pip's "
                    f"cache?): {build.stderr.strip().splitlines()[-1:]}")
    wheel = next((tmp / "dist").glob("framing-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    for shipped in ("framing/seeds/manifest.csv", "framing/seeds/actors.csv",
                    "framing/notebooks/01_corpus.ipynb", "framing/data/spelling_uk_us.csv",
                    "framing/scripts/results/newsmtsc_eval.csv"):
        assert shipped in names, shipped
    env = tmp / "venv"
    venv.EnvBuilder(with_pip=True).create(env)
    bin_dir = env / "bin"
    full = os.environ.get("FRAMING_WHEEL_FULL_INSTALL") == "1"
    if not full:
        site = next((env / "lib").glob("python*/site-packages"))
        (site / "framing_test_deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    install = subprocess.run([str(bin_dir / "python"), "-m", "pip", "install", "-q",
                              *([] if full else ["--no-deps"]), str(wheel)],
                             capture_output=True, text=True, timeout=900)
    assert install.returncode == 0, install.stderr
    return bin_dir


def _in(bin_dir, *args, cwd):
    env = dict(os.environ)
    if os.environ.get("FRAMING_WHEEL_FULL_INSTALL") != "1":
        # the borrowed dependencies' data files (nbconvert's HTML templates) are under this
        # environment's prefix, not the fresh one's
        env["JUPYTER_PATH"] = os.pathsep.join(
            filter(None, [str(Path(sys.prefix) / "share" / "jupyter"),
                          env.get("JUPYTER_PATH")]))
    return subprocess.run([str(bin_dir / args[0]), *map(str, args[1:])], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=1800)


def test_the_installed_wheel_runs_the_case_study_and_a_corpus_from_any_folder(installed,
                                                                                tmp_path):
    where = _in(installed, "python", "-c", "import framing, framing.paths as p; "
                "print(framing.__file__); print(p.source_checkout()); "
                "print(len(framing.load_codebook()))", cwd=tmp_path)
    assert where.returncode == 0, where.stderr
    location, checkout, aliases = where.stdout.split("\n")[:3]
    assert str(ROOT) not in location and checkout == "None" and int(aliases) > 20
    # the case study, from the package data
    case = _in(installed, "framing", "run", "--out", "case", cwd=tmp_path)
    assert case.returncode == 0, case.stderr
    assert (tmp_path / "case" / "figures" / "05_quoted_words_share.png").is_file()
    assert (tmp_path / "case" / "analysis" / "quotes").is_dir()
    summary = (tmp_path / "case" / "notebooks" / "05_summary.ipynb").read_text(encoding="utf-8")
    assert "Sputnik" in summary and '"output_type": "error"' not in summary
    # another corpus
    _story(tmp_path / "story")
    other = _in(installed, "framing", "run", "--corpus", "story", "--out", "story-run",
                cwd=tmp_path)
    assert other.returncode == 0, other.stderr
    shipped = len(list((ROOT / "notebooks").glob("*.ipynb")))  # every notebook, each as HTML
    assert len(list((tmp_path / "story-run" / "html").glob("*.html"))) == shipped == 6
    # outside a checkout, refreshing in place is refused in one line that says what to do
    bare = _in(installed, "framing", "run", cwd=tmp_path)
    assert bare.returncode == 1 and "framing run --out DIR" in bare.stderr
    assert "Traceback" not in bare.stderr
