"""The chain for the sync suite: the real server (uvicorn) over a fresh PostgreSQL database holding the demo
gym, a fault proxy in front of it, and branch desks whose replicas are SQLite files connected through the
proxy. Desks run headless: the core in this process (each on its own file) or `reception` in a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import _drop_database, new_pg_database
from tests.fault.proxy import FaultProxy
from tests.server.conftest import ROOT, free_port, start_server, stop, wait_until_up

pytestmark = [pytest.mark.server, pytest.mark.postgres]


@dataclass
class Chain:
    url: str
    home: Path
    server: Any  # the server's database opened in this process (its App), for checking what it holds
    process: subprocess.Popen[bytes]
    proxy: FaultProxy
    port: int
    desks: list[BranchDesk] = field(default_factory=list)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.proxy.port}"

    def desk(self, name: str, branch_no: int, username: str = "manager", clock: Any = None) -> BranchDesk:
        """A new desk connected through the proxy, its replica a SQLite file of its own."""
        from reception.bootstrap import open_app
        from reception.sync.agent import connect

        path = self.home / f"{name}.sqlite3"
        app = open_app(f"sqlite:///{path}")
        try:
            connect(app.replica, app.clock, self.base, "owner" if branch_no != 1 else username, "demo1234",
                    branch_no=branch_no, name=name)
        finally:
            app.close()
        made = BranchDesk(name, path, branch_no, clock)
        made.open()
        self.desks.append(made)
        return made

    def restart_server(self) -> None:
        stop(self.process)
        self.process = start_server(self.url, self.home, self.port)
        wait_until_up(f"http://127.0.0.1:{self.port}", self.process, self.home / "server.log")


@dataclass
class BranchDesk:
    name: str
    path: Path
    branch_no: int
    clock: Any = None
    app: Any = None

    @property
    def url(self) -> str:
        return f"sqlite:///{self.path}"

    def open(self) -> None:
        from reception.bootstrap import open_app

        self.app = open_app(self.url, clock=self.clock)

    def close(self) -> None:
        if self.app is not None:
            self.app.close()
            self.app = None

    def sync(self) -> Any:
        from reception.sync.agent import SyncAgent

        return SyncAgent(self.app.replica, self.app.clock, timeout=5).sync_once()

    def status(self) -> Any:
        from reception.sync.agent import SyncAgent

        return SyncAgent(self.app.replica, self.app.clock).status()

    def cli(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        """`reception --db THIS_REPLICA ARGS…` in its own process, as a receptionist would run it."""
        env = {**os.environ, "PYTHONPATH": str(ROOT), "RECEPTION_PASSWORD": "demo1234"}
        done = subprocess.run([sys.executable, "-m", "reception.cli", "--db", self.url, *args], cwd=ROOT, env=env,
                              capture_output=True, text=True, timeout=180)
        if check and done.returncode != 0:
            raise AssertionError(f"reception {' '.join(args)} exited {done.returncode}:\n{done.stdout}\n{done.stderr}")
        return done


@pytest.fixture
def chain(tmp_path: Path) -> Iterator[Chain]:
    from reception.bootstrap import open_app
    from reception.repository.sql import maintenance
    from reception.services.demo import build_demo

    url, admin, name = new_pg_database("t_sync_")
    os.environ["RECEPTION_HOME"] = str(tmp_path)
    maintenance.upgrade(url, backup_dir=tmp_path)
    server = open_app(url)
    build_demo(server.uow, server.clock)
    port = free_port()
    process = start_server(url, tmp_path, port)
    proxy = FaultProxy(target=("127.0.0.1", port))
    proxy.start()
    made = Chain(url, tmp_path, server, process, proxy, port)
    try:
        wait_until_up(f"http://127.0.0.1:{port}", process, tmp_path / "server.log")
        yield made
    finally:
        for desk in made.desks:
            desk.close()
        proxy.stop()
        stop(made.process)
        server.close()
        _drop_database(admin, name)
        admin.dispose()
