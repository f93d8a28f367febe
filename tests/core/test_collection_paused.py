"""Start-up runs without the cyclic garbage collector, and what it built is frozen out of later passes
(openlux.core.memory.collection_paused): the `openlux` command's import, and `_serve`'s set-up."""

from __future__ import annotations

import gc
import subprocess
import sys
from collections.abc import Iterator
from importlib.metadata import entry_points

import pytest

from openlux.core.memory import collection_paused


@pytest.fixture
def collector_state() -> Iterator[None]:
    enabled, thresholds = gc.isenabled(), gc.get_threshold()
    try:
        yield
    finally:
        gc.unfreeze()  # the test's objects go back to the collector (the suite froze collection's only)
        gc.freeze()
        gc.set_threshold(*thresholds)
        if enabled:
            gc.enable()
        else:
            gc.disable()


@pytest.mark.usefixtures("collector_state")
def test_the_block_runs_without_collection_and_freezes_what_it_built() -> None:
    gc.enable()
    gc.unfreeze()
    frozen_before = gc.get_freeze_count()
    with collection_paused():
        assert not gc.isenabled()
        built = [[index] for index in range(5_000)]  # containers the collector tracks
    assert gc.isenabled()
    assert gc.get_freeze_count() >= frozen_before + len(built)


@pytest.mark.usefixtures("collector_state")
def test_a_collector_that_was_off_stays_off() -> None:
    gc.disable()
    with collection_paused():
        pass
    assert not gc.isenabled()


@pytest.mark.usefixtures("collector_state")
def test_the_collector_comes_back_when_the_block_fails() -> None:
    gc.enable()
    with pytest.raises(RuntimeError), collection_paused():
        raise RuntimeError("start-up failed")
    assert gc.isenabled()


def test_the_openlux_command_imports_its_code_with_the_collector_paused() -> None:
    [script] = [ep for ep in entry_points(group="console_scripts") if ep.name == "openlux"]
    assert script.value == "openlux.__main__:main"
    # --help ends in SystemExit after the import; OpenLux's objects are then frozen (nothing else
    # freezes in this command) and the collector is back on.
    probe = (
        "import gc, sys\n"
        "from openlux.__main__ import main\n"
        "sys.argv = ['openlux', '--help']\n"
        "try:\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(gc.isenabled(), gc.get_freeze_count() > 50_000, file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120)
    assert done.stderr.strip().splitlines()[-1] == "True True", done.stderr
