"""A branch desk's sync: connect once, then push the outbox and pull the chain's changes, online or not.

The desk always works from its replica; this only moves operations and rows. A network error or a server
failure leaves everything as it was and is tried again later, without end; nothing the desk did is ever
dropped (DESIGN §7).
"""

from __future__ import annotations

import base64
import binascii
import json
import random
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from reception.clock import Clock
from reception.domain.authorization import Action, Actor, allowed
from reception.domain.commands import started, take_started
from reception.domain.errors import DomainError, NotFound, PermissionDenied
from reception.domain.models import Staff
from reception.domain.sync import (
    ACTIONS,
    LOW_MARK,
    MEMBER_NO,
    OPERATION_VERSION,
    RECEIPT_NO,
    RECEIPT_SERIES,
    SYNCED_TABLES,
    VERSION_HEADER,
    PushedOp,
)
from reception.repository.ports import ReplicaStore
from reception.sync.client import Refused, ServerClient, Unreachable, checked_url

TABLES = "tables"  # sync state: the tables this replica holds whole (a newer desk may keep more)
_BEFORE_ISSUES = tuple(t for t in SYNCED_TABLES if t != "sync_issues")  # what a replica made before kept
OFFLINE_ONLY = "The chain's server cannot be reached: this needs the desk online. Try again in a moment."
PUSH_BATCH = 200
PULL_PAGE = 2000
KEEP_PUSHED = timedelta(days=30)
LARGEST_PHOTO = 1024 * 1024  # bytes: a member's photo is at most 50 KB; anything past this is not a photo
FIRST_RETRY = 5.0  # seconds after a sync that failed
LONGEST_RETRY = 120.0  # seconds between tries at the most, while the server fails or refuses


def next_sync_in(every: float, failures: int, error_code: str = "", *, rng: random.Random | None = None) -> float:
    """Seconds until the next sync, after `failures` syncs in a row that failed with `error_code` (0: the last
    one went through, so `every`). A failure is tried again after 5 s, then 10 s, 20 s … doubling. A server
    that answered with a failure or a refusal (a 5xx, a desk too old) is left alone up to two minutes between
    tries, so a struggling server is not kept down by its desks; a line that gives no answer is tried at least
    every `every` seconds, so a desk is back in sync within one period of the line coming back. Each wait is
    drawn between 80 % and 100 % of its step, so a branch's desks do not all come back at the same moment."""
    if failures <= 0:
        return every
    step = FIRST_RETRY * 2.0 ** min(failures - 1, 16)
    step = min(step, every if error_code == "unreachable" else LONGEST_RETRY)
    return step * (0.8 + 0.2 * (rng or random).random())


class Disconnected(Refused):
    """The server says a manager disconnected this desk."""


class ConnectError(DomainError):
    """Connecting this desk could not be done; the words say why and what to do."""

    code = "connect"


@dataclass(frozen=True)
class SyncReport:
    pushed: int = 0
    pulled: int = 0
    issues: int = 0
    error: str = ""
    error_code: str = ""  # unreachable, server_failed, too_old, refused (the desk words them)

    @property
    def ok(self) -> bool:
        return not self.error


@dataclass(frozen=True)
class SyncStatus:
    server: str
    branch_no: int | None
    waiting: int
    oldest_waiting: datetime | None
    last_sync: datetime | None
    offline_since: datetime | None
    last_error: str
    issues: list[dict[str, object]] = field(default_factory=list)
    member_numbers_left: int = 0
    last_error_code: str = ""

    @property
    def online(self) -> bool:
        return self.offline_since is None and self.last_sync is not None

    def line(self, now: datetime, timezone: str = "UTC") -> str:
        """What the status bar says: "Online · synced 4 s ago" or "Offline since 10:42 · 37 changes waiting"."""
        waiting = f" · {self.waiting} change{'s' if self.waiting != 1 else ''} waiting" if self.waiting else ""
        if self.offline_since is not None:
            at = self.offline_since.astimezone(ZoneInfo(timezone))
            return f"Offline since {at:%H:%M}{waiting}"
        if self.last_sync is None:
            return f"Not synced yet{waiting}"
        return f"Online · synced {_ago(now - self.last_sync)}{waiting}"

    def to_dict(self) -> dict[str, object]:
        return {"server": self.server, "branch": self.branch_no, "waiting": self.waiting,
                "oldest_waiting": _iso(self.oldest_waiting), "last_sync": _iso(self.last_sync),
                "offline_since": _iso(self.offline_since), "last_error": self.last_error,
                "open_issues": len(self.issues), "member_numbers_left": self.member_numbers_left}


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def _ago(delta: timedelta) -> str:
    seconds = max(0, int(delta.total_seconds()))
    if seconds < 60:
        return f"{seconds} s ago"
    if seconds < 3600:
        return f"{seconds // 60} min ago"
    return f"{seconds // 3600} h ago"


