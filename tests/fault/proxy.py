"""A TCP proxy on loopback that breaks the network between desks and the server on demand.

Every fault is switched at run time from any thread and applies to live connections as well as new ones.

How the HTTP-aware faults count (the proxy does not otherwise look inside the bytes):
- A *reply* is the first burst of server bytes on a connection after the client sent something. `drop_replies(n)`
  arms the next n replies on any connection: the proxy swallows the burst until the server has been quiet for
  `IDLE` seconds or closes, then cuts the connection, so the server has answered and the client sees the
  connection close without an answer.
- A *request* is an HTTP/1.1 request cut from the client's stream by its head and Content-Length (no header: no
  body). `duplicate_requests(n)` arms the next n complete requests: each is forwarded as usual and, right after,
  sent once more on a fresh server connection whose reply is read and thrown away; the two copies may race at
  the server, as a retried batch does. Once a connection sends Transfer-Encoding, a malformed head or a head
  over 64 KiB, its requests are no longer split (so not duplicated) but still forwarded.
- `fail_requests(n)` answers the next n connections' first request with a 500, as a reverse proxy in front of a
  failing server does, without the server seeing it; `fail_requests(n, after_server=True)` forwards the next n
  requests and swaps the server's reply (read and thrown away) for that 500: the server did the work, the client
  is told it failed.
- `keep_for_replay(n, path)` keeps a copy of each of the next n complete requests to `path` (forwarded as
  usual); `replay_kept()` later sends those copies again, newest first, each on a fresh server connection whose
  reply is read and thrown away: old batches reach the server late and in reverse order, after newer ones.
"""

from __future__ import annotations

import contextlib
import select
import socket
import struct
import threading
from collections.abc import Callable
from typing import Any, Self

IDLE = 0.2  # seconds of server silence that end a reply
CHUNK = 65536
MAX_HEAD = 65536
COPY_REPLY_WAIT = 30.0  # a duplicated request's reply may wait behind the original at the server
STATS = (
    "connections_accepted",  # forwarded to the server
    "connections_refused",  # reset at once: partitioned, stopping, or the server did not accept
    "connections_cut",  # closed by cut_all() or partition(True)
    "bytes_to_server",
    "bytes_to_client",
    "replies_dropped",
    "requests_duplicated",
    "requests_replayed",
    "requests_failed",
)
FAILED_REPLY = (b"HTTP/1.1 500 Internal Server Error\r\nContent-Type: text/plain\r\nContent-Length: 21\r\n"
                b"Connection: close\r\n\r\nInternal Server Error")


def _reset(sock: socket.socket) -> None:
    """Close with RST rather than FIN: the client sees 'connection reset'."""
    with contextlib.suppress(OSError):
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    sock.close()


def _shutdown(sock: socket.socket, how: int = socket.SHUT_RDWR) -> None:
    with contextlib.suppress(OSError):
        sock.shutdown(how)


class _RequestSplitter:
    """Cuts a client's byte stream into whole HTTP/1.1 requests."""

    def __init__(self) -> None:
        self._buffer = b""
        self._length: int | None = None  # total bytes of the request being read, once its head is in
        self.opaque = False

    def feed(self, data: bytes) -> list[bytes]:
        if self.opaque:
            return []
        self._buffer += data
        requests: list[bytes] = []
        while True:
            if self._length is None:
                end = self._buffer.find(b"\r\n\r\n")
                if end < 0:
                    if len(self._buffer) > MAX_HEAD:
                        self._give_up()
                    return requests
                self._length = self._total_length(self._buffer[:end], end + 4)
                if self._length is None:
                    self._give_up()
                    return requests
            if len(self._buffer) < self._length:
                return requests
            requests.append(self._buffer[: self._length])
            self._buffer, self._length = self._buffer[self._length :], None

    @staticmethod
    def _total_length(head: bytes, head_length: int) -> int | None:
        headers: dict[str, str] = {}
        for line in head.decode("latin-1").split("\r\n")[1:]:
            name, colon, value = line.partition(":")
            if not colon:
                return None
            headers[name.strip().lower()] = value.strip()
        if "transfer-encoding" in headers:
            return None
        body = headers.get("content-length", "0")
        return head_length + int(body) if body.isdigit() else None

    def _give_up(self) -> None:
        self.opaque, self._buffer, self._length = True, b"", None


