"""The interface language: our translations, Qt's own, and the locale of dates and numbers.

Strings are English in the code and go through Qt's translation system: ``self.tr()`` in
QObject subclasses (context: the class), and elsewhere a module's ``_tr(text, "", n)``
helper, which translates in the unnamed context "" so that ``pyside6-lupdate
-tr-function-alias tr+=_tr`` collects it (tools/update_translations.py). The French, and
the English plural forms ("1 article", "2 articles"), come from
``resources/i18n/veille_<lang>.qm``, built from the committed ``.ts`` sources by
``pyside6-lrelease`` (``make translations``, reader_app/i18n_build.py); Qt's own
``qtbase_<lang>.qm`` makes its dialogs (file chooser, colour picker, buttons) speak the
same language. A .qm missing or older than its .ts (a fresh checkout) is compiled on
first use into a cache folder (reader_app/i18n_build.py).

Switching language while running (:func:`install_translations` again) applies at once to
what is made afterwards (dialogs, menus of context, messages, dates and numbers) and to
widgets that handle ``QEvent.LanguageChange`` (the find bar); the main window's other
labels follow on restart.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import subprocess
from pathlib import Path

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QDate,
    QLibraryInfo,
    QLocale,
    QTime,
    QTranslator,
)

log = logging.getLogger(__name__)

LANGUAGES = ("fr", "en")
SETTING = "ui/language"  # "system" | "fr" | "en"
LANGUAGE_PROPERTY = "veilleLanguage"  # on the application: the effective code
_TRANSLATOR = "veilleTranslator"  # objectName of the translators we install
_WEEKDAY = re.compile(r"d{4}[,.]?\s*")
_ISO = re.compile(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?(?:[T ](\d{2}):(\d{2}))?")


def translate(text: object, disambiguation: str = "", n: int = -1) -> str:
    """A text in the unnamed context "" (modules import it as ``_tr``, the alias
    pyside6-lupdate collects). ``text`` may come from QT_TRANSLATE_NOOP, which type
    checkers see as an object."""
    return QCoreApplication.translate("", str(text), disambiguation or None, n)


_tr = translate


def translations_dir() -> Path:
    """The package's translations: the ``.ts`` sources in a checkout, the ``.qm`` beside
    them once built (``make translations``, the wheel's build)."""
    from reader_app.package_data import TRANSLATIONS

    return TRANSLATIONS


def _qm_dir(code: str) -> Path:
    """Where an up-to-date ``veille_<code>.qm`` is: beside its source when built, else
    compiled now into a cache folder, so a fresh checkout (or a test) needs no manual
    step and an edited ``.ts`` is never shadowed by a stale ``.qm``."""
    from reader_app import i18n_build

    here = translations_dir()
    ts, qm = here / f"veille_{code}.ts", here / f"veille_{code}.qm"
    if not ts.is_file() or (qm.is_file() and qm.stat().st_mtime >= ts.stat().st_mtime):
        return here
    cache = i18n_build.cache_dir()
    try:
        i18n_build.build(here, cache)
    except (OSError, subprocess.CalledProcessError) as exc:
        log.warning("cannot compile the translations: %s", exc)
        return here
    return cache


def qt_translations_dir() -> str:
    """PySide6's own folder of Qt translations (qtbase_fr.qm...)."""
    return QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)


def available_languages() -> list[tuple[str, str]]:
    """(setting value, what the Preferences show): each language in its own name."""
    return [("system", _tr("Same as the system")), ("fr", "Français"), ("en", "English")]


def system_language() -> str:
    """The first of the system's interface languages that Veille speaks; English else."""
    for name in QLocale.system().uiLanguages():
        code = name.replace("_", "-").split("-")[0].lower()
        if code in LANGUAGES:
            return code
    return "en"


def resolve_language(choice: str | None) -> str:
    """"fr" or "en" for a setting value ("system", "fr", "en", or anything else)."""
    choice = (choice or "system").strip().lower()
    return choice if choice in LANGUAGES else system_language()


def locale_for(code: str) -> QLocale:
    """The system's own locale when it speaks ``code`` (fr_CA keeps its dates), else the
    language's main one (fr_FR, en_US)."""
    system = QLocale.system()
    if QLocale.languageToCode(system.language()) == code:
        return system
    return QLocale(code)


def install_translations(app: QCoreApplication, language: str = "system") -> str:
    """Load our ``.qm`` and Qt's ``qtbase_<lang>.qm`` for ``language`` ("system", "fr" or
    "en") and make its locale the default one; returns the effective code.

    Called again, it removes the translators it installed before: windows and dialogs
    made afterwards speak the new language (Qt sends LanguageChange to existing ones).
    """
    code = resolve_language(language)
    for old in app.findChildren(QTranslator, _TRANSLATOR):
        app.removeTranslator(old)
        old.setParent(None)
    ours = str(_qm_dir(code))
    for name, directory in ((f"veille_{code}", ours), (f"qtbase_{code}", qt_translations_dir())):
        translator = QTranslator(app)
        translator.setObjectName(_TRANSLATOR)
        if translator.load(name, directory):
            app.installTranslator(translator)
        else:
            translator.setParent(None)
            if directory == ours:
                log.warning("no %s.qm in %s: run `make translations`", name, directory)
    QLocale.setDefault(locale_for(code))
    app.setProperty(LANGUAGE_PROPERTY, code)
    return code


