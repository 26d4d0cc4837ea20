"""The xdist group scheduling kept on pytest >= 9.1 acts on sessions of the suite's claims only."""

from pathlib import Path
from types import SimpleNamespace

import pytest

from reproductions.suite import xdist_groups

PACKAGE = Path(xdist_groups.__file__).resolve().parents[1]
pytestmark = pytest.mark.cpu


def config(args, folder, pyargs=False):
    return SimpleNamespace(
        args=args, invocation_params=SimpleNamespace(dir=folder), option=SimpleNamespace(pyargs=pyargs)
    )


@pytest.mark.parametrize(
    "args, folder, pyargs",
    [
        (["reproductions", "tests"], PACKAGE.parent, False),  # the checkout's testpaths
        (["reproductions/test_claims.py::test_claim[xnor.gates.xnor_net]"], PACKAGE.parent, False),
        ([str(PACKAGE / "test_claims.py")], Path("/"), False),
        (["reproductions"], Path("/"), True),  # pytest --pyargs reproductions, installed
    ],
)
def test_a_session_of_the_claims_is_asked_for(args, folder, pyargs):
    assert xdist_groups.asks_for_claims(config(args, folder, pyargs))


def test_another_projects_session_is_not(tmp_path):
    assert not xdist_groups.asks_for_claims(config(["tests", "test_claims.py"], tmp_path))
    assert not xdist_groups.asks_for_claims(config(["reproductions"], tmp_path))  # its own folder of that name


def test_a_group_named_by_a_number_is_a_string():
    item = SimpleNamespace(
        iter_markers=lambda name: [pytest.mark.xdist_group(7).mark, pytest.mark.xdist_group(name="a").mark]
    )
    assert xdist_groups.group_of(item) == "7_a"
