"""Choosing the desk's language: where it comes from, Restart now, Arabic-Indic digits, names and codes kept in order."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from reception import settings
from reception.settings import MemoryStore, Source
from reception.ui import i18n
from tests.gui.fixtures_pages import OFFSCREEN_NOISE, member, plain

pytestmark = OFFSCREEN_NOISE

FSI, LRI, PDI = "\u2068", "\u2066", "\u2069"


def test_language_comes_from_the_flag_then_the_environment_then_settings_then_the_system() -> None:
    saved = MemoryStore({"language": "en", "arabic_digits": "on"})
    assert settings.resolve({"lang": "ar"}, saved, {"RECEPTION_LANG": "en"}).settings.language == "ar"
    from_env = settings.resolve({}, saved, {"RECEPTION_LANG": "ar"})
    assert from_env.settings.language == "ar" and from_env.sources["language"] is Source.ENV
    from_store = settings.resolve({}, saved, {})
    assert from_store.settings.language == "en" and from_store.settings.arabic_digits is True
    assert settings.resolve({}, None, {}).settings.language == "system"
    assert settings.resolve({}, MemoryStore({"language": "fr"}), {}).settings.language == "system"  # not spoken


def test_the_system_language_is_used_when_the_desk_speaks_it(qapp, monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtCore import QLocale

    monkeypatch.setattr(QLocale, "system", staticmethod(lambda: QLocale("ar_EG")))
    assert i18n.chosen_language("system") == "ar"
    monkeypatch.setattr(QLocale, "system", staticmethod(lambda: QLocale("fr_FR")))
    assert i18n.chosen_language("system") == "en"
    assert i18n.chosen_language("ar") == "ar"


def test_settings_save_the_language_and_the_digits(qtbot, ui_context, app, desk_for) -> None:
    from reception.ui.dialogs.settings_dialog import SettingsDialog

    store = MemoryStore()
    dialog = SettingsDialog(store, ui_context.runner, desk=desk_for("manager"), catalogue=app.catalogue,
                            database_url=app.url, find_cameras=lambda: [0], find_decoders=lambda: ["zxing"])
    qtbot.addWidget(dialog)
    languages = dialog.desk_tab.language
    assert [languages.itemData(i) for i in range(languages.count())] == ["system", "en", "ar"]
    assert languages.itemText(2) == "العربية"  # each language named in its own words
    languages.setCurrentIndex(languages.findData("ar"))
    dialog.desk_tab.arabic_digits.setChecked(True)
    with qtbot.waitSignal(dialog.saved, timeout=5000) as saved:
        dialog.save()
    assert (saved.args[0].language, saved.args[0].arabic_digits) == ("ar", True)
    assert (store.get("language"), store.get("arabic_digits")) == ("ar", "on")


def _answer(clicks: list[Callable[[QMessageBox], None]]) -> None:
    """Answer the message boxes the desk opens next, one click each, in order."""

    def next_box() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, next_box)
            return
        clicks.pop(0)(box)
        if clicks:
            QTimer.singleShot(20, next_box)

    QTimer.singleShot(20, next_box)


def _button(text: str) -> Callable[[QMessageBox], None]:
    return lambda box: next(b for b in box.buttons() if b.text().replace("&", "") == text).click()


def test_restart_now_asks_first_when_a_form_is_open_and_keeps_it_on_cancel(main_window, qtbot, register_dialog) -> None:
    form = register_dialog()
    form.setParent(main_window, form.windowFlags())
    form.show()
    form.form.full_name.setText("Sara Mahmoud")
    _answer([_button("Restart now"), _button("Cancel")])
    assert main_window.offer_restart("ar", False) is False
    assert main_window.restart_language is None and main_window.isVisible() and form.isVisible()

    _answer([_button("Restart now"), _button("Yes")])
    assert main_window.offer_restart("ar", True) is True
    assert main_window.restart_language == ("ar", True) and not main_window.isVisible()


def test_later_keeps_the_window_and_nothing_is_asked_without_open_forms(main_window) -> None:
    _answer([_button("Later")])
    assert main_window.offer_restart("ar", False) is False and main_window.isVisible()
    _answer([_button("Restart now")])
    assert main_window.offer_restart("ar", False) is True and main_window.restart_language == ("ar", False)


def test_saving_a_new_language_in_settings_offers_the_restart(main_window, qtbot, monkeypatch) -> None:
    offered: list[tuple[str, bool]] = []
    monkeypatch.setattr(main_window, "offer_restart", lambda lang, digits: offered.append((lang, digits)) or False)
    values = settings.DeskSettings(language="ar")
    main_window._settings_saved(main_window, values)
    qtbot.waitUntil(lambda: offered == [("ar", False)], timeout=2000)
    offered.clear()
    main_window._settings_saved(main_window, settings.DeskSettings(language="en"))  # English is in force already
    qtbot.wait(50)
    assert offered == []


def test_arabic_indic_digits_on_the_card_and_either_digit_set_typed(qapp, main_window_ar_digits, app, qtbot) -> None:
    window = main_window_ar_digits
    page = window.scan_page
    pack = member(app, 4)  # a pack member
    page.submit(pack.qr_code)
    qtbot.waitUntil(lambda: page.current is not None and page.current.customer is not None, timeout=5000)
    remaining = page.card.remaining_value.text()
    assert remaining and all(ch in "٠١٢٣٤٥٦٧٨٩" for ch in remaining)
    assert "٠١٢٣٤٥٦٧٨٩"[pack.member_no] in page.card.meta.text()
    customers = window.pages["customers"]
    window.show_page("customers")
    customers.search.setText("٠١٠")  # the start of an Egyptian mobile number, typed in Arabic-Indic digits
    qtbot.waitUntil(lambda: customers.table.model().rowCount() > 0, timeout=5000)
    customers.search.setText("010")
    qtbot.waitUntil(lambda: customers.table.model().rowCount() > 0, timeout=5000)


@pytest.fixture
def main_window_ar_digits(qapp, ui_context, qtbot):  # type: ignore[no-untyped-def]
    from reception.ui.main_window import MainWindow

    i18n.install(qapp, "ar", arabic_digits=True)
    window = MainWindow(ui_context)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.close()


def test_an_arabic_name_in_an_english_sentence_is_isolated_and_codes_read_left_to_right(qtbot, app) -> None:
    from dataclasses import replace

    from reception.ui.dialogs.register_result import RegisterResult

    sara = replace(member(app, 1), full_name="سارة محمود", member_no=152)
    result = RegisterResult()
    qtbot.addWidget(result)
    result.show_customer(sara)
    title = result.title.text()
    assert f"{FSI}سارة محمود{PDI} is registered as member no. 152." in title
    assert plain(title) == "✔ سارة محمود is registered as member no. 152."
    assert result.qr_code.text() == f"{LRI}{sara.qr_code}{PDI}"


def test_phone_numbers_and_amounts_are_kept_left_to_right(qapp) -> None:
    i18n.install(qapp, "ar", arabic_digits=True)
    assert i18n.phone("+20 101 234 5678") == f"{LRI}+٢٠ ١٠١ ٢٣٤ ٥٦٧٨{PDI}"
    assert i18n.money(1250, "EGP") == f"{LRI}١,٢٥٠.٠٠ EGP{PDI}"
    i18n.install(qapp, "en")
    assert i18n.money(1250, "EGP") == f"{LRI}1,250.00 EGP{PDI}"
    assert i18n.ltr("GYM-1-0A1B2C3D") == f"{LRI}GYM-1-0A1B2C3D{PDI}"


def test_the_cores_refusals_are_worded_in_the_desks_language(qapp) -> None:
    from reception.domain.errors import NoSessionsLeft, NotAllowed, TooManyAttempts, ValidationError
    from reception.ui.messages import describe

    out_of_sessions = NoSessionsLeft("No sessions left on 12 sessions pack.")
    assert describe(out_of_sessions) == "No sessions left on \u206812 sessions pack\u2069."
    i18n.install(qapp, "ar")
    assert describe(out_of_sessions) == "لا توجد حصص متبقية في \u206812 sessions pack\u2069."
    assert describe(NotAllowed("A freeze cannot start in the past.")) == "لا يمكن أن يبدأ التجميد في الماضي."
    assert describe(TooManyAttempts(30)) == "محاولات كثيرة جدًا؛ حاول مرة أخرى بعد 30 ثانية."
    assert describe(ValidationError({"height_cm": "Height (cm) must be between 50 and 250."})) == (
        "يجب أن يكون الطول (سم) بين 50 و250.")
    assert describe(NotAllowed("Something the desk has no words for.")) == "Something the desk has no words for."


def test_arrows_point_the_other_way_right_to_left_and_other_icons_stay(qapp) -> None:
    from reception.ui.resources import pixmap

    def alpha(name: str) -> list[list[int]]:
        image = pixmap(name, "#000000", 24).toImage()
        return [[image.pixelColor(x, y).alpha() for x in range(24)] for y in range(24)]

    def mirrored(rows: list[list[int]]) -> list[list[int]]:
        return [row[::-1] for row in rows]

    def distance(a: list[list[int]], b: list[list[int]]) -> int:
        return sum(abs(p - q) for ra, rb in zip(a, b) for p, q in zip(ra, rb))

    i18n.install(qapp, "en")
    check_in, lock = alpha("check-in"), alpha("lock")
    i18n.install(qapp, "ar")
    assert distance(alpha("check-in"), mirrored(check_in)) < distance(alpha("check-in"), check_in) / 100
    assert alpha("lock") == lock  # a padlock has no direction