def _time(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def connect(store: ReplicaStore, clock: Clock, url: str, username: str, password: str, *,
            branch_no: int | None = None, name: str = "", client: ServerClient | None = None) -> SyncStatus:
    """Enrols this desk with the chain's server (a manager's or the owner's sign-in) and makes its replica:
    every table the desk keeps, copied page by page, then the feed from where it stood before the copy."""
    if "device_id" in store.state():
        raise ConnectError("This desk is already connected to the chain's server.")
    if store.customer_count() > 0:
        raise ConnectError("This desk's database already holds a gym. Connect a fresh desk database "
                           "(reception --db NEW_FILE connect …), or move this gym onto the server first "
                           "(reception db copy).")
    try:
        base = checked_url(url)
    except ValueError as error:
        raise ConnectError(str(error)) from None
    client = client or ServerClient(base)
    try:
        signed = client.call("POST", "/api/auth/login", {"username": username, "password": password})
        client.bearer = str(signed["data"]["access_token"])
        made = client.call("POST", "/api/sync/enrol", {"name": name, "branch_id": branch_no})["data"]
    except Refused as error:
        raise ConnectError(str(error)) from None
    except Unreachable as error:
        raise ConnectError(f"{error} Check the address and the line, then try again.") from None
    except (KeyError, TypeError) as error:
        raise ConnectError(f"The server's reply was not what a chain's server sends ({error}).") from None
    desk = ServerClient(base, bearer=str(made["token"]))
    try:
        copy_everything(store, desk, first_copy=True)
    except (Refused, Unreachable) as error:
        raise ConnectError(f"The desk's first copy stopped: {error} Connect again (nothing was kept).") from None
    for counter, (first, last) in made["blocks"].items():
        store.set_block(counter, int(first), int(last))
    store.prepare()
    store.set_state(server=base, device_id=str(made["device_id"]), token=str(made["token"]),
                    epoch=str(made["epoch"]), cursor=str(made["cursor"]), branch_id=str(made["branch"]["id"]),
                    branch_no=str(made["branch"]["number"]), receipt_series=str(made["receipt_series"]),
                    last_sync=clock.now().isoformat(), offline_since=None, last_error="",
                    **{TABLES: ",".join(SYNCED_TABLES)})
    try:
        client.call("POST", "/api/auth/logout", {})
    except (Refused, Unreachable):
        pass  # the manager's sign-in expires on its own
    return SyncAgent(store, clock).status()


def copy_everything(store: ReplicaStore, desk: ServerClient, *, first_copy: bool = False) -> None:
    """Every table the desk keeps, page by page from the server (the first copy, or a rebuilt replica). The next
    page is fetched while this one is written. `first_copy`: into an empty replica (ReplicaStore.apply)."""
    from concurrent.futures import ThreadPoolExecutor

    def fetch(table: str, after: str | None) -> dict[str, Any]:
        return desk.call("GET", "/api/sync/snapshot", query={"table": table, "after": after,
                                                               "limit": PULL_PAGE})["data"]

    with ThreadPoolExecutor(1) as fetcher:
        for table in SYNCED_TABLES:
            page = fetch(table, None)
            while True:
                after = page["after"]
                upcoming = fetcher.submit(fetch, table, after) if after is not None else None
                if page["rows"]:
                    store.apply(page["rows"], {}, first_copy=first_copy)
                if upcoming is None:
                    break
                page = upcoming.result()


def copy_table(store: ReplicaStore, desk: ServerClient, table: str) -> int:
    """One table copied from the server page by page into a replica in use (its own operations waiting keep
    their rows); how many rows came."""
    after: str | None = None
    copied = 0
    while True:
        page = desk.call("GET", "/api/sync/snapshot", query={"table": table, "after": after,
                                                               "limit": PULL_PAGE})["data"]
        if page["rows"]:
            copied += store.apply(page["rows"], {})
        after = page["after"]
        if after is None:
            return copied


def rebuild(store: ReplicaStore, state: dict[str, str], clock: Clock) -> int:
    """A fresh replica (`store`, empty) made again from the server for the desk whose `state` was salvaged:
    the same device, every table copied, new number blocks. Returns the server's last applied sequence (the
    salvaged operations go back into the outbox above it)."""
    if "device_id" not in state or "server" not in state or "token" not in state:
        raise ConnectError("The damaged file does not say which server it belongs to: connect this desk again.")
    desk = ServerClient(state["server"], bearer=state["token"])
    try:
        where = desk.call("GET", "/api/sync/cursor")["data"]
        copy_everything(store, desk)
        blocks = {counter: desk.call("POST", "/api/sync/lease", {"counter": counter})["data"]
                  for counter in (MEMBER_NO, RECEIPT_NO)}
    except (Refused, Unreachable) as error:
        raise ConnectError(f"The replica could not be made again: {error}") from None
    for counter, block in blocks.items():
        store.set_block(counter, int(block["first"]), int(block["last"]))
    store.prepare()
    keep = {k: v for k, v in state.items()
            if k in ("server", "device_id", "token", "branch_id", "branch_no", RECEIPT_SERIES)}
    store.set_state(**keep, epoch=str(where["epoch"]), cursor=str(where["cursor"]), acked=str(where["last_seq"]),
                    last_sync=clock.now().isoformat(), offline_since=None, last_error="",
                    **{TABLES: ",".join(SYNCED_TABLES)})
    return int(where["last_seq"])


class SyncAgent:
    """One desk's sync with the chain's server. `sync_once` is safe to call at any time, from one thread."""

    def __init__(self, store: ReplicaStore, clock: Clock, *, client: ServerClient | None = None,
                 timeout: float | None = None) -> None:
        self._store = store
        self._clock = clock
        state = store.state()
        if "device_id" not in state:
            raise ConnectError("This desk is not connected to a chain's server (reception connect SERVER_URL).")
        self._client = client or ServerClient(state["server"], bearer=state["token"],
                                              headers={VERSION_HEADER: str(OPERATION_VERSION)})
        if timeout is not None:
            self._client.timeout = timeout

    def status(self) -> SyncStatus:
        state = self._store.state()
        waiting, oldest = self._store.waiting()
        branch_no = state.get("branch_no")
        return SyncStatus(state.get("server", ""), int(branch_no) if branch_no else None, waiting, oldest,
                          _time(state.get("last_sync")), _time(state.get("offline_since")),
                          state.get("last_error", ""), self._store.issues(),
                          self._store.numbers_left(MEMBER_NO), state.get("last_error_code", ""))

    def sync_once(self) -> SyncReport:
        """Push what waits, pull what changed (the sync issues with it), top up number blocks."""
        pushed = pulled = 0
        try:
            pushed = self._push()
            pulled = self._copy_new_tables() + self._pull()
            self._top_up()
        except (Unreachable, Refused) as error:
            code = (error.code if isinstance(error, Unreachable) else "disconnected" if isinstance(error, Disconnected)
                    else "too_old" if error.status == 426 else "refused")
            state = self._store.state()
            self._store.set_state(offline_since=state.get("offline_since") or self._clock.now().isoformat(),
                                  last_error=str(error), last_error_code=code)
            return SyncReport(pushed, pulled, 0, str(error), code)
        now = self._clock.now()
        served = self._client.server_date
        # How far this desk's clock is from the server's (a whole second of the Date header is noise): day passes
        # are sold and checked against the server's time when the desk is more than 5 minutes off.
        offset = round((served - now).total_seconds()) if served is not None else 0
        self._store.set_state(last_sync=now.isoformat(), offline_since=None, last_error="", last_error_code="",
                              clock_offset=str(offset))
        self._store.forget_pushed(now - KEEP_PUSHED)
        return SyncReport(pushed, pulled, len(self._store.issues()))

    def fetch_photo(self, customer_id: uuid.UUID) -> bytes | None:
        """A member's photo from the server, kept in the replica for the next time (a first copy has no photos);
        None if they have none. Unreachable or Refused when the server cannot say: the desk shows the member's
        initials meanwhile."""
        reply = self._client.call("GET", f"/api/sync/photos/{uuid.UUID(str(customer_id))}")["data"]
        text = reply.get("photo") if isinstance(reply, dict) else None
        if text is None:
            return None
        try:
            photo = base64.b64decode(str(text), validate=True)
        except (binascii.Error, ValueError):
            raise Unreachable("The server's reply was not readable (a photo).", "server_failed") from None
        if not photo or len(photo) > LARGEST_PHOTO:
            raise Unreachable("The server's reply was not readable (a photo).", "server_failed")
        self._store.keep_photo(customer_id, photo)
        return photo

    def queue(self, limit: int = 200) -> list[PushedOp]:
        """The operations waiting to be pushed, oldest first."""
        return self._store.pending(limit)

    def resolve(self, issue_id: uuid.UUID, staff: Staff, resolution: str, action: str = "") -> None:
        """A manager at this desk resolves a sync issue, online or not: resolved here at once, and an operation
        in the outbox that the server applies when it is pushed (the first resolution to reach it stands).
        Operations held from a disconnected desk need `action`: "apply" (the server applies them as sent) or
        "discard"."""
        branch = self._store.state().get("branch_id")
        branch_id = uuid.UUID(branch) if branch else None
        if branch_id is None or not allowed(Actor(staff, branch_id), Action.CORRECT_BALANCE, branch_id):
            raise PermissionDenied("Only a manager or the owner resolves sync issues.")
        text = " ".join(resolution.split())
        if len(text) < 3:
            raise DomainError("Write what was done to resolve it.")
        issue_id = uuid.UUID(str(issue_id))
        issue = next((i for i in self._store.issues() if i["id"] == str(issue_id)), None)
        if issue is None:
            raise NotFound("This sync issue is already resolved.")
        choices = ACTIONS.get(str(issue["kind"]), ())
        wrong = action not in choices if choices else bool(action)
        if wrong:
            raise DomainError("Say whether the operations held from the disconnected desk are applied or discarded."
                              if choices else "This kind of sync issue is resolved with words only.")
        now = self._clock.now()
        started(None, "ResolveIssue", now, staff.id)
        try:
            done = self._store.resolve_issue(issue_id, staff.id, text[:500], now, OPERATION_VERSION, action)
        finally:
            take_started()  # not left for the next transaction on this thread if nothing was written
        if not done:
            raise NotFound("This sync issue is already resolved.")

    def desks(self) -> list[dict[str, object]]:
        """The desks enrolled at this desk's branch, as the server has them (online only)."""
        try:
            return list(self._client.call("GET", "/api/sync/devices/at-desk")["data"]["items"])
        except Unreachable:
            raise DomainError(OFFLINE_ONLY) from None
        except Refused as error:
            raise DomainError(str(error)) from None

    def disconnect(self, device_id: uuid.UUID, staff: Staff) -> dict[str, object]:
        """A manager at this desk disconnects another desk of the branch (online only): from then on what that
        desk pushes is held for a manager as a sync issue, not applied."""
        branch = self._store.state().get("branch_id")
        branch_id = uuid.UUID(branch) if branch else None
        if branch_id is None or not allowed(Actor(staff, branch_id), Action.EDIT_BRANCH_RULES, branch_id):
            raise PermissionDenied("Only a manager of this branch or the owner can disconnect a desk.")
        try:
            return dict(self._client.call("POST", f"/api/sync/devices/{device_id}/disconnect-at-desk",
                                          {"staff_id": str(staff.id)})["data"])
        except Unreachable:
            raise DomainError(OFFLINE_ONLY) from None
        except Refused as error:
            raise DomainError(str(error)) from None

    # -- internals --------------------------------------------------------------------------------------------

    def _reenrol_if_restored(self) -> None:
        """After a restore from a backup: a new device id, the waiting operations numbered again from 1."""
        if "reenrol" not in self._store.state():
            return
        made = self._client.call("POST", "/api/sync/reenrol", {})["data"]
        self._store.renumber_waiting(0)
        self._store.set_state(device_id=str(made["device_id"]), token=str(made["token"]), epoch=str(made["epoch"]),
                              acked="0", receipt_series=str(made["receipt_series"]))
        for counter, (first, last) in made["blocks"].items():
            self._store.set_block(counter, int(first), int(last))
        self._client.bearer = str(made["token"])

    def _push(self) -> int:
        self._reenrol_if_restored()
        pushed = 0
        repushed = False
        while True:
            ops = self._store.pending(PUSH_BATCH)
            epoch = self._store.state().get("epoch", "")
            body = {"epoch": epoch, "ops": [_wire(op) for op in ops]}
            reply = self._client.call("POST", "/api/sync/push", body)["data"]
            acked = int(self._store.state().get("acked") or 0)
            went_back = int(reply["last_seq"]) < acked  # the server lost what it had confirmed: a restore
            if (str(reply["epoch"]) != epoch or went_back) and not repushed:
                # The server was restored from a backup: push again everything kept, then take new numbers.
                self._store.repush_all()
                self._store.set_state(epoch=str(reply["epoch"]))
                for counter in (MEMBER_NO, RECEIPT_NO):
                    self._lease(counter)
                repushed = True
                continue
            done = [(int(r["seq"]), json.dumps(r, ensure_ascii=False)) for r in reply["results"]]
            if ops:
                self._store.mark_pushed(done, self._clock.now())
            self._store.set_state(acked=str(max(acked, int(reply["last_seq"]))) if not went_back
                                  else str(reply["last_seq"]))
            pushed += len(done)
            if reply.get("disconnected"):  # what it sent is held on the server for a manager, not applied
                raise Disconnected(403, "This desk was disconnected: a manager must connect it again.")
            if len(ops) < PUSH_BATCH:
                return pushed

    def _copy_new_tables(self) -> int:
        """Tables this desk's version keeps that its replica was made without (a desk upgraded since it was
        connected): copied whole once, before the feed brings what changes in them from now on."""
        state = self._store.state()
        have = set(filter(None, state.get(TABLES, "").split(","))) if TABLES in state else set(_BEFORE_ISSUES)
        missing = [t for t in SYNCED_TABLES if t not in have]
        copied = 0
        for table in missing:
            copied += copy_table(self._store, self._client, table)
        if missing or TABLES not in state:
            self._store.set_state(**{TABLES: ",".join(SYNCED_TABLES)})
        return copied

    def _pull(self) -> int:
        pulled = 0
        while True:
            cursor = self._store.state().get("cursor", "")
            page = self._client.call("GET", "/api/sync/pull", query={"cursor": cursor, "limit": PULL_PAGE})["data"]
            self._store.apply(page["rows"], {"cursor": str(page["cursor"])})
            pulled += len(page["rows"])
            if not page["more"]:
                return pulled

    def _top_up(self) -> None:
        for counter in (MEMBER_NO, RECEIPT_NO):
            if self._store.numbers_left(counter) < LOW_MARK:
                self._lease(counter)

    def _lease(self, counter: str) -> None:
        block = self._client.call("POST", "/api/sync/lease", {"counter": counter})["data"]
        self._store.set_block(counter, int(block["first"]), int(block["last"]))


def _wire(op: PushedOp) -> dict[str, object]:
    return {"seq": op.seq, "operation_id": str(op.operation_id), "kind": op.kind,
            "staff_id": str(op.staff_id) if op.staff_id else None, "at": op.at.isoformat(),
            "version": op.version or OPERATION_VERSION, "effects": op.body.get("effects", [])}


def device_uuid(state: dict[str, str]) -> uuid.UUID | None:
    text = state.get("device_id")
    return uuid.UUID(text) if text else None

