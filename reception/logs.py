"""The desk's log file (rotated, 1 MB × 5) and the last-resort handler that logs bugs and keeps the app running."""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from collections.abc import Callable
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

from reception import paths
from reception.redact import MaskingFormatter

LOG_NAME = "reception.log"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 5
FORMAT = "%(asctime)s %(levelname)-7s %(name)s [%(threadName)s] %(message)s"

log = logging.getLogger("reception")


class _DeskFileHandler(RotatingFileHandler):
    """Marks the handler we own, so setting up twice replaces it instead of doubling lines."""


def log_file() -> Path:
    return paths.log_dir() / LOG_NAME


def setup_logging(level: int | str = logging.INFO, *, console: bool = False) -> Path:
    """Send the app's log (and Python warnings) to log_dir()/reception.log; returns its path.

    Every line is masked (reception.redact) after formatting, traceback included: a password
    inside a URL or an error message never reaches the file or the console.
    """
    path = log_file()
    root = logging.getLogger()
    for handler in [h for h in root.handlers if isinstance(h, _DeskFileHandler)]:
        root.removeHandler(handler)
        handler.close()
    handler = _DeskFileHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8", delay=True)
    handler.setFormatter(MaskingFormatter(FORMAT))
    root.addHandler(handler)
    if console and not any(type(h) is logging.StreamHandler for h in root.handlers):
        stream = logging.StreamHandler()
        stream.setFormatter(MaskingFormatter(FORMAT))
        root.addHandler(stream)
    root.setLevel(level)
    logging.captureWarnings(True)
    return path


ShowMessage = Callable[[str], None]


class _ExceptHook:
    """Logs an uncaught exception with its traceback and tells the person once, in plain words."""

    def __init__(self, show: ShowMessage) -> None:
        self.show = show
        self._showing = False  # an error raised while the message box is open is logged, not stacked

    def message(self) -> str:
        return f"Something went wrong — details saved to {log_file()}"

    def __call__(self, kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, tb)
            return
        text = "".join(traceback.format_exception(kind, error, tb))
        log.error("uncaught exception\n%s", text.rstrip())
        if self._showing:
            return
        self._showing = True
        try:
            self.show(self.message())
        except Exception:  # the hook itself must never take the app down
            log.exception("could not show the error message")
        finally:
            self._showing = False

    def thread_hook(self, args: threading.ExceptHookArgs) -> None:
        text = "".join(traceback.format_exception(args.exc_type, args.exc_value, args.exc_traceback))
        name = args.thread.name if args.thread is not None else "?"
        log.error("uncaught exception in thread %s\n%s", name, text.rstrip())


def install_excepthook(show: ShowMessage) -> Callable[..., None]:
    """Route uncaught exceptions (GUI thread and plain threads) to the log; `show` tells the person.

    Qt calls sys.excepthook for an exception escaping a slot and carries on, so the window
    stays usable. `show` runs on the thread that failed: the UI passes a function that is safe
    there (e.g. one that posts to the GUI thread). Returns the hook (tests call it directly).
    """
    hook = _ExceptHook(show)
    sys.excepthook = hook
    threading.excepthook = hook.thread_hook
    return hook
