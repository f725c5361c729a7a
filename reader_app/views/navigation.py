"""The navigation sidebar: Library, Watches, Tags and Dossiers, each entry a search.

The model is filled from a ``NavSnapshot`` read on a worker (counts, watches, tags,
dossiers). An update keeps the rows whose keys did not change and only replaces a
section whose entries changed, so the selection and the open sections survive the
refresh that follows every import or tagging. Entries are keyed by (kind, name).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QByteArray,
    QEvent,
    QLocale,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QIcon, QKeyEvent, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from index.models import DossierInfo, SearchFilters, TagInfo, Watch
from index.store import fold_text
from reader_app.i18n import translate as _tr
from reader_app.views.watch_dialogs import filters_summary

AnyIndex = QModelIndex | QPersistentModelIndex
Key = tuple[str, str]

EntryRole = Qt.ItemDataRole.UserRole + 20  # the NavEntry of an entry row, else None
KeyRole = Qt.ItemDataRole.UserRole + 21  # (kind, name)
TAG_MIME = "application/x-veille-tag"
ARTICLES_MIME = "application/x-veille-article-ids"

LIBRARY, WATCHES, TAGS, DOSSIERS = range(4)
LIBRARY_KINDS = ("all", "unread", "starred", "note")
LIBRARY_QUERIES = {"all": "", "unread": "is:unread", "starred": "is:starred",
                   "note": "has:note"}


def quoted(name: str) -> str:
    """A tag or dossier name as the query syntax takes it (quotes cannot be searched)."""
    return '"' + " ".join(name.replace('"', " ").split()) + '"'


def tag_query(name: str) -> str:
    return "tag:" + quoted(name)


def dossier_query(name: str) -> str:
    return "dossier:" + quoted(name)


def articles_mime(ids: Sequence[int]) -> QMimeData:
    mime = QMimeData()
    mime.setData(ARTICLES_MIME, QByteArray(",".join(str(int(i)) for i in ids).encode()))
    return mime


def mime_articles(mime: QMimeData) -> list[int]:
    raw = bytes(mime.data(ARTICLES_MIME).data()).decode("ascii", "replace")
    return [int(p) for p in raw.split(",") if p.strip().isdigit()]


@dataclass(frozen=True, slots=True)
class NavEntry:
    """One sidebar row: what it shows, and the search it runs."""

    kind: str  # all, unread, starred, note, watch, tag, dossier; "hint" for a placeholder
    name: str
    label: str
    count: int | None = None
    new: int = 0
    color: str | None = None
    query: str = ""
    filters: SearchFilters | None = None
    tooltip: str = ""

    @property
    def key(self) -> Key:
        return (self.kind, self.name)


@dataclass(frozen=True, slots=True)
class NavSnapshot:
    counts: dict[str, int | None] = field(default_factory=dict)  # LIBRARY_KINDS -> count
    watches: tuple[Watch, ...] = ()
    tags: tuple[TagInfo, ...] = ()
    dossiers: tuple[DossierInfo, ...] = ()


def section_titles() -> tuple[str, ...]:
    return (_tr("Library"), _tr("Watches"), _tr("Tags"), _tr("Dossiers"))


def build_sections(snap: NavSnapshot) -> list[list[NavEntry]]:
    labels = {"all": _tr("All articles"), "unread": _tr("Unread"), "starred": _tr("Starred"),
              "note": _tr("With a note")}
    library = [NavEntry(k, "", labels[k], snap.counts.get(k), query=LIBRARY_QUERIES[k],
                        tooltip=_tr("Search: {0}").format(LIBRARY_QUERIES[k] or "*"))
               for k in LIBRARY_KINDS]
    watches = [NavEntry("watch", w.name, w.name, w.new, w.new, query=w.query,
                        filters=w.filters, tooltip=_watch_tip(w)) for w in snap.watches]
    tags = [NavEntry("tag", t.name, t.name, t.count, color=t.color, query=tag_query(t.name),
                     tooltip=_tr("%n article(s) tagged “{0}”. Drag onto another tag to "
                                 "merge them.", "", t.count).format(t.name))
            for t in sorted(snap.tags, key=lambda t: fold_text(t.name))]
    dossiers = [NavEntry("dossier", d.name, d.name, d.count, query=dossier_query(d.name),
                         tooltip=_tr("%n article(s), in the dossier's own order. Drop "
                                     "articles here to add them.", "", d.count))
                for d in snap.dossiers]
    hints = (_tr("Save a search as a watch (Ctrl+Shift+S)"), _tr("No tags yet"),
             _tr("Right-click to create a dossier"))
    out = [library]
    for section, items, hint in zip((WATCHES, TAGS, DOSSIERS), (watches, tags, dossiers),
                                    hints, strict=True):
        out.append(items or [NavEntry("hint", str(section), hint)])
    return out


def _watch_tip(w: Watch) -> str:
    lines = [_tr("Search: {0}").format(w.query or "*")]
    if w.filters is not None:
        lines.append(_tr("Filters: {0}").format(filters_summary(w.filters)))
    lines.append(_tr("%n new article(s) since last marked as seen", "", w.new))
    return "\n".join(lines)


class NavigationModel(QAbstractItemModel):
    """Two levels: the four sections (internal id 0), then entries (section + 1);
    columns: name, count."""

    tagDropped = Signal(str, str)  # source tag, target tag: merge
    articlesDropped = Signal(str, str, object)  # "tag"/"dossier", name, article ids

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._titles = section_titles()
        self._sections: list[list[NavEntry]] = build_sections(NavSnapshot())
        self._icons: dict[str, QIcon] = {}

    # --- filling and lookup ---------------------------------------------------------
    def set_snapshot(self, snap: NavSnapshot) -> None:
        for section, new in enumerate(build_sections(snap)):
            self._replace(section, new)

    def _replace(self, section: int, new: list[NavEntry]) -> None:
        old = self._sections[section]
        parent = self.index(section, 0)
        if [e.key for e in old] != [e.key for e in new]:
            if old:
                self.beginRemoveRows(parent, 0, len(old) - 1)
                self._sections[section] = []
                self.endRemoveRows()
            if new:
                self.beginInsertRows(parent, 0, len(new) - 1)
                self._sections[section] = new
                self.endInsertRows()
        elif old != new:
            self._sections[section] = new
            self.dataChanged.emit(self.index(0, 0, parent), self.index(len(new) - 1, 1, parent))
        if section == WATCHES:
            self.dataChanged.emit(self.index(section, 0), self.index(section, 1))

    def entries(self, section: int) -> list[NavEntry]:
        return [e for e in self._sections[section] if e.kind != "hint"]

    def entry(self, index: AnyIndex) -> NavEntry | None:
        if not index.isValid() or index.internalId() == 0:
            return None
        items = self._sections[index.internalId() - 1]
        entry = items[index.row()] if index.row() < len(items) else None
        return None if entry is None or entry.kind == "hint" else entry

    def find(self, key: Key) -> NavEntry | None:
        index = self.index_of(key)
        return self.entry(index) if index.isValid() else None

    def index_of(self, key: Key, column: int = 0) -> QModelIndex:
        kind, name = key
        section = (LIBRARY if kind in LIBRARY_KINDS else WATCHES if kind == "watch"
                   else TAGS if kind == "tag" else DOSSIERS if kind == "dossier" else -1)
        if section < 0:
            return QModelIndex()
        folded = fold_text(name)
        for row, e in enumerate(self._sections[section]):
            if e.kind == kind and fold_text(e.name) == folded:
                return self.index(row, column, self.index(section, 0))
        return QModelIndex()

    def match_search(self, query: str, filters: SearchFilters | None,
                     prefer: Key | None = None) -> NavEntry | None:
        """The entry whose search this is (the preferred one when several are)."""
        query = query.strip()
        found = [e for section in self._sections for e in section
                 if e.kind != "hint" and e.query.strip() == query and e.filters == filters]
        for e in found:
            if prefer is not None and e.key == prefer:
                return e
        return found[0] if found else None

    def names(self, section: int) -> list[str]:
        return [e.name for e in self.entries(section)]

    # --- Qt model API ---------------------------------------------------------------
    def index(self, row: int, column: int, parent: AnyIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        if row < 0 or not 0 <= column < 2:
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, 0) if row < len(self._sections) else QModelIndex()
        if parent.internalId() != 0 or parent.column() != 0:
            return QModelIndex()
        if row >= len(self._sections[parent.row()]):
            return QModelIndex()
        return self.createIndex(row, column, parent.row() + 1)

    def parent(self, index: AnyIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, 0)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._sections)
        if parent.internalId() == 0 and parent.column() == 0:
            return len(self._sections[parent.row()])
        return 0

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 2

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if index.internalId() == 0:
            return self._section_data(index, role)
        items = self._sections[index.internalId() - 1]
        if index.row() >= len(items):
            return None
        entry = items[index.row()]
        if role == EntryRole:
            return None if entry.kind == "hint" else entry
        if role == KeyRole:
            return entry.key
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return entry.label
            return "" if entry.count is None else QLocale().toString(entry.count)
        if role == Qt.ItemDataRole.ToolTipRole:
            return entry.tooltip or None
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return entry.label if entry.count is None else f"{entry.label}, {entry.count}"
        if role == Qt.ItemDataRole.FontRole:
            return self._font(entry)
        if role == Qt.ItemDataRole.TextAlignmentRole and col == 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ForegroundRole and col == 1 and not entry.new:
            return QApplication.palette().color(QPalette.ColorRole.PlaceholderText)
        if role == Qt.ItemDataRole.DecorationRole and col == 0 and entry.kind == "tag":
            return self._swatch(entry.color)
        return None

    def _font(self, entry: NavEntry) -> QFont | None:
        if entry.kind == "watch" and entry.new > 0:
            font = QFont()
            font.setBold(True)
            return font
        if entry.kind == "hint":
            font = QFont()
            font.setItalic(True)
            return font
        return None

    def _section_data(self, index: AnyIndex, role: int) -> Any:
        section = index.row()
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == 0:
                return self._titles[section]
            new = sum(e.new for e in self._sections[section]) if section == WATCHES else 0
            return str(new) if new else ""
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() == 1:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and section == WATCHES and index.column() == 1:
            return _tr("New articles in all watches")
        return None

    def _swatch(self, color: str | None) -> QIcon:
        """A round swatch of the tag's colour; an empty ring when it has none."""
        icon = self._icons.get(color or "")
        if icon is None:
            pixmap = QPixmap(QSize(12, 12))
            pixmap.fill(Qt.GlobalColor.transparent)
            painter = QPainter(pixmap)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            ring = QApplication.palette().color(QPalette.ColorRole.Mid)
            if color and QColor(color).isValid():
                painter.setBrush(QColor(color))
                painter.setPen(QColor(color).darker(130))
            else:
                painter.setBrush(Qt.BrushStyle.NoBrush)
                painter.setPen(ring)
            painter.drawEllipse(QRectF(1.5, 1.5, 9, 9))
            painter.end()
            icon = QIcon(pixmap)
            self._icons[color or ""] = icon
        return icon

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        f = Qt.ItemFlag
        if not index.isValid():
            return f.NoItemFlags
        if index.internalId() == 0:
            return f.ItemIsEnabled
        entry = self.entry(index)
        if entry is None:
            return f.ItemNeverHasChildren  # a hint: shown greyed, not selectable
        flags = f.ItemIsEnabled | f.ItemIsSelectable | f.ItemNeverHasChildren
        if entry.kind == "tag":
            flags |= f.ItemIsDragEnabled | f.ItemIsDropEnabled
        elif entry.kind == "dossier":
            flags |= f.ItemIsDropEnabled
        return flags

    # --- drag and drop: a tag onto a tag merges; articles onto a tag or dossier ---------
    def mimeTypes(self) -> list[str]:
        return [TAG_MIME, ARTICLES_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData | None:
        for index in indexes:
            entry = self.entry(index)
            if entry is not None and entry.kind == "tag":
                mime = QMimeData()
                mime.setData(TAG_MIME, QByteArray(entry.name.encode("utf-8")))
                return mime
        return None

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction | Qt.DropAction.MoveAction

    def canDropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,
                        parent: AnyIndex) -> bool:
        entry = self.entry(parent)
        if entry is None or row != -1:
            return False
        if data.hasFormat(TAG_MIME):
            source = bytes(data.data(TAG_MIME).data()).decode("utf-8", "replace")
            return entry.kind == "tag" and fold_text(source) != fold_text(entry.name)
        return data.hasFormat(ARTICLES_MIME) and entry.kind in ("tag", "dossier")

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,
                     parent: AnyIndex) -> bool:
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        entry = self.entry(parent)
        assert entry is not None
        if data.hasFormat(TAG_MIME):
            self.tagDropped.emit(bytes(data.data(TAG_MIME).data()).decode("utf-8"), entry.name)
        else:
            self.articlesDropped.emit(entry.kind, entry.name, mime_articles(data))
        return True


