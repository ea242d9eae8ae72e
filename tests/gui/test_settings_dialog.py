"""The settings dialog: saves to the store, tests a connection in the background, branch policy, restore."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

import pytest

from reception import backups, paths, settings
from reception.bootstrap import App, open_app
from reception.domain.models import OtherBranchPolicy
from reception.settings import DeskSettings, MemoryStore, Source
from reception.ui.dialogs.settings_dialog import SettingsDialog
from reception.ui.tasks import Runner

BAD_SERVER = "postgresql+psycopg://nobody@127.0.0.1:1/x"


@pytest.fixture
def runner(qtbot) -> Iterator[Runner]:  # type: ignore[no-untyped-def]
    runner = Runner()
    yield runner
    runner.wait(10_000)


@pytest.fixture
def make_dialog(qtbot, runner: Runner, app: App, desk_for) -> Callable[..., SettingsDialog]:  # type: ignore[no-untyped-def]
    def make(store: MemoryStore | None = None, username: str = "manager", **kwargs: object) -> SettingsDialog:
        dialog = SettingsDialog(store or MemoryStore(), runner, desk=desk_for(username), catalogue=app.catalogue,
                                database_url=app.url, find_cameras=lambda: [0], find_decoders=lambda: ["zxing", "opencv"],
                                **kwargs)  # type: ignore[arg-type]
        qtbot.addWidget(dialog)
        qtbot.waitUntil(lambda: "Cameras found" in dialog.scanning.cameras_found.text())
        return dialog

    return make


def test_saving_writes_every_field_to_the_store(qtbot, make_dialog, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    store = MemoryStore()
    dialog = make_dialog(store)
    dialog.database.path.setText(str(tmp_path / "branch.sqlite3"))
    dialog.scanning.camera.setCurrentText("none")
    dialog.scanning.decoder.setCurrentIndex(dialog.scanning.decoder.findData("opencv"))
    dialog.scanning.prefix.setText("]Q1")
    dialog.desk_tab.sounds.setChecked(False)
    dialog.desk_tab.theme.setCurrentIndex(dialog.desk_tab.theme.findData("dark"))
    dialog.desk_tab.keep.setValue(30)

    with qtbot.waitSignal(dialog.saved) as saved:
        dialog.save()

    expected = DeskSettings(database_url=f"sqlite:///{tmp_path / 'branch.sqlite3'}", camera="none", decoder="opencv",
                            scanner_prefix="]Q1", scanner_suffix="", sounds=False, theme="dark", backups_to_keep=30)
    assert saved.args == [expected]
    assert settings.resolve(None, store, {}).settings == expected
    assert store.values["sounds"] == "off"


def test_the_form_opens_with_the_saved_values_and_says_when_env_overrides(qtbot, make_dialog) -> None:  # type: ignore[no-untyped-def]
    store = MemoryStore({"database_url": BAD_SERVER, "camera": "file:/tmp/frames", "theme": "dark"})
    resolved = settings.resolve(None, store, {"RECEPTION_DB": "sqlite:////elsewhere.sqlite3"})
    assert resolved.sources["database_url"] is Source.ENV
    dialog = make_dialog(store, resolved=resolved)
    assert dialog.database.server.isChecked() and dialog.database.url.text() == BAD_SERVER
    assert dialog.scanning.camera.currentText() == "file:/tmp/frames"
    assert dialog.desk_tab.theme.currentData() == "dark"
    assert "RECEPTION_DB" in dialog.database.override.text()


def test_a_nonsense_camera_is_refused_in_words(qtbot, make_dialog) -> None:  # type: ignore[no-untyped-def]
    store = MemoryStore()
    dialog = make_dialog(store)
    dialog.scanning.camera.setCurrentText("the usb one")
    dialog.save()
    assert dialog.notice.kind == "error" and "Camera must be a number" in dialog.notice.message
    assert store.values == {}


def test_test_connection_succeeds_for_a_good_local_file(qtbot, make_dialog, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    good = tmp_path / "good.sqlite3"
    open_app(f"sqlite:///{good}").close()
    dialog = make_dialog()
    dialog.database.local.setChecked(True)
    dialog.database.path.setText(str(good))
    with qtbot.waitSignal(dialog.connection_tested, timeout=20_000) as tested:
        dialog.database.test.click()
    assert tested.args[0] is True
    assert "connected, schema up to date" in dialog.database.result.text()


def test_test_connection_explains_an_unreachable_server(qtbot, make_dialog) -> None:  # type: ignore[no-untyped-def]
    dialog = make_dialog()
    dialog.database.server.setChecked(True)
    dialog.database.url.setText(BAD_SERVER)
    with qtbot.waitSignal(dialog.connection_tested, timeout=20_000) as tested:
        dialog.database.test.click()
    assert tested.args[0] is False
    assert "Cannot reach the database server" in dialog.database.result.text()
    assert dialog.database.test.isEnabled()


def test_a_manager_sets_the_other_branch_policy(qtbot, make_dialog, app: App) -> None:  # type: ignore[no-untyped-def]
    dialog = make_dialog(username="manager")
    assert dialog.desk_tab.policy.isEnabled()
    dialog.desk_tab.policy.setCurrentIndex(dialog.desk_tab.policy.findData(OtherBranchPolicy.DENY))
    with qtbot.waitSignal(dialog.saved, timeout=10_000):
        dialog.save()
    assert dialog.branch is not None
    assert app.catalogue.branch(dialog.branch.id).rules.other_branch_policy is OtherBranchPolicy.DENY


def test_a_receptionist_cannot_change_the_policy_or_restore(qtbot, make_dialog, app: App) -> None:  # type: ignore[no-untyped-def]
    backups.daily_backup(app.storage)
    dialog = make_dialog(username="desk1")
    assert not dialog.desk_tab.policy.isEnabled()
    assert "A manager can change this" in dialog.desk_tab.policy_hint.text()
    dialog.backups_tab.list.setCurrentRow(0)
    assert not dialog.backups_tab.restore.isEnabled()


def test_restore_lists_backups_with_dates_and_asks_the_window_to_restore(qtbot, make_dialog, app: App, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    backups.daily_backup(app.storage, now=datetime(2026, 11, 19, 22, 0))
    newest = backups.daily_backup(app.storage, now=datetime(2026, 11, 20, 22, 0))
    assert newest is not None
    dialog = make_dialog()
    assert dialog.backups_tab.list.count() == 2
    assert dialog.backups_tab.list.item(0).text().startswith("2026-11-20 22:00 · daily")
    monkeypatch.setattr(dialog, "confirm_restore", lambda info: True)
    dialog.backups_tab.list.setCurrentRow(0)
    with qtbot.waitSignal(dialog.restore_requested) as requested:
        dialog.backups_tab.restore.click()
    assert requested.args == [newest.path]
    assert newest.path.parent == paths.backup_dir()
