"""Desk tests: the real app (`python -m reception --demo`) under Xvfb + openbox, typed at with xdotool.

Needs Xvfb, xdotool, openbox and ImageMagick's `import`: skipped when missing locally, a
failure in CI (CI=true), like the PostgreSQL tests. The demo gym is built once per session
and copied for every desk, so each test starts from the same gym.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.desk.harness import DemoGym, Desk, XServer, missing_tools

def require_tools(*extra: str) -> None:
    missing = missing_tools(extra)
    if not missing:
        return
    message = f"the desk tests need {', '.join(missing)} (apt-get install xvfb xdotool openbox imagemagick x11-xkb-utils x11-utils)"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):  # type: ignore[no-untyped-def]
    report = yield
    if report.when == "call":
        item.stash[_FAILED] = report.failed
    return report


_FAILED = pytest.StashKey[bool]()


@pytest.fixture(scope="session")
def demo_gym(tmp_path_factory: pytest.TempPathFactory) -> DemoGym:
    require_tools()
    gym = DemoGym.build(tmp_path_factory.mktemp("demo") / "home")
    assert len(gym.cards) == 150, f"the demo gym has {len(gym.cards)} cards"
    return gym


StartDesk = Callable[..., Desk]


@pytest.fixture
def start_desk(demo_gym: DemoGym, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[StartDesk]:
    """Start a signed-in desk: `start_desk(env={...}, username="desk1", setup_x=callable)`."""
    desks: list[Desk] = []

    def start(env: dict[str, str] | None = None, username: str = "desk1",
              setup_x: Callable[[XServer], None] | None = None) -> Desk:
        desk = Desk(demo_gym, tmp_path / f"desk{len(desks)}", env=env, setup_x=setup_x)
        desks.append(desk)
        desk.start(username)
        return desk

    try:
        yield start
    finally:
        failed = request.node.stash.get(_FAILED, True)
        for desk in desks:
            if failed:
                shot = desk.screenshot("failure.png")
                print(f"\n--- desk on {desk.x.display}: screenshot {shot}, trace {desk.trace.path}, log {desk.log_path}")
                print(desk.log_tail())
            desk.stop()


@pytest.fixture
def desk(start_desk: StartDesk) -> Desk:
    """A desk signed in as desk1 (receptionist of branch 1), on the Scan page."""
    return start_desk()
