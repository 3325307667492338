"""The notebook runner runs notebooks side by side and reports them in order."""

import threading
import time

import pytest

from framing.runner import RunError, run_notebooks


def _lines():
    out = []

    def echo(*parts, end="\n", flush=False):
        out.append(" ".join(map(str, parts)) + end)
    return out, echo


def _jobs(started, failing):
    """Eight notebooks; the second runs ``failing``; each other one records that it started."""
    def ok(name):
        def job():
            started.append(name)
            time.sleep(0.1)
        return job
    return [("01", ok("01")), ("02", failing)] + [(f"{i:02d}", ok(f"{i:02d}")) for i in range(3, 9)]


def test_notebooks_run_side_by_side_and_are_reported_in_order():
    running, most = [0], [0]
    lock = threading.Lock()

    def job():
        with lock:
            running[0] += 1
            most[0] = max(most[0], running[0])
        time.sleep(0.2)
        with lock:
            running[0] -= 1

    out, echo = _lines()
    run_notebooks([(f"n{i}", job) for i in range(4)], workers=2, echo=echo)
    assert most[0] == 2  # two at a time, never more
    done = [line.split(" ...")[0] for line in out if "done" in line]
    assert done == ["[1/4] n0", "[2/4] n1", "[3/4] n2", "[4/4] n3"]


@pytest.mark.parametrize("workers", [1, 2])
def test_a_failure_is_raised_and_later_notebooks_are_not_started(workers):
    started = []

    def bad():
        started.append("bad")
        raise RunError("02.ipynb, cell 3: ValueError: no")

    out, echo = _lines()
    jobs = _jobs(started, bad)
    with pytest.raises(RunError, match="02.ipynb, cell 3"):
        run_notebooks(jobs, workers=workers, echo=echo)
    assert any("02 ... failed" in line or line.strip() == "failed" for line in out)
    assert "08" not in started  # the queue was dropped after the failure


def test_an_error_writing_output_also_stops_the_queue():
    """Not only a failing cell: an OSError from writing a notebook's HTML (a full disk) stops
    the notebooks not yet started, and is raised as it is (the command line prints it)."""
    started = []

    def full_disk():
        raise OSError(28, "No space left on device")

    out, echo = _lines()
    jobs = _jobs(started, full_disk)
    with pytest.raises(OSError, match="No space"):
        run_notebooks(jobs, workers=2, echo=echo)
    assert "08" not in started
