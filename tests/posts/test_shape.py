"""Every post folder has one shape: the same file for the same role, and named quick and documented
settings that a run reads when it starts."""

import dataclasses
import importlib
from pathlib import Path

import pytest

POSTS = Path(__file__).resolve().parents[2] / "reproductions" / "posts"
FOLDERS = sorted(p.name for p in POSTS.iterdir() if (p / "__init__.py").exists())
EVERY_POST = {"__init__.py", "config.py", "model.py", "measure.py", "claims.py", "mutations.py"}
WHERE_NEEDED = {
    "figures.py",  # the post's figures, redrawn from measured runs
    "data.py",  # data the post makes itself (lcd's glyphs)
    "readings.py",  # what the post reads off a trained model (lcd's Fig 2 and Fig 3)
}
pytestmark = pytest.mark.cpu


def registry_modules():
    """The claims modules the registry imports, by file name."""
    text = (POSTS.parent / "suite" / "registry.py").read_text()
    return {
        f"{line.split(' import ')[1].split(' as ')[0]}.py" for line in text.splitlines() if " import claims" in line
    }


def test_there_are_the_posts_folders():
    assert FOLDERS == ["dorian", "lcd", "linreg", "logic", "ltfn", "xnor", "xor"]


@pytest.mark.parametrize("post", FOLDERS)
def test_a_post_folder_holds_each_role_in_its_file(post):
    files = {p.name for p in (POSTS / post).glob("*.py")}
    parts = {f for f in files if f.startswith("claims_")}  # a long post's records, a part apart
    assert all(f in registry_modules() for f in parts), f"claims parts the registry does not gather: {parts}"
    files -= parts
    assert EVERY_POST <= files, f"missing: {sorted(EVERY_POST - files)}"
    assert files <= EVERY_POST | WHERE_NEEDED, (
        f"not a role of a post folder: {sorted(files - EVERY_POST - WHERE_NEEDED)}"
    )
    assert any((POSTS / post).glob("calibration/*.json")), "no calibration/ folder"


@pytest.mark.parametrize("post", FOLDERS)
def test_a_posts_config_names_its_quick_and_documented_settings(post):
    config = importlib.import_module(f"reproductions.posts.{post}.config")
    assert dataclasses.is_dataclass(config.QUICK) and dataclasses.is_dataclass(config.DOCUMENTED)
    assert config.at("quick") is config.QUICK and config.at("documented") is config.DOCUMENTED
    with pytest.MonkeyPatch.context() as patch:  # read when a run starts: a break replaces them
        replaced = dataclasses.replace(config.QUICK)
        patch.setattr(config, "QUICK", replaced)
        assert config.at("quick") is replaced
