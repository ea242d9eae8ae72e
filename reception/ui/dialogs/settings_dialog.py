"""Settings: database (with a background "Test connection"), camera and decoder, scanner, branch policy, sounds, theme, backups."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialogButtonBox, QFileDialog, QMessageBox, QTabWidget, QVBoxLayout, QWidget

from reception import backups, paths, settings
from reception.bootstrap import is_sqlite, normalise_url
from reception.domain.errors import DomainError
from reception.domain.models import Branch, OtherBranchPolicy, Role
from reception.services.catalogue import CatalogueService
from reception.services.context import Desk
from reception.settings import DECODER_AUTO, DeskSettings, Resolved, SettingsStore, Source
from reception.ui.dialogs.base import Dialog
from reception.ui.dialogs.connect_dialog import Connect, ConnectDialog
from reception.ui.dialogs.settings_form import BackupsTab, DatabaseTab, DeskTab, ScanningTab
from reception.ui.messages import describe
from reception.ui.tasks import Runner
from reception.ui.widgets.notice import Notice
from PySide6.QtCore import QT_TR_NOOP
from reception.ui.i18n import clock, day, isolate, ltr, tr
from reception.ui.words import backup_label, field_text

MANAGERS = (Role.MANAGER, Role.OWNER)
DECODER_WORDS = {DECODER_AUTO: QT_TR_NOOP("Automatic (best available)"), "zxing": "zxing-cpp", "pyzbar": "ZBar",
                 "opencv": "OpenCV"}


def _find_cameras() -> list[int]:
    from reception.scanning.camera import list_cameras

    return list_cameras()


def _find_decoders() -> list[str]:
    from reception.scanning.decoders import available_decoders

    return available_decoders()


class SettingsDialog(Dialog):
    """`SettingsDialog(store, runner, desk=..., catalogue=..., database_url=..., resolved=...)`.

    Saving writes every field to `store` and emits `saved(DeskSettings)`; the window applies
    theme, sounds and scanner settings at once, a new database at the next start. Choosing a
    backup emits `restore_requested(Path)` after the person confirmed: the window closes the
    database, calls backups.restore_backup(path, url) and opens it again.
    """

    saved = Signal(object)  # DeskSettings
    restore_requested = Signal(object)  # pathlib.Path of the backup
    connection_tested = Signal(bool, str)  # ok, what the test said

    def __init__(
        self,
        store: SettingsStore,
        runner: Runner,
        *,
        desk: Desk | None = None,
        catalogue: CatalogueService | None = None,
        database_url: str | None = None,
        resolved: Resolved | None = None,
        find_cameras: Callable[[], list[int]] = _find_cameras,
        find_decoders: Callable[[], list[str]] = _find_decoders,
        connect: Connect | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Settings"))
        self._connect = connect
        self._store, self._runner = store, runner
        self._desk, self._catalogue = desk, catalogue
        self._url = normalise_url(database_url) if database_url else None
        self._overrides = {k: v for k, v in (resolved.sources if resolved else {}).items() if v in (Source.FLAG, Source.ENV)}
        self.current = settings.resolve(None, store, {}).settings  # what is saved (or the default)
        self.branch: Branch | None = desk.branch if desk else None  # after a save: the branch with its new rules
        self._backups: list[backups.BackupInfo] = []

        self.notice = Notice()
        self.database, self.scanning, self.desk_tab, self.backups_tab = DatabaseTab(), ScanningTab(), DeskTab(), BackupsTab()
        self.tabs = QTabWidget()
        for tab, title in ((self.database, tr("&Database")), (self.scanning, tr("&Scanning")),
                           (self.desk_tab, tr("D&esk")), (self.backups_tab, tr("&Backups"))):
            self.tabs.addTab(tab, title)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.notice)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.buttons)

        self.database.test.clicked.connect(self.test_connection)
        self.database.connect_chain.clicked.connect(self.connect_to_chain)
        self.database.connect_chain.setVisible(connect is not None)
        self.database.chain_hint.setVisible(connect is not None)
        self.database.browse.clicked.connect(self._browse)
        self.backups_tab.restore.clicked.connect(self.restore_selected)
        self.backups_tab.list.currentRowChanged.connect(self._sync_restore)
        self._load(self.current)
        self._load_branch_policy()
        self._load_backups()
        self._runner.run(lambda: (find_cameras(), find_decoders()), self._hardware_found, self._hardware_failed)

    # ------------------------------------------------------------------ filling the form

    def _load(self, values: DeskSettings) -> None:
        url = values.database_url or paths.default_database_url()
        local = is_sqlite(url)
        (self.database.local if local else self.database.server).setChecked(True)
        self.database.path.setText(url.removeprefix("sqlite:///") if local else "")
        self.database.url.setText("" if local else url)
        if "database_url" in self._overrides:
            if self._overrides["database_url"] is Source.FLAG:
                text = tr("This session uses the database given by the --db option; what you save here applies "
                          "when it is not given.")
            else:
                text = tr("This session uses the database given by the RECEPTION_DB variable; what you save here "
                          "applies when it is not given.")
            self.database.override.setText(text)
            self.database.override.show()
        self.scanning.camera.addItem(values.camera)
        self.scanning.camera.setCurrentText(values.camera)
        self.scanning.decoder.addItem(tr(DECODER_WORDS[DECODER_AUTO]), DECODER_AUTO)
        if values.decoder != DECODER_AUTO:
            self.scanning.decoder.addItem(DECODER_WORDS.get(values.decoder, values.decoder), values.decoder)
            self.scanning.decoder.setCurrentIndex(1)
        self.scanning.prefix.setText(values.scanner_prefix)
        self.scanning.suffix.setText(values.scanner_suffix)
        self.desk_tab.sounds.setChecked(values.sounds)
        self.desk_tab.theme.setCurrentIndex(max(0, self.desk_tab.theme.findData(values.theme)))
        self.desk_tab.keep.setValue(values.backups_to_keep)
        self.desk_tab.language.setCurrentIndex(max(0, self.desk_tab.language.findData(values.language)))
        self.desk_tab.arabic_digits.setChecked(values.arabic_digits)

    def _load_branch_policy(self) -> None:
        combo, hint = self.desk_tab.policy, self.desk_tab.policy_hint
        if self._desk is None or self._catalogue is None:
            combo.setEnabled(False)
            hint.setText(tr("Sign in to see this branch's rules."))
            return
        branch = self._desk.branch
        combo.setCurrentIndex(combo.findData(branch.rules.other_branch_policy))
        allowed = self._desk.staff.role in MANAGERS
        combo.setEnabled(allowed)
        if allowed:
            hint.setText(tr("For members of other branches scanned at {branch}.").format(branch=isolate(branch.name)))
        else:
            hint.setText(tr("For members of other branches scanned at {branch}. A manager can change this.").format(
                branch=isolate(branch.name)))

    def _load_backups(self) -> None:
        tab = self.backups_tab
        tab.list.clear()
        if self._url is None or not is_sqlite(self._url):
            tab.hint.setText(tr("A database on a server is backed up on the server (pg_dump), not by the desk."))
            return
        found = backups.list_backups(self._url)
        for info in found:
            tab.list.addItem(backup_label(info))
        self._backups = found
        if not found:
            tab.hint.setText(tr("No backups yet. Reception makes one each day in {folder}.").format(
                folder=ltr(paths.backup_dir())))
        elif not self._may_restore():
            tab.hint.setText(tr("A manager can restore a backup."))
        else:
            tab.hint.setText(tr("Restoring replaces the database with the chosen backup; everything entered after "
                             "it is gone from this desk. The current file is kept aside."))
        self._sync_restore()

    def _may_restore(self) -> bool:
        return self._desk is not None and self._desk.staff.role in MANAGERS

    def _sync_restore(self) -> None:
        self.backups_tab.restore.setEnabled(self._may_restore() and self.backups_tab.list.currentRow() >= 0)

    def _hardware_found(self, found: tuple[list[int], list[str]]) -> None:
        cameras, decoders = found
        combo = self.scanning.camera
        current = combo.currentText()
        for spec in [*map(str, cameras), "none"]:
            if combo.findText(spec) < 0:
                combo.addItem(spec)
        combo.setCurrentText(current)
        self.scanning.cameras_found.setText(
            tr("Cameras found: {cameras}.").format(cameras=", ".join(map(str, cameras))) if cameras
            else tr("No camera found on this computer."))
        for name in decoders:
            if self.scanning.decoder.findData(name) < 0:
                self.scanning.decoder.addItem(DECODER_WORDS.get(name, name), name)

    def _hardware_failed(self, error: BaseException) -> None:
        self.scanning.cameras_found.setText(tr('Could not look for cameras: {error}').format(error=describe(error)))

    # ------------------------------------------------------------------ actions

    def chosen_url(self) -> str | None:
        """The database the form names; None for the gym's own default file."""
        if self.database.local.isChecked():
            text = self.database.path.text().strip()
            if not text:
                return None
            url = normalise_url(text if "://" in text else f"sqlite:///{Path(text).expanduser()}")
            return None if url == paths.default_database_url() else url
        return normalise_url(self.database.url.text()) if self.database.url.text().strip() else None

    def connect_to_chain(self) -> None:
        """Settings → Connect to the chain's server: the desk's new replica is made and chosen as its database
        (saved with the other settings, used from the next start)."""
        assert self._connect is not None
        dialog = ConnectDialog(self._connect, self._runner, self)
        self.connect_dialog = dialog
        if dialog.exec() != ConnectDialog.DialogCode.Accepted:
            return
        url = str(dialog.status)
        self.database.local.setChecked(True)
        self.database.path.setText(url.removeprefix("sqlite:///"))
        self.database.result.setText(tr("Connected. Save, and the desk works from its replica of the chain's data "
                                        "from the next start."))

    def test_connection(self) -> None:
        from reception.bootstrap import open_storage

        url = self.chosen_url() or paths.default_database_url()
        self.database.test.setEnabled(False)
        self.database.result.setText(tr("Testing…"))
        self._runner.run(lambda: open_storage(url).probe(), self._tested_ok, self._tested_failed)

    def _tested_ok(self, text: str) -> None:
        self.database.test.setEnabled(True)
        words = field_text(text)
        self.database.result.setText(f"✔ {words}")
        self.connection_tested.emit(True, words)

    def _tested_failed(self, error: BaseException) -> None:
        self.database.test.setEnabled(True)
        self.database.result.setText(f"✖ {describe(error)}")
        self.connection_tested.emit(False, describe(error))

    def _browse(self) -> None:
        start = self.database.path.text() or str(paths.data_dir())
        path, _ = QFileDialog.getSaveFileName(self, tr("Database file"), start,
                                              tr("Reception database (*.sqlite3);;All files (*)"),
                                              options=QFileDialog.Option.DontConfirmOverwrite)
        if path:
            self.database.path.setText(path)

    def form_values(self) -> DeskSettings:
        """The form as settings; ValueError (in words) when a field makes no sense."""
        camera = settings.parse("camera", self.scanning.camera.currentText())
        if self.database.server.isChecked() and not self.database.url.text().strip():
            raise ValueError(tr("Type the server's address, or choose a local file."))
        return DeskSettings(
            database_url=self.chosen_url(),
            camera=camera,
            decoder=str(self.scanning.decoder.currentData() or DECODER_AUTO),
            scanner_prefix=self.scanning.prefix.text(),
            scanner_suffix=self.scanning.suffix.text(),
            sounds=self.desk_tab.sounds.isChecked(),
            theme=str(self.desk_tab.theme.currentData()),
            backups_to_keep=self.desk_tab.keep.value(),
            language=str(self.desk_tab.language.currentData() or "system"),
            arabic_digits=self.desk_tab.arabic_digits.isChecked(),
        )

    def save(self) -> None:
        try:
            values = self.form_values()
        except ValueError as error:
            text = str(error)
            self.notice.show_error(text[:1].upper() + text[1:])
            return
        branch = self._changed_branch()
        if branch is None:
            self._finish(values)
            return
        assert self._desk is not None and self._catalogue is not None
        desk, catalogue = self._desk, self._catalogue
        self.buttons.setEnabled(False)
        self._runner.run(lambda: catalogue.save_branch(desk, branch), lambda saved: self._branch_saved(saved, values),
                         self._branch_failed, write=True)

    def _changed_branch(self) -> Branch | None:
        policy = self.desk_tab.policy.currentData()
        if self._desk is None or not self.desk_tab.policy.isEnabled() or policy == self._desk.branch.rules.other_branch_policy:
            return None
        branch = self._desk.branch
        return replace(branch, rules=replace(branch.rules, other_branch_policy=OtherBranchPolicy(policy)))

    def _branch_saved(self, branch: Branch, values: DeskSettings) -> None:
        assert self._desk is not None
        self._desk = replace(self._desk, branch=branch)
        self.branch = branch
        self._finish(values)

    def _branch_failed(self, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        self.notice.show_error(error if isinstance(error, DomainError) else describe(error))

    def _finish(self, values: DeskSettings) -> None:
        settings.save(self._store, values)
        self.current = values
        self.saved.emit(values)
        self.accept()

    def confirm_restore(self, info: backups.BackupInfo) -> bool:
        answer = QMessageBox.warning(
            self, tr("Restore from backup"),
            tr("Replace the database with the backup from {day}, {time}?\n\nEverything entered after that time will "
               "be gone from this desk. The current file is kept aside.").format(day=day(info.taken_at.date()),
                                                                                 time=clock(info.taken_at)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Cancel)
        return answer == QMessageBox.StandardButton.Yes

    def restore_selected(self) -> None:
        row = self.backups_tab.list.currentRow()
        if row < 0 or not self._may_restore():
            return
        info = self._backups[row]
        if self.confirm_restore(info):
            self.restore_requested.emit(info.path)
            self.accept()
