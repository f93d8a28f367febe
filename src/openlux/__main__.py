"""The `openlux` command (console script) and `python -m openlux`.

OpenLux's code is imported with the garbage collector paused (openlux.core.memory.collection_paused):
every command, and every process the command starts (`api --workers`, `worker --processes`), pays
that import first.
"""

from __future__ import annotations

from openlux.core.memory import collection_paused


def main() -> None:
    with collection_paused():
        from openlux.cli import main as run_command
    run_command()


if __name__ == "__main__":
    main()
