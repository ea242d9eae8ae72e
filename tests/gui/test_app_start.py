"""Start-up protection: a damaged database file is kept aside and the newest backup restored."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from reception import backups
from reception.bootstrap import open_app, open_storage
from reception.services.demo import build_demo
from reception.ui import app as desk_app
from tests.conftest import owner_desk


def test_damaged_file_is_kept_aside_and_the_newest_backup_restored(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "gym.sqlite3"
    url = f"sqlite:///{db}"
    gym = open_app(url)
    build_demo(gym.uow, gym.clock)
    gym.close()
    assert backups.daily_backup(open_storage(url), keep=3) is not None
    for suffix in ("-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    db.write_bytes(b"SQLite format 3\x00" + os.urandom(4096))
    damaged_bytes = db.read_bytes()
    asked: list[str] = []

    def answer_yes(box: QMessageBox) -> QMessageBox.StandardButton:
        asked.append(box.text())
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "exec", answer_yes)
    assert desk_app._recover_damaged(url) is True
    assert "kept aside" in asked[0] and "Restore the newest backup" in asked[0]
    kept = [p for p in tmp_path.iterdir() if ".damaged-" in p.name]
    assert kept and kept[0].read_bytes() == damaged_bytes
    restored = open_app(url)
    try:
        assert restored.customers.by_member_no(owner_desk(restored), 1).full_name == "Mohamed Salem"
    finally:
        restored.close()


def test_a_healthy_file_starts_without_questions(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    url = f"sqlite:///{tmp_path / 'gym.sqlite3'}"
    open_app(url).close()
    monkeypatch.setattr(QMessageBox, "exec", lambda box: pytest.fail(f"unexpected question: {box.text()}"))
    assert desk_app._recover_damaged(url) is True


def test_restore_from_settings_closes_the_desk_and_replaces_the_file(qtbot, main_window, app, tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    backup = backups.daily_backup(app.storage, keep=3)
    assert backup is not None
    newcomer = app.customers.register(main_window.ctx.desk, full_name="After Backup", phone="01299999999")
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    main_window._restore_requested(backup.path)
    assert main_window.restore_path == str(backup.path)
    assert not main_window.isVisible()

    main_window.ctx.runner.wait(5000)
    app.close()
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda parent, title, text: shown.append(text))
    assert desk_app._restore_from(backup.path, app.url)
    assert "Sign in again" in shown[0]
    reopened = open_app(app.url)
    try:
        assert reopened.customers.search(owner_desk(reopened), "After Backup") == []  # recorded after the backup: gone
        assert reopened.customers.by_member_no(owner_desk(reopened), 1).full_name == "Mohamed Salem"
    finally:
        reopened.close()
    assert newcomer.member_no == 151
