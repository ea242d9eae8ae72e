"""Starting the server: the database checked (schema at head, or the command to run), then uvicorn."""

from __future__ import annotations

import logging
import os
import sys
from datetime import timedelta

from fastapi import FastAPI

from reception.bootstrap import DB_ENV, App, normalise_url, open_app, open_storage
from reception.domain.errors import StorageError
from reception.server.app import create_app


def open_for_serving(url: str) -> App:
    """The services over `url`; a schema behind (or ahead of) this release is refused with what to run."""
    open_storage(url).ensure_schema(auto_upgrade=False)
    app = open_app(url, migrate=False)
    app.tokens.prepare()
    if app.sync_server is not None and not app.url.startswith("sqlite"):
        app.sync_server.mark_served()  # desks must come through here from now on
    for name, attribute in (("RECEPTION_ACCESS_TTL_SECONDS", "access_ttl"), ("RECEPTION_REFRESH_GRACE_SECONDS", "grace")):
        value = os.environ.get(name, "").strip()
        if value:
            try:
                setattr(app.tokens, attribute, timedelta(seconds=max(1, int(value))))
            except ValueError:
                app.close()
                raise StorageError(f"{name} must be a whole number of seconds, not {value!r}.") from None
    return app


def configure_logging() -> None:
    """One JSON line per request on stderr (reception.server.access); never a token or a password."""
    logger = logging.getLogger("reception.server")
    if not logger.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
        logger.propagate = False


def app_from_env() -> FastAPI:
    """For `uvicorn --factory reception.server.main:app_from_env` (each worker): the database in RECEPTION_DB."""
    url = os.environ.get(DB_ENV, "").strip()
    if not url:
        raise SystemExit(f"Set {DB_ENV} to the server's database URL.")
    configure_logging()
    return create_app(open_for_serving(normalise_url(url)))


def serve(url: str, *, host: str, port: int, workers: int = 1, banner: str = "") -> None:
    import uvicorn

    configure_logging()
    if workers > 1:
        os.environ[DB_ENV] = url
        open_for_serving(url).close()  # refuse here, once, rather than in every worker
        print(banner, flush=True)
        uvicorn.run("reception.server.main:app_from_env", factory=True, host=host, port=port, workers=workers,
                    access_log=False, log_level="warning")
        return
    app = open_for_serving(url)
    print(banner, flush=True)
    try:
        uvicorn.run(create_app(app), host=host, port=port, access_log=False, log_level="warning")
    finally:
        app.close()
