"""Resident memory follows live data: glibc's free pages go back to the kernel after a burst, and
processes that serve no HTTP never load the web stack (bench/campaign.py sums RSS over processes)."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from openlux.core import memory

pytestmark = pytest.mark.skipif(memory.LIBC is None, reason="glibc's malloc_trim/mallopt are not available")


def run_python(code: str) -> str:
    done = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_released_memory_goes_back_to_the_kernel_after_a_burst() -> None:
    # Freed small objects stay in glibc's heaps (a later allocation pins the top, so the heap cannot
    # shrink by itself); release_freed_memory gives their pages back.
    out = run_python(
        """
        from openlux.core import memory
        memory.limit_malloc_arenas()
        start = memory.resident_bytes()
        burst = [bytes(3000) for _ in range(40_000)]  # ~120 MB in chunks malloc serves from its heap
        pin = bytes(3000)  # allocated last: sits at the top of the heap
        peak = memory.resident_bytes()
        del burst
        freed = memory.resident_bytes()
        memory.release_freed_memory()
        print(start >> 20, peak >> 20, freed >> 20, memory.resident_bytes() >> 20)
        """
    )
    start, peak, freed, released = map(int, out.split())
    assert peak - start > 100, (start, peak)
    assert freed - start > 80, "the burst's pages were already returned: this test would prove nothing"
    assert released - start < 30, (start, peak, freed, released)


async def test_trim_role_releases_after_growth_only() -> None:
    out = run_python(
        """
        import asyncio
        from openlux.core import memory

        async def main():
            trimmer = asyncio.create_task(memory.trim_role(interval=0.05, growth=16 << 20))
            await asyncio.sleep(0.2)
            start = memory.resident_bytes()
            burst = [bytes(3000) for _ in range(40_000)]
            pin = bytes(3000)
            del burst
            grown = memory.resident_bytes()
            await asyncio.sleep(0.5)  # a few intervals: the role sees the growth and trims
            print(start >> 20, grown >> 20, memory.resident_bytes() >> 20)
            trimmer.cancel()

        asyncio.run(main())
        """
    )
    start, grown, after = map(int, out.split())
    assert grown - start > 80, (start, grown)
    assert after - start < 30, (start, grown, after)


def test_worker_and_smtp_processes_do_not_load_the_web_stack() -> None:
    # What `openlux worker` / `openlux smtp` import: the CLI, the runner and the roles; the app (and
    # FastAPI with every route and schema) is imported only when the process serves HTTP.
    out = run_python(
        """
        import sys
        import openlux.cli, openlux.roles, openlux.runner
        print(sorted(m for m in ("fastapi", "openlux.app") if m in sys.modules))
        """
    )
    assert out.strip() == "[]"
