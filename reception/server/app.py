"""The FastAPI application: error replies, access logs and the routes (their shared helpers: requests.py)."""

from __future__ import annotations

import json
import logging
import os
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import anyio.to_thread
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.telemetry import TelemetryConfig
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from reception.bootstrap import App
from reception.domain.errors import DomainError, StorageError
from reception.server import routes_auth, routes_customers, routes_passes, routes_sync, routes_visitor, routes_visits
from reception.server.errors import error_reply
from reception.server.requests import Server, ok

ACCESS_LOG = logging.getLogger("reception.server.access")


class AccessLog:
    """One JSON line per request: method, path, status, time, staff, operation, client; never a header or body.

    Plain ASGI rather than `@app.middleware("http")`, whose per-request task and body streaming cost
    about a tenth of a check-in's CPU on the server."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500  # what the client gets if the app fails before it starts a reply

        async def sent(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, sent)
        finally:
            state = scope.get("state") or {}
            client = scope.get("client")
            ACCESS_LOG.info(json.dumps({
                "method": scope["method"], "path": scope["path"], "status": status,
                "ms": round((time.perf_counter() - started) * 1000, 1),
                "staff": state.get("staff_id"), "operation": state.get("operation_id"),
                "client": client[0] if client else None,
            }))


TELEMETRY_ENV = "RECEPTION_TELEMETRY"


def telemetry() -> TelemetryConfig:
    """FastAPI's OpenTelemetry spans, metrics and logs: off unless RECEPTION_TELEMETRY=on (with an OpenTelemetry
    SDK configured to export them). Even with nothing exporting, they cost a fifth of a check-in's CPU."""
    on = os.environ.get(TELEMETRY_ENV, "").strip().lower() in ("1", "on", "true", "yes")
    return TelemetryConfig(tracing=on, metrics=on, logs=on, operation_spans=on)


THREADS_ENV = "RECEPTION_SERVER_THREADS"
THREADS = 4


def threads() -> int:
    """How many requests one worker runs at once (RECEPTION_SERVER_THREADS, default 4); the rest wait their turn.

    The routes are Python holding one interpreter lock per worker: 40 threads contending for it (anyio's default)
    made each check-in cost a third more CPU than 4 do, and more workers, one per core, serve more."""
    text = os.environ.get(THREADS_ENV, "").strip()
    try:
        return max(1, int(text)) if text else THREADS
    except ValueError:
        raise StorageError(f"{THREADS_ENV} must be a whole number, not {text!r}.") from None


def create_app(app: App) -> FastAPI:
    running = threads()

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        anyio.to_thread.current_default_thread_limiter().total_tokens = running
        yield

    api = FastAPI(title="Reception — the chain's server", version="1",
                  description="The gym backend's REST contract over the desk's own services. Every write "
                              "accepts an Idempotency-Key (a UUID: the operation id).",
                  telemetry=telemetry(), lifespan=lifespan)
    api.state.server = Server(app)

    @api.exception_handler(DomainError)
    async def _domain(_: Request, error: DomainError) -> JSONResponse:
        status, body = error_reply(error)
        return JSONResponse(body, status_code=status)

    @api.exception_handler(RequestValidationError)
    async def _invalid(_: Request, error: RequestValidationError) -> JSONResponse:
        first = error.errors()[0] if error.errors() else {}
        where = ".".join(str(p) for p in first.get("loc", ()) if p not in ("body", "query", "path"))
        text = f"{where}: {first.get('msg', 'invalid')}" if where else str(first.get("msg", "Invalid request"))
        return JSONResponse({"success": False, "error": text, "code": "invalid"}, status_code=400)

    @api.exception_handler(StarletteHTTPException)
    async def _http(_: Request, error: StarletteHTTPException) -> JSONResponse:
        words = {404: "Resource not found", 405: "Method not allowed"}.get(error.status_code, str(error.detail))
        return JSONResponse({"success": False, "error": words}, status_code=error.status_code)

    @api.exception_handler(Exception)
    async def _bug(request: Request, error: Exception) -> JSONResponse:
        logging.getLogger("reception.server").exception("unexpected error on %s %s", request.method,
                                                        request.url.path)
        return JSONResponse({"success": False, "error": "Something went wrong on the server; it was logged."},
                            status_code=500)

    api.add_middleware(AccessLog)

    @api.get("/healthz", tags=["operations"])
    def healthz() -> dict[str, Any]:
        branches = app.catalogue.branches()  # a real read: the database answers
        return ok({"status": "ok", "database": "sqlite" if app.url.startswith("sqlite") else "postgresql",
                   "branches": len(branches)})

    api.include_router(routes_auth.router)
    api.include_router(routes_customers.router)
    api.include_router(routes_visits.router)
    api.include_router(routes_sync.router)
    api.include_router(routes_passes.router)
    api.include_router(routes_visitor.router)
    return api