class _RowDelegate(QStyledItemDelegate):
    """Rows a little taller than the style's minimum: easier to hit and to drop on."""

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width(), size.height() + 6)


class NavigationTree(QTreeView):
    """The sidebar's tree: sections open, names stretch, counts on the right.

    F2 and Delete act on the current entry while the tree has the focus: the tree
    claims them before the window's shortcuts (which edit and delete articles)."""

    renameRequested = Signal()
    deleteRequested = Signal()
    OWN_KEYS = (Qt.Key.Key_F2, Qt.Key.Key_Delete)

    def __init__(self, model: NavigationModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("navigationTree")
        self.setModel(model)
        self.setItemDelegate(_RowDelegate(self))
        self.setHeaderHidden(True)
        self.setUniformRowHeights(True)
        self.setIndentation(10)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDragDropOverwriteMode(True)  # drops land on an entry, never between
        self.setDefaultDropAction(Qt.DropAction.CopyAction)
        self.setAccessibleName(_tr("Library, watches, tags and dossiers"))
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.expandAll()

    def event(self, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.ShortcutOverride
                and isinstance(event, QKeyEvent) and event.key() in self.OWN_KEYS
                and event.modifiers() == Qt.KeyboardModifier.NoModifier):
            event.accept()  # a key press for this tree, not the window's shortcut
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in self.OWN_KEYS and event.modifiers() == Qt.KeyboardModifier.NoModifier:
            (self.renameRequested if event.key() == Qt.Key.Key_F2
             else self.deleteRequested).emit()
            return
        super().keyPressEvent(event)


class NavigationSidebar(QWidget):
    """The tree and two buttons under it: save the search as a watch, new dossier."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("navigationSidebar")
        self.setMinimumWidth(150)
        self.model = NavigationModel(self)
        self.tree = NavigationTree(self.model, self)
        self.save_watch = QToolButton(self)
        self.new_dossier = QToolButton(self)
        for button, text, tip in (
            (self.save_watch, _tr("+ Watch"), _tr("Save the current search as a watch")),
            (self.new_dossier, _tr("+ Dossier"), _tr("Create a dossier")),
        ):
            button.setText(text)
            button.setToolTip(tip)
            button.setAccessibleName(tip)
            button.setAutoRaise(True)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(4, 2, 4, 2)
        buttons.addWidget(self.save_watch)
        buttons.addWidget(self.new_dossier)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.tree, 1)
        layout.addLayout(buttons)
        self.model.rowsInserted.connect(self._expand_new_section)

    def _expand_new_section(self, parent: QModelIndex, _first: int, _last: int) -> None:
        if parent.isValid() and parent.internalId() == 0 and parent.row() not in self.collapsed:
            self.tree.expand(parent)

    @property
    def collapsed(self) -> set[int]:
        return {s for s in range(4) if not self.tree.isExpanded(self.model.index(s, 0))}


class ViewBar(QWidget):
    """Above the list while a watch or a dossier is open: what is shown, and its button."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("viewBar")
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.AlternateBase)
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.mark_seen = QPushButton(_tr("Mark as seen"), self)
        self.mark_seen.setToolTip(_tr("Forget which articles are new for this watch"))
        self.mark_seen.setAccessibleName(_tr("Mark the watch's articles as seen"))
        self.remove = QPushButton(_tr("Remove"), self)
        self.remove.setToolTip(_tr("Take the selected articles out of this dossier"))
        self.remove.setAccessibleName(_tr("Remove the selected articles from the dossier"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 4, 6, 4)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.mark_seen)
        layout.addWidget(self.remove)
        self.clear()

    def clear(self) -> None:
        self.kind = ""
        self.name = ""
        self.hide()

    def show_watch(self, name: str, new: int, total: int) -> None:
        self.kind, self.name = "watch", name
        text = _tr("“{0}”: %n new", "", new).format(name) if new else \
            _tr("“{0}”: nothing new").format(name)
        self.label.setText(text + " · " + _tr("%n in all", "", total))
        self.mark_seen.setVisible(True)
        self.mark_seen.setEnabled(new > 0)
        self.remove.setVisible(False)
        self.show()

    def show_dossier(self, name: str, count: int, ordered: bool) -> None:
        self.kind, self.name = "dossier", name
        text = _tr("“{0}”: %n article(s)", "", count).format(name)
        text += ", " + (_tr("drag to reorder") if ordered else
                         _tr("sorted by the list's order; choose Relevance for the dossier's"))
        self.label.setText(text)
        self.mark_seen.setVisible(False)
        self.remove.setVisible(True)
        self.show()
