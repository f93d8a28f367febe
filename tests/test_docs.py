"""Documentation that must stay true: compat.md matches its fragments; README keeps two set-up commands."""

import importlib.util
from importlib.machinery import SourceFileLoader
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_compat_md_is_built_from_its_fragments() -> None:
    loader = SourceFileLoader("build_compat", str(ROOT / "scripts" / "build-compat-doc"))
    spec = importlib.util.spec_from_loader("build_compat", loader)
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    assert (ROOT / "docs" / "compat.md").read_text(encoding="utf-8") == module.build(), (
        "docs/compat.md is stale: run scripts/build-compat-doc"
    )


def test_readme_setup_is_make_serve_and_make_test() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    setup = text.split("## Set up", 1)[1].split("##", 1)[0]
    commands = [line.split("#", 1)[0].strip() for line in setup.splitlines() if line.startswith("make ")]
    assert commands == ["make serve", "make test"]
