"""The fault proxy, called with `requests` through to a small real HTTP server: each fault shows what it does."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import requests

from tests.fault.proxy import IDLE, FaultProxy

STREAM_PARTS = 40  # /stream sends one part every 0.1 s: four seconds in all


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.answered: list[tuple[str, bytes]] = []  # (path, body) of each request, once its reply was sent
        self.lock = threading.Lock()

    def answered_count(self, path: str) -> int:
        with self.lock:
            return sum(1 for p, _ in self.answered if p == path)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, so several requests share one connection
    server: _Server

    def do_GET(self) -> None:
        if self.path == "/stream":
            self._reply_slowly()
        else:
            self._reply(b"hello")

    def do_POST(self) -> None:
        self._reply(self.rfile.read(int(self.headers["Content-Length"])))

    def _reply(self, body: bytes) -> None:
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
        self.wfile.flush()
        with self.server.lock:
            self.server.answered.append((self.path, body))

    def _reply_slowly(self) -> None:
        part = b"x" * 100
        self.send_response(200)
        self.send_header("Content-Length", str(len(part) * STREAM_PARTS))
        self.end_headers()
        try:
            for _ in range(STREAM_PARTS):
                self.wfile.write(part)
                self.wfile.flush()
                time.sleep(0.1)
        except OSError:
            pass

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[_Server]:
    httpd = _Server()
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield httpd
    httpd.shutdown()
    httpd.server_close()
    thread.join(timeout=5)


@pytest.fixture
def proxy(server: _Server) -> Iterator[FaultProxy]:
    with FaultProxy(target=("127.0.0.1", server.server_port)) as fault_proxy:
        yield fault_proxy


def _url(proxy: FaultProxy, path: str = "/hello") -> str:
    return f"http://127.0.0.1:{proxy.port}{path}"


def _eventually(condition: Callable[[], bool], seconds: float = 3.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return condition()


def test_forwards_requests_and_counts_them(proxy: FaultProxy, server: _Server) -> None:
    with requests.Session() as session:
        assert session.get(_url(proxy), timeout=5).text == "hello"
        assert session.post(_url(proxy, "/echo"), data=b"visit", timeout=5).text == "visit"
    stats = proxy.stats()
    assert stats["connections_accepted"] == 1  # both calls on one kept-alive connection
    assert stats["bytes_to_server"] > 0 and stats["bytes_to_client"] > 0
    assert server.answered_count("/hello") == 1 and server.answered_count("/echo") == 1


def test_partition_refuses_new_calls_cuts_open_connections_and_heals(proxy: FaultProxy, server: _Server) -> None:
    open_connection = socket.create_connection(("127.0.0.1", proxy.port), timeout=3)
    assert _eventually(lambda: proxy.stats()["connections_accepted"] == 1)

    proxy.partition(True)
    with pytest.raises(requests.ConnectionError):
        requests.get(_url(proxy), timeout=5)
    assert open_connection.recv(1) == b""  # the connection made before the partition was closed
    open_connection.close()
    assert server.answered_count("/hello") == 0

    proxy.partition(False)
    assert requests.get(_url(proxy), timeout=5).text == "hello"
    assert proxy.stats()["connections_refused"] == 1


def test_delay_slows_every_call_including_on_open_connections(proxy: FaultProxy) -> None:
    with requests.Session() as session:
        session.get(_url(proxy), timeout=5)  # the connection is open before the delay is set

        proxy.delay(0.3)
        started = time.monotonic()
        assert session.get(_url(proxy), timeout=5).text == "hello"
        assert time.monotonic() - started >= 0.3

        proxy.delay(0)
        started = time.monotonic()
        session.get(_url(proxy), timeout=5)
        assert time.monotonic() - started < 0.3
    assert proxy.stats()["connections_accepted"] == 1


def test_dropped_reply_fails_the_client_after_the_server_answered(proxy: FaultProxy, server: _Server) -> None:
    proxy.drop_replies(1)
    with pytest.raises(requests.ConnectionError):
        requests.post(_url(proxy, "/echo"), data=b"check-in 17", timeout=5)
    assert server.answered == [("/echo", b"check-in 17")]  # the server committed; the desk never heard

    assert requests.post(_url(proxy, "/echo"), data=b"check-in 18", timeout=5).text == "check-in 18"
    assert proxy.stats()["replies_dropped"] == 1


def test_dropped_reply_waits_for_the_whole_reply(proxy: FaultProxy, server: _Server) -> None:
    proxy.drop_replies(1)
    started = time.monotonic()
    with pytest.raises(requests.ConnectionError):
        requests.get(_url(proxy), timeout=5)
    assert time.monotonic() - started >= IDLE  # the server was heard out before the desk's side was closed


def test_duplicated_request_reaches_the_server_twice(proxy: FaultProxy, server: _Server) -> None:
    with requests.Session() as session:
        session.post(_url(proxy, "/echo"), data=b"batch 1", timeout=5)  # the next request shares this connection

        proxy.duplicate_requests(1)
        assert session.post(_url(proxy, "/echo"), data=b"batch 2", timeout=5).text == "batch 2"
        assert _eventually(lambda: server.answered_count("/echo") == 3)
        assert session.post(_url(proxy, "/echo"), data=b"batch 3", timeout=5).text == "batch 3"
    time.sleep(3 * IDLE)  # room for a wrong extra copy to arrive
    bodies = sorted(body for _, body in server.answered)
    assert bodies == [b"batch 1", b"batch 2", b"batch 2", b"batch 3"]
    assert proxy.stats()["requests_duplicated"] == 1


def test_kept_requests_reach_the_server_again_later_newest_first(proxy: FaultProxy, server: _Server) -> None:
    proxy.keep_for_replay(2, "/echo")
    with requests.Session() as session:
        assert session.get(_url(proxy, "/hello"), timeout=5).text == "hello"  # another path: not kept
        for batch in (b"batch 1", b"batch 2", b"batch 3"):  # the third is past the two armed
            assert session.post(_url(proxy, "/echo"), data=batch, timeout=5).text == batch.decode()
    assert _eventually(lambda: server.answered_count("/echo") == 3)
    assert proxy.replay_kept() == 2
    assert _eventually(lambda: server.answered_count("/echo") == 5)
    assert [body for path, body in server.answered if path == "/echo"] == [
        b"batch 1", b"batch 2", b"batch 3", b"batch 2", b"batch 1"]
    assert proxy.stats()["requests_replayed"] == 2 and proxy.replay_kept() == 0


def test_a_failed_request_gets_a_500_before_or_after_the_server_answered_it(
        proxy: FaultProxy, server: _Server) -> None:
    proxy.fail_requests(1)
    reply = requests.post(_url(proxy, "/echo"), data=b"batch 1", timeout=5)
    assert reply.status_code == 500 and server.answered_count("/echo") == 0  # the server never saw it
    proxy.fail_requests(1, after_server=True)
    reply = requests.post(_url(proxy, "/echo"), data=b"batch 2", timeout=5)
    assert reply.status_code == 500 and reply.text == "Internal Server Error"
    assert [body for _, body in server.answered] == [b"batch 2"]  # this one the server did
    assert requests.post(_url(proxy, "/echo"), data=b"batch 3", timeout=5).text == "batch 3"
    assert proxy.stats()["requests_failed"] == 2


def test_cut_all_breaks_a_slow_reply_and_keeps_serving(proxy: FaultProxy) -> None:
    with requests.get(_url(proxy, "/stream"), stream=True, timeout=5) as response:
        parts = response.iter_content(chunk_size=100)
        assert next(parts) == b"x" * 100
        proxy.cut_all()
        started = time.monotonic()
        with pytest.raises(requests.RequestException):
            for _ in parts:
                pass
        assert time.monotonic() - started < 1.0  # well before the server would have finished
    assert requests.get(_url(proxy), timeout=5).text == "hello"
    assert proxy.stats()["connections_cut"] == 1


def test_stop_closes_the_port(server: _Server) -> None:
    proxy = FaultProxy(target=("127.0.0.1", server.server_port)).start()
    assert requests.get(_url(proxy), timeout=5).text == "hello"
    proxy.stop()
    with pytest.raises(requests.ConnectionError):
        requests.get(_url(proxy), timeout=5)
