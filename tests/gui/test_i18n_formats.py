"""Dates, numbers and plurals follow the interface language; the language switches while
running; the translations are built from the .ts sources."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from reader_app import i18n, i18n_build
from reader_app.views.import_dialog import summary_text

FR = QLocale(QLocale.Language.French, QLocale.Country.France)
US = QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)


def tr(text: str, n: int = -1) -> str:
    return QCoreApplication.translate("", text, None, n)


@pytest.fixture
def restore_language(qapp: QApplication) -> Iterator[QApplication]:
    before = QLocale()
    yield qapp
    i18n.install_translations(qapp, "en")
    QLocale.setDefault(before)


def test_dates_read_as_people_write_them() -> None:
    assert i18n.format_date("2025-08-15", FR) == "15 août 2025"
    assert i18n.format_date("2025-08-01", FR) == "1er août 2025"
    assert i18n.format_date("2025-08-15", US) == "August 15, 2025"
    assert i18n.format_date("2025-09-02T08:05:00+02:00", FR, short=True) == "2 sept. 2025"
    assert i18n.format_date("2025-08", FR) == "août 2025"
    assert i18n.format_date("2025", FR) == "2025"
    assert i18n.format_date(None, FR) == ""
    assert i18n.format_date("sometime", FR) == "sometime"
    assert i18n.format_date("2025-02-30", FR) == "2025-02-30"  # not a day: shown as written
    assert i18n.format_day(dt.date(2025, 12, 25), US) == "December 25, 2025"


def test_numbers_use_the_language_grouping() -> None:
    assert i18n.format_number(12345, FR) == "12\u202f345"
    assert i18n.format_number(12345, US) == "12,345"
    assert i18n.format_count(0, "article", "articles", FR) == "0 article"
    assert i18n.format_count(0, "article", "articles", US) == "0 articles"
    assert i18n.format_count(12345, "article", "articles", FR) == "12\u202f345 articles"


def test_plurals_in_english_and_french(restore_language: QApplication) -> None:
    assert i18n.install_translations(restore_language, "en") == "en"
    assert tr("%Ln article(s)", 1) == "1 article"
    assert tr("%Ln article(s)", 2) == "2 articles"
    assert tr("%n entity(ies)", 3) == "3 entities"
    assert i18n.install_translations(restore_language, "fr") == "fr"
    assert tr("%Ln article(s)", 1) == "1 article"
    assert tr("%Ln article(s)", 0) == "0 article"  # zero takes the singular in French
    assert tr("%Ln article(s)", 12345) == "12\u202f345 articles"
    assert tr("%n entity(ies)", 3) == "3 entités"


def test_switching_language_replaces_the_translators(restore_language: QApplication) -> None:
    app = restore_language
    i18n.install_translations(app, "fr")
    i18n.install_translations(app, "en")
    i18n.install_translations(app, "fr")
    ours = app.findChildren(QTranslator, "veilleTranslator")
    assert len(ours) == 2  # Veille's and Qt's own, never piled up
    assert i18n.current_language() == "fr"
    assert tr("Relevance") == "Pertinence"
    i18n.install_translations(app, "en")
    assert tr("Relevance") == "Relevance"
    assert i18n.current_language() == "en"
    assert QLocale().language() == QLocale.Language.English


def test_language_choices_and_system_default() -> None:
    codes = [code for code, _name in i18n.available_languages()]
    assert codes == ["system", "fr", "en"]
    assert dict(i18n.available_languages())["fr"] == "Français"
    assert i18n.resolve_language("fr") == "fr"
    assert i18n.resolve_language("de") in ("fr", "en")  # not offered: the system's choice
    assert i18n.resolve_language(None) == i18n.system_language()


def test_import_summary_counts_follow_the_language(restore_language: QApplication) -> None:
    from index.models import FileReport, ImportReport

    report = ImportReport(files=[
        FileReport(path=f"/tmp/{i}.txt", status="imported", article_ids=[i]) for i in range(2)
    ] + [FileReport(path="/tmp/x.bin", status="failed", reason="empty file")])
    i18n.install_translations(restore_language, "en")
    assert summary_text(report) == "Import: 2 imported, 1 failed"
    i18n.install_translations(restore_language, "fr")
    assert summary_text(report) == "Importation\u00a0: 2 importés, 1 en échec"


def test_translations_are_built_from_the_sources(tmp_path: Path) -> None:
    sources = i18n_build.sources_dir()
    built = i18n_build.build(sources, tmp_path)
    assert sorted(p.name for p in built) == ["veille_en.qm", "veille_fr.qm"]
    translator = QTranslator()
    assert translator.load(str(tmp_path / "veille_fr.qm"))
    assert translator.translate("MainMenus", "&File") == "&Fichier"
    # build(out_dir) alone compiles the package's sources into that folder (the wheel)
    other = tmp_path / "wheel"
    other.mkdir()
    assert {p.name for p in i18n_build.build(other)} == {"veille_en.qm", "veille_fr.qm"}