class _Connection:
    """One client connection and its server connection, pumped by two threads."""

    def __init__(self, client: socket.socket, upstream: socket.socket) -> None:
        self.client, self.upstream = client, upstream
        self.cut_event = threading.Event()
        self.awaiting_reply = False  # the client sent bytes the server has not started answering
        self.lock = threading.Lock()
        self._pumps_left = 2

    def cut(self) -> None:
        """Both sides see the connection close now; the pumps wake up and leave."""
        with self.lock:
            if self.cut_event.is_set():
                return
            self.cut_event.set()
        _shutdown(self.client)
        _shutdown(self.upstream)

    def pump_done(self) -> bool:
        """True for the last pump out, which then closes both sockets."""
        with self.lock:
            self._pumps_left -= 1
            last = self._pumps_left == 0
        if last:
            self.client.close()
            self.upstream.close()
        return last


class FaultProxy:
    """Forwards 127.0.0.1:`port` to `target`, with faults switched on and off while it runs."""

    def __init__(self, target: tuple[str, int]) -> None:
        self.target = target
        self._lock = threading.Lock()
        self._connections: set[_Connection] = set()
        self._copies: set[socket.socket] = set()
        self._threads: list[threading.Thread] = []
        self._partitioned = False
        self._delay = 0.0
        self._armed = {"drop": 0, "duplicate": 0, "keep": 0, "fail_before": 0, "fail_after": 0}  # faults left to apply to replies / requests
        self._keep_path = b""
        self._kept: list[bytes] = []
        self._stats = dict.fromkeys(STATS, 0)
        self._stopping = threading.Event()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self._listener.settimeout(0.1)
        self.port: int = self._listener.getsockname()[1]

    def start(self) -> Self:
        self._spawn(self._accept_loop)
        return self

    def stop(self) -> None:
        self._stopping.set()
        self.cut_all()
        with self._lock:
            copies, threads = list(self._copies), list(self._threads)
        for sock in copies:
            _shutdown(sock)
        for thread in threads:
            thread.join(timeout=5)
        self._listener.close()

    def __enter__(self) -> Self:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def partition(self, on: bool) -> None:
        with self._lock:
            self._partitioned = on
        if on:
            self.cut_all()

    def delay(self, seconds: float) -> None:
        with self._lock:
            self._delay = max(0.0, seconds)

    def cut_all(self) -> None:
        with self._lock:
            live = list(self._connections)
            self._stats["connections_cut"] += len(live)
        for connection in live:
            connection.cut()

    def drop_replies(self, n: int) -> None:
        with self._lock:
            self._armed["drop"] = n

    def duplicate_requests(self, n: int) -> None:
        with self._lock:
            self._armed["duplicate"] = n

    def fail_requests(self, n: int, *, after_server: bool = False) -> None:
        with self._lock:
            self._armed["fail_after" if after_server else "fail_before"] = n

    def keep_for_replay(self, n: int, path: str) -> None:
        with self._lock:
            self._armed["keep"], self._keep_path = n, path.encode()

    def replay_kept(self) -> int:
        """Sends the kept copies again, newest first, one after the other; how many were sent."""
        with self._lock:
            kept, self._kept = self._kept[::-1], []
        for request in kept:
            self._send_copy(request)
            self._count("requests_replayed")
        return len(kept)

    def stats(self) -> dict[str, int]:
        with self._lock:
            return dict(self._stats)

    def _spawn(self, target: Callable[..., None], *args: Any) -> None:
        thread = threading.Thread(target=target, args=args, daemon=True)
        with self._lock:
            self._threads = [t for t in self._threads if t.is_alive()] + [thread]
        thread.start()

    def _count(self, name: str, amount: int = 1) -> None:
        with self._lock:
            self._stats[name] += amount

    def _take(self, fault: str) -> bool:
        """Uses up one armed fault (a key of `_armed`) if any is left."""
        with self._lock:
            if self._armed[fault] <= 0:
                return False
            self._armed[fault] -= 1
            return True

    def _wait_delay(self, connection: _Connection) -> bool:
        """Holds a chunk for the current delay; False if the connection was cut meanwhile."""
        with self._lock:
            seconds = self._delay
        if seconds:
            connection.cut_event.wait(seconds)
        return not connection.cut_event.is_set()

    def _accept_loop(self) -> None:
        while not self._stopping.is_set():
            try:
                client, _ = self._listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            client.setblocking(True)
            self._open(client)

    def _open(self, client: socket.socket) -> None:
        if not self._partitioned and self._take("fail_before"):
            self._spawn(self._answer_failed, client)
            return
        try:  # the unlocked read only saves a connect; the locked check below decides
            upstream = None if self._partitioned else socket.create_connection(self.target, timeout=5)
        except OSError:
            upstream = None
        with self._lock:  # checked again: partition() or stop() may have come while this one connected
            refused = upstream is None or self._partitioned or self._stopping.is_set()
            self._stats["connections_refused" if refused else "connections_accepted"] += 1
            if upstream is not None and not refused:
                connection = _Connection(client, upstream)
                self._connections.add(connection)
        if refused:
            _reset(client)
            if upstream is not None:
                upstream.close()
            return
        connection.upstream.settimeout(None)
        self._spawn(self._pump_to_server, connection)
        self._spawn(self._pump_to_client, connection)

    def _answer_failed(self, client: socket.socket) -> None:
        """Reads the client's first whole request (5 s at the most) and answers it with FAILED_REPLY."""
        splitter = _RequestSplitter()
        try:
            client.settimeout(5)
            while data := client.recv(CHUNK):
                if splitter.feed(data) or splitter.opaque:
                    client.sendall(FAILED_REPLY)
                    self._count("requests_failed")
                    break
        except OSError:
            pass
        finally:
            _shutdown(client)
            client.close()

    def _keeps(self, request: bytes) -> bool:
        """Whether `request` goes to the path kept for replay (its request line's target, query left out)."""
        line = request.split(b"\r\n", 1)[0].split(b" ")
        with self._lock:
            return len(line) >= 2 and line[1].split(b"?", 1)[0] == self._keep_path

    def _finish(self, connection: _Connection) -> None:
        if connection.pump_done():
            with self._lock:
                self._connections.discard(connection)

    def _pump_to_server(self, connection: _Connection) -> None:
        splitter = _RequestSplitter()
        try:
            while data := connection.client.recv(CHUNK):
                if not self._wait_delay(connection):
                    break
                # Which requests the armed faults take is settled before forwarding: a fault armed once the
                # server has answered a request (a client may arm one as soon as it has the reply) never takes it.
                requests = splitter.feed(data)
                copies = [r for r in requests if self._take("duplicate")]
                kept = [r for r in requests if self._keeps(r) and self._take("keep")]
                with connection.lock:
                    connection.awaiting_reply = True
                connection.upstream.sendall(data)
                self._count("bytes_to_server", len(data))
                for request in copies:
                    self._count("requests_duplicated")
                    self._spawn(self._send_copy, request)
                with self._lock:
                    self._kept.extend(kept)
            _shutdown(connection.upstream, socket.SHUT_WR)  # the client finished sending; pass that on
        except OSError:
            connection.cut()
        finally:
            self._finish(connection)

    def _pump_to_client(self, connection: _Connection) -> None:
        try:
            while data := connection.upstream.recv(CHUNK):
                with connection.lock:
                    reply_starts, connection.awaiting_reply = connection.awaiting_reply, False
                if reply_starts and self._take("drop"):
                    self._swallow_reply(connection.upstream)
                    self._count("replies_dropped")
                    connection.cut()
                    break
                if reply_starts and self._take("fail_after"):
                    self._swallow_reply(connection.upstream)
                    connection.client.sendall(FAILED_REPLY)
                    self._count("requests_failed")
                    connection.cut()
                    break
                if not self._wait_delay(connection):
                    break
                connection.client.sendall(data)
                self._count("bytes_to_client", len(data))
            _shutdown(connection.client, socket.SHUT_WR)
        except OSError:
            connection.cut()
        finally:
            self._finish(connection)

    @staticmethod
    def _swallow_reply(sock: socket.socket, first_byte_wait: float = 0.0) -> None:
        """Reads and discards what the server sends until it is quiet for IDLE seconds or closes."""
        wait = first_byte_wait or IDLE
        while select.select([sock], [], [], wait)[0] and sock.recv(CHUNK):
            wait = IDLE

    def _send_copy(self, request: bytes) -> None:
        try:
            copy = socket.create_connection(self.target, timeout=5)
        except OSError:
            return
        with self._lock:
            self._copies.add(copy)
        try:
            copy.sendall(request)
            self._swallow_reply(copy, first_byte_wait=COPY_REPLY_WAIT)
        except OSError:
            pass
        finally:
            with self._lock:
                self._copies.discard(copy)
            copy.close()
