"""The desk's language: the translators, the layout direction, digits, dates, and the marks that keep names in order.

Every visible text goes through `tr()` (one translation context for the whole desk, so one English word has one
Arabic word everywhere). Texts defined at module level are marked with `QT_TR_NOOP` and passed through `tr()` when
shown. Placeholders are named (`{name}`) so a translation can put them in any order; counts use Qt's `%n`.
"""

from __future__ import annotations

import logging
from datetime import date, datetime

from PySide6.QtCore import QCoreApplication, QDate, QDateTime, QLibraryInfo, QLocale, Qt, QTime, QTranslator

from reception.ui.resources import resource_path

log = logging.getLogger(__name__)

LANGUAGES = ("en", "ar")
SYSTEM = "system"
FSI, LRI, PDI = "\u2068", "\u2066", "\u2069"  # first-strong isolate, left-to-right isolate, pop directional isolate
_ARABIC_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")

_state: dict[str, object] = {"language": "en", "arabic_digits": False, "translators": []}


def tr(text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """`text` in the desk's language (`%n` replaced by `n` in the language's plural form)."""
    translated = QCoreApplication.translate("", text, disambiguation, n)
    return digits(translated) if n >= 0 else translated


def language() -> str:
    return str(_state["language"])


def arabic_digits() -> bool:
    return bool(_state["arabic_digits"])


def right_to_left() -> bool:
    return language() == "ar"


def system_language() -> str:
    """The system's language if the desk speaks it, else English."""
    name = QLocale.system().name().split("_")[0]
    return name if name in LANGUAGES else "en"


def chosen_language(setting: str) -> str:
    """The language a setting ("system", "en", "ar") means on this machine."""
    return setting if setting in LANGUAGES else system_language()


def install(app: QCoreApplication, setting: str, *, arabic_digits: bool = False) -> str:
    """Load the desk's and Qt's own translations for the chosen language and set the layout direction."""
    lang = chosen_language(setting)
    for old in _state["translators"]:  # type: ignore[attr-defined]
        app.removeTranslator(old)
    loaded: list[QTranslator] = []
    own = QTranslator(app)  # English holds only the plural forms ("1 visit", "2 visits")
    if own.load(str(resource_path("translations", f"reception_{lang}.qm"))):
        loaded.append(own)
    elif lang != "en":
        log.warning("no translation file for %s; the desk stays in English", lang)
        return install(app, "en")
    if lang != "en":
        qt = QTranslator(app)
        if qt.load(f"qtbase_{lang}", QLibraryInfo.path(QLibraryInfo.TranslationsPath)):  # Qt's own translations
            loaded.append(qt)  # the standard buttons (OK, Cancel, Yes, No) and the text fields' menus
    for translator in loaded:
        app.installTranslator(translator)
    _state.update(language=lang, arabic_digits=arabic_digits and lang == "ar", translators=loaded)
    # Spin boxes, date fields and calendars follow the default locale. Egypt's writes Arabic-Indic digits, so in
    # Arabic it is the default only when those were chosen; otherwise the Emirates' (the same month names, Western
    # digits). Qt reads both digit sets typed into them either way.
    if lang == "ar" and not _state["arabic_digits"]:
        QLocale.setDefault(QLocale(QLocale.Language.Arabic, QLocale.Country.UnitedArabEmirates))
    else:
        QLocale.setDefault(_locale())
    if hasattr(app, "setLayoutDirection"):
        app.setLayoutDirection(Qt.LayoutDirection.RightToLeft if lang == "ar" else Qt.LayoutDirection.LeftToRight)
    return lang


def _locale() -> QLocale:
    if language() == "ar":
        return QLocale(QLocale.Language.Arabic, QLocale.Country.Egypt)
    return QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)


def digits(text: str) -> str:
    """Digits in the set the desk shows (Arabic-Indic when chosen in Settings)."""
    return text.translate(_ARABIC_INDIC) if _state["arabic_digits"] else text


def isolate(text: object) -> str:
    """A name or other free text inside a sentence, kept in its own direction (FSI ... PDI)."""
    return f"{FSI}{text}{PDI}"


def ltr(text: object) -> str:
    """A member code (GYM-…) or other code: always left to right and in ASCII, whatever the sentence around it."""
    return f"{LRI}{text}{PDI}"


def phone(text: object) -> str:
    """A phone number: left to right, in the digits the desk shows."""
    return ltr(digits(str(text)))


def number(value: int | float) -> str:
    return digits(f"{value:,}" if isinstance(value, int) else f"{value:,.2f}")


def receipt_number(receipt: object) -> str:
    """A receipt's number as the language writes it: 1,234 in the gym's one series, N3-000123 in a branch desk's
    series (kept left to right in a right-to-left sentence)."""
    from reception.domain.models import receipt_label

    series, no = getattr(receipt, "receipt_series", ""), int(getattr(receipt, "receipt_no"))
    return ltr(digits(receipt_label(series, no))) if series else number(no)


def money(amount: object, currency: str = "EGP") -> str:
    """An amount with its currency, never reversed in a right-to-left sentence."""
    text = f"{amount:,.2f}" if isinstance(amount, (int, float)) or hasattr(amount, "as_integer_ratio") else str(amount)
    return ltr(digits(f"{text} {currency}"))


def day(value: date, *, year: bool = True) -> str:
    """A date as the language writes it (12 Mar 2026 / ١٢ مارس ٢٠٢٦)."""
    text = _locale().toString(QDate(value.year, value.month, value.day), "d MMM yyyy" if year else "d MMM")
    return digits(_western(text))


def clock(value: datetime, *, seconds: bool = False) -> str:
    text = f"{value:%H:%M:%S}" if seconds else f"{value:%H:%M}"
    return ltr(text)


def day_and_time(value: datetime) -> str:
    return tr("{day} at {time}").format(day=day(value.date()), time=clock(value))


def weekday_clock(value: datetime) -> str:
    """The header clock: weekday, date and time."""
    moment = QDateTime(QDate(value.year, value.month, value.day), QTime(value.hour, value.minute, value.second))
    text = _locale().toString(moment, "ddd d MMM  HH:mm:ss")
    return digits(_western(text))


def _western(text: str) -> str:
    """Qt's Arabic locale writes Arabic-Indic digits; the desk's own setting decides, so start from ASCII."""
    return text.translate(str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789"))
