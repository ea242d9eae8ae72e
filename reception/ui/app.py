"""Starting the desk app: Qt, the look, the database (with clear messages when it cannot open), sign-in, the window."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEventLoop, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QMessageBox

from reception.redact import mask_text, mask_url
from reception.repository.ports import StorageUpkeep
from reception.ui.i18n import ltr, tr
from reception.ui.words import backup_label, field_text

log = logging.getLogger(__name__)

EXIT_OK, EXIT_STORAGE = 0, 2


class _ErrorRelay(QObject):
    """The excepthook may run on any thread; the message box must open on the GUI thread."""

    show = Signal(str)

    def __init__(self) -> None:
        super().__init__()
        self.show.connect(self._show, Qt.ConnectionType.QueuedConnection)

    def _show(self, text: str) -> None:
        QMessageBox.warning(QApplication.activeWindow(), tr("Reception"), text)


def _storage_message(text: str, title: str = "") -> None:
    box = QMessageBox(QMessageBox.Icon.Critical, title or tr("Reception cannot open the database"), text,
                      QMessageBox.StandardButton.Close)
    box.setInformativeText(tr("Nothing was changed. Fix the cause above, then start Reception again."))
    box.exec()


def _run_blocking(fn: Callable[[], object], message: str) -> object:
    """Long first-start work (building the demo gym) in the background, with a note on screen."""
    from reception.ui.tasks import Runner

    note = QLabel(message)
    note.setWindowTitle(tr("Reception"))
    note.setMargin(24)
    note.setWindowFlag(Qt.WindowType.Dialog)
    note.show()
    runner, loop, outcome = Runner(), QEventLoop(), {}
    runner.run(fn, lambda result: (outcome.update(result=result), loop.quit()),
               lambda error: (outcome.update(error=error), loop.quit()), write=True)
    loop.exec()  # a real event loop, not processEvents(): the note paints, the worker runs
    note.close()
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome.get("result")


def _ensure_gym(app: object, demo: bool) -> tuple[str, str | None]:
    """("ready", None), ("created", owner's username), ("demo", None) to switch to the demo gym, ("connected", None)
    once the desk became a branch desk of the chain's server, or ("quit", None).

    A demo database is built on first start; an empty real one shows the first-start dialog.
    """
    from reception.bootstrap import App
    from reception.services.setup import is_empty

    assert isinstance(app, App)
    if not is_empty(app.uow):
        return "ready", None
    if demo:
        from reception.services.demo import build_demo

        _run_blocking(lambda: build_demo(app.uow, app.clock), tr("Preparing the demo gym… (first start only)"))
        return "ready", None
    from reception.ui.dialogs.first_start_dialog import FirstStartDialog
    from reception.ui.tasks import Runner

    runner = Runner()
    connect = None
    if app.replica is not None:  # a desk's own file can become a branch desk's replica
        from reception.sync.agent import connect as connect_desk

        replica, clock = app.replica, app.clock

        def connect(server: str, username: str, password: str, branch: int | None, name: str) -> object:
            return connect_desk(replica, clock, server, username, password, branch_no=branch, name=name)

    dialog = FirstStartDialog(app.uow, runner, database=app.description, connect=connect)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    runner.wait(30_000)
    if not accepted or dialog.choice is None:
        return "quit", None
    return dialog.choice, dialog.created_username


def _resolve(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    """Command line > environment > saved settings > defaults (reception.settings)."""
    from reception import settings
    from reception.bootstrap import normalise_url, resolve_url
    from reception.ui.settings_store import QSettingsStore

    resolved = settings.resolve(args, QSettingsStore())
    if getattr(args, "db", None) or getattr(args, "demo", False):
        url = resolve_url(args.db, demo=args.demo)
    else:
        url = normalise_url(settings.database_url(resolved))
    return resolved.settings, url


def _plain_keyboard_input() -> None:
    """On X11, keys reach the desk straight from the keyboard layout, not through Qt's compose step.

    The compose input context hands the Arabic layout's lam-alef keys (Shift+G, B, Shift+B) to the
    widget ahead of keys pressed before them, which scrambles a scanner's code and typed Arabic alike;
    without it X delivers each key, ligatures included, in order. An input method the user chose
    (QT_IM_MODULE set, e.g. ibus) is kept.
    """
    import os

    if sys.platform.startswith("linux") and not os.environ.get("QT_IM_MODULE"):
        os.environ["QT_IM_MODULE"] = "none"


def run_gui(args: argparse.Namespace) -> int:
    """`reception` with no command: the desk window. Returns the process exit code."""
    from reception.platform_check import exit_if_qt_cannot_start
    exit_if_qt_cannot_start()  # before the QApplication: a missing xcb library would abort the process
    _plain_keyboard_input()
    from reception.logs import install_excepthook, setup_logging

    setup_logging()
    qapp = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(qapp, QApplication)
    from reception.ui import first_paint

    first_paint.install_if_requested(qapp)  # RECEPTION_EXIT_AFTER_FIRST_PAINT, for the cold-start benchmark
    from reception.ui.qt_logging import install_qt_message_handler
    from reception.ui.resources import app_icon
    from reception.ui.style import apply_theme

    install_qt_message_handler()
    from reception.ui.qt_compat import guard_signal_refcounts

    guard_signal_refcounts()  # PySide6 6.12.0 on Python 3.11 would abort the app after enough Qt calls
    qapp.setApplicationName("Reception")
    qapp.setOrganizationName("Reception")
    qapp.setWindowIcon(app_icon())
    from reception.ui import window_trace

    window_trace.install(qapp)  # RECEPTION_TRACE: windows shown and hidden, by objectName
    relay = _ErrorRelay()
    install_excepthook(relay.show.emit)  # logged with the traceback; the app keeps running

    try:
        desk_settings, url = _resolve(args)
    except Exception as error:
        log.exception("could not resolve the settings")
        _storage_message(mask_text(tr("The database setting is not usable: {error}").format(error=error)))
        return EXIT_STORAGE
    apply_theme(qapp, desk_settings.theme)
    from reception.ui import i18n

    i18n.install(qapp, desk_settings.language, arabic_digits=desk_settings.arabic_digits)
    return _run_window(qapp, args, desk_settings, url)


def _recover_damaged(url: str) -> bool:
    """A damaged local file is kept aside (never overwritten) and the newest backup offered.

    Only SQLite's failed check is damage: a disk I/O error, a folder at the database path or a
    file this user may not read raises StorageError (shown by the caller) and nothing is moved."""
    from reception import backups
    from reception.bootstrap import open_storage

    storage = open_storage(url)
    report = backups.check_at_start(storage)
    if report is None:
        return True
    kept = ltr(report.kept_aside_path)
    if report.newest_backup is None:
        _storage_message(tr("The database file was damaged. It was kept aside as {path} and is not used. There is no "
                            "backup to restore; contact support with that file.").format(path=kept),
                         title=tr("The database file is damaged"))
        return False
    box = QMessageBox(QMessageBox.Icon.Warning, tr("The database file is damaged"),
                      tr("The database file was damaged. It was kept aside as {path} and is not used.\n\nRestore the "
                         "newest backup, taken {backup}?").format(path=kept, backup=backup_label(report.newest_backup)))
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Close)
    if box.exec() != QMessageBox.StandardButton.Yes:
        return False
    backups.restore_backup(report.newest_backup, storage)
    log.warning("restored %s from %s after damage", mask_url(url), report.newest_backup.path)
    return True


def _start_daily_backup(runner: object, storage: StorageUpkeep, keep: int) -> None:
    """Once a day, in the background: a checked copy through SQLite's backup API, the last N kept."""
    from reception import backups
    from reception.ui.tasks import Runner

    assert isinstance(runner, Runner)

    def done(info: object) -> None:
        if info is not None:
            log.info("daily backup written: %s", getattr(info, "path", info))

    def failed(error: BaseException) -> None:
        log.error("daily backup failed: %s", error)

    runner.run(lambda: backups.daily_backup(storage, keep=keep), done, failed)


def _run_window(qapp: QApplication, args: argparse.Namespace, desk_settings: object, url: str) -> int:
    from reception import instance
    from reception.bootstrap import open_app, refuse_served
    from reception.domain.errors import StorageError

    try:
        lock = instance.acquire(url)
    except StorageError as error:
        _storage_message(error.message)
        return EXIT_STORAGE
    app = None
    try:
        try:
            if not _recover_damaged(url):  # this already ran the quick check on a local file
                return EXIT_STORAGE
            app = open_app(url, check=False, desk_id=_desk_id())
            refuse_served(app)
            outcome, owner = _ensure_gym(app, demo=bool(getattr(args, "demo", False)))
            if outcome == "quit":
                return EXIT_OK
        except StorageError as error:
            log.warning("cannot open %s: %s", mask_url(url), error.message)
            _storage_message(error.message)
            return EXIT_STORAGE
        except Exception:
            from reception.logs import log_file

            log.exception("opening the database failed")
            _storage_message(tr("Something went wrong while opening the database — details saved to {path}").format(
                path=ltr(log_file())))
            return EXIT_STORAGE
        if outcome not in ("demo", "connected"):  # connected: the file is the chain's replica now; opened again
            result = _sign_in_and_run(qapp, app, args, desk_settings, username=owner)
            if not isinstance(result, Path):
                return result
            # Settings → Restore: the database is closed first, the file replaced while this
            # desk still holds the lock, then the desk starts again at the sign-in.
            app.close()
            app = None
            kept = _restore_from(result, url)
            if kept is None:
                return EXIT_STORAGE
    finally:
        if app is not None:
            app.close()
        lock.release()
    if outcome != "demo":  # after a restore, or a desk just connected to the chain: start again on the same file
        return _run_window(qapp, args, desk_settings, url)
    # The first-start dialog built the demo gym in its own file: open that one instead.
    from reception import paths

    return _run_window(qapp, argparse.Namespace(**{**vars(args), "demo": True, "db": None}), desk_settings,
                       paths.demo_database_url())


def _desk_id():  # type: ignore[no-untyped-def]
    """This desk's id, made and saved in its settings (desk.ini) on first start."""
    from reception import settings
    from reception.ui.settings_store import QSettingsStore

    return settings.desk_id(QSettingsStore())


def _restore_from(backup: Path, url: str) -> Path | bool | None:
    """Replace the (closed) database with a backup; the replaced file is kept aside. None on failure."""
    from reception import backups
    from reception.bootstrap import open_storage
    from reception.domain.errors import StorageError

    try:
        kept = backups.restore_backup(backup, open_storage(url))
    except StorageError as error:
        _storage_message(error.message, title=tr("The backup could not be restored"))
        return None
    log.warning("restored %s from %s (previous file kept as %s)", mask_url(url), backup, kept)
    if kept:
        text = tr("The database was restored from {backup}.\nThe file it replaced was kept as {kept}.\nSign in again "
                  "to continue.").format(backup=ltr(backup), kept=ltr(kept))
    else:
        text = tr("The database was restored from {backup}.\nSign in again to continue.").format(backup=ltr(backup))
    QMessageBox.information(None, tr("Backup restored"), text)
    return kept or True


def _start_turnstile(app: object, listen: str | None) -> object:
    """`reception --turnstile HOST:PORT`: the branch's turnstile served from inside the desk app (the one process
    that writes this database). A port already taken is said in a message; the desk still opens."""
    if not listen:
        return None
    from reception.domain.errors import StorageError
    from reception.turnstile import open_turnstile

    try:
        listener, token_file = open_turnstile(app, None, listen)  # type: ignore[arg-type]
    except (ValueError, StorageError) as error:
        QMessageBox.warning(None, tr("The turnstile is not served"),
                            tr("{reason} The desk opens without it.").format(reason=field_text(str(error))))
        return None
    listener.start()
    host, port = listener.address
    log.info("turnstile listening on %s:%s (token in %s)", host, port, token_file or "RECEPTION_TURNSTILE_TOKEN")
    return listener


def _sign_in_and_run(qapp: QApplication, app: object, args: argparse.Namespace, desk_settings: object,
                     username: str | None = None) -> int | Path:
    from reception.bootstrap import App
    from reception.scanning.wedge import WedgeDetector
    from reception.ui.context import DeskEvents, UiContext
    from reception.ui.login_dialog import LoginDialog
    from reception.ui.main_window import MainWindow
    from reception.ui.sounds import Sounds
    from reception.ui.tasks import Runner
    from reception.ui.widgets.wedge_filter import WedgeFilter

    assert isinstance(app, App)
    runner = Runner()
    try:
        login = LoginDialog(app.staff, app.catalogue, runner, database=app.description)
        if username:  # the owner just created on first start
            login.form.username.setText(username)
            login.form.focus_first_field()
        if login.exec() != QDialog.DialogCode.Accepted or login.desk is None:
            return EXIT_OK
        camera = getattr(args, "camera", None) or getattr(desk_settings, "camera", "0")
        ctx = UiContext(
            app=app,
            desk=login.desk,
            runner=runner,
            events=DeskEvents(),
            sounds=Sounds(enabled=bool(getattr(desk_settings, "sounds", True))),
            settings={"camera": camera, "desk_settings": desk_settings},
        )
        detector = WedgeDetector(prefix=getattr(desk_settings, "scanner_prefix", ""),
                                 suffix=getattr(desk_settings, "scanner_suffix", ""))
        _start_daily_backup(runner, app.storage, int(getattr(desk_settings, "backups_to_keep", 14)))
        listener = _start_turnstile(app, getattr(args, "turnstile", None))
        if listener is not None:
            qapp.aboutToQuit.connect(listener.stop)  # type: ignore[attr-defined]
        while True:
            window = MainWindow(ctx, wedge=WedgeFilter(detector))
            window.show_fitted()  # maximised on a screen smaller than the window
            QTimer.singleShot(0, ctx.sounds.prepare)  # loaded once the window is up, before the first card
            code = qapp.exec()
            restore = getattr(window, "restore_path", None)
            if restore:
                return Path(restore)
            if window.restart_language is None:
                return code
            # Settings → Language → Restart now: the same sign-in, a new window in the new language.
            from reception.ui import i18n

            language, digits = window.restart_language
            window.deleteLater()
            i18n.install(qapp, language, arabic_digits=digits)
    finally:
        runner.wait(10_000)  # a check-in being written finishes before the database closes


def main() -> int:
    """The `reception-desk` windowed entry point: the desk window, with the options `reception` takes before a
    command (--db, --demo, --camera, --self-test). The commands themselves are `reception`'s."""
    from reception import launch

    parser = argparse.ArgumentParser(prog="reception-desk", description="The front desk window of a gym branch.")
    launch.add_desk_options(parser)
    return launch.start_desk(parser.parse_args(sys.argv[1:]), run_gui)
