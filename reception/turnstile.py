"""The branch's turnstile, served from a branch PC: `POST /verify` with the server's answers, offline included.

`reception turnstile --listen HOST:PORT` runs it on its own (holding the database's instance lock, so no desk
opens the replica beside it), and `reception --turnstile HOST:PORT` runs it inside the desk app, beside the
window: either way one process writes the replica. Every request must carry the turnstile's token
(`Authorization: Bearer …`); requests are decided one at a time, so two turnstiles scanning one pass at the same
instant get exactly one allow. On a branch desk the attempts reach the chain's server with the desk's next sync
(the standalone listener syncs every few seconds itself).
"""

from __future__ import annotations

import hmac
import json
import logging
import secrets
import threading
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reception import paths
from reception.domain.errors import DomainError, StorageError
from reception.domain.models import AttendanceAction, Branch
from reception.domain.passes import looks_like_pass
from reception.domain.qr import clean_code
from reception.services.passes import answer, card_answer

if TYPE_CHECKING:
    from reception.bootstrap import App

log = logging.getLogger(__name__)
MAX_BODY = 64 * 1024  # a code is 154 characters: anything this big is refused before it is read
TOKEN_ENV = "RECEPTION_TURNSTILE_TOKEN"
TOKEN_FILE = "turnstile.token"


def turnstile_token(explicit: str | None = None) -> tuple[str, Path | None]:
    """The token turnstiles must send: given (env), or kept in the data folder (made on first start, 0600)."""
    if explicit:
        return explicit, None
    path = paths.data_dir() / TOKEN_FILE
    try:
        text = path.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        text = ""
    if len(text) < 16:
        text = secrets.token_urlsafe(24)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text + "\n", encoding="utf-8")
        path.chmod(0o600)
    return text, path


def parse_listen(text: str) -> tuple[str, int]:
    """HOST:PORT (PORT alone: loopback). ValueError in words when it is neither."""
    host, _, port = text.rpartition(":")
    try:
        number = int(port)
    except ValueError:
        raise ValueError(f"--listen wants HOST:PORT (for example 127.0.0.1:8765), not {text!r}") from None
    if not 0 < number < 65536:
        raise ValueError(f"The port must be 1 to 65535, not {number}.")
    return (host.strip("[]") or "127.0.0.1"), number


class Turnstile:
    """Decides turnstile requests against one app, one at a time."""

    def __init__(self, app: App, branch: Branch, token: str, station: str = "turnstile") -> None:
        self.app = app
        self.branch = branch
        self._token = token.encode("utf-8")
        self.station = station[:64]
        self._one_at_a_time = threading.Lock()

    def authorised(self, header: str | None) -> bool:
        given = (header or "").removeprefix("Bearer ").strip().encode("utf-8")
        return bool(given) and hmac.compare_digest(given, self._token)

    def decide(self, raw: str, station: str | None = None) -> dict[str, object]:
        code = clean_code(raw[:MAX_BODY])
        where = (station or self.station)[:64]
        desk = self.app.kiosk_desk(self.branch)
        with self._one_at_a_time:
            if looks_like_pass(code):
                return answer(self.app.passes.verify(desk, code, admit=True, station=where))
            return card_answer(self.app.desk.scan(desk, code, action=AttendanceAction.CHECK_IN_ONLY, station=where))