def current_language() -> str:
    """The code installed by :func:`install_translations` ("en" before any)."""
    app = QCoreApplication.instance()
    value = app.property(LANGUAGE_PROPERTY) if app is not None else None
    return str(value) if value in LANGUAGES else "en"


# --- dates and numbers ---------------------------------------------------------------
def _day_pattern(locale: QLocale, short: bool) -> str:
    """The locale's long date without its weekday: "d MMMM yyyy", "MMMM d, yyyy"."""
    pattern = _WEEKDAY.sub("", locale.dateFormat(QLocale.FormatType.LongFormat)).strip(" ,")
    return pattern.replace("MMMM", "MMM") if short else pattern


def format_date(iso: str | None, locale: QLocale | None = None, *, short: bool = False,
                with_time: bool = False) -> str:
    """"2025-08-15" -> "15 août 2025" (French) or "August 15, 2025" (en_US); a month
    alone -> "août 2025"; a year alone stays "2025". ``short`` abbreviates the month
    ("2 sept. 2025", for lists); ``with_time`` adds a time other than midnight. Text
    that is not an ISO date comes back as it is."""
    if not iso:
        return ""
    match = _ISO.match(iso.strip())
    if match is None:
        return iso
    loc = locale if locale is not None else QLocale()
    year, month, day, hour, minute = match.groups()
    if month is None:
        return year
    if day is None:
        date = QDate(int(year), int(month), 1)
        pattern = "MMM yyyy" if short else "MMMM yyyy"
        return loc.toString(date, pattern) if date.isValid() else iso
    date = QDate(int(year), int(month), int(day))
    if not date.isValid():
        return iso
    pattern = _day_pattern(loc, short)
    text = loc.toString(date, pattern)
    if date.day() == 1 and loc.language() == QLocale.Language.French and pattern[:2] == "d ":
        text = "1er" + text[1:]  # « le 1er août »
    if with_time and hour is not None and (hour, minute) != ("00", "00"):
        clock = QTime(int(hour), int(minute))
        if clock.isValid():
            time_text = loc.toString(clock, QLocale.FormatType.ShortFormat)
            return _tr("{date} at {time}").format(date=text, time=time_text)
    return text


def format_day(day: dt.date, locale: QLocale | None = None, *, short: bool = False) -> str:
    """A ``datetime.date`` as :func:`format_date` writes it."""
    return format_date(day.isoformat(), locale, short=short)


def format_number(n: int | float, locale: QLocale | None = None) -> str:
    """12 345 in French (narrow no-break spaces), 12,345 in English."""
    loc = locale if locale is not None else QLocale()
    return loc.toString(n) if isinstance(n, int) else loc.toString(float(n), "f", 1)


def format_count(n: int, one: str, many: str, locale: QLocale | None = None) -> str:
    """"1 article", "12 345 articles": for nouns whose plural cannot go through a ``%n``
    translation (the caller translates both forms). Zero takes the singular in French."""
    french = (locale if locale is not None else QLocale()).language() == QLocale.Language.French
    noun = one if n == 1 or (french and n == 0) else many
    return f"{format_number(n, locale)} {noun}"


# --- entity types --------------------------------------------------------------------
# reader_app/style.py keeps the English names as keys for colours; these are what is shown.
_ENTITY_NAMES = {
    "person": QT_TRANSLATE_NOOP("", "Person"),
    "organisation": QT_TRANSLATE_NOOP("", "Organisation"),
    "place": QT_TRANSLATE_NOOP("", "Place"),
}
_ENTITY_GROUPS = {
    "person": QT_TRANSLATE_NOOP("", "People"),
    "organisation": QT_TRANSLATE_NOOP("", "Organisations"),
    "place": QT_TRANSLATE_NOOP("", "Places"),
}


def entity_type_name(kind: str) -> str:
    """"Personne", "Lieu"... for an entity type ("person", "place"...)."""
    if kind == "other":
        return _tr("Other", "entity type")  # "Autre"; the group is "Autres"
    text = _ENTITY_NAMES.get(kind)
    return _tr(text) if text is not None else kind


def entity_group_name(kind: str) -> str:
    """The sidebar's group title for an entity type: "Personnes", "Lieux"..."""
    if kind == "other":
        return _tr("Other", "entity group")
    text = _ENTITY_GROUPS.get(kind)
    return _tr(text) if text is not None else kind