def _handler(turnstile: Turnstile) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        server_version = "Reception-turnstile"
        sys_version = ""

        def log_message(self, format: str, *args: Any) -> None:
            log.info("turnstile %s %s", self.address_string(), format % args)  # the path only: never a code

        def _reply(self, status: int, body: dict[str, object]) -> None:
            data = json.dumps(body, ensure_ascii=False).encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:
            if self.path == "/healthz":
                self._reply(200, {"status": "ok", "branch": turnstile.branch.number})
            else:
                self._reply(404, {"success": False, "error": "Not found"})

        def do_POST(self) -> None:
            if self.path != "/verify":
                self._reply(404, {"success": False, "error": "Not found"})
                return
            if not turnstile.authorised(self.headers.get("Authorization")):
                self._reply(401, {"success": False, "error": "Send the turnstile's token: Authorization: Bearer …"})
                return
            try:
                length = int(self.headers.get("Content-Length") or 0)
            except ValueError:
                length = -1
            if not 0 < length <= MAX_BODY:
                self._reply(413 if length > MAX_BODY else 400, {"success": False, "error": "token is required"})
                return
            try:
                body = json.loads(self.rfile.read(length).decode("utf-8", "replace"))
            except ValueError:
                body = None
            token = body.get("token") if isinstance(body, dict) else None
            if not isinstance(token, str) or not token.strip():
                self._reply(400, {"success": False, "error": "token is required"})
                return
            station = body.get("station") if isinstance(body.get("station"), str) else None
            try:
                self._reply(200, turnstile.decide(token, station))
            except StorageError as error:
                self._reply(503, {"success": False, "error": error.message})
            except DomainError as error:
                self._reply(400, {"success": False, "error": error.message})

    return Handler


class Listener:
    """The HTTP side, on a thread of its own (inside the desk app, or the standalone command)."""

    def __init__(self, turnstile: Turnstile, host: str, port: int) -> None:
        self.turnstile = turnstile
        self.server = ThreadingHTTPServer((host, port), _handler(turnstile))
        self.server.daemon_threads = True
        self._thread: threading.Thread | None = None

    @property
    def address(self) -> tuple[str, int]:
        host, port = self.server.server_address[:2]
        return str(host), int(port)

    def start(self) -> None:
        self._thread = threading.Thread(target=self.server.serve_forever, name="turnstile", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def open_turnstile(app: App, branch_no: int | None, listen: str, *, token: str | None = None,
                   station: str = "turnstile") -> tuple[Listener, Path | None]:
    """A listener for `app`'s branch `branch_no` (a branch desk: its own branch) on `listen` (HOST:PORT)."""
    host, port = parse_listen(listen)
    branches = {b.number: b for b in app.catalogue.branches()}
    if not branches:
        raise StorageError("The database has no branches yet. Create the gym first.")
    if branch_no is None and app.replica is not None and app.is_branch_desk:
        branch_no = int(app.replica.state().get("branch_no") or 0) or None
    if branch_no is None:
        branch_no = min(branches)
    if branch_no not in branches:
        raise StorageError(f"No branch {branch_no}; branches are {sorted(branches)}.")
    secret, path = turnstile_token(token)
    try:
        listener = Listener(Turnstile(app, branches[branch_no], secret, station), host, port)
    except OSError as error:
        raise StorageError(f"The turnstile cannot listen on {host}:{port}: {error.strerror or error}.") from None
    return listener, path


def keep_syncing(app: App, stop: threading.Event, every: float = 10.0,
                 report: Callable[[str], None] | None = None) -> threading.Thread | None:
    """On a branch desk: push and pull every `every` seconds until `stop` (the standalone listener's sync)."""
    if app.replica is None or not app.is_branch_desk:
        return None
    from reception.sync.agent import SyncAgent, next_sync_in

    def run() -> None:
        agent = SyncAgent(app.replica, app.clock, timeout=10)  # type: ignore[arg-type]
        failures, code = 0, ""
        while not stop.wait(next_sync_in(every, failures, code)):
            try:
                done = agent.sync_once()
                failures, code = (0, "") if done.ok else (failures + 1, done.error_code)
                if report is not None and not done.ok:
                    report("sync: the chain's server cannot be reached; the turnstile keeps working")
            except Exception:
                failures, code = failures + 1, "failed"
                log.exception("turnstile sync failed")

    thread = threading.Thread(target=run, name="turnstile-sync", daemon=True)
    thread.start()
    return thread
